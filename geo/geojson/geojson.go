package geojson

import (
	"errors"
	"fmt"
	"io"

	"github.com/landplan/landplan/geo"
	"github.com/landplan/landplan/geo/crs"
	"github.com/landplan/landplan/geo/valid"
	"github.com/paulmach/orb"
)

// Problem codes for the file, the collection and features, stable for
// machine use (geometry codes are with NormalizeGeometry).
const (
	CodeEmptyFile           = "file.empty"
	CodeJSONSyntax          = "file.json_syntax"
	CodeTruncated           = "file.truncated"
	CodeNotCollection       = "collection.not_feature_collection"
	CodeNoFeatures          = "collection.no_features"
	CodeCRSMismatch         = "collection.crs_mismatch"
	CodeCRSUnsupported      = "collection.crs_unsupported"
	CodeNotFeature          = "feature.not_feature"
	CodePropertiesNotObject = "feature.properties_not_object"
	CodeNumberOutOfRange    = "property.number_out_of_range"
)

// ReadOptions control ReadFeatureCollection.
type ReadOptions struct {
	// File names the input in messages ("" for none).
	File string
	// CRS is the CRS of the coordinates; the zero value means
	// longitude/latitude. Projected coordinates are converted to
	// longitude/latitude.
	CRS crs.CRS
	// MaxProblems bounds the problems collected before reading stops;
	// 0 means 100.
	MaxProblems int
}

