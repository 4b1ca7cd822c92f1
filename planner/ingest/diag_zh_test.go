package ingest

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/landplan/landplan/planner/internal/gosrc"
)

// verbs lists the formatting verbs of a format, in order.
func verbs(format string) []string {
	return regexp.MustCompile(`%[-+# 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z]`).FindAllString(format, -1)
}

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}

// TestMessagesHaveChineseForms checks that every message format the
// readers' fail helpers are given has a Chinese form in formatZH with the
// same verbs in the same order (a bare "%v" of an error excepted: its
// code's message stands for it), and that every diagnostic code the
// readers and the geometry packages use has a Chinese message in codeZH.
func TestMessagesHaveChineseForms(t *testing.T) {
	formats := map[string]bool{}
	codes := map[string]bool{}
	code := regexp.MustCompile(`^(parcel|proposal|performance|contract|geometry|collection|feature|file|property)\.[a-z_]+$`)
	for _, dir := range []string{".", "../../geo/geojson", "../../geo/valid", "../../data"} {
		lits, err := gosrc.Strings(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range lits {
			if l.Call == "fail" && strings.Contains(l.Value, " ") {
				formats[l.Value] = true
			}
			if code.MatchString(l.Value) {
				codes[l.Value] = true
			}
		}
	}
	for _, kind := range []string{"proposal", "performance", "contract"} {
		codes[kind+".format"], codes[kind+".encoding"] = true, true
	}
	if len(formats) < 50 || len(codes) < 60 {
		t.Fatalf("found %d formats and %d codes: the scan misses the readers", len(formats), len(codes))
	}
	for f := range formats {
		zh, ok := formatZH[f]
		if !ok {
			t.Errorf("no Chinese form of %q", f)
			continue
		}
		if !hasHan(zh) || strings.Join(verbs(zh), " ") != strings.Join(verbs(f), " ") {
			t.Errorf("Chinese form of %q: %q (verbs %v, want %v)", f, zh, verbs(zh), verbs(f))
		}
	}
	for f := range formatZH {
		if !formats[f] {
			t.Errorf("formatZH has %q, which no reader uses", f)
		}
	}
	for c := range codes {
		if !hasHan(codeZH[c]) {
			t.Errorf("code %s has no Chinese message", c)
		}
	}
}

// TestChineseDiagnostics reads bad parcels and proposals and checks that
// every error diagnostic has a Chinese message naming the bad value
// where the English one does, and that the error's Chinese text gives
// each diagnostic's place.
func TestChineseDiagnostics(t *testing.T) {
	_, err := ReadProposals(strings.NewReader("id,industry,area_mu,land_class\nP1,nev,abc,1\nP2,nev,10,7\n"), ProposalOptions{File: "p.csv"})
	e := matchDiags(t, err, "p.csv", []wantDiag{
		{Code: "proposal.number_invalid", Location: "row 2", ID: "P1", Property: "area_mu"},
		{Code: "proposal.land_class", Location: "row 3", ID: "P2", Property: "land_class"},
	})
	if e == nil {
		return
	}
	for _, d := range e.Diagnostics {
		if !hasHan(d.MessageZH) {
			t.Errorf("%s: no Chinese message", d)
		}
	}
	if got := e.Diagnostics[0].MessageZH; got != `"abc" 不是数字` {
		t.Errorf("Chinese message %q", got)
	}
	if e.MsgZH != "p.csv：项目提案中有 2 处问题" {
		t.Errorf("Chinese error message %q", e.MsgZH)
	}
	if got := e.Diagnostics[1].StringZH(); got != `p.csv:第 3 行 P2:字段 "land_class":"7" 不是工业用地类别：应为 1、2、3 或 一类、二类、三类` {
		t.Errorf("Chinese diagnostic %q", got)
	}

	gj := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"A1","land_use":"100101","status":"new","serviced":[1]},
"geometry":{"type":"Polygon","coordinates":[[[109.4,24.3],[109.401,24.3],[109.401,24.301],[109.4,24.301]]]}}]}`
	_, err = ReadParcels(strings.NewReader(gj), ParcelOptions{File: "x.geojson"})
	e = matchDiags(t, err, "x.geojson", []wantDiag{
		{Code: "geometry.ring_not_closed", Location: "feature 1", ID: "A1", Property: "geometry"},
		{Code: "parcel.bool_invalid", Location: "feature 1", ID: "A1", Property: "serviced"},
	})
	if e == nil {
		return
	}
	for _, d := range e.Diagnostics {
		if !hasHan(d.MessageZH) {
			t.Errorf("%s: no Chinese message", d)
		}
	}
}
