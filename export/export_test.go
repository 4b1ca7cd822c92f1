package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/landplan/landplan/export"
	"github.com/landplan/landplan/export/exporttest"
	"github.com/landplan/landplan/geo/crs"
	"github.com/landplan/landplan/geo/mapdraw"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// requireTool fails the test, naming the Debian package, when a tool is
// missing.
func requireTool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not installed: install the Debian package %s", name, pkg)
	}
	return p
}

func value(t *testing.T, l export.Layer, row int, field string) any {
	t.Helper()
	i := l.FieldIndex(field)
	if i < 0 {
		t.Fatalf("layer %s has no field %s", l.Name, field)
	}
	return l.Features[row].Values[i]
}

func TestLayers(t *testing.T) {
	p, parcels := exporttest.Plan()
	layers := export.Layers(p, parcels)
	if len(layers) != 2 || layers[0].Name != "parcels" || layers[1].Name != "lots" {
		t.Fatalf("layers %v", layers)
	}
	pl, ll := layers[0], layers[1]
	if len(pl.Features) != len(parcels) || len(ll.Features) != len(p.Lots) {
		t.Fatalf("%d parcels, %d lots; want %d, %d", len(pl.Features), len(ll.Features), len(parcels), len(p.Lots))
	}
	// Every value has its field's Go type, or is nil.
	for _, l := range layers {
		for r, f := range l.Features {
			if len(f.Values) != len(l.Fields) {
				t.Fatalf("%s row %d: %d values for %d fields", l.Name, r, len(f.Values), len(l.Fields))
			}
			for i, v := range f.Values {
				ok := v == nil
				switch v.(type) {
				case string:
					ok = l.Fields[i].Type == export.Text
				case int64:
					ok = l.Fields[i].Type == export.Integer
				case float64:
					ok = l.Fields[i].Type == export.Real
				case bool:
					ok = l.Fields[i].Type == export.Boolean
				}
				if !ok {
					t.Errorf("%s row %d field %s: %T value for a %s field", l.Name, r, l.Fields[i].Name, v, l.Fields[i].Type)
				}
			}
		}
	}
	for _, tc := range []struct {
		name  string
		layer export.Layer
		row   int
		field string
		want  any
	}{
		{"whole parcel", pl, 0, "allocation", export.AllocWhole},
		{"cut parcel", pl, 1, "allocation", export.AllocPartial},
		{"occupied parcel", pl, 3, "allocation", export.AllocUnavailable},
		{"enterprise", pl, 0, "enterprise", "柳州新能源电池有限公司"},
		{"mode in Chinese", pl, 2, "supply_mode_zh", "分期供地"},
		{"term", pl, 1, "term_years", int64(50)},
		{"extra string", pl, 0, "landmark", "阳和工业园"},
		{"extra number", pl, 0, "plot_no", 12.0},
		{"extra bool", pl, 2, "serviced_road", true},
		{"extra named like a field", pl, 1, "extra_status", "extra-status"},
		{"absent extra", pl, 3, "landmark", nil},
		{"status category", pl, 4, export.CategoryField, "reserved"},
		{"lot mode category", ll, 0, export.CategoryField, "flexible_term"},
		{"remainder category", ll, 2, export.CategoryField, "remainder"},
		{"reserved phase category", ll, 4, export.CategoryField, "reserved_phase"},
		{"reserved phase has no price", ll, 4, "price_yuan", nil},
		{"phase", ll, 4, "phase", int64(2)},
		{"lot status", ll, 3, "status", "idle"},
		{"plan id", ll, 0, "plan", "plan-1"},
		{"flexible term has no lease", pl, 0, "lease_years", nil},
		{"flexible term transfer years", pl, 0, "transfer_years", int64(20)},
		{"term text", pl, 1, "term_text", "transfer, 50 years"},
		{"new land has no route", pl, 0, "route", nil},
		{"stock route", pl, 2, "route", "recovery"},
		{"stock free date", pl, 2, "free_from", "2026-07-01"},
		{"phased parcel: phase 1's lease", pl, 2, "lease_years", int64(5)},
		{"phase 1 lot lease", ll, 3, "lease_years", int64(5)},
		{"phase 1 lot transfer", ll, 3, "transfer_years", int64(15)},
		{"phase 1 lot term", ll, 3, "term_text", "lease then transfer (lease 5 years + transfer 15 years)"},
		{"phase 2 lot term", ll, 4, "term_text", "flexible-term transfer, 20 years"},
		{"phase 2 lot term years", ll, 4, "term_years", int64(20)},
		{"phase 2 lot has no lease", ll, 4, "lease_years", nil},
		{"lot route", ll, 4, "route", "recovery"},
		{"lot free date", ll, 3, "free_from", "2026-07-01"},
		{"remainder has no term", ll, 2, "term_text", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := value(t, tc.layer, tc.row, tc.field); got != tc.want {
				t.Errorf("%s row %d %s = %#v, want %#v", tc.layer.Name, tc.row, tc.field, got, tc.want)
			}
		})
	}
}

