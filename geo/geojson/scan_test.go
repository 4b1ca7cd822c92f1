package geojson

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/landplan/landplan/geo"
	"github.com/landplan/landplan/geo/valid"
)

// TestNumberFastPath checks that numbers read by the fast path, from a
// buffer holding the whole input, have the value, text and length that
// the state machine gives when the input comes a byte at a time (so that
// the fast path never applies), and the value strconv.ParseFloat gives;
// and that malformed numbers fail with the same message either way.
func TestNumberFastPath(t *testing.T) {
	texts := []string{"0", "-0", "0.0", "-0.0", "7", "109.4", "24.123456789", "-109.4",
		"109.20120000000001", "123456789012345678", "1234567890123456789012", "0.000000000000000000000001",
		"9007199254740993", "900719925474099.3", "1e5", "1E-3", "-2.5e+2", "0.1", "0.30000000000000004",
		"01", "1.", "-", "-a", "1.5e", "2.5.1", "1e400"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		x := (r.Float64() - 0.5) * math.Pow(10, float64(r.IntN(12)-4))
		texts = append(texts, strconv.FormatFloat(x, 'f', r.IntN(18), 64), strconv.FormatFloat(x, 'g', -1, 64))
	}
	type result struct {
		v        float64
		raw      string
		pos      int
		err      string
		overflow bool
	}
	read := func(sc *scanner) result {
		if _, err := sc.next("a number"); err != nil {
			return result{err: err.Error()}
		}
		v, raw, err := sc.number()
		res := result{v: v, raw: string(raw), pos: int(sc.offset()), overflow: sc.overflow}
		if err != nil {
			res = result{err: err.Error()}
		}
		return res
	}
	for _, text := range texts {
		for _, after := range []string{",", "]", " ", "}", "x"} {
			in := text + after
			fast := read(newBytesScanner([]byte(in), &scanner{intern: new(internTable)}))
			slow := read(newScanner(iotestOneByte{strings.NewReader(in)}))
			if fast.err != slow.err || math.Float64bits(fast.v) != math.Float64bits(slow.v) || fast.raw != slow.raw || fast.pos != slow.pos || fast.overflow != slow.overflow {
				t.Fatalf("%q: fast path %+v, state machine %+v", in, fast, slow)
			}
			if want, err := strconv.ParseFloat(fast.raw, 64); fast.err == "" && !fast.overflow && (err != nil || math.Float64bits(want) != math.Float64bits(fast.v)) {
				t.Fatalf("%q: read %v, strconv.ParseFloat %v (%v)", in, fast.v, want, err)
			}
		}
	}
}

// TestInternCollisions reads more distinct short strings than the intern
// table has slots, repeated, and checks that every one comes back equal.
func TestInternCollisions(t *testing.T) {
	sc := &scanner{intern: new(internTable)}
	for round := range 3 {
		for i := range 3 * internSlots {
			s := fmt.Sprintf("v%d", i)
			if got := sc.internString([]byte(s)); got != s {
				t.Fatalf("round %d: internString(%q) = %q", round, s, got)
			}
			if got := sc.internValue([]byte(s)); got != any(s) {
				t.Fatalf("round %d: internValue(%q) = %v", round, s, got)
			}
		}
	}
	if got := sc.internString(nil); got != "" {
		t.Errorf("internString(nil) = %q", got)
	}
}

