package planner

import (
	"errors"
	"strings"
	"testing"
)

func TestParseLandUse(t *testing.T) {
	tests := []struct {
		code       string
		system     CodeSystem
		class      int
		storage    bool
		industrial bool
	}{
		{"100101", CodeSystem2023, 1, false, true},
		{"100102", CodeSystem2023, 2, false, true},
		{"100103", CodeSystem2023, 3, false, true},
		{"1001", CodeSystem2023, 0, false, true},
		{"1101", CodeSystem2023, -1, true, false},
		{"110102", CodeSystem2023, -1, true, false},
		{"13", CodeSystem2023, -1, false, false},
		{"1401", CodeSystem2023, -1, false, false},
		{"M1", CodeSystemGB50137, 1, false, true},
		{"M2", CodeSystemGB50137, 2, false, true},
		{"M3", CodeSystemGB50137, 3, false, true},
		{"W1", CodeSystemGB50137, -1, true, false},
		{"R2", CodeSystemGB50137, -1, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.code, func(t *testing.T) {
			u, err := ParseLandUse(tc.code)
			if err != nil {
				t.Fatal(err)
			}
			if u.System != tc.system || u.IndustrialClass != tc.class || u.Storage != tc.storage || u.Industrial() != tc.industrial {
				t.Errorf("got %+v", u)
			}
		})
	}
	for _, bad := range []string{"", "industrial", "100104x", "99", "M1a", "2501", "m1"} {
		if _, err := ParseLandUse(bad); err == nil {
			t.Errorf("%q: accepted", bad)
		}
	}
}

func TestParseStatus(t *testing.T) {
	for _, s := range Statuses {
		if got, err := ParseStatus(string(s)); err != nil || got != s {
			t.Errorf("%s: %v %v", s, got, err)
		}
	}
	if _, err := ParseStatus("vacant"); err == nil || !strings.Contains(err.Error(), "vacant") {
		t.Errorf("vacant: %v", err)
	}
	if !StatusIdle.IsStock() || !StatusInefficient.IsStock() || StatusNew.IsStock() {
		t.Error("IsStock")
	}
}

func TestErrorKinds(t *testing.T) {
	base := errors.New("disk full")
	err := Errorf(KindConflict, "parcel %q already stored: %w", "L1", base)
	if KindOf(err) != KindConflict || !errors.Is(err, base) {
		t.Fatalf("kind %v, is %v", KindOf(err), errors.Is(err, base))
	}
	wrapped := errors.Join(errors.New("import"), err)
	if KindOf(wrapped) != KindConflict {
		t.Errorf("wrapped kind %v", KindOf(wrapped))
	}
	if KindOf(base) != KindInternal {
		t.Errorf("plain error kind %v", KindOf(base))
	}
	d := Diagnostic{Severity: SeverityError, File: "p.geojson", Location: "feature 17", ID: "L0042", Property: "status", Message: `unknown status "x"`}
	if got, want := d.String(), `p.geojson: feature 17 (id "L0042"): property "status": unknown status "x"`; got != want {
		t.Errorf("diagnostic\n got %s\nwant %s", got, want)
	}
	e := &Error{Kind: KindInvalid, Msg: "p.geojson: 1 problem", Diagnostics: []Diagnostic{d}}
	if !strings.Contains(e.Error(), "feature 17") {
		t.Errorf("error text %q", e.Error())
	}
}
