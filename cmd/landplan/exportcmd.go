package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/landplan/landplan/data"
	"github.com/landplan/landplan/geo"
	"github.com/landplan/landplan/geo/mapdraw"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/export"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// planExportFormats are the formats of landplan export, each with what it
// writes.
var planExportFormats = map[string]string{
	"geojson": "RFC 7946 GeoJSON of the parcels and lots, with a QGIS style FILE.qml beside it",
	"gpkg":    "standalone GeoPackage: parcels and lots layers with QGIS styles in layer_styles",
	"svg":     "print map as SVG",
	"png":     "print map as PNG",
	"csv":     "allocation table, UTF-8 with BOM for Excel",
	"html":    "self-contained report: map, totals, allocations with reasons",
}

// exportFormatList lists the formats for messages.
func exportFormatList() string {
	fs := make([]string, 0, len(planExportFormats))
	for f := range planExportFormats {
		fs = append(fs, f)
	}
	sort.Strings(fs)
	return strings.Join(fs, ", ")
}

// exportOptions are the flags of an export.
type exportOptions struct {
	format        string
	out           string
	crs           geo.CRS
	width, height int
	zone          string
	// byYear colours the lots of a map by year of supply (--by year).
	byYear bool
	// lang is the language of the export's text; "" means --lang.
	lang policy.Lang
}

// Default sheet widths: an SVG scales, a PNG is drawn at print resolution
// (3200 px across an A4 landscape sheet is about 270 dpi).
const (
	defaultSVGWidth = mapdraw.DefaultWidth
	defaultPNGWidth = 3200
)

