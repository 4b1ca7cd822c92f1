package plan

import "github.com/landplan/landplan/planner/assign"

// warmStart maps a neighbouring plan's allocations to this run's
// candidate pairs: by proposal and parcel id in a one-year run, and in a
// programme by proposal, parcel and year, so that each allocation starts
// in the year the neighbour gave it (an allocation without a year is in
// the neighbour's planning year). Nil without a plan.
func (b *builder) warmStart(p *Plan) []int {
	if p == nil {
		return nil
	}
	type key struct {
		q, x string
		y    int
	}
	programme := len(b.prof.HorizonYears()) > 1
	at := make(map[key]int, b.nPairs())
	for k := range b.item {
		kk := key{q: b.proposals[b.item[k]].ID, x: b.parcels[b.parcel[k]].ID}
		if programme {
			kk.y = b.year[k]
		}
		at[kk] = k
	}
	py, _ := yearOf(p.AsOf)
	out := []int{}
	for _, a := range p.Allocations {
		kk := key{q: a.Proposal, x: a.Parcel}
		if programme {
			kk.y = a.Year
			if kk.y == 0 {
				kk.y = py
			}
		}
		if k, ok := at[kk]; ok {
			out = append(out, k)
		}
	}
	return out
}

// warmSide maps a neighbouring plan's marginal values (its root's side
// multipliers, MarginalValue.PerMu) to this run's side rows by
// constraint name: the start of the solver's dual (assign.Settings.WarmSide).
// Nil without a plan or when the plan has none.
func (b *builder) warmSide(p *Plan) []float64 {
	if p == nil || len(p.Marginal) == 0 {
		return nil
	}
	per := make(map[string]float64, len(p.Marginal))
	for _, m := range p.Marginal {
		per[m.Constraint] = m.PerMu
	}
	out := make([]float64, len(b.side))
	for k, c := range b.side {
		out[k] = per[c.Name]
	}
	return out
}

// warmItems maps a neighbouring plan's root multipliers of the proposals'
// rows to this run's items by proposal id; nil when it has none.
func (b *builder) warmItems(p *Plan) []float64 {
	if p == nil || len(p.RootItemDuals) == 0 {
		return nil
	}
	out := make([]float64, len(b.proposals))
	for i, q := range b.proposals {
		out[i] = p.RootItemDuals[q.ID]
	}
	return out
}

// rootItems are the solver's positive root multipliers of the
// proposals' rows by proposal id (Plan.RootItemDuals); nil without duals.
func (b *builder) rootItems(res *assign.Result) map[string]float64 {
	if !res.Duals.Evaluated() || len(res.Duals.Items) != len(b.proposals) {
		return nil
	}
	out := make(map[string]float64, len(b.proposals))
	for i, q := range b.proposals {
		if u := res.Duals.Items[i]; u > 0 {
			out[q.ID] = u
		}
	}
	return out
}
