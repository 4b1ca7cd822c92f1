package ingest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/landplan/landplan/geo"
	"github.com/landplan/landplan/geo/area"
	"github.com/landplan/landplan/geo/crs"
	"github.com/landplan/landplan/geo/geojson"
	"github.com/landplan/landplan/geo/valid"
	"github.com/landplan/landplan/planner"
)

// ParcelOptions configures ReadParcels.
type ParcelOptions struct {
	// File is the input's name, used in diagnostics.
	File string
	// CRS is the coordinate system the input's coordinates are in; the
	// zero value means longitude/latitude (RFC 7946). A projected CRS is
	// only ever used when the user names it.
	CRS crs.CRS
}

// ReadParcels reads a GeoJSON FeatureCollection of parcels (docs/product.md, "Parcels"):
// geometry through geojson.ScanFeatureCollection, properties as
// ParcelsFromFeatures checks them, each feature converted as soon as it
// has been read. The properties of features with geometry problems are
// checked too, so that every problem is reported at once in one
// *planner.Error of kind planner.KindInvalid (see mergeProblems for the
// order), up to MaxProblems; a JSON syntax error or truncation stops
// reading where it is found.
func ReadParcels(r io.Reader, opt ParcelOptions) ([]planner.Parcel, error) {
	c := &collector{file: opt.File}
	conv := newParcelConverter(c, featureCountHint(r))
	conv.fr.geometryReported = true
	err := geojson.ScanFeatureCollection(r, geojson.ReadOptions{File: opt.File, CRS: opt.CRS, MaxProblems: MaxProblems}, func(f geo.Feature) error {
		conv.add(f)
		return nil
	})
	var ie *geo.InputError
	switch {
	case err == nil:
		if err := c.err("parcels"); err != nil {
			return nil, err
		}
		return conv.parcels(), nil
	case errors.As(err, &ie):
		return nil, mergeProblems(ie, c).err("parcels")
	default:
		return nil, fmt.Errorf("read parcels from %s: %w", displayName(opt.File), err)
	}
}

// mergeProblems returns a collector holding the problems of the reader
// (ie) and those c found in the properties, in feature order: problems
// of the file as a whole first, then feature by feature, for each its
// geometry (the reader's problems) before its properties, and a JSON
// syntax error or truncation, which stops reading, last. The first
// MaxProblems are kept; the count is of all problems found, and a lower
// bound when the reader stopped at its limit.
func mergeProblems(ie *geo.InputError, c *collector) *collector {
	type keyed struct {
		key int
		d   planner.Diagnostic
	}
	all := make([]keyed, 0, len(ie.Problems)+len(c.diags))
	for i, d := range DiagnosticsFromInputError(ie) {
		k := ie.Problems[i].Feature
		if d.Code == geojson.CodeJSONSyntax || d.Code == geojson.CodeTruncated {
			k = math.MaxInt
		}
		all = append(all, keyed{k, d})
	}
	for i, d := range c.diags {
		all = append(all, keyed{c.featureOf[i], d})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].key < all[j].key })
	out := &collector{file: c.file, truncated: ie.Truncated, errors: len(ie.Problems) + c.errors}
	for _, k := range all[:min(len(all), MaxProblems)] {
		out.diags = append(out.diags, k.d)
	}
	return out
}

// DiagnosticsFromInputError converts the problems of a *geo.InputError to
// error diagnostics, keeping their codes: "feature N" counts from 1.
func DiagnosticsFromInputError(e *geo.InputError) []planner.Diagnostic {
	out := make([]planner.Diagnostic, 0, len(e.Problems))
	for _, p := range e.Problems {
		d := planner.Diagnostic{Severity: planner.SeverityError, Code: p.Code, File: e.File, ID: p.ID, Property: p.Property, Message: p.Message}
		if p.Feature >= 0 {
			d.Location = fmt.Sprintf("feature %d", p.Feature+1)
		}
		if d.Code == "" {
			d.Code = "geometry.invalid"
		}
		out = append(out, d)
	}
	return out
}

