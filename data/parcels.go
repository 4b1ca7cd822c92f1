package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"
	"github.com/paulmach/orb"

	"github.com/landplan/landplan/geo/gpkgwkb"
	"github.com/landplan/landplan/planner"
)

// parcelColumns are the parcels columns written and read, after fid, in
// the order of parcelRow and scanParcel.
var parcelColumns = []string{"geom", "id", "zone", "land_use", "status",
	"min_plot_ratio", "max_plot_ratio", "serviced", "price",
	"agreed_start", "halted_since", "developed_share", "invested_share",
	"current_plot_ratio", "current_tax_per_mu",
	"area_m2", "area_mu", "area_ha", "extra", "import_id",
	"evaluation_class", "class_years"}

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

	// The rows are written through the driver's own connection (batch.go),
	// inside the transaction opened on it here.
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store parcels of %s in %s: %w", label(imp.File), db.path, err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store parcels of %s in %s: %w", label(imp.File), db.path, err)
	}
	defer tx.Rollback()

	stored, err := storedIDs(ctx, tx, "parcels")
	if err != nil {
		return fmt.Errorf("store parcels of %s in %s: %w", label(imp.File), db.path, err)
	}
	conflicts := storedAmong(ids, stored)
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
		if entries, err = keptIndexEntries(ctx, tx, index, stored, conflicts); err != nil {
			return err
		}
	}
	fids, err := parcelFIDs(ctx, tx, imp.File, ps, stored, conflicts)
	if err != nil {
		return err
	}

	// One goroutine packs the spatial index beside SQLite while
	// writeParcelRows writes the rows. It is waited for before returning,
	// as it reads ps.
	var wg sync.WaitGroup
	defer wg.Wait()
	var packed rtreePack
	if bulk {
		wg.Go(func() { packed = packParcelIndex(entries, ps, fids) })
	}
	if err := writeParcelRows(ctx, conn, imp.File, parcelsRawTable(importID), ps, fids); err != nil {
		return err
	}
	if bulk {
		wg.Wait()
		if err := index.write(ctx, tx, conn, packed); err != nil {
			return err
		}
	}
	return db.finishParcels(ctx, tx, imp.File, bulk, packed.extent)
}

// storedAmong returns the ids that stored holds, in the order of ids.
func storedAmong(ids []string, stored map[string]int64) []string {
	var out []string
	for _, id := range ids {
		if _, ok := stored[id]; ok {
			out = append(out, id)
		}
	}
	return out
}

// packParcelIndex packs the spatial index of the entries kept and those of
// the parcels ps under fids (parcels without geometry have none).
func packParcelIndex(kept []rtreeEntry, ps []planner.Parcel, fids []int64) rtreePack {
	entries := slices.Grow(kept, len(ps))
	for i := range ps {
		if b := ps[i].Geometry.Bound(); !b.IsEmpty() {
			entries = append(entries, newRtreeEntry(fids[i], b))
		}
	}
	return packRtree(entries)
}

// keptIndexEntries prepares the bulk rebuild of the spatial index: it
// returns the entries of the stored rows that are kept (those of the ids
// in conflicts are replaced) and drops the index's write triggers.
func keptIndexEntries(ctx context.Context, tx *sql.Tx, index spatialIndex, stored map[string]int64, conflicts []string) ([]rtreeEntry, error) {
	entries, err := index.readEntries(ctx, tx)
	if err != nil {
		return nil, err
	}
	replaced := make(map[int64]bool, len(conflicts))
	for _, id := range conflicts {
		replaced[stored[id]] = true
	}
	entries = slices.DeleteFunc(entries, func(e rtreeEntry) bool { return replaced[e.id] })
	if err := index.dropWriteTriggers(ctx, tx); err != nil {
		return nil, err
	}
	return entries, nil
}

