package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"github.com/landplan/landplan/data"
	"github.com/landplan/landplan/data/sample"
	"github.com/landplan/landplan/geo"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/ingest"
)

// runDemo runs the whole job on the embedded Liuzhou sample. The database
// is built under a temporary name and renamed into place at the end, so an
// interrupted demo leaves the previous one intact.
func (m *Main) runDemo(ctx context.Context) error {
	fs := m.newFlagSet()
	out := fs.String("out", "landplan-demo", "output directory")
	pos, err := m.parseArgs(fs)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("demo takes no arguments (did you mean --out %s?)", pos[0])
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	final := filepath.Join(*out, "landplan.gpkg")
	tmp := final + ".tmp"
	os.Remove(tmp)
	defer os.Remove(tmp)
	db, err := data.Open(tmp)
	if err != nil {
		return err
	}
	m.db = db

	parcels, err := ingest.ReadParcels(bytes.NewReader(sample.ParcelsGeoJSON),
		ingest.ParcelOptions{File: sample.ParcelsFile, CRS: geo.CRS{}})
	if err != nil {
		return fmt.Errorf("embedded sample: %w", err)
	}
	if err := db.PutParcels(ctx, planner.Import{Kind: "parcels", File: sample.ParcelsFile, SHA256: sha(sample.ParcelsGeoJSON)}, parcels); err != nil {
		return err
	}
	props, err := ingest.ReadProposals(bytes.NewReader(sample.ProposalsCSV), ingest.ProposalOptions{File: sample.ProposalsFile})
	if err != nil {
		return fmt.Errorf("embedded sample: %w", err)
	}
	if err := db.PutProposals(ctx, planner.Import{Kind: "proposals", File: sample.ProposalsFile, SHA256: sha(sample.ProposalsCSV)}, props); err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, m.tr("imported the embedded Liuzhou sample: %d parcels, %d proposals\n",
		"已导入内置柳州样例：%d 宗地块，%d 个项目申请\n"), len(parcels), len(props))

	sum := planner.Summarize(parcels, props)
	if err := m.printSummary(sum); err != nil {
		return err
	}
	if err := m.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, final); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	fmt.Fprintf(m.Stdout, "\n%s %s\n", m.tr("database (GeoPackage, opens in QGIS):", "数据库（GeoPackage，可用 QGIS 打开）："), final)
	return nil
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
