package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// badParcels has a feature with an unknown status and one whose price is
// not a number and whose ring is not closed.
const badParcels = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"HX-1","land_use":"100102","status":"weird"},
 "geometry":{"type":"Polygon","coordinates":[[[109.430,24.330],[109.433,24.330],[109.433,24.332],[109.430,24.332],[109.430,24.330]]]}},
{"type":"Feature","properties":{"id":"HX-2","land_use":"100102","status":"new","price":"x"},
 "geometry":{"type":"Polygon","coordinates":[[[109.440,24.330],[109.443,24.330],[109.443,24.332],[109.440,24.332]]]}}
]}`

// englishLeak matches the English words of the messages that have a
// Chinese form: a Chinese reader's error must hold none of them.
var englishLeak = regexp.MustCompile(`(?i)\b(did you mean|unknown|problems?|feature \d|row \d|property|column|is not|must|want|takes no)\b`)

// TestChineseErrorMessages runs the commands with --lang zh on bad input:
// an unknown command, an unknown flag and a stray argument, each with the
// nearest right one; bad features of a GeoJSON file and of a GeoPackage
// layer; a bad row of a CSV file and a bad cell of an XLSX workbook. Each
// exits 2, stores nothing, and says in Chinese what is wrong and where
// (file, feature or row, id, property or column).
func TestChineseErrorMessages(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "landplan.gpkg")
	gj := writeFile(t, dir, "地块.geojson", badParcels)
	// Two GeoPackage layers (GDAL writes them): one with the open ring,
	// one with it closed, whose features' properties are then read.
	gpkgOpen, gpkg := filepath.Join(dir, "开口.gpkg"), filepath.Join(dir, "地块.gpkg")
	closed := writeFile(t, dir, "closed.geojson", strings.Replace(badParcels, "[109.440,24.332]]]", "[109.440,24.332],[109.440,24.330]]]", 1))
	for _, c := range [][2]string{{gpkgOpen, gj}, {gpkg, closed}} {
		if out, err := exec.Command("ogr2ogr", "-f", "GPKG", "-nln", "宗地", c[0], c[1]).CombinedOutput(); err != nil {
			t.Fatalf("ogr2ogr (install the Debian package gdal-bin): %v\n%s", err, out)
		}
	}
	csv := writeFile(t, dir, "提案.csv", "id,industry,area_mu,land_class\nP1,nev,abc,1\nP2,nev,10,7\n")
	xlsx := filepath.Join(dir, "提案.xlsx")
	f := excelize.NewFile()
	sheet := f.GetSheetName(0)
	for i, row := range [][]any{{"项目编号", "行业", "用地面积", "用地类别"}, {"P1", "nev", 20, 1}, {"P2", "nev", 30, "一类"}, {"P3", "nev", "三十", 2}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(xlsx); err != nil {
		t.Fatal(err)
	}
	f.Close()

	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"unknown command", []string{"plann"}, []string{`未知命令 "plann"`, "是否想用 landplan plan？"}},
		{"unknown subcommand", []string{"import", "proposal", csv}, []string{`未知命令 "import proposal"`, "是否想用 landplan import proposals？"}},
		{"unknown flag", []string{"plan", "--gapp", "0.01"}, []string{"plan：未知参数 --gapp", "是否想用 --gap？"}},
		{"bad flag value", []string{"plan", "--gap", "abc"}, []string{`plan：参数 --gap 的值 "abc" 无效`}},
		{"stray argument", []string{"plan", "cap7"}, []string{"plan 不接受位置参数", "是否想用 --scenario cap7？"}},
		{"GeoJSON features", []string{"import", "parcels", gj}, []string{
			gj + "：地块中有 3 处问题",
			gj + `:第 1 个要素 HX-1:字段 "status":未知的土地状态 "weird"`,
			gj + `:第 2 个要素 HX-2:字段 "geometry":环未闭合`,
			gj + `:第 2 个要素 HX-2:字段 "price":"x" 不是数字`}},
		{"GeoPackage geometry", []string{"import", "parcels", gpkgOpen}, []string{
			gpkgOpen + "：地块中有 1 处问题",
			gpkgOpen + `:第 2 个要素 HX-2:字段 "geometry":环未闭合`}},
		{"GeoPackage features", []string{"import", "parcels", gpkg}, []string{
			"地块中有 2 处问题",
			`:第 1 个要素 HX-1:字段 "status":未知的土地状态`,
			`:第 2 个要素 HX-2:字段 "price":"x" 不是数字`}},
		{"CSV rows", []string{"import", "proposals", csv}, []string{
			csv + "：项目提案中有 2 处问题",
			csv + `:第 2 行 P1:字段 "area_mu":"abc" 不是数字`,
			csv + `:第 3 行 P2:字段 "land_class":"7" 不是工业用地类别`}},
		{"missing file", []string{"import", "parcels", filepath.Join(dir, "无.geojson")}, []string{filepath.Join(dir, "无.geojson") + "：文件不存在"}},
		{"no file", []string{"import", "proposals"}, []string{"import proposals 需要一个文件（CSV 或 XLSX）"}},
		{"XLSX cell", []string{"import", "proposals", xlsx}, []string{
			xlsx + "：项目提案中有 1 处问题",
			xlsx + `:第 4 行 P3:字段 "area_mu":"三十" 不是数字`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := run(t, append(append([]string{}, tc.args...), "--db", db, "--lang", "zh")...)
			if code != 2 {
				t.Errorf("exit %d, want 2\n%s%s", code, out, errs)
			}
			for _, w := range tc.want {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errs)
				}
			}
			if m := englishLeak.FindString(errs); m != "" {
				t.Errorf("English %q in the Chinese message:\n%s", m, errs)
			}
			if _, err := os.Stat(db); err == nil {
				t.Errorf("a database was left behind")
			}
		})
	}
	// Parcels already stored: a conflict, named with the ids.
	good := writeFile(t, dir, "good.geojson", goodParcels)
	if code, _, errs := run(t, "import", "parcels", good, "--db", db, "--lang", "zh"); code != 0 {
		t.Fatalf("import: exit %d\n%s", code, errs)
	}
	code, _, errs := run(t, "import", "parcels", good, "--db", db, "--lang", "zh")
	if want := `good.geojson：2 条地块已经存储（"HX-1"、"HX-2"）；要替换请加 --replace`; code != 2 || !strings.Contains(errs, want) || englishLeak.MatchString(errs) {
		t.Errorf("import again: exit %d, want 2 and %q:\n%s", code, want, errs)
	}
	os.Remove(db)
	// In English the same input gives the English message.
	if code, _, errs := run(t, "import", "proposals", csv, "--db", db, "--lang", "en"); code != 2 || !strings.Contains(errs, `row 2 (id "P1"): property "area_mu": "abc" is not a number`) {
		t.Errorf("English: exit %d\n%s", code, errs)
	}
}
