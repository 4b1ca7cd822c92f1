package geojson

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/landplan/landplan/geo"
	"github.com/landplan/landplan/geo/crs"
	"github.com/landplan/landplan/geo/valid"
	"github.com/paulmach/orb"
)

// fc wraps feature texts in a FeatureCollection.
func fc(features ...string) string {
	return `{"type": "FeatureCollection", "features": [` + strings.Join(features, ",\n") + `]}`
}

// feat builds a feature with an "id" property and the given geometry text.
func feat(id, geometry string) string {
	return `{"type": "Feature", "properties": {"id": "` + id + `", "land_use": "100101"}, "geometry": ` + geometry + `}`
}

func poly(rings ...string) string {
	return `{"type": "Polygon", "coordinates": [` + strings.Join(rings, ", ") + `]}`
}

// Rings around Liuzhou, in degrees.
const (
	squareCW   = `[[109.40, 24.30], [109.40, 24.31], [109.41, 24.31], [109.41, 24.30], [109.40, 24.30]]`
	squareCCW  = `[[109.40, 24.30], [109.41, 24.30], [109.41, 24.31], [109.40, 24.31], [109.40, 24.30]]`
	innerCCW   = `[[109.402, 24.302], [109.404, 24.302], [109.404, 24.304], [109.402, 24.304], [109.402, 24.302]]`
	bowTie     = `[[109.40, 24.30], [109.41, 24.31], [109.41, 24.30], [109.40, 24.31], [109.40, 24.30]]`
	pinched    = `[[109.40, 24.30], [109.41, 24.30], [109.405, 24.305], [109.41, 24.31], [109.40, 24.31], [109.405, 24.305], [109.40, 24.30]]`
	spike      = `[[109.40, 24.30], [109.41, 24.30], [109.41, 24.31], [109.41, 24.32], [109.41, 24.315], [109.40, 24.30]]`
	bigSquare  = `[[109.39, 24.29], [109.42, 24.29], [109.42, 24.32], [109.39, 24.32], [109.39, 24.29]]`
	outsideHol = `[[109.50, 24.50], [109.51, 24.50], [109.51, 24.51], [109.50, 24.51], [109.50, 24.50]]`
	crossHole  = `[[109.405, 24.305], [109.42, 24.305], [109.42, 24.306], [109.405, 24.306], [109.405, 24.305]]`
	swapped    = `[[24.30, 109.40], [24.30, 109.41], [24.31, 109.41], [24.30, 109.40]]`
)

// gkSquare is a 100 m square at Liuzhou in EPSG:4545 metres.
const gkSquare = `[[642100, 2689200], [642200, 2689200], [642200, 2689300], [642100, 2689300], [642100, 2689200]]`

