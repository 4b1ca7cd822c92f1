package export

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
	"github.com/landplan/landplan/geo/crs"
	"github.com/landplan/landplan/geo/mapdraw"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// Format is a format a stored plan is exported in.
type Format struct {
	// Name names the format (landplan export --format, the web's
	// downloads); Ext is its files' extension and ContentType its media
	// type.
	Name, Ext, ContentType string
	// Describe says what the format holds.
	Describe string
}

// Formats are the formats of a plan's export, in the order offered.
var Formats = []Format{
	{"geojson", "geojson", "application/geo+json", "RFC 7946 GeoJSON of the parcels and lots, with a QGIS style FILE.qml beside it"},
	{"gpkg", "gpkg", "application/geopackage+sqlite3", "standalone GeoPackage: parcels and lots layers with QGIS styles in layer_styles"},
	{"svg", "svg", "image/svg+xml", "print map as SVG"},
	{"png", "png", "image/png", "print map as PNG"},
	{"csv", "csv", "text/csv; charset=utf-8", "allocation table, UTF-8 with BOM for Excel"},
	{"xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "allocation table as an Excel workbook, the CSV's columns with numbers as numbers"},
	{"html", "html", "text/html; charset=utf-8", "self-contained report: map, totals, allocations with reasons"},
}

// IsFormat reports whether name is one of Formats.
func IsFormat(name string) bool {
	for _, f := range Formats {
		if f.Name == name {
			return true
		}
	}
	return false
}

// FormatList lists the names of Formats in lexical order, for messages.
func FormatList() string {
	fs := make([]string, 0, len(Formats))
	for _, f := range Formats {
		fs = append(fs, f.Name)
	}
	sort.Strings(fs)
	return strings.Join(fs, ", ")
}

// Options choose what an export of a plan writes.
type Options struct {
	// Format is one of Formats.
	Format string
	// Lang is the language of the export's text; empty means Chinese.
	Lang policy.Lang
	// CRS are the coordinates of a GeoJSON export: the zero CRS is
	// RFC 7946 lon/lat.
	CRS crs.CRS
	// Width, Height and Zone are the sheet of a map (svg, png, html):
	// zero width and height choose the defaults (SheetOptions), and a
	// zone draws only that development zone's parcels.
	Width, Height int
	Zone          string
	// ByYear colours a map's lots by their year of supply (a programme's
	// map) instead of by supply mode.
	ByYear bool
	// Time is recorded in a GeoPackage as its tables' last change; the
	// zero value means the time of the export.
	Time time.Time
}

// Sheet widths by default: an SVG scales, a PNG is drawn at print
// resolution (3200 px across an A4 landscape sheet is about 270 dpi).
const (
	DefaultSVGWidth = mapdraw.DefaultWidth
	DefaultPNGWidth = 3200
)

// SheetOptions returns the map options of a map in format (svg, png,
// html): the language, the sheet size (by default DefaultSVGWidth or
// DefaultPNGWidth across, and 1/√2 of the width high) and, for a PNG (or
// when installed, for an SVG, so that both place labels alike), the CJK
// font. A PNG without a CJK font is an error.
func SheetOptions(format string, width, height int, lang policy.Lang) (MapOptions, error) {
	o := MapOptions{Lang: lang, Width: width, Height: height}
	if o.Width == 0 {
		o.Width = DefaultSVGWidth
		if format == "png" {
			o.Width = DefaultPNGWidth
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

// lang returns the options' language, Chinese when empty.
func (o Options) lang() policy.Lang {
	if o.Lang == "" {
		return policy.LangZH
	}
	return o.Lang
}

// CheckZone refuses a zone no parcel is in, naming the zones there are.
func CheckZone(parcels []planner.Parcel, zone string) error {
	zs := Zones(parcels)
	for _, z := range zs {
		if z == zone {
			return nil
		}
	}
	return planner.Errorf(planner.KindInvalid, "export: --zone %q: no parcel is in that zone (zones: %s)", zone, strings.Join(zs, ", "))
}

// WritePlan writes plan p, drawn over parcels, in one of Formats to w: a
// GeoPackage through a temporary file (SQLite writes files), every other
// format straight to w. A GeoJSON comes without its QGIS style
// (WritePlanFile writes both).
func WritePlan(ctx context.Context, w io.Writer, p *plan.Plan, parcels []planner.Parcel, o Options) error {
	if len(parcels) == 0 {
		return planner.Errorf(planner.KindInvalid, "export: no parcels to export %s over", p.ID)
	}
	switch o.Format {
	case "gpkg":
		return writeGPKGTo(ctx, w, p, parcels, o)
	case "geojson":
		return WriteGeoJSON(w, LocalizeLayers(Layers(p, parcels), o.lang()), o.CRS)
	case "csv":
		return WriteCSV(w, p, o.lang())
	case "xlsx":
		return WriteXLSX(w, p, o.lang())
	}
	return writePlanMap(w, p, parcels, o)
}

// writePlanMap writes the map or report of plan p (svg, png, html).
func writePlanMap(w io.Writer, p *plan.Plan, parcels []planner.Parcel, o Options) error {
	mo, err := SheetOptions(o.Format, o.Width, o.Height, o.lang())
	if err != nil {
		return err
	}
	mo.Zone = o.Zone
	planMap := PlanMap
	if o.ByYear {
		planMap = YearMap
	}
	switch o.Format {
	case "svg":
		return mapdraw.RenderSVG(w, planMap(p, parcels, mo))
	case "png":
		return mapdraw.RenderPNG(w, planMap(p, parcels, mo), nil)
	case "html":
		return WriteHTML(w, p, parcels, mo)
	}
	return planner.Errorf(planner.KindInvalid, "export: unknown format %q: want one of %s", o.Format, FormatList())
}

// writeGPKGTo writes the GeoPackage of p into a temporary directory and
// copies it to w.
func writeGPKGTo(ctx context.Context, w io.Writer, p *plan.Plan, parcels []planner.Parcel, o Options) error {
	dir, err := os.MkdirTemp("", "landplan-export-")
	if err != nil {
		return fmt.Errorf("export %s as gpkg: %w", p.ID, err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, p.ID+".gpkg")
	if err := writePlanGPKG(ctx, path, p, parcels, o); err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("export %s as gpkg: %w", p.ID, err)
	}
	defer f.Close()
	if _, err := io.Copy(w, f); err != nil {
		return fmt.Errorf("export %s as gpkg: %w", p.ID, err)
	}
	return nil
}

// writePlanGPKG writes the GeoPackage of p at path.
func writePlanGPKG(ctx context.Context, path string, p *plan.Plan, parcels []planner.Parcel, o Options) error {
	t := o.Time
	if t.IsZero() {
		t = time.Now()
	}
	return WriteGPKG(ctx, path, LocalizeLayers(Layers(p, parcels), o.lang()), GPKGOptions{Lang: o.lang(), Time: t})
}

// WritePlanFile writes plan p, drawn over parcels, in one of Formats at
// path, and returns the files written: path, and for a GeoJSON its QGIS
// style beside it (path with the extension .qml). Each file is written
// whole or not at all (WriteFile).
func WritePlanFile(ctx context.Context, path string, p *plan.Plan, parcels []planner.Parcel, o Options) ([]string, error) {
	if err := checkDir(path); err != nil {
		return nil, err
	}
	if len(parcels) == 0 {
		return nil, planner.Errorf(planner.KindInvalid, "export: no parcels to export %s over", p.ID)
	}
	switch o.Format {
	case "gpkg":
		return []string{path}, writePlanGPKG(ctx, path, p, parcels, o)
	case "geojson":
		return writeGeoJSONFiles(path, p, parcels, o)
	}
	if err := WriteFile(path, func(w io.Writer) error { return WritePlan(ctx, w, p, parcels, o) }); err != nil {
		return nil, err
	}
	return []string{path}, nil
}

// writeGeoJSONFiles writes the GeoJSON of p at path and its QGIS style
// beside it: the categories of both layers, and as fields "layer" and
// then each layer's fields once.
func writeGeoJSONFiles(path string, p *plan.Plan, parcels []planner.Parcel, o Options) ([]string, error) {
	layers := LocalizeLayers(Layers(p, parcels), o.lang())
	if err := WriteFile(path, func(w io.Writer) error { return WriteGeoJSON(w, layers, o.CRS) }); err != nil {
		return nil, err
	}
	qml := strings.TrimSuffix(path, filepath.Ext(path)) + ".qml"
	cats := append(append([]Category{}, StatusCategories...), LotCategories...)
	fields := []Field{{Name: "layer", Type: Text, ZH: "图层"}}
	seen := map[string]bool{"layer": true}
	for _, l := range layers {
		for _, f := range l.Fields {
			if !seen[f.Name] {
				seen[f.Name] = true
				fields = append(fields, f)
			}
		}
	}
	if err := WriteFile(qml, func(w io.Writer) error { return WriteQML(w, cats, fields, o.lang()) }); err != nil {
		return nil, err
	}
	return writeYearStyle(p, []string{path, qml}, fields, o.lang())
}

// writeYearStyle writes, for a programme, a second QGIS style beside its
// GeoJSON's: FILE.years.qml, lots by year of supply. It returns the files
// written, written (the GeoJSON and its style) first.
func writeYearStyle(p *plan.Plan, written []string, fields []Field, lang policy.Lang) ([]string, error) {
	if len(p.Years) <= 1 {
		return written, nil
	}
	yq := strings.TrimSuffix(written[1], ".qml") + ".years.qml"
	if err := WriteFile(yq, func(w io.Writer) error { _, err := io.WriteString(w, YearQML(p, fields, lang)); return err }); err != nil {
		return nil, err
	}
	return append(written, yq), nil
}

// CompareFormat is the format of a comparison written at path: html or
// png by its extension, svg otherwise.
func CompareFormat(path string) string {
	format := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	if format != "html" && format != "png" {
		format = "svg"
	}
	return format
}

// WriteCompare writes the comparison of plans a and b over parcels in
// format (svg, png or html, CompareFormat) to w: the map of what moved
// from a to b, and for html the report around it.
func WriteCompare(w io.Writer, format string, a, b *plan.Plan, parcels []planner.Parcel, lang policy.Lang) error {
	mo, err := SheetOptions(format, 0, 0, lang)
	if err != nil {
		return err
	}
	switch format {
	case "html":
		return WriteCompareHTML(w, a, b, parcels, mo)
	case "png":
		return mapdraw.RenderPNG(w, CompareMap(a, b, parcels, mo), nil)
	}
	return mapdraw.RenderSVG(w, CompareMap(a, b, parcels, mo))
}

// WriteCompareFile writes the comparison of plans a and b at path, in
// the format its extension names (CompareFormat).
func WriteCompareFile(path string, a, b *plan.Plan, parcels []planner.Parcel, lang policy.Lang) error {
	return WriteFile(path, func(w io.Writer) error { return WriteCompare(w, CompareFormat(path), a, b, parcels, lang) })
}

// setFormats are the formats of the baseline in WritePlanSet, in order.
var setFormats = []string{"svg", "png", "html", "gpkg", "geojson", "csv"}

// WritePlanSet writes into dir the files a planner hands on for the
// stored plans ids of db, the first being the baseline, in lang: the
// baseline as SVG, PNG, HTML, GeoPackage (ID-map.gpkg), GeoJSON (with its
// QML) and CSV; a PNG map of the baseline per development zone, where the
// parcels are large enough to carry their labels; and the comparison of
// the baseline with each other plan as SVG, PNG and HTML. It returns the
// paths written, in that order.
func WritePlanSet(ctx context.Context, db *data.DB, dir string, ids []string, lang policy.Lang) ([]string, error) {
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
	written, err := writeBaseline(ctx, dir, plans[0], parcels, lang)
	if err != nil {
		return written, err
	}
	for _, q := range plans[1:] {
		for _, f := range []string{"svg", "png", "html"} {
			out := filepath.Join(dir, "compare-"+plans[0].ID+"-"+q.ID+"."+f)
			if err := WriteCompareFile(out, plans[0], q, parcels, lang); err != nil {
				return written, err
			}
			written = append(written, out)
		}
	}
	return written, nil
}

// writeBaseline writes the baseline's files of WritePlanSet: each of
// setFormats, then a PNG per zone.
func writeBaseline(ctx context.Context, dir string, p *plan.Plan, parcels []planner.Parcel, lang policy.Lang) ([]string, error) {
	var written []string
	for _, f := range setFormats {
		out := filepath.Join(dir, p.ID+"."+f)
		if f == "gpkg" {
			out = filepath.Join(dir, p.ID+"-map.gpkg")
		}
		w, err := WritePlanFile(ctx, out, p, parcels, Options{Format: f, Lang: lang})
		if err != nil {
			return written, err
		}
		written = append(written, w...)
	}
	for _, z := range Zones(parcels) {
		out := filepath.Join(dir, p.ID+"-"+z+".png")
		w, err := WritePlanFile(ctx, out, p, parcels, Options{Format: "png", Lang: lang, Zone: z})
		if err != nil {
			return written, err
		}
		written = append(written, w...)
	}
	return written, nil
}

// checkDir refuses a path whose directory does not exist.
func checkDir(path string) error {
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return planner.Errorf(planner.KindInvalid, "export: cannot write %s: directory %s does not exist", path, dir)
	}
	return nil
}

// WriteFile writes an export through a temporary file beside path,
// renamed into place when complete (a failed export leaves nothing and
// keeps an older file), readable by all as files a user saves are.
func WriteFile(path string, write func(io.Writer) error) error {
	if err := checkDir(path); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
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
