package export_test

import (
	"io"
	"testing"

	"github.com/landplan/landplan/export"
	"github.com/landplan/landplan/export/exporttest"
	"github.com/landplan/landplan/geo/crs"
	"github.com/landplan/landplan/geo/mapdraw"
)

const benchParcels = 100000

// BenchmarkPlanPNG100k is the full PNG export path of a 100 000-parcel plan
// with 10 000 lots on a 4000 px sheet: building the map (projection to
// Gauss-Krüger, colours, labels) and rendering and encoding the PNG
// (target: ≤ 10 s an operation).
func BenchmarkPlanPNG100k(b *testing.B) {
	p, parcels := exporttest.Synthetic(benchParcels)
	font, err := mapdraw.DefaultFont()
	if err != nil {
		b.Fatal(err)
	}
	o := export.MapOptions{Width: 4000, Height: 2829, Font: font}
	b.ResetTimer()
	for b.Loop() {
		if err := mapdraw.RenderPNG(io.Discard, export.PlanMap(p, parcels, o), nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlanSVG100k is the same map written as SVG.
func BenchmarkPlanSVG100k(b *testing.B) {
	p, parcels := exporttest.Synthetic(benchParcels)
	o := export.MapOptions{Width: 4000, Height: 2829}
	b.ResetTimer()
	for b.Loop() {
		if err := mapdraw.RenderSVG(io.Discard, export.PlanMap(p, parcels, o)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGeoJSON100k writes the layers of the 100 000-parcel plan as
// RFC 7946 GeoJSON, Layers included.
func BenchmarkGeoJSON100k(b *testing.B) {
	p, parcels := exporttest.Synthetic(benchParcels)
	b.ResetTimer()
	for b.Loop() {
		if err := export.WriteGeoJSON(io.Discard, export.Layers(p, parcels), crs.CRS{}); err != nil {
			b.Fatal(err)
		}
	}
}
