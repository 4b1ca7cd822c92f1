package plan

// WarmStartYears returns, for each allocation of prev that a run of in
// started from prev would start with, the year of the candidate pair it
// is mapped to, by proposal id: the run's warm start as the solver gets
// it.
func WarmStartYears(in Input, prev *Plan) (map[string]int, error) {
	b, err := newBuilder(in.Profile, in)
	if err != nil {
		return nil, err
	}
	if err := b.phaseYears(); err != nil {
		return nil, err
	}
	if err := b.assess(); err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, k := range b.warmStart(prev) {
		out[b.proposals[b.item[k]].ID] = b.year[k]
	}
	return out, nil
}
