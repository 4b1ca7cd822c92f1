package planner

import "testing"

func TestChineseNames(t *testing.T) {
	for _, et := range EnterpriseTypeNames {
		if n := EnterpriseTypeNameZH(et); n == et || n == "" {
			t.Errorf("enterprise type %q has no Chinese name", et)
		}
	}
	for _, v := range []Verdict{VerdictPass, VerdictFail, VerdictInfo} {
		if n := VerdictNameZH(v); n == string(v) {
			t.Errorf("verdict %q has no Chinese name", v)
		}
	}
	for _, s := range []Severity{SeverityError, SeverityWarning, SeverityInfo} {
		if n := SeverityNameZH(s); n == string(s) {
			t.Errorf("severity %q has no Chinese name", s)
		}
	}
	for _, m := range SupplyModes {
		if n := SupplyModeNameZH(m); n == m {
			t.Errorf("supply mode %q has no Chinese name", m)
		}
	}
	for _, st := range Statuses {
		if n := st.NameZH(); n == string(st) {
			t.Errorf("status %q has no Chinese name", st)
		}
	}
}

func TestClauseZH(t *testing.T) {
	for in, want := range map[string]string{"12": "第十二条", "12.4": "第十二条第四句", "5": "第五条", "13": "第十三条", "7": "第七条", "21": "第二十一条", "": "", "x": "第x条"} {
		if got := ClauseZH(in); got != want {
			t.Errorf("ClauseZH(%q) = %q, want %q", in, got, want)
		}
	}
}
