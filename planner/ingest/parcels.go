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
	"github.com/landplan/landplan/planner"
)

// ParcelOptions configures ReadParcels.
type ParcelOptions struct {
	// File is the input's name, used in diagnostics.
	File string
	// CRS is the coordinate system the input's coordinates are in; the
	// zero value means longitude/latitude (RFC 7946). A projected CRS is
	// only ever used when the user names it.
	CRS geo.CRS
}

// ReadParcels reads a GeoJSON FeatureCollection of parcels (SPEC §3.1):
// geometry through geo.ReadFeatureCollection, properties through
// ParcelsFromFeatures. Geometry and property problems are reported
// together in one *planner.Error of kind planner.KindInvalid.
func ReadParcels(r io.Reader, opt ParcelOptions) ([]planner.Parcel, error) {
	fs, err := geo.ReadFeatureCollection(r, geo.ReadOptions{File: opt.File, CRS: opt.CRS, MaxProblems: MaxProblems})
	var ie *geo.InputError
	switch {
	case err == nil:
		return ParcelsFromFeatures(fs, opt.File)
	case errors.As(err, &ie):
		c := &collector{file: opt.File, truncated: ie.Truncated}
		for _, d := range DiagnosticsFromInputError(ie) {
			c.add(d)
		}
		// Should the reader return the features it could read, their
		// properties are checked too, so that one run reports everything.
		if len(fs) > 0 {
			checkParcels(fs, c)
		}
		return nil, c.err("parcels")
	default:
		return nil, fmt.Errorf("read parcels from %s: %w", displayName(opt.File), err)
	}
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

// ParcelsFromFeatures converts features to parcels (SPEC §3.1). Property
// names are matched case-insensitively; required: id (a string, or a number
// written without exponent) unique in the file, land_use (a code
// planner.ParseLandUse accepts), status (planner.ParseStatus, or its Chinese
// name 新增/闲置/低效/在用/公共配套). Numbers may be JSON numbers or numeric
// strings; shares lie in 0..1, plot ratios, price and current tax per 亩 are
// not negative and min_plot_ratio ≤ max_plot_ratio; dates are real
// YYYY-MM-DD dates; serviced is true/false, 1/0, "yes"/"no" or "是"/"否".
// A null property counts as absent. Unknown properties are kept in Extra.
// The geometry is oriented (geo.Orient) and its area is the CGCS2000
// ellipsoid area (geo.EllipsoidArea).
//
// Every problem of every feature (up to MaxProblems) is returned in one
// *planner.Error of kind planner.KindInvalid.
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
	out := make([]planner.Parcel, 0, len(fs))
	seen := make(map[string]int, len(fs)) // id -> feature number
	for _, f := range fs {
		p, ok := parcelFromFeature(f, c)
		if p.ID != "" {
			if first, dup := seen[p.ID]; dup {
				c.add(planner.Diagnostic{Code: "parcel.id_duplicate", Location: fmt.Sprintf("feature %d", f.Index+1), ID: p.ID, Property: "id",
					Message: fmt.Sprintf("id %q is also used by feature %d", p.ID, first)})
				ok = false
			} else {
				seen[p.ID] = f.Index + 1
			}
		}
		if ok {
			out = append(out, p)
		}
	}
	return out
}

// parcelProps lists the properties of SPEC §3.1.
var parcelProps = []string{
	"id", "zone", "land_use", "status", "min_plot_ratio", "max_plot_ratio", "serviced", "price",
	"agreed_start", "halted_since", "developed_share", "invested_share",
	"current_plot_ratio", "current_tax_per_mu",
}

// statusAliases maps the Chinese status names to the statuses.
var statusAliases = map[string]planner.Status{
	"新增":   planner.StatusNew,
	"闲置":   planner.StatusIdle,
	"低效":   planner.StatusInefficient,
	"在用":   planner.StatusOccupied,
	"公共配套": planner.StatusReserved,
}

// featureReader reads the properties of one feature.
type featureReader struct {
	loc   string
	id    string
	known map[string]any // canonical name -> value (nil values dropped)
	c     *collector
	ok    bool
}

func (fr *featureReader) fail(prop, code, format string, args ...any) {
	fr.ok = false
	fr.c.add(planner.Diagnostic{Code: code, Location: fr.loc, ID: fr.id, Property: prop, Message: fmt.Sprintf(format, args...)})
}

// parcelFromFeature converts one feature; ok is false when it has an error.
func parcelFromFeature(f geo.Feature, c *collector) (planner.Parcel, bool) {
	fr := &featureReader{loc: fmt.Sprintf("feature %d", f.Index+1), known: make(map[string]any), c: c, ok: true}
	var p planner.Parcel

	// Sort the keys so that diagnostics come in a fixed order.
	keys := make([]string, 0, len(f.Properties))
	for k := range f.Properties {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	given := make(map[string]string) // canonical name -> key as given
	var twice [][2]string            // canonical name, message
	for _, k := range keys {
		v := f.Properties[k]
		canon := strings.ToLower(strings.TrimSpace(k))
		if !isParcelProp(canon) {
			if p.Extra == nil {
				p.Extra = make(map[string]any)
			}
			p.Extra[k] = v
			continue
		}
		if prev, dup := given[canon]; dup {
			twice = append(twice, [2]string{canon, fmt.Sprintf("property given twice, as %q and %q", prev, k)})
			continue
		}
		given[canon] = k
		if v != nil {
			fr.known[canon] = v
		}
	}

	// id first, so that every later diagnostic names it.
	if v, ok := fr.known["id"]; ok {
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
	fr.id = p.ID
	for _, tw := range twice {
		fr.fail(tw[0], "parcel.property_duplicate", "%s", tw[1])
	}

	p.Zone = fr.str("zone")
	if v, ok := fr.known["land_use"]; ok {
		code, good := idString(v)
		if !good {
			fr.fail("land_use", "parcel.type", "land_use must be a string code, not %s", jsonType(v))
		} else if _, err := planner.ParseLandUse(strings.TrimSpace(code)); err != nil {
			fr.fail("land_use", "parcel.land_use_invalid", "%v", err)
		} else {
			p.LandUse = strings.TrimSpace(code)
		}
	} else {
		fr.fail("land_use", "parcel.value_missing", "the required land_use (planned use code) is missing")
	}
	if v, ok := fr.known["status"]; ok {
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

	if len(f.Geometry) > 0 {
		p.Geometry = geo.Orient(f.Geometry)
		p.AreaM2 = geo.EllipsoidArea(p.Geometry)
	}
	if !(p.AreaM2 > 0) {
		fr.fail("geometry", "parcel.geometry_empty", "the geometry has no area")
	}
	return p, fr.ok
}

func isParcelProp(name string) bool {
	for _, n := range parcelProps {
		if n == name {
			return true
		}
	}
	return false
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
	v, ok := fr.known[prop]
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
	v, ok := fr.known[prop]
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
	v, ok := fr.known[prop]
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
	v, ok := fr.known[prop]
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
