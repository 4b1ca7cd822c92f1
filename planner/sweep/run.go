package sweep

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/assign"
	"github.com/landplan/landplan/planner/plan"
)

// Settings control Run.
type Settings struct {
	// Run are the settings of every point's run (time limit, gap, flips);
	// WarmStart and Progress are set per point by Run, and RecordDuals
	// for every point (a point's plan records the multipliers the next
	// point's dual starts from).
	Run plan.Settings
	// Cold starts every point's solver from scratch; by default each
	// point starts from the plan of the point before it (plan.Settings.WarmStart).
	Cold bool
	// Progress, when set, receives each point's solver progress with the
	// point's index.
	Progress func(point int, p assign.Progress)
	// Row, when set, is called with each point's row once its plan is
	// stored.
	Row func(Row)
}

// Run runs one plan per point of the sweep over axes from the base
// scenario, in the order of Points, and stores each point's scenario
// (ScenarioName, unless stored already with the same overrides) and
// plan in st. in holds the parcels, proposals and the profile without
// the base scenario's overrides (they are part of every point's
// scenario); in.Scenario and in.Overrides are ignored.
//
// Everything is checked before the first run: every point's overrides
// apply to the profile, and no stored scenario of a point's name has other
// overrides (KindConflict). A point that fails ends the sweep with its
// error; the points before it stay stored, each a whole plan.
func Run(ctx context.Context, st plan.Store, in plan.Input, base plan.Scenario, axes []Axis, s Settings) (*Result, error) {
	pts, err := Points(base, axes)
	if err != nil {
		return nil, err
	}
	res := &Result{Base: base.Name, Axes: axes, Points: len(pts), Rows: []Row{}}
	profiles := make([]*plan.Input, len(pts))
	stored := make([]bool, len(pts))
	for i, pt := range pts {
		prof, err := plan.ApplyScenario(in.Profile, pt.Scenario)
		if err != nil {
			return nil, err
		}
		q := in
		q.Profile, q.Scenario, q.Overrides = prof, pt.Scenario.Name, pt.Scenario.Overrides
		profiles[i] = &q
		old, err := st.Scenario(ctx, pt.Scenario.Name)
		switch {
		case err == nil && !slices.Equal(old.Overrides, pt.Scenario.Overrides):
			return nil, planner.ErrorfZH(planner.KindConflict, "sweep: scenario %q is stored with other overrides (%v, not %v): nothing was run",
				"sweep：情景 %q 已以其他覆盖项存储（%v，而不是 %v）：未运行任何方案",
				pt.Scenario.Name, old.Overrides, pt.Scenario.Overrides)
		case err == nil:
			stored[i] = true
		case planner.KindOf(err) != planner.KindNotFound:
			return nil, err
		}
	}
	var prev *plan.Plan
	for i, pt := range pts {
		set := s.Run
		set.WarmStart, set.RecordDuals = nil, true
		if !s.Cold {
			set.WarmStart = prev
		}
		if s.Progress != nil {
			set.Progress = func(p assign.Progress) { s.Progress(i, p) }
		}
		start := time.Now()
		p, err := plan.Run(ctx, *profiles[i], &set)
		if err != nil && ctx.Err() == nil {
			return res, fmt.Errorf("sweep point %d (%s): %w", i+1, pt.Scenario.Name, err)
		}
		if ctx.Err() != nil {
			// Not wrapping ctx.Err(): the command would say nothing was
			// stored, and the points before this one are.
			return res, fmt.Errorf("sweep interrupted at point %d (%s): its plan is not stored; the %d point(s) before it are", i+1, pt.Scenario.Name, i)
		}
		if !stored[i] {
			if err := st.PutScenario(ctx, pt.Scenario); err != nil {
				return res, err
			}
		}
		id, err := st.PutPlan(ctx, p)
		if err != nil {
			return res, err
		}
		p.ID = id
		row := NewRow(pt, p)
		row.Seconds = time.Since(start).Seconds()
		res.Rows = append(res.Rows, row)
		if s.Row != nil {
			s.Row(row)
		}
		prev = p
	}
	return res, nil
}
