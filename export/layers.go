package export

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/paulmach/orb"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/rules"
)

// FieldType is the type of an attribute field, named as GeoPackage names
// column types.
type FieldType string

// The field types.
const (
	Text    FieldType = "TEXT"
	Integer FieldType = "INTEGER"
	Real    FieldType = "DOUBLE"
	Boolean FieldType = "BOOLEAN"
)

// Field is one attribute of a layer.
type Field struct {
	// Name is the column or property name.
	Name string
	// Type is the type of the values: string (Text), int64 (Integer),
	// float64 (Real) or bool (Boolean); nil stands for no value.
	Type FieldType
	// ZH is the Chinese alias shown in QGIS for the field.
	ZH string
}

// Feature is one row of a layer: its geometry in lon/lat degrees and one
// value per field of the layer, in field order.
type Feature struct {
	Geometry orb.MultiPolygon
	Values   []any
	// ZH holds, by field name, the values a Chinese export shows instead
	// of those in Values where they cannot be named from the English value
	// alone (term_text); LocalizeLayers puts them in place. Writers ignore
	// it.
	ZH map[string]any
}

// Layer is a feature layer of an export.
type Layer struct {
	// Name is the table name in a GeoPackage and the "layer" property in
	// GeoJSON: "parcels" or "lots".
	Name string
	// Title and TitleZH describe the layer.
	Title, TitleZH string
	// Fields are the attributes; the field named "category" holds the
	// value the layer's style is classified on.
	Fields []Field
	// Categories are the classes of the category field, in legend order.
	Categories []Category
	// Features are the rows, in a fixed order (by parcel id, then lot id).
	Features []Feature
}

// FieldIndex returns the index of the field named name, or -1.
func (l *Layer) FieldIndex(name string) int {
	for i, f := range l.Fields {
		if f.Name == name {
			return i
		}
	}
	return -1
}

// CategoryField is the field every layer's style is classified on: the
// pool status for parcels (StatusCategories), the supply mode or lot kind
// for lots (LotCategories).
const CategoryField = "category"

// parcelFields are the parcels layer's fields before the parcels' extra
// properties.
var parcelFields = []Field{
	{"id", Text, "宗地编号"},
	{"zone", Text, "园区"},
	{"land_use", Text, "用地性质"},
	{"status", Text, "土地状态"},
	{CategoryField, Text, "图例分类"},
	{"status_zh", Text, "土地状态（中文）"},
	{"area_mu", Real, "面积（亩）"},
	{"allocation", Text, "安排情况"},
	{"allocated_mu", Real, "已安排面积（亩）"},
	{"projects", Integer, "项目数"},
	{"proposal", Text, "项目编号"},
	{"enterprise", Text, "企业/项目名称"},
	{"supply_mode", Text, "供地方式"},
	{"supply_mode_zh", Text, "供地方式（中文）"},
	{"term_years", Integer, "出让/租赁年期"},
	{"score", Real, "评分"},
	{"plan", Text, "方案"},
	{"scenario", Text, "情景"},
	{"lease_years", Integer, "租赁年期"},
	{"transfer_years", Integer, "出让年期"},
	{"term_text", Text, "供地方式及年期"},
	{"route", Text, "存量土地处置方式"},
	{"free_from", Text, "土地腾空可供日期"},
}