// ParcelsFromFeatures converts features to parcels (docs/product.md, "Parcels"). Property
// names are matched case-insensitively; required: id (a string, or a number
// written without exponent) unique in the file, land_use (a code
// planner.ParseLandUse accepts), status (planner.ParseStatus, or its Chinese
// name 新增/闲置/低效/在用/公共配套). Numbers may be JSON numbers or numeric
// strings; shares lie in 0..1, plot ratios, price and current tax per 亩 are
// not negative and min_plot_ratio ≤ max_plot_ratio; dates are real
// YYYY-MM-DD dates; serviced is true/false, 1/0, "yes"/"no" or "是"/"否".
// A null property counts as absent. Unknown properties are kept in Extra.
// The geometry is oriented (valid.Orient) and its area is the CGCS2000
// ellipsoid area (area.EllipsoidArea).
//
// A feature with geo.Feature.GeometryInvalid set has its properties
// checked and gets a "parcel.geometry_invalid" problem, the reader having
// the details. Every problem of every feature (up to MaxProblems) is
// returned in one *planner.Error of kind planner.KindInvalid.
func ParcelsFromFeatures(fs []geo.Feature, file string) ([]planner.Parcel, error) {
	c := &collector{file: file}
	out := checkParcels(fs, c)
	if err := c.err("parcels"); err != nil {
		return nil, err
	}
	return out, nil
}

// checkParcels converts fs, reporting problems to c.
func checkParcels(fs []geo.Feature, c *collector) []planner.Parcel {
	conv := newParcelConverter(c, len(fs))
	for _, f := range fs {
		conv.add(f)
	}
	return conv.parcels()
}

// featureCountHint guesses from the size of the input, when r knows it,
// how many features it holds, for sizing tables; 0 when it cannot tell.
// It errs on the high side: a guess too low makes parcelConverter copy
// every parcel once more at the end, while one too high costs at most
// about the input's size in memory, a planner.Parcel (224 bytes) being
// about bytesPerFeature.
func featureCountHint(r io.Reader) int {
	const bytesPerFeature = 200 // a parcel's smallest feature: 4 short corners, 3 properties, no spaces
	if l, ok := r.(interface{ Len() int }); ok {
		return min(l.Len()/bytesPerFeature, 1<<20)
	}
	return 0
}

// parcelChunk is how many parcels a parcelConverter keeps in one slice:
// once there are more than expected and at least this many, the parcels
// go into chunks of this size and are copied once at the end, rather than
// into one slice grown and copied again and again.
const parcelChunk = 4096

// parcelConverter converts features to parcels one at a time, checking
// that ids are unique, and keeps the parcels without problems.
type parcelConverter struct {
	c      *collector
	chunks [][]planner.Parcel // full chunks
	out    []planner.Parcel   // the chunk being filled
	seen   map[string]int     // id -> feature number
	fr     featureReader
}

// newParcelConverter returns a converter reporting to c; n is the number
// of features expected, 0 when not known.
func newParcelConverter(c *collector, n int) *parcelConverter {
	return &parcelConverter{c: c, out: make([]planner.Parcel, 0, n), seen: make(map[string]int, n)}
}

// parcels returns the parcels converted, in order.
func (pc *parcelConverter) parcels() []planner.Parcel {
	if len(pc.chunks) == 0 {
		return pc.out
	}
	n := len(pc.out)
	for _, ch := range pc.chunks {
		n += len(ch)
	}
	all := make([]planner.Parcel, 0, n)
	for _, ch := range pc.chunks {
		all = append(all, ch...)
	}
	return append(all, pc.out...)
}

