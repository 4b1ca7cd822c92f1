package monitor_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/landplan/landplan/geo/area"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/monitor"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

func ptr[T any](v T) *T { return &v }

// square is a parcel of side d degrees at (lon, lat) near Liuzhou.
func square(id string, lon, lat, d float64) planner.Parcel {
	mp := orb.MultiPolygon{{{{lon, lat}, {lon + d, lat}, {lon + d, lat + d}, {lon, lat + d}, {lon, lat}}}}
	return planner.Parcel{ID: id, Zone: "河西柳州高新区", LandUse: "100102", Status: planner.StatusNew,
		Price: ptr(240.0), Serviced: ptr(true), MinPlotRatio: ptr(1.0), MaxPlotRatio: ptr(3.0),
		Geometry: mp, AreaM2: area.EllipsoidArea(mp)}
}

// proposal is a project of other manufacturing (standard-land thresholds
// 200/360/16 万元/亩) on 40 亩.
func proposal(id string) planner.Proposal {
	return planner.Proposal{ID: id, Name: "项目" + id, Industry: "other", LandClass: 2, AreaMu: 40, MinAreaMu: 40, Phases: 1, Phase1Share: 1,
		Investment: 12000, Output: 24000, Tax: 1000, Jobs: 200, PlotRatio: ptr(1.5), BuildingCoverage: ptr(0.45),
		EnterpriseTypes: []string{"large"}}
}

// award plans one project on one parcel at the profile's planning date.
func award(t *testing.T, prof *policy.Profile, parcels []planner.Parcel, props []planner.Proposal) *plan.Plan {
	t.Helper()
	p, err := plan.Run(context.Background(), plan.Input{Parcels: parcels, Proposals: props, Profile: prof}, &plan.Settings{Flips: -1})
	if err != nil {
		t.Fatal(err)
	}
	p.ID = "plan-1"
	if len(p.Allocations) != len(props) {
		t.Fatalf("plan places %d of %d projects: %+v", len(p.Allocations), len(props), p.Unallocated)
	}
	return p
}

func entryOf(t *testing.T, res *monitor.Result, project string) monitor.Entry {
	t.Helper()
	for _, e := range res.Entries {
		if e.Project == project {
			return e
		}
	}
	t.Fatalf("no entry for %s", project)
	return monitor.Entry{}
}

func checkState(e monitor.Entry, name string) string {
	for _, c := range e.Checks {
		if c.Name == name {
			return c.State
		}
	}
	return "?"
}

// TestCovenantDates checks the covenant's dates from the profile: the land
// is free at the planning date 2026-12-31; start within 12 months,
// completion 36 months later, the first check 24 months after that and
// then every 3 years; the idle fee one year and recovery two years after
// the agreed start (令第53号).
func TestCovenantDates(t *testing.T) {
	prof := policy.Default()
	parcels := []planner.Parcel{square("L1", 109.43, 24.33, 0.0017)}
	pl := award(t, prof, parcels, []planner.Proposal{proposal("P1")})
	covs, err := monitor.Covenants(prof, pl, []planner.Proposal{proposal("P1")})
	if err != nil {
		t.Fatal(err)
	}
	c := covs[0]
	want := map[string]string{"delivered": "2026-12-31", "start": "2027-12-31", "complete": "2030-12-31", "fee": "2028-12-31", "recovery": "2029-12-31"}
	got := map[string]string{"delivered": c.Delivered, "start": c.StartBy, "complete": c.CompleteBy, "fee": c.FeeDue, "recovery": c.RecoveryDue}
	for k := range want {
		if got[k] != want[k] {
			t.Errorf("%s = %s, want %s", k, got[k], want[k])
		}
	}
	if fmt.Sprint(c.Checks) != "[2032-12-31 2035-12-31 2038-12-31 2041-12-31]" {
		t.Errorf("checks %v", c.Checks)
	}
	// Other manufacturing: 横州 thresholds 200/360/16; the project commits
	// 12000/24000/1000 万元 on 40 亩 = 300/600/25, of which 80% counts.
	wantReq := map[string]float64{monitor.IndInvestment: 240, monitor.IndOutput: 480, monitor.IndTax: 20, monitor.IndPlotRatio: 1.2}
	for _, in := range c.Indicators {
		if d := in.Required - wantReq[in.Name]; d > 1e-6 || d < -1e-6 {
			t.Errorf("%s required %.3f, want %.3f (committed %.3f, threshold %.3f)", in.Name, in.Required, wantReq[in.Name], in.Committed, in.Threshold)
		}
		if in.Threshold > 0 && in.Source == "" {
			t.Errorf("%s: threshold without source", in.Name)
		}
	}
	if c.FeeYuan <= 0 || c.FeeYuan != 0.2*pl.Allocations[0].PriceYuan {
		t.Errorf("fee %.0f, price %.0f", c.FeeYuan, pl.Allocations[0].PriceYuan)
	}
}

