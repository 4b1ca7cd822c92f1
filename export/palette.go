package export

import (
	"image/color"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// Category is one class of the maps and styles: a value of a layer's
// category field, its labels and its colours.
type Category struct {
	// Value is the category field's value, e.g. "new" or "flexible_term".
	Value string
	// EN and ZH are the legend labels.
	EN, ZH string
	// Fill and Stroke paint the class.
	Fill, Stroke color.RGBA
}

// Label returns the category's label in lang.
func (c Category) Label(lang policy.Lang) string {
	if lang == policy.LangZH {
		return c.ZH
	}
	return c.EN
}

// The supply modes of docs/product.md, "The plan", as the plan writes them.
const (
	ModeFlexibleTerm      = "flexible_term"
	ModeLeaseThenTransfer = "lease_then_transfer"
	ModePhased            = "phased"
	ModeLongLease         = "long_lease"
	ModeTransfer          = "transfer"
)

var (
	edgeGrey = color.RGBA{0x8c, 0x8c, 0x8c, 0xff}
	edgeDark = color.RGBA{0x3a, 0x3a, 0x3a, 0xff}
)

// StatusCategories colour the parcels by pool status, in light tints so
// that lots drawn over them stand out. Their order is the legend's.
var StatusCategories = []Category{
	{string(planner.StatusNew), "new land", "新增", color.RGBA{0xfb, 0xf0, 0xb8, 0xff}, edgeGrey},
	{string(planner.StatusIdle), "idle land", "闲置", color.RGBA{0xf6, 0xcf, 0xb0, 0xff}, edgeGrey},
	{string(planner.StatusInefficient), "inefficient land", "低效", color.RGBA{0xe4, 0xcc, 0xe8, 0xff}, edgeGrey},
	{string(planner.StatusOccupied), "in use", "在用", color.RGBA{0xdc, 0xdc, 0xdc, 0xff}, edgeGrey},
	{string(planner.StatusReserved), "public facilities", "公共配套", color.RGBA{0xcd, 0xe8, 0xc6, 0xff}, edgeGrey},
}

// LotCategories colour the lots: the five supply modes in strong colours,
// then later phases kept for phased projects and the land left over.
var LotCategories = []Category{
	{ModeFlexibleTerm, "flexible-term transfer", "弹性年期出让", color.RGBA{0x1f, 0x78, 0xb4, 0xff}, edgeDark},
	{ModeLeaseThenTransfer, "lease then transfer", "先租后让", color.RGBA{0x33, 0xa0, 0x2c, 0xff}, edgeDark},
	{ModePhased, "phased supply", "分期供地", color.RGBA{0xff, 0x7f, 0x00, 0xff}, edgeDark},
	{ModeLongLease, "long-term lease", "长期租赁", color.RGBA{0x6a, 0x3d, 0x9a, 0xff}, edgeDark},
	{ModeTransfer, "50-year transfer", "50年出让", color.RGBA{0xe3, 0x1a, 0x1c, 0xff}, edgeDark},
	{plan.LotReserved, "later phase reserved", "分期预留", color.RGBA{0xfd, 0xd4, 0x9e, 0xff}, color.RGBA{0xff, 0x7f, 0x00, 0xff}},
	{plan.LotRemainder, "remainder", "剩余用地", color.RGBA{0xf7, 0xf7, 0xf7, 0xff}, edgeDark},
}

// The actions of a comparison map, by how an allocation changed from the
// first plan to the second.
const (
	ChangeAdded     = "added"
	ChangeRemoved   = "removed"
	ChangeMoved     = "moved"
	ChangeMode      = "mode_changed"
	ChangeUnchanged = "unchanged"
)

// ChangeCategories colour a comparison map. A removed allocation is drawn
// where it was in the first plan; the others where they are in the second.
var ChangeCategories = []Category{
	{ChangeAdded, "added", "新增安排", color.RGBA{0x1a, 0x98, 0x50, 0xff}, edgeDark},
	{ChangeRemoved, "removed (first plan)", "取消安排（原方案）", color.RGBA{0xd7, 0x30, 0x27, 0xff}, edgeDark},
	{ChangeMoved, "moved to another parcel", "调整地块", color.RGBA{0x45, 0x75, 0xb4, 0xff}, edgeDark},
	{ChangeMode, "supply mode or term changed", "调整供地方式或年期", color.RGBA{0xfd, 0xae, 0x61, 0xff}, edgeDark},
	{ChangeUnchanged, "unchanged", "未变", color.RGBA{0xbd, 0xbd, 0xbd, 0xff}, edgeDark},
}

// Palette returns the category of value among StatusCategories,
// LotCategories and ChangeCategories; ok is false for an unknown value.
func Palette(value string) (c Category, ok bool) {
	for _, cs := range [][]Category{StatusCategories, LotCategories, ChangeCategories} {
		for _, c := range cs {
			if c.Value == value {
				return c, true
			}
		}
	}
	return Category{}, false
}

// categoryLabel returns the label of value in lang, or value itself when
// no category has it.
func categoryLabel(value string, lang policy.Lang) string {
	if c, ok := Palette(value); ok {
		return c.Label(lang)
	}
	return value
}