// add converts one feature.
func (pc *parcelConverter) add(f geo.Feature) {
	if len(pc.out) == cap(pc.out) && len(pc.out) >= parcelChunk {
		pc.chunks = append(pc.chunks, pc.out)
		pc.out = make([]planner.Parcel, 0, parcelChunk)
	}
	pc.out = append(pc.out, planner.Parcel{})
	p := &pc.out[len(pc.out)-1]
	pc.c.feature = f.Index
	ok := pc.fr.convert(f, p, pc.c)
	if p.ID != "" {
		if first, dup := pc.seen[p.ID]; dup {
			pc.c.add(planner.Diagnostic{Code: "parcel.id_duplicate", Location: featureLocation(f.Index), ID: p.ID, Property: "id",
				Message: fmt.Sprintf("id %q is also used by feature %d", p.ID, first)})
			ok = false
		} else {
			pc.seen[p.ID] = f.Index + 1
		}
	}
	if !ok {
		pc.out = pc.out[:len(pc.out)-1]
	}
}

// featureLocation names feature index i as a person counts.
func featureLocation(i int) string { return "feature " + strconv.Itoa(i+1) }

// parcelProps lists the properties of docs/product.md, "Parcels".
var parcelProps = [...]string{
	"id", "zone", "land_use", "status", "min_plot_ratio", "max_plot_ratio", "serviced", "price",
	"agreed_start", "halted_since", "developed_share", "invested_share",
	"current_plot_ratio", "current_tax_per_mu", "evaluation_class", "class_years",
}

// statusAliases maps the Chinese status names to the statuses.
var statusAliases = map[string]planner.Status{
	"新增":   planner.StatusNew,
	"闲置":   planner.StatusIdle,
	"低效":   planner.StatusInefficient,
	"在用":   planner.StatusOccupied,
	"公共配套": planner.StatusReserved,
}

// featureReader reads the properties of one feature. It is reused from
// feature to feature.
type featureReader struct {
	index int
	id    string
	// known holds the values of the properties of parcelProps given and
	// not null, by their index there.
	known [len(parcelProps)]any
	has   [len(parcelProps)]bool
	c     *collector
	ok    bool
	// landUses remembers the codes checked, across features.
	landUses *landUseCache
	// geometryReported is set when the reader reports the problems of
	// an invalid geometry itself, so that convert adds none.
	geometryReported bool
}

// landUseCache remembers what planner.ParseLandUse said of the codes seen
// most, since a file holds few distinct codes.
type landUseCache map[string]error

// check returns the error planner.ParseLandUse gives for code.
func (lc *landUseCache) check(code string) error {
	if *lc == nil {
		*lc = make(landUseCache)
	}
	if err, ok := (*lc)[code]; ok {
		return err
	}
	_, err := planner.ParseLandUse(code)
	if len(*lc) < 1024 {
		(*lc)[code] = err
	}
	return err
}

// propIndex returns the index in parcelProps of a property name as
// written there, or -1.
func propIndex(name string) int {
	switch name {
	case "id":
		return 0
	case "zone":
		return 1
	case "land_use":
		return 2
	case "status":
		return 3
	case "min_plot_ratio":
		return 4
	case "max_plot_ratio":
		return 5
	case "serviced":
		return 6
	case "price":
		return 7
	case "agreed_start":
		return 8
	case "halted_since":
		return 9
	case "developed_share":
		return 10
	case "invested_share":
		return 11
	case "current_plot_ratio":
		return 12
	case "current_tax_per_mu":
		return 13
	case "evaluation_class":
		return 14
	case "class_years":
		return 15
	}
	return -1
}

// value returns the value of a property of parcelProps, if given and not
// null.
func (fr *featureReader) value(prop string) (any, bool) {
	i := propIndex(prop)
	return fr.known[i], fr.has[i]
}

func (fr *featureReader) fail(prop, code, format string, args ...any) {
	fr.ok = false
	fr.c.add(planner.Diagnostic{Code: code, Location: featureLocation(fr.index), ID: fr.id, Property: prop, Message: fmt.Sprintf(format, args...), MessageZH: zhf(format, args...)})
}

// canonicalProp returns the index in parcelProps of a property name,
// matched case-insensitively and without surrounding space, or -1.
func canonicalProp(k string) int {
	if i := propIndex(k); i >= 0 {
		return i
	}
	return propIndex(strings.ToLower(strings.TrimSpace(k)))
}