// ringArea is the shoelace signed area: positive counter-clockwise.
func ringArea(r [][]float64) float64 {
	a := 0.0
	for i := 0; i+1 < len(r); i++ {
		a += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return a / 2
}

type geojsonDoc struct {
	Type     string          `json:"type"`
	CRS      json.RawMessage `json:"crs"`
	Features []struct {
		Properties map[string]any `json:"properties"`
		Geometry   struct {
			Type        string          `json:"type"`
			Coordinates [][][][]float64 `json:"coordinates"`
		} `json:"geometry"`
	} `json:"features"`
}

func TestGeoJSON(t *testing.T) {
	p, parcels := exporttest.Plan()
	layers := export.Layers(p, parcels)
	ogrinfo := requireTool(t, "ogrinfo", "gdal-bin")
	for _, tc := range []struct {
		name     string
		crs      crs.CRS
		decimals int
		ogrSRS   string
	}{
		{"RFC 7946 lon/lat", crs.CRS{}, export.DegreeDecimals, `ID["EPSG",4326]`},
		{"Gauss-Kruger 108E", crs.CRS{EPSG: 4545}, export.MetreDecimals, `ID["EPSG",4545]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := export.WriteGeoJSON(&buf, layers, tc.crs); err != nil {
				t.Fatal(err)
			}
			var doc geojsonDoc
			if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
				t.Fatalf("not JSON: %v", err)
			}
			if (doc.CRS != nil) != tc.crs.Projected() {
				t.Errorf("crs member %s; want one only for a projected CRS", doc.CRS)
			}
			if n := len(doc.Features); n != len(parcels)+len(p.Lots) {
				t.Fatalf("%d features, want %d", n, len(parcels)+len(p.Lots))
			}
			for i, f := range doc.Features {
				for _, poly := range f.Geometry.Coordinates {
					for j, ring := range poly {
						if a := ringArea(ring); (j == 0) != (a > 0) {
							t.Errorf("feature %d ring %d: signed area %g; want exteriors counter-clockwise, holes clockwise", i, j, a)
						}
					}
				}
			}
			// The first parcel's south-west corner, within the rounding of
			// the written decimals.
			sw := doc.Features[0].Geometry.Coordinates[0][0][0]
			wx, wy := tc.crs.FromLonLat(109.40, 24.30)
			tol := 0.5 * math.Pow(10, -float64(tc.decimals))
			if math.Abs(sw[0]-wx) > tol || math.Abs(sw[1]-wy) > tol {
				t.Errorf("first corner %v, want (%f, %f) ± %g", sw, wx, wy, tol)
			}
			if m := regexp.MustCompile(`\d\.(\d+)`).FindAllStringSubmatch(buf.String(), -1); len(m) == 0 {
				t.Error("no decimals written")
			} else {
				for _, d := range m {
					if len(d[1]) > max(tc.decimals, 6) {
						t.Fatalf("number with %d decimals: %s", len(d[1]), d[0])
					}
				}
			}
			path := filepath.Join(t.TempDir(), "plan.geojson")
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(ogrinfo, "-ro", "-al", "-so", path).CombinedOutput()
			if err != nil {
				t.Fatalf("ogrinfo: %v\n%s", err, out)
			}
			for _, want := range []string{"Feature Count: " + strconv.Itoa(len(doc.Features)), "Geometry: Multi Polygon", tc.ogrSRS, "enterprise: String",
				"lease_years: Integer", "transfer_years: Integer", "term_text: String", "route: String", "free_from: Date"} {
				if !strings.Contains(string(out), want) {
					t.Errorf("ogrinfo: no %q in\n%s", want, out)
				}
			}
		})
	}
	if err := export.WriteGeoJSON(io.Discard, layers, crs.CRS{EPSG: 3857}); err == nil {
		t.Error("GeoJSON in EPSG:3857: no error")
	}
}

func checkXML(t *testing.T, doc string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(doc))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
	}
}

func TestQML(t *testing.T) {
	p, parcels := exporttest.Plan()
	for _, l := range export.Layers(p, parcels) {
		for _, lang := range []policy.Lang{policy.LangZH, policy.LangEN} {
			t.Run(l.Name+"/"+string(lang), func(t *testing.T) {
				q := export.QML(l.Categories, l.Fields, lang)
				checkXML(t, q)
				if !strings.Contains(q, `type="categorizedSymbol" attr="category"`) {
					t.Error("no categorized renderer on category")
				}
				for _, c := range l.Categories {
					want := `value="` + c.Value + `"`
					if !strings.Contains(q, want) || !strings.Contains(q, `label="`+c.Label(lang)+`"`) {
						t.Errorf("no category %s labelled %s", c.Value, c.Label(lang))
					}
					rgba := strconv.Itoa(int(c.Fill.R)) + "," + strconv.Itoa(int(c.Fill.G)) + "," + strconv.Itoa(int(c.Fill.B)) + ",255"
					if !strings.Contains(q, `value="`+rgba+`"`) {
						t.Errorf("category %s: no fill %s", c.Value, rgba)
					}
				}
				if got := strings.Count(q, "<category "); got != len(l.Categories)+1 {
					t.Errorf("%d categories, want %d and the catch-all", got, len(l.Categories))
				}
			})
		}
	}
}

func TestCSV(t *testing.T) {
	p, _ := exporttest.Plan()
	for _, tc := range []struct {
		lang   policy.Lang
		header string
		mode   string
	}{
		{policy.LangEN, "proposal", "flexible_term"},
		{policy.LangZH, "项目编号", "弹性年期出让"},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			var buf bytes.Buffer
			if err := export.WriteCSV(&buf, p, tc.lang); err != nil {
				t.Fatal(err)
			}
			b := buf.Bytes()
			if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
				t.Fatal("no UTF-8 byte-order mark")
			}
			if bytes.Count(b, []byte("\r\n")) != bytes.Count(b, []byte("\n")) {
				t.Error("line ends are not all CRLF")
			}
			recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
			if err != nil {
				t.Fatalf("reading back: %v", err)
			}
			if len(recs) != 1+len(p.Allocations) {
				t.Fatalf("%d records, want a header and %d rows", len(recs), len(p.Allocations))
			}
			if recs[0][0] != tc.header || len(recs[0]) != len(export.CSVColumns) {
				t.Errorf("header %v", recs[0])
			}
			row := recs[1]
			if row[0] != "P01" || row[1] != "柳州新能源电池有限公司" || row[6] != tc.mode || row[7] != "20" {
				t.Errorf("first row %v", row)
			}
			if area, err := strconv.ParseFloat(row[5], 64); err != nil || math.Abs(area-p.Allocations[0].AreaMu) > 5e-5 {
				t.Errorf("area_mu %q, want %.4f (4 decimals)", row[5], p.Allocations[0].AreaMu)
			}
			if !strings.Contains(row[14], map[policy.Lang]string{policy.LangEN: "[12.3]", policy.LangZH: "[第十二条第三句]"}[tc.lang]) || !strings.Contains(recs[1][14], map[policy.Lang]string{policy.LangEN: `"lifecycle"`, policy.LangZH: "弹性年期"}[tc.lang]) {
				t.Errorf("reasons %q", row[14])
			}
		})
	}
}

// csvRows writes p's CSV in lang and reads it back as maps from the
// column key to the value, one per allocation, by proposal id.
func csvRows(t *testing.T, p *plan.Plan, lang policy.Lang) (head []string, rows map[string]map[string]string) {
	t.Helper()
	var buf bytes.Buffer
	if err := export.WriteCSV(&buf, p, lang); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil {
		t.Fatalf("reading back: %v", err)
	}
	rows = map[string]map[string]string{}
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, c := range export.CSVColumns {
			m[c[0]] = rec[i]
		}
		rows[rec[0]] = m
	}
	return recs[0], rows
}

// TestCSVTerms checks that the CSV shows every part of each term: the
// lease and transfer years, the term text in the export's language (a
// phased supply's naming each phase), and on stock land the disposal route
// and the date the land is free.
func TestCSVTerms(t *testing.T) {
	first, _ := exporttest.Plan()
	second := exporttest.SecondPlan()
	for _, tc := range []struct {
		name     string
		p        *plan.Plan
		lang     policy.Lang
		proposal string
		want     map[string]string
	}{
		{"lease then transfer", second, policy.LangZH, "P02", map[string]string{"supply_mode": "先租后让", "term_years": "20",
			"lease_years": "5", "transfer_years": "15", "term_text": "先租后让(租赁 5 年 + 出让 15 年)", "route": "收购储备", "free_from": "2026-03-31"}},
		{"lease then transfer in English", second, policy.LangEN, "P02", map[string]string{"supply_mode": "lease_then_transfer",
			"lease_years": "5", "transfer_years": "15", "term_text": "lease then transfer (lease 5 years + transfer 15 years)", "route": "acquisition"}},
		{"long lease", second, policy.LangZH, "P04", map[string]string{"lease_years": "20", "transfer_years": "", "term_text": "长期租赁 20 年", "route": "", "free_from": ""}},
		{"flexible term", first, policy.LangZH, "P01", map[string]string{"lease_years": "", "transfer_years": "20", "term_text": "弹性年期出让 20 年"}},
		{"50-year transfer", first, policy.LangEN, "P02", map[string]string{"lease_years": "", "transfer_years": "50", "term_text": "transfer, 50 years"}},
		{"phased", first, policy.LangZH, "P03", map[string]string{"supply_mode": "分期供地", "lease_years": "5", "transfer_years": "15",
			"term_text": first.Allocations[2].TermTextZH, "route": "收回", "free_from": "2026-07-01"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			head, rows := csvRows(t, tc.p, tc.lang)
			row := rows[tc.proposal]
			if row == nil {
				t.Fatalf("no row of %s", tc.proposal)
			}
			for k, w := range tc.want {
				if row[k] != w {
					t.Errorf("%s = %q, want %q", k, row[k], w)
				}
			}
			if tc.lang == policy.LangZH && !slices.Contains(head, "租赁年期(年)") || tc.lang == policy.LangEN && !slices.Contains(head, "lease_years") {
				t.Errorf("header %v", head)
			}
		})
	}
	// The phased text names every phase with its own mode, term and year.
	_, rows := csvRows(t, first, policy.LangZH)
	for _, w := range []string{"分期供地:一期 先租后让(租赁 5 年 + 出让 15 年)(2026 年,", "二期 弹性年期出让 20 年(2028 年,"} {
		if !strings.Contains(rows["P03"]["term_text"], w) {
			t.Errorf("phased term text %q: no %q", rows["P03"]["term_text"], w)
		}
	}
}

// externalURL finds http:// or https:// outside an xmlns attribute.
var externalURL = regexp.MustCompile(`https?://`)

func checkSelfContained(t *testing.T, doc string) {
	t.Helper()
	clean := regexp.MustCompile(`xmlns(:\w+)?="[^"]*"`).ReplaceAllString(doc, "")
	if loc := externalURL.FindStringIndex(clean); loc != nil {
		t.Errorf("external URL in the HTML: %q", clean[max(0, loc[0]-40):min(len(clean), loc[1]+40)])
	}
	for _, bad := range []string{"<script src", "<link ", "@import", "<img "} {
		if strings.Contains(doc, bad) {
			t.Errorf("HTML loads something: %q", bad)
		}
	}
	if m := regexp.MustCompile(`url\([^#]`).FindString(doc); m != "" {
		t.Errorf("HTML refers to a resource outside the document: %q", m)
	}
}

// checkXMLFragment checks that each inline SVG map is well-formed XML and
// returns how many there are.
func checkXMLFragment(t *testing.T, doc string) int {
	t.Helper()
	n := 0
	for {
		i := strings.Index(doc, "<svg")
		if i < 0 {
			break
		}
		j := strings.Index(doc[i:], "</svg>")
		if j < 0 {
			t.Fatal("an SVG map is not closed")
		}
		checkXML(t, doc[i:i+j+len("</svg>")])
		doc = doc[i+j:]
		n++
	}
	if n == 0 {
		t.Fatal("no inline SVG map")
	}
	return n
}

func TestHTML(t *testing.T) {
	p, parcels := exporttest.Plan()
	var buf bytes.Buffer
	if err := export.WriteHTML(&buf, p, parcels, export.MapOptions{Lang: policy.LangZH}); err != nil {
		t.Fatal(err)
	}
	doc := buf.String()
	checkSelfContained(t, doc)
	// The whole map, then one per zone of the fixture's two.
	if n := checkXMLFragment(t, doc); n != 3 {
		t.Errorf("%d maps, want 3", n)
	}
	for _, want := range []string{"<title>方案 plan-1 · 情景 cap7</title>", "<details><summary>", "柳州新能源电池有限公司",
		"未安排（1）", "P04", "无符合条件的地块", "地块池中无仓储用地", "新增建设用地指标", "弹性年期出让"} {
		if !strings.Contains(doc, want) {
			t.Errorf("HTML: no %q", want)
		}
	}

	// Terms with every part, phases with their year and tenure, stock land's
	// route and free date, new land by year against the quota, the 12.4
	// check and the land to investigate.
	for _, want := range []string{
		"<td class=\"term\">弹性年期出让 20 年</td>", "<td class=\"term\">出让 50 年<br><small>按企业申请</small></td>",
		"<ol class=\"phases\"><li>一期（2026 年）：先租后让(租赁 5 年 + 出让 15 年)<br><small>", " 亩，本期供应</small>",
		"<li>二期（2028 年）：弹性年期出让 20 年", "预留至 2028-06-30",
		"存量土地，收回，2026-07-01 起可供",
		"<tr><td>2026</td><td class=\"n\">" + fmt.Sprintf("%.2f", p.Totals.NewLandMu) + "</td><td class=\"n\">1000.00</td>",
		"<tr><td>2027</td><td class=\"n\">0.00</td><td class=\"n\">1200.00</td><td class=\"n\">0.0%</td></tr>",
		"第十二条第四句核查：按已安排项目所在地块比较 3 对已安排/未安排项目，求解结果中占优被排除 1 处，已调换 1 处",
		"P02 占优却未安排，被其占优的 P04 占用 L002：已调换",
		"待核查土地（1）", "<td>L004</td>", "在用", "容积率 0.4 符合低效认定条件"} {
		if !strings.Contains(doc, want) {
			t.Errorf("HTML: no %q", want)
		}
	}
	if strings.Contains(doc, "先租后让 20") || strings.Contains(doc, "分期供地 20") {
		t.Error("HTML shows a mode with its whole term but without its parts")
	}
	buf.Reset()
	if err := export.WriteHTML(&buf, p, parcels, export.MapOptions{Lang: policy.LangEN}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<li>phase 1 (2026): lease then transfer (lease 5 years + transfer 15 years)", "stock land, recovery, free from 2026-07-01",
		"Land to investigate（1）", "Clause 12.4 check: 3 placed/left-out pairs"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("English HTML: no %q", want)
		}
	}

	buf.Reset()
	if err := export.WriteCompareHTML(&buf, p, exporttest.SecondPlan(), parcels, export.MapOptions{Lang: policy.LangEN}); err != nil {
		t.Fatal(err)
	}
	doc = buf.String()
	checkSelfContained(t, doc)
	if n := checkXMLFragment(t, doc); n != 3 {
		t.Errorf("%d maps in the comparison, want the whole and one per zone", n)
	}
	for _, want := range []string{"Comparison plan-1（cap7） → plan-2", "Plan plan-1 · scenario cap7", "Plan plan-2 · scenario base profile",
		"1 added, 1 moved, 0 supply mode or term changed, 1 removed, 1 unchanged", `class="side"`,
		// P02 moves from a 50-year transfer to a lease then transfer: the
		// placements show every part of the term.
		"<td>L002 ", " mu transfer, 50 years</td><td>L003 ", " mu lease then transfer (lease 5 years + transfer 15 years)</td>"} {
		if !strings.Contains(doc, want) {
			t.Errorf("comparison HTML: no %q", want)
		}
	}
	buf.Reset()
	if err := export.WriteCompareHTML(&buf, p, exporttest.SecondPlan(), parcels, export.MapOptions{Lang: policy.LangZH}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), " 亩 先租后让(租赁 5 年 + 出让 15 年)</td>") || !strings.Contains(buf.String(), " 亩 长期租赁 20 年</td>") {
		t.Error("Chinese comparison HTML: the placements do not show the term text")
	}
}

func TestCompareChanges(t *testing.T) {
	a, _ := exporttest.Plan()
	got := map[string]string{}
	for _, c := range export.CompareChanges(a, exporttest.SecondPlan()) {
		got[c.Proposal] = c.Kind + " " + c.Lot
	}
	want := map[string]string{"P01": "unchanged L001-1", "P02": "moved L003-1", "P03": "removed L003-1", "P04": "added L002-1"}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %q, want %q", k, got[k], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("changes %v", got)
	}
	// The same mode with another term, or the same whole term split into
	// another lease and transfer, is a change of tenure.
	b, _ := exporttest.Plan()
	b.Allocations[0].SupplyMode, b.Allocations[0].LeaseYears, b.Allocations[0].TransferYears = "lease_then_transfer", 5, 15
	b.Allocations[0].TermText, b.Allocations[0].TermTextZH = "lease then transfer (lease 5 years + transfer 15 years)", "先租后让(租赁 5 年 + 出让 15 年)"
	b.Allocations[1].TermYears, b.Allocations[1].TransferYears = 40, 40
	b.Allocations[1].TermText, b.Allocations[1].TermTextZH = "transfer, 40 years", "出让 40 年"
	got = map[string]string{}
	for _, c := range export.CompareChanges(a, b) {
		got[c.Proposal] = c.Kind
	}
	if got["P01"] != export.ChangeMode || got["P02"] != export.ChangeMode || got["P03"] != export.ChangeUnchanged {
		t.Errorf("changes of tenure %v", got)
	}
}

func svgOf(t *testing.T, m *mapdraw.Map) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := mapdraw.RenderSVG(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestSVGGolden compares the fixture's plan map and comparison map (text
// measured by mapdraw's approximation, so the bytes do not depend on the
// fonts installed) with testdata/. Refresh with
// `go test ./export -run SVGGolden -update` after looking at them.
func TestSVGGolden(t *testing.T) {
	p, parcels := exporttest.Plan()
	for _, tc := range []struct {
		name string
		m    *mapdraw.Map
	}{
		{"plan_zh.svg", export.PlanMap(p, parcels, export.MapOptions{Width: 1000, Height: 707})},
		{"plan_en.svg", export.PlanMap(p, parcels, export.MapOptions{Lang: policy.LangEN, Width: 1000, Height: 707})},
		{"compare_zh.svg", export.CompareMap(p, exporttest.SecondPlan(), parcels, export.MapOptions{Width: 1000, Height: 707})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := svgOf(t, tc.m)
			checkXML(t, string(got))
			golden := filepath.Join("testdata", tc.name)
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("SVG differs from %s (run with -update after checking the change)", golden)
			}
		})
	}
}

