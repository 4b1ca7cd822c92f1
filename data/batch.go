package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// batchRows is how many rows one INSERT statement of a batchInserter
// writes: one statement per row spends most of its time in per-statement
// overhead (database/sql, cgo, the statement reset), so rows go in groups.
// 50 rows of 22 columns stay far below SQLite's limit of 32766 parameters.
const batchRows = 50

// batchInserter writes rows into a table through multi-row INSERT
// statements prepared once in a transaction.
type batchInserter struct {
	ctx   context.Context
	tx    *sql.Tx
	table string
	cols  []string
	full  *sql.Stmt // batchRows rows
	args  []any
	n     int // rows in args
	done  int // rows written
}

// newBatchInserter prepares a batchInserter for the named columns. The
// statements run under ctx without its cancellation, which go-sqlite3
// would otherwise watch with a goroutine per statement: callers check
// ctx between rows instead.
func newBatchInserter(ctx context.Context, tx *sql.Tx, table string, cols []string) (*batchInserter, error) {
	b := &batchInserter{ctx: context.WithoutCancel(ctx), tx: tx, table: table, cols: cols}
	st, err := tx.PrepareContext(b.ctx, b.statement(batchRows))
	if err != nil {
		return nil, fmt.Errorf("prepare insert into %s: %w", table, err)
	}
	b.full = st
	b.args = make([]any, 0, batchRows*len(cols))
	return b, nil
}

// statement returns the INSERT statement for rows rows.
func (b *batchInserter) statement(rows int) string {
	var s strings.Builder
	s.WriteString("INSERT INTO " + quoteIdent(b.table) + " (" + strings.Join(b.cols, ", ") + ") VALUES ")
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(b.cols)), ", ") + ")"
	for i := 0; i < rows; i++ {
		if i > 0 {
			s.WriteString(", ")
		}
		s.WriteString(one)
	}
	return s.String()
}

// row returns the slice to fill with the next row's values, one per
// column; the row is written when the group is full or at flush.
func (b *batchInserter) row() ([]any, error) {
	if b.n == batchRows {
		if _, err := b.full.ExecContext(b.ctx, b.args...); err != nil {
			return nil, b.wrap(err)
		}
		b.done += b.n
		b.n = 0
		b.args = b.args[:0]
	}
	start := len(b.args)
	for range b.cols {
		b.args = append(b.args, nil)
	}
	b.n++
	return b.args[start:], nil
}

// flush writes the rows not yet written.
func (b *batchInserter) flush() error {
	if b.n == 0 {
		return nil
	}
	var err error
	if b.n == batchRows {
		_, err = b.full.ExecContext(b.ctx, b.args...)
	} else {
		_, err = b.tx.ExecContext(b.ctx, b.statement(b.n), b.args...)
	}
	if err != nil {
		return b.wrap(err)
	}
	b.done += b.n
	b.n = 0
	b.args = b.args[:0]
	return nil
}

// wrap says which rows an insert error is about.
func (b *batchInserter) wrap(err error) error {
	return fmt.Errorf("insert records %d to %d into %s: %w", b.done+1, b.done+b.n, b.table, err)
}

// close releases the prepared statement.
func (b *batchInserter) close() { b.full.Close() }

// deleteFIDs deletes the rows of a table with the given fids in one
// statement, passing them as a JSON array.
func deleteFIDs(ctx context.Context, tx *sql.Tx, table string, fids []int64) error {
	if len(fids) == 0 {
		return nil
	}
	var s strings.Builder
	s.WriteByte('[')
	for i, f := range fids {
		if i > 0 {
			s.WriteByte(',')
		}
		s.WriteString(strconv.FormatInt(f, 10))
	}
	s.WriteByte(']')
	if _, err := tx.ExecContext(ctx, `DELETE FROM `+quoteIdent(table)+` WHERE fid IN (SELECT value FROM json_each(?))`, s.String()); err != nil {
		return fmt.Errorf("delete replaced rows of %s: %w", table, err)
	}
	return nil
}

// nextFID returns the fid SQLite would give the next row of an
// AUTOINCREMENT table: one more than the largest fid ever used.
func nextFID(ctx context.Context, tx *sql.Tx, table string) (int64, error) {
	var next int64
	err := tx.QueryRowContext(ctx, `SELECT max(
		coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0),
		coalesce((SELECT max(fid) FROM `+quoteIdent(table)+`), 0)) + 1`, table).Scan(&next)
	if err != nil {
		return 0, fmt.Errorf("read next fid of %s: %w", table, err)
	}
	return next, nil
}
