package main

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/landplan/landplan/data/sample"
)

type sweepJSON struct {
	Points int
	Rows   []struct {
		Set       []string
		Plan      string
		Objective float64
		Bound     float64
		Gap       float64
		Status    string
		Scenario  struct{ Name string }
		Marginal  []struct {
			Key     string
			PerMu   float64 `json:"per_mu"`
			Binding bool
		} `json:"marginal_values"`
	}
}

// TestSweep runs a quota sweep on the demo database, warm-started and
// cold, and checks every point against a separate `plan --scenario` run of
// the same settings: the same plan, byte for byte (content hash). The
// points are quotas the solver proves to the target gap on this machine
// well inside the time limit, so that the runs are deterministic.
func TestSweep(t *testing.T) {
	db := sampleDB(t)
	dir := filepath.Dir(db)
	chart := filepath.Join(dir, "sweep.png")
	code, out, errs := run(t, "sweep", "--db", db, "--json", "--set", "quota.new_land_mu=0,1200,3000", "--time-limit", "30s", "--chart", chart)
	if code != 0 {
		t.Fatalf("sweep: exit %d\n%s", code, errs)
	}
	var res sweepJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("sweep --json: %v\n%s", err, out)
	}
	if res.Points != 3 || len(res.Rows) != 3 {
		t.Fatalf("sweep: %d points, %d rows; want 3", res.Points, len(res.Rows))
	}
	prev := ""
	for i, r := range res.Rows {
		if r.Status == "time_limit" {
			t.Fatalf("point %d (%v) stopped by the time limit: the comparison needs a proven point", i, r.Set)
		}
		if want := "sweep:" + r.Set[0]; r.Scenario.Name != want {
			t.Errorf("point %d: scenario %q, want %q", i, r.Scenario.Name, want)
		}
		if i > 0 && r.Objective <= res.Rows[i-1].Objective {
			t.Errorf("point %d: objective %g not above the smaller quota's %g", i, r.Objective, res.Rows[i-1].Objective)
		}
		// The same scenario, started from the same plan, by plan.
		args := []string{"plan", "--db", db, "--json", "--scenario", r.Scenario.Name, "--flips", "-1", "--time-limit", "30s"}
		if prev != "" {
			args = append(args, "--warm-start", prev)
		}
		code, _, errs := run(t, args...)
		if code != 0 {
			t.Fatalf("plan %v: exit %d\n%s", args, code, errs)
		}
		if !strings.Contains(errs, "gave "+r.Plan+" again") {
			t.Errorf("point %d: plan %v is not identical to the sweep's %s: %s", i, args, r.Plan, errs)
		}
		prev = r.Plan
	}
	// At the demo's quota the quota binds and has a price.
	mid := res.Rows[1]
	if len(mid.Marginal) == 0 || mid.Marginal[0].Key != "quota.new_land_mu" || !mid.Marginal[0].Binding || mid.Marginal[0].PerMu <= 0 {
		t.Errorf("marginal values at 1200 mu: %+v", mid.Marginal)
	}
	f, err := os.Open(chart)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil || img.Bounds().Dx() < 400 {
		t.Errorf("chart: %v %v", err, img)
	}

	// Cold: every point is the plan `plan --scenario` makes.
	code, out, errs = run(t, "sweep", "--db", db, "--json", "--cold", "--set", "quota.new_land_mu=0,3000", "--time-limit", "30s")
	if code != 0 {
		t.Fatalf("sweep --cold: exit %d\n%s", code, errs)
	}
	res = sweepJSON{}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Rows {
		code, _, errs := run(t, "plan", "--db", db, "--scenario", r.Scenario.Name, "--flips", "-1", "--time-limit", "30s")
		if code != 0 || !strings.Contains(errs, " again: it is not stored twice") {
			t.Errorf("plan --scenario %s: exit %d, not identical to a stored plan: %s", r.Scenario.Name, code, errs)
		}
	}

	// show and compare work on the points; show gives the marginal values.
	code, txt, errs := run(t, "show", res.Rows[0].Plan, "--db", db, "--lang", "zh")
	if code != 0 || !strings.Contains(txt, "边际价值") {
		t.Errorf("show %s: exit %d %s\n%s", res.Rows[0].Plan, code, errs, txt)
	}
	if code, _, errs := run(t, "compare", res.Rows[0].Plan, res.Rows[1].Plan, "--db", db); code != 0 {
		t.Errorf("compare: exit %d %s", code, errs)
	}

	// HTML and SVG charts, in Chinese.
	html := filepath.Join(dir, "sweep.html")
	if code, _, errs := run(t, "sweep", "--db", db, "--lang", "zh", "--set", "quota.new_land_mu=0,3000", "--chart", html, "--time-limit", "30s"); code != 0 {
		t.Fatalf("sweep --chart html: exit %d %s", code, errs)
	}
	b, err := os.ReadFile(html)
	if err != nil || !bytes.Contains(b, []byte("<svg")) || !bytes.Contains(b, []byte("目标值")) || !bytes.Contains(b, []byte(`class="band"`)) {
		t.Errorf("sweep report: %v, %d bytes", err, len(b))
	}
}

