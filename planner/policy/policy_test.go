package policy_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
)

func TestDefaultValidates(t *testing.T) {
	p := policy.Default()
	for _, d := range p.Validate() {
		t.Errorf("embedded profile: %s", d)
	}
	if p.Facility.BaseCap != 0.07 || p.Facility.RaisedCap != 0.15 || p.Supply.CapitalisationRate != 0.06 {
		t.Errorf("embedded caps/rate = %v/%v/%v, want 0.07/0.15/0.06 (docs/policy.md \"Facility land\", \"Supply modes and terms\")", p.Facility.BaseCap, p.Facility.RaisedCap, p.Supply.CapitalisationRate)
	}
	// Clause 7 names these strategic emerging industries.
	for key, want := range map[string]bool{"nev": true, "equipment": true, "ict": true, "green": true, "biomed": true, "auto_parts": false, "materials": false, "logistics": false, "other": false} {
		if got := p.Industries[key].Strategic; got != want {
			t.Errorf("industries.%s.strategic = %v, want %v", key, got, want)
		}
	}
	// Default returns independent copies.
	q := policy.Default()
	q.Facility.EligibleZones[0] = "changed"
	q.Industries["nev"] = policy.Industry{}
	if p.Facility.EligibleZones[0] == "changed" || p.Industries["nev"].NameZH == "" {
		t.Error("Default shares state between calls")
	}
}

// Every setting carries a clause, a confidence mark and a source, taken
// from the comments of the embedded file.
func TestSettingsDocumented(t *testing.T) {
	p := policy.Default()
	settings := p.Settings()
	if len(settings) != len(p.Keys()) {
		t.Fatalf("%d settings for %d keys", len(settings), len(p.Keys()))
	}
	for _, s := range settings {
		if s.Clause == "" || s.Source == "" || s.Description == "" || s.DescriptionZH == "" || s.Text == "" {
			t.Errorf("%s: clause %q source %q description %q/%q text %q: want all set", s.Key, s.Clause, s.Source, s.Description, s.DescriptionZH, s.Text)
		}
		if !slices.Contains([]string{"C", "C2", "R"}, s.Confidence) {
			t.Errorf("%s: confidence %q, want C, C2 or R", s.Key, s.Confidence)
		}
	}
	want := map[string][2]string{ // key: clause, confidence
		"facility.base_cap":                 {"12.7", "C"},
		"facility.raised_cap":               {"12.7", "C2"},
		"facility.eligible_zones":           {"12.7", "R"},
		"facility.floor_area_cap":           {"13", "C"},
		"stock.idle.fee_share":              {"12.2", "C"},
		"supply.capitalisation_rate":        {"12.3", "R"},
		"industries.nev.strategic":          {"7", "C"},
		"industries.nev.lifecycle_years":    {"12.3", "R"},
		"prospects.enterprise_types":        {"5", "C"},
		"score.weights.tax_per_mu":          {"12.4", "R"},
		"score.directions.area_fit":         {"12.4", "C"},
		"industries.logistics.land":         {"12.1", "R"},
		"planned_use.building_coverage_min": {"12.1", "C"},
	}
	for _, s := range settings {
		if w, ok := want[s.Key]; ok {
			if s.Clause != w[0] || s.Confidence != w[1] {
				t.Errorf("%s: clause %s [%s], want %s [%s]", s.Key, s.Clause, s.Confidence, w[0], w[1])
			}
			delete(want, s.Key)
		}
	}
	for k := range want {
		t.Errorf("no setting %s", k)
	}
}