// countColour counts the pixels of exactly colour c.
func countColour(img image.Image, c color.RGBA) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bb, _ := img.At(x, y).RGBA()
			if uint8(r>>8) == c.R && uint8(g>>8) == c.G && uint8(bb>>8) == c.B {
				n++
			}
		}
	}
	return n
}

// minClassPixels is the least number of pixels of a class's exact fill
// colour expected on a 1000 × 707 map of the fixture. The fixture spans
// about 1.4 km east-west in a frame about 830 px wide (0.6 px/m); its
// smallest lot (the remainder, about 160 m × 445 m) covers some 25 000
// pixels. 300 leaves room for outlines, labels and anti-aliased edges
// while still failing on a class that is not drawn.
const minClassPixels = 300

// checkClasses checks that every lot class and parcel status of the
// fixture's map shows in img, and that classes absent from it do not.
func checkClasses(t *testing.T, img image.Image) {
	t.Helper()
	for _, v := range []string{"flexible_term", "transfer", "phased", "reserved_phase", "remainder", "reserved", "occupied"} {
		c, _ := export.Palette(v)
		if n := countColour(img, c.Fill); n < minClassPixels {
			t.Errorf("%s: %d pixels of %v, want ≥ %d", v, n, c.Fill, minClassPixels)
		}
	}
	for _, v := range []string{"long_lease", "lease_then_transfer"} {
		c, _ := export.Palette(v)
		if n := countColour(img, c.Fill); n > 0 {
			t.Errorf("%s is not in the plan but has %d pixels", v, n)
		}
	}
}

