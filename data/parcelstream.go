package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	sqlite3 "github.com/mattn/go-sqlite3"

	"github.com/landplan/landplan/planner"
)

// PutParcelStream stores the parcels received on batches, in the order
// received, as PutParcels stores them, while the sender may still be
// reading later ones: the same rows under the same fids, the same spatial
// index and import record, the same errors, all in one transaction.
//
// It returns once batches is closed. It commits only if ctx is not done
// then: a sender that finds a problem in its input cancels ctx before
// closing batches, and nothing is stored. After a failure it goes on
// receiving, and dropping, until batches is closed, so that the sender
// never waits on it. Fewer than the bulk-index threshold of parcels are
// handed to PutParcels whole. The slices received must not change until
// it returns.
func (db *DB) PutParcelStream(ctx context.Context, imp planner.Import, batches <-chan []planner.Parcel) error {
	defer drain(batches)
	if err := checkImport(imp, "parcels"); err != nil {
		return err
	}
	var head [][]planner.Parcel
	n := 0
	for n < bulkIndexThreshold {
		ps, ok := <-batches
		if !ok {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("store parcels of %s in %s: %w", label(imp.File), db.path, err)
			}
			return db.PutParcels(ctx, imp, concatParcels(head, n))
		}
		head = append(head, ps)
		n += len(ps)
	}
	ps := &parcelStream{db: db, imp: imp, ids: newIDChecker("parcel", 0)}
	return ps.run(ctx, head, batches)
}

// drain receives from c until it is closed.
func drain[T any](c <-chan T) {
	for range c {
	}
}

// concatParcels returns the parcels of the slices in order, n in all.
func concatParcels(slices [][]planner.Parcel, n int) []planner.Parcel {
	out := make([]planner.Parcel, 0, n)
	for _, s := range slices {
		out = append(out, s...)
	}
	return out
}

// parcelStream is the state of one PutParcelStream past the bulk-index
// threshold.
type parcelStream struct {
	db        *DB
	imp       planner.Import
	index     spatialIndex
	tx        *sql.Tx
	conn      *sql.Conn
	stored    map[string]int64 // id -> fid of the rows stored before
	importID  int64
	next      int64 // the fid of the next new parcel
	ids       *idChecker
	conflicts []string     // ids of ps already stored, in order
	replace   []int64      // fids of the batch being filled, to delete before it is written
	entries   []rtreeEntry // of the new rows, in order
	count     int          // parcels received
	err       error        // the first failure; the rest is received and dropped
	ins       *rawInserter // nil until the transaction is open
	batch     *rawBatch    // the rows being filled
	kept      []rtreeEntry // the stored rows' entries, before the replaced ones are dropped
	sc        *sqlite3.SQLiteConn
}

