package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/landplan/landplan/geo/gpkgwkb"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
)

// migrate2 adds the plans: the scenarios and plans attribute tables, the
// allocations of each plan as an attribute table, and the lots of each plan
// as a feature layer, all three of a plan's tables immutable by trigger.
//
// Complexity: long but flat: the SQL of one schema migration, one statement
// after another.
func migrate2(ctx context.Context, tx *sql.Tx) error {
	if err := createAttributesTable(ctx, tx, attributesTable{
		Name:        "scenarios",
		Identifier:  "scenarios",
		Description: "landplan what-if scenarios: named overrides of the policy profile",
		Columns: `name TEXT NOT NULL UNIQUE,
  overrides TEXT NOT NULL,
  created DATETIME NOT NULL`,
	}); err != nil {
		return err
	}
	if err := createAttributesTable(ctx, tx, attributesTable{
		Name:        "plans",
		Identifier:  "plans",
		Description: "landplan plans: one row per stored plan (immutable)",
		Columns: `plan_id TEXT NOT NULL UNIQUE,
  scenario TEXT NOT NULL,
  created DATETIME NOT NULL,
  inputs_sha256 TEXT NOT NULL,
  policy_sha256 TEXT NOT NULL,
  content_sha256 TEXT NOT NULL,
  objective DOUBLE NOT NULL,
  bound DOUBLE NOT NULL,
  gap DOUBLE NOT NULL,
  status TEXT NOT NULL,
  projects INTEGER NOT NULL,
  allocated_mu DOUBLE NOT NULL,
  new_land_mu DOUBLE NOT NULL,
  stock_land_mu DOUBLE NOT NULL,
  quota_mu DOUBLE NOT NULL,
  quota_used_share DOUBLE NOT NULL,
  plan_json TEXT NOT NULL`,
	}); err != nil {
		return err
	}
	if err := createAttributesTable(ctx, tx, attributesTable{
		Name:        "allocations",
		Identifier:  "allocations",
		Description: "landplan decisions: the allocations of each plan (immutable)",
		Columns: `plan_id TEXT NOT NULL REFERENCES plans(plan_id),
  proposal TEXT NOT NULL,
  proposal_name TEXT,
  parcel TEXT NOT NULL,
  lot TEXT NOT NULL,
  zone TEXT,
  area_mu DOUBLE NOT NULL,
  now_mu DOUBLE NOT NULL,
  new_land_mu DOUBLE NOT NULL,
  stock_mu DOUBLE NOT NULL,
  supply_mode TEXT NOT NULL,
  term_years INTEGER NOT NULL,
  price_yuan DOUBLE NOT NULL,
  annual_rent_yuan DOUBLE NOT NULL,
  facility_mu DOUBLE NOT NULL,
  dormitory_mu DOUBLE NOT NULL,
  score DOUBLE NOT NULL,
  value DOUBLE NOT NULL`,
		TableOptions: `,
  CONSTRAINT uk_allocations UNIQUE (plan_id, proposal)`,
	}); err != nil {
		return err
	}
	if err := createFeatureTable(ctx, tx, featureTable{
		Name:        "lots",
		GeomColumn:  "geom",
		GeomType:    "MULTIPOLYGON",
		SRSID:       SRSCGCS2000,
		Identifier:  "lots",
		Description: "landplan lots: the land of each plan's allocations, cut from the parcels (immutable)",
		Columns: `plan_id TEXT NOT NULL REFERENCES plans(plan_id),
  lot_id TEXT NOT NULL,
  parcel TEXT NOT NULL,
  proposal TEXT,
  proposal_name TEXT,
  kind TEXT NOT NULL,
  area_mu DOUBLE NOT NULL,
  supply_mode TEXT,
  term_years INTEGER,
  phase INTEGER,
  score DOUBLE`,
		TableOptions: `,
  CONSTRAINT uk_lots UNIQUE (plan_id, lot_id)`,
	}); err != nil {
		return err
	}
	for _, t := range []string{"plans", "allocations", "lots"} {
		for _, op := range []string{"UPDATE", "DELETE"} {
			q := fmt.Sprintf(`CREATE TRIGGER "landplan_%s_no_%s" BEFORE %s ON %s
BEGIN SELECT RAISE(ABORT, 'landplan plans are immutable: %s of %s refused'); END`,
				t, strings.ToLower(op), op, quoteIdent(t), strings.ToLower(op), t)
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("create immutability trigger on %s: %w", t, err)
			}
		}
	}
	return nil
}

