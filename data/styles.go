package data

import (
	"context"
	"database/sql"
	"fmt"
)

// WorkingStyles gives the QGIS styles of the working database's tables
// (parcels, lots), given the latest stored plan (its id; "" when none is
// stored). Each is stored as its table's default; the name of each is the
// name of the style it replaces.
type WorkingStyles func(latestPlan string) []LayerStyle

// SetWorkingStyles sets the styles the database keeps in its
// layer_styles table from now on: after every import of parcels and every
// plan stored, in the same transaction. Without them (nil, as Open
// leaves it) no styles are written.
func (db *DB) SetWorkingStyles(s WorkingStyles) { db.styles = s }

// writeWorkingStyles keeps QGIS's layer_styles table in the working
// database current, inside the caller's transaction: it creates the table
// when missing (registered as attributes, as QGIS creates it) and writes
// each of db.styles as its table's default where it is missing or
// differs, so that QGIS opens landplan.gpkg styled, with the latest
// plan's lots coloured. A style of another name (one a user saved from
// QGIS) is left alone, but ours is the table's default. It changes
// nothing when the styles are current or there are none.
func (db *DB) writeWorkingStyles(ctx context.Context, tx *sql.Tx, now string) error {
	if db.styles == nil {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'layer_styles'`).Scan(&n); err != nil {
		return fmt.Errorf("layer styles: %w", err)
	}
	if n == 0 {
		if err := createLayerStylesTable(ctx, tx); err != nil {
			return err
		}
	}
	var latest sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT plan_id FROM plans ORDER BY fid DESC LIMIT 1`).Scan(&latest); err != nil && err != sql.ErrNoRows {
		return fmt.Errorf("layer styles: %w", err)
	}
	changed := n == 0
	for _, s := range db.styles(latest.String) {
		c, err := putWorkingStyle(ctx, tx, s, now)
		if err != nil {
			return fmt.Errorf("layer styles of %s: %w", s.Table, err)
		}
		changed = changed || c
	}
	if !changed {
		return nil
	}
	return updateContents(ctx, tx, "layer_styles", "", now)
}

// putWorkingStyle makes s its table's default style unless it already is
// stored as it is, and reports whether it changed anything.
func putWorkingStyle(ctx context.Context, tx *sql.Tx, s LayerStyle, now string) (bool, error) {
	var old sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT styleQML FROM layer_styles WHERE f_table_name = ? AND styleName = ?`, s.Table, s.Name).Scan(&old)
	if err != nil && err != sql.ErrNoRows {
		return false, err
	}
	if old.Valid && old.String == s.QML {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE layer_styles SET useAsDefault = 0 WHERE f_table_name = ?`, s.Table); err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM layer_styles WHERE f_table_name = ? AND styleName = ?`, s.Table, s.Name); err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO layer_styles
		(f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, styleQML, styleSLD,
		 useAsDefault, description, owner, ui, update_time)
		VALUES ('', '', ?, 'geom', ?, ?, '', 1, ?, '', NULL, ?)`, s.Table, s.Name, s.QML, s.Description, now); err != nil {
		return false, err
	}
	return true, nil
}
