package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
)

// migrate5 adds the signed contracts: one row per proposal under contract,
// with the parcel, year and land it takes, the parcel's shape when it was
// recorded, and where the contract came from (an adopted plan or an
// imported file and row).
func migrate5(ctx context.Context, tx *sql.Tx) error {
	return createAttributesTable(ctx, tx, attributesTable{
		Name:        "contracts",
		Identifier:  "contracts",
		Description: "landplan signed contracts: allocations every later run keeps",
		Columns: `proposal TEXT NOT NULL UNIQUE,
  parcel TEXT NOT NULL,
  year INTEGER NOT NULL,
  area_mu DOUBLE NOT NULL,
  parcel_shape TEXT NOT NULL,
  parcel_area_mu DOUBLE NOT NULL,
  signed TEXT,
  plan_id TEXT,
  source TEXT NOT NULL,
  source_row INTEGER NOT NULL,
  import_id INTEGER,
  created DATETIME NOT NULL,
  CONSTRAINT fk_contracts_import FOREIGN KEY (import_id) REFERENCES imports(fid)`,
	})
}

// PutContracts stores contracts in one transaction: all of them or, on
// any error, none. imp records the file of an import (nil for contracts
// adopted from a plan). A proposal already under contract is refused
// (KindConflict naming it); the planner checks contracts against the land
// pool before they come here (plan.CheckContracts).
func (db *DB) PutContracts(ctx context.Context, imp *planner.Import, cs []plan.Contract) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store contracts in %s: %w", db.path, err)
	}
	defer tx.Rollback()
	var importID any
	if imp != nil {
		if err := checkImport(*imp, "contracts"); err != nil {
			return err
		}
		fid, err := db.recordImport(ctx, tx, *imp, "contracts", len(cs))
		if err != nil {
			return err
		}
		importID = fid
	}
	now := db.now().UTC().Format(gpkgTimeFormat)
	var dups []string
	for _, c := range cs {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM contracts WHERE proposal = ?`, c.Proposal).Scan(&n); err != nil {
			return fmt.Errorf("store contracts in %s: %w", db.path, err)
		}
		if n > 0 {
			dups = append(dups, c.Where())
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO contracts (proposal, parcel, year, area_mu, parcel_shape, parcel_area_mu, signed, plan_id, source, source_row, import_id, created)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.Proposal, c.Parcel, c.Year, c.AreaMu, c.ParcelShape, c.ParcelAreaMu, nullString(c.Signed), nullString(c.Plan), c.Source, c.Row, importID, now); err != nil {
			return fmt.Errorf("store contract %s in %s: %w", c.Where(), db.path, err)
		}
	}
	if len(dups) > 0 {
		return planner.Errorf(planner.KindConflict, "proposals already under contract: %s: nothing stored", strings.Join(dups, "; "))
	}
	if err := updateContents(ctx, tx, "contracts", "", now); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store contracts in %s: %w", db.path, err)
	}
	return nil
}

// Contracts returns the stored contracts, by proposal id.
func (db *DB) Contracts(ctx context.Context) ([]plan.Contract, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT proposal, parcel, year, area_mu, parcel_shape, parcel_area_mu, signed, plan_id, source, source_row
		FROM contracts ORDER BY proposal`)
	if err != nil {
		return nil, fmt.Errorf("read contracts from %s: %w", db.path, err)
	}
	defer rows.Close()
	out := []plan.Contract{}
	for rows.Next() {
		var c plan.Contract
		var signed, planID sql.NullString
		if err := rows.Scan(&c.Proposal, &c.Parcel, &c.Year, &c.AreaMu, &c.ParcelShape, &c.ParcelAreaMu, &signed, &planID, &c.Source, &c.Row); err != nil {
			return nil, fmt.Errorf("read contracts from %s: %w", db.path, err)
		}
		c.Signed, c.Plan = signed.String, planID.String
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read contracts from %s: %w", db.path, err)
	}
	return out, nil
}
