package main

import (
	"context"
	"fmt"

	"github.com/landplan/landplan/data"
	"github.com/landplan/landplan/export"
	"github.com/landplan/landplan/geo/crs"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
)

// exportFormatList lists the formats for messages.
func exportFormatList() string { return export.FormatList() }

// exportOptions are the flags of an export.
type exportOptions struct {
	format        string
	out           string
	crs           crs.CRS
	width, height int
	zone          string
	// byYear colours the lots of a map by year of supply (--by year).
	byYear bool
}

// openData opens the database at path, keeping the QGIS styles of its
// parcels and lots current as parcels are imported and plans stored.
func openData(path string) (*data.DB, error) {
	db, err := data.Open(path)
	if err != nil {
		return nil, err
	}
	db.SetWorkingStyles(export.WorkingStyles)
	return db, nil
}

func (m *Main) runExport(ctx context.Context) error {
	fs := m.newFlagSet()
	var o exportOptions
	fs.StringVar(&o.format, "format", "", "output format: "+exportFormatList())
	fs.StringVar(&o.out, "out", "", "output file")
	crsFlag := fs.String("crs", "", "GeoJSON coordinates in EPSG:4545 or EPSG:4546 (Gauss-Krüger metres; not RFC 7946)")
	fs.IntVar(&o.width, "width", 0, "map width in pixels (svg, png, html)")
	fs.IntVar(&o.height, "height", 0, "map height in pixels (default: width / √2)")
	fs.StringVar(&o.zone, "zone", "", "draw only the parcels of this development zone (svg, png, html)")
	by := fs.String("by", "mode", "colour the lots of a map by supply mode or, for a programme, by year of supply: mode|year (svg, png)")
	pos, err := m.parseArgs(fs)
	if err != nil {
		return err
	}
	switch *by {
	case "mode":
	case "year":
		o.byYear = true
	default:
		return usageBoth("export: --by %q: want mode or year", "export：--by %q：应为 mode（按供地方式）或 year（按供地年度）", *by)
	}
	if len(pos) != 1 {
		return usageBoth("export takes one PLAN (see landplan plans) and --format %s --out FILE", "export 需要一个方案编号（landplan plans 列出方案）和 --format %s --out 文件", exportFormatList())
	}
	if !export.IsFormat(o.format) {
		if o.format == "" {
			return usageBoth("export: --format is required: one of %s", "export：必须给出 --format，可选 %s", exportFormatList())
		}
		return usageBoth("export: unknown format %q: want one of %s", "export：未知格式 %q，可选 %s", o.format, exportFormatList())
	}
	if o.out == "" {
		return usageBoth("export: --out FILE is required", "export：必须给出 --out 文件")
	}
	if *crsFlag != "" {
		if o.format != "geojson" {
			return usageBoth("export: --crs applies to --format geojson only", "export：--crs 只用于 --format geojson")
		}
		c, err := crs.ParseCRS(*crsFlag)
		if err != nil {
			return &usageError{msg: fmt.Sprintf("export: --crs: %v", err), zh: "export：" + crsErrorZH(*crsFlag)}
		}
		o.crs = c
	}
	if o.width < 0 || o.height < 0 {
		return usageBoth("export: --width and --height must be positive", "export：--width 和 --height 应为正数")
	}
	db, err := m.openDB(false)
	if err != nil {
		return err
	}
	p, err := db.Plan(ctx, pos[0])
	if err != nil {
		return err
	}
	parcels, err := db.Parcels(ctx)
	if err != nil {
		return err
	}
	if o.zone != "" {
		if err := export.CheckZone(parcels, o.zone); err != nil {
			return err
		}
	}
	written, err := m.exportPlan(ctx, p, parcels, o)
	if err != nil {
		return err
	}
	for _, w := range written {
		fmt.Fprintf(m.Stderr, m.tr("wrote %s\n", "已写出 %s\n"), w)
	}
	return nil
}

// exportPlan writes one export of plan p and returns the files written.
func (m *Main) exportPlan(ctx context.Context, p *plan.Plan, parcels []planner.Parcel, o exportOptions) ([]string, error) {
	if len(parcels) == 0 {
		return nil, withZH(planner.Errorf(planner.KindInvalid, "%s holds no parcels to export", m.DBPath), m.DBPath+" 中没有可导出的地块")
	}
	return export.WritePlanFile(ctx, o.out, p, parcels, export.Options{Format: o.format, Lang: m.lang(),
		CRS: o.crs, Width: o.width, Height: o.height, Zone: o.zone, ByYear: o.byYear})
}

// writeCompareMap writes the comparison of the first two plans to out
// (export.WriteCompareFile): a self-contained HTML report when out ends in
// .html, a PNG for .png, an SVG otherwise. With more than two plans, the
// map shows what moved from the first to the second.
func (m *Main) writeCompareMap(ctx context.Context, db *data.DB, plans []*plan.Plan, out string) error {
	parcels, err := db.Parcels(ctx)
	if err != nil {
		return err
	}
	if err := export.WriteCompareFile(out, plans[0], plans[1], parcels, m.lang()); err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, m.tr("wrote %s\n", "已写出 %s\n"), out)
	return nil
}

// exportDemo writes the demo's exports of the plans ids into dir
// (export.WritePlanSet) and returns the paths written.
func (m *Main) exportDemo(ctx context.Context, db *data.DB, dir string, ids []string) ([]string, error) {
	return export.WritePlanSet(ctx, db, dir, ids, m.lang())
}
