package rules

import (
	"math"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
)

// The lean pair path: what AppendPairs runs for lean pairs. Everything
// that depends on the proposal alone (its minimum area, plot ratio, class,
// phases and the quota of each phase's year, its figures per 亩 over the
// area it requests) is computed once per proposal, what depends on the
// proposal and the parcel's zone (standard-land thresholds, facility
// caps) once per zone, and what depends on the parcel alone (its zone,
// its own failing rules) once per pool; a pair is then a few comparisons
// and no allocation. Each pair is exactly evalPair's without full: the
// same figures, bit for bit, and the same failing rules in the same
// order (TestLeanPairMatchesEvalPair).

// parcelFacts are what the lean path keeps of a pool's parcel.
type parcelFacts struct {
	at   int32 // position among the assessments NewLandPool was given
	zone int32 // index into LandPool.zones
	// fails are the parcel's own failing rules (carried by every pair).
	fails []string
	// The parcel's figures the pair rules read, kept beside each other:
	// its area, plot-ratio range (plot: it has one), land use and class,
	// and flags.
	area                float64
	lo, hi              float64
	class               int
	plot, stock, avail  bool
	storage, industrial bool
	serviced            bool
}

// newParcelFacts are the facts of parcel pa in zone z at position at.
func newParcelFacts(pa *ParcelAssessment, z, at int32) parcelFacts {
	x := &pa.Parcel
	f := parcelFacts{at: at, zone: z, area: pa.AreaMu, lo: 0, hi: math.Inf(1), class: pa.LandUse.IndustrialClass,
		plot: x.MinPlotRatio != nil || x.MaxPlotRatio != nil, stock: pa.Stock, avail: pa.Available,
		storage: pa.LandUse.Storage, industrial: pa.LandUse.Industrial(), serviced: x.Serviced != nil && *x.Serviced}
	if x.MinPlotRatio != nil {
		f.lo = *x.MinPlotRatio
	}
	if x.MaxPlotRatio != nil {
		f.hi = *x.MaxPlotRatio
	}
	for _, r := range pa.Reasons {
		if r.Verdict == planner.VerdictFail {
			f.fails = append(f.fails, r.Rule)
		}
	}
	return f
}

// leanZone is what a proposal's pairs share in one zone.
type leanZone struct {
	done bool
	th   policy.Thresholds
	// final, dorm and trimmed are the facility share after the caps and
	// the dormitory and trimmed shares of the project's land; facFails the
	// facility rules that fail.
	final, dorm, trimmed float64
	facFails             []string
	// preferred is the preferred-zone criterion in the zone.
	preferred float64
}

// leanPhase is one phase of a proposal's supply: its year and that
// year's quota.
type leanPhase struct {
	year    int
	quota   float64
	ofQuota bool // the year has a quota
}

// leanProposal is one proposal's part of the lean pair path, for one pass
// over a pool.
type leanProposal struct {
	p     *policy.Profile
	qa    *ProposalAssessment
	pool  *LandPool
	fails []string // the proposal's own failing rules
	minMu float64
	// phases of the supply; share is the first phase's share when phased.
	phases []leanPhase
	phased bool
	share  float64
	// perMuReq and chargesReq are the figures at the requested area (the
	// allocation on every parcel at least that large).
	perMuReq   PerMuFigures
	chargesReq []YearCharge
	// industrialOnly and storageOnly are the industry's land kind when
	// the profile knows it; compat the class rule (compatSame, ...).
	industrialOnly, storageOnly bool
	compat                      int
	// rd, strategic and prospect are the proposal's criteria.
	rd, strategic, prospect float64
	zones                   []leanZone
	// failed gathers a pair's failing rules; slab holds the charges of
	// pairs allocated a whole smaller parcel, a block at a time.
	failed []string
	slab   []YearCharge
}

// belowSets are the BelowStandard lists a pair can have, by a bit mask
// (1 investment, 2 output, 4 tax), in standardRule's order; they are
// shared by the pairs and capped so that an append copies them.
var belowSets = func() [8][]string {
	var out [8][]string
	rules := []string{RuleStandardInvestment, RuleStandardOutput, RuleStandardTax}
	for m := 1; m < 8; m++ {
		var s []string
		for b, r := range rules {
			if m&(1<<b) != 0 {
				s = append(s, r)
			}
		}
		out[m] = s[:len(s):len(s)]
	}
	return out
}()