// TestStatusTransitions checks each transition against 令第53号's dates for
// an award whose agreed start is 2027-12-31.
func TestStatusTransitions(t *testing.T) {
	prof := policy.Default()
	parcels := []planner.Parcel{square("L1", 109.43, 24.33, 0.0017)}
	props := []planner.Proposal{proposal("P1")}
	pl := award(t, prof, parcels, props)
	area := pl.Allocations[0].AreaMu
	row := func(y int) monitor.Performance {
		return monitor.Performance{Project: "P1", Parcel: "L1", Enterprise: "甲公司", Year: y}
	}
	notStarted := row(0)
	started := func(s string) monitor.Performance {
		r := row(0)
		r.Started = s
		r.Investment = 9000
		r.FloorAreaM2 = 30000
		return r
	}
	halted := started("2027-06-01")
	halted.HaltedSince, halted.Investment, halted.FloorAreaM2 = "2028-06-01", 1000, 2000
	delay := notStarted
	delay.GovernmentDelay = true
	producing := started("2027-06-01")
	producing.Completed = "2030-06-01"
	producing.Output, producing.Tax, producing.Investment, producing.FloorAreaM2 = 600*area, 25*area, 300*area, 1.5*area*planner.SquareMetresPerMu
	short := producing
	short.Tax = 10 * area // below the 20 万元/亩 required

	cases := []struct {
		name   string
		asOf   string
		r      monitor.Performance
		start  string
		idle   string
		status string
	}{
		{"before the agreed start", "2027-12-30", notStarted, monitor.CheckNotDue, "", monitor.StatusOK},
		{"on the agreed start", "2027-12-31", notStarted, monitor.CheckNotDue, "", monitor.StatusOK},
		{"a day late", "2028-01-01", notStarted, monitor.CheckMissed, "", monitor.StatusBreach},
		{"a day before one year", "2028-12-30", notStarted, monitor.CheckMissed, "", monitor.StatusBreach},
		{"one year: idle fee", "2028-12-31", notStarted, monitor.CheckMissed, monitor.IdleFee, monitor.StatusIdleFee},
		{"a day before two years", "2029-12-30", notStarted, monitor.CheckMissed, monitor.IdleFee, monitor.StatusIdleFee},
		{"two years: recovery", "2029-12-31", notStarted, monitor.CheckMissed, monitor.IdleRecovery, monitor.StatusRecovery},
		{"two years, government delay (art. 8)", "2029-12-31", delay, monitor.CheckMissed, monitor.IdleException, monitor.StatusException},
		{"started in time", "2029-12-31", started("2027-06-01"), monitor.CheckMet, "", monitor.StatusOK},
		{"started late", "2029-12-31", started("2028-03-01"), monitor.CheckMissed, "", monitor.StatusBreach},
		{"halted less than a year", "2029-05-31", halted, monitor.CheckMet, "", monitor.StatusOK},
		{"halted one year, little built: idle fee", "2029-06-01", halted, monitor.CheckMet, monitor.IdleFee, monitor.StatusIdleFee},
		{"halted two years: recovery", "2030-06-01", halted, monitor.CheckMet, monitor.IdleRecovery, monitor.StatusRecovery},
		{"check at full production met", "2032-12-31", producing, monitor.CheckMet, "", monitor.StatusOK},
		{"check at full production missed", "2032-12-31", short, monitor.CheckMet, "", monitor.StatusBreach},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := c.r
			r.Year = 2029
			res, err := monitor.Monitor(prof, monitor.Input{Plan: pl, Proposals: props, Parcels: parcels, Rows: []monitor.Performance{r}, AsOf: c.asOf, Year: 2029})
			if err != nil {
				t.Fatal(err)
			}
			e := entryOf(t, res, "P1")
			if got := checkState(e, monitor.CheckStart); got != c.start {
				t.Errorf("start check %s, want %s", got, c.start)
			}
			if e.Idle != c.idle {
				t.Errorf("idle %q, want %q (from %s, fee %s, recovery %s)", e.Idle, c.idle, e.IdleFrom, e.IdleFeeDue, e.RecoverDue)
			}
			if e.Status != c.status {
				t.Errorf("status %s, want %s (checks %+v)", e.Status, c.status, e.Checks)
			}
		})
	}
	// The production check reads the indicators.
	short.Year = 2032
	res, err := monitor.Monitor(prof, monitor.Input{Plan: pl, Proposals: props, Parcels: parcels, Rows: []monitor.Performance{short}, AsOf: "2032-12-31", Year: 2032})
	if err != nil {
		t.Fatal(err)
	}
	e := entryOf(t, res, "P1")
	for _, ic := range e.Checks[2].Indicators {
		if (ic.Name == monitor.IndTax) == ic.Met {
			t.Errorf("%s: achieved %.2f of %.2f, met %v", ic.Name, ic.Achieved, ic.Required, ic.Met)
		}
	}
	if e.Checks[2].State != monitor.CheckMissed || checkState(e, monitor.CheckCompletion) != monitor.CheckMet {
		t.Errorf("checks %+v", e.Checks)
	}
}

