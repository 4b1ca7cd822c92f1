package policy

import (
	"errors"
	"strings"
	"testing"

	"github.com/landplan/landplan/planner"
)

// TestLoadByYearReplaces checks that a [quota.by_year] table in a profile
// file replaces the default's later years whole, so that a profile dated
// after them loads; a file without one keeps the default's.
func TestLoadByYearReplaces(t *testing.T) {
	p, err := Load(strings.NewReader("[plan]\nas_of = \"2030-06-30\"\n[quota.by_year]\n\"2031\" = 900.0\n"), "later.toml")
	if err != nil {
		t.Fatalf("a profile dated 2030 with its own later years: %v", err)
	}
	if len(p.Quota.ByYear) != 1 || p.Quota.ByYear["2031"] != 900 {
		t.Errorf("by_year %v, want only 2031 = 900", p.Quota.ByYear)
	}
	if _, err := Load(strings.NewReader("[plan]\nas_of = \"2030-06-30\"\n"), "later.toml"); err == nil || !strings.Contains(err.Error()+diagText(err), "before the planning year") {
		t.Errorf("dated 2030 keeping the default's 2027–2029: %v, want them refused", err)
	}
	q, err := Load(strings.NewReader("[quota]\nnew_land_mu = 800.0\n"), "q.toml")
	if err != nil || len(q.Quota.ByYear) != len(Default().Quota.ByYear) {
		t.Errorf("without [quota.by_year] the default's years stay: %v %v", q.Quota.ByYear, err)
	}
}

func diagText(err error) string {
	var b strings.Builder
	var pe *planner.Error
	if errors.As(err, &pe) {
		for _, d := range pe.Diagnostics {
			b.WriteString(d.Message + "\n")
		}
	}
	return b.String()
}
