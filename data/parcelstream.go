package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"sync"

	sqlite3 "github.com/mattn/go-sqlite3"
	"github.com/paulmach/orb"

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
// threshold. A goroutine numbers the parcels as they come (number) and
// packs the spatial index at the end, while the caller's goroutine writes
// the rows (write).
type parcelStream struct {
	db       *DB
	imp      planner.Import
	index    spatialIndex
	tx       *sql.Tx
	conn     *sql.Conn
	stored   map[string]int64 // id -> fid of the rows stored before
	importID int64
	kept     []rtreeEntry // the stored rows' entries, before the replaced ones are dropped

	// Set by number.
	next      int64 // the fid of the next new parcel
	ids       *idChecker
	conflicts []string // ids of parcels already stored, in order
	count     int      // parcels received

	// Set by write.
	err   error // the first failure; the rest is received and dropped
	ins   *rawInserter
	batch *rawBatch // the rows being filled
	sc    *sqlite3.SQLiteConn
}

// numbered is a run of parcels with the fid and bound of each (fid -1
// for a parcel not to be written: its id is stored and replace is not
// set) and the fids of the stored rows they replace.
type numbered struct {
	ps       []planner.Parcel
	fids     []int64
	bounds   []orb.Bound
	replaced []int64
}

// run opens the transaction, writes the parcels of head and then of
// batches, and finishes the import once batches is closed.
func (st *parcelStream) run(ctx context.Context, head [][]planner.Parcel, batches <-chan []planner.Parcel) error {
	if err := st.begin(ctx); err != nil {
		return err
	}
	defer st.conn.Close()
	defer st.tx.Rollback()
	// Room for the runs of a few million parcels, so that numbering
	// never waits on the writes.
	work := make(chan numbered, 4096)
	var packed rtreePack
	var wg sync.WaitGroup
	wg.Go(func() { packed = st.number(head, batches, work) })
	err := withRawConn(st.conn, func(sc *sqlite3.SQLiteConn) error {
		ins, err := newRawInserter(sc, parcelsRawTable(st.importID))
		if err != nil {
			return fmt.Errorf("store parcels of %s: %w", label(st.imp.File), err)
		}
		defer ins.close()
		st.ins, st.sc, st.batch = ins, sc, newRawBatch(ins.table)
		for nb := range work {
			st.write(ctx, nb)
		}
		if st.err == nil {
			st.err = st.flush()
		}
		return nil
	})
	drain(work)
	wg.Wait()
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("store parcels of %s in %s: %w", label(st.imp.File), st.db.path, err)
	}
	return st.finish(ctx, packed)
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

// number gives each parcel of head and then of batches its fid, as
// PutParcels does (a replaced parcel keeps its stored fid, a new one gets
// the next), checks the ids and hands each run over on work, which it
// closes at the end. Then it packs the spatial index of the stored rows
// kept and of the parcels received, beside the last writes.
func (st *parcelStream) number(head [][]planner.Parcel, batches <-chan []planner.Parcel, work chan<- numbered) rtreePack {
	var entries []rtreeEntry
	send := func(ps []planner.Parcel) {
		nb := numbered{ps: ps, fids: make([]int64, len(ps)), bounds: make([]orb.Bound, len(ps))}
		for i := range ps {
			p := &ps[i]
			st.count++
			st.ids.add(p.ID)
			fid, isStored := st.stored[p.ID]
			switch {
			case isStored && !st.imp.Replace:
				st.conflicts = append(st.conflicts, p.ID)
				fid = -1
			case isStored:
				st.conflicts = append(st.conflicts, p.ID)
				nb.replaced = append(nb.replaced, fid)
			default:
				fid = st.next
				st.next++
			}
			b := p.Geometry.Bound()
			nb.fids[i], nb.bounds[i] = fid, b
			if fid >= 0 && !b.IsEmpty() {
				entries = append(entries, newRtreeEntry(fid, b))
			}
		}
		work <- nb
	}
	for _, ps := range head {
		send(ps)
	}
	for ps := range batches {
		send(ps)
	}
	close(work)
	replaced := make(map[int64]bool, len(st.conflicts))
	for _, id := range st.conflicts {
		replaced[st.stored[id]] = true
	}
	all := make([]rtreeEntry, 0, len(st.kept)+len(entries))
	for _, e := range st.kept {
		if !replaced[e.id] {
			all = append(all, e)
		}
	}
	return packRtree(append(all, entries...))
}

// write deletes the stored rows the run nb replaces and encodes its
// parcels, writing each batch as it fills. After the first failure it
// does nothing: the errors are made once all ids are in (finish).
func (st *parcelStream) write(ctx context.Context, nb numbered) {
	if st.err != nil {
		return
	}
	if err := ctx.Err(); err != nil {
		st.err = fmt.Errorf("store parcels of %s: %w", label(st.imp.File), err)
		return
	}
	if len(nb.replaced) > 0 {
		var s strings.Builder
		for i, f := range nb.replaced {
			if i > 0 {
				s.WriteByte(',')
			}
			s.WriteString(strconv.FormatInt(f, 10))
		}
		if _, err := st.sc.Exec(`DELETE FROM parcels WHERE fid IN (`+s.String()+`)`, nil); err != nil {
			st.err = fmt.Errorf("store parcels of %s: delete replaced rows of parcels: %w", label(st.imp.File), err)
			return
		}
	}
	for i := range nb.ps {
		fid := nb.fids[i]
		if fid < 0 {
			st.err = errStop
			return
		}
		p := &nb.ps[i]
		if err := parcelRow(st.batch, fid, p, nb.bounds[i]); err != nil {
			st.err = fmt.Errorf("store parcels of %s: parcel %q: %w", label(st.imp.File), p.ID, err)
			return
		}
		if st.batch.full() {
			if st.err = st.flush(); st.err != nil {
				return
			}
		}
	}
}

// errStop marks a stream that stopped writing at an id already stored,
// without replace: the conflict error is made once all ids are in.
var errStop = fmt.Errorf("an id already stored")

// flush writes the batch being filled.
func (st *parcelStream) flush() error {
	if err := st.ins.exec(st.batch); err != nil {
		return fmt.Errorf("store parcels of %s: %w", label(st.imp.File), err)
	}
	st.batch.reset()
	return nil
}

// finish reports the first failure in the order PutParcels checks (ids
// repeated or empty, ids stored without replace, a row), or writes the
// packed spatial index, sets the import's count and commits.
func (st *parcelStream) finish(ctx context.Context, packed rtreePack) error {
	if err := st.ids.err(st.imp.File); err != nil {
		return err
	}
	if len(st.conflicts) > 0 && !st.imp.Replace {
		return conflictError(st.imp.File, "parcel", "parcels", st.conflicts)
	}
	if st.err != nil {
		return st.err
	}
	if err := st.index.write(ctx, st.tx, st.conn, packed); err != nil {
		return err
	}
	if _, err := st.tx.ExecContext(ctx, `UPDATE imports SET count = ? WHERE fid = ?`, st.count, st.importID); err != nil {
		return fmt.Errorf("record import of %s: %w", st.imp.File, err)
	}
	return st.db.finishParcels(ctx, st.tx, st.imp.File, true, packed.extent)
}