func (m *Main) runExport(ctx context.Context) error {
	fs := m.newFlagSet()
	var o exportOptions
	fs.StringVar(&o.format, "format", "", "output format: "+exportFormatList())
	fs.StringVar(&o.out, "out", "", "output file")
	crs := fs.String("crs", "", "GeoJSON coordinates in EPSG:4545 or EPSG:4546 (Gauss-Krüger metres; not RFC 7946)")
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
		return usagef("export: --by %q: want mode or year", *by)
	}
	if len(pos) != 1 {
		return usagef("export takes one PLAN (see landplan plans) and --format %s --out FILE", exportFormatList())
	}
	if _, ok := planExportFormats[o.format]; !ok {
		if o.format == "" {
			return usagef("export: --format is required: one of %s", exportFormatList())
		}
		return usagef("export: unknown format %q: want one of %s", o.format, exportFormatList())
	}
	if o.out == "" {
		return usagef("export: --out FILE is required")
	}
	if *crs != "" {
		if o.format != "geojson" {
			return usagef("export: --crs applies to --format geojson only")
		}
		c, err := geo.ParseCRS(*crs)
		if err != nil {
			return usagef("export: --crs: %v", err)
		}
		o.crs = c
	}
	if o.width < 0 || o.height < 0 {
		return usagef("export: --width and --height must be positive")
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
		if err := checkZone(parcels, o.zone); err != nil {
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

// checkZone refuses a zone no parcel is in, naming the zones there are.
func checkZone(parcels []planner.Parcel, zone string) error {
	zs := export.Zones(parcels)
	for _, z := range zs {
		if z == zone {
			return nil
		}
	}
	return usagef("export: --zone %q: no parcel is in that zone (zones: %s)", zone, strings.Join(zs, ", "))
}

// mapOptions returns the map options of an export: the language, the
// sheet size and, for a PNG (or when installed, for an SVG, so that both
// place labels alike), the CJK font.
func (m *Main) mapOptions(format string, width, height int) (export.MapOptions, error) {
	o := export.MapOptions{Lang: m.lang(), Width: width, Height: height}
	if o.Width == 0 {
		o.Width = defaultSVGWidth
		if format == "png" {
			o.Width = defaultPNGWidth
		}
	}
	if o.Height == 0 {
		o.Height = o.Width * 1000 / 1414
	}
	f, err := mapdraw.DefaultFont()
	if err != nil && format == "png" {
		return o, fmt.Errorf("export: a PNG map needs a CJK font: %w", err)
	}
	if err == nil {
		o.Font = f
	}
	return o, nil
}

// exportPlan writes one export of plan p and returns the files written.
func (m *Main) exportPlan(ctx context.Context, p *plan.Plan, parcels []planner.Parcel, o exportOptions) ([]string, error) {
	lang := o.lang
	if lang == "" {
		lang = m.lang()
	}
	if len(parcels) == 0 {
		return nil, planner.Errorf(planner.KindInvalid, "%s holds no parcels to export", m.DBPath)
	}
	switch o.format {
	case "gpkg":
		if st, err := os.Stat(filepath.Dir(o.out)); err != nil || !st.IsDir() {
			return nil, planner.Errorf(planner.KindInvalid, "export: cannot write %s: directory %s does not exist", o.out, filepath.Dir(o.out))
		}
		err := data.ExportGPKG(ctx, o.out, export.LocalizeLayers(export.Layers(p, parcels), lang), data.GPKGExportOptions{Lang: lang, Time: time.Now()})
		return []string{o.out}, err
	case "geojson":
		layers := export.LocalizeLayers(export.Layers(p, parcels), lang)
		if err := writeOutput(o.out, func(w io.Writer) error { return export.WriteGeoJSON(w, layers, o.crs) }); err != nil {
			return nil, err
		}
		qml := strings.TrimSuffix(o.out, filepath.Ext(o.out)) + ".qml"
		cats := append(append([]export.Category{}, export.StatusCategories...), export.LotCategories...)
		// The GeoJSON's properties: "layer", then each layer's fields once.
		fields := []export.Field{{Name: "layer", Type: export.Text, ZH: "图层"}}
		seen := map[string]bool{"layer": true}
		for _, l := range layers {
			for _, f := range l.Fields {
				if !seen[f.Name] {
					seen[f.Name] = true
					fields = append(fields, f)
				}
			}
		}
		if err := writeOutput(qml, func(w io.Writer) error { return export.WriteQML(w, cats, fields, lang) }); err != nil {
			return nil, err
		}
		return writeYearStyle(p, []string{o.out, qml}, fields, lang)
	case "csv":
		return []string{o.out}, writeOutput(o.out, func(w io.Writer) error { return export.WriteCSV(w, p, lang) })
	}
	mo, err := m.mapOptions(o.format, o.width, o.height)
	mo.Lang = lang
	if err != nil {
		return nil, err
	}
	mo.Zone = o.zone
	planMap := export.PlanMap
	if o.byYear {
		planMap = export.YearMap
	}
	switch o.format {
	case "svg":
		err = writeOutput(o.out, func(w io.Writer) error { return mapdraw.RenderSVG(w, planMap(p, parcels, mo)) })
	case "png":
		err = writeOutput(o.out, func(w io.Writer) error { return mapdraw.RenderPNG(w, planMap(p, parcels, mo), nil) })
	case "html":
		err = writeOutput(o.out, func(w io.Writer) error { return export.WriteHTML(w, p, parcels, mo) })
	default:
		return nil, usagef("export: unknown format %q: want one of %s", o.format, exportFormatList())
	}
	if err != nil {
		return nil, err
	}
	return []string{o.out}, nil
}

// writeCompareMap writes the comparison map of the first two plans to
// out: a self-contained HTML report when out ends in .html, a PNG for
// .png, an SVG otherwise. With more than two plans, the map shows what
// moved from the first to the second.
func (m *Main) writeCompareMap(ctx context.Context, db *data.DB, plans []*plan.Plan, out string) error {
	parcels, err := db.Parcels(ctx)
	if err != nil {
		return err
	}
	format := strings.ToLower(strings.TrimPrefix(filepath.Ext(out), "."))
	if format != "html" && format != "png" {
		format = "svg"
	}
	mo, err := m.mapOptions(format, 0, 0)
	if err != nil {
		return err
	}
	a, b := plans[0], plans[1]
	err = writeOutput(out, func(w io.Writer) error {
		switch format {
		case "html":
			return export.WriteCompareHTML(w, a, b, parcels, mo)
		case "png":
			return mapdraw.RenderPNG(w, export.CompareMap(a, b, parcels, mo), nil)
		}
		return mapdraw.RenderSVG(w, export.CompareMap(a, b, parcels, mo))
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, m.tr("wrote %s\n", "已写出 %s\n"), out)
	return nil
}

// exportDemo writes the demo's exports into dir: the first plan of ids
// (the baseline) as SVG, PNG, HTML, GeoPackage, GeoJSON (with its QML)
// and CSV, and, when there are two or more plans, the comparison of the
// first with each other plan as SVG, PNG and HTML; and a PNG map of the
// baseline per development zone, where the parcels are large enough to
// carry their labels. It returns the paths
// written, in that order.
func (m *Main) exportDemo(ctx context.Context, db *data.DB, dir string, ids []string) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	parcels, err := db.Parcels(ctx)
	if err != nil {
		return nil, err
	}
	plans := make([]*plan.Plan, len(ids))
	for i, id := range ids {
		if plans[i], err = db.Plan(ctx, id); err != nil {
			return nil, err
		}
	}
	var written []string
	for _, f := range []string{"svg", "png", "html", "gpkg", "geojson", "csv"} {
		out := filepath.Join(dir, ids[0]+"."+f)
		if f == "gpkg" {
			out = filepath.Join(dir, ids[0]+"-map.gpkg")
		}
		w, err := m.exportPlan(ctx, plans[0], parcels, exportOptions{format: f, out: out})
		if err != nil {
			return written, err
		}
		written = append(written, w...)
	}
	for _, z := range export.Zones(parcels) {
		out := filepath.Join(dir, ids[0]+"-"+z+".png")
		w, err := m.exportPlan(ctx, plans[0], parcels, exportOptions{format: "png", out: out, zone: z})
		if err != nil {
			return written, err
		}
		written = append(written, w...)
	}
	for _, q := range plans[1:] {
		for _, f := range []string{"svg", "png", "html"} {
			out := filepath.Join(dir, "compare-"+plans[0].ID+"-"+q.ID+"."+f)
			mo, err := m.mapOptions(f, 0, 0)
			if err != nil {
				return written, err
			}
			err = writeOutput(out, func(w io.Writer) error {
				switch f {
				case "html":
					return export.WriteCompareHTML(w, plans[0], q, parcels, mo)
				case "png":
					return mapdraw.RenderPNG(w, export.CompareMap(plans[0], q, parcels, mo), nil)
				}
				return mapdraw.RenderSVG(w, export.CompareMap(plans[0], q, parcels, mo))
			})
			if err != nil {
				return written, err
			}
			written = append(written, out)
		}
	}
	return written, nil
}

// writeOutput writes an export through a temporary file beside path,
// renamed into place when complete (a failed export leaves nothing and
// keeps an older file), readable by all as files a user saves are.
func writeOutput(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return planner.Errorf(planner.KindInvalid, "export: cannot write %s: directory %s does not exist", path, dir)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("export: write %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := write(bw); err != nil {
		f.Close()
		return fmt.Errorf("export: write %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("export: write %s: %w", path, err)
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return fmt.Errorf("export: write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("export: write %s: %w", path, err)
	}
	return os.Rename(f.Name(), path)
}

// writeYearStyle writes, for a programme, a second QGIS style beside its
// GeoJSON's: FILE.years.qml, lots by year of supply. It returns the files
// written, written (the GeoJSON and its style) first.
func writeYearStyle(p *plan.Plan, written []string, fields []export.Field, lang policy.Lang) ([]string, error) {
	if len(p.Years) <= 1 {
		return written, nil
	}
	yq := strings.TrimSuffix(written[1], ".qml") + ".years.qml"
	if err := writeOutput(yq, func(w io.Writer) error { _, err := io.WriteString(w, export.YearQML(p, fields, lang)); return err }); err != nil {
		return nil, err
	}
	return append(written, yq), nil
}
