package data

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/rules"
)

// allocationYearColumns are the columns migrate7 adds to the allocations
// table: the year the land is supplied (plan.Allocation.Year; a phased
// supply's phase 1) and, for a phased supply, the year each phase is
// released, in phase order joined with ";" ("2026;2029;2032").
var allocationYearColumns = []string{"year INTEGER", "phase_years TEXT"}

// lotYearColumn is the column migrate7 adds to the lots table: the year
// the lot's land is supplied (a later phase's lot, the year that phase is
// released; a lot of no allocation, NULL).
const lotYearColumn = "year INTEGER"

// migrate7 adds the supply years to the stored allocations and lots, so
// that the tables (and QGIS) show in which year each allocation, and each
// phase of a phased supply, takes its land. Plans stored before get them
// from their own stored JSON (plans.plan_json), as migrate6 does: the
// plans themselves are not changed, and the tables' immutability
// triggers are lifted for this one filling and put back as they were.
func migrate7(ctx context.Context, tx *sql.Tx) error {
	if err := addColumns(ctx, tx, "allocations", allocationYearColumns...); err != nil {
		return err
	}
	if err := addColumns(ctx, tx, "lots", lotYearColumn); err != nil {
		return err
	}
	// json_each walks an array in its order, so the phases' years are
	// joined in phase order.
	return fillStored(ctx, tx, "year", []string{
		`UPDATE allocations SET year = j.year, phase_years = j.phase_years
		FROM (SELECT p.plan_id AS plan_id, json_extract(e.value, '$.proposal') AS proposal,
			NULLIF(json_extract(e.value, '$.year'), 0) AS year,
			(SELECT group_concat(json_extract(ph.value, '$.year'), ';') FROM json_each(e.value, '$.phases') ph) AS phase_years
			FROM plans p, json_each(p.plan_json, '$.allocations') e) AS j
		WHERE allocations.plan_id = j.plan_id AND allocations.proposal = j.proposal`,
		`UPDATE lots SET year = COALESCE((SELECT NULLIF(json_extract(ph.value, '$.year'), 0) FROM json_each(j.a, '$.phases') ph
				WHERE lots.phase IS NOT NULL AND json_extract(ph.value, '$.phase') = lots.phase), NULLIF(json_extract(j.a, '$.year'), 0))
		FROM (SELECT p.plan_id AS plan_id, json_extract(e.value, '$.proposal') AS proposal, e.value AS a
			FROM plans p, json_each(p.plan_json, '$.allocations') e) AS j
		WHERE lots.plan_id = j.plan_id AND lots.proposal = j.proposal`,
	})
}

// allocationYears returns the year columns of an allocation: its year
// and its phases' years ("2026;2029"), each NULL when it has none.
func allocationYears(a *plan.Allocation) []any {
	var ys []string
	for _, ph := range a.Phases {
		ys = append(ys, strconv.Itoa(ph.Year))
	}
	return []any{nullInt(a.Year), nullString(strings.Join(ys, ";"))}
}

// lotYear returns the year column of a lot of allocation a (nil for a
// lot of no allocation): a lot of a phase has its phase's year.
func lotYear(a *plan.Allocation, l plan.Lot) any {
	if a == nil {
		return nil
	}
	if ph := lotPhase(a, l); ph != nil {
		return nullInt(ph.Year)
	}
	return nullInt(a.Year)
}

// lotPhase is the phase of allocation a that lot l supplies, nil for a
// lot of no phase.
func lotPhase(a *plan.Allocation, l plan.Lot) *rules.Phase {
	if l.Phase > 0 {
		for i := range a.Phases {
			if a.Phases[i].Index == l.Phase {
				return &a.Phases[i]
			}
		}
	}
	return nil
}

// nullInt is v, or NULL for 0.
func nullInt(v int) any {
	if v == 0 {
		return nil
	}
	return v
}
