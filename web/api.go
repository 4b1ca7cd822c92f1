package web

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"net/http"
	"sort"
	"strings"

	"github.com/paulmach/orb"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/compare"
	"github.com/landplan/landplan/planner/explain"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// earthRadius is the mean Earth radius (IUGG, metres) of the map's local
// equirectangular plane; at the size of a city district its distortion is
// far below a screen pixel.
const earthRadius = 6371008.8

// plane projects lon/lat degrees to metres east and north of an origin.
type plane struct{ lon0, lat0, kx, ky float64 }

func newPlane(lon0, lat0 float64) plane {
	k := math.Pi / 180 * earthRadius
	return plane{lon0: lon0, lat0: lat0, kx: k * math.Cos(lat0*math.Pi/180), ky: k}
}

// project returns mp in the plane, rounded to 0.1 m.
func (pl plane) project(mp orb.MultiPolygon) orb.MultiPolygon {
	out := make(orb.MultiPolygon, len(mp))
	for i, poly := range mp {
		out[i] = make(orb.Polygon, len(poly))
		for j, ring := range poly {
			r := make(orb.Ring, len(ring))
			for k, p := range ring {
				r[k] = orb.Point{math.Round((p[0]-pl.lon0)*pl.kx*10) / 10, math.Round((p[1]-pl.lat0)*pl.ky*10) / 10}
			}
			out[i][j] = r
		}
	}
	return out
}

// mapProject is one project on a parcel, as the map's details panel shows
// it.
type mapProject struct {
	Proposal   string `json:"proposal"`
	Name       string `json:"name"`
	Lot        string `json:"lot"`
	SupplyMode string `json:"supply_mode"`
	ModeText   string `json:"mode_text"`
	TermYears  int    `json:"term_years"`
	// TermText is the mode and term with every part, in the page's
	// language; Route and FreeFrom are, on stock land, the disposal route
	// (named in the page's language) and the date the land is free.
	TermText string   `json:"term_text"`
	Route    string   `json:"route,omitempty"`
	FreeFrom string   `json:"free_from,omitempty"`
	AreaMu   float64  `json:"area_mu"`
	Score    float64  `json:"score"`
	Reasons  []string `json:"reasons"`
}

// featureCollection is a GeoJSON FeatureCollection of polygons in the
// map's plane.
type featureCollection struct {
	Type     string    `json:"type"`
	BBox     []float64 `json:"bbox"`
	Origin   []float64 `json:"origin"`
	Units    string    `json:"units"`
	Plan     string    `json:"plan,omitempty"`
	Features []feature `json:"features"`
}