// TestClassBoundaries checks the classes of 20 enterprises (A 4, B 8,
// C 7, D 1 by 20/60/95%) and that ties across a boundary take the better
// class.
func TestClassBoundaries(t *testing.T) {
	prof := policy.Default()
	b := prof.Monitor.ClassBounds
	count := func(scores []float64) map[string]int {
		evs := make([]monitor.Evaluation, len(scores))
		for i, s := range scores {
			evs[i] = monitor.Evaluation{Enterprise: fmt.Sprint(i), Score: s}
		}
		monitor.Classify(prof, evs)
		out := map[string]int{}
		for _, e := range evs {
			out[e.Class]++
		}
		return out
	}
	distinct := make([]float64, 20)
	for i := range distinct {
		distinct[i] = float64(20 - i)
	}
	if got := count(distinct); fmt.Sprint(got) != "map[A:4 B:8 C:7 D:1]" {
		t.Errorf("20 distinct scores: %v", got)
	}
	tieA := append([]float64(nil), distinct...)
	tieA[4] = tieA[3] // the 4th and 5th tie across the A/B boundary
	if got := count(tieA); fmt.Sprint(got) != "map[A:5 B:7 C:7 D:1]" {
		t.Errorf("tie at the A/B boundary: %v", got)
	}
	tieD := append([]float64(nil), distinct...)
	tieD[19] = tieD[18] // the last two tie across the C/D boundary
	if got := count(tieD); fmt.Sprint(got) != "map[A:4 B:8 C:8]" {
		t.Errorf("tie at the C/D boundary: %v", got)
	}
	// Scores equal but for rounding noise tie too.
	noisy := append([]float64(nil), distinct...)
	noisy[12] = noisy[11] + 1e-13
	if got := count(noisy); fmt.Sprint(got) != "map[A:4 B:9 C:6 D:1]" {
		t.Errorf("noisy tie at the B/C boundary: %v", got)
	}
	for _, c := range []struct {
		k    int
		n    float64
		want string
	}{{0, 1, "A"}, {3, 20, "A"}, {4, 20, "B"}, {11, 20, "B"}, {12, 20, "C"}, {18, 20, "C"}, {19, 20, "D"}, {9, 10, "C"}} {
		if got := monitor.EvaluationClass(c.k, c.n, b); got != c.want {
			t.Errorf("class with %d of %v above = %s, want %s", c.k, c.n, got, c.want)
		}
	}
}