// run opens the transaction, writes the parcels of head and then of
// batches, and finishes the import once batches is closed.
func (st *parcelStream) run(ctx context.Context, head [][]planner.Parcel, batches <-chan []planner.Parcel) error {
	if err := st.begin(ctx); err != nil {
		return err
	}
	defer st.conn.Close()
	defer st.tx.Rollback()
	err := withRawConn(st.conn, func(sc *sqlite3.SQLiteConn) error {
		ins, err := newRawInserter(sc, parcelsRawTable(st.importID))
		if err != nil {
			return fmt.Errorf("store parcels of %s: %w", label(st.imp.File), err)
		}
		defer ins.close()
		st.ins, st.sc, st.batch = ins, sc, newRawBatch(ins.table)
		for _, ps := range head {
			st.add(ctx, ps)
		}
		for ps := range batches {
			st.add(ctx, ps)
		}
		if st.err == nil {
			st.err = st.flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("store parcels of %s in %s: %w", label(st.imp.File), st.db.path, err)
	}
	return st.finish(ctx)
}

// begin opens the transaction on a connection of its own, reads the ids
// stored, records the import and prepares the bulk rebuild of the
// spatial index.
func (st *parcelStream) begin(ctx context.Context) error {
	db, file := st.db, st.imp.File
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store parcels of %s in %s: %w", label(file), db.path, err)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		conn.Close()
		return fmt.Errorf("store parcels of %s in %s: %w", label(file), db.path, err)
	}
	st.conn, st.tx = conn, tx
	fail := func(err error) error {
		tx.Rollback()
		conn.Close()
		return err
	}
	if st.stored, err = storedIDs(ctx, tx, "parcels"); err != nil {
		return fail(fmt.Errorf("store parcels of %s in %s: %w", label(file), db.path, err))
	}
	// The count is set once all parcels are in (finish).
	if st.importID, err = db.recordImport(ctx, tx, st.imp, "parcels", 0); err != nil {
		return fail(err)
	}
	st.index = spatialIndex{table: "parcels", geom: "geom", pk: "fid"}
	if st.kept, err = keptIndexEntries(ctx, tx, st.index, nil, nil); err != nil {
		return fail(err)
	}
	if st.next, err = nextFID(ctx, tx, "parcels"); err != nil {
		return fail(fmt.Errorf("store parcels of %s: %w", label(file), err))
	}
	return nil
}

// add checks and encodes the parcels of ps, writing each batch as it
// fills. After the first failure it only counts and checks ids, so that
// the errors name every repeated or stored id as PutParcels does.
func (st *parcelStream) add(ctx context.Context, ps []planner.Parcel) {
	for i := range ps {
		p := &ps[i]
		st.count++
		st.ids.add(p.ID)
		fid, isStored := st.stored[p.ID]
		if isStored {
			st.conflicts = append(st.conflicts, p.ID)
			if !st.imp.Replace && st.err == nil {
				st.err = errStop
			}
		} else {
			fid = st.next
			st.next++
		}
		if st.err != nil {
			continue
		}
		if err := ctx.Err(); err != nil {
			st.err = fmt.Errorf("store parcels of %s: %w", label(st.imp.File), err)
			continue
		}
		if isStored {
			st.replace = append(st.replace, fid)
		}
		b := p.Geometry.Bound()
		if err := parcelRow(st.batch, fid, p, b); err != nil {
			st.err = fmt.Errorf("store parcels of %s: parcel %q: %w", label(st.imp.File), p.ID, err)
			continue
		}
		if !b.IsEmpty() {
			st.entries = append(st.entries, newRtreeEntry(fid, b))
		}
		if st.batch.full() {
			st.err = st.flush()
		}
	}
}

// errStop marks a stream that stopped writing at an id already stored,
// without replace: the conflict error is made once all ids are in.
var errStop = fmt.Errorf("an id already stored")

// flush deletes the stored rows the batch replaces and writes the batch.
func (st *parcelStream) flush() error {
	if len(st.replace) > 0 {
		var s strings.Builder
		for i, f := range st.replace {
			if i > 0 {
				s.WriteByte(',')
			}
			s.WriteString(strconv.FormatInt(f, 10))
		}
		if _, err := st.sc.Exec(`DELETE FROM parcels WHERE fid IN (`+s.String()+`)`, nil); err != nil {
			return fmt.Errorf("store parcels of %s: delete replaced rows of parcels: %w", label(st.imp.File), err)
		}
		st.replace = st.replace[:0]
	}
	if err := st.ins.exec(st.batch); err != nil {
		return fmt.Errorf("store parcels of %s: %w", label(st.imp.File), err)
	}
	st.batch.reset()
	return nil
}

// finish reports the first failure in the order PutParcels checks (ids
// repeated or empty, ids stored without replace, a row), or packs and
// writes the spatial index, sets the import's count and commits.
func (st *parcelStream) finish(ctx context.Context) error {
	if err := st.ids.err(st.imp.File); err != nil {
		return err
	}
	if len(st.conflicts) > 0 && !st.imp.Replace {
		return conflictError(st.imp.File, "parcel", "parcels", st.conflicts)
	}
	if st.err != nil {
		return st.err
	}
	replaced := make(map[int64]bool, len(st.conflicts))
	for _, id := range st.conflicts {
		replaced[st.stored[id]] = true
	}
	entries := st.kept[:0:0]
	for _, e := range st.kept {
		if !replaced[e.id] {
			entries = append(entries, e)
		}
	}
	packed := packRtree(append(entries, st.entries...))
	if err := st.index.write(ctx, st.tx, st.conn, packed); err != nil {
		return err
	}
	if _, err := st.tx.ExecContext(ctx, `UPDATE imports SET count = ? WHERE fid = ?`, st.count, st.importID); err != nil {
		return fmt.Errorf("record import of %s: %w", st.imp.File, err)
	}
	return st.db.finishParcels(ctx, st.tx, st.imp.File, true, packed.extent)
}