// PlanIDPrefix starts every plan id: plan-1, plan-2, …
const PlanIDPrefix = "plan-"

// normalisePlanID accepts "plan-3" or "3".
func normalisePlanID(id string) string {
	id = strings.TrimSpace(id)
	if _, err := strconv.Atoi(id); err == nil {
		return PlanIDPrefix + id
	}
	return id
}

// PutPlan stores p, its allocations and its lots in one transaction and
// returns the new plan id; p itself is not changed. Created is set to the
// current time (UTC) when p has none.
func (db *DB) PutPlan(ctx context.Context, p *plan.Plan) (string, error) {
	q := *p
	if q.Created == "" {
		q.Created = db.now().UTC().Format(gpkgTimeFormat)
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return "", fmt.Errorf("store plan in %s: %w", db.path, err)
	}
	defer tx.Rollback()
	if err := db.insertPlan(ctx, tx, &q); err != nil {
		return "", err
	}
	byProposal, err := insertAllocations(ctx, tx, &q)
	if err != nil {
		return "", err
	}
	if err := insertLots(ctx, tx, &q, byProposal); err != nil {
		return "", err
	}
	if err := updateContentsExtent(ctx, tx, "lots"); err != nil {
		return "", err
	}
	if err := db.writeWorkingStyles(ctx, tx, q.Created); err != nil {
		return "", fmt.Errorf("store plan %s: %w", q.ID, err)
	}
	if err := tx.Commit(); err != nil {
		return "", fmt.Errorf("store plan %s: %w", q.ID, err)
	}
	return q.ID, nil
}

// insertPlan gives q the next plan id and stores its row of the plans
// table, the whole plan as JSON with it.
func (db *DB) insertPlan(ctx context.Context, tx *sql.Tx, q *plan.Plan) error {
	var n int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(fid), 0) + 1 FROM plans`).Scan(&n); err != nil {
		return fmt.Errorf("store plan in %s: %w", db.path, err)
	}
	q.ID = PlanIDPrefix + strconv.FormatInt(n, 10)
	blob, err := json.Marshal(q)
	if err != nil {
		return fmt.Errorf("store plan %s: encode: %w", q.ID, err)
	}
	t := q.Totals
	if _, err := tx.ExecContext(ctx, `INSERT INTO plans (fid, plan_id, scenario, created, inputs_sha256, policy_sha256,
		content_sha256, objective, bound, gap, status, projects, allocated_mu, new_land_mu, stock_land_mu, quota_mu,
		quota_used_share, plan_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		n, q.ID, q.Scenario, q.Created, q.InputsSHA256, q.PolicySHA256, q.ContentSHA256, q.Objective, q.Bound, q.Gap,
		q.Status, t.Projects, t.AllocatedMu, t.NewLandMu, t.StockLandMu, t.QuotaMu, t.QuotaUsedShare, string(blob)); err != nil {
		return fmt.Errorf("store plan %s: %w", q.ID, err)
	}
	return nil
}