// lotFields are the lots layer's fields.
var lotFields = []Field{
	{"lot", Text, "宗地分割编号"},
	{"parcel", Text, "宗地编号"},
	{"kind", Text, "类型"},
	{CategoryField, Text, "图例分类"},
	{"proposal", Text, "项目编号"},
	{"enterprise", Text, "企业/项目名称"},
	{"supply_mode", Text, "供地方式"},
	{"supply_mode_zh", Text, "供地方式（中文）"},
	{"phase", Integer, "期次"},
	{"term_years", Integer, "出让/租赁年期"},
	{"area_mu", Real, "面积（亩）"},
	{"price_yuan", Real, "出让价款（元）"},
	{"annual_rent_yuan", Real, "年租金（元）"},
	{"score", Real, "评分"},
	{"status", Text, "土地状态"},
	{"zone", Text, "园区"},
	{"plan", Text, "方案"},
	{"scenario", Text, "情景"},
	{"lease_years", Integer, "租赁年期"},
	{"transfer_years", Integer, "出让年期"},
	{"term_text", Text, "供地方式及年期"},
	{"route", Text, "存量土地处置方式"},
	{"free_from", Text, "土地腾空可供日期"},
	{"year", Integer, "供地年度"},
}

// The values of the parcels layer's allocation field.
const (
	AllocWhole       = "allocated"   // one or more projects take all of it
	AllocPartial     = "partial"     // projects take part of it
	AllocFree        = "free"        // available, not allocated by this plan
	AllocUnavailable = "unavailable" // in use or reserved for public facilities
)

// Layers returns the two layers of a plan's export: the parcels with the
// plan's view of each (status, and for allocated parcels the proposals,
// enterprises, supply modes, term, area and score, then the parcel's
// extra input properties as further fields) and the plan's lots with
// their allocation's attributes. p must be a plan made from parcels.
//
// Terms carry every part: term_years is the whole term, lease_years and
// transfer_years its parts (null for a part the tenure lacks), term_text
// the mode and term in words (English in Values, Chinese in the feature's
// ZH, put in place by LocalizeLayers); a lot of a phased supply carries
// its own phase's tenure. On stock land route is the disposal route
// (recovery, acquisition, negotiated) and free_from the date the land is
// free. A parcel shared by projects lists their distinct term texts,
// routes and dates joined with ";", and its years only when all agree.
// A lot's year is the year its land is supplied (a later phase's, the
// year it is released), so that a programme's map can be coloured by year.
func Layers(p *plan.Plan, parcels []planner.Parcel) []Layer {
	byParcel := map[string][]*plan.Allocation{}
	byProposal := map[string]*plan.Allocation{}
	for i := range p.Allocations {
		a := &p.Allocations[i]
		byParcel[a.Parcel] = append(byParcel[a.Parcel], a)
		byProposal[a.Proposal] = a
	}
	byID := make(map[string]*planner.Parcel, len(parcels))
	for i := range parcels {
		byID[parcels[i].ID] = &parcels[i]
	}
	return []Layer{parcelLayer(p, parcels, byParcel), lotLayer(p, byProposal, byID)}
}

// parcelLayer returns the parcels layer of Layers: the parcels in order
// of their ids, each with the allocations of p on it (byParcel).
func parcelLayer(p *plan.Plan, parcels []planner.Parcel, byParcel map[string][]*plan.Allocation) Layer {
	extras := extraFields(parcels, parcelFields)
	pl := Layer{Name: "parcels", Title: "Parcels and the plan's allocations", TitleZH: "地块及方案安排",
		Fields: append(append([]Field{}, parcelFields...), fieldsOf(extras)...), Categories: StatusCategories}
	order := make([]int, len(parcels))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return parcels[order[a]].ID < parcels[order[b]].ID })
	pl.Features = make([]Feature, 0, len(parcels))
	for _, i := range order {
		x := &parcels[i]
		vals := make([]any, len(pl.Fields))
		vals[0], vals[1], vals[2], vals[3], vals[4] = x.ID, nullString(x.Zone), x.LandUse, string(x.Status), string(x.Status)
		vals[5] = categoryLabelZH(string(x.Status))
		vals[6] = round(x.AreaMu(), 4)
		as := byParcel[x.ID]
		sum := summarize(as)
		vals[7] = sum.allocation(x)
		var zh map[string]any
		if len(as) > 0 {
			sum.fill(vals, as)
			zh = map[string]any{"term_text": strings.Join(sum.textsZH, "；")}
		}
		vals[16], vals[17] = nullString(p.ID), nullString(p.Scenario)
		for k, e := range extras {
			vals[len(parcelFields)+k] = e.value(x.Extra[e.key])
		}
		pl.Features = append(pl.Features, Feature{Geometry: x.Geometry, Values: vals, ZH: zh})
	}
	return pl
}

