package ingest

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/landplan/landplan/geo"
	"github.com/landplan/landplan/geo/geojson"
	"github.com/landplan/landplan/geo/valid"
	"github.com/landplan/landplan/planner"
	"github.com/paulmach/orb"
)

// square returns a clockwise 0.001° × 0.001° square whose south-west corner
// is (lon, lat): clockwise so that the tests see it reoriented.
func square(lon, lat float64) orb.MultiPolygon {
	const d = 0.001
	return orb.MultiPolygon{{{{lon, lat}, {lon, lat + d}, {lon + d, lat + d}, {lon + d, lat}, {lon, lat}}}}
}

// props returns the properties of a valid parcel, with the given changes
// (a nil value deletes the key).
func props(id any, changes map[string]any) map[string]any {
	p := map[string]any{"id": id, "land_use": "100102", "status": "new", "zone": "柳州国家高新区"}
	for k, v := range changes {
		if v == nil {
			delete(p, k)
			continue
		}
		p[k] = v
	}
	return p
}

// nullValue marks a property that must be present with a JSON null.
type nullValue struct{}

func features(ps ...map[string]any) []geo.Feature {
	fs := make([]geo.Feature, len(ps))
	for i, p := range ps {
		for k, v := range p {
			if _, ok := v.(nullValue); ok {
				p[k] = nil
			}
		}
		fs[i] = geo.Feature{Index: i, Properties: p, Geometry: square(109.52+0.002*float64(i), 24.37)}
	}
	return fs
}