// feature is a GeoJSON Feature.
type feature struct {
	Type       string         `json:"type"`
	ID         string         `json:"id"`
	Geometry   geometry       `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

// geometry is a GeoJSON MultiPolygon.
type geometry struct {
	Type        string           `json:"type"`
	Coordinates orb.MultiPolygon `json:"coordinates"`
}

func newFeature(id string, mp orb.MultiPolygon, props map[string]any) feature {
	return feature{Type: "Feature", ID: id, Geometry: geometry{Type: "MultiPolygon", Coordinates: mp}, Properties: props}
}

// mapData builds the map's GeoJSON: every parcel (layer "parcel") and,
// with a plan, its lots (layer "lot"), in metres east and north of the
// parcels' centre (the collection's "origin" member gives it in lon/lat).
func (s *Server) mapData(ctx context.Context, p *plan.Plan, lang policy.Lang) (*featureCollection, error) {
	parcels, err := s.cfg.Store.Parcels(ctx)
	if err != nil {
		return nil, err
	}
	var box orb.Bound
	for i, x := range parcels {
		if i == 0 {
			box = x.Geometry.Bound()
		} else {
			box = box.Union(x.Geometry.Bound())
		}
	}
	c := box.Center()
	pl := newPlane(c[0], c[1])
	byParcel := map[string][]mapProject{}
	if p != nil {
		for _, a := range p.Allocations {
			mp := mapProject{Proposal: a.Proposal, Name: a.ProposalName, Lot: a.Lot, SupplyMode: a.SupplyMode,
				ModeText: tr(lang, "mode."+a.SupplyMode), TermYears: a.TermYears, TermText: termText(lang, a.TermText, a.TermTextZH, a.SupplyMode, a.TermYears),
				AreaMu: round(a.AreaMu, 2), Score: round(a.Score, 4)}
			if a.Stock {
				mp.Route, mp.FreeFrom = routeText(lang, a.Route), a.FreeFrom
			}
			for _, rs := range a.Reasons {
				clause := rs.Clause
				if lang == policy.LangZH {
					clause = planner.ClauseZH(clause)
				}
				mp.Reasons = append(mp.Reasons, fmt.Sprintf("[%s] %s", clause, reasonText(lang, rs)))
			}
			byParcel[a.Parcel] = append(byParcel[a.Parcel], mp)
		}
	}
	fc := &featureCollection{Type: "FeatureCollection", Features: []feature{}, Origin: []float64{c[0], c[1]},
		Units: "metres east and north of origin (lon, lat)"}
	for _, x := range parcels {
		props := map[string]any{"layer": "parcel", "id": x.ID, "zone": x.Zone, "status": string(x.Status),
			"status_text": tr(lang, "status."+string(x.Status)), "land_use": x.LandUse, "area_mu": round(x.AreaMu(), 2)}
		if ps := byParcel[x.ID]; len(ps) > 0 {
			props["projects"] = ps
			best := ps[0]
			for _, q := range ps[1:] {
				if q.Score > best.Score {
					best = q
				}
			}
			props["score"] = best.Score
			props["supply_mode"] = best.SupplyMode
		}
		fc.Features = append(fc.Features, newFeature(x.ID, pl.project(x.Geometry), props))
	}
	if p != nil {
		names := map[string]string{}
		for _, a := range p.Allocations {
			names[a.Proposal] = a.ProposalName
		}
		for _, l := range p.Lots {
			fc.Features = append(fc.Features, newFeature(l.ID, pl.project(l.Geometry), map[string]any{"layer": "lot", "id": l.ID,
				"parcel": l.Parcel, "proposal": l.Proposal, "name": names[l.Proposal], "kind": l.Kind, "supply_mode": l.SupplyMode,
				"area_mu": round(l.AreaMu, 2), "phase": l.Phase}))
		}
	}
	min, max := pl.project(orb.MultiPolygon{{{box.Min, box.Max}}})[0][0][0], pl.project(orb.MultiPolygon{{{box.Max}}})[0][0][0]
	fc.BBox = []float64{min[0], min[1], max[0], max[1]}
	if p != nil {
		fc.Plan = p.ID
	}
	return fc, nil
}

func round(v float64, digits int) float64 {
	k := math.Pow(10, float64(digits))
	return math.Round(v*k) / k
}

// apiMap serves GET /api/map[?plan=ID]: the map's GeoJSON, built once
// per plan, language and version of the parcels (a stored plan never
// changes), however many ask for it at once, and served with its ETag,
// gzipped when the client takes it.
func (s *Server) apiMap(w http.ResponseWriter, r *http.Request) {
	var p *plan.Plan
	if id := r.URL.Query().Get("plan"); id != "" {
		var err error
		if p, err = s.plan(r.Context(), id); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	b, err := s.mapBlob(r.Context(), p, langOf(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	serveBlob(w, r, b)
}

// apiPlans serves GET /api/plans: the stored plans' summaries.
func (s *Server) apiPlans(w http.ResponseWriter, r *http.Request) {
	sums, err := s.cfg.Store.Plans(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if sums == nil {
		sums = []plan.PlanSummary{}
	}
	writeJSON(w, http.StatusOK, sums)
}

// apiPlan serves GET /api/plans/{id}: the plan (docs/product.md, "The plan").
func (s *Server) apiPlan(w http.ResponseWriter, r *http.Request) {
	p, err := s.plan(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

// comparePlans loads the plans named by the repeated plan parameter (or
// one comma-separated value) and compares them.
func (s *Server) comparePlans(r *http.Request) ([]string, compare.Comparison, error) {
	var ids []string
	for _, v := range r.URL.Query()["plan"] {
		for _, id := range strings.Split(v, ",") {
			if id = strings.TrimSpace(id); id != "" {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) < 2 {
		return ids, compare.Comparison{}, planner.Errorf(planner.KindInvalid, "compare needs two or more plans (got %d): add ?plan=ID for each", len(ids))
	}
	var ps []*plan.Plan
	for _, id := range ids {
		p, err := s.plan(r.Context(), id)
		if err != nil {
			return ids, compare.Comparison{}, err
		}
		ps = append(ps, p)
	}
	return ids, compare.Diff(ps...), nil
}

// apiCompare serves GET /api/compare?plan=A&plan=B[...]: compare.Diff.
func (s *Server) apiCompare(w http.ResponseWriter, r *http.Request) {
	_, c, err := s.comparePlans(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// apiScenarios serves GET /api/scenarios.
func (s *Server) apiScenarios(w http.ResponseWriter, r *http.Request) {
	scs, err := s.cfg.Store.Scenarios(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if scs == nil {
		scs = []plan.Scenario{}
	}
	writeJSON(w, http.StatusOK, scs)
}

// addScenario validates a scenario against the base profile and stores
// it.
func (s *Server) addScenario(r *http.Request, sc plan.Scenario) error {
	if len(sc.Overrides) == 0 {
		return planner.Errorf(planner.KindInvalid, "scenario %q changes no setting: give at least one override", sc.Name)
	}
	if _, err := plan.ApplyScenario(s.cfg.Profile, sc); err != nil {
		return err
	}
	return s.cfg.Store.PutScenario(r.Context(), sc)
}

// apiPostScenario serves POST /api/scenarios with a JSON body
// {"name": NAME, "overrides": ["key=value", ...]}: 201 with the scenario,
// 400 for a bad one, 409 for a name already stored.
func (s *Server) apiPostScenario(w http.ResponseWriter, r *http.Request) {
	var sc plan.Scenario
	if err := decodeJSON(r, &sc); err != nil {
		s.fail(w, r, err)
		return
	}
	sc.Created = ""
	if err := s.addScenario(r, sc); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, sc)
}

// apiPolicy serves GET /api/policy: the base profile's settings.
func (s *Server) apiPolicy(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, policy.Show{Name: s.cfg.Profile.Name, SHA256: s.cfg.Profile.SHA256(), Settings: s.cfg.Profile.Settings()})
}

// download serves GET /plans/{id}/download/{format}: the plan as a file.
func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	p, err := s.plan(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	name := r.PathValue("format")
	var buf bytes.Buffer
	var f ExportFormat
	switch {
	case name == "json":
		f = ExportFormat{Name: "json", Ext: "json", ContentType: "application/json; charset=utf-8"}
		err = explain.Render(&buf, p, policy.FormatJSON, langOf(r))
	default:
		var ok bool
		if f, ok = s.format(name); !ok || s.cfg.Export == nil {
			s.fail(w, r, planner.Errorf(planner.KindNotFound, "no export format %q (offered: %s)", name, strings.Join(s.formatNames(), ", ")))
			return
		}
		err = s.cfg.Export(r.Context(), &buf, p, f.Name, langOf(r))
	}
	if err != nil {
		s.fail(w, r, fmt.Errorf("web: exporting %s as %s: %w", p.ID, name, err))
		return
	}
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", p.ID+"."+f.Ext))
	w.Write(buf.Bytes())
}

func (s *Server) format(name string) (ExportFormat, bool) {
	for _, f := range s.cfg.Formats {
		if f.Name == name {
			return f, true
		}
	}
	return ExportFormat{}, false
}

// formatNames lists the downloads offered: json, then the Formats.
func (s *Server) formatNames() []string {
	out := []string{"json"}
	if s.cfg.Export != nil {
		for _, f := range s.cfg.Formats {
			if f.Name != "json" {
				out = append(out, f.Name)
			}
		}
	}
	return out
}

// sortedModes returns the keys of a plan's supply-mode totals, sorted.
func sortedModes(m map[string]plan.ModeTotal) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