// sortProps matches the properties in the order of their sorted names,
// so that the diagnostics of properties given twice come in a fixed
// order. It returns the messages of those given twice, by canonical name.
func (fr *featureReader) sortProps(props map[string]any, p *planner.Parcel) [][2]string {
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var given [len(parcelProps)]string // key as given, by index
	var isGiven [len(parcelProps)]bool
	var twice [][2]string // canonical name, message
	for _, k := range keys {
		v := props[k]
		i := canonicalProp(k)
		if i < 0 {
			if p.Extra == nil {
				p.Extra = make(map[string]any)
			}
			p.Extra[k] = v
			continue
		}
		if isGiven[i] {
			twice = append(twice, [2]string{parcelProps[i], fmt.Sprintf("property given twice, as %q and %q", given[i], k)})
			continue
		}
		given[i], isGiven[i] = k, true
		if v != nil {
			fr.known[i], fr.has[i] = v, true
		}
	}
	return twice
}

// convert converts f into p, reporting problems to c; it returns false
// when f has an error.
func (fr *featureReader) convert(f geo.Feature, p *planner.Parcel, c *collector) bool {
	landUses := fr.landUses
	if landUses == nil {
		landUses = new(landUseCache)
	}
	*fr = featureReader{index: f.Index, c: c, ok: true, landUses: landUses, geometryReported: fr.geometryReported}

	twice := fr.matchProps(f, p)

	// id first, so that every later diagnostic names it.
	fr.readID(f, p)
	fr.id = p.ID
	for _, tw := range twice {
		fr.fail(tw[0], "parcel.property_duplicate", "%s", tw[1])
	}

	p.Zone = fr.str("zone")
	fr.landUse(p)
	fr.status(p)

	p.MinPlotRatio = fr.number("min_plot_ratio", 0, math.Inf(1))
	p.MaxPlotRatio = fr.number("max_plot_ratio", 0, math.Inf(1))
	if p.MinPlotRatio != nil && p.MaxPlotRatio != nil && *p.MinPlotRatio > *p.MaxPlotRatio {
		fr.fail("min_plot_ratio", "parcel.plot_ratio_order", "min_plot_ratio %v is greater than max_plot_ratio %v", *p.MinPlotRatio, *p.MaxPlotRatio)
	}
	p.Serviced = fr.boolean("serviced")
	p.Price = fr.number("price", 0, math.Inf(1))
	p.AgreedStart = fr.date("agreed_start")
	p.HaltedSince = fr.date("halted_since")
	p.DevelopedShare = fr.number("developed_share", 0, 1)
	p.InvestedShare = fr.number("invested_share", 0, 1)
	p.CurrentPlotRatio = fr.number("current_plot_ratio", 0, math.Inf(1))
	p.CurrentTaxPerMu = fr.number("current_tax_per_mu", 0, math.Inf(1))
	p.EvaluationClass, p.ClassYears = fr.evaluationClass()

	fr.geometry(f, p)
	return fr.ok
}

// matchProps matches the feature's property names to the parcel's
// properties, keeping the others in p.Extra, and returns the problems of
// a property given twice. Only when a property is given twice (under
// names differing in case or space) does the order matter, and then the
// names are matched again in sorted order.
func (fr *featureReader) matchProps(f geo.Feature, p *planner.Parcel) [][2]string {
	var seen [len(parcelProps)]bool
	var twice [][2]string
	for k, v := range f.Properties {
		i := canonicalProp(k)
		if i < 0 {
			if p.Extra == nil {
				p.Extra = make(map[string]any)
			}
			p.Extra[k] = v
			continue
		}
		if seen[i] {
			fr.known, fr.has = [len(parcelProps)]any{}, [len(parcelProps)]bool{}
			p.Extra = nil
			twice = fr.sortProps(f.Properties, p)
			break
		}
		seen[i] = true
		if v != nil {
			fr.known[i], fr.has[i] = v, true
		}
	}
	return twice
}