// ReadFeatureCollection reads an RFC 7946 GeoJSON FeatureCollection of
// Polygon and MultiPolygon features, streaming, and returns the features
// with their geometry as lon/lat MultiPolygons in RFC 7946 winding (see
// NormalizeGeometry for what is checked). A legacy "crs" member naming a
// supported CRS is honoured when opt.CRS is not set and reported when it
// contradicts opt.CRS.
//
// When the input has problems it returns an *InputError listing every
// problem found, up to opt.MaxProblems, each with the feature's index and
// id, the property at fault and a stable code. JSON syntax errors and
// truncation stop reading and say where (line, column and byte offset).
// Errors from r itself are returned wrapped, not as an *InputError.
func ReadFeatureCollection(r io.Reader, opt ReadOptions) ([]geo.Feature, error) {
	var fs []geo.Feature
	err := scanFeatureCollection(r, opt, false, func(f geo.Feature) error {
		if f.GeometryInvalid {
			return nil
		}
		fs = append(fs, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return fs, nil
}

// ScanFeatureCollection reads a FeatureCollection as ReadFeatureCollection
// does and hands each feature to fn, in input order, as soon as it has
// been read and checked, rather than collecting them: the caller can
// convert features while the rest of the input is read. The JSON is
// scanned on a goroutine of its own while geometries are checked and fn
// is called on the caller's goroutine.
//
// fn is called for every feature whose properties were read as an
// object, also after problems have been found, so that the caller can
// check the properties of every feature and report its own problems with
// the reader's. A feature whose only problems are with its geometry is
// handed on with GeometryInvalid set and Geometry nil; its geometry
// problems are in the error returned. A feature with other problems (not
// a Feature object, properties not an object, a number out of range) is
// not handed on. Once reading stops at a JSON syntax error, truncation or
// the problem limit, fn is not called again. The Properties map of a
// feature is valid only until fn returns: it is cleared and reused for a
// later feature, so fn must copy what it keeps of it (the values
// themselves are not reused). The error returned is the one
// ReadFeatureCollection would return, or the first error fn returns,
// which stops reading; features handed to fn are a valid result only when
// the error is nil.
func ScanFeatureCollection(r io.Reader, opt ReadOptions, fn func(geo.Feature) error) error {
	return scanFeatureCollection(r, opt, true, fn)
}

// scanFeatureCollection is ScanFeatureCollection, reusing the property
// maps only when reuse is set.
func scanFeatureCollection(r io.Reader, opt ReadOptions, reuse bool, fn func(geo.Feature) error) error {
	max := opt.MaxProblems
	if max <= 0 {
		max = 100
	}
	rd := &fcReader{sc: newScanner(r), opt: opt, crs: opt.CRS, current: -1,
		events: make(chan *eventBatch, 4), free: make(chan *eventBatch, 6), quit: make(chan struct{})}
	done := make(chan struct{})
	go func() {
		defer close(done)
		rd.produce()
	}()
	c := &fcChecker{max: max, fn: fn, reuse: reuse}
	end := c.consume(rd.events, rd.free)
	close(rd.quit)
	for range rd.events {
		// Let the reader see quit and stop.
	}
	<-done

	err := end.err
	switch {
	case c.fnErr != nil:
		return c.fnErr
	case c.stopped:
		err = errFull
	}
	var re *readError
	if errors.As(err, &re) {
		name := opt.File
		if name == "" {
			name = "input"
		}
		return fmt.Errorf("read %s: %w", name, re.err)
	}
	var se *syntaxError
	if errors.As(err, &se) {
		code := CodeJSONSyntax
		if se.truncated {
			code = CodeTruncated
		}
		c.full = false // a syntax error is always listed
		c.add(geo.Problem{Feature: end.current, Code: code, Message: se.Error()})
	}
	if err == nil && len(end.head) > 0 {
		c.problems = append(end.head, c.problems...)
	}
	if len(c.problems) > 0 {
		return &geo.InputError{File: opt.File, Problems: c.problems, Truncated: err == errFull}
	}
	return nil
}

// errFull stops reading when MaxProblems problems have been found.
var errFull = errors.New("too many problems")

// errQuit stops the reader when the checker no longer needs its events.
var errQuit = errors.New("reading stopped")

// Kinds of scanEvent.
const (
	evProblem = iota // a problem found while scanning
	evFeature        // a feature read, to be checked
	evCheck          // a point where reading stops once the problems are full
	evEnd            // the end of reading
)

// scanEvent is one thing the reader tells the checker, in input order.
type scanEvent struct {
	kind    int
	problem geo.Problem
	feature pendingFeature
	end     scanEnd
}

// pendingFeature is a feature as read, before its geometry is checked.
type pendingFeature struct {
	index int
	id    string
	props map[string]any
	// problems are those found while reading the feature, in the order
	// they are reported, before any geometry problems.
	problems []geo.Problem
	// onlyGeometry is set when problems are all about the geometry, so
	// that the feature is still handed on for its properties.
	onlyGeometry bool
	// check is set when mp is to be checked and normalised in crs.
	check bool
	mp    orb.MultiPolygon
	crs   crs.CRS
}

// scanEnd is how reading ended: the reader's error, the index of the
// feature being read then, and the top-level problems that go first.
type scanEnd struct {
	err     error
	current int
	head    []geo.Problem
}

// eventBatch carries events from the reader to the checker, a few
// hundred at a time so that the hand-over costs little, and, on the way
// back, property maps cleared for reuse.
type eventBatch struct {
	events []scanEvent
	maps   []map[string]any
}

// eventBatchSize is the number of events in a full batch.
const eventBatchSize = 256

// fcChecker checks the features the reader hands over and collects the
// problems, in input order, up to max.
type fcChecker struct {
	max      int
	problems []geo.Problem
	full     bool
	stopped  bool // stopped at a check point with the problems full
	fn       func(geo.Feature) error
	fnErr    error
	v        valid.Validator
	reuse    bool // hand the property maps back for reuse
}

func (c *fcChecker) add(p geo.Problem) {
	if c.full {
		return
	}
	c.problems = append(c.problems, p)
	if len(c.problems) >= c.max {
		c.full = true
	}
}

// consume handles the events until the end of reading, the problems
// being full at a check point or fn failing, and returns how reading
// ended (the zero scanEnd when it stopped first). It recycles the batches
// into free.
func (c *fcChecker) consume(events <-chan *eventBatch, free chan<- *eventBatch) scanEnd {
	for b := range events {
		for i := range b.events {
			ev := &b.events[i]
			switch ev.kind {
			case evProblem:
				c.add(ev.problem)
			case evFeature:
				c.feature(&ev.feature)
				if c.fnErr != nil {
					return scanEnd{}
				}
			case evCheck:
				if c.full {
					c.stopped = true
					return scanEnd{}
				}
			case evEnd:
				return ev.end
			}
			if m := ev.feature.props; c.reuse && m != nil {
				clear(m)
				b.maps = append(b.maps, m)
			}
			*ev = scanEvent{} // drop references for the collector
		}
		b.events = b.events[:0]
		select {
		case free <- b:
		default:
		}
	}
	return scanEnd{err: errQuit}
}

// feature checks the geometry of a feature read, reports its problems and
// hands it to fn unless it has problems other than with its geometry.
func (c *fcChecker) feature(f *pendingFeature) {
	if len(f.problems) > 0 && !f.onlyGeometry {
		for _, p := range f.problems {
			p.Feature, p.ID = f.index, f.id
			c.add(p)
		}
		return
	}
	out := f.problems
	var mp orb.MultiPolygon
	if f.check {
		var gp []geo.Problem
		mp, gp = c.v.Normalize(f.mp, f.crs)
		out = append(out, gp...)
	}
	for _, p := range out {
		p.Feature, p.ID = f.index, f.id
		c.add(p)
	}
	if len(out) > 0 {
		c.fnErr = c.fn(geo.Feature{Index: f.index, ID: f.id, Properties: f.props, GeometryInvalid: true})
		return
	}
	c.fnErr = c.fn(geo.Feature{Index: f.index, ID: f.id, Properties: f.props, Geometry: mp})
}

// fcReader reads one FeatureCollection and hands what it finds to an
// fcChecker as events.
type fcReader struct {
	sc      *scanner
	opt     ReadOptions
	crs     crs.CRS
	current int // index of the feature being read, -1 outside features
	seen    bool

	events chan *eventBatch // to the checker; closed when reading ends
	free   chan *eventBatch // batches the checker is done with
	quit   chan struct{}    // closed when the checker needs no more
	batch  *eventBatch

	// Scratch for coordinates: positions, ring ends (indexes into pts)
	// and polygon ends (indexes into ringEnds).
	pts      []orb.Point
	ringEnds []int
	polyEnds []int
	// coordIssue is the first structural problem in the coordinates
	// being read.
	coordIssue string
	coordCode  string
	propHint   int
	head       []geo.Problem
	maps       []map[string]any // cleared property maps to reuse
}

// produce reads the input, sending events, and closes the event channel.
func (rd *fcReader) produce() {
	defer close(rd.events)
	err := rd.run()
	if err == errQuit {
		return
	}
	rd.emit(scanEvent{kind: evEnd, end: scanEnd{err: err, current: rd.current, head: rd.head}})
	rd.send()
}

// emit queues an event, sending the batch when it is full.
func (rd *fcReader) emit(ev scanEvent) {
	if rd.batch == nil {
		select {
		case rd.batch = <-rd.free:
			rd.maps = append(rd.maps, rd.batch.maps...)
			clear(rd.batch.maps)
			rd.batch.maps = rd.batch.maps[:0]
		default:
			rd.batch = &eventBatch{events: make([]scanEvent, 0, eventBatchSize)}
		}
	}
	rd.batch.events = append(rd.batch.events, ev)
	if len(rd.batch.events) == eventBatchSize {
		rd.send()
	}
}

// send hands the queued events to the checker.
func (rd *fcReader) send() {
	if rd.batch == nil {
		return
	}
	select {
	case rd.events <- rd.batch:
	case <-rd.quit:
	}
	rd.batch = nil
}

// add reports a problem to the checker.
func (rd *fcReader) add(p geo.Problem) { rd.emit(scanEvent{kind: evProblem, problem: p}) }

// checkpoint marks a point where the original reading stops once the
// problems are full, and returns errQuit once the checker has stopped.
func (rd *fcReader) checkpoint() error {
	rd.emit(scanEvent{kind: evCheck})
	select {
	case <-rd.quit:
		return errQuit
	default:
		return nil
	}
}

func (rd *fcReader) run() error {
	sc := rd.sc
	if err := sc.skipBOM(); err != nil {
		return err
	}
	c, ok, err := sc.ws()
	if err != nil {
		return err
	}
	if !ok {
		rd.add(geo.Problem{Feature: -1, Code: CodeEmptyFile, Message: "file is empty: want a GeoJSON FeatureCollection"})
		return nil
	}
	if c != '{' {
		return rd.topNotObject(c)
	}
	sc.pos++
	if err := sc.enter(); err != nil {
		return err
	}
	var top topMembers
	const where = "in the top-level object"
	more, err := sc.listStart('}', where)
	for more && err == nil {
		var k []byte
		if k, err = sc.keyBytes(); err != nil {
			return err
		}
		if err = rd.topMember(k, &top); err != nil {
			return err
		}
		if err = rd.checkpoint(); err != nil {
			return err
		}
		more, err = sc.listNext('}', where)
	}
	if err != nil {
		return err
	}
	sc.leave()
	if err := rd.expectEnd(); err != nil {
		return err
	}
	rd.head = top.problems()
	return nil
}

// topNotObject reports a top-level value c that is not an object, or
// fails when the file is not JSON at all.
func (rd *fcReader) topNotObject(c byte) error {
	sc := rd.sc
	kind := valueKind(c)
	if kind == "not a JSON value" {
		return sc.errUnexpected(c, "at the start: the file is not JSON")
	}
	if err := sc.skip(); err != nil {
		return err
	}
	if err := rd.expectEnd(); err != nil {
		return err
	}
	rd.add(geo.Problem{Feature: -1, Code: CodeNotCollection, Message: "top level is " + kind + ", not a FeatureCollection object"})
	return nil
}

// topMembers are what the top-level object's members said.
type topMembers struct {
	typ                    string
	haveType, haveFeatures bool
}

// topMember reads the value of the top-level member named k: the type,
// the features (read and emitted one by one), a declared CRS.
func (rd *fcReader) topMember(k []byte, top *topMembers) error {
	sc := rd.sc
	switch string(k) {
	case "type":
		top.haveType = true
		var err error
		top.typ, err = rd.typeName()
		return err
	case "features":
		c, err := sc.next("the features array")
		if err != nil {
			return err
		}
		if top.haveFeatures {
			rd.add(geo.Problem{Feature: -1, Property: "features", Code: CodeNotCollection, Message: `the "features" member appears twice`})
		}
		top.haveFeatures = true
		if c == '[' {
			return rd.readFeatures()
		}
		rd.add(geo.Problem{Feature: -1, Property: "features", Code: CodeNoFeatures, Message: `"features" is ` + valueKind(c) + ", not an array"})
		return sc.skip()
	case "crs":
		val, err := sc.value()
		if err != nil {
			return err
		}
		rd.declaredCRS(val)
		return nil
	default:
		return sc.skip()
	}
}

// problems are the problems of the top-level object as a whole.
func (top *topMembers) problems() []geo.Problem {
	var head []geo.Problem
	switch {
	case !top.haveType:
		head = append(head, geo.Problem{Feature: -1, Property: "type", Code: CodeNotCollection, Message: `top level has no "type" member: want a GeoJSON "FeatureCollection"`})
	case top.typ == "Feature":
		head = append(head, geo.Problem{Feature: -1, Property: "type", Code: CodeNotCollection, Message: `top level is a single Feature, not a FeatureCollection`})
	case top.typ != "FeatureCollection":
		head = append(head, geo.Problem{Feature: -1, Property: "type", Code: CodeNotCollection, Message: fmt.Sprintf(`top level is a %s, not a FeatureCollection`, top.typ)})
	case !top.haveFeatures:
		head = append(head, geo.Problem{Feature: -1, Property: "features", Code: CodeNoFeatures, Message: `FeatureCollection has no "features" array`})
	}
	return head
}

// typeName reads a "type" member's value, describing a non-string value
// by its kind.
func (rd *fcReader) typeName() (string, error) {
	c, err := rd.sc.next("a type name")
	if err != nil {
		return "", err
	}
	if c == '"' {
		return rd.sc.str()
	}
	return "type that is " + valueKind(c), rd.sc.skip()
}

// expectEnd checks that nothing but whitespace follows the top-level
// value.
func (rd *fcReader) expectEnd() error {
	c, ok, err := rd.sc.ws()
	if err != nil {
		return err
	}
	if ok {
		return rd.sc.errUnexpected(c, "after the end of the top-level value")
	}
	return nil
}

// declaredCRS handles a legacy "crs" member
// ({"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4545"}}).
func (rd *fcReader) declaredCRS(val any) {
	if val == nil {
		return
	}
	name, _ := func() (string, bool) {
		m, ok := val.(map[string]any)
		if !ok {
			return "", false
		}
		props, ok := m["properties"].(map[string]any)
		if !ok {
			return "", false
		}
		s, ok := props["name"].(string)
		return s, ok
	}()
	if name == "" {
		rd.add(geo.Problem{Feature: -1, Property: "crs", Code: CodeCRSUnsupported, Message: `the "crs" member does not name a CRS ({"type": "name", "properties": {"name": "EPSG:N"}})`})
		return
	}
	declared, err := crs.ParseCRS(name)
	if err != nil {
		rd.add(geo.Problem{Feature: -1, Property: "crs", Code: CodeCRSUnsupported, Message: fmt.Sprintf(`the file declares the CRS %q, which is not supported; convert the data to one of: %s`, name, crs.AcceptedList())})
		return
	}
	switch {
	case declared.Projected() == rd.opt.CRS.Projected() && (!declared.Projected() || declared == rd.opt.CRS):
		// Agrees (all lon/lat systems count as one).
	case rd.opt.CRS == crs.CRS{} && !rd.seen:
		rd.crs = declared
	default:
		given := rd.opt.CRS.String()
		if rd.opt.CRS == (crs.CRS{}) {
			given = "no CRS (lon/lat)"
		}
		rd.add(geo.Problem{Feature: -1, Property: "crs", Code: CodeCRSMismatch, Message: fmt.Sprintf(`the file declares %s in its "crs" member but %s was given; name the CRS the coordinates are in, e.g. --crs %s`, declared, given, declared)})
	}
}

func (rd *fcReader) readFeatures() error {
	sc := rd.sc
	sc.pos++ // '['
	if err := sc.enter(); err != nil {
		return err
	}
	rd.seen = true
	const where = "in the features array"
	more, err := sc.listStart(']', where)
	idx := 0
	for more && err == nil {
		rd.current = idx
		if err = rd.readFeature(idx); err != nil {
			return err
		}
		if err := rd.checkpoint(); err != nil {
			return err
		}
		idx++
		more, err = sc.listNext(']', where)
	}
	if err != nil {
		return err
	}
	rd.current = -1
	sc.leave()
	return nil
}

// geometry states of a feature.
const (
	geomAbsent = iota
	geomNull
	geomObject
)

// featureMembers are the members of one feature object as read.
type featureMembers struct {
	typ, topID, propID  string
	haveType, hasPropID bool
	props               map[string]any
	local               []geo.Problem
	geom                int // geomAbsent, geomNull or geomObject
	g                   parsedGeometry
}

// readFeature reads feature idx and emits it with its problems; a value
// that is not an object is skipped with a problem.
func (rd *fcReader) readFeature(idx int) error {
	sc := rd.sc
	c, err := sc.next("a feature")
	if err != nil {
		return err
	}
	if c != '{' {
		kind := valueKind(c)
		if err := sc.skip(); err != nil {
			return err
		}
		rd.add(geo.Problem{Feature: idx, Code: CodeNotFeature, Message: "is " + kind + ", not a Feature object"})
		return nil
	}
	sc.pos++
	if err := sc.enter(); err != nil {
		return err
	}
	var m featureMembers
	const where = "in a feature object"
	more, err := sc.listStart('}', where)
	for more && err == nil {
		var k []byte
		if k, err = sc.keyBytes(); err != nil {
			return err
		}
		if err = rd.featureMember(k, &m); err != nil {
			return err
		}
		more, err = sc.listNext('}', where)
	}
	if err != nil {
		return err
	}
	sc.leave()
	rd.emit(scanEvent{kind: evFeature, feature: m.pending(idx, rd.crs)})
	return nil
}

// featureMember reads the value of the feature member named k into m.
func (rd *fcReader) featureMember(k []byte, m *featureMembers) error {
	var err error
	switch string(k) {
	case "type":
		m.haveType = true
		m.typ, err = rd.typeName()
	case "id":
		err = rd.featureID(m)
	case "properties":
		err = rd.featureProperties(m)
	case "geometry":
		err = rd.featureGeometry(m)
	default:
		err = rd.sc.skip()
	}
	return err
}

// featureID reads a feature's top-level "id": a string or the text of a
// number; other values are skipped.
func (rd *fcReader) featureID(m *featureMembers) error {
	sc := rd.sc
	c, err := sc.next("an id")
	if err != nil {
		return err
	}
	switch {
	case c == '"':
		m.topID, err = sc.str()
		return err
	case c == '-' || '0' <= c && c <= '9':
		_, raw, err := sc.number()
		if err != nil {
			return err
		}
		m.topID = string(raw)
		sc.overflow = false
		return nil
	default:
		return sc.skip()
	}
}

// featureProperties reads a feature's "properties": an object, null, or
// anything else as a problem.
func (rd *fcReader) featureProperties(m *featureMembers) error {
	sc := rd.sc
	c, err := sc.next("properties")
	if err != nil {
		return err
	}
	switch c {
	case '{':
		m.props, m.propID, m.hasPropID, err = rd.readProperties(&m.local)
		return err
	case 'n':
		m.props = nil
		_, err := sc.literal()
		return err
	default:
		m.local = append(m.local, geo.Problem{Property: "properties", Code: CodePropertiesNotObject, Message: "properties is " + valueKind(c) + ", not an object"})
		return sc.skip()
	}
}

// featureGeometry reads a feature's "geometry": an object, null, or
// anything else as a problem.
func (rd *fcReader) featureGeometry(m *featureMembers) error {
	sc := rd.sc
	c, err := sc.next("a geometry")
	if err != nil {
		return err
	}
	switch c {
	case '{':
		m.geom = geomObject
		m.g, err = rd.readGeometry()
		return err
	case 'n':
		m.geom = geomNull
		_, err := sc.literal()
		return err
	default:
		m.geom = geomObject
		m.g = parsedGeometry{problem: geomProblem(valid.CodeGeometryNotObject, "geometry is "+valueKind(c)+", not a geometry object")}
		return sc.skip()
	}
}

// pending turns the members of feature idx into the feature handed to
// the checker, with the problems found in the feature object itself.
func (m *featureMembers) pending(idx int, c crs.CRS) pendingFeature {
	id := m.topID
	if m.hasPropID {
		id = m.propID
	}
	var out []geo.Problem
	switch {
	case !m.haveType:
		out = append(out, geo.Problem{Property: "type", Code: CodeNotFeature, Message: `has no "type" member; want "Feature"`})
	case isGeometryType(m.typ):
		out = append(out, geo.Problem{Property: "type", Code: CodeNotFeature, Message: fmt.Sprintf(`is a bare %s geometry, not a Feature; wrap it as {"type": "Feature", "properties": {...}, "geometry": ...}`, m.typ)})
	case m.typ != "Feature":
		out = append(out, geo.Problem{Property: "type", Code: CodeNotFeature, Message: fmt.Sprintf(`has type %q; want "Feature"`, m.typ)})
	}
	out = append(out, m.local...)
	f := pendingFeature{index: idx, id: id, props: m.props, onlyGeometry: len(out) == 0}
	switch {
	case m.haveType && isGeometryType(m.typ):
		// A bare geometry: the type problem says it all.
	case m.geom == geomAbsent:
		out = append(out, geomProblem(valid.CodeGeometryMissing, "feature has no geometry"))
	case m.geom == geomNull:
		out = append(out, geomProblem(valid.CodeGeometryMissing, "geometry is null"))
	default:
		if m.g.problem.Code != "" {
			out = append(out, m.g.problem)
		} else {
			f.check, f.mp, f.crs = true, m.g.mp, c
		}
	}
	f.problems = out
	return f
}

func isGeometryType(t string) bool {
	switch t {
	case "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection":
		return true
	}
	return false
}

// readProperties reads a properties object whose '{' is next. A numeric
// "id" keeps its text as written for the feature's ID.
func (rd *fcReader) readProperties(local *[]geo.Problem) (m map[string]any, id string, hasID bool, err error) {
	sc := rd.sc
	sc.pos++
	if err := sc.enter(); err != nil {
		return nil, "", false, err
	}
	if n := len(rd.maps); n > 0 {
		m = rd.maps[n-1]
		rd.maps = rd.maps[:n-1]
	} else {
		m = make(map[string]any, rd.propHint)
	}
	const where = "in properties"
	more, err := sc.listStart('}', where)
	for more && err == nil {
		var k string
		if k, err = sc.key(); err != nil {
			return nil, "", false, err
		}
		var v any
		if k == "id" {
			c, err := sc.next("a value")
			if err != nil {
				return nil, "", false, err
			}
			switch {
			case c == '"':
				s, err := sc.str()
				if err != nil {
					return nil, "", false, err
				}
				v, id, hasID = s, s, true
			case c == '-' || '0' <= c && c <= '9':
				f, raw, err := sc.number()
				if err != nil {
					return nil, "", false, err
				}
				v, id, hasID = f, string(raw), true
			default:
				if v, err = sc.value(); err != nil {
					return nil, "", false, err
				}
			}
		} else if v, err = sc.value(); err != nil {
			return nil, "", false, err
		}
		if sc.overflow {
			*local = append(*local, geo.Problem{Property: k, Code: CodeNumberOutOfRange, Message: fmt.Sprintf("number %s is beyond the range of a 64-bit float", sc.overflowRaw)})
			sc.overflow = false
		}
		m[k] = v
		more, err = sc.listNext('}', where)
	}
	if err != nil {
		return nil, "", false, err
	}
	sc.leave()
	rd.propHint = len(m)
	return m, id, hasID, nil
}

// parsedGeometry is a feature's geometry as read, before normalisation,
// or the problem that prevented reading it.
type parsedGeometry struct {
	mp      orb.MultiPolygon
	problem geo.Problem
}

// readGeometry reads a geometry object whose '{' is next.
func (rd *fcReader) readGeometry() (parsedGeometry, error) {
	sc := rd.sc
	sc.pos++
	if err := sc.enter(); err != nil {
		return parsedGeometry{}, err
	}
	var m geometryMembers
	const where = "in a geometry object"
	more, err := sc.listStart('}', where)
	for more && err == nil {
		var k []byte
		if k, err = sc.keyBytes(); err != nil {
			return parsedGeometry{}, err
		}
		if err = rd.geometryMember(k, &m); err != nil {
			return parsedGeometry{}, err
		}
		more, err = sc.listNext('}', where)
	}
	if err != nil {
		return parsedGeometry{}, err
	}
	sc.leave()
	return rd.finishGeometry(&m)
}

// geometryMembers are the members of one geometry object as read.
type geometryMembers struct {
	typ                  string
	haveType, haveCoords bool
	// raw holds the coordinates' text when they came before the type.
	raw    []byte
	parsed bool
	g      parsedGeometry
}

// geometryMember reads the value of the geometry member named k into m:
// coordinates are parsed at once when the type is known to be a polygon
// type, skipped for another type, and captured when no type came yet.
func (rd *fcReader) geometryMember(k []byte, m *geometryMembers) error {
	sc := rd.sc
	var err error
	switch string(k) {
	case "type":
		m.haveType = true
		m.typ, err = rd.typeName()
	case "coordinates":
		m.haveCoords = true
		switch {
		case m.haveType && (m.typ == "Polygon" || m.typ == "MultiPolygon"):
			m.g.mp, m.g.problem, err = rd.coordinates(sc, m.typ)
			m.parsed = true
		case m.haveType:
			err = sc.skip()
		default:
			m.raw, err = sc.captureValue()
		}
	default:
		err = sc.skip()
	}
	return err
}

// finishGeometry gives the geometry m describes, or its problem.
func (rd *fcReader) finishGeometry(m *geometryMembers) (parsedGeometry, error) {
	switch {
	case !m.haveType:
		return parsedGeometry{problem: geomProblem(valid.CodeGeometryWrongType, `geometry has no "type" member`)}, nil
	case m.typ != "Polygon" && m.typ != "MultiPolygon":
		return parsedGeometry{problem: geomProblem(valid.CodeGeometryWrongType, fmt.Sprintf("geometry is a %s; want Polygon or MultiPolygon", m.typ))}, nil
	case !m.haveCoords:
		return parsedGeometry{problem: geomProblem(valid.CodeGeometryNoCoordinates, fmt.Sprintf(`%s geometry has no "coordinates" member`, m.typ))}, nil
	case !m.parsed:
		// "coordinates" came before "type": parse the captured text.
		var err error
		m.g.mp, m.g.problem, err = rd.coordinates(newBytesScanner(m.raw, rd.sc), m.typ)
		if err != nil {
			return parsedGeometry{}, err
		}
	}
	return m.g, nil
}

// coordinates reads the coordinates of a Polygon or MultiPolygon into a
// MultiPolygon whose points share one allocation.
func (rd *fcReader) coordinates(sc *scanner, typ string) (orb.MultiPolygon, geo.Problem, error) {
	rd.pts, rd.ringEnds, rd.polyEnds = rd.pts[:0], rd.ringEnds[:0], rd.polyEnds[:0]
	rd.coordIssue, rd.coordCode = "", ""
	level := 3
	if typ == "MultiPolygon" {
		level = 4
	}
	if err := rd.coordLevel(sc, level, typ); err != nil {
		return nil, geo.Problem{}, err
	}
	if rd.coordIssue != "" {
		return nil, geomProblem(rd.coordCode, rd.coordIssue), nil
	}
	pts := make([]orb.Point, len(rd.pts))
	copy(pts, rd.pts)
	rings := make([]orb.Ring, len(rd.ringEnds))
	start := 0
	for i, e := range rd.ringEnds {
		rings[i] = pts[start:e:e]
		start = e
	}
	if level == 3 {
		return orb.MultiPolygon{orb.Polygon(rings)}, geo.Problem{}, nil
	}
	mp := make(orb.MultiPolygon, len(rd.polyEnds))
	start = 0
	for i, e := range rd.polyEnds {
		mp[i] = orb.Polygon(rings[start:e:e])
		start = e
	}
	return mp, geo.Problem{}, nil
}

// levelNames say what each nesting level of coordinates holds.
var levelNames = [...]string{1: "a position [x, y]", 2: "a ring (an array of positions)", 3: "a polygon (an array of rings)", 4: "an array of polygons"}

func (rd *fcReader) badCoords(typ string, level int, found string) {
	if rd.coordIssue != "" {
		return
	}
	rd.coordCode = valid.CodeGeometryBadNesting
	rd.coordIssue = fmt.Sprintf("coordinates of a %s are not nested as GeoJSON requires: found %s where %s belongs", typ, found, levelNames[level])
}

// coordLevel reads one nesting level of coordinates: 4 an array of
// polygons, 3 an array of rings, 2 an array of positions, 1 a position.
func (rd *fcReader) coordLevel(sc *scanner, level int, typ string) error {
	c, err := sc.next(levelNames[level])
	if err != nil {
		return err
	}
	if c != '[' {
		rd.badCoords(typ, level, valueKind(c))
		return sc.skip()
	}
	sc.pos++
	if err := sc.enter(); err != nil {
		return err
	}
	if level == 1 {
		if err := rd.position(sc, typ); err != nil {
			return err
		}
		sc.leave()
		return nil
	}
	more, err := sc.listStart(']', "in coordinates")
	for more && err == nil {
		if err = rd.coordLevel(sc, level-1, typ); err != nil {
			return err
		}
		more, err = sc.listNext(']', "in coordinates")
	}
	if err != nil {
		return err
	}
	sc.leave()
	switch level {
	case 2:
		rd.ringEnds = append(rd.ringEnds, len(rd.pts))
	case 3:
		rd.polyEnds = append(rd.polyEnds, len(rd.ringEnds))
	}
	return nil
}

// position reads the numbers of a position after its '['.
func (rd *fcReader) position(sc *scanner, typ string) error {
	var p orb.Point
	n := 0
	more, err := sc.listStart(']', "in a position")
	for more && err == nil {
		var c byte
		if c, err = sc.next("a number"); err != nil {
			return err
		}
		if c == '-' || '0' <= c && c <= '9' {
			v, _, err := sc.number()
			if err != nil {
				return err
			}
			if sc.overflow {
				if rd.coordIssue == "" {
					rd.coordCode = valid.CodeNotFinite
					rd.coordIssue = fmt.Sprintf("coordinate %s is not a finite number", sc.overflowRaw)
				}
				sc.overflow = false
			}
			if n < 2 {
				p[n] = v
			}
			n++
		} else {
			if c == '[' {
				rd.badCoords(typ, 1, "an array")
			} else if rd.coordIssue == "" {
				rd.coordCode = valid.CodeGeometryBadNesting
				rd.coordIssue = fmt.Sprintf("a position of a %s holds %s; positions are arrays of numbers [x, y]", typ, valueKind(c))
			}
			if err := sc.skip(); err != nil {
				return err
			}
		}
		more, err = sc.listNext(']', "in a position")
	}
	if err != nil {
		return err
	}
	if n < 2 && rd.coordIssue == "" {
		rd.coordCode = valid.CodeGeometryBadNesting
		rd.coordIssue = fmt.Sprintf("a position of a %s has %d number(s); want [x, y]", typ, n)
	}
	rd.pts = append(rd.pts, p)
	return nil
}

// geomProblem is a problem with a feature's geometry.
func geomProblem(code, msg string) geo.Problem {
	return geo.Problem{Property: "geometry", Code: code, Message: msg}
}
