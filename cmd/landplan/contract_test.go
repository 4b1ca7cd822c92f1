package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/landplan/landplan/data"
)

type planJSON struct {
	Plan        string
	Contracts   int
	Previous    string
	Kept        int
	Years       []int
	Allocations []struct {
		Proposal, Parcel string
		Year             int
		Signed           bool
		AreaMu           float64 `json:"area_mu"`
	}
	Totals struct {
		NewLandByYear  map[string]float64 `json:"new_land_by_year"`
		QuotaByYear    map[string]float64 `json:"quota_by_year"`
		ProjectsByYear map[string]int     `json:"projects_by_year"`
	}
}

func planOf(t *testing.T, out string) planJSON {
	t.Helper()
	var p planJSON
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatalf("plan --json: %v\n%s", err, out)
	}
	return p
}

func storedContracts(t *testing.T, db string) int {
	t.Helper()
	d, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	cs, err := d.Contracts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(cs)
}

// Adopt a plan's allocations, import contracts signed elsewhere (Chinese
// headers), refuse bad contract files whole, keep every contract in the
// re-plan and in a programme, refuse a horizon year without a quota.
func TestContractsFlow(t *testing.T) {
	db := sampleDB(t)
	dir := filepath.Dir(db)
	code, out, errs := run(t, "plan", "--db", db, "--json", "--flips", "-1")
	if code != 0 {
		t.Fatalf("plan: exit %d\n%s", code, errs)
	}
	first := planOf(t, out)
	a, b := first.Allocations[0], first.Allocations[1]

	if code, out, errs := run(t, "adopt", first.Plan, "--db", db, "--proposal", a.Proposal, "--signed", "2026-11-30"); code != 0 || !strings.Contains(out, a.Proposal) || strings.Contains(out, b.Proposal) {
		t.Fatalf("adopt: exit %d\n%s\n%s", code, out, errs)
	}
	if code, _, errs := run(t, "adopt", first.Plan, "--db", db, "--proposal", "P-NONE"); code != 2 || !strings.Contains(errs, "does not place proposal P-NONE") {
		t.Errorf("adopt of a proposal not placed: exit %d\n%s", code, errs)
	}
	good := writeFile(t, dir, "signed.csv", "项目编号,地块编号,供地年度,供地面积(亩),签约日期\n"+
		b.Proposal+","+b.Parcel+",2026,"+fmtNum(b.AreaMu, 2)+",2026-10-08\n")
	if code, out, errs := run(t, "import", "contracts", good, "--db", db); code != 0 || !strings.Contains(out, "signed.csv:2") {
		t.Fatalf("import contracts: exit %d\n%s\n%s", code, out, errs)
	}
	if n := storedContracts(t, db); n != 2 {
		t.Fatalf("%d contracts stored, want 2", n)
	}

	// Each bad row is named with its conflict; nothing is stored.
	bad := writeFile(t, dir, "bad.csv", "项目编号,地块编号\n"+
		"P-UNKNOWN,"+b.Parcel+"\n"+
		first.Allocations[2].Proposal+",NO-SUCH-PARCEL\n"+
		first.Allocations[3].Proposal+",LD-A-04-03\n"+
		first.Allocations[4].Proposal+","+a.Parcel+"\n"+
		a.Proposal+","+first.Allocations[5].Parcel+"\n")
	code, _, errs = run(t, "import", "contracts", bad, "--db", db)
	if code != 2 {
		t.Errorf("bad contracts: exit %d, want 2\n%s", code, errs)
	}
	for _, want := range []string{"bad.csv row 2", "unknown proposal P-UNKNOWN", "bad.csv row 3", "NO-SUCH-PARCEL no longer exists",
		"bad.csv row 4", "reserved for public facilities", "bad.csv row 6", "already under contract"} {
		if !strings.Contains(errs, want) {
			t.Errorf("bad contracts: stderr lacks %q\n%s", want, errs)
		}
	}
	// The same, under --lang zh: each row and conflict in Chinese.
	code, _, errs = run(t, "--lang", "zh", "import", "contracts", bad, "--db", db)
	if code != 2 {
		t.Errorf("bad contracts, zh: exit %d, want 2\n%s", code, errs)
	}
	for _, want := range []string{"合同未予接受", "bad.csv 第 2 行", "未知项目 P-UNKNOWN", "bad.csv 第 3 行", "NO-SUCH-PARCEL 已不在供地池中",
		"bad.csv 第 4 行", "预留用地", "bad.csv 第 6 行", "已签合同"} {
		if !strings.Contains(errs, want) {
			t.Errorf("bad contracts, zh: stderr lacks %q\n%s", want, errs)
		}
	}
	if code, _, errs := run(t, "--lang", "zh", "adopt", first.Plan, "--db", db, "--proposal", "P-NONE"); code != 2 || !strings.Contains(errs, "未安排项目 P-NONE") || strings.Contains(errs, "does not place") {
		t.Errorf("adopt of a proposal not placed, zh: exit %d\n%s", code, errs)
	}
	if n := storedContracts(t, db); n != 2 {
		t.Errorf("%d contracts stored after the refused file, want 2", n)
	}

	// The re-plan keeps both contracts.
	code, out, errs = run(t, "plan", "--db", db, "--json", "--flips", "-1", "--previous", first.Plan)
	if code != 0 {
		t.Fatalf("re-plan: exit %d\n%s", code, errs)
	}
	re := planOf(t, out)
	if re.Contracts != 2 || re.Previous != first.Plan {
		t.Errorf("re-plan: %d contracts, previous %q", re.Contracts, re.Previous)
	}
	signed := map[string]string{}
	for _, x := range re.Allocations {
		if x.Signed {
			signed[x.Proposal] = x.Parcel
		}
	}
	if signed[a.Proposal] != a.Parcel || signed[b.Proposal] != b.Parcel {
		t.Errorf("re-plan keeps %v, want %s@%s and %s@%s", signed, a.Proposal, a.Parcel, b.Proposal, b.Parcel)
	}

	// A programme names its years; one beyond the quotas is refused.
	code, _, errs = run(t, "plan", "--db", db, "--json", "--horizon", "2026-2031")
	if code != 2 || !strings.Contains(errs, "quota.by_year.2031") {
		t.Errorf("--horizon 2026-2031: exit %d\n%s", code, errs)
	}
	code, _, errs = run(t, "plan", "--db", db, "--horizon", "2025-2027")
	if code != 2 || !strings.Contains(errs, "planning year 2026") {
		t.Errorf("--horizon 2025-2027: exit %d\n%s", code, errs)
	}
}