func TestLoad(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		check   func(t *testing.T, p *policy.Profile)
		wantErr []string // substrings of the error; nil = success
	}{
		{
			name: "partial file overlays the default",
			file: "[facility]\nraised_cap = 0.12\nover_cap = \"reject\"\n[quota]\nnew_land_mu = 800\n",
			check: func(t *testing.T, p *policy.Profile) {
				if p.Facility.RaisedCap != 0.12 || p.Facility.OverCap != "reject" || p.Quota.NewLandMu != 800 {
					t.Errorf("got %v %q %v", p.Facility.RaisedCap, p.Facility.OverCap, p.Quota.NewLandMu)
				}
				if p.Facility.BaseCap != 0.07 || len(p.Industries) != len(policy.Default().Industries) {
					t.Error("keys the file leaves out lost their default")
				}
				if p.Source() != "mine.toml" {
					t.Errorf("source %q", p.Source())
				}
			},
		},
		{
			name: "an industry table replaces that industry",
			file: "[industries.robots]\nname_zh = \"机器人\"\nname_en = \"robots\"\ndivision = \"34\"\nmin_plot_ratio = 0.8\nlifecycle_years = 15\nland = \"industrial\"\n",
			check: func(t *testing.T, p *policy.Profile) {
				if p.Industries["robots"].MinPlotRatio != 0.8 || p.Industries["nev"].NameZH == "" {
					t.Errorf("industries: %v", p.Industries["robots"])
				}
			},
		},
		{name: "bad TOML gives the line", file: "[facility]\nbase_cap = 0.07\nraised_cap = = 0.15\n", wantErr: []string{"mine.toml", "line 3", "does not parse"}},
		{name: "unknown key with near names", file: "[facility]\nraised_cp = 0.15\n", wantErr: []string{`"facility.raised_cp"`, "unknown key", `"facility.raised_cap"`}},
		{name: "unknown table", file: "[facilty]\nbase_cap = 0.07\n", wantErr: []string{"facilty.base_cap", "unknown key", `"facility.base_cap"`}},
		{name: "share out of range", file: "[facility]\nbase_cap = 1.5\n", wantErr: []string{`property "facility.base_cap"`, "1.5 is out of range [0, 1]"}},
		{name: "raised below base", file: "[facility]\nraised_cap = 0.05\n", wantErr: []string{"facility.raised_cap", "out of range [0.07, 1]"}},
		{name: "rate out of range", file: "[supply]\ncapitalisation_rate = 0.3\n", wantErr: []string{"supply.capitalisation_rate", "(0, 0.2]"}},
		{name: "term too long", file: "[supply]\nterm_steps = [10, 50]\n", wantErr: []string{"supply.term_steps", "item 2 = 50"}},
		{name: "wrong type", file: "[stock]\nfirst = \"yes\"\n", wantErr: []string{"mine.toml", "stock.first"}},
		{name: "all weights zero", file: "[score.weights]\noutput_per_mu = 0.0\ntax_per_mu = 0.0\ninvestment_per_mu = 0.0\njobs_per_mu = 0.0\nrd_share = 0.0\nstrategic = 0.0\nprospect = 0.0\narea_fit = 0.0\nstock = 0.0\npreferred_zone = 0.0\nserviced = 0.0\n", wantErr: []string{"score.weights", "all weights of the listed criteria are 0"}},
		{name: "unknown criterion", file: "[score.weights]\nbeauty = 0.5\n", wantErr: []string{"score.weights.beauty", "not a known criterion"}},
		{name: "bad enterprise type", file: "[prospects]\nenterprise_types = [\"giant\"]\n", wantErr: []string{"prospects.enterprise_types", `"giant" is not an enterprise type`}},
		{name: "bad date", file: "[plan]\nas_of = \"2026-13-01\"\n", wantErr: []string{"plan.as_of", "not a date"}},
		{name: "inconsistent AHP refused with the ratio", file: "[score]\nmethod = \"ahp\"\ncriteria = [\"output_per_mu\", \"tax_per_mu\", \"jobs_per_mu\"]\njudgement = [[1.0, 9.0, 0.111111111111], [0.111111111111, 1.0, 9.0], [9.0, 0.111111111111, 1.0]]\n", wantErr: []string{"score.judgement", "consistency ratio CR =", "≥ 0.1"}},
		{name: "non-reciprocal AHP", file: "[score]\nmethod = \"ahp\"\ncriteria = [\"output_per_mu\", \"tax_per_mu\", \"jobs_per_mu\"]\njudgement = [[1.0, 3.0, 1.0], [3.0, 1.0, 1.0], [1.0, 1.0, 1.0]]\n", wantErr: []string{"score.judgement", "not reciprocal"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := policy.Load(strings.NewReader(tc.file), "mine.toml")
			if tc.wantErr == nil {
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				tc.check(t, p)
				return
			}
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			if planner.KindOf(err) != planner.KindInvalid {
				t.Errorf("kind %v, want invalid", planner.KindOf(err))
			}
			for _, w := range tc.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestSet(t *testing.T) {
	tests := []struct {
		key, value string
		get        func(p *policy.Profile) any
		want       any
	}{
		{"facility.raised_cap", "0.07", func(p *policy.Profile) any { return p.Facility.RaisedCap }, 0.07},
		{"quota.new_land_mu", "800", func(p *policy.Profile) any { return p.Quota.NewLandMu }, 800.0},
		{"supply.capitalisation_rate", "0.05", func(p *policy.Profile) any { return p.Supply.CapitalisationRate }, 0.05},
		{"stock.first", "true", func(p *policy.Profile) any { return p.Stock.First }, true},
		{"facility.eligible_zones", `["柳州国家高新区"]`, func(p *policy.Profile) any { return p.Facility.EligibleZones }, []string{"柳州国家高新区"}},
		{"facility.eligible_zones", "柳州国家高新区, 河西柳州高新区", func(p *policy.Profile) any { return p.Facility.EligibleZones }, []string{"柳州国家高新区", "河西柳州高新区"}},
		{"facility.eligible_zones", "[]", func(p *policy.Profile) any { return p.Facility.EligibleZones }, []string{}},
		{"score.weights.output_per_mu", "0.3", func(p *policy.Profile) any { return p.Score.Weights["output_per_mu"] }, 0.3},
		{"facility.over_cap", "reject", func(p *policy.Profile) any { return p.Facility.OverCap }, "reject"},
		{"facility.over_cap", `"trim"`, func(p *policy.Profile) any { return p.Facility.OverCap }, "trim"},
		{"plan.as_of", "2026-06-30", func(p *policy.Profile) any { return p.Plan.AsOf }, "2026-06-30"},
		{"supply.lease_then_transfer.lease_years", "3", func(p *policy.Profile) any { return p.Supply.LeaseThenTransfer.LeaseYears }, 3},
		{"supply.term_steps", "[10, 20, 30]", func(p *policy.Profile) any { return p.Supply.TermSteps }, []int{10, 20, 30}},
		{"industries.nev.min_plot_ratio", "0.8", func(p *policy.Profile) any { return p.Industries["nev"].MinPlotRatio }, 0.8},
		{"industries.nev.strategic", "false", func(p *policy.Profile) any { return p.Industries["nev"].Strategic }, false},
		{"score.directions.area_fit", "cost", func(p *policy.Profile) any { return p.Score.Directions["area_fit"] }, "cost"},
		{"score.judgement", "[[1, 3], [0.3333333333, 1]]", func(p *policy.Profile) any { return p.Score.Judgement }, [][]float64{{1, 3}, {0.3333333333, 1}}},
		{"score.criteria", `["tax_per_mu", "waste"]`, func(p *policy.Profile) any { return p.Score.Criteria }, []string{"tax_per_mu", "waste"}},
	}
	for _, tc := range tests {
		t.Run(tc.key+"="+tc.value, func(t *testing.T) {
			p := policy.Default()
			if err := p.Set(tc.key, tc.value); err != nil {
				t.Fatalf("Set: %v", err)
			}
			if got := tc.get(p); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %#v, want %#v", got, tc.want)
			}
		})
	}
	t.Run("other fields of a map entry are kept", func(t *testing.T) {
		p := policy.Default()
		if err := p.Set("industries.nev.min_plot_ratio", "0.9"); err != nil {
			t.Fatal(err)
		}
		if p.Industries["nev"].NameZH != policy.Default().Industries["nev"].NameZH {
			t.Error("name lost")
		}
	})
	errs := []struct{ key, value, want string }{
		{"facility.raised_cp", "0.1", `did you mean "facility.raised_cap"`},
		{"facility.raised", "0.1", `"facility.raised_cap"`},
		{"raised_cap", "0.1", `"facility.raised_cap"`},
		{"nonsense.thing", "1", `unknown key "nonsense.thing"`},
		{"facility", "1", "is a table"},
		{"facility.base_cap", "lots", "not a TOML value"},
		{"stock.first", "1", "want true or false"},
		{"supply.max_term_years", "49.5", "want a whole number"},
		{"facility.base_cap.x", "1", "unknown key"},
		{"facility..base_cap", "1", "empty segment"},
	}
	for _, tc := range errs {
		t.Run("error/"+tc.key+"="+tc.value, func(t *testing.T) {
			err := policy.Default().Set(tc.key, tc.value)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Set(%q, %q) = %v, want an error containing %q", tc.key, tc.value, err, tc.want)
			}
		})
	}
}

func TestApply(t *testing.T) {
	base := policy.Default()
	sum := base.SHA256()
	q, err := base.Apply([]policy.Override{{Key: "facility.raised_cap", Value: "0.07"}, {Key: "stock.first", Value: "true"}})
	if err != nil {
		t.Fatal(err)
	}
	if q.Facility.RaisedCap != 0.07 || !q.Stock.First {
		t.Errorf("overrides not applied: %v %v", q.Facility.RaisedCap, q.Stock.First)
	}
	if base.SHA256() != sum || base.Facility.RaisedCap != 0.15 {
		t.Error("Apply changed the base profile")
	}
	if q.SHA256() == sum {
		t.Error("a changed profile has the same hash")
	}
	_, err = base.Apply([]policy.Override{{Key: "facility.base_cap", Value: "2"}, {Key: "bogus", Value: "1"}})
	var pe *planner.Error
	if !errors.As(err, &pe) || pe.Kind != planner.KindInvalid {
		t.Fatalf("err = %v, want a *planner.Error of kind invalid", err)
	}
	if !strings.Contains(err.Error(), "bogus") {
		t.Errorf("error %q does not name the unknown key", err)
	}
	_, err = base.Apply([]policy.Override{{Key: "facility.base_cap", Value: "2"}})
	if err == nil || !strings.Contains(err.Error(), "facility.base_cap") || !strings.Contains(err.Error(), "out of range") {
		t.Errorf("out-of-range override: err = %v", err)
	}
	for _, s := range []string{"a=b", "a = b ", "k=x=y"} {
		o, err := policy.ParseOverride(s)
		if err != nil || o.Key == "" || strings.Contains(o.Key, " ") {
			t.Errorf("ParseOverride(%q) = %+v, %v", s, o, err)
		}
	}
	if o, _ := policy.ParseOverride("k=x=y"); o.Value != "x=y" {
		t.Errorf("value %q, want x=y", o.Value)
	}
	for _, s := range []string{"novalue", "=1"} {
		if _, err := policy.ParseOverride(s); err == nil {
			t.Errorf("ParseOverride(%q) accepted", s)
		}
	}
}

func TestCanonical(t *testing.T) {
	a, b := policy.Default(), policy.Default()
	if !bytes.Equal(a.Canonical(), b.Canonical()) {
		t.Fatal("two loads of the same profile encode differently")
	}
	for range 5 { // map iteration order changes between runs; the encoding must not
		if !bytes.Equal(a.Canonical(), policy.Default().Canonical()) {
			t.Fatal("canonical encoding is not stable")
		}
	}
	// The canonical encoding loads back to the same profile.
	c, err := policy.Load(bytes.NewReader(a.Canonical()), "canonical.toml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(c.Canonical(), a.Canonical()) {
		t.Error("canonical encoding does not round-trip")
	}
	// Setting a value to what it already is leaves the hash alone.
	if err := b.Set("facility.base_cap", "0.07"); err != nil {
		t.Fatal(err)
	}
	if a.SHA256() != b.SHA256() {
		t.Error("hash changed by a no-op Set")
	}
	if err := b.Set("facility.base_cap", "0.08"); err != nil {
		t.Fatal(err)
	}
	if a.SHA256() == b.SHA256() {
		t.Error("hash unchanged by a real change")
	}
}

func TestRender(t *testing.T) {
	p := policy.Default()
	for _, lang := range []policy.Lang{policy.LangEN, policy.LangZH} {
		var b bytes.Buffer
		if err := policy.Render(&b, p, policy.FormatText, lang); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		want := []string{"[C2]", p.SHA256()}
		if lang == policy.LangZH {
			// In Chinese the description names the setting; the keys are
			// in the English and JSON output.
			want = append(want, "符合条件园区的配套设施用地比例上限 = 0.15", "第十二条第七句", "--lang en")
		} else {
			want = append(want, "facility.raised_cap = 0.15", "clause 12.7", "facility land cap in an eligible zone")
		}
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("%s text lacks %q", lang, w)
			}
		}
	}
	var b bytes.Buffer
	if err := policy.Render(&b, p, policy.FormatJSON, policy.LangEN); err != nil {
		t.Fatal(err)
	}
	var show policy.Show
	if err := json.Unmarshal(b.Bytes(), &show); err != nil {
		t.Fatal(err)
	}
	if show.SHA256 != p.SHA256() || len(show.Settings) != len(p.Keys()) {
		t.Errorf("json: sha %s, %d settings", show.SHA256, len(show.Settings))
	}
	if err := policy.Render(&b, p, "yaml", policy.LangEN); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestLang(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want policy.Lang
	}{
		{"none", nil, policy.LangEN},
		{"LANG zh", map[string]string{"LANG": "zh_CN.UTF-8"}, policy.LangZH},
		{"LANG en", map[string]string{"LANG": "en_US.UTF-8"}, policy.LangEN},
		{"LC_ALL wins", map[string]string{"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, policy.LangEN},
		{"LC_MESSAGES", map[string]string{"LC_MESSAGES": "zh_TW", "LANG": "en_GB"}, policy.LangZH},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := policy.LangFromEnv(func(k string) string { return tc.env[k] }); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
	if l, err := policy.ParseLang("ZH"); err != nil || l != policy.LangZH {
		t.Errorf("ParseLang(ZH) = %v, %v", l, err)
	}
	if _, err := policy.ParseLang("fr"); err == nil {
		t.Error("ParseLang(fr) accepted")
	}
}

func TestPlanningKeys(t *testing.T) {
	tests := []struct {
		name      string
		overrides []policy.Override
		wantErr   string // substring; "" = success
		check     func(t *testing.T, p *policy.Profile)
	}{
		{name: "default measure", check: func(t *testing.T, p *policy.Profile) {
			if p.Objective.Measure != policy.MeasureDelivery || len(p.Plan.Forced) != 0 || len(p.Quota.ZoneCaps) != 0 {
				t.Errorf("objective %q, forced %v, zone caps %v", p.Objective.Measure, p.Plan.Forced, p.Quota.ZoneCaps)
			}
		}},
		{name: "forced pairs", overrides: []policy.Override{{Key: "plan.forced", Value: "P1@L1, P2@L2"}}, check: func(t *testing.T, p *policy.Profile) {
			fs, err := p.ForcedPairs()
			if err != nil || len(fs) != 2 || fs[1] != (policy.ForcedPair{Proposal: "P2", Parcel: "L2"}) {
				t.Errorf("forced %v %v", fs, err)
			}
		}},
		{name: "zone cap added", overrides: []policy.Override{{Key: "quota.zone_caps.柳州国家高新区", Value: "600"}}, check: func(t *testing.T, p *policy.Profile) {
			if p.Quota.ZoneCaps["柳州国家高新区"] != 600 || !slices.Contains(p.Keys(), "quota.zone_caps.柳州国家高新区") {
				t.Errorf("zone caps %v", p.Quota.ZoneCaps)
			}
		}},
		{name: "bad forced pair", overrides: []policy.Override{{Key: "plan.forced", Value: "P1-L1"}}, wantErr: "PROPOSAL@PARCEL"},
		{name: "bad measure", overrides: []policy.Override{{Key: "objective.measure", Value: "area"}}, wantErr: `"area" is not one of`},
		{name: "negative zone cap", overrides: []policy.Override{{Key: "quota.zone_caps.z", Value: "-1"}}, wantErr: "quota.zone_caps.z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			base := policy.Default()
			p, err := base.Apply(tc.overrides)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, p)
			if len(tc.overrides) > 0 && (p.SHA256() == base.SHA256() || len(base.Plan.Forced) != 0 || len(base.Quota.ZoneCaps) != 0) {
				t.Error("the override does not change the hash, or changes the base")
			}
		})
	}
}
