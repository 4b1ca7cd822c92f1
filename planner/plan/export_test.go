package plan

import (
	"context"

	"github.com/landplan/landplan/planner/rules"
)

// WarmStartYears returns, for each allocation of prev that a run of in
// started from prev would start with, the year of the candidate pair it
// is mapped to, by proposal id: the run's warm start as the solver gets
// it.
func WarmStartYears(in Input, prev *Plan) (map[string]int, error) {
	b, err := assessed(in)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, k := range b.warmStart(prev) {
		out[b.proposals[b.item[k]].ID] = b.year[k]
	}
	return out, nil
}

// RunFlipsOverBudget plans in as Run does, then searches the plan's flips
// under a memory budget of one byte, which every verifying re-solve
// reaches.
func RunFlipsOverBudget(ctx context.Context, in Input, s *Settings) (*Plan, error) {
	set := s.withDefaults()
	b, res, err := solveRun(ctx, in, set)
	if err != nil {
		return nil, err
	}
	b.applyDominance(res)
	p, err := b.build(res, set)
	if err != nil {
		return nil, err
	}
	set.MaxMemory = 1
	return p, b.flips(ctx, in, set, p)
}

// ProgrammeSharing builds the model of in and returns its number of pairs
// and how many distinct assessments they point to (pairOf): a
// programme's year copies share their pair's.
func ProgrammeSharing(in Input) (pairs, assessments int, err error) {
	b, err := assessed(in)
	if err != nil {
		return 0, 0, err
	}
	seen := map[*rules.PairAssessment]bool{}
	for k := range b.nPairs() {
		seen[b.pairOf(k)] = true
	}
	return b.nPairs(), len(seen), nil
}

// assessed is the builder of a run of in with its pairs assessed, before
// the model is built.
func assessed(in Input) (*builder, error) {
	b, err := newBuilder(in.Profile, in)
	if err != nil {
		return nil, err
	}
	if err := b.phaseYears(); err != nil {
		return nil, err
	}
	return b, b.assess()
}