// TestScanFeatureCollection checks that the features come to fn in input
// order with what ReadFeatureCollection returns, that an error from fn
// stops reading and is returned as it is, and that the reader goroutine
// is gone when ScanFeatureCollection returns.
func TestScanFeatureCollection(t *testing.T) {
	data := syntheticCollection(3000)
	want, err := ReadFeatureCollection(bytes.NewReader(data), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	before := runtime.NumGoroutine()
	var got []geo.Feature
	var kept []map[string]any
	if err := ScanFeatureCollection(bytes.NewReader(data), ReadOptions{}, func(f geo.Feature) error {
		kept = append(kept, f.Properties)
		f.Properties = maps.Clone(f.Properties)
		got = append(got, f)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ScanFeatureCollection handed over other features than ReadFeatureCollection returns")
	}
	for i, f := range got {
		if f.Index != i {
			t.Fatalf("feature %d came as number %d", f.Index, i)
		}
	}
	// The maps handed over are reused: those of the first features have
	// been cleared and filled again for later ones.
	if reflect.DeepEqual(kept[0], want[0].Properties) {
		t.Errorf("the first feature's property map was not reused")
	}

	stop := errors.New("stop here")
	calls := 0
	err = ScanFeatureCollection(bytes.NewReader(data), ReadOptions{}, func(f geo.Feature) error {
		calls++
		if f.Index == 10 {
			return stop
		}
		return nil
	})
	if err != stop || calls != 11 {
		t.Errorf("error %v after %d calls; want %v after 11", err, calls, stop)
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after scanning, %d before", n, before)
	}
}

// TestScanProblemsInOrder checks, with problems from the reader (a
// feature that is not an object), from the geometry check (an open ring)
// and from the top level (a bad crs), that the problems keep input order,
// that the problem limit stops reading where it did before; and that fn keeps
// getting features after problems, every feature object in input order,
// those with an open ring marked GeometryInvalid and without geometry,
// until reading stops.
func TestScanProblemsInOrder(t *testing.T) {
	good := feat("A", poly("[[109,24],[109.01,24],[109.01,24.01],[109,24]]"))
	open := feat("B", poly("[[109,24],[109.01,24],[109.01,24.01],[109,24.5]]"))
	var features []string
	for i := range 600 {
		switch i % 200 {
		case 50:
			features = append(features, open)
		case 120:
			features = append(features, "7")
		default:
			features = append(features, good)
		}
	}
	doc := `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:9999"}},"features":[` + strings.Join(features, ",") + `]}`
	for _, tc := range []struct {
		max       int
		wantCodes []string
		truncated bool
		// lastCall is the index of the last feature handed to fn, -1
		// for none.
		lastCall int
	}{
		{100, []string{CodeCRSUnsupported, valid.CodeRingNotClosed, CodeNotFeature, valid.CodeRingNotClosed, CodeNotFeature, valid.CodeRingNotClosed, CodeNotFeature}, false, 599},
		{3, []string{CodeCRSUnsupported, valid.CodeRingNotClosed, CodeNotFeature}, true, 119},
		{1, []string{CodeCRSUnsupported}, true, -1},
	} {
		t.Run(fmt.Sprint(tc.max), func(t *testing.T) {
			var wantCalls, wantInvalid []int
			for i := 0; i <= tc.lastCall; i++ {
				switch i % 200 {
				case 50:
					wantInvalid = append(wantInvalid, i)
					wantCalls = append(wantCalls, i)
				case 120:
				default:
					wantCalls = append(wantCalls, i)
				}
			}
			var calls, invalid []int
			err := ScanFeatureCollection(strings.NewReader(doc), ReadOptions{MaxProblems: tc.max}, func(f geo.Feature) error {
				calls = append(calls, f.Index)
				if f.GeometryInvalid {
					invalid = append(invalid, f.Index)
					if f.Geometry != nil || f.ID != "B" || f.Properties["id"] != "B" {
						t.Errorf("feature %d with an invalid geometry: geometry %v, id %q, properties %v", f.Index, f.Geometry, f.ID, f.Properties)
					}
				} else if len(f.Geometry) != 1 {
					t.Errorf("feature %d: geometry %v, want one polygon", f.Index, f.Geometry)
				}
				return nil
			})
			var ie *geo.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v, want an *InputError", err)
			}
			var codes []string
			for _, p := range ie.Problems {
				codes = append(codes, p.Code)
			}
			if !reflect.DeepEqual(codes, tc.wantCodes) || ie.Truncated != tc.truncated {
				t.Errorf("problems %v (truncated %v), want %v (truncated %v)", codes, ie.Truncated, tc.wantCodes, tc.truncated)
			}
			if !reflect.DeepEqual(calls, wantCalls) {
				t.Errorf("fn got %d features (last %v), want %d (last %d)", len(calls), calls[max(len(calls)-1, 0):], len(wantCalls), tc.lastCall)
			}
			if !reflect.DeepEqual(invalid, wantInvalid) {
				t.Errorf("features marked GeometryInvalid %v, want %v", invalid, wantInvalid)
			}
			if len(ie.Problems) > 1 && (ie.Problems[1].Feature != 50 || ie.Problems[1].ID != "B") {
				t.Errorf("second problem at feature %d (id %q), want 50 (B)", ie.Problems[1].Feature, ie.Problems[1].ID)
			}
		})
	}
}