// insertAllocations stores the allocations of q, each with its tenure
// columns (allocationTenure) and years (allocationYears), and returns
// them by proposal.
func insertAllocations(ctx context.Context, tx *sql.Tx, q *plan.Plan) (map[string]*plan.Allocation, error) {
	alloc, err := tx.PrepareContext(ctx, `INSERT INTO allocations (plan_id, proposal, proposal_name, parcel, lot, zone,
		area_mu, now_mu, new_land_mu, stock_mu, supply_mode, term_years, price_yuan, annual_rent_yuan, facility_mu,
		dormitory_mu, score, value, term_text, term_text_zh, route, free_from, year, phase_years)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, fmt.Errorf("store plan %s: %w", q.ID, err)
	}
	defer alloc.Close()
	byProposal := map[string]*plan.Allocation{}
	for i := range q.Allocations {
		a := &q.Allocations[i]
		byProposal[a.Proposal] = a
		args := append([]any{q.ID, a.Proposal, nullString(a.ProposalName), a.Parcel, a.Lot, nullString(a.Zone),
			a.AreaMu, a.NowMu, a.NewLandMu, a.StockMu, a.SupplyMode, a.TermYears, a.PriceYuan, a.AnnualRentYuan,
			a.FacilityMu, a.DormitoryMu, a.Score, a.Value}, allocationTenure(a)...)
		args = append(args, allocationYears(a)...)
		if _, err := alloc.ExecContext(ctx, args...); err != nil {
			return nil, fmt.Errorf("store plan %s: allocation of %s: %w", q.ID, a.Proposal, err)
		}
	}
	return byProposal, nil
}

// insertLots stores the lots of q, each with its allocation's proposal
// name, supply mode, term and score (byProposal) and its tenure columns
// (lotTenure) and year (lotYear).
func insertLots(ctx context.Context, tx *sql.Tx, q *plan.Plan, byProposal map[string]*plan.Allocation) error {
	lot, err := tx.PrepareContext(ctx, `INSERT INTO lots (geom, plan_id, lot_id, parcel, proposal, proposal_name, kind,
		area_mu, supply_mode, term_years, phase, score, term_text, term_text_zh, route, free_from, year)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("store plan %s: %w", q.ID, err)
	}
	defer lot.Close()
	for _, l := range q.Lots {
		g, err := gpkgwkb.EncodeGPKG(l.Geometry, SRSCGCS2000)
		if err != nil {
			return fmt.Errorf("store plan %s: lot %s: %w", q.ID, l.ID, err)
		}
		var name, mode any
		var term, score any
		if a := byProposal[l.Proposal]; a != nil {
			name, mode, term, score = nullString(a.ProposalName), a.SupplyMode, a.TermYears, a.Score
		}
		if l.SupplyMode != "" {
			mode = l.SupplyMode
		}
		var phase any
		if l.Phase > 0 {
			phase = l.Phase
		}
		args := append([]any{g, q.ID, l.ID, l.Parcel, nullString(l.Proposal), name, l.Kind, l.AreaMu, mode, term, phase, score},
			lotTenure(byProposal[l.Proposal], l)...)
		args = append(args, lotYear(byProposal[l.Proposal], l))
		if _, err := lot.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("store plan %s: lot %s: %w", q.ID, l.ID, err)
		}
	}
	return nil
}

// updateContentsExtent sets the table's extent and last change in
// gpkg_contents from its spatial index.
func updateContentsExtent(ctx context.Context, tx *sql.Tx, table string) error {
	rt := quoteIdent("rtree_" + table + "_geom")
	_, err := tx.ExecContext(ctx, `UPDATE gpkg_contents SET
		min_x = (SELECT MIN(minx) FROM `+rt+`), max_x = (SELECT MAX(maxx) FROM `+rt+`),
		min_y = (SELECT MIN(miny) FROM `+rt+`), max_y = (SELECT MAX(maxy) FROM `+rt+`),
		last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
		WHERE table_name = ?`, table)
	if err != nil {
		return fmt.Errorf("update the extent of %s: %w", table, err)
	}
	return nil
}

// Plan returns the stored plan with that id ("plan-3" or "3"), or a
// KindNotFound error listing the stored ids.
func (db *DB) Plan(ctx context.Context, id string) (*plan.Plan, error) {
	id = normalisePlanID(id)
	var blob string
	err := db.sql.QueryRowContext(ctx, `SELECT plan_json FROM plans WHERE plan_id = ?`, id).Scan(&blob)
	if errors.Is(err, sql.ErrNoRows) {
		sums, _ := db.Plans(ctx)
		var ids []string
		for _, s := range sums {
			ids = append(ids, s.ID)
		}
		known, knownZH := "no plans are stored yet (run landplan plan)", "尚未存储方案（请运行 landplan plan）"
		if len(ids) > 0 {
			known, knownZH = "stored plans: "+listSome(ids, 10, ", "), "已存储的方案："+listSome(ids, 10, ", ")
		}
		err := planner.Errorf(planner.KindNotFound, "plan %q does not exist; %s", id, known)
		err.(*planner.Error).MsgZH = fmt.Sprintf("方案 %q 不存在；%s", id, knownZH)
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("read plan %s from %s: %w", id, db.path, err)
	}
	var p plan.Plan
	if err := json.Unmarshal([]byte(blob), &p); err != nil {
		return nil, fmt.Errorf("read plan %s from %s: decode: %w", id, db.path, err)
	}
	return &p, nil
}

