package gpkgwkb

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

// GeoPackage geometry blob layout (OGC 12-128r18 §2.1.3): magic "GP",
// version 0, flags, int32 srs_id, envelope, then standard WKB.
const (
	gpkgFlagLittleEndian = 0x01
	gpkgEnvelopeXY       = 0x01 << 1
	gpkgFlagEmpty        = 0x01 << 4
)

// EncodeGPKG encodes g as a GeoPackage geometry blob, little-endian, with
// an xy envelope (or the empty flag and no envelope for an empty geometry).
func EncodeGPKG(g orb.Geometry, srsID int32) ([]byte, error) {
	body, err := wkb.Marshal(g, binary.LittleEndian)
	if err != nil {
		return nil, fmt.Errorf("encode geometry: %w", err)
	}
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	empty := isEmpty(g)
	if !empty {
		b = g.Bound()
	}
	size := 8 + len(body)
	if !empty {
		size += 32
	}
	out := make([]byte, 0, size)
	out = append(out, 'G', 'P', 0)
	flags := byte(gpkgFlagLittleEndian)
	if empty {
		flags |= gpkgFlagEmpty
	} else {
		flags |= gpkgEnvelopeXY
	}
	out = append(out, flags)
	out = binary.LittleEndian.AppendUint32(out, uint32(srsID))
	if !empty {
		for _, v := range []float64{b.Min[0], b.Max[0], b.Min[1], b.Max[1]} {
			out = binary.LittleEndian.AppendUint64(out, math.Float64bits(v))
		}
	}
	return append(out, body...), nil
}

// GPKGHeader is the parsed header of a GeoPackage geometry blob.
type GPKGHeader struct {
	SRSID int32
	Empty bool
	// Envelope is the stored envelope; ok is false when none is stored.
	Envelope orb.Bound
	HasEnv   bool
	// Size is the header length in bytes: the WKB starts there.
	Size int
}

var errNotGPKG = errors.New("not a GeoPackage geometry blob")

// ParseGPKGHeader parses the header of a GeoPackage geometry blob.
func ParseGPKGHeader(b []byte) (GPKGHeader, error) {
	if len(b) < 8 || b[0] != 'G' || b[1] != 'P' {
		return GPKGHeader{}, errNotGPKG
	}
	if b[2] != 0 {
		return GPKGHeader{}, fmt.Errorf("GeoPackage geometry blob version %d not supported", b[2])
	}
	flags := b[3]
	var order binary.ByteOrder = binary.BigEndian
	if flags&gpkgFlagLittleEndian != 0 {
		order = binary.LittleEndian
	}
	h := GPKGHeader{SRSID: int32(order.Uint32(b[4:8])), Empty: flags&gpkgFlagEmpty != 0}
	var n int
	switch (flags >> 1) & 0x07 {
	case 0:
		n = 0
	case 1:
		n = 4
	case 2, 3:
		n = 6
	case 4:
		n = 8
	default:
		return GPKGHeader{}, fmt.Errorf("invalid GeoPackage envelope code %d", (flags>>1)&0x07)
	}
	h.Size = 8 + 8*n
	if len(b) < h.Size {
		return GPKGHeader{}, errors.New("GeoPackage geometry blob truncated in its envelope")
	}
	if n > 0 {
		f := func(i int) float64 { return math.Float64frombits(order.Uint64(b[8+8*i:])) }
		h.Envelope = orb.Bound{Min: orb.Point{f(0), f(2)}, Max: orb.Point{f(1), f(3)}}
		h.HasEnv = true
	}
	return h, nil
}

// DecodeGPKG decodes a GeoPackage geometry blob into a geometry and its
// srs_id.
func DecodeGPKG(b []byte) (orb.Geometry, int32, error) {
	h, err := ParseGPKGHeader(b)
	if err != nil {
		return nil, 0, err
	}
	g, err := wkb.Unmarshal(b[h.Size:])
	if err != nil {
		return nil, h.SRSID, fmt.Errorf("decode GeoPackage geometry WKB: %w", err)
	}
	return g, h.SRSID, nil
}

func isEmpty(g orb.Geometry) bool {
	switch g := g.(type) {
	case nil:
		return true
	case orb.MultiPolygon:
		return len(g) == 0
	case orb.Polygon:
		return len(g) == 0
	case orb.LineString:
		return len(g) == 0
	case orb.MultiPoint:
		return len(g) == 0
	case orb.MultiLineString:
		return len(g) == 0
	case orb.Collection:
		return len(g) == 0
	}
	return false
}
