package policy

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/internal/gosrc"
)

// TestValidatorMessagesHaveChineseForms checks that every message format
// the validator's errf, warnf and errList are given has a Chinese form in
// validateZH with the same verbs in the same order, and that validateZH
// holds no format the validator does not use.
func TestValidatorMessagesHaveChineseForms(t *testing.T) {
	lits, err := gosrc.Strings(".")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, l := range lits {
		if (l.Call == "errf" || l.Call == "warnf" || l.Call == "errList") && l.Arg == 1 {
			used[l.Value] = true
		}
	}
	if len(used) < 30 {
		t.Fatalf("found %d formats: the scan misses the validator", len(used))
	}
	verbs := regexp.MustCompile(`%[-+# 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z]`)
	for f := range used {
		zh, ok := validateZH[f]
		if !ok {
			t.Errorf("no Chinese form of %q", f)
			continue
		}
		hasHan := strings.IndexFunc(zh, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
		if (!hasHan && f != "%s") || strings.Join(verbs.FindAllString(zh, -1), " ") != strings.Join(verbs.FindAllString(f, -1), " ") {
			t.Errorf("Chinese form of %q: %q", f, zh)
		}
	}
	for f := range validateZH {
		if !used[f] {
			t.Errorf("validateZH has %q, which the validator does not use", f)
		}
	}
}

// TestOverrideErrorsInChinese applies bad overrides and checks that each
// diagnostic has a Chinese message naming the key and what is wrong.
func TestOverrideErrorsInChinese(t *testing.T) {
	for _, tc := range []struct {
		o    Override
		want string
	}{
		{Override{"facility.raised_capp", "0.1"}, `未知的键 "facility.raised_capp"；是否想用 "facility.raised_cap"`},
		{Override{"facility.raised_cap", "abc"}, `键 "facility.raised_cap" 的值 "abc" 无效：应为数字`},
		{Override{"stock.first", "maybe"}, `键 "stock.first" 的值 "maybe" 无效：应为 true 或 false`},
		{Override{"facility", "1"}, `键 "facility" 是一个表`},
		{Override{"facility.raised_cap", "3"}, `3 超出范围 [0.07, 1]`},
	} {
		_, err := Default().Apply([]Override{tc.o})
		if err == nil {
			t.Errorf("%s: no error", tc.o)
			continue
		}
		pe, ok := err.(*planner.Error)
		if !ok {
			t.Errorf("%s: %T %v, want a *planner.Error", tc.o, err, err)
			continue
		}
		var zh []string
		for _, d := range pe.Diagnostics {
			if d.Property != tc.o.Key {
				t.Errorf("%s: diagnostic names %q", tc.o, d.Property)
			}
			zh = append(zh, d.MessageZH)
		}
		text := err.Error()
		if !strings.Contains(strings.Join(zh, "\n"), tc.want) {
			t.Errorf("%s: Chinese diagnostics %q lack %q (English: %s)", tc.o, zh, tc.want, text)
		}
	}
}

// TestChineseListsAndParseErrors checks the Chinese forms that join names
// (with 、, not ", ") and the Chinese form of a TOML syntax error (its
// line, column and text, none of the parser's English).
func TestChineseListsAndParseErrors(t *testing.T) {
	p := Default()
	err := p.Set("stock.firs", "1")
	var te *textError
	if !errors.As(err, &te) || !strings.Contains(te.zh, `是否想用 "stock.first"、"stock.first_bonus"？`) {
		t.Errorf("unknown key, two suggestions: %v", err)
	}
	_, err = Default().Apply([]Override{{"objective.measure", "foo"}})
	var pe *planner.Error
	if !errors.As(err, &pe) || len(pe.Diagnostics) == 0 {
		t.Fatalf("a bad measure: %v", err)
	}
	if zh := pe.Diagnostics[0].MessageZH; !strings.Contains(zh, `"delivery"、"score"、"score_area"、"output"、"tax"`) || strings.Contains(zh, ", ") {
		t.Errorf("a bad measure in Chinese: %q", zh)
	}
	_, err = Load(strings.NewReader("[quota]\nnew_land_mu = = 3\n"), "bad.toml")
	if !errors.As(err, &pe) || len(pe.Diagnostics) != 1 {
		t.Fatalf("a TOML syntax error: %v", err)
	}
	d := pe.Diagnostics[0]
	if d.Location != "line 2" || !strings.HasPrefix(d.MessageZH, "TOML 语法错误：第 ") || !strings.Contains(d.MessageZH, `（该行为 "new_land_mu = = 3"）`) ||
		strings.Contains(d.MessageZH, "expected") || d.Message == d.MessageZH {
		t.Errorf("a TOML syntax error: %q / %q", d.Message, d.MessageZH)
	}
}