func TestReadFeatureCollectionValid(t *testing.T) {
	gk := crs.CRS{EPSG: 4545}
	gkCorner := func(e, n float64) orb.Point {
		lon, lat := gk.ToLonLat(e, n)
		return orb.Point{lon, lat}
	}
	tests := []struct {
		name    string
		in      string
		opt     ReadOptions
		wantIDs []string
		want    []orb.MultiPolygon
	}{
		{
			name:    "clockwise polygon comes out counter-clockwise",
			in:      fc(feat("L1", poly(squareCW))),
			wantIDs: []string{"L1"},
			want:    []orb.MultiPolygon{{{{{109.40, 24.30}, {109.41, 24.30}, {109.41, 24.31}, {109.40, 24.31}, {109.40, 24.30}}}}},
		},
		{
			name:    "hole comes out clockwise",
			in:      fc(feat("L2", poly(squareCCW, innerCCW))),
			wantIDs: []string{"L2"},
			want: []orb.MultiPolygon{{{
				{{109.40, 24.30}, {109.41, 24.30}, {109.41, 24.31}, {109.40, 24.31}, {109.40, 24.30}},
				{{109.402, 24.302}, {109.402, 24.304}, {109.404, 24.304}, {109.404, 24.302}, {109.402, 24.302}},
			}}},
		},
		{
			name: "multipolygon, coordinates before type, altitude ignored, duplicates dropped",
			in: fc(`{"type": "Feature", "properties": {"id": "M1"}, "geometry": {"coordinates": [[[[109.40, 24.30, 88.5], [109.41, 24.30, 88.5], [109.41, 24.30], [109.41, 24.31], [109.40, 24.30]]],` +
				` [[[109.50, 24.30], [109.51, 24.30], [109.51, 24.31], [109.50, 24.30]]]], "type": "MultiPolygon"}}`),
			wantIDs: []string{"M1"},
			want: []orb.MultiPolygon{{
				{{{109.40, 24.30}, {109.41, 24.30}, {109.41, 24.31}, {109.40, 24.30}}},
				{{{109.50, 24.30}, {109.51, 24.30}, {109.51, 24.31}, {109.50, 24.30}}},
			}},
		},
		{
			name:    "top-level numeric id when properties have none",
			in:      fc(`{"type": "Feature", "id": 17, "properties": {"zone": "柳东"}, "geometry": ` + poly(squareCCW) + `}`),
			wantIDs: []string{"17"},
		},
		{
			name:    "numeric id property keeps its text",
			in:      fc(`{"type": "Feature", "id": "top", "properties": {"id": 42}, "geometry": ` + poly(squareCCW) + `}`),
			wantIDs: []string{"42"},
		},
		{
			name:    "projected input converted with the CRS given",
			in:      fc(feat("G1", poly(gkSquare))),
			opt:     ReadOptions{CRS: gk},
			wantIDs: []string{"G1"},
			want: []orb.MultiPolygon{{{{gkCorner(642100, 2689200), gkCorner(642200, 2689200), gkCorner(642200, 2689300),
				gkCorner(642100, 2689300), gkCorner(642100, 2689200)}}}},
		},
		{
			name: "legacy crs member honoured",
			in: `{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4545"}}, "features": [` +
				feat("G2", poly(gkSquare)) + `]}`,
			wantIDs: []string{"G2"},
			want: []orb.MultiPolygon{{{{gkCorner(642100, 2689200), gkCorner(642200, 2689200), gkCorner(642200, 2689300),
				gkCorner(642100, 2689300), gkCorner(642100, 2689200)}}}},
		},
		{
			name:    "byte order mark, foreign members and bbox",
			in:      "\uFEFF" + `{"type": "FeatureCollection", "name": "parcels", "bbox": [1, 2, 3, 4], "features": [{"type": "Feature", "bbox": [0, 0, 1, 1], "extra": {"a": [1, {"b": null}]}, "properties": {"id": "B1"}, "geometry": ` + poly(squareCCW) + `}]}`,
			wantIDs: []string{"B1"},
		},
		{
			name:    "empty collection",
			in:      fc(),
			wantIDs: []string{},
		},
		{
			name:    "hole touching the exterior at one point is valid",
			in:      fc(feat("T1", poly(squareCCW, `[[109.40, 24.305], [109.405, 24.303], [109.405, 24.307], [109.40, 24.305]]`))),
			wantIDs: []string{"T1"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs, err := ReadFeatureCollection(strings.NewReader(tc.in), tc.opt)
			if err != nil {
				t.Fatalf("ReadFeatureCollection: %v", err)
			}
			ids := []string{}
			for i, f := range fs {
				ids = append(ids, f.ID)
				if f.Index != i {
					t.Errorf("feature %d has Index %d", i, f.Index)
				}
				checkWinding(t, f.Geometry)
			}
			if !reflect.DeepEqual(ids, tc.wantIDs) {
				t.Fatalf("ids %q, want %q", ids, tc.wantIDs)
			}
			for i, want := range tc.want {
				if !geometryNear(fs[i].Geometry, want, 1e-12) {
					t.Errorf("feature %d geometry\n got %v\nwant %v", i, fs[i].Geometry, want)
				}
			}
			checkPropertiesMatchEncodingJSON(t, []byte(strings.TrimPrefix(tc.in, "\uFEFF")), fs)
		})
	}
}

// checkWinding asserts RFC 7946 winding.
func checkWinding(t *testing.T, mp orb.MultiPolygon) {
	t.Helper()
	for _, p := range mp {
		for i, r := range p {
			a := signedArea(r)
			if (i == 0 && a <= 0) || (i > 0 && a >= 0) {
				t.Errorf("ring %d has signed area %g: wrong winding", i, a)
			}
		}
	}
}

// geometryNear compares coordinates within tol degrees; 1e-12° is 0.1 µm,
// far below the projection's nanometre-level agreement with itself.
func geometryNear(a, b orb.MultiPolygon, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if len(a[i][j]) != len(b[i][j]) {
				return false
			}
			for k := range a[i][j] {
				if math.Abs(a[i][j][k][0]-b[i][j][k][0]) > tol || math.Abs(a[i][j][k][1]-b[i][j][k][1]) > tol {
					return false
				}
			}
		}
	}
	return true
}

