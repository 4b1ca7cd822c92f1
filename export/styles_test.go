package export_test

import (
	"context"
	"database/sql"
	"html"
	"regexp"
	"testing"

	"github.com/landplan/landplan/export"
	"github.com/landplan/landplan/export/exporttest"
	"github.com/landplan/landplan/planner"
)

// styleOf returns the default style of a table in the working database
// and the attribute (field or expression) it classifies on.
func styleOf(t *testing.T, db *sql.DB, table string) (qml, attr, updated string) {
	t.Helper()
	err := db.QueryRow(`SELECT styleQML, update_time FROM layer_styles WHERE f_table_name = ? AND useAsDefault = 1`, table).Scan(&qml, &updated)
	if err != nil {
		t.Fatalf("default style of %s: %v", table, err)
	}
	m := regexp.MustCompile(`<renderer-v2 type="categorizedSymbol" attr="([^"]*)"`).FindStringSubmatch(qml)
	if m == nil {
		t.Fatalf("style of %s has no categorized renderer:\n%.400s", table, qml)
	}
	return qml, html.UnescapeString(m[1]), updated
}

// TestWorkingDatabaseStyles checks that the working database carries
// QGIS styles for its parcels and lots from the first import on, that the
// lots' style follows the latest plan stored, and that each style's
// classification, evaluated by SQLite on the stored rows (QGIS's
// expression syntax for CASE, IN and coalesce is SQL's), gives each
// feature the class the exported map gives it.
func TestWorkingDatabaseStyles(t *testing.T) {
	db := openTestDB(t)
	db.SetWorkingStyles(export.WorkingStyles)
	raw := rawDB(t, db.Path())
	ctx := context.Background()
	_, parcels := exporttest.Plan()
	if err := db.PutParcels(ctx, planner.Import{Kind: "parcels", File: "地块.geojson", SHA256: "aa"}, parcels); err != nil {
		t.Fatal(err)
	}
	_, attr, _ := styleOf(t, raw, "parcels")
	rows, err := raw.Query(`SELECT id, status, ` + attr + ` FROM parcels`)
	if err != nil {
		t.Fatalf("the parcels' classification %s: %v", attr, err)
	}
	n := 0
	for rows.Next() {
		var id, status, class string
		if err := rows.Scan(&id, &status, &class); err != nil {
			t.Fatal(err)
		}
		if _, ok := export.Palette(class); !ok || class != status {
			t.Errorf("parcel %s (status %s) is classed %q", id, status, class)
		}
		n++
	}
	rows.Close()
	if n != len(parcels) {
		t.Fatalf("%d parcels classed", n)
	}
	lotsQML, _, _ := styleOf(t, raw, "lots")
	if regexp.MustCompile(`"plan_id" = '[^']+'`).MatchString(html.UnescapeString(lotsQML)) {
		t.Errorf("before any plan the lots' style names a plan")
	}

	for _, want := range []string{"plan-1", "plan-2"} {
		p, _ := exporttest.Plan()
		if want == "plan-2" {
			p.Lots = p.Lots[:2]
			p.Lots[0].SupplyMode = "long_lease"
		}
		if id, err := db.PutPlan(ctx, p); err != nil || id != want {
			t.Fatalf("PutPlan: %q %v", id, err)
		}
		_, attr, _ := styleOf(t, raw, "lots")
		got := map[string]string{}
		rows, err := raw.Query(`SELECT plan_id, lot_id, ` + attr + ` FROM lots`)
		if err != nil {
			t.Fatalf("the lots' classification %s: %v", attr, err)
		}
		for rows.Next() {
			var pid, lot, class string
			if err := rows.Scan(&pid, &lot, &class); err != nil {
				t.Fatal(err)
			}
			got[pid+"/"+lot] = class
		}
		rows.Close()
		stored, err := db.Plan(ctx, want)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range stored.Lots {
			mode := l.SupplyMode
			if mode == "" {
				for _, a := range stored.Allocations {
					if a.Proposal == l.Proposal {
						mode = a.SupplyMode
					}
				}
			}
			l.SupplyMode = mode
			if c := got[want+"/"+l.ID]; c != export.LotCategory(l) {
				t.Errorf("%s lot %s is classed %q, the exported map's class is %q", want, l.ID, c, export.LotCategory(l))
			}
		}
		for k, c := range got {
			if k[:len(want)+1] != want+"/" && c != export.OtherPlans.Value {
				t.Errorf("lot %s of an earlier plan is classed %q, want %q (not drawn)", k, c, export.OtherPlans.Value)
			}
		}
	}
	var defaults int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM layer_styles WHERE useAsDefault = 1`).Scan(&defaults); err != nil || defaults != 2 {
		t.Errorf("%d default styles (%v), want one per layer", defaults, err)
	}

	// Importing more parcels leaves the current styles as they are.
	_, _, before := styleOf(t, raw, "parcels")
	_, more := exporttest.Plan()
	more = more[:1]
	more[0].ID = "NEW-1"
	if err := db.PutParcels(ctx, planner.Import{Kind: "parcels", File: "more.geojson", SHA256: "cc"}, more); err != nil {
		t.Fatal(err)
	}
	if _, _, after := styleOf(t, raw, "parcels"); after != before {
		t.Errorf("a second import rewrote the current parcels style (%s → %s)", before, after)
	}
}