func TestPNG(t *testing.T) {
	font, err := mapdraw.DefaultFont()
	if err != nil {
		t.Fatalf("%v", err)
	}
	p, parcels := exporttest.Plan()
	var buf bytes.Buffer
	if err := mapdraw.RenderPNG(&buf, export.PlanMap(p, parcels, export.MapOptions{Width: 1000, Height: 707, Font: font}), nil); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatalf("PNG does not decode: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1000 || b.Dy() != 707 {
		t.Fatalf("PNG is %v", b)
	}
	checkClasses(t, img)
}

func TestSVGRsvg(t *testing.T) {
	bin := requireTool(t, "rsvg-convert", "librsvg2-bin")
	p, parcels := exporttest.Plan()
	cmd := exec.Command(bin, "--format=png")
	cmd.Stdin = bytes.NewReader(svgOf(t, export.PlanMap(p, parcels, export.MapOptions{Width: 1000, Height: 707})))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("rsvg-convert: %v: %s", err, stderr.String())
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("decoding rsvg-convert's PNG: %v", err)
	}
	checkClasses(t, img)
}

func TestShortName(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		width    int
		lines    int
		want     string
	}{
		{"fits", "智能装备产业园", 14, 1, "智能装备产业园"},
		{"company suffix dropped", "柳州新能源电池有限公司", 12, 2, "柳州新能源电\n池"},
		{"wrapped and cut", "柳州丰智液压科技研发制造中心", 12, 2, "柳州丰智液压\n科技研发制…"},
		{"Latin at spaces", "Liuzhou Gear Works, Ltd.", 12, 2, "Liuzhou Gear\nWorks"},
		{"Latin cut", "Guangxi Liuzhou Precision Gear Works", 12, 2, "Guangxi\nLiuzhou…"},
		{"only a suffix", "有限公司", 12, 1, "有限公司"},
		{"company and project", "柳州正邦汽车配件制造有限公司 年产25万件铝合金轮毂项目", 12, 2, "柳州正邦汽车\n配件制造"},
		{"one line", "柳州新能源电池", 8, 1, "柳州新…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := export.ShortName(tc.in, tc.width, tc.lines); got != tc.want {
				t.Errorf("ShortName(%q, %d, %d) = %q, want %q", tc.in, tc.width, tc.lines, got, tc.want)
			}
		})
	}
}