// checkPropertiesMatchEncodingJSON decodes the input with encoding/json
// and compares each returned feature's properties with it.
func checkPropertiesMatchEncodingJSON(t testing.TB, data []byte, fs []geo.Feature) {
	t.Helper()
	var doc struct {
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("encoding/json rejects input the reader accepted: %v", err)
	}
	for _, f := range fs {
		var ft struct {
			Properties map[string]any `json:"properties"`
		}
		if err := json.Unmarshal(doc.Features[f.Index], &ft); err != nil {
			t.Fatalf("feature %d: encoding/json: %v", f.Index, err)
		}
		if !reflect.DeepEqual(f.Properties, ft.Properties) {
			t.Fatalf("feature %d properties\n got %#v\nwant %#v", f.Index, f.Properties, ft.Properties)
		}
	}
}

// wantProblem describes an expected problem; msg is a substring.
type wantProblem struct {
	feature  int
	id       string
	property string
	code     string
	msg      string
}

func TestReadFeatureCollectionProblems(t *testing.T) {
	bigCrossed := bigRing(200, 50)
	tests := []struct {
		name string
		in   string
		opt  ReadOptions
		want []wantProblem
	}{
		{"not JSON", "PK\x03\x04 zip", ReadOptions{}, []wantProblem{{-1, "", "", CodeJSONSyntax, "line 1, column 1 (byte 0)"}}},
		{"empty file", "", ReadOptions{}, []wantProblem{{-1, "", "", CodeEmptyFile, "file is empty"}}},
		{"blank file", " \n\t\n", ReadOptions{}, []wantProblem{{-1, "", "", CodeEmptyFile, "file is empty"}}},
		{"truncated", fc(feat("L1", poly(squareCCW)))[:120], ReadOptions{}, []wantProblem{{0, "", "", CodeTruncated, "file ends unexpectedly at line 1, column 121 (byte 120)"}}},
		{"syntax error on line 3", "{\"type\": \"FeatureCollection\",\n\"features\": [\n{\"type\": \"Feature\" \"properties\": {}}]}", ReadOptions{},
			[]wantProblem{{0, "", "", CodeJSONSyntax, "line 3, column 20 (byte 63): unexpected '\"'"}}},
		{"trailing garbage", fc() + " x", ReadOptions{}, []wantProblem{{-1, "", "", CodeJSONSyntax, "after the end of the top-level value"}}},
		{"top level array", "[1, 2]", ReadOptions{}, []wantProblem{{-1, "", "", CodeNotCollection, "top level is an array"}}},
		{"top level feature", feat("L1", poly(squareCCW)), ReadOptions{}, []wantProblem{{-1, "", "type", CodeNotCollection, "single Feature"}}},
		{"no features", `{"type": "FeatureCollection"}`, ReadOptions{}, []wantProblem{{-1, "", "features", CodeNoFeatures, `no "features" array`}}},
		{"features not array", `{"type": "FeatureCollection", "features": {}}`, ReadOptions{}, []wantProblem{{-1, "", "features", CodeNoFeatures, "an object, not an array"}}},
		{"feature is a number", fc(`5`), ReadOptions{}, []wantProblem{{0, "", "", CodeNotFeature, "a number, not a Feature"}}},
		{"bare geometry in features", fc(poly(squareCCW)), ReadOptions{}, []wantProblem{{0, "", "type", CodeNotFeature, "bare Polygon geometry"}}},
		{"wrong feature type", fc(`{"type": "Feat", "properties": {"id": "X"}, "geometry": ` + poly(squareCCW) + `}`), ReadOptions{},
			[]wantProblem{{0, "X", "type", CodeNotFeature, `has type "Feat"`}}},
		{"missing geometry", fc(`{"type": "Feature", "properties": {"id": "L1"}}`), ReadOptions{}, []wantProblem{{0, "L1", "geometry", valid.CodeGeometryMissing, "no geometry"}}},
		{"null geometry", fc(feat("L1", "null")), ReadOptions{}, []wantProblem{{0, "L1", "geometry", valid.CodeGeometryMissing, "null"}}},
		{"point geometry", fc(feat("L1", `{"type": "Point", "coordinates": [109.4, 24.3]}`)), ReadOptions{}, []wantProblem{{0, "L1", "geometry", valid.CodeGeometryWrongType, "geometry is a Point"}}},
		{"linestring nesting in a polygon", fc(feat("L1", `{"type": "Polygon", "coordinates": [[109.4, 24.3], [109.5, 24.3]]}`)), ReadOptions{},
			[]wantProblem{{0, "L1", "geometry", valid.CodeGeometryBadNesting, "found a number where a position [x, y] belongs"}}},
		{"ring with 3 positions", fc(feat("L1", poly(`[[109.4, 24.3], [109.5, 24.3], [109.4, 24.3]]`))), ReadOptions{}, []wantProblem{{0, "L1", "geometry", valid.CodeRingTooShort, "exterior ring has 3 positions"}}},
		{"unclosed ring", fc(feat("L1", poly(`[[109.4, 24.3], [109.5, 24.3], [109.5, 24.4], [109.4, 24.4]]`))), ReadOptions{},
			[]wantProblem{{0, "L1", "geometry", valid.CodeRingNotClosed, "not closed: it starts at (109.4, 24.3) and ends at (109.4, 24.4)"}}},
		{"bow-tie", fc(feat("L1", poly(bowTie))), ReadOptions{}, []wantProblem{{0, "L1", "geometry", valid.CodeSelfIntersection, "crosses itself at (109.405, 24.305)"}}},
		{"crossing edges in a 200-vertex ring", fc(feat("L1", poly(bigCrossed))), ReadOptions{}, []wantProblem{{0, "L1", "geometry", valid.CodeSelfIntersection, "crosses itself"}}},
		{"repeated vertex that pinches", fc(feat("L1", poly(pinched))), ReadOptions{}, []wantProblem{{0, "L1", "geometry", valid.CodeSelfIntersection, "touches itself at (109.405, 24.305)"}}},
		{"spike", fc(feat("L1", poly(spike))), ReadOptions{}, []wantProblem{{0, "L1", "geometry", valid.CodeSelfIntersection, "runs back over itself"}}},
		{"hole outside", fc(feat("L1", poly(squareCCW, outsideHol))), ReadOptions{}, []wantProblem{{0, "L1", "geometry", valid.CodeHoleOutsideShell, "hole 1 lies outside the exterior ring"}}},
		{"hole crossing", fc(feat("L1", poly(squareCCW, crossHole))), ReadOptions{}, []wantProblem{{0, "L1", "geometry", valid.CodeHoleCrossesShell, "hole 1 crosses the exterior ring at (109.41, 24.305)"}}},
		{"hole inside hole", fc(feat("L1", poly(bigSquare, squareCCW, innerCCW))), ReadOptions{}, []wantProblem{{0, "L1", "geometry", valid.CodeHolesOverlap, "hole 1 and hole 2 overlap"}}},
		{"overlapping polygons", fc(feat("L1", `{"type": "MultiPolygon", "coordinates": [[`+squareCCW+`], [`+innerCCW+`]]}`)), ReadOptions{},
			[]wantProblem{{0, "L1", "geometry", valid.CodePolygonsOverlap, "polygons 1 and 2 overlap"}}},
		{"coordinate not finite", fc(feat("L1", poly(`[[109.4, 24.3], [1e999, 24.3], [109.5, 24.4], [109.4, 24.3]]`))), ReadOptions{}, []wantProblem{{0, "L1", "geometry", valid.CodeNotFinite, "1e999 is not a finite number"}}},
		{"longitude out of range", fc(feat("L1", poly(`[[200, 24.3], [200.1, 24.3], [200.1, 24.4], [200, 24.3]]`))), ReadOptions{}, []wantProblem{{0, "L1", "geometry", valid.CodeLonLatOutOfRange, "longitude 200 is out of range"}}},
		{"latitude out of range", fc(feat("L1", poly(`[[109.4, 95], [109.5, 95], [109.5, 96], [109.4, 95]]`))), ReadOptions{}, []wantProblem{{0, "L1", "geometry", valid.CodeLonLatOutOfRange, "latitude 95 is out of range"}}},
		{"lat/lon swapped", fc(feat("L1", poly(swapped))), ReadOptions{}, []wantProblem{{0, "L1", "geometry", valid.CodeLonLatSwapped, "are longitude and latitude swapped?"}}},
		{"metres without a CRS", fc(feat("L1", poly(gkSquare))), ReadOptions{}, []wantProblem{{0, "L1", "geometry", valid.CodeLooksProjected, "coordinates look projected (metres); name the CRS, e.g. --crs EPSG:4545"}}},
		{"prefixed metres without a CRS", fc(feat("L1", poly(`[[36642100, 2689200], [36642200, 2689200], [36642200, 2689300], [36642100, 2689200]]`))), ReadOptions{},
			[]wantProblem{{0, "L1", "geometry", valid.CodeLooksProjected, "e.g. --crs EPSG:4524"}}},
		{"degrees with a projected CRS", fc(feat("L1", poly(squareCCW))), ReadOptions{CRS: crs.CRS{EPSG: 4545}}, []wantProblem{{0, "L1", "geometry", valid.CodeImplausibleForCRS, "looks like longitude/latitude degrees, not EPSG:4545 metres"}}},
		{"northing and easting swapped", fc(feat("L1", poly(`[[2689200, 642100], [2689200, 642200], [2689300, 642200], [2689200, 642100]]`))), ReadOptions{CRS: crs.CRS{EPSG: 4545}},
			[]wantProblem{{0, "L1", "geometry", valid.CodeImplausibleForCRS, "are easting and northing swapped?"}}},
		{"prefixed easting with the plain CRS", fc(feat("L1", poly(`[[36642100, 2689200], [36642200, 2689200], [36642200, 2689300], [36642100, 2689200]]`))), ReadOptions{CRS: crs.CRS{EPSG: 4545}},
			[]wantProblem{{0, "L1", "geometry", valid.CodeImplausibleForCRS, "use --crs EPSG:4524"}}},
		{"plain easting with the prefixed CRS", fc(feat("L1", poly(gkSquare))), ReadOptions{CRS: crs.CRS{EPSG: 4525}},
			[]wantProblem{{0, "L1", "geometry", valid.CodeImplausibleForCRS, "lacks the zone number prefix EPSG:4525 expects; use --crs EPSG:4546"}}},
		{"crs member contradicts the CRS given",
			`{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:4546"}}, "features": [` + feat("G", poly(gkSquare)) + `]}`,
			ReadOptions{CRS: crs.CRS{EPSG: 4545}}, []wantProblem{{-1, "", "crs", CodeCRSMismatch, "declares EPSG:4546"}}},
		{"unsupported crs member",
			`{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:3857"}}, "features": []}`,
			ReadOptions{}, []wantProblem{{-1, "", "crs", CodeCRSUnsupported, `"EPSG:3857", which is not supported`}}},
		{"properties not an object", fc(`{"type": "Feature", "id": "P", "properties": [1], "geometry": ` + poly(squareCCW) + `}`), ReadOptions{},
			[]wantProblem{{0, "P", "properties", CodePropertiesNotObject, "an array, not an object"}}},
		{"property number out of range", fc(`{"type": "Feature", "properties": {"id": "N", "price": 1e400}, "geometry": ` + poly(squareCCW) + `}`), ReadOptions{},
			[]wantProblem{{0, "N", "price", CodeNumberOutOfRange, "1e400"}}},
		{"every problem listed with its feature",
			fc(feat("A", poly(squareCCW)), feat("B", poly(bowTie)), `{"type": "Feature", "id": 9, "properties": {}, "geometry": null}`, feat("D", poly(swapped))),
			ReadOptions{File: "parcels.geojson"},
			[]wantProblem{
				{1, "B", "geometry", valid.CodeSelfIntersection, "crosses itself"},
				{2, "9", "geometry", valid.CodeGeometryMissing, "null"},
				{3, "D", "geometry", valid.CodeLonLatSwapped, "swapped"},
			}},
		{"problem limit", fc(feat("A", "null"), feat("B", "null"), feat("C", "null"), feat("D", "null")), ReadOptions{MaxProblems: 2},
			[]wantProblem{{0, "A", "geometry", valid.CodeGeometryMissing, "null"}, {1, "B", "geometry", valid.CodeGeometryMissing, "null"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs, err := ReadFeatureCollection(strings.NewReader(tc.in), tc.opt)
			var ie *geo.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("got %d features, error %v; want an *InputError", len(fs), err)
			}
			if fs != nil {
				t.Errorf("features returned with an error")
			}
			if ie.File != tc.opt.File {
				t.Errorf("InputError.File %q, want %q", ie.File, tc.opt.File)
			}
			if len(ie.Problems) != len(tc.want) {
				t.Fatalf("%d problems, want %d:\n%v", len(ie.Problems), len(tc.want), err)
			}
			for i, w := range tc.want {
				p := ie.Problems[i]
				if p.Feature != w.feature || p.ID != w.id || p.Property != w.property || p.Code != w.code || !strings.Contains(p.Message, w.msg) {
					t.Errorf("problem %d = %+v\nwant feature %d id %q property %q code %s message containing %q", i, p, w.feature, w.id, w.property, w.code, w.msg)
				}
			}
			if wantTrunc := tc.opt.MaxProblems > 0; ie.Truncated != wantTrunc {
				t.Errorf("Truncated = %v, want %v", ie.Truncated, wantTrunc)
			}
			if tc.opt.File != "" && !strings.HasPrefix(err.Error(), tc.opt.File+": feature ") {
				t.Errorf("error text %q does not start with the file and feature", err)
			}
		})
	}
}

