package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/landplan/landplan/data"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/ingest"
	"github.com/landplan/landplan/planner/plan"
)

// runAdopt records allocations of a stored plan as signed contracts.
func (m *Main) runAdopt(ctx context.Context) error {
	fs := m.newFlagSet()
	var props stringList
	fs.Var(&props, "proposal", "adopt only this proposal's allocation (repeatable)")
	signed := fs.String("signed", "", "date of signing, YYYY-MM-DD (default: today)")
	pos, err := m.parseArgs(fs)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageBoth("adopt takes one PLAN (see landplan plans)", "adopt 需要一个方案编号（landplan plans 列出方案）")
	}
	if *signed == "" {
		*signed = time.Now().UTC().Format("2006-01-02")
	} else if _, err := time.Parse("2006-01-02", *signed); err != nil {
		return usageBoth("--signed %q: want a date YYYY-MM-DD", "--signed %q：应为 YYYY-MM-DD 格式的日期", *signed)
	}
	db, err := m.openDB(false)
	if err != nil {
		return err
	}
	p, err := db.Plan(ctx, pos[0])
	if err != nil {
		return err
	}
	parcels, proposals, stored, err := contractState(ctx, db)
	if err != nil {
		return err
	}
	cs, err := plan.ContractsFrom(p, props, parcels, *signed)
	if err != nil {
		return err
	}
	// Allocations already signed (adopted before) are not signed again.
	var fresh []plan.Contract
	for _, c := range cs {
		dup := false
		for _, s := range stored {
			dup = dup || (s.Proposal == c.Proposal && s.Parcel == c.Parcel && (s.Year == c.Year || s.Year == 0))
		}
		if !dup {
			fresh = append(fresh, c)
		}
	}
	if err := plan.CheckContracts(parcels, proposals, stored, fresh); err != nil {
		return err
	}
	if len(fresh) > 0 {
		if err := db.PutContracts(ctx, nil, fresh); err != nil {
			return err
		}
	}
	fmt.Fprintf(m.Stderr, m.tr("adopted %d allocation(s) of %s as signed contracts (%d already signed); %d contract(s) in %s\n",
		"已将方案 %[2]s 的 %[1]d 项安排登记为已签合同(%[3]d 项此前已登记);%[5]s 共有 %[4]d 份合同\n"),
		len(fresh), p.ID, len(cs)-len(fresh), len(stored)+len(fresh), m.DBPath)
	return m.listContracts(ctx)
}

// runImportContracts imports contracts signed outside landplan.
func (m *Main) runImportContracts(ctx context.Context) error {
	pos, err := m.parseArgs(m.newFlagSet())
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageBoth("import contracts takes one FILE (CSV or XLSX)", "import contracts 需要一个文件（CSV 或 XLSX）")
	}
	path := pos[0]
	b, sum, err := readInput(path)
	if err != nil {
		return err
	}
	cs, err := ingest.ReadContracts(bytes.NewReader(b), path)
	if err != nil {
		return err
	}
	db, err := m.openDB(false)
	if err != nil {
		return err
	}
	parcels, proposals, stored, err := contractState(ctx, db)
	if err != nil {
		return err
	}
	if err := plan.CheckContracts(parcels, proposals, stored, cs); err != nil {
		return err
	}
	px := map[string]planner.Parcel{}
	for _, x := range parcels {
		px[x.ID] = x
	}
	// The shape is recorded once the area (if given) has matched.
	for i := range cs {
		if x, ok := px[cs[i].Parcel]; ok {
			cs[i].ParcelShape = plan.ParcelShapeSHA256(x)
		}
	}
	imp := planner.Import{Kind: "contracts", File: filepath.Base(path), SHA256: sum}
	if err := db.PutContracts(ctx, &imp, cs); err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, m.tr("imported %d contract(s) from %s into %s\n", "已导入 %d 份合同,来源 %s,数据库 %s\n"), len(cs), path, m.DBPath)
	return m.listContracts(ctx)
}

// contractState reads what new contracts are checked against
// (plan.CheckContracts): the parcels, the proposals and the contracts
// already stored.
func contractState(ctx context.Context, db *data.DB) ([]planner.Parcel, []planner.Proposal, []plan.Contract, error) {
	parcels, err := db.Parcels(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	proposals, err := db.Proposals(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	stored, err := db.Contracts(ctx)
	return parcels, proposals, stored, err
}

// listContracts prints the stored contracts (JSON with --json).
func (m *Main) listContracts(ctx context.Context) error {
	cs, err := m.db.Contracts(ctx)
	if err != nil {
		return err
	}
	if m.JSON {
		return writeJSON(m.Stdout, cs)
	}
	w := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, m.tr("proposal\tparcel\tyear\tmu\tsigned\tsource", "项目\t地块\t年度\t亩\t签约日期\t来源"))
	for _, c := range cs {
		src := c.Source
		if c.Plan != "" {
			src = c.Plan
		} else if c.Row > 0 {
			src = fmt.Sprintf("%s:%d", c.Source, c.Row)
		}
		fmt.Fprintf(w, "%s\t%s\t%d\t%s\t%s\t%s\n", c.Proposal, c.Parcel, c.Year, fmtNum(c.AreaMu, 2), c.Signed, src)
	}
	return w.Flush()
}
