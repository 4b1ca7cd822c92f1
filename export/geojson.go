package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/paulmach/orb"

	"github.com/landplan/landplan/geo/crs"
	"github.com/landplan/landplan/geo/valid"
)

// Coordinate precision of GeoJSON output: 7 decimals of a degree is about
// 1 cm on the ground, 3 decimals of a metre 1 mm.
const (
	DegreeDecimals = 7
	MetreDecimals  = 3
)

// WriteGeoJSON writes the layers as one FeatureCollection: the features of
// each layer in turn (parcels first, so that lots draw over them), each
// with a "layer" property naming its layer and the layer's fields as
// properties (null for no value).
//
// With the zero CRS (or EPSG:4326/4490) the output is RFC 7946: lon/lat
// with DegreeDecimals decimals, exterior rings counter-clockwise and holes
// clockwise, no crs member. With a projected crs (EPSG:4545 or 4546) the
// coordinates are Gauss-Krüger easting and northing in metres with
// MetreDecimals decimals and the collection carries the legacy GeoJSON
// 2008 "crs" member (urn:ogc:def:crs:EPSG::N) that GDAL and QGIS read;
// such a file is not RFC 7946, which allows only lon/lat.
func WriteGeoJSON(w io.Writer, layers []Layer, crs crs.CRS) error {
	if crs.EPSG != 0 && crs.EPSG != 4326 && crs.EPSG != 4490 && !crs.Projected() {
		return fmt.Errorf("export: GeoJSON in %s: want lon/lat or EPSG:4545, 4546, 4524, 4525", crs)
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString(`{"type":"FeatureCollection",`)
	decimals := DegreeDecimals
	if crs.Projected() {
		decimals = MetreDecimals
		fmt.Fprintf(bw, `"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::%d"}},`, crs.EPSG)
	}
	bw.WriteString("\"features\":[")
	first := true
	var num []byte
	for li := range layers {
		l := &layers[li]
		names := make([][]byte, len(l.Fields))
		for i, f := range l.Fields {
			names[i], _ = json.Marshal(f.Name)
		}
		layerName, _ := json.Marshal(l.Name)
		for _, f := range l.Features {
			if !first {
				bw.WriteByte(',')
			}
			first = false
			bw.WriteString("\n{\"type\":\"Feature\",\"properties\":{\"layer\":")
			bw.Write(layerName)
			for i, v := range f.Values {
				bw.WriteByte(',')
				bw.Write(names[i])
				bw.WriteByte(':')
				if err := writeJSONValue(bw, v); err != nil {
					return fmt.Errorf("export: GeoJSON layer %s field %s: %w", l.Name, l.Fields[i].Name, err)
				}
			}
			bw.WriteString("},\"geometry\":")
			num = writeGeometry(bw, f.Geometry, crs, decimals, num)
			bw.WriteByte('}')
		}
	}
	bw.WriteString("\n]}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: writing GeoJSON: %w", err)
	}
	return nil
}

func writeJSONValue(w *bufio.Writer, v any) error {
	switch x := v.(type) {
	case nil:
		w.WriteString("null")
	case string:
		b, _ := json.Marshal(x)
		w.Write(b)
	case int64:
		w.WriteString(strconv.FormatInt(x, 10))
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			w.WriteString("null")
			return nil
		}
		w.WriteString(strconv.FormatFloat(x, 'f', -1, 64))
	case bool:
		w.WriteString(strconv.FormatBool(x))
	default:
		return fmt.Errorf("value of type %T", v)
	}
	return nil
}

// writeGeometry writes mp as a MultiPolygon in crs with RFC 7946 winding
// (computed after projection, which keeps orientation); a nil or empty
// geometry is written as null.
func writeGeometry(w *bufio.Writer, mp orb.MultiPolygon, crs crs.CRS, decimals int, num []byte) []byte {
	if len(mp) == 0 {
		w.WriteString("null")
		return num
	}
	out := project(mp, crs)
	valid.Orient(out)
	w.WriteString(`{"type":"MultiPolygon","coordinates":[`)
	for i, poly := range out {
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteByte('[')
		for j, ring := range poly {
			if j > 0 {
				w.WriteByte(',')
			}
			w.WriteByte('[')
			for k, p := range ring {
				if k > 0 {
					w.WriteByte(',')
				}
				w.WriteByte('[')
				num = strconv.AppendFloat(num[:0], p[0], 'f', decimals, 64)
				w.Write(trimZeros(num))
				w.WriteByte(',')
				num = strconv.AppendFloat(num[:0], p[1], 'f', decimals, 64)
				w.Write(trimZeros(num))
				w.WriteByte(']')
			}
			w.WriteByte(']')
		}
		w.WriteByte(']')
	}
	w.WriteString("]}")
	return num
}

// trimZeros drops trailing zeros after a decimal point, and the point
// when nothing is left after it.
func trimZeros(b []byte) []byte {
	dot := -1
	for i, c := range b {
		if c == '.' {
			dot = i
			break
		}
	}
	if dot < 0 {
		return b
	}
	n := len(b)
	for n > dot+1 && b[n-1] == '0' {
		n--
	}
	if n == dot+1 {
		n = dot
	}
	return b[:n]
}
