package data

import (
	"context"
	"fmt"

	"github.com/landplan/landplan/planner"
)

// Summary tallies in the database what planner.Summarize tallies in
// memory: the parcels by zone and status and the proposals by industry,
// zones and industries in name order. Sums may differ from Summarize's in
// the last bits, as SQLite adds in its own order.
func (db *DB) Summary(ctx context.Context) (planner.Summary, error) {
	s := planner.Summary{ByStatus: map[planner.Status]planner.Tally{}}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return s, fmt.Errorf("summarise %s: %w", db.path, err)
	}
	defer tx.Rollback()

	rows, err := tx.QueryContext(ctx, `SELECT coalesce(zone, ''), status, count(*), total(area_mu)
		FROM parcels GROUP BY 1, 2 ORDER BY 1, 2`)
	if err != nil {
		return s, fmt.Errorf("summarise parcels in %s: %w", db.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var zone, status string
		var t planner.Tally
		if err := rows.Scan(&zone, &status, &t.Count, &t.AreaMu); err != nil {
			return s, fmt.Errorf("summarise parcels in %s: %w", db.path, err)
		}
		st := planner.Status(status)
		if n := len(s.Zones); n == 0 || s.Zones[n-1].Zone != zone {
			s.Zones = append(s.Zones, planner.ZoneSummary{Zone: zone, ByStatus: map[planner.Status]planner.Tally{}})
		}
		z := &s.Zones[len(s.Zones)-1]
		z.ByStatus[st] = t
		z.Total.Count += t.Count
		z.Total.AreaMu += t.AreaMu
		all := s.ByStatus[st]
		all.Count += t.Count
		all.AreaMu += t.AreaMu
		s.ByStatus[st] = all
		s.Parcels.Count += t.Count
		s.Parcels.AreaMu += t.AreaMu
	}
	if err := rows.Err(); err != nil {
		return s, fmt.Errorf("summarise parcels in %s: %w", db.path, err)
	}
	rows.Close()

	rows, err = tx.QueryContext(ctx, `SELECT industry, count(*), total(area_mu), total(investment),
		total(output), total(tax), sum(jobs) FROM proposals GROUP BY industry ORDER BY industry`)
	if err != nil {
		return s, fmt.Errorf("summarise proposals in %s: %w", db.path, err)
	}
	defer rows.Close()
	s.Proposals.Industry = "all"
	for rows.Next() {
		var x planner.IndustrySummary
		if err := rows.Scan(&x.Industry, &x.Count, &x.AreaMu, &x.Investment, &x.Output, &x.Tax, &x.Jobs); err != nil {
			return s, fmt.Errorf("summarise proposals in %s: %w", db.path, err)
		}
		s.Industries = append(s.Industries, x)
		s.Proposals.Count += x.Count
		s.Proposals.AreaMu += x.AreaMu
		s.Proposals.Investment += x.Investment
		s.Proposals.Output += x.Output
		s.Proposals.Tax += x.Tax
		s.Proposals.Jobs += x.Jobs
	}
	if err := rows.Err(); err != nil {
		return s, fmt.Errorf("summarise proposals in %s: %w", db.path, err)
	}
	return s, nil
}