// newLeanProposal computes what a proposal's pairs on the pool share.
func newLeanProposal(p *policy.Profile, qa *ProposalAssessment, lp *LandPool) *leanProposal {
	q := &qa.Proposal
	l := &leanProposal{p: p, qa: qa, pool: lp, zones: make([]leanZone, len(lp.zones))}
	for _, r := range qa.Reasons {
		if r.Verdict == planner.VerdictFail {
			l.fails = append(l.fails, r.Rule)
		}
	}
	l.minMu = q.MinAreaMu
	if l.minMu <= 0 {
		l.minMu = q.AreaMu
	}
	phases := PhaseSplit(p, q, q.AreaMu)
	l.phased = len(phases) > 1
	if l.phased {
		l.share = q.Phase1Share
		if l.share <= 0 || l.share > 1 {
			l.share = 1 / float64(q.Phases)
		}
	}
	for _, ph := range phases {
		quota, ok := p.QuotaFor(ph.Year)
		l.phases = append(l.phases, leanPhase{year: ph.Year, quota: quota, ofQuota: ok})
	}
	if qa.IndustryKnown {
		l.industrialOnly = qa.industry.Land == policy.LandIndustrial
		l.storageOnly = qa.industry.Land == policy.LandStorage
	}
	switch p.PlannedUse.Compatibility {
	case policy.CompatSame:
		l.compat = compatSame
	case policy.CompatSameOrHeavier:
		l.compat = compatSameOrHeavier
	}
	if q.RDShare != nil {
		l.rd = *q.RDShare
	}
	l.strategic, l.prospect = b2f(qa.Strategic), b2f(len(qa.ProspectTypes) > 0)
	l.perMuReq = PerMu(*q, q.AreaMu)
	l.chargesReq = l.charges(q.AreaMu, nil)
	l.chargesReq = l.chargesReq[:len(l.chargesReq):len(l.chargesReq)]
	return l
}

// charges appends to dst the new land of total 亩 charged to each phase's
// year, as quotaRule charges it (PhaseSplit's arithmetic).
func (l *leanProposal) charges(total float64, dst []YearCharge) []YearCharge {
	if !l.phased {
		return append(dst, YearCharge{Year: l.phases[0].year, AreaMu: total})
	}
	first := total * l.share
	rest := (total - first) / float64(len(l.phases)-1)
	for k, ph := range l.phases {
		mu := rest
		if k == 0 {
			mu = first
		}
		dst = append(dst, YearCharge{Year: ph.year, AreaMu: mu})
	}
	return dst
}

// slabCharges returns the charges of total 亩 in the proposal's slab: a
// slice of its own (capped), without an allocation per pair.
func (l *leanProposal) slabCharges(total float64) []YearCharge {
	n := len(l.phases)
	if cap(l.slab)-len(l.slab) < n {
		l.slab = make([]YearCharge, 0, max(256, n))
	}
	from := len(l.slab)
	l.slab = l.charges(total, l.slab)
	return l.slab[from:len(l.slab):len(l.slab)]
}

// zone is the proposal's facts in the pool's zone z, computed on first
// use.
func (l *leanProposal) zone(z int32) *leanZone {
	lz := &l.zones[z]
	if lz.done {
		return lz
	}
	name := l.pool.zones[z]
	q := &l.qa.Proposal
	if l.qa.IndustryKnown {
		lz.th, _ = l.p.StandardThresholds(q.Industry, name)
	}
	// The facility rules scale with the land allocated: on 1 亩 the
	// shares are the land in 亩, exactly.
	r := PairAssessment{AllocatedMu: 1}
	c := collector{}
	facilityRule(l.p, &r, name, q, &c)
	lz.final, lz.dorm, lz.trimmed, lz.facFails = r.FacilityShare, r.DormitoryMu, r.FacilityTrimmedMu, c.failed
	lz.preferred = b2f(q.PreferredZone == "" || q.PreferredZone == name)
	lz.done = true
	return lz
}

// eval fills r with the pair of the proposal on parcel pa (facts f) as
// evalPair(p, pa, qa, false) makes it, except that the failing rules are
// left in l.failed (r.Failed stays nil), and says whether it is eligible.
// The steps are evalPair's, in its order.
func (l *leanProposal) eval(pa *ParcelAssessment, f *parcelFacts, r *PairAssessment) bool {
	q := &l.qa.Proposal
	*r = PairAssessment{Proposal: q.ID, Parcel: pa.ID, parcel: pa, proposal: l.qa}
	l.failed = append(l.failed[:0], f.fails...)
	l.failed = append(l.failed, l.fails...)
	l.useAndClass(f, r)
	if l.plotFails(f) {
		l.failed = append(l.failed, RulePlotRatioParcel)
	}
	whole := l.areaFit(f.area, r)

	// Facility land (12.7), from the zone's shares.
	lz := l.zone(f.zone)
	l.failed = append(l.failed, lz.facFails...)
	r.FacilityShare = lz.final
	r.FacilityMu = lz.final * r.AllocatedMu
	r.DormitoryMu = lz.dorm * r.AllocatedMu
	r.FacilityTrimmedMu = lz.trimmed * r.AllocatedMu

	l.standard(lz, whole, r)
	if f.stock {
		r.StockMu = r.AllocatedMu
	} else {
		l.quota(whole, r)
	}
	r.Eligible = len(l.failed) == 0
	l.criteria(f, lz, r)
	return r.Eligible
}