// readID reads the parcel's id: the id property, or the feature's own id.
func (fr *featureReader) readID(f geo.Feature, p *planner.Parcel) {
	if v, ok := fr.value("id"); ok {
		id, good := idString(v)
		if _, isFloat := v.(float64); isFloat && integerText.MatchString(f.ID) {
			// The reader keeps a numeric id's digits as written, which
			// a float64 cannot hold beyond 2^53.
			id = f.ID
		}
		if !good {
			fr.fail("id", "parcel.type", "id must be a string or a number, not %s", jsonType(v))
		} else if p.ID = strings.TrimSpace(id); p.ID == "" {
			fr.fail("id", "parcel.id_missing", "the required id (宗地编号) is empty")
		}
	} else if p.ID = strings.TrimSpace(f.ID); p.ID == "" {
		fr.fail("id", "parcel.id_missing", "the required id (宗地编号) is missing")
	}
}

// landUse reads the required planned-use code.
func (fr *featureReader) landUse(p *planner.Parcel) {
	if v, ok := fr.value("land_use"); ok {
		code, good := idString(v)
		if !good {
			fr.fail("land_use", "parcel.type", "land_use must be a string code, not %s", jsonType(v))
		} else if err := fr.landUses.check(strings.TrimSpace(code)); err != nil {
			fr.fail("land_use", "parcel.land_use_invalid", "%v", err)
		} else {
			p.LandUse = strings.TrimSpace(code)
		}
	} else {
		fr.fail("land_use", "parcel.value_missing", "the required land_use (planned use code) is missing")
	}
}

// status reads the required status (English or its Chinese alias).
func (fr *featureReader) status(p *planner.Parcel) {
	if v, ok := fr.value("status"); ok {
		s, isStr := v.(string)
		if !isStr {
			fr.fail("status", "parcel.type", "status must be a string, not %s", jsonType(v))
		} else {
			s = strings.TrimSpace(s)
			if st, alias := statusAliases[s]; alias {
				p.Status = st
			} else if st, err := planner.ParseStatus(strings.ToLower(s)); err != nil {
				fr.fail("status", "parcel.status_invalid", "%v", err)
			} else {
				p.Status = st
			}
		}
	} else {
		fr.fail("status", "parcel.value_missing", "the required status is missing (want new, idle, inefficient, occupied or reserved)")
	}
}

// geometry takes the feature's geometry, oriented, and its ellipsoid
// area; an invalid geometry already reported only marks the parcel bad.
func (fr *featureReader) geometry(f geo.Feature, p *planner.Parcel) {
	switch {
	case f.GeometryInvalid && fr.geometryReported:
		fr.ok = false
	case f.GeometryInvalid:
		fr.fail("geometry", "parcel.geometry_invalid", "the geometry is invalid")
	default:
		if len(f.Geometry) > 0 {
			p.Geometry = valid.Orient(f.Geometry)
			p.AreaM2 = area.EllipsoidArea(p.Geometry)
		}
		if !(p.AreaM2 > 0) {
			fr.fail("geometry", "parcel.geometry_empty", "the geometry has no area")
		}
	}
}

// jsonType names the JSON type of a decoded value for messages.
func jsonType(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case float64, json.Number, int, int64:
		return "a number"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("a %T", v)
}

var integerText = regexp.MustCompile(`^-?[0-9]+$`)

// idString returns a string or number as text, numbers without exponent
// (12345678 → "12345678", not "1.2345678e+07").
func idString(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case int:
		return strconv.Itoa(x), true
	case int64:
		return strconv.FormatInt(x, 10), true
	case json.Number:
		if integerText.MatchString(string(x)) {
			return string(x), true
		}
		f, err := x.Float64()
		if err != nil {
			return "", false
		}
		return strconv.FormatFloat(f, 'f', -1, 64), true
	}
	return "", false
}

// str reads an optional string property.
func (fr *featureReader) str(prop string) string {
	v, ok := fr.value(prop)
	if !ok {
		return ""
	}
	s, isStr := v.(string)
	if !isStr {
		fr.fail(prop, "parcel.type", "%s must be a string, not %s", prop, jsonType(v))
		return ""
	}
	return strings.TrimSpace(s)
}