func TestParcelsFromFeaturesErrors(t *testing.T) {
	tests := []struct {
		name string
		fs   []geo.Feature
		want []wantDiag
	}{
		{"missing id", features(props(nil, nil)),
			[]wantDiag{{Code: "parcel.id_missing", Location: "feature 1", Property: "id", Message: "missing"}}},
		{"empty id", features(props("  ", nil)),
			[]wantDiag{{Code: "parcel.id_missing", Location: "feature 1", Property: "id", Message: "empty"}}},
		{"id of the wrong type", features(props(true, nil)),
			[]wantDiag{{Code: "parcel.type", Location: "feature 1", Property: "id", Message: "a boolean"}}},
		{"duplicate id names both features", features(props("A", nil), props("B", nil), props("A", nil)),
			[]wantDiag{{Code: "parcel.id_duplicate", Location: "feature 3", ID: "A", Property: "id", Message: "also used by feature 1"}}},
		{"missing land use", features(props("A", map[string]any{"land_use": nil})),
			[]wantDiag{{Code: "parcel.value_missing", Location: "feature 1", ID: "A", Property: "land_use"}}},
		{"null land use", features(props("A", map[string]any{"land_use": nullValue{}})),
			[]wantDiag{{Code: "parcel.value_missing", Location: "feature 1", ID: "A", Property: "land_use"}}},
		{"unknown land use", features(props("A", map[string]any{"land_use": "XYZ"})),
			[]wantDiag{{Code: "parcel.land_use_invalid", Location: "feature 1", ID: "A", Property: "land_use", Message: `"XYZ"`}}},
		{"missing status", features(props("A", map[string]any{"status": nil})),
			[]wantDiag{{Code: "parcel.value_missing", Location: "feature 1", ID: "A", Property: "status"}}},
		{"unknown status", features(props("A", map[string]any{"status": "vacant"})),
			[]wantDiag{{Code: "parcel.status_invalid", Location: "feature 1", ID: "A", Property: "status", Message: `"vacant"`}}},
		{"status not a string", features(props("A", map[string]any{"status": 3.0})),
			[]wantDiag{{Code: "parcel.type", Location: "feature 1", ID: "A", Property: "status", Message: "a number"}}},
		{"number that is text", features(props("A", map[string]any{"price": "cheap"})),
			[]wantDiag{{Code: "parcel.type", Location: "feature 1", ID: "A", Property: "price", Message: `"cheap"`}}},
		{"number that is a boolean", features(props("A", map[string]any{"max_plot_ratio": true})),
			[]wantDiag{{Code: "parcel.type", Location: "feature 1", ID: "A", Property: "max_plot_ratio", Message: "a boolean"}}},
		{"negative price", features(props("A", map[string]any{"price": -1.0})),
			[]wantDiag{{Code: "parcel.range", Location: "feature 1", ID: "A", Property: "price", Message: "negative"}}},
		{"negative plot ratio", features(props("A", map[string]any{"current_plot_ratio": -0.5})),
			[]wantDiag{{Code: "parcel.range", Location: "feature 1", ID: "A", Property: "current_plot_ratio"}}},
		{"share above 1", features(props("A", map[string]any{"developed_share": 1.5})),
			[]wantDiag{{Code: "parcel.range", Location: "feature 1", ID: "A", Property: "developed_share", Message: "between 0 and 1"}}},
		{"negative share", features(props("A", map[string]any{"invested_share": -0.1})),
			[]wantDiag{{Code: "parcel.range", Location: "feature 1", ID: "A", Property: "invested_share"}}},
		{"plot ratios in the wrong order", features(props("A", map[string]any{"min_plot_ratio": 3.0, "max_plot_ratio": 1.2})),
			[]wantDiag{{Code: "parcel.plot_ratio_order", Location: "feature 1", ID: "A", Property: "min_plot_ratio", Message: "3 is greater than max_plot_ratio 1.2"}}},
		{"date that does not exist", features(props("A", map[string]any{"agreed_start": "2021-02-30"})),
			[]wantDiag{{Code: "parcel.date_invalid", Location: "feature 1", ID: "A", Property: "agreed_start", Message: "not a real date"}}},
		{"date in another form", features(props("A", map[string]any{"halted_since": "2021/02/01"})),
			[]wantDiag{{Code: "parcel.date_invalid", Location: "feature 1", ID: "A", Property: "halted_since", Message: "YYYY-MM-DD"}}},
		{"date as a number", features(props("A", map[string]any{"halted_since": 20210201.0})),
			[]wantDiag{{Code: "parcel.type", Location: "feature 1", ID: "A", Property: "halted_since"}}},
		{"serviced not yes or no", features(props("A", map[string]any{"serviced": "maybe"})),
			[]wantDiag{{Code: "parcel.bool_invalid", Location: "feature 1", ID: "A", Property: "serviced", Message: `"maybe"`}}},
		{"serviced number other than 0 or 1", features(props("A", map[string]any{"serviced": 2.0})),
			[]wantDiag{{Code: "parcel.bool_invalid", Location: "feature 1", ID: "A", Property: "serviced", Message: "2 is not"}}},
		{"zone not a string", features(props("A", map[string]any{"zone": 7.0})),
			[]wantDiag{{Code: "parcel.type", Location: "feature 1", ID: "A", Property: "zone"}}},
		{"property twice in different case", features(props("A", map[string]any{"STATUS": "idle"})),
			[]wantDiag{{Code: "parcel.property_duplicate", Location: "feature 1", ID: "A", Property: "status", Message: `"STATUS" and "status"`}}},
		{"empty geometry", []geo.Feature{{Index: 4, Properties: props("A", nil)}},
			[]wantDiag{{Code: "parcel.geometry_empty", Location: "feature 5", ID: "A", Property: "geometry"}}},
		{"geometry marked invalid, properties still checked", []geo.Feature{{Index: 2, Properties: props("A", map[string]any{"status": "vacant"}), GeometryInvalid: true}},
			[]wantDiag{{Code: "parcel.geometry_invalid", Location: "feature 3", ID: "A", Property: "geometry"},
				{Code: "parcel.status_invalid", Location: "feature 3", ID: "A", Property: "status"}}},
		{"every problem of every feature", features(
			props("A", map[string]any{"status": "gone", "price": -3.0}),
			props("B", nil),
			props("C", map[string]any{"land_use": nil, "serviced": "perhaps"})),
			[]wantDiag{
				{Code: "parcel.status_invalid", Location: "feature 1", ID: "A", Property: "status"},
				{Code: "parcel.range", Location: "feature 1", ID: "A", Property: "price"},
				{Code: "parcel.value_missing", Location: "feature 3", ID: "C", Property: "land_use"},
				{Code: "parcel.bool_invalid", Location: "feature 3", ID: "C", Property: "serviced"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps, err := ParcelsFromFeatures(tc.fs, "parcels.geojson")
			if ps != nil {
				t.Errorf("got %d parcels along with the error, want none", len(ps))
			}
			pe := matchDiags(t, err, "parcels.geojson", tc.want)
			if pe != nil && len(pe.Diagnostics) != len(tc.want) {
				t.Errorf("got %d diagnostics, want %d:\n%s", len(pe.Diagnostics), len(tc.want), dumpDiags(pe.Diagnostics))
			}
		})
	}
}

func TestParcelsFromFeaturesCapsProblems(t *testing.T) {
	var fs []geo.Feature
	for range 120 {
		fs = append(fs, features(props("A", map[string]any{"status": "gone"}))...)
	}
	for i := range fs {
		fs[i].Index = i
		fs[i].Properties["id"] = strings.Repeat("x", i+1)
	}
	_, err := ParcelsFromFeatures(fs, "p.geojson")
	pe := matchDiags(t, err, "p.geojson", []wantDiag{{Code: "parcel.status_invalid", Location: "feature 1", ID: "x", Property: "status"}})
	if len(pe.Diagnostics) != MaxProblems || !strings.Contains(pe.Msg, "120 problems") {
		t.Errorf("kept %d diagnostics with message %q; want %d and the total 120", len(pe.Diagnostics), pe.Msg, MaxProblems)
	}
}

func TestParcelsFromFeaturesValues(t *testing.T) {
	yes, no := true, false
	tests := []struct {
		name  string
		props map[string]any
		check func(t *testing.T, p planner.Parcel)
	}{
		{"numeric id without exponent", props(12345678.0, nil), func(t *testing.T, p planner.Parcel) {
			if p.ID != "12345678" {
				t.Errorf("id = %q", p.ID)
			}
		}},
		{"fractional numeric id", props(1500.5, nil), func(t *testing.T, p planner.Parcel) {
			if p.ID != "1500.5" {
				t.Errorf("id = %q", p.ID)
			}
		}},
		{"numeric land use code", props("A", map[string]any{"land_use": 100101.0}), func(t *testing.T, p planner.Parcel) {
			if p.LandUse != "100101" {
				t.Errorf("land_use = %q", p.LandUse)
			}
		}},
		{"Chinese status", props("A", map[string]any{"status": "闲置"}), func(t *testing.T, p planner.Parcel) {
			if p.Status != planner.StatusIdle {
				t.Errorf("status = %q", p.Status)
			}
		}},
		{"upper-case status", props("A", map[string]any{"status": "Reserved"}), func(t *testing.T, p planner.Parcel) {
			if p.Status != planner.StatusReserved {
				t.Errorf("status = %q", p.Status)
			}
		}},
		{"serviced 是", props("A", map[string]any{"serviced": "是"}), func(t *testing.T, p planner.Parcel) {
			if p.Serviced == nil || *p.Serviced != yes {
				t.Errorf("serviced = %v", p.Serviced)
			}
		}},
		{"serviced 0", props("A", map[string]any{"serviced": 0.0}), func(t *testing.T, p planner.Parcel) {
			if p.Serviced == nil || *p.Serviced != no {
				t.Errorf("serviced = %v", p.Serviced)
			}
		}},
		{"serviced No", props("A", map[string]any{"serviced": "No"}), func(t *testing.T, p planner.Parcel) {
			if p.Serviced == nil || *p.Serviced != no {
				t.Errorf("serviced = %v", p.Serviced)
			}
		}},
		{"numbers as numeric strings", props("A", map[string]any{"price": "236", "min_plot_ratio": "1.12", "max_plot_ratio": 3.0}), func(t *testing.T, p planner.Parcel) {
			if p.Price == nil || *p.Price != 236 || p.MinPlotRatio == nil || *p.MinPlotRatio != 1.12 || *p.MaxPlotRatio != 3 {
				t.Errorf("price %v, plot ratios %v..%v", p.Price, p.MinPlotRatio, p.MaxPlotRatio)
			}
		}},
		{"null is absent", props("A", map[string]any{"price": nullValue{}, "serviced": nullValue{}, "agreed_start": nullValue{}}), func(t *testing.T, p planner.Parcel) {
			if p.Price != nil || p.Serviced != nil || p.AgreedStart != "" || p.Extra != nil {
				t.Errorf("null properties read as %+v", p)
			}
		}},
		{"idle-land facts", props("A", map[string]any{"agreed_start": "2020-02-29", "halted_since": "2022-01-01", "developed_share": 0.2, "invested_share": 0.1,
			"current_plot_ratio": 0.4, "current_tax_per_mu": 3.5}), func(t *testing.T, p planner.Parcel) {
			if p.AgreedStart != "2020-02-29" || p.HaltedSince != "2022-01-01" || *p.DevelopedShare != 0.2 || *p.InvestedShare != 0.1 ||
				*p.CurrentPlotRatio != 0.4 || *p.CurrentTaxPerMu != 3.5 {
				t.Errorf("read as %+v", p)
			}
		}},
		{"unknown properties kept", props("A", map[string]any{"road": "车园横一路", "note": nullValue{}, "owner": map[string]any{"name": "x"}}), func(t *testing.T, p planner.Parcel) {
			want := map[string]any{"road": "车园横一路", "note": nil, "owner": map[string]any{"name": "x"}}
			if !reflect.DeepEqual(p.Extra, want) {
				t.Errorf("extra = %#v, want %#v", p.Extra, want)
			}
		}},
		{"upper-case property names", map[string]any{"ID": "Z-1", "LAND_USE": "M2", "Status": "new"}, func(t *testing.T, p planner.Parcel) {
			if p.ID != "Z-1" || p.LandUse != "M2" || p.Status != planner.StatusNew || p.Extra != nil {
				t.Errorf("read as %+v", p)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps, err := ParcelsFromFeatures(features(tc.props), "p.geojson")
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) != 1 {
				t.Fatalf("got %d parcels", len(ps))
			}
			tc.check(t, ps[0])
		})
	}
}

// signedArea is the planar shoelace area of a ring in degrees², positive
// when counter-clockwise.
func signedArea(r orb.Ring) float64 {
	s := 0.0
	for i := 0; i+1 < len(r); i++ {
		s += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return s / 2
}

func TestParcelsFromFeaturesGeometry(t *testing.T) {
	ps, err := ParcelsFromFeatures(features(props("A", nil)), "p.geojson")
	if err != nil {
		t.Fatal(err)
	}
	p := ps[0]
	if signedArea(p.Geometry[0][0]) <= 0 {
		t.Errorf("exterior ring is not counter-clockwise after reading")
	}
	// Independent estimate of the 0.001° cell at 24.37°N on the GRS80
	// ellipsoid: meridian radius M times dφ by prime-vertical radius N
	// times cos φ times dλ. For a cell 100 m across the curvature terms
	// this neglects are below 1e-6 of the area; 1e-5 leaves room.
	const a, f = 6378137.0, 1 / 298.257222101
	e2 := f * (2 - f)
	phi := (24.37 + 0.0005) * math.Pi / 180
	w := 1 - e2*math.Sin(phi)*math.Sin(phi)
	m := a * (1 - e2) / math.Pow(w, 1.5)
	n := a / math.Sqrt(w)
	d := 0.001 * math.Pi / 180
	want := m * d * n * math.Cos(phi) * d
	if rel := math.Abs(p.AreaM2-want) / want; rel > 1e-5 {
		t.Errorf("area = %.3f m², want %.3f (relative difference %.2g)", p.AreaM2, want, rel)
	}
	if mu := p.AreaMu(); math.Abs(mu-want/planner.SquareMetresPerMu) > 1e-3 {
		t.Errorf("area in mu = %v", mu)
	}
}

const goodCollection = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"HX-A-8-1","zone":"河西柳州高新区","land_use":"100102","status":"new","min_plot_ratio":1.12,"max_plot_ratio":3.0,"price":236,"serviced":true,"road":"河西工业横一路"},
 "geometry":{"type":"Polygon","coordinates":[[[109.43,24.33],[109.433,24.33],[109.433,24.332],[109.43,24.332],[109.43,24.33]]]}},
{"type":"Feature","properties":{"id":20250002,"land_use":"M2","status":"idle","agreed_start":"2020-03-01","developed_share":0},
 "geometry":{"type":"Polygon","coordinates":[[[109.44,24.33],[109.442,24.33],[109.442,24.332],[109.44,24.332],[109.44,24.33]]]}}
]}`

func TestReadParcels(t *testing.T) {
	ps, err := ReadParcels(strings.NewReader(goodCollection), ParcelOptions{File: "parcels.geojson"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 || ps[0].ID != "HX-A-8-1" || ps[1].ID != "20250002" || ps[0].Zone != "河西柳州高新区" || ps[1].Status != planner.StatusIdle {
		t.Fatalf("read %+v", ps)
	}
	if ps[0].Extra["road"] != "河西工业横一路" || len(ps[0].Extra) != 1 {
		t.Errorf("extra = %v", ps[0].Extra)
	}
	if !(ps[0].AreaM2 > 0) || !(ps[1].AreaM2 > 0) {
		t.Errorf("areas %v, %v", ps[0].AreaM2, ps[1].AreaM2)
	}
}

func TestReadParcelsErrors(t *testing.T) {
	bowTie := strings.Replace(goodCollection, `[[109.44,24.33],[109.442,24.33],[109.442,24.332],[109.44,24.332],[109.44,24.33]]`,
		`[[109.44,24.33],[109.442,24.332],[109.442,24.33],[109.44,24.332],[109.44,24.33]]`, 1)
	tests := []struct {
		name  string
		input string
		want  []wantDiag
	}{
		{"self-intersecting ring", bowTie, []wantDiag{{Code: valid.CodeSelfIntersection, Location: "feature 2", ID: "20250002", Property: "geometry"}}},
		{"not JSON", "{", []wantDiag{{Code: geojson.CodeTruncated}}},
		{"property problems", strings.Replace(goodCollection, `"status":"idle"`, `"status":"lost"`, 1),
			[]wantDiag{{Code: "parcel.status_invalid", Location: "feature 2", ID: "20250002", Property: "status"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadParcels(strings.NewReader(tc.input), ParcelOptions{File: "parcels.geojson"})
			matchDiags(t, err, "parcels.geojson", tc.want)
		})
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestReadParcelsReaderError(t *testing.T) {
	_, err := ReadParcels(failingReader{}, ParcelOptions{File: "p.geojson"})
	if err == nil || !strings.Contains(err.Error(), "disk on fire") || !strings.Contains(err.Error(), "p.geojson") {
		t.Fatalf("error = %v", err)
	}
	if planner.KindOf(err) != planner.KindInternal {
		t.Errorf("kind = %v, want internal", planner.KindOf(err))
	}
}

// TestPropertyGivenTwiceKeepsFirstSorted checks that when a property is
// given under two names, the value kept is that of the name first in
// sorted order, whatever order the map yields, and the other is reported.
func TestPropertyGivenTwiceKeepsFirstSorted(t *testing.T) {
	for range 20 {
		f := geo.Feature{Index: 0, Properties: map[string]any{"id": "A", "land_use": "100101",
			"Status": "idle", "status": "bogus", " STATUS ": "new", "note": "kept"},
			Geometry: orb.MultiPolygon{{{{109, 24}, {109.001, 24}, {109.001, 24.001}, {109, 24}}}}}
		c := &collector{}
		var fr featureReader
		var p planner.Parcel
		ok := fr.convert(f, &p, c)
		if ok || p.Status != planner.StatusNew || p.Extra["note"] != "kept" {
			t.Fatalf("ok %v, status %q, extra %v; want false, new (from \" STATUS \"), note kept", ok, p.Status, p.Extra)
		}
		var msgs []string
		for _, d := range c.diags {
			msgs = append(msgs, d.Code+": "+d.Message)
		}
		want := []string{
			`parcel.property_duplicate: property given twice, as " STATUS " and "Status"`,
			`parcel.property_duplicate: property given twice, as " STATUS " and "status"`,
		}
		if !slices.Equal(msgs, want) {
			t.Fatalf("diagnostics %q, want %q", msgs, want)
		}
	}
}

// TestPropIndex checks that propIndex numbers the properties as
// parcelProps lists them and that canonicalProp matches names in any case
// and with surrounding space, and nothing else.
func TestPropIndex(t *testing.T) {
	for i, name := range parcelProps {
		if got := propIndex(name); got != i {
			t.Errorf("propIndex(%q) = %d, want %d", name, got, i)
		}
		if got := canonicalProp(" " + strings.ToUpper(name) + "\t"); got != i {
			t.Errorf("canonicalProp of %q in capitals = %d, want %d", name, got, i)
		}
	}
	for _, name := range []string{"", "ID_", "land use", "survey"} {
		if got := canonicalProp(name); got != -1 {
			t.Errorf("canonicalProp(%q) = %d, want -1", name, got)
		}
	}
}

// TestReadParcelsMergesProblems checks that the properties of features
// with geometry problems are checked too, and that every problem comes in
// one list in feature order: the file's first, then for each feature its
// geometry before its properties, and a syntax error last.
func TestReadParcelsMergesProblems(t *testing.T) {
	const (
		closed1 = `[[109.43,24.33],[109.433,24.33],[109.433,24.332],[109.43,24.332],[109.43,24.33]]`
		open1   = `[[109.43,24.33],[109.433,24.33],[109.433,24.332],[109.43,24.332],[109.43,24.331]]`
		closed2 = `[[109.44,24.33],[109.442,24.33],[109.442,24.332],[109.44,24.332],[109.44,24.33]]`
		bowTie2 = `[[109.44,24.33],[109.442,24.332],[109.442,24.33],[109.44,24.332],[109.44,24.33]]`
	)
	// edit applies old → new replacements to goodCollection in turn.
	edit := func(pairs ...string) string {
		s := goodCollection
		for i := 0; i < len(pairs); i += 2 {
			if !strings.Contains(s, pairs[i]) {
				t.Fatalf("%q is not in the collection", pairs[i])
			}
			s = strings.Replace(s, pairs[i], pairs[i+1], 1)
		}
		return s
	}
	type diag struct{ location, code string }
	tests := []struct {
		name  string
		input string
		want  []diag
	}{
		{"open ring in 1, unknown status in 2", edit(closed1, open1, `"status":"idle"`, `"status":"vacant"`),
			[]diag{{"feature 1", valid.CodeRingNotClosed}, {"feature 2", "parcel.status_invalid"}}},
		{"unknown status in 1, bow tie in 2", edit(closed2, bowTie2, `"status":"new"`, `"status":"vacant"`),
			[]diag{{"feature 1", "parcel.status_invalid"}, {"feature 2", valid.CodeSelfIntersection}}},
		{"geometry before properties in one feature", edit(closed2, bowTie2, `"status":"idle"`, `"status":"vacant"`, `"land_use":"M2"`, `"land_use":"XX9"`),
			[]diag{{"feature 2", valid.CodeSelfIntersection}, {"feature 2", "parcel.land_use_invalid"}, {"feature 2", "parcel.status_invalid"}}},
		{"duplicate id of a feature with an open ring", edit(closed1, open1, `"id":20250002`, `"id":"HX-A-8-1"`),
			[]diag{{"feature 1", valid.CodeRingNotClosed}, {"feature 2", "parcel.id_duplicate"}}},
		{"missing geometry and missing status", edit(`"geometry":{"type":"Polygon","coordinates":[`+closed1+`]}`, `"geometry":null`, `"status":"idle",`, ``),
			[]diag{{"feature 1", valid.CodeGeometryMissing}, {"feature 2", "parcel.value_missing"}}},
		{"file problem first", edit(`"features"`, `"crs":{"type":"name","properties":{"name":"EPSG:9999"}},"features"`, closed2, bowTie2, `"status":"new"`, `"status":"vacant"`),
			[]diag{{"", geojson.CodeCRSUnsupported}, {"feature 1", "parcel.status_invalid"}, {"feature 2", valid.CodeSelfIntersection}}},
		{"truncation last", edit(closed1, open1, `"status":"new"`, `"status":"vacant"`)[:len(goodCollection)-40],
			[]diag{{"feature 1", valid.CodeRingNotClosed}, {"feature 1", "parcel.status_invalid"}, {"feature 2", geojson.CodeTruncated}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps, err := ReadParcels(strings.NewReader(tc.input), ParcelOptions{File: "parcels.geojson"})
			var pe *planner.Error
			if !errors.As(err, &pe) || pe.Kind != planner.KindInvalid || ps != nil {
				t.Fatalf("got %d parcels and error %v, want only an invalid-input *planner.Error", len(ps), err)
			}
			var got []diag
			for _, d := range pe.Diagnostics {
				got = append(got, diag{d.Location, d.Code})
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("diagnostics %v, want %v:\n%s", got, tc.want, dumpDiags(pe.Diagnostics))
			}
			if want := len(tc.want); !strings.Contains(pe.Msg, strconv.Itoa(want)+" problem") {
				t.Errorf("message %q does not count %d problems", pe.Msg, want)
			}
		})
	}
}

// TestReadParcelsMergedCap checks that geometry and property problems
// share the MaxProblems cap in feature order, and that the count says it
// is a lower bound when the reader stopped at its limit.
func TestReadParcelsMergedCap(t *testing.T) {
	const n = 150
	var b strings.Builder
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		lon := 109.4 + 0.002*float64(i)
		fmt.Fprintf(&b, `{"type":"Feature","properties":{"id":"P%d","land_use":"100102","status":"vacant"},"geometry":{"type":"Polygon","coordinates":[[[%[2]g,24.33],[%[3]g,24.33],[%[3]g,24.331],[%[2]g,24.3305]]]}}`, i, lon, lon+0.001)
	}
	b.WriteString("]}")
	_, err := ReadParcels(strings.NewReader(b.String()), ParcelOptions{File: "p.geojson"})
	var pe *planner.Error
	if !errors.As(err, &pe) {
		t.Fatalf("error %v, want a *planner.Error", err)
	}
	if len(pe.Diagnostics) != MaxProblems {
		t.Fatalf("%d diagnostics, want %d", len(pe.Diagnostics), MaxProblems)
	}
	for i, d := range pe.Diagnostics {
		wantCode := valid.CodeRingNotClosed
		if i%2 == 1 {
			wantCode = "parcel.status_invalid"
		}
		if loc := featureLocation(i / 2); d.Location != loc || d.Code != wantCode {
			t.Fatalf("diagnostic %d is %s %s, want %s %s", i, d.Location, d.Code, loc, wantCode)
		}
	}
	// The reader stops after its 100th problem, at feature 100, whose
	// status has been checked too: 100 of each.
	if !strings.Contains(pe.Msg, "at least 200 problems") || !strings.Contains(pe.Msg, fmt.Sprintf("first %d", MaxProblems)) {
		t.Errorf("message %q", pe.Msg)
	}
}