// parcelAllocations sums up the allocations on one parcel for its
// feature: the distinct values of each attribute, in the allocations'
// order.
type parcelAllocations struct {
	allocated, score              float64
	ids, names, modes             []string
	terms                         map[int]bool
	parts                         map[[2]int]bool
	texts, textsZH, routes, frees []string
}

// summarize sums up the allocations as on one parcel.
func summarize(as []*plan.Allocation) *parcelAllocations {
	s := &parcelAllocations{terms: map[int]bool{}, parts: map[[2]int]bool{}}
	for _, a := range as {
		lease, transfer := allocationParts(a)
		s.parts[[2]int{lease, transfer}] = true
		s.texts = appendNew(s.texts, allocationTerm(a, policy.LangEN))
		s.textsZH = appendNew(s.textsZH, allocationTerm(a, policy.LangZH))
		if a.Route != "" {
			s.routes = appendNew(s.routes, a.Route)
		}
		if a.FreeFrom != "" {
			s.frees = appendNew(s.frees, a.FreeFrom)
		}
		s.allocated += a.AreaMu
		s.ids = append(s.ids, a.Proposal)
		if a.ProposalName != "" {
			s.names = append(s.names, a.ProposalName)
		}
		s.modes = appendNew(s.modes, a.SupplyMode)
		s.terms[a.TermYears] = true
		s.score = max(s.score, a.Score)
	}
	return s
}

// appendNew appends s to ss unless ss holds it already.
func appendNew(ss []string, s string) []string {
	if contains(ss, s) {
		return ss
	}
	return append(ss, s)
}

// allocation returns the value of parcel x's allocation field.
func (s *parcelAllocations) allocation(x *planner.Parcel) string {
	switch {
	case x.Status == planner.StatusOccupied || x.Status == planner.StatusReserved:
		return AllocUnavailable
	case len(s.ids) == 0:
		return AllocFree
	case s.allocated >= x.AreaMu()*(1-plan.LotTolerance):
		return AllocWhole
	}
	return AllocPartial
}

// fill sets the allocation fields of a parcel's values from the
// allocations as on it (at least one).
func (s *parcelAllocations) fill(vals []any, as []*plan.Allocation) {
	vals[8] = round(s.allocated, 4)
	vals[9] = int64(len(as))
	vals[10] = strings.Join(s.ids, ";")
	vals[11] = nullString(strings.Join(s.names, "；"))
	vals[12] = strings.Join(s.modes, ";")
	zhModes := make([]string, len(s.modes))
	for k, m := range s.modes {
		zhModes[k] = categoryLabelZH(m)
	}
	vals[13] = strings.Join(zhModes, "；")
	if len(s.terms) == 1 {
		vals[14] = int64(as[0].TermYears)
	}
	vals[15] = round(s.score, 6)
	if len(s.parts) == 1 {
		lease, transfer := allocationParts(as[0])
		vals[18], vals[19] = nullInt(lease), nullInt(transfer)
	}
	vals[20] = strings.Join(s.texts, ";")
	vals[21] = nullString(strings.Join(s.routes, ";"))
	vals[22] = nullString(strings.Join(s.frees, ";"))
}

