package sweep

import (
	"regexp"
	"strings"
	"testing"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/internal/gosrc"
	"github.com/landplan/landplan/planner/policy"
)

// TestAxisMessagesHaveChineseForms checks that every message format
// ParseAxis's bad is given has a Chinese form in axisZH with the same
// verbs (an explicit argument index may reorder them), and that axisZH
// holds no format bad is not given.
func TestAxisMessagesHaveChineseForms(t *testing.T) {
	lits, err := gosrc.Strings(".")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, l := range lits {
		if l.Call == "bad" && l.Arg == 0 {
			used[l.Value] = true
		}
	}
	if len(used) < 10 {
		t.Fatalf("found %d formats: the scan misses ParseAxis", len(used))
	}
	verb := regexp.MustCompile(`%(?:\[\d+\])?[-+# 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z]`)
	index := regexp.MustCompile(`\[\d+\]`)
	norm := func(s string) string {
		vs := verb.FindAllString(s, -1)
		for i := range vs {
			vs[i] = index.ReplaceAllString(vs[i], "")
		}
		return strings.Join(vs, " ")
	}
	for f := range used {
		zh, ok := axisZH[f]
		if !ok {
			t.Errorf("no Chinese form of %q", f)
			continue
		}
		if a, b := norm(zh), norm(f); len(a) != len(b) || strings.Count(a, " ") != strings.Count(b, " ") {
			t.Errorf("Chinese form of %q: %q", f, zh)
		}
	}
	for f := range axisZH {
		if !used[f] {
			t.Errorf("axisZH has %q, which ParseAxis does not use", f)
		}
	}
}

// TestParseAxisInChinese checks the Chinese messages of bad sweeps: each
// names the key and says what is wrong.
func TestParseAxisInChinese(t *testing.T) {
	for _, tc := range []struct{ spec, want string }{
		{"quota.new_land_mu=1000:1200:0", `键 "quota.new_land_mu" 的范围没有取值点：步长 0 不能从 1000 走到 1200`},
		{"quota.new_land_mu=1:1000:1", `键 "quota.new_land_mu" 的范围有 1000 个取值点，超过 200 个`},
		{"facility.over_cap=1:2:1", `键 "facility.over_cap" 不是数值（是文本设置）`},
		{"facility.raised_cap=0.1,abc", `键 "facility.raised_cap" 的取值 abc：键 "facility.raised_cap" 的值 "abc" 无效：应为数字`},
		{"quota.new_lnd_mu=1:2:1", `未知的键 "quota.new_lnd_mu"`},
		{"quota.new_land_mu", `应为 键=起:止:步长 或 键=a,b,c`},
	} {
		_, err := ParseAxis(policy.Default(), tc.spec)
		pe, ok := err.(*planner.Error)
		if !ok {
			t.Errorf("%s: %v, want a *planner.Error", tc.spec, err)
			continue
		}
		if !strings.Contains(pe.MsgZH, tc.want) || len(pe.Diagnostics) != 1 || pe.Diagnostics[0].MessageZH == "" {
			t.Errorf("%s: Chinese %q, want %q (English: %s)", tc.spec, pe.MsgZH, tc.want, pe.Msg)
		}
	}
}
