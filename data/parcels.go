package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/paulmach/orb"

	"github.com/landplan/landplan/geo"
	"github.com/landplan/landplan/planner"
)

// parcelColumns are the parcels columns written and read, after fid, in
// the order of parcelArgs and scanParcel.
var parcelColumns = []string{"geom", "id", "zone", "land_use", "status",
	"min_plot_ratio", "max_plot_ratio", "serviced", "price",
	"agreed_start", "halted_since", "developed_share", "invested_share",
	"current_plot_ratio", "current_tax_per_mu",
	"area_m2", "area_mu", "area_ha", "extra", "import_id"}

// parcelSelect selects parcelColumns, the dates as the text stored (the
// driver would turn DATE text into time.Time).
var parcelSelect = strings.NewReplacer(
	"agreed_start", "CAST(agreed_start AS TEXT)",
	"halted_since", "CAST(halted_since AS TEXT)",
).Replace(strings.Join(parcelColumns, ", "))

// PutParcels stores ps in one transaction: all or nothing. Without
// imp.Replace, ids already stored are a planner.Error of KindConflict
// naming them; with it, each stored parcel of the same id is deleted and
// the new one inserted under the same fid, so that importing the same file
// again with replace leaves the parcels table as it was. Ids repeated
// within ps, or empty, are a KindInvalid error.
func (db *DB) PutParcels(ctx context.Context, imp planner.Import, ps []planner.Parcel) error {
	if err := checkImport(imp, "parcels"); err != nil {
		return err
	}
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	if err := checkBatchIDs(imp.File, "parcel", ids); err != nil {
		return err
	}

	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store parcels of %s in %s: %w", label(imp.File), db.path, err)
	}
	defer tx.Rollback()

	stored, err := storedIDs(ctx, tx, "parcels")
	if err != nil {
		return fmt.Errorf("store parcels of %s in %s: %w", label(imp.File), db.path, err)
	}
	var conflicts []string
	for _, id := range ids {
		if _, ok := stored[id]; ok {
			conflicts = append(conflicts, id)
		}
	}
	if len(conflicts) > 0 && !imp.Replace {
		return conflictError(imp.File, "parcel", "parcels", conflicts)
	}
	importID, err := db.recordImport(ctx, tx, imp, "parcels", len(ps))
	if err != nil {
		return err
	}

	// A large batch rebuilds the spatial index once at the end (rtree.go):
	// the entries of the rows kept, then those of the rows written.
	index := spatialIndex{table: "parcels", geom: "geom", pk: "fid"}
	var entries []rtreeEntry
	bulk := len(ps) >= bulkIndexThreshold
	if bulk {
		if entries, err = index.readEntries(ctx, tx); err != nil {
			return err
		}
		replaced := make(map[int64]bool, len(conflicts))
		for _, id := range conflicts {
			replaced[stored[id]] = true
		}
		entries = slices.DeleteFunc(entries, func(e rtreeEntry) bool { return replaced[e.id] })
		if err := index.dropWriteTriggers(ctx, tx); err != nil {
			return err
		}
	}

	// Replaced parcels keep their fid; new ones get the fids SQLite would
	// give them, so that the spatial index can be built from the fids.
	replacedFIDs := make([]int64, len(conflicts))
	for i, id := range conflicts {
		replacedFIDs[i] = stored[id]
	}
	if err := deleteFIDs(ctx, tx, "parcels", replacedFIDs); err != nil {
		return fmt.Errorf("store parcels of %s: %w", label(imp.File), err)
	}
	next, err := nextFID(ctx, tx, "parcels")
	if err != nil {
		return fmt.Errorf("store parcels of %s: %w", label(imp.File), err)
	}
	fids := make([]int64, len(ps))
	for i := range ps {
		fid, ok := stored[ps[i].ID]
		if !ok {
			fid = next
			next++
		}
		fids[i] = fid
	}

	// Two goroutines work beside SQLite: one packs the spatial index, one
	// encodes the geometries ahead of the inserts, a group of rows at a
	// time. Both are waited for before returning, as they read ps.
	var wg sync.WaitGroup
	defer wg.Wait()
	var packed rtreePack
	if bulk {
		for i := range ps {
			if !emptyGeometry(ps[i].Geometry) {
				entries = append(entries, newRtreeEntry(fids[i], ps[i].Geometry.Bound()))
			}
		}
		wg.Go(func() { packed = packRtree(entries) })
	}
	blobs := make([][]byte, len(ps))
	blobErrs := make([]error, len(ps))
	encoded := make(chan int, len(ps)/batchRows+1)
	wg.Go(func() {
		defer close(encoded)
		for i := range ps {
			blobs[i], blobErrs[i] = geo.EncodeGPKG(ps[i].Geometry, SRSCGCS2000)
			if (i+1)%batchRows == 0 || i == len(ps)-1 {
				encoded <- i + 1
			}
		}
	})
	defer func() {
		for range encoded {
		}
	}()

	ins, err := newBatchInserter(ctx, tx, "parcels", append([]string{"fid"}, parcelColumns...))
	if err != nil {
		return fmt.Errorf("store parcels of %s: %w", label(imp.File), err)
	}
	defer ins.close()
	ready := 0
	for i := range ps {
		if i%batchRows == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("store parcels of %s: %w", label(imp.File), err)
			}
		}
		for ready <= i {
			ready = <-encoded
		}
		p := &ps[i]
		if blobErrs[i] != nil {
			return fmt.Errorf("store parcels of %s: parcel %q: %w", label(imp.File), p.ID, blobErrs[i])
		}
		args, err := ins.row()
		if err != nil {
			return fmt.Errorf("store parcels of %s: %w", label(imp.File), err)
		}
		args[0] = fids[i]
		if err := parcelArgs(args[1:], p, blobs[i], importID); err != nil {
			return fmt.Errorf("store parcels of %s: parcel %q: %w", label(imp.File), p.ID, err)
		}
	}
	if err := ins.flush(); err != nil {
		return fmt.Errorf("store parcels of %s: %w", label(imp.File), err)
	}
	if bulk {
		wg.Wait()
		if err := index.write(ctx, tx, packed); err != nil {
			return err
		}
	}
	if err := updateContents(ctx, tx, "parcels", "geom", db.now().UTC().Format(gpkgTimeFormat)); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store parcels of %s in %s: commit: %w", label(imp.File), db.path, err)
	}
	return nil
}

