package data

import (
	"context"
	"reflect"
	"testing"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/monitor"
)

// TestPerformanceRoundTrip stores performance rows, reads them back the
// same, refuses a row already stored without changing anything, and
// replaces it with Replace; parcels keep their evaluation class and
// proposals their enterprise.
func TestPerformanceRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	rows := []monitor.Performance{
		{Project: "P1", Parcel: "L1", Enterprise: "柳州甲公司", Year: 2028, Output: 100.5, Tax: 5.25, Investment: 900, Jobs: 12,
			EnergyTCE: 40, FloorAreaM2: 3000, Started: "2027-03-01", Completed: "2028-10-01"},
		{Project: "P1", Parcel: "L1", Enterprise: "柳州甲公司", Year: 2029, HaltedSince: "2029-05-01", Started: "2027-03-01", GovernmentDelay: true},
	}
	if err := db.PutPerformance(ctx, planner.Import{Kind: "performance", File: "p.csv", SHA256: "a"}, rows); err != nil {
		t.Fatal(err)
	}
	got, err := db.Performance(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, rows) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, rows)
	}
	tables := append(allTables, "performance")
	before := tableChecksum(t, db, tables...)
	err = db.PutPerformance(ctx, planner.Import{Kind: "performance", File: "q.csv", SHA256: "b"}, rows[1:])
	if planner.KindOf(err) != planner.KindConflict {
		t.Fatalf("a stored row again: %v, want a conflict", err)
	}
	if after := tableChecksum(t, db, tables...); after != before {
		t.Error("the refused import changed the database")
	}
	changed := rows[1]
	changed.Output = 7
	if err := db.PutPerformance(ctx, planner.Import{Kind: "performance", File: "q.csv", SHA256: "b", Replace: true}, []monitor.Performance{changed}); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Performance(ctx); len(got) != 2 || got[1].Output != 7 {
		t.Errorf("after replace: %+v", got)
	}

	ps := sampleParcels()
	ps[0].EvaluationClass, ps[0].ClassYears = "D", 2
	if err := db.PutParcels(ctx, planner.Import{Kind: "parcels", File: "x.geojson", SHA256: "c"}, ps); err != nil {
		t.Fatal(err)
	}
	qs := sampleProposals()
	qs[0].Enterprise = "柳州甲公司"
	if err := db.PutProposals(ctx, planner.Import{Kind: "proposals", File: "x.csv", SHA256: "d"}, qs); err != nil {
		t.Fatal(err)
	}
	gotPs, _ := db.Parcels(ctx)
	gotQs, _ := db.Proposals(ctx)
	for _, x := range gotPs {
		if x.ID == ps[0].ID && (x.EvaluationClass != "D" || x.ClassYears != 2) {
			t.Errorf("parcel %s: class %q years %d", x.ID, x.EvaluationClass, x.ClassYears)
		}
	}
	for _, q := range gotQs {
		if q.ID == qs[0].ID && q.Enterprise != "柳州甲公司" {
			t.Errorf("proposal %s: enterprise %q", q.ID, q.Enterprise)
		}
	}
}
