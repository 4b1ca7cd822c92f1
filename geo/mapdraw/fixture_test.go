package mapdraw

import (
	"image/color"

	"github.com/paulmach/orb"
)

// Fixture colours, one per parcel status of a land-supply plan.
var (
	colNew      = color.RGBA{0xf6, 0xd3, 0x6b, 0xff} // 新增
	colIdle     = color.RGBA{0xe8, 0x7e, 0x4a, 0xff} // 闲置
	colLowUse   = color.RGBA{0xb4, 0x8e, 0xd1, 0xff} // 低效
	colOccupied = color.RGBA{0xc8, 0xc8, 0xc8, 0xff} // 在用
	colReserved = color.RGBA{0x8c, 0xc6, 0x8a, 0xff} // 公共配套
	colEdge     = color.RGBA{0x55, 0x55, 0x55, 0xff}
	colZone     = color.RGBA{0xc0, 0x1f, 0x2f, 0xff}
)

// box is an axis-aligned parcel in metres, offset from the fixture origin
// (an easting and northing in EPSG:4545 near Liuzhou).
func box(x0, y0, x1, y1 float64) orb.MultiPolygon {
	const e, n = 642000.0, 2689000.0
	return orb.MultiPolygon{{{{e + x0, n + y0}, {e + x1, n + y0}, {e + x1, n + y1}, {e + x0, n + y1}, {e + x0, n + y0}}}}
}

// fixtureMap is a small high-tech-zone plan: ten parcels of different
// statuses, one with a hole (a retained pond), one L-shaped, a dashed zone
// boundary and a legend.
func fixtureMap() *Map {
	parcel := func(g orb.MultiPolygon, fill color.Color, label string, prio float64) Feature {
		return Feature{Geometry: g, Fill: fill, Stroke: colEdge, StrokeWidth: 1, Label: label, LabelPriority: prio, Layer: "parcels"}
	}
	withHole := box(420, 0, 760, 300)
	withHole[0] = append(withHole[0], box(540, 90, 640, 190)[0][0])
	lshape := orb.MultiPolygon{{{
		{642000, 2689340}, {642380, 2689340}, {642380, 2689460}, {642160, 2689460},
		{642160, 2689640}, {642000, 2689640}, {642000, 2689340}}}}
	return &Map{
		Title:      "柳州高新区 2025 年度工业用地供应方案",
		Subtitle:   "方案 A · 阳和工业新区片区",
		Note:       "坐标系：CGCS2000 3度带 (EPSG:4545)；数据：示例",
		Width:      1200,
		Height:     850,
		ScaleBar:   true,
		NorthArrow: true,
		Features: []Feature{
			{Geometry: box(-60, -60, 1160, 700), Stroke: colZone, StrokeWidth: 2, Dash: true, Layer: "zone"},
			parcel(box(0, 0, 380, 300), colNew, "GX2025-01\n柳工配套零部件", 9),
			parcel(withHole, colIdle, "GX2025-02\n闲置处置", 8),
			parcel(box(800, 0, 1100, 140), colLowUse, "GX2025-03", 7),
			parcel(box(800, 160, 1100, 300), colLowUse, "GX2025-04", 6),
			parcel(lshape, colNew, "GX2025-05\n新能源电池", 10),
			parcel(box(420, 340, 700, 640), colOccupied, "在用", 1),
			parcel(box(740, 340, 1100, 460), colReserved, "公共配套", 3),
			parcel(box(740, 480, 1100, 640), colNew, "GX2025-06", 5),
			parcel(box(900, 600, 905, 604), colNew, "过小地块", 100),
			parcel(box(200, 480, 300, 500), colNew, "狭长地块标注放不下", 50),
		},
		Legend: []LegendItem{
			{Label: "新增工业用地", Fill: colNew, Stroke: colEdge},
			{Label: "闲置土地", Fill: colIdle, Stroke: colEdge},
			{Label: "低效用地", Fill: colLowUse, Stroke: colEdge},
			{Label: "在用", Fill: colOccupied, Stroke: colEdge},
			{Label: "公共配套", Fill: colReserved, Stroke: colEdge},
			{Label: "园区边界", Stroke: colZone, Dash: true},
		},
	}
}
