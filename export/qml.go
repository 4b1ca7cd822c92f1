package export

import (
	"fmt"
	"image/color"
	"io"
	"strings"

	"github.com/landplan/landplan/planner/policy"
)

// QMLVersion is the QGIS version written into QML styles. Symbol layer
// properties are written both as <Option> maps (QGIS 3.26 and later) and
// as <prop> elements (read by every QGIS 3 release).
const QMLVersion = "3.28.0-Firenze"

// WriteQML writes a QGIS layer style (QML) with a categorized renderer on
// the category field: one fill symbol per category, coloured from the
// palette, with its label in lang, and a catch-all grey class for any
// other value. Field aliases in Chinese are written for fields.
func WriteQML(w io.Writer, cats []Category, fields []Field, lang policy.Lang) error {
	return writeQML(w, CategoryField, cats, nil, fields, lang)
}

// ClassifiedQML returns a QGIS layer style like WriteQML's, classified on
// attr — a field name or a QGIS expression over the layer's own columns,
// for a table that has no category field — with the classes cats shown
// and the classes hidden in the legend but not drawn (their box
// unticked).
func ClassifiedQML(attr string, cats, hidden []Category, lang policy.Lang) string {
	var b strings.Builder
	_ = writeQML(&b, attr, cats, hidden, nil, lang) // a strings.Builder does not fail
	return b.String()
}

func writeQML(w io.Writer, attr string, cats, hidden []Category, fields []Field, lang policy.Lang) error {
	var b strings.Builder
	b.WriteString("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n")
	fmt.Fprintf(&b, "<qgis version=%q styleCategories=\"Symbology|Fields\">\n", QMLVersion)
	fmt.Fprintf(&b, " <renderer-v2 type=\"categorizedSymbol\" attr=\"%s\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n", xmlEscape(attr))
	b.WriteString("  <categories>\n")
	for i, c := range cats {
		fmt.Fprintf(&b, "   <category render=\"true\" value=\"%s\" symbol=\"%d\" label=\"%s\"/>\n", xmlEscape(c.Value), i, xmlEscape(c.Label(lang)))
	}
	for i, c := range hidden {
		fmt.Fprintf(&b, "   <category render=\"false\" value=\"%s\" symbol=\"%d\" label=\"%s\"/>\n", xmlEscape(c.Value), len(cats)+1+i, xmlEscape(c.Label(lang)))
	}
	other := "other"
	if lang == policy.LangZH {
		other = "其他"
	}
	fmt.Fprintf(&b, "   <category render=\"true\" value=\"\" symbol=\"%d\" label=\"%s\"/>\n", len(cats), other)
	b.WriteString("  </categories>\n  <symbols>\n")
	for i, c := range cats {
		writeFillSymbol(&b, fmt.Sprint(i), c.Fill, c.Stroke, strokeMM(c))
	}
	writeFillSymbol(&b, fmt.Sprint(len(cats)), color.RGBA{0xee, 0xee, 0xee, 0xff}, edgeGrey, 0.2)
	for i, c := range hidden {
		writeFillSymbol(&b, fmt.Sprint(len(cats)+1+i), c.Fill, c.Stroke, strokeMM(c))
	}
	b.WriteString("  </symbols>\n")
	b.WriteString("  <source-symbol>\n")
	writeFillSymbol(&b, "0", color.RGBA{0xee, 0xee, 0xee, 0xff}, edgeGrey, 0.2)
	b.WriteString("  </source-symbol>\n")
	b.WriteString(" </renderer-v2>\n")
	if len(fields) > 0 {
		b.WriteString(" <aliases>\n")
		for i, f := range fields {
			if f.ZH == "" || lang != policy.LangZH {
				continue
			}
			fmt.Fprintf(&b, "  <alias field=\"%s\" index=\"%d\" name=\"%s\"/>\n", xmlEscape(f.Name), i, xmlEscape(f.ZH))
		}
		b.WriteString(" </aliases>\n")
	}
	b.WriteString(" <layerGeometryType>2</layerGeometryType>\n</qgis>\n")
	_, err := io.WriteString(w, b.String())
	if err != nil {
		return fmt.Errorf("export: writing QML style: %w", err)
	}
	return nil
}

// QML returns the style WriteQML writes, as a string.
func QML(cats []Category, fields []Field, lang policy.Lang) string {
	var b strings.Builder
	_ = WriteQML(&b, cats, fields, lang) // a strings.Builder does not fail
	return b.String()
}

// strokeMM is the outline width of a category in millimetres: lots get a
// firmer outline than the parcels beneath them.
func strokeMM(c Category) float64 {
	if c.Stroke == edgeGrey {
		return 0.15
	}
	return 0.3
}

func writeFillSymbol(b *strings.Builder, name string, fill, stroke color.RGBA, width float64) {
	props := [][2]string{
		{"color", qgisColor(fill)},
		{"joinstyle", "bevel"},
		{"outline_color", qgisColor(stroke)},
		{"outline_style", "solid"},
		{"outline_width", fmt.Sprintf("%g", width)},
		{"outline_width_unit", "MM"},
		{"style", "solid"},
	}
	fmt.Fprintf(b, "   <symbol type=\"fill\" name=\"%s\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n", name)
	b.WriteString("    <layer class=\"SimpleFill\" enabled=\"1\" pass=\"0\" locked=\"0\">\n")
	b.WriteString("     <Option type=\"Map\">\n")
	for _, p := range props {
		fmt.Fprintf(b, "      <Option type=\"QString\" name=\"%s\" value=\"%s\"/>\n", p[0], p[1])
	}
	b.WriteString("     </Option>\n")
	for _, p := range props {
		fmt.Fprintf(b, "     <prop k=\"%s\" v=\"%s\"/>\n", p[0], p[1])
	}
	b.WriteString("    </layer>\n   </symbol>\n")
}

// qgisColor writes a colour as QGIS does: "r,g,b,a".
func qgisColor(c color.RGBA) string {
	return fmt.Sprintf("%d,%d,%d,%d", c.R, c.G, c.B, c.A)
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;")

func xmlEscape(s string) string { return xmlEscaper.Replace(s) }
