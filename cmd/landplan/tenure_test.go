package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/landplan/landplan/planner/rules"
)

// ogrFeatures reads every feature of a layer with GDAL's ogrinfo: one map
// of field to value a feature ("" for a null).
func ogrFeatures(t *testing.T, path, layer string, where ...string) []map[string]string {
	t.Helper()
	bin, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Fatalf("ogrinfo is not installed: install the Debian package gdal-bin")
	}
	args := append([]string{"-ro", "-q"}, where...)
	b, err := exec.Command(bin, append(args, path, layer)...).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo %s %s: %v\n%s", path, layer, err, b)
	}
	field := regexp.MustCompile(`^  (\w+) \([\w ]+\) = (.*)$`)
	var out []map[string]string
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "OGRFeature(") {
			out = append(out, map[string]string{})
			continue
		}
		if m := field.FindStringSubmatch(line); m != nil && len(out) > 0 {
			v := m[2]
			if v == "(null)" {
				v = ""
			}
			out[len(out)-1][m[1]] = v
		}
	}
	return out
}

// exportTable exports the demo's plan-1 as a Chinese CSV or XLSX table
// and reads it back (the workbook with excelize): header first.
func exportTable(t *testing.T, db, format string) [][]string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "plan-1."+format)
	if code, _, errs := run(t, "--db", db, "--lang", "zh", "export", "plan-1", "--format", format, "--out", path); code != 0 {
		t.Fatalf("export %s: exit %d\n%s", format, code, errs)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var recs [][]string
	if format == "csv" {
		recs, err = csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	} else {
		var f *excelize.File
		if f, err = excelize.OpenReader(bytes.NewReader(b)); err == nil {
			recs, err = f.GetRows(f.GetSheetName(0))
			f.Close()
		}
	}
	if err != nil || len(recs) < 2 {
		t.Fatalf("%s: %d records, %v", format, len(recs), err)
	}
	return recs
}

// TestStoredTenureColumns reads the demo's baseline plan back from the
// working database with GDAL and from its Chinese CSV and XLSX exports:
// every allocation and every lot of a project has its term as shown, the
// allocations on stock land their disposal route and free date, and the
// database and the tables agree on each.
func TestStoredTenureColumns(t *testing.T) {
	dir := demoDB(t)
	db := filepath.Join(dir, "landplan.gpkg")
	allocs := ogrFeatures(t, db, "allocations", "-where", "plan_id = 'plan-1'")
	if len(allocs) == 0 {
		t.Fatal("ogrinfo reads no allocations of plan-1")
	}
	for _, format := range []string{"csv", "xlsx"} {
		recs := exportTable(t, db, format)
		col := map[string]int{}
		for i, h := range recs[0] {
			col[h] = i
		}
		rows := map[string][]string{}
		for _, r := range recs[1:] {
			for len(r) < len(recs[0]) {
				r = append(r, "")
			}
			rows[r[col["项目编号"]]] = r
		}
		if len(rows) != len(allocs) {
			t.Errorf("%s: %d allocations, the database %d", format, len(rows), len(allocs))
		}
		stock := 0
		for _, a := range allocs {
			id := a["proposal"]
			if a["term_text"] == "" || a["term_text_zh"] == "" {
				t.Errorf("allocation %s: term as shown %q / %q", id, a["term_text"], a["term_text_zh"])
			}
			free := strings.ReplaceAll(a["free_from"], "/", "-")
			if (a["route"] == "") != (free == "") {
				t.Errorf("allocation %s: route %q, free from %q: want both or neither", id, a["route"], free)
			}
			if a["route"] != "" {
				stock++
			}
			r, ok := rows[id]
			if !ok {
				t.Errorf("allocation %s is not in the %s", id, format)
				continue
			}
			if got := r[col["供地方式及年期"]]; got != a["term_text_zh"] {
				t.Errorf("%s: %s term %q, database %q", id, format, got, a["term_text_zh"])
			}
			if got := r[col["存量土地处置方式"]]; got != rules.RouteNameZH(a["route"]) {
				t.Errorf("%s: %s route %q, database %q", id, format, got, a["route"])
			}
			if got := r[col["土地腾空可供日期"]]; got != free {
				t.Errorf("%s: %s free date %q, database %q", id, format, got, free)
			}
		}
		if stock == 0 {
			t.Error("no allocation of plan-1 on stock land carries a route")
		}
	}
	lots := ogrFeatures(t, db, "lots", "-where", "plan_id = 'plan-1' AND proposal IS NOT NULL")
	for _, l := range lots {
		if l["term_text_zh"] == "" {
			t.Errorf("lot %s of %s has no term as shown", l["lot_id"], l["proposal"])
		}
	}
	if len(lots) < len(allocs) {
		t.Errorf("%d lots of projects for %d allocations", len(lots), len(allocs))
	}
}
