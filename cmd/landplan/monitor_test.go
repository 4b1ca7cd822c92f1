package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/landplan/landplan/data"
	"github.com/landplan/landplan/planner"
)

// TestMonitorFlow follows the demo's awards: bad performance files are
// refused with exit status 2, each problem named by file, row and column,
// leaving the database byte for byte as it was; the register of plan-1
// covers every award; the exports are written; --feed turns the land found
// idle (not shared with other awards) into idle stock land.
func TestMonitorFlow(t *testing.T) {
	dir := demoDB(t)
	db := filepath.Join(dir, "landplan.gpkg")
	for _, f := range []string{"covenants.html", "covenants.xlsx", "monitor-2029.html", "monitor-2029.xlsx", "performance-sample-2029.csv"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("demo output %s: %v", f, err)
		}
	}
	code, planOut, _ := run(t, "show", "plan-1", "--db", db, "--json")
	if code != 0 {
		t.Fatal("show plan-1 failed")
	}
	var pl struct {
		Allocations []struct{ Proposal, Parcel string }
		Unallocated []struct{ Proposal string }
	}
	if err := json.Unmarshal([]byte(planOut), &pl); err != nil || len(pl.Allocations) == 0 || len(pl.Unallocated) == 0 {
		t.Fatalf("plan-1: %v", err)
	}
	// An award of plan-1 and a proposal it leaves out.
	a, left := pl.Allocations[0], pl.Unallocated[0].Proposal
	header := "项目编号,宗地编号,企业名称,年度,产值,税收,累计投资,就业人数,综合能耗,已建建筑面积,动工日期,竣工日期,停工日期,政府原因延迟\n"
	before := fileSHA(t, db)
	r := strings.NewReplacer("AWARD", a.Proposal+","+a.Parcel, "OUT", left+","+a.Parcel)
	for _, c := range []struct {
		name, rows string
		want       []string
	}{
		{"unknown project", "PX," + a.Parcel + ",甲,2030,0,0,0,0,0,0,,,,\n", []string{"bad.csv", "row 2", "project", "unknown project"}},
		{"unknown parcel", "" + a.Proposal + ",ZZ-9,甲,2030,0,0,0,0,0,0,,,,\n", []string{"bad.csv", "row 2", "parcel", "unknown parcel"}},
		{"not awarded", "OUT,甲,2030,0,0,0,0,0,0,,,,\n", []string{"bad.csv", "row 2", "parcel", "not awarded"}},
		{"two rows for one year", "AWARD,甲,2030,0,0,0,0,0,0,,,,\nAWARD,甲,2030,0,0,0,0,0,0,,,,\n", []string{"bad.csv", "row 3", "year"}},
		{"already stored", "AWARD,甲,2029,0,0,0,0,0,0,,,,\n", []string{"bad.csv", "row 2", "year", "already has a stored row"}},
		{"negative figure", "AWARD,甲,2030,-1,0,0,0,0,0,,,,\n", []string{"bad.csv", "row 2", "output", "negative"}},
		{"missing figure", "AWARD,甲,2030,0,,0,0,0,0,,,,\n", []string{"bad.csv", "row 2", "tax", "missing"}},
		{"dates out of order", "AWARD,甲,2030,0,0,0,0,0,0,2029-05-01,2028-01-01,,\n", []string{"bad.csv", "row 2", "completed", "before it started"}},
	} {
		p := writeFile(t, dir, "bad.csv", header+r.Replace(c.rows))
		code, _, errs := run(t, "import", "performance", p, "--db", db)
		if code != 2 {
			t.Errorf("%s: exit %d, want 2\n%s", c.name, code, errs)
		}
		for _, w := range c.want {
			if !strings.Contains(errs, w) {
				t.Errorf("%s: stderr does not name %q:\n%s", c.name, w, errs)
			}
		}
		if got := fileSHA(t, db); got != before {
			t.Fatalf("%s: the refused import changed the database", c.name)
		}
	}

	code, regOut, errs := run(t, "monitor", "--db", db, "--plan", "plan-1", "--json",
		"--export", filepath.Join(dir, "m.xlsx"), "--covenants", filepath.Join(dir, "c.html"))
	if code != 0 {
		t.Fatalf("monitor: exit %d\n%s", code, errs)
	}
	var reg struct {
		Plan    string
		Year    int
		Entries []struct {
			Project, Parcel, Status, Class string
			Shared                         bool
		}
		Counts map[string]int
	}
	if err := json.Unmarshal([]byte(regOut), &reg); err != nil {
		t.Fatal(err)
	}
	if reg.Plan != "plan-1" || reg.Year != 2029 || len(reg.Entries) != len(pl.Allocations) {
		t.Fatalf("register of %s %d: %d entries for %d awards", reg.Plan, reg.Year, len(reg.Entries), len(pl.Allocations))
	}
	// A monitoring date that is not one, in Chinese.
	code, _, errs = run(t, "monitor", "--db", db, "--plan", "plan-1", "--as-of", "2029/12/31", "--lang", "zh")
	if want := `监测：监测日期 "2029/12/31" 不是 YYYY-MM-DD 格式的日期`; code != 2 || !strings.Contains(errs, want) || englishLeak.FindString(errs) != "" {
		t.Errorf("monitor --as-of 2029/12/31 --lang zh: exit %d, want 2 and %q:\n%s", code, want, errs)
	}
	idle := map[string]bool{}
	for _, e := range reg.Entries {
		if (e.Status == "recovery" || e.Status == "idle_fee" || e.Status == "idle") && !e.Shared {
			idle[e.Parcel] = true
		}
	}
	if reg.Counts["recovery"]+reg.Counts["idle_fee"] == 0 || len(idle) == 0 {
		t.Fatalf("the sample has no idle award on a parcel of its own: %v", reg.Counts)
	}
	for _, f := range []string{"m.xlsx", "c.html"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("monitor output %s: %v", f, err)
		}
	}

	if code, _, errs := run(t, "monitor", "--db", db, "--plan", "plan-1", "--feed"); code != 0 || !strings.Contains(errs, "land pool updated") {
		t.Fatalf("monitor --feed: exit %d\n%s", code, errs)
	}
	d, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}

	parcels, err := d.Parcels(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range parcels {
		if idle[x.ID] && (x.Status != planner.StatusIdle || x.AgreedStart == "") {
			t.Errorf("parcel %s found idle is %s with agreed start %q after --feed", x.ID, x.Status, x.AgreedStart)
		}
	}
	d.Close()

	// A profile dated after the monitoring (its own later years replacing
	// the default's) finds that land idle under 令第53号, recovery the
	// route: stock land the next plan may supply.
	later := writeFile(t, dir, "later.toml", "[plan]\nas_of = \"2030-06-30\"\n[quota.by_year]\n\"2031\" = 1200.0\n\"2032\" = 1200.0\n\"2033\" = 1200.0\n\"2034\" = 1200.0\n")
	code, out, errs := run(t, "check", "--db", db, "--policy", later, "--json")
	if code != 0 {
		t.Fatalf("check --policy later.toml: exit %d\n%s", code, errs)
	}
	var rep struct {
		Idle []struct {
			Parcel  string
			Finding struct{ Disposal string }
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, c := range rep.Idle {
		found[c.Parcel] = true
	}
	for x := range idle {
		if !found[x] {
			t.Errorf("parcel %s fed as idle is not idle land at 2030-06-30", x)
		}
	}
}
