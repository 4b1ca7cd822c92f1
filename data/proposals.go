package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/landplan/landplan/planner"
)

// proposalColumns are the proposals columns written and read, after fid,
// in the order of proposalArgs and the scan in Proposals.
const proposalColumns = `id, name, industry, land_class, area_mu, min_area_mu,
	phases, phase1_share, investment, output, tax, jobs,
	rd_share, plot_ratio, building_coverage, facility_share, dormitory_share, lifecycle_years,
	enterprise_type, preferred_zone, import_id,
	requested_mode, requested_term_years, floor_area_m2, facility_floor_area_m2, earliest_year,
	enterprise`

// numProposalColumns is the number of columns in proposalColumns.
const numProposalColumns = 27

// migrate3 adds the optional proposal columns of docs/product.md, "Proposals", that came after
// the first schema: the supply mode and term the enterprise asks for
// (12.3), the planned total and facility floor areas (clause 13) and the
// first year the project can take land. Proposals stored before have them
// NULL: none asked, no floor-area data.
func migrate3(ctx context.Context, tx *sql.Tx) error {
	for _, col := range []string{
		"requested_mode TEXT",
		"requested_term_years INTEGER",
		"floor_area_m2 DOUBLE",
		"facility_floor_area_m2 DOUBLE",
		"earliest_year INTEGER",
	} {
		if _, err := tx.ExecContext(ctx, `ALTER TABLE proposals ADD COLUMN `+col); err != nil {
			return fmt.Errorf("add proposals column %s: %w", col, err)
		}
	}
	return nil
}

// enterpriseTypeSep separates the enterprise types in the enterprise_type
// column, as in the proposals input (docs/product.md, "Proposals").
const enterpriseTypeSep = ";"

