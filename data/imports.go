package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/landplan/landplan/planner"
)

// ImportRecord is one row of the imports table: an imported file content
// (kind, SHA-256 and CRS), with the name, options, record count and time
// of its latest import.
type ImportRecord struct {
	// ID is the row's fid; stored records carry it as import_id.
	ID int64 `json:"id"`
	planner.Import
	// Count is the number of records the latest import of this content
	// stored.
	Count int `json:"count"`
	// Time is when the content was last imported, UTC, to the millisecond.
	Time time.Time `json:"time"`
}

// Imports returns the recorded imports, ordered by id.
func (db *DB) Imports(ctx context.Context) ([]ImportRecord, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT fid, kind, file, sha256, crs, "replace", count, CAST(time AS TEXT) FROM imports ORDER BY fid`)
	if err != nil {
		return nil, fmt.Errorf("read imports from %s: %w", db.path, err)
	}
	defer rows.Close()
	var out []ImportRecord
	for rows.Next() {
		var r ImportRecord
		var t string
		if err := rows.Scan(&r.ID, &r.Kind, &r.File, &r.SHA256, &r.CRS, &r.Replace, &r.Count, &t); err != nil {
			return nil, fmt.Errorf("read imports from %s: %w", db.path, err)
		}
		if r.Time, err = time.Parse(gpkgTimeFormat, t); err != nil {
			return nil, fmt.Errorf("read imports from %s: import %d: time %q: %w", db.path, r.ID, t, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read imports from %s: %w", db.path, err)
	}
	return out, nil
}

// recordImport records an import of kind with count records and returns
// its fid. The same content (kind, SHA-256, CRS) imported again keeps its
// row, and so its fid, with the newer file name, options, count and time:
// re-importing a file with replace leaves the stored records identical.
func (db *DB) recordImport(ctx context.Context, tx *sql.Tx, imp planner.Import, kind string, count int) (int64, error) {
	now := db.now().UTC().Format(gpkgTimeFormat)
	var fid int64
	err := tx.QueryRowContext(ctx, `SELECT fid FROM imports WHERE kind = ? AND sha256 = ? AND crs = ?`,
		kind, imp.SHA256, imp.CRS).Scan(&fid)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		res, err := tx.ExecContext(ctx, `INSERT INTO imports (kind, file, sha256, crs, "replace", count, time)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, kind, imp.File, imp.SHA256, imp.CRS, imp.Replace, count, now)
		if err != nil {
			return 0, fmt.Errorf("record import of %s: %w", imp.File, err)
		}
		if fid, err = res.LastInsertId(); err != nil {
			return 0, fmt.Errorf("record import of %s: %w", imp.File, err)
		}
	case err != nil:
		return 0, fmt.Errorf("record import of %s: %w", imp.File, err)
	default:
		if _, err := tx.ExecContext(ctx, `UPDATE imports SET file = ?, "replace" = ?, count = ?, time = ? WHERE fid = ?`,
			imp.File, imp.Replace, count, now, fid); err != nil {
			return 0, fmt.Errorf("record import of %s: %w", imp.File, err)
		}
	}
	if err := updateContents(ctx, tx, "imports", "", now); err != nil {
		return 0, err
	}
	return fid, nil
}

// checkImport checks that an import's kind, when given, is kind.
func checkImport(imp planner.Import, kind string) error {
	if imp.Kind != "" && imp.Kind != kind {
		return planner.Errorf(planner.KindInternal, "import of %s is of kind %q, stored as %s", imp.File, imp.Kind, kind)
	}
	return nil
}

// checkBatchIDs reports ids given more than once in one batch, naming the
// records (counted from 1) that repeat them.
func checkBatchIDs(file, what string, ids []string) error {
	first := make(map[string]int, len(ids))
	var dups []string
	for i, id := range ids {
		if id == "" {
			dups = append(dups, fmt.Sprintf("%s %d has no id", what, i+1))
			continue
		}
		if j, ok := first[id]; ok {
			dups = append(dups, fmt.Sprintf("id %q is given by %s %d and %d", id, what, j+1, i+1))
			continue
		}
		first[id] = i
	}
	if len(dups) == 0 {
		return nil
	}
	return planner.Errorf(planner.KindInvalid, "%s: %s", label(file), listSome(dups, 20, "; "))
}

// conflictError is the KindConflict error for ids already stored.
func conflictError(file, singular, plural string, ids []string) error {
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = fmt.Sprintf("%q", id)
	}
	if len(ids) == 1 {
		return &planner.Error{Kind: planner.KindConflict,
			Msg:   fmt.Sprintf("%s: %s %s is already stored; use --replace to replace it", label(file), singular, quoted[0]),
			MsgZH: fmt.Sprintf("%s：%s %s 已经存储；要替换请加 --replace", label(file), kindZH(singular), quoted[0])}
	}
	return &planner.Error{Kind: planner.KindConflict,
		Msg: fmt.Sprintf("%s: %d %s are already stored (%s); use --replace to replace them",
			label(file), len(ids), plural, listSome(quoted, 20, ", ")),
		MsgZH: fmt.Sprintf("%s：%d 条%s已经存储（%s）；要替换请加 --replace",
			label(file), len(ids), kindZH(singular), listSomeZH(quoted, 20))}
}

// listSome joins at most n items and says how many more there are.
func listSome(items []string, n int, sep string) string {
	if len(items) <= n {
		return strings.Join(items, sep)
	}
	return fmt.Sprintf("%s%sand %d more", strings.Join(items[:n], sep), sep, len(items)-n)
}

// label names an input in messages.
func label(file string) string {
	if file == "" {
		return "input"
	}
	return file
}