// TestEvaluateBreakdown checks the composite: Σ value ÷ benchmark × weight.
func TestEvaluateBreakdown(t *testing.T) {
	prof := policy.Default()
	rows := []monitor.Performance{
		{Project: "P1", Parcel: "L1", Enterprise: "甲", Year: 2029, Output: 400 * 10, Tax: 20 * 10, EnergyTCE: 2000},
		{Project: "P2", Parcel: "L2", Enterprise: "乙", Year: 2029, Output: 800 * 10, Tax: 40 * 10, EnergyTCE: 2000},
	}
	evs := monitor.Evaluate(prof, rows, map[string]float64{"P1@L1": 10, "P2@L2": 10})
	if len(evs) != 2 || evs[0].Enterprise != "乙" {
		t.Fatalf("evaluations %+v", evs)
	}
	// 甲 is at every benchmark: score 1. 乙 has twice tax and output and
	// twice output per energy: 2.
	if d := evs[1].Score - 1; d > 1e-9 || d < -1e-9 {
		t.Errorf("甲 scores %v, want 1 (%+v)", evs[1].Score, evs[1].Breakdown)
	}
	if d := evs[0].Score - 2; d > 1e-9 || d < -1e-9 {
		t.Errorf("乙 scores %v, want 2", evs[0].Score)
	}
	if evs[0].Breakdown[0].Name != "tax_per_mu" || evs[0].Breakdown[0].Weight != 0.45 {
		t.Errorf("breakdown %+v", evs[0].Breakdown)
	}
}

// replace returns parcels with those of pool in place of the same ids.
func replace(parcels, pool []planner.Parcel) []planner.Parcel {
	out := append([]planner.Parcel(nil), parcels...)
	for _, x := range pool {
		for i := range out {
			if out[i].ID == x.ID {
				out[i] = x
			}
		}
	}
	return out
}

// TestIdleParcelIsStockInTheNextPlan follows an award not started two
// years after its agreed start (2027-12-31) into the next plan: the
// monitoring at 2029-12-31 finds it idle for recovery, and the next plan
// (planning date 2030-06-30) supplies it as stock land, taken back
// (收回) and free 6 months (stock.disposal.recovery_months) after the
// planning date, since recovery was due before it. The award that is on
// track becomes land in use, which the next plan does not offer.
func TestIdleParcelIsStockInTheNextPlan(t *testing.T) {
	prof := policy.Default()
	parcels := []planner.Parcel{square("L1", 109.43, 24.33, 0.0017), square("L2", 109.44, 24.33, 0.0017)}
	props := []planner.Proposal{proposal("P1"), proposal("P2")}
	pl := award(t, prof, parcels, props)
	idleParcel := ""
	var rows []monitor.Performance
	for _, a := range pl.Allocations {
		r := monitor.Performance{Project: a.Proposal, Parcel: a.Parcel, Enterprise: a.Proposal, Year: 2029}
		if a.Proposal == "P2" {
			r.Started, r.Investment, r.FloorAreaM2, r.Output, r.Tax, r.EnergyTCE = "2027-05-01", 8000, 20000, 9000, 500, 3000
		} else {
			idleParcel = a.Parcel
		}
		rows = append(rows, r)
	}
	res, err := monitor.Monitor(prof, monitor.Input{Plan: pl, Proposals: props, Parcels: parcels, Rows: rows, AsOf: "2029-12-31", Year: 2029})
	if err != nil {
		t.Fatal(err)
	}
	if e := entryOf(t, res, "P1"); e.Status != monitor.StatusRecovery || e.Route != policy.RouteRecovery || e.FreeFrom != "2030-07-01" {
		// Recovery due 2029-12-31, the monitoring date; free 6 months later.
		t.Fatalf("P1 status %s route %s free %s, want recovery, recovery, 2030-07-01", e.Status, e.Route, e.FreeFrom)
	}
	if len(res.Pool) != 2 {
		t.Fatalf("pool %d records, want 2", len(res.Pool))
	}
	for _, x := range res.Pool {
		want := planner.StatusOccupied
		if x.ID == idleParcel {
			want = planner.StatusIdle
		}
		if x.Status != want {
			t.Errorf("pool: %s is %s, want %s", x.ID, x.Status, want)
		}
	}
	next := prof.Clone()
	next.Plan.AsOf = "2030-06-30"
	next.Quota.NewLandMu = 1200
	next.Quota.ByYear = nil
	newcomer := proposal("P3")
	p2, err := plan.Run(context.Background(), plan.Input{Parcels: replace(parcels, res.Pool), Proposals: []planner.Proposal{newcomer}, Profile: next}, &plan.Settings{Flips: -1})
	if err != nil {
		t.Fatal(err)
	}
	if len(p2.Allocations) != 1 {
		t.Fatalf("next plan places %d, want P3 on the idle parcel: %+v", len(p2.Allocations), p2.Unallocated)
	}
	a := p2.Allocations[0]
	if a.Parcel != idleParcel || !a.Stock || a.Route != policy.RouteRecovery || a.FreeFrom != "2030-12-30" || a.StartFrom != "2030-12-30" || a.NewLandMu != 0 {
		t.Errorf("next plan: %s on %s stock %v route %s free %s start %s new land %.2f; want %s, stock, recovery, free and start 2030-12-30, no quota",
			a.Proposal, a.Parcel, a.Stock, a.Route, a.FreeFrom, a.StartFrom, a.NewLandMu, idleParcel)
	}
}

