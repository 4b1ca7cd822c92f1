package rules

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
)

// leanProfiles are the default profile and variants that make every rule
// of the lean path decide: binding standard land, phased supply with
// later years with and without a quota, facility land rejected over the
// cap, the same-class rule, a small quota.
func leanProfiles() map[string]*policy.Profile {
	out := map[string]*policy.Profile{"default": policy.Default()}
	p := policy.Default()
	p.StandardLand.Binding = true
	out["binding"] = p
	p = policy.Default()
	p.Supply.Phased.Enabled = true
	p.Quota.NewLandMu = 60
	delete(p.Quota.ByYear, "2029")
	out["phased"] = p
	p = policy.Default()
	p.Facility.OverCap = policy.OverCapReject
	p.PlannedUse.Compatibility = policy.CompatSame
	p.Quota.NewLandMu = 40
	out["reject"] = p
	return out
}

// leanPool is a random pool whose pairs meet every rule's both sides.
func leanPool(rng *rand.Rand, nParcels, nProposals int) ([]planner.Parcel, []planner.Proposal) {
	codes := []string{"100101", "100102", "100103", "1001", "M2", "1101", "1401"}
	zones := []string{"柳州国家高新区", "河西柳州高新区", "鹿寨经济开发区", ""}
	industries := []string{"nev", "auto_parts", "equipment", "ict", "green", "biomed", "materials", "logistics", "unknown"}
	fp := func(x float64) *float64 { return &x }
	parcels := make([]planner.Parcel, nParcels)
	for i := range parcels {
		x := planner.Parcel{ID: fmt.Sprintf("L%05d", i), Zone: zones[rng.IntN(len(zones))], LandUse: codes[rng.IntN(len(codes))],
			Status: planner.StatusNew, AreaM2: (5 + rng.Float64()*150) * planner.SquareMetresPerMu}
		switch rng.IntN(8) {
		case 0:
			x.Status, x.AgreedStart = planner.StatusIdle, "2022-06-01"
		case 1:
			x.Status, x.CurrentTaxPerMu = planner.StatusInefficient, fp(2)
		}
		if rng.IntN(3) == 0 {
			x.MaxPlotRatio = fp(0.5 + rng.Float64()*2)
		}
		if rng.IntN(4) == 0 {
			x.MinPlotRatio = fp(rng.Float64())
		}
		if rng.IntN(2) == 0 {
			s := rng.IntN(2) == 0
			x.Serviced = &s
		}
		parcels[i] = x
	}
	proposals := make([]planner.Proposal, nProposals)
	for i := range proposals {
		area := 10 + rng.Float64()*80
		q := planner.Proposal{ID: fmt.Sprintf("P%04d", i), Industry: industries[rng.IntN(len(industries))], LandClass: rng.IntN(4),
			AreaMu: area, MinAreaMu: area * (0.5 + 0.5*rng.Float64()), Phases: 1 + rng.IntN(3), Phase1Share: rng.Float64() * 1.2,
			Investment: area * (200 + rng.Float64()*200), Output: area * (300 + rng.Float64()*400), Tax: area * (10 + rng.Float64()*30),
			Jobs: rng.IntN(200), PreferredZone: zones[rng.IntN(len(zones))], BuildingCoverage: fp(0.45)}
		if rng.IntN(4) != 0 {
			q.PlotRatio = fp(0.8 + rng.Float64())
		}
		q.FacilityShare, q.DormitoryShare = fp(rng.Float64()*0.2), fp(rng.Float64())
		if rng.IntN(3) == 0 {
			q.RDShare = fp(rng.Float64() * 0.1)
		}
		proposals[i] = q
	}
	return parcels, proposals
}

// The lean pair path gives every pair exactly as evalPair without full
// gives it (every figure bit for bit, the failing rules in order), and
// AppendPairs' lean pairs and counts are those of evalPair on the
// parcels the pre-filter leaves.
func TestLeanPairMatchesEvalPair(t *testing.T) {
	for name, p := range leanProfiles() {
		parcels, proposals := leanPool(rand.New(rand.NewPCG(7, uint64(len(name)))), 400, 60)
		var avail []*ParcelAssessment
		for _, x := range parcels {
			pa := AssessParcel(p, x)
			avail = append(avail, &pa)
		}
		lp := NewLandPool(avail)
		eligible, failed := 0, 0
		for i := range proposals {
			qa := AssessProposal(p, proposals[i])
			l := newLeanProposal(p, &qa, lp)
			for _, g := range lp.groups {
				for n, pa := range g.parcels {
					var got PairAssessment
					ok := l.eval(pa, &g.facts[n], &got)
					if len(l.failed) > 0 {
						got.Failed = append([]string(nil), l.failed...)
					}
					want := evalPair(p, pa, &qa, false)
					if ok != want.Eligible || !reflect.DeepEqual(got, want) {
						t.Fatalf("%s: %s on %s:\nlean %+v\nfull %+v", name, qa.ID, pa.ID, got, want)
					}
					if ok {
						eligible++
					} else {
						failed++
					}
				}
			}
			// AppendPairs against the evalPair loop it replaces.
			counts, ref := map[string]int{}, map[string]int{}
			pairs := lp.AppendPairs(nil, p, &qa, false, counts)
			var want []PairAssessment
			if qa.Eligible {
				for _, g := range lp.groups {
					if rule := groupExcludes(p, g, &qa); rule != "" {
						ref[rule] += len(g.parcels)
						continue
					}
					for _, pa := range g.parcels {
						if pa.AreaMu+areaSlackMu < l.minMu {
							ref[RuleAreaFit]++
							continue
						}
						pr := evalPair(p, pa, &qa, false)
						for _, r := range pr.Failed {
							ref[r]++
						}
						if pr.Eligible {
							want = append(want, pr)
						}
					}
				}
			} else {
				for _, r := range qa.Reasons {
					if r.Verdict == planner.VerdictFail {
						ref[r.Rule] += lp.Available()
					}
				}
			}
			if len(pairs) != len(want) || len(want) > 0 && !reflect.DeepEqual(pairs, want) || !maps.Equal(counts, ref) {
				t.Fatalf("%s: %s: AppendPairs %d pairs, counts %v; evalPair %d pairs, counts %v", name, qa.ID, len(pairs), counts, len(want), ref)
			}
			// AppendPairsAt: the same pairs, each with its parcel's position.
			clear(counts)
			prs, at := lp.AppendPairsAt([]PairAssessment{{}}, []int32{-1}, p, &qa, counts)
			if len(prs) != len(pairs)+1 || len(at) != len(prs) || len(want) > 0 && !reflect.DeepEqual(prs[1:], want) || !maps.Equal(counts, ref) {
				t.Fatalf("%s: %s: AppendPairsAt %d pairs, %d positions, counts %v", name, qa.ID, len(prs)-1, len(at)-1, counts)
			}
			for k := 1; k < len(prs); k++ {
				if avail[at[k]].ID != prs[k].Parcel {
					t.Fatalf("%s: %s: pair on %s at position %d, parcel %s", name, qa.ID, prs[k].Parcel, at[k], avail[at[k]].ID)
				}
			}
		}
		// Every profile exercises both sides.
		if eligible < 100 || failed < 100 {
			t.Errorf("%s: %d eligible and %d ineligible pairs; the pool should give both", name, eligible, failed)
		}
	}
}