// lotLayer returns the lots layer of Layers: the lots of p in order, each
// with its allocation (byProposal) and its parcel's status and zone.
func lotLayer(p *plan.Plan, byProposal map[string]*plan.Allocation, parcels map[string]*planner.Parcel) Layer {
	ll := Layer{Name: "lots", Title: "Lots cut for the plan's allocations", TitleZH: "方案供地宗地",
		Fields: lotFields, Categories: LotCategories}
	ll.Features = make([]Feature, 0, len(p.Lots))
	for _, lot := range p.Lots {
		vals := make([]any, len(lotFields))
		var zh map[string]any
		vals[0], vals[1], vals[2], vals[3] = lot.ID, lot.Parcel, lot.Kind, LotCategory(lot)
		a := byProposal[lot.Proposal]
		if a != nil && lot.Proposal != "" {
			zh = lotAllocation(vals, lot, a)
		}
		mode := lot.SupplyMode
		if mode == "" && a != nil {
			mode = a.SupplyMode
		}
		vals[6] = nullString(mode)
		if mode != "" {
			vals[7] = categoryLabelZH(mode)
		}
		if lot.Phase > 0 {
			vals[8] = int64(lot.Phase)
		}
		vals[10] = round(lot.AreaMu, 4)
		var zone string
		if x, ok := parcels[lot.Parcel]; ok {
			vals[14] = string(x.Status)
			zone = x.Zone
		}
		vals[15] = nullString(zone)
		vals[16], vals[17] = nullString(p.ID), nullString(p.Scenario)
		ll.Features = append(ll.Features, Feature{Geometry: lot.Geometry, Values: vals, ZH: zh})
	}
	return ll
}

// lotAllocation sets the fields a lot takes from its allocation a: the
// proposal, term (its own phase's on a phased supply), price or rent,
// score, route, date and year; it returns the feature's Chinese values.
func lotAllocation(vals []any, lot plan.Lot, a *plan.Allocation) map[string]any {
	vals[4], vals[5] = a.Proposal, nullString(a.ProposalName)
	vals[9] = int64(a.TermYears)
	vals[13] = round(a.Score, 6)
	if lot.Kind != plan.LotReserved {
		vals[11], vals[12] = round(a.PriceYuan, 2), round(a.AnnualRentYuan, 2)
	}
	lease, transfer := allocationParts(a)
	text, textZH := allocationTerm(a, policy.LangEN), allocationTerm(a, policy.LangZH)
	vals[23] = nullInt(a.Year)
	if ph := lotPhase(a, lot); ph != nil {
		vals[9] = int64(ph.TermYears)
		lease, transfer = termParts(ph.Mode, ph.TermYears, ph.LeaseYears, ph.TransferYears)
		text, textZH = phaseTerm(*ph, policy.LangEN), phaseTerm(*ph, policy.LangZH)
		vals[23] = nullInt(ph.Year)
	}
	vals[18], vals[19], vals[20] = nullInt(lease), nullInt(transfer), text
	vals[21], vals[22] = nullString(a.Route), nullString(a.FreeFrom)
	return map[string]any{"term_text": textZH}
}

// lotPhase returns the phase of a phased allocation that the lot holds, or
// nil for a lot of no phase.
func lotPhase(a *plan.Allocation, l plan.Lot) *rules.Phase {
	if l.Phase == 0 {
		return nil
	}
	for i := range a.Phases {
		if a.Phases[i].Index == l.Phase {
			return &a.Phases[i]
		}
	}
	return nil
}

// LotCategory returns the lot's class in LotCategories: its supply mode
// for a lot supplied now, reserved_phase or remainder otherwise.
func LotCategory(l plan.Lot) string {
	switch l.Kind {
	case plan.LotReserved, plan.LotRemainder:
		return l.Kind
	}
	if l.SupplyMode == "" {
		return plan.LotRemainder
	}
	return l.SupplyMode
}

// extraField is one extra input property carried as a field.
type extraField struct {
	key, name string
	typ       FieldType
}

