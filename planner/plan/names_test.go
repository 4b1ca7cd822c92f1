package plan

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/landplan/landplan/planner/assign"
)

// hasASCIILetter reports whether s holds an ASCII letter.
func hasASCIILetter(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r < unicode.MaxASCII && unicode.IsLetter(r) }) >= 0
}

// packageConsts returns the string constants of the package's non-test
// files whose names start with prefix, by name.
func packageConsts(t *testing.T, prefix string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
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
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						out[n.Name], _ = strconv.Unquote(lit.Value)
					}
				}
			}
		}
	}
	return out
}

func TestEveryPlanNameHasAChineseName(t *testing.T) {
	for prefix, name := range map[string]func(string) string{
		"Rule": RuleNameZH, "Cause": CauseNameZH, "Lot": LotKindNameZH, "Action": ActionNameZH,
	} {
		consts := packageConsts(t, prefix)
		if len(consts) == 0 {
			t.Errorf("no %s constants found", prefix)
		}
		for c, v := range consts {
			if zh := name(v); zh == v || zh == "" || hasASCIILetter(zh) {
				t.Errorf("%s (%q) has no Chinese name in names.go: %q", c, v, zh)
			}
		}
	}
	for s := assign.Optimal; s <= assign.Infeasible; s++ {
		if zh := StatusNameZH(statusName(s)); hasASCIILetter(zh) {
			t.Errorf("solver status %q has no Chinese name: %q", statusName(s), zh)
		}
	}
	for _, m := range []string{
		"Lagrangian relaxation of the item, side-constraint and exclusive-group rows (projected subgradient, Polyak steps), exact 0-1 knapsack per bin (Dantzig bound where the search is cut off); branch and bound on pairs with that bound at every node",
		"presolve: the forced pairs violate a constraint",
		"Lagrangian relaxation of the item, side-constraint and exclusive-group rows (projected subgradient and volume algorithm), exact 0-1 knapsack per bin (Dantzig bound where the search is cut off); at the root also the LP relaxation with Gomory mixed-integer and knapsack cover cuts; branch and bound on pairs with that bound at every node",
		"Lagrangian relaxation of the item, side-constraint and exclusive-group rows (projected subgradient and volume algorithm), exact 0-1 knapsack per bin (Dantzig bound where the search is cut off); at the root also the LP relaxation with Gomory mixed-integer and knapsack cover cuts; branch and bound on pairs with that bound at every node, side by side with branch and bound on the LP bound with the root's cuts kept (dual simplex from the parent's basis), the lower of the two bounds",
	} {
		if zh := BoundMethodZH(m); zh == m || strings.Contains(zh, "relaxation") {
			t.Errorf("bound method %q: %q", m, zh)
		}
	}
	if got := RuleNameZH(QuotaConstraint); got != "新增建设用地指标" {
		t.Errorf("RuleNameZH(QuotaConstraint) = %q", got)
	}
}
