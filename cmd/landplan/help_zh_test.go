package main

import (
	"strings"
	"testing"
)

// scanHelp scans what a Chinese reader gets when asking for help: the
// list of commands (help, --help, and the list printed without a
// command), every command's help in the three ways it is asked for, the
// groups' lists and the version.
func scanHelp(t *testing.T, sc *leakScanner) {
	t.Helper()
	for _, args := range [][]string{{"help"}, {"--help"}, {"help", "help"}, {"version"}, {"help", "import"}, {"scenario", "--help"}, {"policy", "-h"}} {
		code, out, errs := run(t, append(args, "--lang", "zh")...)
		if code != 0 {
			t.Errorf("landplan %s --lang zh: exit %d\n%s", strings.Join(args, " "), code, errs)
			continue
		}
		sc.scan(strings.Join(args, " ")+" --lang zh", out)
	}
	code, _, errs := run(t, "--lang", "zh")
	if code != 2 {
		t.Errorf("landplan --lang zh without a command: exit %d", code)
	}
	sc.scan("landplan --lang zh (no command)", errs)
	for _, name := range commandOrder {
		if name == "help" {
			continue
		}
		words := strings.Fields(name)
		for _, args := range [][]string{append(append([]string{}, words...), "--help"), append([]string{"help"}, words...)} {
			code, out, errs := run(t, append(args, "--lang", "zh")...)
			if code != 0 {
				t.Errorf("landplan %s --lang zh: exit %d\n%s", strings.Join(args, " "), code, errs)
				continue
			}
			sc.scan(strings.Join(args, " ")+" --lang zh", out)
		}
	}
}

// TestChineseHelp checks the help in Chinese: every command is listed in
// `landplan help` and has a Chinese summary, the headings are Chinese
// whether the language comes from --lang (before or after -h) or from
// LANG, and no English word is left (the scan of
// TestChineseOutputHasNoIdentifiers, without a database).
func TestChineseHelp(t *testing.T) {
	for name := range commandDocs {
		if summaryZH[name] == "" {
			t.Errorf("command %q has no Chinese summary (summaryZH)", name)
		}
		found := false
		for _, n := range commandOrder {
			found = found || n == name
		}
		if !found {
			t.Errorf("command %q is missing from the list of commands (commandOrder)", name)
		}
	}
	_, list, _ := run(t, "help", "--lang", "zh")
	for _, n := range commandOrder {
		if !strings.Contains(list, "landplan "+n) || !strings.Contains(list, summaryZH[n]) {
			t.Errorf("landplan help --lang zh does not list %s with its summary", n)
		}
	}
	for _, args := range [][]string{{"--lang", "zh", "-h"}, {"-h", "--lang", "zh"}} {
		if code, out, _ := run(t, args...); code != 0 || out != list {
			t.Errorf("landplan %s: exit %d, not the Chinese list:\n%s", strings.Join(args, " "), code, out)
		}
	}
	_, en, _ := run(t, "plan", "--help", "--lang", "en")
	_, zh, _ := run(t, "plan", "--help", "--lang", "zh")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "zh_CN.UTF-8")
	_, env, _ := run(t, "plan", "--help")
	if env != zh || zh == en {
		t.Errorf("plan --help under LANG=zh_CN is not the Chinese help:\n%s", env)
	}
	for _, want := range []string{"用法：landplan plan", "\n参数：\n", "全局参数", "\n示例：\n  landplan plan", "--time-limit 时长", summaryZH["plan"]} {
		if !strings.Contains(zh, want) {
			t.Errorf("plan --help --lang zh lacks %q:\n%s", want, zh)
		}
	}
	if _, v, _ := run(t, "version"); !strings.Contains(v, "模块 ") {
		t.Errorf("version under LANG=zh_CN is not Chinese:\n%s", v)
	}
	t.Setenv("LANG", "C")
	sc := &leakScanner{t: t, dir: t.TempDir()}
	scanHelp(t, sc)
	sc.report()
}
