package geojson

import (
	"bytes"
	"fmt"
	"math"
	"testing"
)

// syntheticCollection builds a FeatureCollection of n quadrilateral
// parcels around Liuzhou, each about 100 m across with 10 properties, as
// QGIS or ogr2ogr would write them (one feature per line).
func syntheticCollection(n int) []byte {
	var b bytes.Buffer
	b.WriteString("{\n\"type\": \"FeatureCollection\",\n\"name\": \"parcels\",\n\"features\": [\n")
	side := int(math.Ceil(math.Sqrt(float64(n))))
	const step = 0.0012 // degrees, about 120 m
	statuses := []string{"new", "idle", "inefficient", "occupied", "reserved"}
	uses := []string{"100101", "100102", "100103", "1101", "M1"}
	for i := 0; i < n; i++ {
		x := 109.3 + float64(i%side)*step
		y := 24.2 + float64(i/side)*step
		// A slightly irregular quadrilateral, counter-clockwise.
		d := float64(i%7) * 0.00001
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{ "type": "Feature", "properties": { "id": "LZ-%06d", "zone": "柳州国家高新区", "land_use": "%s", "status": "%s", "min_plot_ratio": 1.0, "max_plot_ratio": %.1f, "serviced": %t, "price": %d, "developed_share": %.2f, "agreed_start": "2021-03-%02d" }, "geometry": { "type": "Polygon", "coordinates": [ [ [ %.7f, %.7f ], [ %.7f, %.7f ], [ %.7f, %.7f ], [ %.7f, %.7f ], [ %.7f, %.7f ] ] ] } }`,
			i, uses[i%len(uses)], statuses[i%len(statuses)], 2.0+float64(i%5)*0.5, i%3 != 0, 380+i%50, float64(i%100)/100, 1+i%28,
			x, y, x+0.001+d, y, x+0.001, y+0.001-d, x+d, y+0.001, x, y)
	}
	b.WriteString("\n]\n}\n")
	return b.Bytes()
}

func BenchmarkReadFeatureCollection(b *testing.B) {
	data := syntheticCollection(20000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		fs, err := ReadFeatureCollection(bytes.NewReader(data), ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(fs) != 20000 {
			b.Fatalf("%d features", len(fs))
		}
	}
}
