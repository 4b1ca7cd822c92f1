package data

import (
	"context"
	"database/sql"
	"fmt"
)

// ParcelsVersion returns a short text that changes whenever the stored
// parcels change: their count, their highest feature id and the table's
// last change in gpkg_contents (every import sets it). The web interface
// keys its cached map data on it, so that parcels imported while it
// serves are drawn.
func (db *DB) ParcelsVersion(ctx context.Context) (string, error) {
	var n, maxFID int64
	var last sql.NullString
	err := db.sql.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(MAX(fid), 0),
		(SELECT last_change FROM gpkg_contents WHERE table_name = 'parcels') FROM parcels`).Scan(&n, &maxFID, &last)
	if err != nil {
		return "", fmt.Errorf("read the parcels' version in %s: %w", db.path, err)
	}
	return fmt.Sprintf("%d/%d/%s", n, maxFID, last.String), nil
}
