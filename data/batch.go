package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"

	sqlite3 "github.com/mattn/go-sqlite3"
)

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

// rawRows is how many rows one statement of a rawInserter writes. Past a
// few dozen rows the per-statement cost no longer shows; 100 rows of the
// parcels columns are under 2000 parameters, far below SQLite's limit.
const rawRows = 100

// rawTable says how a rawInserter fills the columns of a table: each
// column from a parameter of its own, or from an SQL expression over the
// row's parameters and parameters shared by all rows of a statement. Each
// parameter is one call into C to bind, and one value to box.
type rawTable struct {
	name string
	cols []string
	// exprs holds, per column, "" for a parameter of its own, or an SQL
	// expression in which {k} stands for the row's k-th parameter (from
	// 0, in column order) and ?1, ?2, ... for the shared ones. nil means
	// a parameter for every column.
	exprs  []string
	shared []driver.Value
}

// params returns the number of parameters of one row.
func (t *rawTable) params() int {
	n := 0
	for i := range t.cols {
		if t.exprs == nil || t.exprs[i] == "" {
			n++
		}
	}
	return n
}

// statement returns the INSERT statement of rows rows, with numbered
// parameters: the shared ones first, then those of each row in turn.
func (t *rawTable) statement(rows int) string {
	var s strings.Builder
	s.WriteString("INSERT INTO " + quoteIdent(t.name) + " (" + strings.Join(t.cols, ", ") + ") VALUES ")
	per := t.params()
	param := func(row, k int) string { return "?" + strconv.Itoa(len(t.shared)+row*per+k+1) }
	for row := 0; row < rows; row++ {
		if row > 0 {
			s.WriteString(", ")
		}
		s.WriteByte('(')
		k := 0
		for c := range t.cols {
			if c > 0 {
				s.WriteString(", ")
			}
			if t.exprs == nil || t.exprs[c] == "" {
				s.WriteString(param(row, k))
				k++
				continue
			}
			e := t.exprs[c]
			for {
				open := strings.IndexByte(e, '{')
				if open < 0 {
					break
				}
				end := open + strings.IndexByte(e[open:], '}')
				ref, _ := strconv.Atoi(e[open+1 : end])
				e = e[:open] + param(row, ref) + e[end+1:]
			}
			s.WriteString(e)
		}
		s.WriteByte(')')
	}
	return s.String()
}

// rawBatch holds up to rawRows rows for a rawInserter: the shared values,
// then the row values that are not NULL, each with the number of its
// parameter in the statement. A parameter left out is bound to NULL,
// since go-sqlite3 clears the bindings before binding a statement's
// arguments: most optional columns are NULL.
type rawBatch struct {
	table  *rawTable
	params int // per row
	rows   int
	args   []driver.NamedValue
	arena  []byte // memory the blob values point into
	err    error  // set by a producer that stopped at this batch
}

// newRawBatch returns an empty batch for rows of t.
func newRawBatch(t *rawTable) *rawBatch {
	b := &rawBatch{table: t, params: t.params()}
	b.args = make([]driver.NamedValue, 0, len(t.shared)+rawRows*b.params)
	b.reset()
	return b
}

// reset empties the batch for reuse.
func (b *rawBatch) reset() {
	clear(b.args) // drop references to the values written
	b.args = b.args[:0]
	for i, v := range b.table.shared {
		b.args = append(b.args, driver.NamedValue{Ordinal: i + 1, Value: v})
	}
	b.arena = b.arena[:0]
	b.rows = 0
	b.err = nil
}

// full reports whether the batch holds rawRows rows.
func (b *rawBatch) full() bool { return b.rows == rawRows }

// set gives parameter k (from 0) of the row being filled the value v; a
// nil v leaves it NULL. The row is added by endRow.
func (b *rawBatch) set(k int, v driver.Value) {
	if v == nil {
		return
	}
	b.args = append(b.args, driver.NamedValue{Ordinal: len(b.table.shared) + b.rows*b.params + k + 1, Value: v})
}

// endRow adds the row whose parameters were set.
func (b *rawBatch) endRow() { b.rows++ }

// rawInserter writes batches of rows into a table through go-sqlite3's
// own connection, one multi-row INSERT statement per batch, the statement
// for full batches prepared once. It skips database/sql, which would copy
// and convert every argument of every statement.
type rawInserter struct {
	conn  *sqlite3.SQLiteConn
	table *rawTable
	full  driver.StmtExecContext
	stmt  driver.Stmt
	done  int // rows written
}

// newRawInserter prepares a rawInserter for t.
func newRawInserter(conn *sqlite3.SQLiteConn, t *rawTable) (*rawInserter, error) {
	ri := &rawInserter{conn: conn, table: t}
	st, err := conn.Prepare(t.statement(rawRows))
	if err != nil {
		return nil, fmt.Errorf("prepare insert into %s: %w", t.name, err)
	}
	ri.stmt, ri.full = st, st.(driver.StmtExecContext)
	return ri, nil
}

// exec writes the rows of b.
func (ri *rawInserter) exec(b *rawBatch) error {
	if b.rows == 0 {
		return nil
	}
	var err error
	if b.rows == rawRows {
		_, err = ri.full.ExecContext(context.Background(), b.args)
	} else {
		err = ri.execPartial(b)
	}
	if err != nil {
		return fmt.Errorf("insert records %d to %d into %s: %w", ri.done+1, ri.done+b.rows, ri.table.name, err)
	}
	ri.done += b.rows
	return nil
}

// execPartial writes a batch of fewer than rawRows rows with a statement
// of its own.
func (ri *rawInserter) execPartial(b *rawBatch) error {
	st, err := ri.conn.Prepare(ri.table.statement(b.rows))
	if err != nil {
		return err
	}
	defer st.Close()
	_, err = st.(driver.StmtExecContext).ExecContext(context.Background(), b.args)
	return err
}

// close releases the prepared statement.
func (ri *rawInserter) close() { ri.stmt.Close() }

// withRawConn runs f on the go-sqlite3 connection underlying conn, on
// which a transaction may be open. Nothing else may use conn meanwhile.
func withRawConn(conn *sql.Conn, f func(*sqlite3.SQLiteConn) error) error {
	return conn.Raw(func(dc any) error {
		sc, ok := dc.(*sqlite3.SQLiteConn)
		if !ok {
			return fmt.Errorf("database connection is a %T, not go-sqlite3's", dc)
		}
		return f(sc)
	})
}
