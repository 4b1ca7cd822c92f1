package data

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/landplan/landplan/planner/plan"
)

// tenureColumns are the columns migrate6 adds to the allocations and
// lots tables: the term as a person reads it, in English and Chinese
// (plan.Allocation.TermText, TermTextZH: "弹性年期出让 20 年",
// "先租后让(租赁 5 年 + 出让 15 年)"), and on stock land the disposal
// route that frees it (recovery, acquisition or negotiated) and the date
// it is free (YYYY-MM-DD).
var tenureColumns = []string{"term_text TEXT", "term_text_zh TEXT", "route TEXT", "free_from DATE"}

// migrate6 adds tenureColumns to the stored allocations and lots, so that
// the tables (and QGIS, which opens the database) show what a plan's
// explanation shows of each allocation's tenure. Plans stored before get
// them from their own stored JSON (plans.plan_json), which holds them: a
// lot of a phase takes that phase's term, any other lot its allocation's.
// The plans themselves are not changed; the tables' immutability triggers
// are lifted for this one filling and put back as they were.
func migrate6(ctx context.Context, tx *sql.Tx) error {
	for _, t := range []string{"allocations", "lots"} {
		if err := addColumns(ctx, tx, t, tenureColumns...); err != nil {
			return err
		}
	}
	return fillStored(ctx, tx, "tenure", []string{
		`UPDATE allocations SET term_text = j.term_text, term_text_zh = j.term_text_zh, route = j.route, free_from = j.free_from
		FROM (SELECT p.plan_id AS plan_id, json_extract(e.value, '$.proposal') AS proposal,
			NULLIF(json_extract(e.value, '$.term_text'), '') AS term_text,
			NULLIF(json_extract(e.value, '$.term_text_zh'), '') AS term_text_zh,
			NULLIF(json_extract(e.value, '$.route'), '') AS route,
			NULLIF(json_extract(e.value, '$.free_from'), '') AS free_from
			FROM plans p, json_each(p.plan_json, '$.allocations') e) AS j
		WHERE allocations.plan_id = j.plan_id AND allocations.proposal = j.proposal`,
		`UPDATE lots SET
			term_text = COALESCE((SELECT NULLIF(json_extract(ph.value, '$.term_text'), '') FROM json_each(j.a, '$.phases') ph
				WHERE lots.phase IS NOT NULL AND json_extract(ph.value, '$.phase') = lots.phase), NULLIF(json_extract(j.a, '$.term_text'), '')),
			term_text_zh = COALESCE((SELECT NULLIF(json_extract(ph.value, '$.term_text_zh'), '') FROM json_each(j.a, '$.phases') ph
				WHERE lots.phase IS NOT NULL AND json_extract(ph.value, '$.phase') = lots.phase), NULLIF(json_extract(j.a, '$.term_text_zh'), '')),
			route = NULLIF(json_extract(j.a, '$.route'), ''),
			free_from = NULLIF(json_extract(j.a, '$.free_from'), '')
		FROM (SELECT p.plan_id AS plan_id, json_extract(e.value, '$.proposal') AS proposal, e.value AS a
			FROM plans p, json_each(p.plan_json, '$.allocations') e) AS j
		WHERE lots.plan_id = j.plan_id AND lots.proposal = j.proposal`,
	})
}

// addColumns adds the columns cols (name and type) to table.
func addColumns(ctx context.Context, tx *sql.Tx, table string, cols ...string) error {
	for _, col := range cols {
		if _, err := tx.ExecContext(ctx, `ALTER TABLE `+quoteIdent(table)+` ADD COLUMN `+col); err != nil {
			return fmt.Errorf("add %s column %s: %w", table, col, err)
		}
	}
	return nil
}

// fillStored runs the statements stmts, which fill the what columns of
// the stored allocations and lots from their plans' JSON, with the two
// tables' immutability triggers lifted for them and put back as they
// were.
func fillStored(ctx context.Context, tx *sql.Tx, what string, stmts []string) error {
	triggers, err := dropUpdateTriggers(ctx, tx, "allocations", "lots")
	if err != nil {
		return err
	}
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("fill the %s columns of the stored plans: %w", what, err)
		}
	}
	for _, q := range triggers {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("restore an immutability trigger: %w", err)
		}
	}
	return nil
}

// dropUpdateTriggers drops the UPDATE triggers of landplan's own on the
// tables and returns the statements that create them again.
func dropUpdateTriggers(ctx context.Context, tx *sql.Tx, tables ...string) ([]string, error) {
	var out []string
	for _, t := range tables {
		name := "landplan_" + t + "_no_update"
		var q string
		if err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`, name).Scan(&q); err != nil {
			return nil, fmt.Errorf("read trigger %s: %w", name, err)
		}
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER `+quoteIdent(name)); err != nil {
			return nil, fmt.Errorf("drop trigger %s: %w", name, err)
		}
		out = append(out, q)
	}
	return out, nil
}

// allocationTenure returns the tenure columns of an allocation, each NULL
// when empty.
func allocationTenure(a *plan.Allocation) []any {
	return []any{nullString(a.TermText), nullString(a.TermTextZH), nullString(a.Route), nullString(a.FreeFrom)}
}

// lotTenure returns the tenure columns of a lot of allocation a (nil for
// a lot of no allocation): a lot of a phase takes that phase's term.
func lotTenure(a *plan.Allocation, l plan.Lot) []any {
	if a == nil {
		return []any{nil, nil, nil, nil}
	}
	text, textZH := a.TermText, a.TermTextZH
	if ph := lotPhase(a, l); ph != nil {
		text, textZH = ph.TermText, ph.TermTextZH
	}
	return []any{nullString(text), nullString(textZH), nullString(a.Route), nullString(a.FreeFrom)}
}
