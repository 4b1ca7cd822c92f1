package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// versionInfo is what `landplan version` prints: the build's module
// version and VCS state as the Go toolchain recorded them.
type versionInfo struct {
	Module   string `json:"module"`
	Version  string `json:"version"`
	Revision string `json:"revision,omitempty"`
	Time     string `json:"time,omitempty"`
	Modified bool   `json:"modified,omitempty"`
	Go       string `json:"go"`
	Platform string `json:"platform"`
}

// buildVersion reads the build information embedded by the Go toolchain:
// the module version ("(devel)" for a build inside the module's own
// checkout, vX.Y.Z for `go install ...@vX.Y.Z`) and, when the build saw
// the repository, its revision, commit time and whether the tree had
// changes.
func buildVersion() versionInfo {
	v := versionInfo{Module: "github.com/landplan/landplan", Version: "unknown", Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if bi.Main.Path != "" {
		v.Module = bi.Main.Path
	}
	if bi.Main.Version != "" {
		v.Version = bi.Main.Version
	}
	if bi.GoVersion != "" {
		v.Go = bi.GoVersion
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Revision = s.Value
		case "vcs.time":
			v.Time = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}

// runVersion prints the version of this build.
func (m *Main) runVersion() error {
	pos, err := m.parseArgs(m.newFlagSet())
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usageBoth("version takes no arguments", "version 不接受参数")
	}
	v := buildVersion()
	if m.JSON {
		return writeJSON(m.Stdout, v)
	}
	if m.Lang == langZH {
		fmt.Fprint(m.Stdout, versionTextZH(v))
		return nil
	}
	rev := "revision unknown (built without VCS information, e.g. with -buildvcs=false)"
	if v.Revision != "" {
		rev = "revision " + v.Revision
		if v.Time != "" {
			rev += " (" + v.Time + ")"
		}
		if v.Modified {
			rev += ", with uncommitted changes"
		}
	}
	fmt.Fprintf(m.Stdout, "landplan %s\n  module %s\n  %s\n  built with %s for %s\n", v.Version, v.Module, rev, v.Go, v.Platform)
	return nil
}

// versionTextZH is what `landplan version --lang zh` prints.
func versionTextZH(v versionInfo) string {
	ver := v.Version
	if ver == "(devel)" {
		ver = "开发构建（不是已发布的版本）"
	}
	rev := "修订号未知（构建时没有版本控制信息）"
	if v.Revision != "" {
		rev = "修订号 " + v.Revision
		if v.Time != "" {
			rev += "（" + v.Time + "）"
		}
		if v.Modified {
			rev += "，含未提交的修改"
		}
	}
	return fmt.Sprintf("landplan %s\n  模块 %s\n  %s\n  用 %s 构建，平台 %s\n", ver, v.Module, rev, v.Go, v.Platform)
}

// runHelp prints the list of commands, a group's commands, or one
// command's help with its flags (by asking the command itself for --help,
// so that the flags listed are the ones it parses).
func (m *Main) runHelp(ctx context.Context) error {
	var pos []string
	for _, a := range m.args {
		if isHelpFlag(a) {
			printCommandHelp(m.Stdout, m.Lang, "help", nil)
			return nil
		}
		pos = append(pos, a)
	}
	if len(pos) == 0 {
		fmt.Fprint(m.Stdout, usageText(m.Lang))
		return nil
	}
	name := strings.Join(pos, " ")
	n, ok := subcommands[pos[0]]
	switch {
	case !ok:
		return unknownCommand(name)
	case pos[0] == "help":
		printCommandHelp(m.Stdout, m.Lang, "help", nil)
		return nil
	case n == 2 && len(pos) == 1:
		if printGroupHelp(m.Stdout, m.Lang, pos[0]) {
			return nil
		}
		return unknownCommand(name)
	case len(pos) != n:
		return unknownCommand(name)
	}
	m.cmd, m.args = pos, []string{"--help"}
	if err := m.Run(ctx); !isHelp(err) {
		if err == nil {
			return fmt.Errorf("landplan %s printed no help", name)
		}
		return err
	}
	return nil
}

// isHelpFlag reports whether a is -h, -help or --help.
func isHelpFlag(a string) bool {
	return a == "-h" || a == "-help" || a == "--help" || a == "--h"
}