// bigRing returns a counter-clockwise 200-vertex ring (a circle of
// 0.01° radius at Liuzhou); with cross >= 0 the vertices cross and cross+1
// are swapped, which makes two chords cross.
func bigRing(n, cross int) string {
	pts := make([]orb.Point, n)
	for i := range pts {
		a := 2 * math.Pi * float64(i) / float64(n)
		pts[i] = orb.Point{109.45 + 0.01*math.Cos(a), 24.35 + 0.01*math.Sin(a)}
	}
	if cross >= 0 {
		pts[cross], pts[cross+1] = pts[cross+1], pts[cross]
	}
	var b strings.Builder
	b.WriteString("[")
	for _, p := range append(pts, pts[0]) {
		fmt.Fprintf(&b, "[%.12f, %.12f],", p[0], p[1])
	}
	return strings.TrimSuffix(b.String(), ",") + "]"
}

// errReader fails after returning some bytes.
type errReader struct{ n int }

func (r *errReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, errors.New("disk on fire")
	}
	r.n = 0
	return copy(p, `{"type": "FeatureCollection", "features": [`), nil
}

func TestReadFeatureCollectionReadError(t *testing.T) {
	_, err := ReadFeatureCollection(&errReader{n: 1}, ReadOptions{File: "x.geojson"})
	var ie *geo.InputError
	if err == nil || errors.As(err, &ie) || !strings.Contains(err.Error(), "read x.geojson: disk on fire") {
		t.Fatalf("error %v, want a wrapped read error", err)
	}
}