// TestSweepBadInput: each bad sweep exits 2 naming the key and stores no
// plan and no scenario.
func TestSweepBadInput(t *testing.T) {
	db := sampleDB(t)
	before := fileSHA(t, db)
	for _, c := range []struct {
		set  []string
		want string
	}{
		{[]string{"quota.new_land_muu=1:2:1"}, `"quota.new_land_muu"`},
		{[]string{"quota.new_land_mu=1200:1000:100"}, `"quota.new_land_mu" has no points`},
		{[]string{"quota.new_land_mu=0:1000:0"}, `"quota.new_land_mu" has no points`},
		{[]string{"quota.new_land_mu=0:1000:1"}, `"quota.new_land_mu" has 1001 points, more than 200`},
		{[]string{"quota.new_land_mu=-100,1200"}, `quota.new_land_mu`},
		{[]string{"facility.raised_cap=0.1:2:0.5"}, `facility.raised_cap`},
		{[]string{"stock.first=0:1:1"}, `"stock.first" is not a number`},
		{[]string{"objective.measure=1:3:1"}, `"objective.measure" is not a number`},
		{[]string{"quota.new_land_mu=abc"}, `quota.new_land_mu`},
		{[]string{"quota.new_land_mu=0:100:1", "stock.first=true,false,true"}, `303 points, more than 200`},
		{[]string{"quota.new_land_mu"}, `quota.new_land_mu`},
	} {
		args := []string{"sweep", "--db", db, "--time-limit", "5s"}
		for _, s := range c.set {
			args = append(args, "--set", s)
		}
		code, _, errs := run(t, args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, want 2 naming %s; stderr %q", c.set, code, c.want, errs)
		}
	}
	if after := fileSHA(t, db); after != before {
		t.Errorf("a refused sweep changed the database")
	}
}

// sampleDB imports the embedded Liuzhou sample into a new database with
// the import commands, without the demo's plans and exports, and returns
// its path.
func sampleDB(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "landplan.gpkg")
	pf := writeFile(t, dir, sample.ParcelsFile, string(sample.ParcelsGeoJSON))
	qf := writeFile(t, dir, sample.ProposalsFile, string(sample.ProposalsCSV))
	for _, args := range [][]string{{"import", "parcels", pf}, {"import", "proposals", qf}} {
		if code, _, errs := run(t, append(args, "--db", db)...); code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, code, errs)
		}
	}
	return db
}

// TestSweepBaseScenario: a sweep from a base scenario names its points
// after it and applies its overrides first; a point whose name is stored
// with other overrides is refused before anything runs.
func TestSweepBaseScenario(t *testing.T) {
	db := sampleDB(t)
	if code, _, errs := run(t, "scenario", "add", "cap7", "--set", "facility.eligible_zones=[]", "--db", db); code != 0 {
		t.Fatalf("scenario add: exit %d %s", code, errs)
	}
	code, out, errs := run(t, "sweep", "--db", db, "--json", "--scenario", "cap7", "--set", "quota.new_land_mu=0", "--time-limit", "30s")
	if code != 0 {
		t.Fatalf("sweep --scenario cap7: exit %d %s", code, errs)
	}
	var res struct {
		Rows []struct {
			Scenario struct {
				Name      string
				Overrides []string
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Rows) != 1 {
		t.Fatalf("sweep --json: %v %s", err, out)
	}
	sc := res.Rows[0].Scenario
	if sc.Name != "sweep:cap7+quota.new_land_mu=0" || strings.Join(sc.Overrides, " ") != "facility.eligible_zones=[] quota.new_land_mu=0" {
		t.Errorf("point scenario %+v", sc)
	}
	// A scenario stored under a point's name with other overrides.
	if code, _, errs := run(t, "scenario", "add", "sweep:quota.new_land_mu=5", "--set", "stock.first=true", "--db", db); code != 0 {
		t.Fatalf("scenario add: exit %d %s", code, errs)
	}
	before := fileSHA(t, db)
	code, _, errs = run(t, "sweep", "--db", db, "--set", "quota.new_land_mu=0,5", "--time-limit", "30s")
	if code != 2 || !strings.Contains(errs, `"sweep:quota.new_land_mu=5" is stored with other overrides`) {
		t.Errorf("conflicting point name: exit %d %s", code, errs)
	}
	if fileSHA(t, db) != before {
		t.Errorf("the refused sweep changed the database")
	}
}
