package data

import (
	"context"
	"fmt"
)

// PlansVersion returns a short text that changes whenever a plan or a
// scenario is stored: the plans' count, highest feature id and latest
// content hash, and the scenarios' count and highest row id (stored plans
// and scenarios are never changed in place). The web interface keys its
// cached map and plans pages on it.
func (db *DB) PlansVersion(ctx context.Context) (string, error) {
	var plans, maxFID, scenarios, maxRow int64
	var latest string
	err := db.sql.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM plans), (SELECT COALESCE(MAX(fid), 0) FROM plans),
		COALESCE((SELECT content_sha256 FROM plans ORDER BY fid DESC LIMIT 1), ''),
		(SELECT COUNT(*) FROM scenarios), (SELECT COALESCE(MAX(rowid), 0) FROM scenarios)`).Scan(&plans, &maxFID, &latest, &scenarios, &maxRow)
	if err != nil {
		return "", fmt.Errorf("read the plans' version in %s: %w", db.path, err)
	}
	return fmt.Sprintf("%d/%d/%s/%d/%d", plans, maxFID, latest, scenarios, maxRow), nil
}
