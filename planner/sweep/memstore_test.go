package sweep_test

import (
	"context"
	"fmt"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
)

// memStore is a plan.Store in memory, for tests of Run that need no
// database file (the command's tests run sweeps against the real one).
type memStore struct {
	plans     []*plan.Plan
	scenarios map[string]plan.Scenario
}

func newMemStore() *memStore { return &memStore{scenarios: map[string]plan.Scenario{}} }

func (m *memStore) PutPlan(_ context.Context, p *plan.Plan) (string, error) {
	q := *p
	q.ID = fmt.Sprintf("plan-%d", len(m.plans)+1)
	m.plans = append(m.plans, &q)
	return q.ID, nil
}

func (m *memStore) Plan(_ context.Context, id string) (*plan.Plan, error) {
	for _, p := range m.plans {
		if p.ID == id {
			return p, nil
		}
	}
	return nil, planner.Errorf(planner.KindNotFound, "no plan %s", id)
}

func (m *memStore) Plans(context.Context) ([]plan.PlanSummary, error) {
	var out []plan.PlanSummary
	for _, p := range m.plans {
		out = append(out, p.Summary())
	}
	return out, nil
}

func (m *memStore) PutScenario(_ context.Context, sc plan.Scenario) error {
	if _, ok := m.scenarios[sc.Name]; ok {
		return planner.Errorf(planner.KindConflict, "scenario %s exists", sc.Name)
	}
	m.scenarios[sc.Name] = sc
	return nil
}

func (m *memStore) Scenario(_ context.Context, name string) (plan.Scenario, error) {
	sc, ok := m.scenarios[name]
	if !ok {
		return plan.Scenario{}, planner.Errorf(planner.KindNotFound, "no scenario %s", name)
	}
	return sc, nil
}

func (m *memStore) Scenarios(context.Context) ([]plan.Scenario, error) {
	var out []plan.Scenario
	for _, sc := range m.scenarios {
		out = append(out, sc)
	}
	return out, nil
}
