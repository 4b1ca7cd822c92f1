package plantest

import (
	"context"
	"fmt"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
)

// MemStore is a plan.Store in memory: plans are numbered plan-1, plan-2,
// ... in the order they are put.
type MemStore struct {
	plans     []*plan.Plan
	scenarios map[string]plan.Scenario
}

// NewMemStore returns an empty MemStore.
func NewMemStore() *MemStore { return &MemStore{scenarios: map[string]plan.Scenario{}} }

// PutPlan stores a copy of p under the next id and returns that id.
func (m *MemStore) PutPlan(_ context.Context, p *plan.Plan) (string, error) {
	q := *p
	q.ID = fmt.Sprintf("plan-%d", len(m.plans)+1)
	m.plans = append(m.plans, &q)
	return q.ID, nil
}

// Plan returns the plan stored as id.
func (m *MemStore) Plan(_ context.Context, id string) (*plan.Plan, error) {
	for _, p := range m.plans {
		if p.ID == id {
			return p, nil
		}
	}
	return nil, planner.Errorf(planner.KindNotFound, "no plan %s", id)
}

// Plans returns the summaries of the plans stored, in the order they were put.
func (m *MemStore) Plans(context.Context) ([]plan.PlanSummary, error) {
	var out []plan.PlanSummary
	for _, p := range m.plans {
		out = append(out, p.Summary())
	}
	return out, nil
}

// PutScenario stores sc; a scenario of the same name is a conflict.
func (m *MemStore) PutScenario(_ context.Context, sc plan.Scenario) error {
	if _, ok := m.scenarios[sc.Name]; ok {
		return planner.Errorf(planner.KindConflict, "scenario %s exists", sc.Name)
	}
	m.scenarios[sc.Name] = sc
	return nil
}

// Scenario returns the scenario called name.
func (m *MemStore) Scenario(_ context.Context, name string) (plan.Scenario, error) {
	sc, ok := m.scenarios[name]
	if !ok {
		return plan.Scenario{}, planner.Errorf(planner.KindNotFound, "no scenario %s", name)
	}
	return sc, nil
}

// Scenarios returns the scenarios stored, in no particular order.
func (m *MemStore) Scenarios(context.Context) ([]plan.Scenario, error) {
	var out []plan.Scenario
	for _, sc := range m.scenarios {
		out = append(out, sc)
	}
	return out, nil
}
