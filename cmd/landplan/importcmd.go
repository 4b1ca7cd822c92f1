package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/landplan/landplan/data"
	"github.com/landplan/landplan/geo"
	"github.com/landplan/landplan/geo/crs"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/ingest"
)

// tr picks the message of the chosen language.
func (m *Main) tr(en, zh string) string {
	if m.Lang == "zh" {
		return zh
	}
	return en
}

// readInput reads a whole input file and its SHA-256; a missing or empty
// file is bad input.
func readInput(path string) ([]byte, string, error) {
	b, err := readInputFile(path)
	if err != nil {
		return nil, "", err
	}
	return b, sha256Hex(b), nil
}

// readInputFile reads a whole input file; a missing or empty file is bad
// input.
func readInputFile(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, withZH(planner.Errorf(planner.KindInvalid, "%s: %w", path, err), readErrorZH(path, err))
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, withZH(planner.Errorf(planner.KindInvalid, "%s: the file is empty", path), path+"：文件为空")
	}
	return b, nil
}

// sha256Hex returns the SHA-256 of b in hexadecimal.
func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func (m *Main) runImportParcels(ctx context.Context) error {
	fs := m.newFlagSet()
	crsFlag := fs.String("crs", "", "CRS of projected input, e.g. EPSG:4545")
	layer := fs.String("layer", "", "layer of a GeoPackage input")
	replace := fs.Bool("replace", false, "replace parcels with the same ids")
	pos, err := m.parseArgs(fs)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageBoth("import parcels takes one FILE (GeoJSON or GeoPackage)", "import parcels 需要一个文件（GeoJSON 或 GeoPackage）")
	}
	path := pos[0]
	crs, err := crs.ParseCRS(*crsFlag)
	if err != nil {
		return &usageError{msg: fmt.Sprintf("--crs: %v", err), zh: crsErrorZH(*crsFlag)}
	}
	defer collectLess(defaultMaxMemory())()
	b, err := readInputFile(path)
	if err != nil {
		return err
	}
	imp := planner.Import{Kind: "parcels", File: filepath.Base(path), CRS: *crsFlag, Replace: *replace}
	var parcels []planner.Parcel
	if isGeoPackage(b) {
		if *crsFlag != "" {
			return usageBoth("--crs is for GeoJSON input: a GeoPackage layer names its own CRS", "--crs 只用于 GeoJSON 输入：GeoPackage 图层自带坐标系")
		}
		imp.SHA256 = sha256Hex(b)
		parcels, err = m.importGeoPackageParcels(ctx, path, *layer, imp)
	} else {
		if *layer != "" {
			return usageBoth("--layer is for GeoPackage input", "--layer 只用于 GeoPackage 输入")
		}
		parcels, err = m.importGeoJSONParcels(ctx, path, b, crs, imp)
	}
	if err != nil {
		return err
	}
	var m2 float64
	for _, p := range parcels {
		m2 += p.AreaM2
	}
	mu := m2 / planner.SquareMetresPerMu
	fmt.Fprintf(m.Stderr, m.tr("imported %d parcels (%s mu, %s ha) from %s into %s\n",
		"已导入 %d 宗地块（%s 亩，%s 公顷），来源 %s，数据库 %s\n"),
		len(parcels), fmtNum(mu, 1), fmtNum(mu/planner.MuPerHectare, 2), path, m.DBPath)
	return nil
}

// importGeoPackageParcels reads the parcels of a GeoPackage layer and
// stores them.
func (m *Main) importGeoPackageParcels(ctx context.Context, path, layer string, imp planner.Import) ([]planner.Parcel, error) {
	fs, err := data.ReadGeoPackageLayer(path, layer)
	var ie *geo.InputError
	if errors.As(err, &ie) {
		return nil, ingest.ParcelsInputError(ie)
	}
	if err != nil {
		return nil, err
	}
	parcels, err := ingest.ParcelsFromFeatures(fs, path)
	if err != nil {
		return nil, err
	}
	db, err := m.openDB(true)
	if err != nil {
		return nil, err
	}
	if err := db.PutParcels(ctx, imp, parcels); err != nil {
		m.discardNewDB()
		return nil, err
	}
	return parcels, nil
}

// importGeoJSONParcels reads and checks every parcel of the GeoJSON b,
// then stores them in one transaction; the file's hash is made while the
// database opens (storing while later parcels are still read was measured
// slower, and making the hash and a new database beside the read no
// faster, the read keeping both cores busy: BENCHMARKS.md §1).
func (m *Main) importGeoJSONParcels(ctx context.Context, path string, b []byte, c crs.CRS, imp planner.Import) ([]planner.Parcel, error) {
	parcels, err := ingest.ReadParcels(bytes.NewReader(b), ingest.ParcelOptions{File: path, CRS: c})
	if err != nil {
		return nil, err
	}
	// The file's hash is made while the database opens.
	sum := make(chan string, 1)
	go func() { sum <- sha256Hex(b) }()
	db, err := m.openDB(true)
	imp.SHA256 = <-sum
	if err != nil {
		return nil, err
	}
	if err := db.PutParcels(ctx, imp, parcels); err != nil {
		m.discardNewDB()
		return nil, err
	}
	return parcels, nil
}

func (m *Main) runImportProposals(ctx context.Context) error {
	fs := m.newFlagSet()
	replace := fs.Bool("replace", false, "replace proposals with the same ids")
	pos, err := m.parseArgs(fs)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageBoth("import proposals takes one FILE (CSV or XLSX)", "import proposals 需要一个文件（CSV 或 XLSX）")
	}
	path := pos[0]
	b, sum, err := readInput(path)
	if err != nil {
		return err
	}
	props, err := ingest.ReadProposals(bytes.NewReader(b), ingest.ProposalOptions{File: path, Warn: func(d planner.Diagnostic) {
		fmt.Fprintln(m.Stderr, m.diagnostic(d))
	}})
	if err != nil {
		return err
	}
	db, err := m.openDB(true)
	if err != nil {
		return err
	}
	imp := planner.Import{Kind: "proposals", File: filepath.Base(path), SHA256: sum, Replace: *replace}
	if err := db.PutProposals(ctx, imp, props); err != nil {
		m.discardNewDB()
		return err
	}
	var mu float64
	for _, p := range props {
		mu += p.AreaMu
	}
	fmt.Fprintf(m.Stderr, m.tr("imported %d proposals (%s mu requested) from %s into %s\n",
		"已导入 %d 个项目申请（申请用地 %s 亩），来源 %s，数据库 %s\n"),
		len(props), fmtNum(mu, 1), path, m.DBPath)
	return nil
}

// isGeoPackage reports whether b starts like an SQLite database file.
func isGeoPackage(b []byte) bool {
	return bytes.HasPrefix(b, []byte("SQLite format 3\x00"))
}

// fmtNum formats x with the given decimals and thousands separators.
func fmtNum(x float64, decimals int) string {
	s := fmt.Sprintf("%.*f", decimals, x)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String()
	if hasFrac {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}
