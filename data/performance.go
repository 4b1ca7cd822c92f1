package data

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/monitor"
)

// migrate4 adds what follows the award: the performance table, one row per
// award (project and parcel) and year, the per-亩 evaluation class of a
// parcel's enterprise with the years running it has held it, and the
// enterprise behind a proposal.
func migrate4(ctx context.Context, tx *sql.Tx) error {
	for _, col := range []string{"evaluation_class TEXT", "class_years INTEGER"} {
		if _, err := tx.ExecContext(ctx, `ALTER TABLE parcels ADD COLUMN `+col); err != nil {
			return fmt.Errorf("add parcels column %s: %w", col, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `ALTER TABLE proposals ADD COLUMN enterprise TEXT`); err != nil {
		return fmt.Errorf("add proposals column enterprise: %w", err)
	}
	return createAttributesTable(ctx, tx, attributesTable{
		Name:        "performance",
		Identifier:  "performance",
		Description: "landplan performance of the awards: one row per project, parcel and year",
		Columns: `project TEXT NOT NULL,
  parcel TEXT NOT NULL,
  enterprise TEXT NOT NULL,
  year INTEGER NOT NULL,
  output DOUBLE NOT NULL,
  tax DOUBLE NOT NULL,
  investment DOUBLE NOT NULL,
  jobs INTEGER NOT NULL,
  energy_tce DOUBLE NOT NULL,
  floor_area_m2 DOUBLE NOT NULL,
  started TEXT,
  completed TEXT,
  halted_since TEXT,
  government_delay BOOLEAN NOT NULL,
  import_id INTEGER,
  CONSTRAINT fk_performance_import FOREIGN KEY (import_id) REFERENCES imports(fid)`,
		TableOptions: `,
  CONSTRAINT uk_performance UNIQUE (project, parcel, year)`,
	})
}

// Awards returns every award of the stored plans: "PROJECT@PARCEL" pairs
// allocated by at least one plan.
func (db *DB) Awards(ctx context.Context) (map[string]bool, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT DISTINCT proposal, parcel FROM allocations`)
	if err != nil {
		return nil, fmt.Errorf("read the awards in %s: %w", db.path, err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var q, x string
		if err := rows.Scan(&q, &x); err != nil {
			return nil, fmt.Errorf("read the awards in %s: %w", db.path, err)
		}
		out[q+"@"+x] = true
	}
	return out, rows.Err()
}

// PutPerformance stores rows in one transaction: all or nothing. Without
// imp.Replace a row whose project, parcel and year are already stored is a
// KindConflict error naming them; with it, the stored row is replaced.
func (db *DB) PutPerformance(ctx context.Context, imp planner.Import, rows []monitor.Performance) error {
	if err := checkImport(imp, "performance"); err != nil {
		return err
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store performance of %s in %s: %w", label(imp.File), db.path, err)
	}
	defer tx.Rollback()
	var conflicts []string
	for _, r := range rows {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM performance WHERE project = ? AND parcel = ? AND year = ?`,
			r.Project, r.Parcel, r.Year).Scan(&n); err != nil {
			return fmt.Errorf("store performance of %s: %w", label(imp.File), err)
		}
		if n > 0 {
			conflicts = append(conflicts, fmt.Sprintf("%s %d", r.Key(), r.Year))
		}
	}
	if len(conflicts) > 0 && !imp.Replace {
		return conflictError(imp.File, "performance row", "performance rows", conflicts)
	}
	importID, err := db.recordImport(ctx, tx, imp, "performance", len(rows))
	if err != nil {
		return err
	}
	for _, r := range rows {
		if _, err := tx.ExecContext(ctx, `DELETE FROM performance WHERE project = ? AND parcel = ? AND year = ?`, r.Project, r.Parcel, r.Year); err != nil {
			return fmt.Errorf("store performance of %s: %w", label(imp.File), err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO performance (project, parcel, enterprise, year, output, tax, investment, jobs,
			energy_tce, floor_area_m2, started, completed, halted_since, government_delay, import_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			r.Project, r.Parcel, r.Enterprise, r.Year, r.Output, r.Tax, r.Investment, r.Jobs, r.EnergyTCE, r.FloorAreaM2,
			nullString(r.Started), nullString(r.Completed), nullString(r.HaltedSince), r.GovernmentDelay, importID); err != nil {
			return fmt.Errorf("store performance of %s: row %d: %w", label(imp.File), r.Row, err)
		}
	}
	if err := updateContents(ctx, tx, "performance", "", db.now().UTC().Format(gpkgTimeFormat)); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store performance of %s in %s: commit: %w", label(imp.File), db.path, err)
	}
	return nil
}

// Performance returns every stored performance row, ordered by year,
// project and parcel.
func (db *DB) Performance(ctx context.Context) ([]monitor.Performance, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT project, parcel, enterprise, year, output, tax, investment, jobs, energy_tce,
		floor_area_m2, started, completed, halted_since, government_delay FROM performance ORDER BY year, project, parcel`)
	if err != nil {
		return nil, fmt.Errorf("read performance from %s: %w", db.path, err)
	}
	defer rows.Close()
	var out []monitor.Performance
	for rows.Next() {
		var r monitor.Performance
		var started, completed, halted sql.NullString
		if err := rows.Scan(&r.Project, &r.Parcel, &r.Enterprise, &r.Year, &r.Output, &r.Tax, &r.Investment, &r.Jobs, &r.EnergyTCE,
			&r.FloorAreaM2, &started, &completed, &halted, &r.GovernmentDelay); err != nil {
			return nil, fmt.Errorf("read performance from %s: %w", db.path, err)
		}
		r.Started, r.Completed, r.HaltedSince = started.String, completed.String, halted.String
		out = append(out, r)
	}
	return out, rows.Err()
}

// AwardAreas returns the land of every award of the stored plans by
// "PROJECT@PARCEL", 亩: the latest plan's where several plans make it.
func (db *DB) AwardAreas(ctx context.Context) (map[string]float64, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT proposal, parcel, area_mu FROM allocations ORDER BY fid`)
	if err != nil {
		return nil, fmt.Errorf("read the awards in %s: %w", db.path, err)
	}
	defer rows.Close()
	out := map[string]float64{}
	for rows.Next() {
		var q, x string
		var mu float64
		if err := rows.Scan(&q, &x, &mu); err != nil {
			return nil, fmt.Errorf("read the awards in %s: %w", db.path, err)
		}
		out[q+"@"+x] = mu
	}
	return out, rows.Err()
}