// parcelFIDs deletes the stored parcels of the ids in conflicts and
// returns the fid of each parcel of ps: replaced parcels keep their fid;
// new ones get the fids SQLite would give them, so that the spatial index
// can be built from the fids.
func parcelFIDs(ctx context.Context, tx *sql.Tx, file string, ps []planner.Parcel, stored map[string]int64, conflicts []string) ([]int64, error) {
	replacedFIDs := make([]int64, len(conflicts))
	for i, id := range conflicts {
		replacedFIDs[i] = stored[id]
	}
	if err := deleteFIDs(ctx, tx, "parcels", replacedFIDs); err != nil {
		return nil, fmt.Errorf("store parcels of %s: %w", label(file), err)
	}
	next, err := nextFID(ctx, tx, "parcels")
	if err != nil {
		return nil, fmt.Errorf("store parcels of %s: %w", label(file), err)
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
	return fids, nil
}

// The batches of parcel rows go over in groups, so that the goroutines
// hand over (and wake each other) a hundred times, not a thousand:
// parcelGroupsInFlight groups of parcelGroupSize batches of rawRows rows.
const parcelGroupsInFlight, parcelGroupSize = 3, 10

// writeParcelRows inserts the rows of ps under fids through the driver's
// own connection, within the transaction open on conn. A goroutine encodes
// the rows a batch at a time into the values to bind, ahead of the
// inserts; it is stopped and waited for before returning, as it reads ps.
func writeParcelRows(ctx context.Context, conn *sql.Conn, file string, table *rawTable, ps []planner.Parcel, fids []int64) error {
	free := make(chan []*rawBatch, parcelGroupsInFlight)
	ready := make(chan []*rawBatch, parcelGroupsInFlight) // never full: only parcelGroupsInFlight groups exist
	for range parcelGroupsInFlight {
		group := make([]*rawBatch, parcelGroupSize)
		for i := range group {
			group[i] = newRawBatch(table)
		}
		free <- group
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	stop := make(chan struct{})
	defer close(stop)
	wg.Go(func() { encodeParcelGroups(file, table, ps, fids, free, ready, stop) })
	return withRawConn(conn, func(sc *sqlite3.SQLiteConn) error {
		ins, err := newRawInserter(sc, table)
		if err != nil {
			return fmt.Errorf("store parcels of %s: %w", label(file), err)
		}
		defer ins.close()
		for group := range ready {
			for _, b := range group {
				if err := ctx.Err(); err != nil {
					return fmt.Errorf("store parcels of %s: %w", label(file), err)
				}
				if b.err != nil {
					return b.err
				}
				if err := ins.exec(b); err != nil {
					return fmt.Errorf("store parcels of %s: %w", label(file), err)
				}
			}
			free <- group
		}
		return nil
	})
}

// encodeParcelGroups encodes the rows of ps into groups of batches taken
// from free and hands each over on ready, which it closes at the end. A
// row that cannot be encoded ends the encoding: its group goes over up to
// the batch that carries the error. It returns early when stop is closed.
func encodeParcelGroups(file string, table *rawTable, ps []planner.Parcel, fids []int64, free <-chan []*rawBatch, ready chan<- []*rawBatch, stop <-chan struct{}) {
	defer close(ready)
	for start := 0; start < len(ps); start += parcelGroupSize * rawRows {
		var group []*rawBatch
		select {
		case group = <-free:
		case <-stop:
			return
		}
		group = group[:cap(group)]
		for g, b := range group {
			b.reset()
			from := start + g*rawRows
			if from >= len(ps) {
				group = group[:g]
				break
			}
			for i := from; i < min(from+rawRows, len(ps)); i++ {
				if err := parcelRow(b, fids[i], &ps[i], ps[i].Geometry.Bound()); err != nil {
					b.err = fmt.Errorf("store parcels of %s: parcel %q: %w", label(file), ps[i].ID, err)
					ready <- group[:g+1]
					return
				}
			}
		}
		ready <- group
	}
}

// finishParcels records the parcels' extent and time of change in
// gpkg_contents — after a bulk write, extent, the box of the index just
// packed, as updateContents would read it back from the index — writes the
// working styles and commits tx.
func (db *DB) finishParcels(ctx context.Context, tx *sql.Tx, file string, bulk bool, extent *rtreeEntry) error {
	now := db.now().UTC().Format(gpkgTimeFormat)
	var err error
	if bulk {
		err = setContentsExtent(ctx, tx, "parcels", now, extent)
	} else {
		err = updateContents(ctx, tx, "parcels", "geom", now)
	}
	if err != nil {
		return err
	}
	if err := db.writeWorkingStyles(ctx, tx, now); err != nil {
		return fmt.Errorf("store parcels of %s in %s: %w", label(file), db.path, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store parcels of %s in %s: commit: %w", label(file), db.path, err)
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

// parcelsRawTable says how parcelRow's values fill the parcels columns:
// fid and parcelColumns but the area in 亩 and hectares, which SQLite
// divides from the area in m² (the same IEEE division as in Go), and the
// import id, which all rows share.
func parcelsRawTable(importID int64) *rawTable {
	cols := append([]string{"fid"}, parcelColumns...)
	exprs := make([]string, len(cols))
	for i, c := range cols {
		switch c {
		case "area_mu":
			exprs[i] = "{16} / ?1"
		case "area_ha":
			exprs[i] = "{16} / ?2"
		case "import_id":
			exprs[i] = "?3"
		}
	}
	return &rawTable{name: "parcels", cols: cols, exprs: exprs,
		shared: []driver.Value{float64(planner.SquareMetresPerMu), float64(10000), importID}}
}

// parcelRow adds to b the parameters of p's row of parcelsRawTable,
// leaving absent optional values NULL; bound is p's geometry's bound.
func parcelRow(b *rawBatch, fid int64, p *planner.Parcel, bound orb.Bound) error {
	b.set(0, fid)
	start := len(b.arena)
	b.arena = appendGPKGMultiPolygon(b.arena, p.Geometry, bound, SRSCGCS2000)
	b.set(1, b.arena[start:len(b.arena):len(b.arena)])
	b.set(2, p.ID)
	b.set(3, nullString(p.Zone))
	b.set(4, p.LandUse)
	b.set(5, string(p.Status))
	b.set(6, nullFloat(p.MinPlotRatio))
	b.set(7, nullFloat(p.MaxPlotRatio))
	if p.Serviced != nil {
		b.set(8, *p.Serviced)
	}
	b.set(9, nullFloat(p.Price))
	for i, d := range [...]struct{ name, value string }{{"agreed_start", p.AgreedStart}, {"halted_since", p.HaltedSince}} {
		if d.value != "" {
			if _, err := time.Parse(time.DateOnly, d.value); err != nil {
				return planner.Errorf(planner.KindInvalid, "%s %q is not a date YYYY-MM-DD", d.name, d.value)
			}
		}
		b.set(10+i, nullString(d.value))
	}
	b.set(12, nullFloat(p.DevelopedShare))
	b.set(13, nullFloat(p.InvestedShare))
	b.set(14, nullFloat(p.CurrentPlotRatio))
	b.set(15, nullFloat(p.CurrentTaxPerMu))
	b.set(16, p.AreaM2)
	if len(p.Extra) > 0 {
		extra, err := json.Marshal(p.Extra)
		if err != nil {
			return fmt.Errorf("extra properties: %w", err)
		}
		b.set(17, string(extra))
	}
	b.set(18, nullString(p.EvaluationClass))
	if p.ClassYears > 0 {
		b.set(19, int64(p.ClassYears))
	}
	b.endRow()
	return nil
}

// appendGPKGMultiPolygon appends mp encoded as gpkgwkb.EncodeGPKG encodes it
// (a little-endian GeoPackage blob with an xy envelope, or the empty flag
// and no envelope when mp has no polygons), without its intermediate
// buffers. b is mp.Bound(), for the envelope.
func appendGPKGMultiPolygon(dst []byte, mp orb.MultiPolygon, b orb.Bound, srsID int32) []byte {
	const (
		flagLittleEndian = 0x01
		flagEnvelopeXY   = 0x01 << 1
		flagEmpty        = 0x01 << 4
		wkbPolygon       = 3
		wkbMultiPolygon  = 6
	)
	le := binary.LittleEndian
	dst = append(dst, 'G', 'P', 0)
	if len(mp) == 0 {
		dst = append(dst, flagLittleEndian|flagEmpty)
		dst = le.AppendUint32(dst, uint32(srsID))
		if mp == nil {
			return dst // orb's WKB encoder writes nothing for a nil geometry
		}
		dst = append(dst, 1)
		dst = le.AppendUint32(dst, wkbMultiPolygon)
		return le.AppendUint32(dst, 0)
	}
	dst = append(dst, flagLittleEndian|flagEnvelopeXY)
	dst = le.AppendUint32(dst, uint32(srsID))
	for _, v := range [...]float64{b.Min[0], b.Max[0], b.Min[1], b.Max[1]} {
		dst = le.AppendUint64(dst, math.Float64bits(v))
	}
	dst = append(dst, 1)
	dst = le.AppendUint32(dst, wkbMultiPolygon)
	dst = le.AppendUint32(dst, uint32(len(mp)))
	for _, poly := range mp {
		if poly == nil {
			continue // as orb's encoder: a nil polygon writes nothing
		}
		dst = append(dst, 1)
		dst = le.AppendUint32(dst, wkbPolygon)
		dst = le.AppendUint32(dst, uint32(len(poly)))
		for _, ring := range poly {
			dst = le.AppendUint32(dst, uint32(len(ring)))
			for _, pt := range ring {
				dst = le.AppendUint64(dst, math.Float64bits(pt[0]))
				dst = le.AppendUint64(dst, math.Float64bits(pt[1]))
			}
		}
	}
	return dst
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
		zone, agreed, halted, extra, class                                      sql.NullString
		minPR, maxPR, price, developed, invested, curPR, curTax, areaMu, areaHa sql.NullFloat64
		serviced                                                                sql.NullBool
		importID, classYears                                                    sql.NullInt64
		status                                                                  string
	)
	if err := rows.Scan(&blob, &p.ID, &zone, &p.LandUse, &status,
		&minPR, &maxPR, &serviced, &price,
		&agreed, &halted, &developed, &invested,
		&curPR, &curTax,
		&p.AreaM2, &areaMu, &areaHa, &extra, &importID, &class, &classYears); err != nil {
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
	p.EvaluationClass = class.String
	p.ClassYears = int(classYears.Int64)
	if serviced.Valid {
		b := serviced.Bool
		p.Serviced = &b
	}
	if blob != nil {
		g, _, err := gpkgwkb.DecodeGPKG(blob)
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
