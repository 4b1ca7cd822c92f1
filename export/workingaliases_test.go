package export_test

import (
	"context"
	"regexp"
	"strconv"
	"testing"

	"github.com/landplan/landplan/export"
	"github.com/landplan/landplan/export/exporttest"
	"github.com/landplan/landplan/planner"
)

// TestWorkingLotsAliases checks that the working database's lots style
// names every column of the stored lots table — the term as shown, the
// disposal route and the free date among them — in Chinese, at the index
// QGIS gives the column (the feature id first, the geometry not counted).
func TestWorkingLotsAliases(t *testing.T) {
	db := openTestDB(t)
	db.SetWorkingStyles(export.WorkingStyles)
	raw := rawDB(t, db.Path())
	ctx := context.Background()
	p, parcels := exporttest.Plan()
	if err := db.PutParcels(ctx, planner.Import{Kind: "parcels", File: "地块.geojson", SHA256: "aa"}, parcels); err != nil {
		t.Fatal(err)
	}
	if _, err := db.PutPlan(ctx, p); err != nil {
		t.Fatal(err)
	}
	qml, _, _ := styleOf(t, raw, "lots")
	aliases := map[string]string{}
	for _, m := range regexp.MustCompile(`<alias field="([^"]+)" index="(\d+)" name="([^"]+)"/>`).FindAllStringSubmatch(qml, -1) {
		aliases[m[1]] = m[2] + " " + m[3]
	}
	for _, col := range []string{"term_text_zh", "route", "free_from"} {
		if _, ok := aliases[col]; !ok {
			t.Errorf("the working lots style does not name %s", col)
		}
	}
	rows, err := raw.Query(`SELECT name FROM pragma_table_info('lots') WHERE name <> 'geom' ORDER BY cid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	i := 0
	for rows.Next() {
		var col string
		if err := rows.Scan(&col); err != nil {
			t.Fatal(err)
		}
		a, ok := aliases[col]
		if !ok {
			t.Errorf("column %s of lots has no alias in the working style", col)
		} else if idx := strconv.Itoa(i) + " "; a[:len(idx)] != idx || !regexp.MustCompile(`\p{Han}`).MatchString(a) {
			t.Errorf("column %s (index %d): alias %q, want its index and a Chinese name", col, i, a)
		}
		delete(aliases, col)
		i++
	}
	for col := range aliases {
		t.Errorf("the working style names %s, which lots does not have", col)
	}
}