// value converts an extra property's value to the field's type: numbers
// and booleans as they are, strings as they are, anything else as JSON.
func (e extraField) value(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case float64:
		if e.typ == Real {
			return x
		}
	case bool:
		if e.typ == Boolean {
			return x
		}
	case string:
		return x
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// extraFields returns the union of the parcels' extra property names, in
// lexical order, each typed by its values (Real when every value is a
// number, Boolean when every one is a boolean, Text otherwise) and named
// "extra_<key>" where the key is already a field name.
func extraFields(parcels []planner.Parcel, known []Field) []extraField {
	types := map[string]FieldType{}
	for i := range parcels {
		for k, v := range parcels[i].Extra {
			var t FieldType
			switch v.(type) {
			case nil:
				if _, ok := types[k]; !ok {
					types[k] = ""
				}
				continue
			case float64:
				t = Real
			case bool:
				t = Boolean
			default:
				t = Text
			}
			if prev, ok := types[k]; ok && prev != "" && prev != t {
				t = Text
			}
			types[k] = t
		}
	}
	keys := make([]string, 0, len(types))
	for k := range types {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	taken := map[string]bool{"fid": true, "geom": true, "layer": true}
	for _, f := range known {
		taken[strings.ToLower(f.Name)] = true
	}
	out := make([]extraField, 0, len(keys))
	for _, k := range keys {
		name := k
		for taken[strings.ToLower(name)] {
			name = "extra_" + name
		}
		taken[strings.ToLower(name)] = true
		t := types[k]
		if t == "" {
			t = Text
		}
		out = append(out, extraField{key: k, name: name, typ: t})
	}
	return out
}

func fieldsOf(es []extraField) []Field {
	out := make([]Field, len(es))
	for i, e := range es {
		out[i] = Field{Name: e.name, Type: e.typ, ZH: e.key}
	}
	return out
}

func categoryLabelZH(v string) string {
	if c, ok := Palette(v); ok {
		return c.ZH
	}
	return v
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return int64(n)
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// valueNamesZH names, per field, the identifier values of the layers'
// fields in Chinese: statuses, allocation states, lot kinds and supply
// modes. The category field keeps its identifiers: the layers' styles are
// classified on them (their legend labels are Chinese).
var valueNamesZH = map[string]func(string) string{
	"status": func(v string) string { return planner.Status(v).NameZH() },
	"allocation": func(v string) string {
		return map[string]string{AllocWhole: "整宗已安排", AllocPartial: "部分已安排", AllocFree: "未安排", AllocUnavailable: "不可供地"}[v]
	},
	"kind":        plan.LotKindNameZH,
	"supply_mode": planner.SupplyModeNameZH,
	"route":       rules.RouteNameZH,
}

// LocalizeLayers returns the layers with the values of their identifier
// fields (status, allocation, kind, supply_mode, route) and of their text
// fields (term_text, from each feature's ZH) in the language lang: as they
// are for English, by their Chinese names for Chinese, so that a Chinese
// export shows no English identifiers or words in its attribute table.
// Field names stay as they are: they are the layers' schema. The layers
// given are not changed.
func LocalizeLayers(layers []Layer, lang policy.Lang) []Layer {
	if lang != policy.LangZH {
		return layers
	}
	out := make([]Layer, len(layers))
	for li, l := range layers {
		type sub struct {
			i    int
			name func(string) string
		}
		var subs []sub
		for i, f := range l.Fields {
			if n, ok := valueNamesZH[f.Name]; ok && f.Type == Text {
				subs = append(subs, sub{i, n})
			}
		}
		l.Features = slices.Clone(l.Features)
		for fi := range l.Features {
			vals := slices.Clone(l.Features[fi].Values)
			for _, s := range subs {
				v, ok := vals[s.i].(string)
				if !ok {
					continue
				}
				parts := strings.Split(v, ";")
				for k, p := range parts {
					if n := s.name(p); n != "" {
						parts[k] = n
					}
				}
				vals[s.i] = strings.Join(parts, "；")
			}
			for name, v := range l.Features[fi].ZH {
				if i := l.FieldIndex(name); i >= 0 && vals[i] != nil {
					vals[i] = v
				}
			}
			l.Features[fi].Values = vals
		}
		out[li] = l
	}
	return out
}