// TestInefficientParcelIsStockInTheNextPlan rates an enterprise D two
// years running (the profile's rule): its land enters the next plan as
// stock land bought into the reserve (收购储备), free acquisition_months
// after the planning date. One year of D is not enough.
func TestInefficientParcelIsStockInTheNextPlan(t *testing.T) {
	prof := policy.Default()
	var parcels []planner.Parcel
	var props []planner.Proposal
	for i := range 20 {
		id := fmt.Sprintf("%02d", i)
		parcels = append(parcels, square("L"+id, 109.40+0.004*float64(i), 24.33, 0.0017))
		props = append(props, proposal("P"+id))
	}
	pl := award(t, prof, parcels, props)
	rows := func(years ...int) []monitor.Performance {
		var out []monitor.Performance
		for _, y := range years {
			for i, a := range pl.Allocations {
				k := float64(i + 1)
				r := monitor.Performance{Project: a.Proposal, Parcel: a.Parcel, Enterprise: a.Proposal, Year: y, Started: "2027-03-01",
					Investment: 12000, FloorAreaM2: 40000, Output: 1000 * k, Tax: 50 * k, EnergyTCE: 500}
				if a.Proposal == "P07" {
					r.Output, r.Tax = 100, 5 // the lowest
				}
				out = append(out, r)
			}
		}
		return out
	}
	for _, c := range []struct {
		years []int
		want  string
	}{{[]int{2029}, monitor.StatusOK}, {[]int{2028, 2029}, monitor.StatusInefficient}} {
		res, err := monitor.Monitor(prof, monitor.Input{Plan: pl, Proposals: props, Parcels: parcels, Rows: rows(c.years...), AsOf: "2029-12-31", Year: 2029})
		if err != nil {
			t.Fatal(err)
		}
		e := entryOf(t, res, "P07")
		if e.Class != "D" || e.Status != c.want {
			t.Fatalf("years %v: P07 class %s status %s, want D, %s", c.years, e.Class, e.Status, c.want)
		}
		if c.want != monitor.StatusInefficient {
			continue
		}
		next := prof.Clone()
		next.Plan.AsOf = "2030-06-30"
		next.Quota.NewLandMu = 0 // only stock land can take the newcomer
		next.Quota.ByYear = nil
		p2, err := plan.Run(context.Background(), plan.Input{Parcels: replace(parcels, res.Pool), Proposals: []planner.Proposal{proposal("N1")}, Profile: next}, &plan.Settings{Flips: -1})
		if err != nil {
			t.Fatal(err)
		}
		if len(p2.Allocations) != 1 {
			t.Fatalf("next plan places %d: %+v", len(p2.Allocations), p2.Unallocated)
		}
		a := p2.Allocations[0]
		if a.Parcel != e.Parcel || a.Route != policy.RouteAcquisition || a.FreeFrom != "2031-03-30" {
			t.Errorf("next plan: %s on %s route %s free %s; want %s, acquisition, 2031-03-30", a.Proposal, a.Parcel, a.Route, a.FreeFrom, e.Parcel)
		}
	}
}