// The class rules of PlannedUse.Compatibility, as leanProposal.compat.
const (
	compatAny = iota
	compatSame
	compatSameOrHeavier
)

// useAndClass is landUseRule and classRule: the planned use and the
// class (12.1).
func (l *leanProposal) useAndClass(f *parcelFacts, r *PairAssessment) {
	if f.avail {
		switch {
		case f.storage && l.industrialOnly:
			l.failed = append(l.failed, RuleLandUseStorage)
		case f.industrial && l.storageOnly:
			l.failed = append(l.failed, RuleLandUseIndustrial)
		}
	}
	need, have := l.qa.Proposal.LandClass, f.class
	if !f.industrial || need <= 0 || have == 0 {
		return
	}
	ok := true
	switch l.compat {
	case compatSame:
		ok = have == need
	case compatSameOrHeavier:
		ok = have >= need
	}
	switch {
	case !ok:
		l.failed = append(l.failed, RuleLandClass)
	case have > need:
		r.HeavierBy = have - need
	}
}

// plotFails is plotRatioRule's verdict: the project's plot ratio (or its
// industry's minimum) outside the parcel's range.
func (l *leanProposal) plotFails(f *parcelFacts) bool {
	if !f.plot {
		return false
	}
	if pr := l.qa.Proposal.PlotRatio; pr != nil {
		return *pr < f.lo || *pr > f.hi
	}
	return l.qa.MinPlotRatio > f.hi
}

// areaFit is areaFitRule: it sets the area allocated and says whether it
// is the whole parcel rather than the area requested.
func (l *leanProposal) areaFit(parcelMu float64, r *PairAssessment) (whole bool) {
	q := &l.qa.Proposal
	switch {
	case parcelMu+areaSlackMu < l.minMu:
		l.failed = append(l.failed, RuleAreaFit)
		r.AllocatedMu = parcelMu
	case parcelMu+areaSlackMu < q.AreaMu:
		r.AllocatedMu = parcelMu
	default:
		r.AllocatedMu = q.AreaMu
		return false
	}
	return true
}

// criteria is PairAssessment.criteria from the facts.
func (l *leanProposal) criteria(f *parcelFacts, lz *leanZone, r *PairAssessment) {
	v := &r.values
	v[cOutput] = r.PerMu.Output
	v[cTax] = r.PerMu.Tax
	v[cInvestment] = r.PerMu.Investment
	v[cJobs] = r.PerMu.Jobs
	v[cRD] = l.rd
	v[cStrategic] = l.strategic
	v[cProspect] = l.prospect
	if f.area > 0 {
		v[cAreaFit] = math.Min(1, r.AllocatedMu/f.area)
	}
	v[cWaste] = math.Max(0, f.area-r.AllocatedMu)
	v[cStock] = b2f(f.stock)
	v[cZone] = lz.preferred
	v[cServiced] = b2f(f.serviced)
}

// standard is standardRule (12.4): the figures per 亩 over the land
// allocated against the zone's thresholds.
func (l *leanProposal) standard(lz *leanZone, whole bool, r *PairAssessment) {
	if whole {
		r.PerMu = PerMu(l.qa.Proposal, r.AllocatedMu)
	} else {
		r.PerMu = l.perMuReq
	}
	if !l.qa.IndustryKnown {
		return
	}
	mask := 0
	for b, t := range [3][2]float64{{r.PerMu.Investment, lz.th.MinInvestmentPerMu}, {r.PerMu.Output, lz.th.MinOutputPerMu}, {r.PerMu.Tax, lz.th.MinTaxPerMu}} {
		if t[1] != 0 && t[0]+shareSlack < t[1] {
			mask |= 1 << b
		}
	}
	r.BelowStandard = belowSets[mask]
	if l.p.StandardLand.Binding {
		l.failed = append(l.failed, r.BelowStandard...)
	}
}

// quota is quotaRule (12.2): new land charged to each phase's year,
// within the year's quota.
func (l *leanProposal) quota(whole bool, r *PairAssessment) {
	r.NewLandMu = r.AllocatedMu
	if whole {
		r.Charges = l.slabCharges(r.AllocatedMu)
	} else {
		r.Charges = l.chargesReq
	}
	for k, ch := range r.Charges {
		if ph := l.phases[k]; !ph.ofQuota || ch.AreaMu > ph.quota+areaSlackMu {
			l.failed = append(l.failed, RuleQuota)
		}
	}
}
