package mapdraw

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// FontPackage is the Debian package that provides the default font.
const FontPackage = "fonts-noto-cjk"

// FontFamily is the font-family list written into SVG: Noto Sans CJK SC
// first, then the CJK fonts a Windows machine in a Chinese office has.
const FontFamily = "Noto Sans CJK SC, Microsoft YaHei, SimHei, sans-serif"

// preferredFamily is the face picked from a font collection.
const preferredFamily = "Noto Sans CJK SC"

// fontPaths are the places Noto Sans CJK is installed by common Linux
// distributions, tried in order before searching fontDirs.
var fontPaths = []string{
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", // Debian, Ubuntu
	"/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",      // Arch
	"/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
}

// fontDirs are searched recursively when no fontPaths entry exists.
var fontDirs = []string{"/usr/share/fonts", "/usr/local/share/fonts"}

// fontNames are the file names accepted by the directory search.
var fontNames = map[string]bool{
	"NotoSansCJK-Regular.ttc":   true,
	"NotoSansCJKsc-Regular.otf": true,
	"NotoSansSC-Regular.otf":    true,
}

// ErrNoFont is returned (wrapped) by FindFont when no CJK font is installed.
var ErrNoFont = errors.New("no Noto Sans CJK font found (install the Debian package " + FontPackage + ")")

// FindFont returns the path of the Noto Sans CJK regular font: the first of
// the distribution paths that exists, else the first match (in lexical order)
// of a search of /usr/share/fonts and /usr/local/share/fonts. The error wraps
// ErrNoFont and names the package to install.
func FindFont() (string, error) {
	for _, p := range fontPaths {
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p, nil
		}
	}
	var found []string
	for _, dir := range fontDirs {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if !d.IsDir() && fontNames[d.Name()] {
				found = append(found, p)
			}
			return nil
		})
	}
	if len(found) == 0 {
		return "", fmt.Errorf("mapdraw: looked in %s and under %s: %w",
			strings.Join(fontPaths, ", "), strings.Join(fontDirs, ", "), ErrNoFont)
	}
	sort.Strings(found)
	return found[0], nil
}

// Font is a parsed OpenType font used to measure and draw text, with an
// optional bold face for titles. A Font is safe for concurrent use.
type Font struct {
	regular, bold *sfnt.Font
	// Path is the file the regular face was read from.
	Path string
}

var defaultFont = sync.OnceValues(func() (*Font, error) {
	p, err := FindFont()
	if err != nil {
		return nil, err
	}
	return LoadFont(p)
})

// DefaultFont returns Noto Sans CJK SC found by FindFont, loaded once per
// process and shared.
func DefaultFont() (*Font, error) { return defaultFont() }

// LoadFont reads an OpenType or TrueType font or collection. From a
// collection it takes the face whose family is "Noto Sans CJK SC", else the
// first face. When the file name contains "-Regular." and a "-Bold." file
// exists beside it, that file is loaded as the bold face for titles;
// otherwise titles use the regular face.
func LoadFont(path string) (*Font, error) {
	reg, err := loadFace(path)
	if err != nil {
		return nil, err
	}
	f := &Font{regular: reg, bold: reg, Path: path}
	if strings.Contains(filepath.Base(path), "-Regular.") {
		bp := filepath.Join(filepath.Dir(path), strings.Replace(filepath.Base(path), "-Regular.", "-Bold.", 1))
		if _, err := os.Stat(bp); err == nil {
			b, err := loadFace(bp)
			if err != nil {
				return nil, err
			}
			f.bold = b
		}
	}
	return f, nil
}

func loadFace(path string) (*sfnt.Font, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("mapdraw: font: %w", err)
	}
	c, err := opentype.ParseCollection(data)
	if err != nil {
		return nil, fmt.Errorf("mapdraw: font %s: %w", path, err)
	}
	var buf sfnt.Buffer
	var first *sfnt.Font
	for i := 0; i < c.NumFonts(); i++ {
		f, err := c.Font(i)
		if err != nil {
			return nil, fmt.Errorf("mapdraw: font %s face %d: %w", path, i, err)
		}
		if first == nil {
			first = f
		}
		if name, err := f.Name(&buf, sfnt.NameIDFamily); err == nil && name == preferredFamily {
			return f, nil
		}
	}
	if first == nil {
		return nil, fmt.Errorf("mapdraw: font %s holds no faces", path)
	}
	return first, nil
}

// Vertical text metrics, in em, shared by every measurer: the ideographic em
// box of Noto Sans CJK spans 880 units above and 120 below the baseline of
// its 1000-unit em, and lines advance by lineAdvance em.
const (
	emAscent    = 0.88
	emDescent   = 0.12
	lineAdvance = 1.25
)

// ApproxTextWidth is the width in pixels of s at size px when no font is at
// hand (SVG output without Map.Font): a CJK ideograph, kana, hangul or
// full-width form is 1 em, any other character 0.55 em, which is the mean
// advance of Noto Sans's Latin letters and digits rounded up.
func ApproxTextWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		if isWide(r) {
			w += 1
		} else {
			w += 0.55
		}
	}
	return w * size
}

func isWide(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115F, // Hangul Jamo
		r >= 0x2E80 && r <= 0x303E, // CJK radicals, punctuation
		r >= 0x3041 && r <= 0x33FF, // kana, CJK compatibility
		r >= 0x3400 && r <= 0x4DBF, // CJK extension A
		r >= 0x4E00 && r <= 0x9FFF, // CJK unified ideographs
		r >= 0xAC00 && r <= 0xD7A3, // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF, // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60, // full-width forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x20000 && r <= 0x3FFFD:
		return true
	}
	return unicode.Is(unicode.Han, r)
}

// measurer measures text widths for one render. It is not safe for
// concurrent use: it caches faces, which hold scratch buffers.
type measurer struct {
	font  *Font // nil: ApproxTextWidth
	faces map[faceKey]font.Face
}

type faceKey struct {
	size float64
	bold bool
}

func newMeasurer(f *Font) *measurer {
	return &measurer{font: f, faces: map[faceKey]font.Face{}}
}

// face returns the face at size px (bold or regular); nil without a font.
func (m *measurer) face(size float64, bold bool) font.Face {
	if m.font == nil {
		return nil
	}
	k := faceKey{size, bold}
	if f, ok := m.faces[k]; ok {
		return f
	}
	src := m.font.regular
	if bold {
		src = m.font.bold
	}
	f, err := opentype.NewFace(src, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		// NewFace fails only for a non-positive size or DPI, which the
		// layout never asks for.
		panic(fmt.Sprintf("mapdraw: font face at %g px: %v", size, err))
	}
	m.faces[k] = f
	return f
}

// width is the advance width of one line of text in pixels.
func (m *measurer) width(s string, size float64, bold bool) float64 {
	f := m.face(size, bold)
	if f == nil {
		return ApproxTextWidth(s, size)
	}
	return fixedToFloat(font.MeasureString(f, s))
}

func fixedToFloat(x fixed.Int26_6) float64 { return float64(x) / 64 }