func TestLocalizeLayers(t *testing.T) {
	p, parcels := exporttest.Plan()
	layers := export.Layers(p, parcels)
	if got := export.LocalizeLayers(layers, policy.LangEN); &got[0] != &layers[0] {
		t.Error("English layers were copied or changed")
	}
	zh := export.LocalizeLayers(layers, policy.LangZH)
	for li, l := range zh {
		for _, name := range []string{"status", "allocation", "kind", "supply_mode", "route"} {
			i := l.FieldIndex(name)
			if i < 0 {
				continue
			}
			for fi, f := range l.Features {
				v, ok := f.Values[i].(string)
				if !ok {
					continue
				}
				if strings.ContainsAny(v, "abcdefghijklmnopqrstuvwxyz") {
					t.Errorf("layer %s, feature %d: %s = %q in a Chinese export", l.Name, fi, name, v)
				}
				if orig := layers[li].Features[fi].Values[i]; orig == v {
					t.Errorf("layer %s: %s %q unchanged", l.Name, name, v)
				}
			}
		}
		if c := l.FieldIndex(export.CategoryField); c >= 0 && len(l.Features) > 0 && l.Features[0].Values[c] != layers[li].Features[0].Values[c] {
			t.Errorf("layer %s: the style's category changed", l.Name)
		}
	}
	// The term texts and routes in Chinese; the years as they are.
	pl, ll := zh[0], zh[1]
	for _, tc := range []struct {
		name  string
		layer export.Layer
		row   int
		field string
		want  any
	}{
		{"parcel term", pl, 0, "term_text", "弹性年期出让 20 年"},
		{"phased parcel term", pl, 2, "term_text", p.Allocations[2].TermTextZH},
		{"parcel route", pl, 2, "route", "收回"},
		{"free date", pl, 2, "free_from", "2026-07-01"},
		{"phase 1 lot", ll, 3, "term_text", "先租后让(租赁 5 年 + 出让 15 年)"},
		{"phase 2 lot", ll, 4, "term_text", "弹性年期出让 20 年"},
		{"lot route", ll, 3, "route", "收回"},
		{"lease years", ll, 3, "lease_years", int64(5)},
		{"remainder", ll, 2, "term_text", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := value(t, tc.layer, tc.row, tc.field); got != tc.want {
				t.Errorf("%s row %d %s = %#v, want %#v", tc.layer.Name, tc.row, tc.field, got, tc.want)
			}
		})
	}
	if got := value(t, layers[1], 3, "term_text"); got != "lease then transfer (lease 5 years + transfer 15 years)" {
		t.Errorf("the English layers changed: %v", got)
	}
	// A Chinese export's term texts hold no English word.
	for _, l := range zh {
		i := l.FieldIndex("term_text")
		for fi, f := range l.Features {
			if v, ok := f.Values[i].(string); ok && strings.ContainsAny(v, "abcdefghijklmnopqrstuvwxyz") {
				t.Errorf("layer %s, feature %d: term_text %q in a Chinese export", l.Name, fi, v)
			}
		}
	}
}