// TestReadFeatureCollectionSmallReads feeds the input one byte at a time,
// so that every token crosses a buffer refill.
func TestReadFeatureCollectionSmallReads(t *testing.T) {
	in := syntheticCollection(30)
	want, err := ReadFeatureCollection(strings.NewReader(string(in)), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadFeatureCollection(iotestOneByte{strings.NewReader(string(in))}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatal("one-byte reads give different features")
	}
	checkPropertiesMatchEncodingJSON(t, in, got)
}

type iotestOneByte struct{ r io.Reader }

func (o iotestOneByte) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	return o.r.Read(p[:1])
}

// TestReadTestdata reads the sample files under testdata: valid_*.geojson
// must read, invalid_*.geojson must give an *InputError.
func TestReadTestdata(t *testing.T) {
	files, err := filepath.Glob("testdata/*.geojson")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata files: %v", err)
	}
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			f, err := os.Open(name)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			fs, err := ReadFeatureCollection(f, ReadOptions{File: filepath.Base(name)})
			valid := strings.HasPrefix(filepath.Base(name), "valid_")
			var ie *geo.InputError
			switch {
			case valid && err != nil:
				t.Fatalf("valid file: %v", err)
			case valid && len(fs) == 0:
				t.Fatal("valid file gave no features")
			case !valid && !errors.As(err, &ie):
				t.Fatalf("invalid file: error %v, want an *InputError", err)
			}
		})
	}
}

// signedArea is the shoelace area of a ring, positive when counter-clockwise.
func signedArea(r orb.Ring) float64 {
	sum := 0.0
	for i := range r {
		p, q := r[i], r[(i+1)%len(r)]
		sum += p[0]*q[1] - q[0]*p[1]
	}
	return sum / 2
}