// TestCheckRows names each row that does not fit what is stored by file,
// row and column.
func TestCheckRows(t *testing.T) {
	k := monitor.Known{Projects: map[string]bool{"P1": true, "P2": true}, Parcels: map[string]bool{"L1": true, "L2": true},
		Awards: map[string]bool{"P1@L1": true, "P2@L2": true}, Stored: map[string]bool{"P2@L2/2028": true},
		Enterprises: map[string]string{"P1": "柳州甲公司"}}
	rows := []monitor.Performance{
		{Project: "P1", Parcel: "L1", Year: 2029, Row: 2},
		{Project: "PX", Parcel: "L1", Year: 2029, Row: 3},
		{Project: "P1", Parcel: "LX", Year: 2029, Row: 4},
		{Project: "P1", Parcel: "L2", Year: 2029, Row: 5},
		{Project: "P2", Parcel: "L2", Year: 2028, Row: 6},
		{Project: "P1", Parcel: "L1", Enterprise: "柳州丙公司", Year: 2028, Row: 7},
	}
	err := monitor.CheckRows("perf.csv", rows, k)
	var pe *planner.Error
	if !errors.As(err, &pe) || pe.Kind != planner.KindInvalid {
		t.Fatalf("error %v", err)
	}
	want := []struct{ loc, col, says string }{
		{"row 3", "project", "unknown project"}, {"row 4", "parcel", "unknown parcel"},
		{"row 5", "parcel", "was not awarded"}, {"row 6", "year", "already has a stored row"},
		{"row 7", "enterprise", "unknown enterprise"},
	}
	if len(pe.Diagnostics) != len(want) {
		t.Fatalf("diagnostics %+v", pe.Diagnostics)
	}
	for i, d := range pe.Diagnostics {
		w := want[i]
		if d.File != "perf.csv" || d.Location != w.loc || d.Property != w.col || !strings.Contains(d.Message, w.says) {
			t.Errorf("diagnostic %d: %s %s %s %q, want %+v", i, d.File, d.Location, d.Property, d.Message, w)
		}
	}
	if err := monitor.CheckRows("perf.csv", rows[:1], k); err != nil {
		t.Errorf("a good row: %v", err)
	}
}

// TestClassInScore checks the profile switch monitor.class_in_score: the
// enterprise's latest class (monitor.LatestClasses) adds its class bonus
// to the score of its next proposal, with a reason; off, the score is the
// same as without a class.
func TestClassInScore(t *testing.T) {
	rows := []monitor.Performance{
		{Project: "P1", Parcel: "L1", Enterprise: "柳州甲公司", Year: 2028, Output: 8000, Tax: 400, EnergyTCE: 4000},
		{Project: "P2", Parcel: "L2", Enterprise: "柳州乙公司", Year: 2028, Output: 2000, Tax: 100, EnergyTCE: 4000},
		{Project: "P2", Parcel: "L2", Enterprise: "柳州乙公司", Year: 2029, Output: 100, Tax: 5, EnergyTCE: 4000},
		{Project: "P1", Parcel: "L1", Enterprise: "柳州甲公司", Year: 2029, Output: 9000, Tax: 450, EnergyTCE: 4000},
	}
	prof := policy.Default()
	got := monitor.LatestClasses(prof, rows, map[string]float64{"P1@L1": 20, "P2@L2": 20})
	if got["柳州甲公司"] != (monitor.YearClass{Year: 2029, Class: "A"}) || got["柳州乙公司"] != (monitor.YearClass{Year: 2029, Class: "B"}) {
		t.Fatalf("latest classes %v", got)
	}
	parcels := []planner.Parcel{square("L9", 109.43, 24.33, 0.0017)}
	q := proposal("N1")
	// Of two enterprises the second is B (no bottom 5% of two); a class D
	// as a larger evaluation would give it.
	q.Enterprise, q.EvaluationClass = "柳州乙公司", "D"
	score := func(on bool) (float64, bool) {
		p := policy.Default()
		p.Monitor.ClassInScore = on
		pl, err := plan.Run(context.Background(), plan.Input{Parcels: parcels, Proposals: []planner.Proposal{q}, Profile: p}, &plan.Settings{Flips: -1})
		if err != nil || len(pl.Allocations) != 1 {
			t.Fatalf("run: %v", err)
		}
		a := pl.Allocations[0]
		for _, r := range a.Reasons {
			if r.Rule == "score.evaluation_class" {
				return a.Score, true
			}
		}
		return a.Score, false
	}
	off, offReason := score(false)
	on, onReason := score(true)
	if d := off - on; d < 0.1-1e-9 || d > 0.1+1e-9 || offReason || !onReason {
		t.Errorf("class D: score %.4f off (reason %v), %.4f on (reason %v); want 0.1 less with a reason", off, offReason, on, onReason)
	}
}
