package rules

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// constStrings returns the string constants of the package's non-test
// files whose names start with prefix, by name.
func constStrings(t *testing.T, prefix string) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, e.Name(), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if !strings.HasPrefix(n.Name, prefix) || i >= len(vs.Values) {
						continue
					}
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						t.Errorf("%s: constant %s is not a string literal; name it in RuleNameZH's test by hand", fset.Position(n.Pos()), n.Name)
						continue
					}
					s, _ := strconv.Unquote(lit.Value)
					out[n.Name] = s
				}
			}
		}
	}
	return out
}

func TestEveryRuleHasAChineseName(t *testing.T) {
	rules := constStrings(t, "Rule")
	if len(rules) < 30 {
		t.Fatalf("found only %d Rule constants", len(rules))
	}
	for name, rule := range rules {
		zh := RuleNameZH(rule)
		if zh == rule || zh == "" || strings.IndexFunc(zh, func(r rune) bool { return r < unicode.MaxASCII && unicode.IsLetter(r) }) >= 0 {
			t.Errorf("%s (%q) has no Chinese name in names.go: RuleNameZH gives %q", name, rule, zh)
		}
	}
	if got := RuleNameZH("quota.zone_caps.河西柳州高新区"); got != "园区新增用地上限(河西柳州高新区)" {
		t.Errorf("zone cap: %q", got)
	}
	if got := RuleNameZH("no.such_rule"); got != "no.such_rule" {
		t.Errorf("unknown rule: %q", got)
	}
	for _, d := range []string{DisposalIdleFee, DisposalRecovery} {
		if DisposalNameZH(d) == d {
			t.Errorf("disposal %q has no Chinese name", d)
		}
	}
}
