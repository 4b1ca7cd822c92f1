package mapdraw

import (
	"image/color"

	"github.com/paulmach/orb"
)

// Lang selects the language of the map furniture (legend heading, north
// arrow letter). Titles, labels and legend entries are drawn as given.
type Lang string

const (
	// Chinese draws "图例" and "北"; it is the default.
	Chinese Lang = "zh"
	// English draws "Legend" and "N".
	English Lang = "en"
)

// Default sizes used when a Map leaves Width or Height zero: 1600 × 1131 px,
// landscape with the √2 aspect ratio of ISO A-series paper.
const (
	DefaultWidth  = 1600
	DefaultHeight = 1131
)

// Map is everything drawn on one map sheet. Sizes are in pixels (SVG user
// units); text and furniture scale with the sheet's longer side, so a map
// drawn 4000 px wide looks like the same map drawn 1200 px wide, only
// sharper.
type Map struct {
	// Title is drawn centred at the top; Subtitle below it, smaller.
	Title, Subtitle string
	// Note is a line of small print at the bottom left, e.g. the coordinate
	// system and data date. Empty for none.
	Note string
	// Features are drawn in the order of their layers' first appearance,
	// and within a layer in slice order.
	Features []Feature
	// Legend entries are listed in order in the legend box; no box when empty.
	Legend []LegendItem
	// ScaleBar draws a scale bar in metres at the bottom left of the frame.
	ScaleBar bool
	// NorthArrow draws a north arrow at the top right of the frame.
	NorthArrow bool
	// Width and Height are the sheet size in pixels; zero means
	// DefaultWidth and DefaultHeight.
	Width, Height int
	// Lang is the language of the map furniture; empty means Chinese.
	Lang Lang
	// LayerNames gives a layer's name as a reader sees it (the SVG group's
	// aria-label), by Feature.Layer; a layer it lacks is named by its
	// Layer. The group's id is made from Layer either way.
	LayerNames map[string]string
	// Background fills the sheet; nil means white.
	Background color.Color
	// LabelSize is the feature label font size in pixels; zero means 11 px
	// per 1200 px of the sheet's longer side.
	LabelSize float64
	// Font measures text for layout and draws PNG text. Nil means: SVG
	// measures with the documented approximation (see ApproxTextWidth) and PNG
	// loads the font named by PNGSettings. Set it to get identical label
	// placement in SVG and PNG.
	Font *Font
}

// Feature is one shape on the map.
type Feature struct {
	// Geometry is in planar metres, x east and y north. Exterior rings and
	// holes may wind either way.
	Geometry orb.MultiPolygon
	// Fill and Stroke are the paint colours; nil means no fill or no
	// outline. Alpha is honoured.
	Fill, Stroke color.Color
	// StrokeWidth is the outline width in pixels; zero means 1.
	StrokeWidth float64
	// Dash draws the outline dashed.
	Dash bool
	// Label is drawn inside the feature when it fits and does not collide
	// with a label already placed; "\n" breaks lines.
	Label string
	// LabelPriority orders label placement: higher first, ties in slice
	// order.
	LabelPriority float64
	// Layer names the group the feature belongs to (an SVG <g> element).
	Layer string
}

// LegendItem is one entry of the legend: a swatch painted like a feature and
// its label.
type LegendItem struct {
	// Label is the entry's text.
	Label string
	// Fill and Stroke paint the swatch as Feature's do; nil for none.
	Fill, Stroke color.Color
	// Dash draws the swatch's outline dashed.
	Dash bool
}