// Plans returns the summaries of every stored plan, oldest first.
func (db *DB) Plans(ctx context.Context) ([]plan.PlanSummary, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT plan_id, scenario, created, objective, gap, projects, allocated_mu,
		quota_used_share, content_sha256 FROM plans ORDER BY fid`)
	if err != nil {
		return nil, fmt.Errorf("list plans in %s: %w", db.path, err)
	}
	defer rows.Close()
	var out []plan.PlanSummary
	for rows.Next() {
		var s plan.PlanSummary
		if err := rows.Scan(&s.ID, &s.Scenario, &s.Created, &s.Objective, &s.Gap, &s.Projects, &s.AllocatedMu, &s.QuotaUsedShare, &s.ContentSHA256); err != nil {
			return nil, fmt.Errorf("list plans in %s: %w", db.path, err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// PutScenario stores a scenario; a name already stored is a KindConflict
// error. Created is set to the current time (UTC) when sc has none.
func (db *DB) PutScenario(ctx context.Context, sc plan.Scenario) error {
	if err := sc.Validate(); err != nil {
		return err
	}
	if sc.Created == "" {
		sc.Created = db.now().UTC().Format(gpkgTimeFormat)
	}
	ov, err := json.Marshal(sc.Overrides)
	if err != nil {
		return err
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store scenario %s: %w", sc.Name, err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM scenarios WHERE name = ?`, sc.Name).Scan(&n); err != nil {
		return fmt.Errorf("store scenario %s: %w", sc.Name, err)
	}
	if n > 0 {
		return planner.ErrorfZH(planner.KindConflict, "scenario %q is already stored; choose another name", "情景 %q 已经存储；请另取一个名称", sc.Name)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO scenarios (name, overrides, created) VALUES (?, ?, ?)`, sc.Name, string(ov), sc.Created); err != nil {
		return fmt.Errorf("store scenario %s: %w", sc.Name, err)
	}
	return tx.Commit()
}

// Scenario returns the stored scenario with that name, or a KindNotFound
// error listing the stored names.
func (db *DB) Scenario(ctx context.Context, name string) (plan.Scenario, error) {
	all, err := db.Scenarios(ctx)
	if err != nil {
		return plan.Scenario{}, err
	}
	var names []string
	for _, sc := range all {
		if sc.Name == name {
			return sc, nil
		}
		names = append(names, sc.Name)
	}
	known, knownZH := "no scenarios are stored (add one with landplan scenario add NAME --set KEY=VALUE)", "尚未存储情景（用 landplan scenario add 名称 --set 键=值 添加）"
	if len(names) > 0 {
		known, knownZH = "stored scenarios: "+listSome(names, 20, ", "), "已存储的情景："+listSome(names, 20, ", ")
	}
	err = planner.Errorf(planner.KindNotFound, "scenario %q does not exist; %s", name, known)
	err.(*planner.Error).MsgZH = fmt.Sprintf("情景 %q 不存在；%s", name, knownZH)
	return plan.Scenario{}, err
}

// Scenarios returns every stored scenario, by name.
func (db *DB) Scenarios(ctx context.Context) ([]plan.Scenario, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT name, overrides, created FROM scenarios ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list scenarios in %s: %w", db.path, err)
	}
	defer rows.Close()
	var out []plan.Scenario
	for rows.Next() {
		var sc plan.Scenario
		var ov string
		if err := rows.Scan(&sc.Name, &ov, &sc.Created); err != nil {
			return nil, fmt.Errorf("list scenarios in %s: %w", db.path, err)
		}
		if err := json.Unmarshal([]byte(ov), &sc.Overrides); err != nil {
			return nil, fmt.Errorf("scenario %s in %s: overrides: %w", sc.Name, db.path, err)
		}
		out = append(out, sc)
	}
	return out, rows.Err()
}

var _ plan.Store = (*DB)(nil)
