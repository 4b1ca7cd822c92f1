package export

import (
	"encoding/json"
	"io"
	"path/filepath"
	"strings"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/monitor"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/sweep"
)

// FormatOf returns the format a file is written in by its name: its
// extension in lower case without the dot ("" when it has none).
func FormatOf(path string) string {
	return strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
}

// covenantSheet is the size of the map on each covenant sheet.
const covenantSheetWidth, covenantSheetHeight = 900, 600

// WriteCovenants writes the covenant sheets covs of plan pl's awards to
// w: a workbook for format xlsx, otherwise a self-contained HTML page
// with a map of each award's parcel.
func WriteCovenants(w io.Writer, format string, prof *policy.Profile, covs []monitor.Covenant, pl *plan.Plan, parcels []planner.Parcel, lang policy.Lang) error {
	if format == "xlsx" {
		return WriteCovenantXLSX(w, prof, covs, lang)
	}
	return WriteCovenantHTML(w, prof, covs, pl, parcels, MapOptions{Lang: lang, Width: covenantSheetWidth, Height: covenantSheetHeight})
}

// WriteMonitorReport writes the monitoring register reg of plan pl to w:
// a workbook for format xlsx, the register as indented JSON for json,
// otherwise a self-contained HTML report with its map.
func WriteMonitorReport(w io.Writer, format string, reg *monitor.Register, pl *plan.Plan, parcels []planner.Parcel, lang policy.Lang) error {
	switch format {
	case "xlsx":
		return WriteMonitorXLSX(w, reg, lang)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(reg)
	}
	return WriteMonitorHTML(w, reg, pl, parcels, MapOptions{Lang: lang})
}

// WriteSweepChart writes the chart of a sweep's indicator to w: a PNG for
// format png, a self-contained HTML page of every indicator for html,
// otherwise an SVG.
func WriteSweepChart(w io.Writer, format string, res *sweep.Result, indicator string, lang policy.Lang) error {
	switch format {
	case "png":
		return WriteSweepPNG(w, res, indicator, lang)
	case "html":
		return WriteSweepHTML(w, res, lang)
	}
	return WriteSweepSVG(w, res, indicator, lang)
}
