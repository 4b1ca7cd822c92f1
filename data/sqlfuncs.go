package data

import (
	"fmt"

	sqlite3 "github.com/mattn/go-sqlite3"
	"github.com/paulmach/orb"

	"github.com/landplan/landplan/geo/gpkgwkb"
)

// registerFunctions registers on a new connection the SQL functions that
// the GeoPackage R-tree spatial index triggers call (OGC 12-128r18
// §F.3): ST_IsEmpty, ST_MinX, ST_MaxX, ST_MinY and ST_MaxY. Each takes a
// GeoPackage geometry blob and reads only its header, unless the blob has
// no envelope, when the geometry is decoded to find its bounds.
func registerFunctions(conn *sqlite3.SQLiteConn) error {
	funcs := []struct {
		name string
		impl any
	}{
		{"ST_IsEmpty", stIsEmpty},
		{"ST_MinX", func(v any) (any, error) { return envelopeValue(v, 0) }},
		{"ST_MaxX", func(v any) (any, error) { return envelopeValue(v, 1) }},
		{"ST_MinY", func(v any) (any, error) { return envelopeValue(v, 2) }},
		{"ST_MaxY", func(v any) (any, error) { return envelopeValue(v, 3) }},
	}
	for _, f := range funcs {
		if err := conn.RegisterFunc(f.name, f.impl, true); err != nil {
			return fmt.Errorf("register SQL function %s: %w", f.name, err)
		}
	}
	return nil
}

// geometryBlob returns the bytes of a geometry argument, or nil for NULL.
func geometryBlob(v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case []byte:
		return v, nil
	}
	return nil, fmt.Errorf("geometry argument is a %T, not a GeoPackage geometry blob", v)
}

// blobEnvelope returns the envelope of a geometry blob, and whether the
// geometry is empty. It reads the header's envelope when there is one and
// decodes the geometry only when there is none.
func blobEnvelope(b []byte) (orb.Bound, bool, error) {
	h, err := gpkgwkb.ParseGPKGHeader(b)
	if err != nil {
		return orb.Bound{}, false, err
	}
	if h.Empty {
		return orb.Bound{}, true, nil
	}
	if h.HasEnv {
		return h.Envelope, false, nil
	}
	g, _, err := gpkgwkb.DecodeGPKG(b)
	if err != nil {
		return orb.Bound{}, false, err
	}
	if emptyGeometry(g) {
		return orb.Bound{}, true, nil
	}
	return g.Bound(), false, nil
}

// emptyGeometry reports whether g has no points.
func emptyGeometry(g orb.Geometry) bool {
	return g == nil || g.Bound().IsEmpty()
}

// stIsEmpty implements ST_IsEmpty: 1 for an empty geometry, 0 for a
// non-empty one, NULL for NULL.
func stIsEmpty(v any) (any, error) {
	b, err := geometryBlob(v)
	if err != nil || b == nil {
		return nil, err
	}
	_, empty, err := blobEnvelope(b)
	if err != nil {
		return nil, fmt.Errorf("ST_IsEmpty: %w", err)
	}
	if empty {
		return int64(1), nil
	}
	return int64(0), nil
}

// envelopeValue returns minx (0), maxx (1), miny (2) or maxy (3) of a
// geometry blob, or NULL for NULL or an empty geometry.
func envelopeValue(v any, which int) (any, error) {
	b, err := geometryBlob(v)
	if err != nil || b == nil {
		return nil, err
	}
	env, empty, err := blobEnvelope(b)
	if err != nil {
		return nil, fmt.Errorf("geometry envelope: %w", err)
	}
	if empty {
		return nil, nil
	}
	switch which {
	case 0:
		return env.Min[0], nil
	case 1:
		return env.Max[0], nil
	case 2:
		return env.Min[1], nil
	default:
		return env.Max[1], nil
	}
}