// PutProposals stores ps in one transaction, with the same rules as
// PutParcels.
func (db *DB) PutProposals(ctx context.Context, imp planner.Import, ps []planner.Proposal) error {
	if err := checkImport(imp, "proposals"); err != nil {
		return err
	}
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	if err := checkBatchIDs(imp.File, "proposal", ids); err != nil {
		return err
	}

	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store proposals of %s in %s: %w", label(imp.File), db.path, err)
	}
	defer tx.Rollback()

	stored, err := storedIDs(ctx, tx, "proposals")
	if err != nil {
		return fmt.Errorf("store proposals of %s in %s: %w", label(imp.File), db.path, err)
	}
	var conflicts []string
	for _, id := range ids {
		if _, ok := stored[id]; ok {
			conflicts = append(conflicts, id)
		}
	}
	if len(conflicts) > 0 && !imp.Replace {
		return conflictError(imp.File, "proposal", "proposals", conflicts)
	}
	importID, err := db.recordImport(ctx, tx, imp, "proposals", len(ps))
	if err != nil {
		return err
	}

	del, err := tx.PrepareContext(ctx, `DELETE FROM proposals WHERE fid = ?`)
	if err != nil {
		return fmt.Errorf("store proposals of %s: %w", label(imp.File), err)
	}
	defer del.Close()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO proposals (fid, `+proposalColumns+`)
		VALUES (?`+strings.Repeat(", ?", numProposalColumns)+`)`)
	if err != nil {
		return fmt.Errorf("store proposals of %s: %w", label(imp.File), err)
	}
	defer ins.Close()

	args := make([]any, 1+numProposalColumns)
	for i := range ps {
		p := &ps[i]
		var fid any
		if old, ok := stored[p.ID]; ok {
			if _, err := del.ExecContext(ctx, old); err != nil {
				return fmt.Errorf("store proposals of %s: replace proposal %q: %w", label(imp.File), p.ID, err)
			}
			fid = old
		}
		args[0] = fid
		proposalArgs(args[1:], p, importID)
		if _, err := ins.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("store proposals of %s: proposal %q: %w", label(imp.File), p.ID, err)
		}
	}
	if err := updateContents(ctx, tx, "proposals", "", db.now().UTC().Format(gpkgTimeFormat)); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store proposals of %s in %s: commit: %w", label(imp.File), db.path, err)
	}
	return nil
}

// proposalArgs fills args with the column values of p in proposalColumns
// order.
func proposalArgs(args []any, p *planner.Proposal, importID int64) {
	args[0] = p.ID
	args[1] = nullString(p.Name)
	args[2] = p.Industry
	if p.LandClass != 0 {
		args[3] = int64(p.LandClass)
	} else {
		args[3] = nil
	}
	args[4] = p.AreaMu
	args[5] = p.MinAreaMu
	args[6] = int64(p.Phases)
	args[7] = p.Phase1Share
	args[8] = p.Investment
	args[9] = p.Output
	args[10] = p.Tax
	args[11] = int64(p.Jobs)
	args[12] = nullFloat(p.RDShare)
	args[13] = nullFloat(p.PlotRatio)
	args[14] = nullFloat(p.BuildingCoverage)
	args[15] = nullFloat(p.FacilityShare)
	args[16] = nullFloat(p.DormitoryShare)
	args[17] = nullFloat(p.LifecycleYears)
	args[18] = nullString(strings.Join(p.EnterpriseTypes, enterpriseTypeSep))
	args[19] = nullString(p.PreferredZone)
	args[20] = importID
	args[21] = nullString(p.RequestedMode)
	if p.RequestedTermYears != nil {
		args[22] = int64(*p.RequestedTermYears)
	} else {
		args[22] = nil
	}
	args[23] = nullFloat(p.FloorAreaM2)
	args[24] = nullFloat(p.FacilityFloorAreaM2)
	if p.EarliestYear != 0 {
		args[25] = int64(p.EarliestYear)
	} else {
		args[25] = nil
	}
	args[26] = nullString(p.Enterprise)
}

// Proposals returns every stored proposal, ordered by id, absent optional
// values nil.
func (db *DB) Proposals(ctx context.Context) ([]planner.Proposal, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT `+proposalColumns+` FROM proposals ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read proposals from %s: %w", db.path, err)
	}
	defer rows.Close()
	var out []planner.Proposal
	for rows.Next() {
		var (
			p                                                       planner.Proposal
			name, types, zone, mode, enterprise                     sql.NullString
			landClass, importID, term, earliest                     sql.NullInt64
			rd, plotRatio, coverage, facility, dormitory, lifecycle sql.NullFloat64
			floorArea, facilityFloorArea                            sql.NullFloat64
		)
		if err := rows.Scan(&p.ID, &name, &p.Industry, &landClass, &p.AreaMu, &p.MinAreaMu,
			&p.Phases, &p.Phase1Share, &p.Investment, &p.Output, &p.Tax, &p.Jobs,
			&rd, &plotRatio, &coverage, &facility, &dormitory, &lifecycle,
			&types, &zone, &importID,
			&mode, &term, &floorArea, &facilityFloorArea, &earliest, &enterprise); err != nil {
			return nil, fmt.Errorf("read proposals from %s: %w", db.path, err)
		}
		p.Name = name.String
		p.LandClass = int(landClass.Int64)
		p.RDShare = floatPtr(rd)
		p.PlotRatio = floatPtr(plotRatio)
		p.BuildingCoverage = floatPtr(coverage)
		p.FacilityShare = floatPtr(facility)
		p.DormitoryShare = floatPtr(dormitory)
		p.LifecycleYears = floatPtr(lifecycle)
		if types.String != "" {
			p.EnterpriseTypes = strings.Split(types.String, enterpriseTypeSep)
		}
		p.PreferredZone = zone.String
		p.RequestedMode = mode.String
		if term.Valid {
			t := int(term.Int64)
			p.RequestedTermYears = &t
		}
		p.FloorAreaM2 = floatPtr(floorArea)
		p.FacilityFloorAreaM2 = floatPtr(facilityFloorArea)
		p.EarliestYear = int(earliest.Int64)
		p.Enterprise = enterprise.String
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read proposals from %s: %w", db.path, err)
	}
	return out, nil
}
