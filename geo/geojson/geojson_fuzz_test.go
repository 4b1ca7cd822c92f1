package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"github.com/landplan/landplan/geo"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadFeatureCollection checks that the reader never panics, returns
// either features or an *InputError, agrees with encoding/json on what is
// valid JSON and on the properties it decodes, and only returns
// geometries that are finite, in range and wound as RFC 7946 asks. The
// seed corpus is testdata/fuzz/FuzzReadFeatureCollection plus the sample
// files in testdata.
func FuzzReadFeatureCollection(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.geojson")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fs, err := ReadFeatureCollection(bytes.NewReader(data), ReadOptions{MaxProblems: math.MaxInt})
		valid := json.Valid(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")))
		if err != nil {
			var ie *geo.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not an *InputError", err)
			}
			if len(ie.Problems) == 0 {
				t.Fatal("InputError without problems")
			}
			syntax := false
			for _, p := range ie.Problems {
				if p.Code == "" || p.Message == "" {
					t.Fatalf("problem without code or message: %+v", p)
				}
				switch p.Code {
				case CodeJSONSyntax, CodeTruncated, CodeEmptyFile:
					syntax = true
				}
			}
			if valid && syntax {
				t.Fatalf("encoding/json accepts the input but the reader reports %v", err)
			}
			if !valid && !syntax {
				t.Fatalf("encoding/json rejects the input but the reader reports only %v", err)
			}
			return
		}
		if !valid {
			t.Fatalf("encoding/json rejects the input but the reader returned %d features", len(fs))
		}
		checkPropertiesMatchEncodingJSON(t, bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")), fs)
		for _, ft := range fs {
			if len(ft.Geometry) == 0 {
				t.Fatalf("feature %d has an empty geometry", ft.Index)
			}
			for _, p := range ft.Geometry {
				for i, r := range p {
					if len(r) < 4 || r[0] != r[len(r)-1] {
						t.Fatalf("feature %d: ring %v is not a closed ring", ft.Index, r)
					}
					for _, q := range r {
						if !finite(q[0]) || !finite(q[1]) || math.Abs(q[0]) > 180 || math.Abs(q[1]) > 90 {
							t.Fatalf("feature %d: position %v out of range", ft.Index, q)
						}
					}
					a := signedArea(r)
					if (i == 0 && a <= 0) || (i > 0 && a >= 0) {
						t.Fatalf("feature %d: ring %d has signed area %g", ft.Index, i, a)
					}
				}
			}
		}
	})
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
