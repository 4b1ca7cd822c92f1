package plan

// warmStart maps a neighbouring plan's allocations to this run's
// candidate pairs (by proposal and parcel id); nil without a plan.
func (b *builder) warmStart(p *Plan) []int {
	if p == nil {
		return nil
	}
	type key struct{ q, x string }
	at := make(map[key]int, len(b.pairs))
	for k := range b.pairs {
		at[key{b.proposals[b.item[k]].ID, b.parcels[b.parcel[k]].ID}] = k
	}
	out := []int{}
	for _, a := range p.Allocations {
		if k, ok := at[key{a.Proposal, a.Parcel}]; ok {
			out = append(out, k)
		}
	}
	return out
}
