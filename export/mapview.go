package export

import (
	"fmt"
	"image/color"
	"sort"
	"strings"
	"unicode"

	"github.com/paulmach/orb"

	"github.com/landplan/landplan/geo/crs"
	"github.com/landplan/landplan/geo/mapdraw"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// MapOptions tunes a plan map. The zero value draws a Chinese map of
// mapdraw's default size, text measured by mapdraw's approximation.
type MapOptions struct {
	// Lang is the language of the title, legend and note; empty means
	// Chinese.
	Lang policy.Lang
	// Width and Height are the sheet size in pixels; zero means mapdraw's
	// defaults.
	Width, Height int
	// Zone, when not empty, draws only the parcels of that development
	// zone (Parcel.Zone) and their lots: a zone fills the sheet where a
	// whole city would leave its parcels too small to label.
	Zone string
	// Font measures (and, for PNG, draws) the text. Set it, from
	// mapdraw.DefaultFont, to place the labels of an SVG and a PNG of the
	// same map identically.
	Font *mapdraw.Font
}

func (o MapOptions) lang() policy.Lang {
	if o.Lang == "" {
		return policy.LangZH
	}
	return o.Lang
}

// Zones returns the development zones of the parcels (Parcel.Zone), sorted,
// without the empty zone.
func Zones(parcels []planner.Parcel) []string {
	seen := map[string]bool{}
	var out []string
	for i := range parcels {
		if z := parcels[i].Zone; z != "" && !seen[z] {
			seen[z] = true
			out = append(out, z)
		}
	}
	sort.Strings(out)
	return out
}

// filter returns the parcels of o.Zone, or all of them.
func (o MapOptions) filter(parcels []planner.Parcel) []planner.Parcel {
	if o.Zone == "" {
		return parcels
	}
	var out []planner.Parcel
	for i := range parcels {
		if parcels[i].Zone == o.Zone {
			out = append(out, parcels[i])
		}
	}
	return out
}

// MapCRS returns the one CRS a map of these parcels is drawn in: the
// CGCS2000 3-degree Gauss-Krüger zone (EPSG:4545 or 4546) of the centre
// of their bounding box, as plan.ZoneCRS picks it. Liuzhou straddles the
// zone boundary at 109.5°E; parcels across it are drawn in the centre's
// zone, where their scale error stays under 0.1% within the city.
func MapCRS(parcels []planner.Parcel) crs.CRS {
	var b orb.Bound
	first := true
	for i := range parcels {
		if len(parcels[i].Geometry) == 0 {
			continue
		}
		pb := parcels[i].Geometry.Bound()
		if first {
			b, first = pb, false
		} else {
			b = b.Union(pb)
		}
	}
	if first {
		return crs.CRS{EPSG: 4545}
	}
	return plan.ZoneCRS(orb.MultiPolygon{{b.ToRing()}})
}

// project returns mp in c, planar metres.
func project(mp orb.MultiPolygon, c crs.CRS) orb.MultiPolygon {
	return crs.TransformMultiPolygon(mp, c.FromLonLat)
}

// crsNote names the map's CRS for the note line.
func crsNote(crs crs.CRS, lang policy.Lang) string {
	cm := 108
	if crs.EPSG == 4546 || crs.EPSG == 4525 {
		cm = 111
	}
	if lang == policy.LangZH {
		return fmt.Sprintf("坐标系：CGCS2000 3度带高斯-克吕格投影 中央经线 %d°E（%s）；面积为椭球面积", cm, crs)
	}
	return fmt.Sprintf("CRS: CGCS2000 3-degree Gauss-Krüger, central meridian %d°E (%s); areas are ellipsoid areas", cm, crs)
}

// PlanTitle returns a map's title: "方案 plan-1 · 情景 cap7" in Chinese,
// "Plan plan-1 · scenario cap7" in English; the base profile is named as
// such.
func PlanTitle(p *plan.Plan, lang policy.Lang) string {
	id := p.ID
	if id == "" {
		id = tr(lang, "(not stored)", "（未保存）")
	}
	sc := p.Scenario
	if sc == "" {
		sc = tr(lang, "base profile", "基准政策")
	}
	return tr(lang, "Plan "+id+" · scenario "+sc, "方案 "+id+" · 情景 "+sc)
}

func tr(lang policy.Lang, en, zh string) string {
	if lang == policy.LangZH {
		return zh
	}
	return en
}

// companySuffixes are dropped from project names on map labels, longest
// first: the name before them is what a planner recognises.
var companySuffixes = []string{"股份有限公司", "有限责任公司", "有限公司", ", Ltd.", " Ltd.", " Co."}

// columns is the width of a rune in a label: two for CJK characters and
// full-width forms, one otherwise.
func columns(r rune) int {
	if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef {
		return 2
	}
	return 1
}

// ShortName shortens a project name for a map label: a name that starts
// with a company ("…有限公司 年产…项目") is cut to the company without its
// legal-form suffix, then wrapped into at most lines lines of width
// columns (a Chinese character takes two, a Latin letter one), breaking
// Latin text at spaces where it can, with an ellipsis when cut.
func ShortName(s string, width, lines int) string {
	s = strings.TrimSpace(s)
	for _, suf := range companySuffixes {
		// "<company>有限公司 <project>" is labelled by the company.
		if i := strings.Index(s, suf); i > 0 {
			s = strings.TrimSpace(s[:i])
			break
		}
	}
	rs := []rune(s)
	var out []string
	for len(rs) > 0 && len(out) < lines {
		used, cut := 0, len(rs)
		for i, r := range rs {
			if used+columns(r) > width {
				cut = i
				break
			}
			used += columns(r)
		}
		if cut < len(rs) && rs[cut] != ' ' {
			// Break Latin text at the last space within the line.
			for i := cut - 1; i > 0; i-- {
				if rs[i] == ' ' && columns(rs[cut]) == 1 {
					cut = i
					break
				}
			}
		}
		line := strings.TrimSpace(string(rs[:cut]))
		rs = []rune(strings.TrimLeft(string(rs[cut:]), " "))
		if len(rs) > 0 && len(out) == lines-1 {
			lr := []rune(line)
			for w := 0; len(lr) > 0; {
				w = 0
				for _, r := range lr {
					w += columns(r)
				}
				if w+1 <= width {
					break
				}
				lr = lr[:len(lr)-1]
			}
			line = strings.TrimSpace(string(lr)) + "…"
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// labelSize is the label font size in pixels per 1200 px of the sheet's
// longer side: smaller than mapdraw's default, so that names fit on the
// lots of an industrial park drawn whole.
const labelSize = 8.5

// labelColumns and labelLines bound a project name drawn on a lot.
const (
	labelColumns = 12
	labelLines   = 2
)

// PlanMap returns the map of a plan: parcels in the light tint of their
// status, lots in the strong colour of their supply mode (later phases and
// remainders lighter) with dark outlines, project names on the lots and
// parcel ids on parcels without lots, labels placed by size so that the
// largest get theirs; title, legend of the classes present, scale bar,
// north arrow, and a note naming the CRS.
func PlanMap(p *plan.Plan, parcels []planner.Parcel, o MapOptions) *mapdraw.Map {
	lang := o.lang()
	parcels = o.filter(parcels)
	crs := MapCRS(parcels)
	m := baseMap(o, crs)
	m.Title = joinTitle(PlanTitle(p, lang), o.Zone)
	t := p.Totals
	whole := ""
	if o.Zone != "" {
		whole = tr(lang, "whole plan: ", "全方案：")
	}
	m.Subtitle = whole + tr(lang,
		fmt.Sprintf("%d projects placed on %.1f mu (new %.1f, stock %.1f; quota %.1f%% used) · planning date %s", t.Projects, t.AllocatedMu, t.NewLandMu, t.StockLandMu, 100*t.QuotaUsedShare, p.AsOf),
		fmt.Sprintf("安排项目 %d 个，供地 %.1f 亩（新增 %.1f，存量 %.1f；指标使用 %.1f%%）· 规划基准日 %s", t.Projects, t.AllocatedMu, t.NewLandMu, t.StockLandMu, 100*t.QuotaUsedShare, p.AsOf))

	shown := make(map[string]bool, len(parcels))
	for i := range parcels {
		shown[parcels[i].ID] = true
	}
	withLots := map[string]bool{}
	for _, l := range p.Lots {
		withLots[l.Parcel] = true
	}
	names := map[string]string{}
	for _, a := range p.Allocations {
		n := a.ProposalName
		if n == "" {
			n = a.Proposal
		}
		names[a.Proposal] = n
	}
	usedStatus, usedLot := map[string]bool{}, map[string]bool{}
	m.Features = make([]mapdraw.Feature, 0, len(parcels)+len(p.Lots))
	for i := range parcels {
		x := &parcels[i]
		c, _ := Palette(string(x.Status))
		usedStatus[c.Value] = true
		f := mapdraw.Feature{Geometry: project(x.Geometry, crs), Fill: c.Fill, Stroke: c.Stroke, StrokeWidth: 0.6, Layer: "parcels"}
		if !withLots[x.ID] {
			f.Label, f.LabelPriority = x.ID, x.AreaM2/1e6
		}
		m.Features = append(m.Features, f)
	}
	for _, l := range p.Lots {
		if !shown[l.Parcel] {
			continue
		}
		cat := LotCategory(l)
		c, _ := Palette(cat)
		usedLot[cat] = true
		f := mapdraw.Feature{Geometry: project(l.Geometry, crs), Fill: c.Fill, Stroke: c.Stroke, StrokeWidth: 1, Layer: "lots",
			Dash: l.Kind == plan.LotReserved}
		if l.Proposal != "" && l.Kind != plan.LotReserved {
			f.Label = ShortName(names[l.Proposal], labelColumns, labelLines)
			f.LabelPriority = 1 + l.AreaMu
		}
		m.Features = append(m.Features, f)
	}
	for _, c := range StatusCategories {
		if usedStatus[c.Value] {
			m.Legend = append(m.Legend, mapdraw.LegendItem{Label: c.Label(lang), Fill: c.Fill, Stroke: c.Stroke})
		}
	}
	for _, c := range LotCategories {
		if usedLot[c.Value] {
			m.Legend = append(m.Legend, mapdraw.LegendItem{Label: c.Label(lang), Fill: c.Fill, Stroke: c.Stroke, Dash: c.Value == plan.LotReserved})
		}
	}
	m.Note = crsNote(crs, lang)
	return m
}

func baseMap(o MapOptions, crs crs.CRS) *mapdraw.Map {
	lang := o.lang()
	ml := mapdraw.Chinese
	if lang != policy.LangZH {
		ml = mapdraw.English
	}
	m := &mapdraw.Map{Width: o.Width, Height: o.Height, Lang: ml, ScaleBar: true, NorthArrow: true, Font: o.Font,
		Background: color.White}
	if lang == policy.LangZH {
		m.LayerNames = layerNamesZH
	}
	w, h := o.Width, o.Height
	if w == 0 {
		w = mapdraw.DefaultWidth
	}
	if h == 0 {
		h = mapdraw.DefaultHeight
	}
	m.LabelSize = labelSize * float64(max(w, h)) / 1200
	return m
}

// MapChange is one allocation as a comparison map draws it.
type MapChange struct {
	// Proposal is the proposal's id; Kind one of the Change constants.
	Proposal, Kind string
	// Lot is the lot drawn: in the second plan, or in the first for a
	// removal.
	Lot string
}

// CompareChanges classifies every allocation of two plans for a comparison
// map: added (in b only), removed (in a only), moved (another parcel),
// mode_changed (same parcel, another supply mode or any other part of the
// term: whole term, lease or transfer years, a phase's tenure) or
// unchanged, by proposal id.
func CompareChanges(a, b *plan.Plan) []MapChange {
	from := map[string]*plan.Allocation{}
	for i := range a.Allocations {
		from[a.Allocations[i].Proposal] = &a.Allocations[i]
	}
	var out []MapChange
	seen := map[string]bool{}
	for i := range b.Allocations {
		x := &b.Allocations[i]
		seen[x.Proposal] = true
		kind := ChangeAdded
		if y := from[x.Proposal]; y != nil {
			switch {
			case y.Parcel != x.Parcel:
				kind = ChangeMoved
			case !sameTenure(y, x):
				kind = ChangeMode
			default:
				kind = ChangeUnchanged
			}
		}
		out = append(out, MapChange{Proposal: x.Proposal, Kind: kind, Lot: x.Lot})
	}
	for i := range a.Allocations {
		y := &a.Allocations[i]
		if !seen[y.Proposal] {
			out = append(out, MapChange{Proposal: y.Proposal, Kind: ChangeRemoved, Lot: y.Lot})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Proposal < out[j].Proposal })
	return out
}

// CompareMap returns the map of what moved from plan a to plan b: parcels
// in light grey, the lots of b coloured by change (added, moved, supply
// mode changed, unchanged) and the lots of a's removed allocations in red
// with a dashed outline; moved allocations also show their old lot
// dashed. Labels are proposal ids of the changes.
func CompareMap(a, b *plan.Plan, parcels []planner.Parcel, o MapOptions) *mapdraw.Map {
	lang := o.lang()
	parcels = o.filter(parcels)
	shown := make(map[string]bool, len(parcels))
	for i := range parcels {
		shown[parcels[i].ID] = true
	}
	crs := MapCRS(parcels)
	m := baseMap(o, crs)
	changes := CompareChanges(a, b)
	counts := map[string]int{}
	for _, c := range changes {
		counts[c.Kind]++
	}
	compareTitles(m, a, b, counts, lang, o.Zone)
	ground := color.RGBA{0xf2, 0xf2, 0xf0, 0xff}
	for i := range parcels {
		m.Features = append(m.Features, mapdraw.Feature{Geometry: project(parcels[i].Geometry, crs), Fill: ground,
			Stroke: edgeGrey, StrokeWidth: 0.5, Layer: "parcels"})
	}
	la, lb := lotsByID(a), lotsByID(b)
	drawMovedFrom(m, a, changes, la, shown, crs)
	used := drawChanges(m, changes, la, lb, shown, crs)
	for _, c := range ChangeCategories {
		if used[c.Value] {
			m.Legend = append(m.Legend, mapdraw.LegendItem{Label: c.Label(lang), Fill: c.Fill, Stroke: c.Stroke, Dash: c.Value == ChangeRemoved})
		}
	}
	if counts[ChangeMoved] > 0 {
		c, _ := Palette(ChangeMoved)
		m.Legend = append(m.Legend, mapdraw.LegendItem{Label: tr(lang, "moved from (first plan)", "原地块（原方案）"), Stroke: c.Fill, Dash: true})
	}
	m.Note = crsNote(crs, lang)
	return m
}

// compareTitles sets the title of the comparison of a with b (in a zone,
// if any) and its subtitle, the number of changes of each kind.
func compareTitles(m *mapdraw.Map, a, b *plan.Plan, counts map[string]int, lang policy.Lang, zone string) {
	label := func(p *plan.Plan) string {
		id := p.ID
		if p.Scenario != "" {
			id += "（" + p.Scenario + "）"
		}
		return id
	}
	m.Title = joinTitle(tr(lang, "Comparison "+label(a)+" → "+label(b), "方案比较 "+label(a)+" → "+label(b)), zone)
	m.Subtitle = tr(lang,
		fmt.Sprintf("%d added, %d moved, %d supply mode or term changed, %d removed, %d unchanged", counts[ChangeAdded], counts[ChangeMoved], counts[ChangeMode], counts[ChangeRemoved], counts[ChangeUnchanged]),
		fmt.Sprintf("新增安排 %d，调整地块 %d，调整供地方式或年期 %d，取消安排 %d，未变 %d", counts[ChangeAdded], counts[ChangeMoved], counts[ChangeMode], counts[ChangeRemoved], counts[ChangeUnchanged]))
}

// lotsByID returns the lots of p by id.
func lotsByID(p *plan.Plan) map[string]*plan.Lot {
	out := map[string]*plan.Lot{}
	for i := range p.Lots {
		out[p.Lots[i].ID] = &p.Lots[i]
	}
	return out
}

// drawMovedFrom draws, dashed, the old lot in a (la) of each moved
// allocation whose parcel is shown.
func drawMovedFrom(m *mapdraw.Map, a *plan.Plan, changes []MapChange, la map[string]*plan.Lot, shown map[string]bool, crs crs.CRS) {
	oldLot := map[string]string{}
	for _, x := range a.Allocations {
		oldLot[x.Proposal] = x.Lot
	}
	for _, c := range changes {
		if c.Kind != ChangeMoved {
			continue
		}
		if l := la[oldLot[c.Proposal]]; l != nil && shown[l.Parcel] {
			cat, _ := Palette(ChangeMoved)
			m.Features = append(m.Features, mapdraw.Feature{Geometry: project(l.Geometry, crs), Stroke: cat.Fill,
				StrokeWidth: 1.5, Dash: true, Layer: "moved-from"})
		}
	}
}

// drawChanges draws the lot of each change whose parcel is shown, from
// the second plan's lots (lb) or, when removed, the first's (la),
// coloured by kind and labelled unless unchanged; it returns the kinds
// drawn.
func drawChanges(m *mapdraw.Map, changes []MapChange, la, lb map[string]*plan.Lot, shown map[string]bool, crs crs.CRS) map[string]bool {
	used := map[string]bool{}
	for _, c := range changes {
		src := lb
		if c.Kind == ChangeRemoved {
			src = la
		}
		l := src[c.Lot]
		if l == nil || !shown[l.Parcel] {
			continue
		}
		cat, _ := Palette(c.Kind)
		used[c.Kind] = true
		f := mapdraw.Feature{Geometry: project(l.Geometry, crs), Fill: cat.Fill, Stroke: cat.Stroke, StrokeWidth: 1,
			Dash: c.Kind == ChangeRemoved, Layer: c.Kind}
		if c.Kind != ChangeUnchanged {
			f.Label, f.LabelPriority = c.Proposal, 1+l.AreaMu
		}
		m.Features = append(m.Features, f)
	}
	return used
}

// joinTitle appends the zone, if any, to a title.
func joinTitle(title, zone string) string {
	if zone == "" {
		return title
	}
	return title + " · " + zone
}

// layerNamesZH names the map's layers in Chinese: the parcels, the lots, the
// former place of a moved project and the kinds of change of a comparison.
var layerNamesZH = map[string]string{
	"parcels":       "地块",
	"lots":          "宗地",
	"moved-from":    "调整前位置",
	ChangeAdded:     "新增安排",
	ChangeRemoved:   "取消安排",
	ChangeMoved:     "调整地块",
	ChangeMode:      "调整供地方式或年期",
	ChangeUnchanged: "未变",
}