// storedIDs reads the id and fid of every row of a table.
func storedIDs(ctx context.Context, tx *sql.Tx, table string) (map[string]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, fid FROM `+quoteIdent(table))
	if err != nil {
		return nil, fmt.Errorf("read stored %s ids: %w", table, err)
	}
	defer rows.Close()
	ids := map[string]int64{}
	for rows.Next() {
		var id string
		var fid int64
		if err := rows.Scan(&id, &fid); err != nil {
			return nil, fmt.Errorf("read stored %s ids: %w", table, err)
		}
		ids[id] = fid
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read stored %s ids: %w", table, err)
	}
	return ids, nil
}

// parcelArgs fills args with the column values of p in parcelColumns
// order, blob being its encoded geometry.
func parcelArgs(args []any, p *planner.Parcel, blob []byte, importID int64) error {
	var extra any
	if len(p.Extra) > 0 {
		b, err := json.Marshal(p.Extra)
		if err != nil {
			return fmt.Errorf("extra properties: %w", err)
		}
		extra = string(b)
	}
	args[0] = blob
	args[1] = p.ID
	args[2] = nullString(p.Zone)
	args[3] = p.LandUse
	args[4] = string(p.Status)
	args[5] = nullFloat(p.MinPlotRatio)
	args[6] = nullFloat(p.MaxPlotRatio)
	if p.Serviced != nil {
		args[7] = *p.Serviced
	} else {
		args[7] = nil
	}
	args[8] = nullFloat(p.Price)
	for i, d := range [...]struct{ name, value string }{{"agreed_start", p.AgreedStart}, {"halted_since", p.HaltedSince}} {
		if d.value != "" {
			if _, err := time.Parse(time.DateOnly, d.value); err != nil {
				return planner.Errorf(planner.KindInvalid, "%s %q is not a date YYYY-MM-DD", d.name, d.value)
			}
		}
		args[9+i] = nullString(d.value)
	}
	args[11] = nullFloat(p.DevelopedShare)
	args[12] = nullFloat(p.InvestedShare)
	args[13] = nullFloat(p.CurrentPlotRatio)
	args[14] = nullFloat(p.CurrentTaxPerMu)
	args[15] = p.AreaM2
	args[16] = p.AreaM2 / planner.SquareMetresPerMu
	args[17] = p.AreaM2 / 10000
	args[18] = extra
	args[19] = importID
	return nil
}

// Parcels returns every stored parcel, ordered by id, with its geometry
// decoded, absent optional values nil and its extra properties decoded.
func (db *DB) Parcels(ctx context.Context) ([]planner.Parcel, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT `+parcelSelect+` FROM parcels ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read parcels from %s: %w", db.path, err)
	}
	defer rows.Close()
	var out []planner.Parcel
	for rows.Next() {
		p, err := scanParcel(rows)
		if err != nil {
			return nil, fmt.Errorf("read parcels from %s: %w", db.path, err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read parcels from %s: %w", db.path, err)
	}
	return out, nil
}

// scanParcel reads one row of parcelColumns.
func scanParcel(rows *sql.Rows) (planner.Parcel, error) {
	var (
		p                                                                       planner.Parcel
		blob                                                                    []byte
		zone, agreed, halted, extra                                             sql.NullString
		minPR, maxPR, price, developed, invested, curPR, curTax, areaMu, areaHa sql.NullFloat64
		serviced                                                                sql.NullBool
		importID                                                                sql.NullInt64
		status                                                                  string
	)
	if err := rows.Scan(&blob, &p.ID, &zone, &p.LandUse, &status,
		&minPR, &maxPR, &serviced, &price,
		&agreed, &halted, &developed, &invested,
		&curPR, &curTax,
		&p.AreaM2, &areaMu, &areaHa, &extra, &importID); err != nil {
		return p, err
	}
	p.Status = planner.Status(status)
	p.Zone = zone.String
	p.AgreedStart = agreed.String
	p.HaltedSince = halted.String
	p.MinPlotRatio = floatPtr(minPR)
	p.MaxPlotRatio = floatPtr(maxPR)
	p.Price = floatPtr(price)
	p.DevelopedShare = floatPtr(developed)
	p.InvestedShare = floatPtr(invested)
	p.CurrentPlotRatio = floatPtr(curPR)
	p.CurrentTaxPerMu = floatPtr(curTax)
	if serviced.Valid {
		b := serviced.Bool
		p.Serviced = &b
	}
	if blob != nil {
		g, _, err := geo.DecodeGPKG(blob)
		if err != nil {
			return p, fmt.Errorf("parcel %q: geometry: %w", p.ID, err)
		}
		mp, err := asMultiPolygon(g)
		if err != nil {
			return p, fmt.Errorf("parcel %q: geometry: %w", p.ID, err)
		}
		p.Geometry = mp
	}
	if extra.Valid && extra.String != "" {
		if err := json.Unmarshal([]byte(extra.String), &p.Extra); err != nil {
			return p, fmt.Errorf("parcel %q: extra properties: %w", p.ID, err)
		}
	}
	return p, nil
}

// asMultiPolygon returns g as a MultiPolygon, wrapping a Polygon.
func asMultiPolygon(g orb.Geometry) (orb.MultiPolygon, error) {
	switch g := g.(type) {
	case orb.MultiPolygon:
		return g, nil
	case orb.Polygon:
		return orb.MultiPolygon{g}, nil
	case nil:
		return nil, nil
	}
	return nil, fmt.Errorf("a %s, not a polygon or multipolygon", g.GeoJSONType())
}

// nullString returns nil for "" and s otherwise.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// nullFloat returns nil for a nil pointer and the value otherwise.
func nullFloat(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

// floatPtr returns a pointer to a valid value, nil for NULL.
func floatPtr(f sql.NullFloat64) *float64 {
	if !f.Valid {
		return nil
	}
	v := f.Float64
	return &v
}