// number reads an optional number in [lo, hi]: a JSON number or a string
// holding a decimal number.
func (fr *featureReader) number(prop string, lo, hi float64) *float64 {
	v, ok := fr.value(prop)
	if !ok {
		return nil
	}
	var x float64
	switch t := v.(type) {
	case float64:
		x = t
	case int:
		x = float64(t)
	case int64:
		x = float64(t)
	case json.Number:
		f, err := t.Float64()
		if err != nil {
			fr.fail(prop, "parcel.type", "%q is not a number", string(t))
			return nil
		}
		x = f
	case string:
		s := strings.TrimSpace(t)
		if s == "" {
			return nil
		}
		f, good := parseNumber(s, false)
		if !good {
			fr.fail(prop, "parcel.type", "%q is not a number", t)
			return nil
		}
		x = f
	default:
		fr.fail(prop, "parcel.type", "%s must be a number, not %s", prop, jsonType(v))
		return nil
	}
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		fr.fail(prop, "parcel.range", "%v is not a finite number", x)
		return nil
	case x < lo || x > hi:
		if hi == 1 {
			fr.fail(prop, "parcel.range", "%v is a share and must lie between 0 and 1", x)
		} else {
			fr.fail(prop, "parcel.range", "%v is negative", x)
		}
		return nil
	}
	return &x
}

var dateRE = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// date reads an optional YYYY-MM-DD date that must exist in the calendar.
func (fr *featureReader) date(prop string) string {
	v, ok := fr.value(prop)
	if !ok {
		return ""
	}
	s, isStr := v.(string)
	if !isStr {
		fr.fail(prop, "parcel.type", "%s must be a date string YYYY-MM-DD, not %s", prop, jsonType(v))
		return ""
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if !dateRE.MatchString(s) {
		fr.fail(prop, "parcel.date_invalid", "%q is not a date of the form YYYY-MM-DD", s)
		return ""
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		fr.fail(prop, "parcel.date_invalid", "%q is not a real date", s)
		return ""
	}
	return s
}

// boolean reads an optional yes/no property.
func (fr *featureReader) boolean(prop string) *bool {
	v, ok := fr.value(prop)
	if !ok {
		return nil
	}
	yes, no := true, false
	switch t := v.(type) {
	case bool:
		return &t
	case float64:
		switch t {
		case 1:
			return &yes
		case 0:
			return &no
		}
	case json.Number:
		switch string(t) {
		case "1":
			return &yes
		case "0":
			return &no
		}
	case string:
		switch strings.ToLower(strings.TrimSpace(t)) {
		case "true", "1", "yes", "y", "是":
			return &yes
		case "false", "0", "no", "n", "否":
			return &no
		case "":
			return nil
		}
	}
	fr.fail(prop, "parcel.bool_invalid", "%s is not a yes/no value: want true/false, 1/0, yes/no or 是/否", describe(v))
	return nil
}

// describe quotes strings and prints other values as they are.
func describe(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// evaluationClass reads evaluation_class (A, B, C or D, "" when absent)
// and class_years (a whole number of at least 1, only with a class).
func (fr *featureReader) evaluationClass() (string, int) {
	var class string
	if v, ok := fr.value("evaluation_class"); ok {
		s, isStr := v.(string)
		s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "类"))
		switch {
		case !isStr:
			fr.fail("evaluation_class", "parcel.type", "want the class A, B, C or D")
		case s == "":
		case s == "A" || s == "B" || s == "C" || s == "D":
			class = s
		default:
			fr.fail("evaluation_class", "parcel.value_invalid", "unknown class %q (want A, B, C or D)", s)
		}
	}
	years := fr.number("class_years", 0, math.Inf(1))
	switch {
	case years == nil:
		return class, 0
	case *years != math.Trunc(*years) || *years < 1:
		fr.fail("class_years", "parcel.type", "%v is not a whole number of years of at least 1", *years)
		return class, 0
	case class == "":
		fr.fail("class_years", "parcel.value_invalid", "class_years without evaluation_class")
		return class, 0
	}
	return class, int(*years)
}
