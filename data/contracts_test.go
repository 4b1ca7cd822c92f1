package data

import (
	"context"
	"reflect"
	"testing"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
)

// Contracts round-trip; a batch with a proposal already under contract
// stores nothing and says which.
func TestContractsStore(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	first := []plan.Contract{
		{Proposal: "P1", Parcel: "HX-1", Year: 2026, AreaMu: 20, ParcelShape: "ab12", Signed: "2026-11-30", Plan: "plan-1", Source: "adopt"},
		{Proposal: "P2", Parcel: "HX-1", Year: 2027, AreaMu: 10, ParcelAreaMu: 30.5, Source: "signed.csv", Row: 2},
	}
	if err := db.PutContracts(ctx, &planner.Import{Kind: "contracts", File: "signed.csv", SHA256: "ff"}, first); err != nil {
		t.Fatal(err)
	}
	got, err := db.Contracts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, first) {
		t.Errorf("stored %+v\nwant %+v", got, first)
	}
	err = db.PutContracts(ctx, nil, []plan.Contract{{Proposal: "P3", Parcel: "HX-2", Source: "adopt"}, {Proposal: "P1", Parcel: "HX-2", Source: "adopt"}})
	if planner.KindOf(err) != planner.KindConflict {
		t.Fatalf("second contract for P1: %v, want a conflict", err)
	}
	if got, _ := db.Contracts(ctx); len(got) != 2 {
		t.Errorf("%d contracts after the refused batch, want 2 (P3 not stored)", len(got))
	}
}
