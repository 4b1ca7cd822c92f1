package rules

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
)

// BestParcels is how many of a proposal's best parcels Check lists.
const BestParcels = 3

// CheckReport is what `landplan check` prints: the land pool, each
// proposal's eligibility and the idle and inefficient land candidates.
type CheckReport struct {
	AsOf         string          `json:"as_of"`
	PolicySHA256 string          `json:"policy_sha256"`
	Pool         PoolSummary     `json:"pool"`
	Proposals    []ProposalCheck `json:"proposals"`
	// Idle and Inefficient are the parcels the data show as idle land
	// (令第53号) or inefficient land, whatever their status, each with its
	// rule.
	Idle        []IdleCandidate        `json:"idle"`
	Inefficient []InefficientCandidate `json:"inefficient"`
	// Investigate lists the parcels that only look like stock land
	// (ParcelAssessment.Investigate): not supplied, to investigate.
	Investigate []InvestigateCandidate `json:"investigate"`
}

// InvestigateCandidate is a parcel that only looks like stock land, with
// what its data show.
type InvestigateCandidate struct {
	Parcel  string           `json:"parcel"`
	Status  planner.Status   `json:"status"`
	AreaMu  float64          `json:"area_mu"`
	Reasons []planner.Reason `json:"reasons"`
}

// PoolSummary totals the land pool (12.5: the reserved land's area and
// share).
type PoolSummary struct {
	Parcels     int     `json:"parcels"`
	Available   int     `json:"available"`
	TotalMu     float64 `json:"total_mu"`
	AvailableMu float64 `json:"available_mu"`
	NewMu       float64 `json:"new_mu"`
	StockMu     float64 `json:"stock_mu"`
	ReservedMu  float64 `json:"reserved_mu"`
	// ReservedShare is ReservedMu / TotalMu.
	ReservedShare float64 `json:"reserved_share"`
	QuotaMu       float64 `json:"quota_mu"`
}

// ProposalCheck is one proposal's pre-check.
type ProposalCheck struct {
	Proposal string `json:"proposal"`
	Name     string `json:"name,omitempty"`
	Industry string `json:"industry"`
	// Eligible is true when at least one parcel can take the proposal.
	Eligible        bool `json:"eligible"`
	EligibleParcels int  `json:"eligible_parcels"`
	// Best are the best BestParcels eligible parcels by pair score, the
	// pairs of this proposal scored together.
	Best []Candidate `json:"best,omitempty"`
	// NotElsewhere counts, per rule, the parcels the proposal cannot go on
	// because of it. A parcel is counted under every rule it fails, except
	// that parcels set aside before the pair rules run (unavailable land,
	// the wrong land kind or class, too small) count under that rule alone.
	NotElsewhere []RuleCount `json:"not_elsewhere,omitempty"`
	// Reasons are the proposal's own reasons.
	Reasons []planner.Reason `json:"reasons"`
}

// Candidate is one eligible parcel of a proposal.
type Candidate struct {
	Parcel      string  `json:"parcel"`
	Score       float64 `json:"score"`
	AllocatedMu float64 `json:"allocated_mu"`
	Stock       bool    `json:"stock"`
	SupplyMode  string  `json:"supply_mode"`
	TermYears   int     `json:"term_years"`
}

// RuleCount is how many parcels a rule excludes.
type RuleCount struct {
	Rule    string `json:"rule"`
	Clause  string `json:"clause"`
	Parcels int    `json:"parcels"`
}

// IdleCandidate is a parcel the data show as idle land.
type IdleCandidate struct {
	Parcel  string           `json:"parcel"`
	Status  planner.Status   `json:"status"`
	AreaMu  float64          `json:"area_mu"`
	Finding IdleFinding      `json:"finding"`
	Reasons []planner.Reason `json:"reasons"`
}

// InefficientCandidate is a parcel the data show as inefficient land.
type InefficientCandidate struct {
	Parcel   string               `json:"parcel"`
	Status   planner.Status       `json:"status"`
	AreaMu   float64              `json:"area_mu"`
	Findings []InefficientFinding `json:"findings"`
	Reasons  []planner.Reason     `json:"reasons"`
}

// ruleClause gives the clause of the rules Check counts.
var ruleClause = map[string]string{RuleProspectStrategic: Clause7, RuleProspectEnterprise: Clause5, RuleFacilityFloorArea: Clause13}

func clauseOf(rule string) string {
	if c, ok := ruleClause[rule]; ok {
		return c
	}
	return Clause12
}

// landGroup is the available parcels of one land kind, by area ascending.
type landGroup struct {
	storage bool
	class   int // industrial class 0–3 (unused for storage)
	parcels []*ParcelAssessment
	facts   []parcelFacts // the lean path's facts of each parcel
}

// Check runs the rules over the whole pool: every parcel, every proposal
// and every proposal × parcel pair, pre-filtering pairs by land kind, class
// and area before the pair rules run so that large pools stay fast; all
// eligible pairs are scored together, as a planning run scores them, and
// each proposal's best listed. The error is a scoring error (package score refusing the
// profile's weights).
func Check(p *policy.Profile, parcels []planner.Parcel, proposals []planner.Proposal) (CheckReport, error) {
	asOf, err := p.AsOf()
	if err != nil {
		return CheckReport{}, fmt.Errorf("rules: check: %w", err)
	}
	rep := CheckReport{AsOf: p.Plan.AsOf, PolicySHA256: p.SHA256(), Pool: PoolSummary{Parcels: len(parcels), QuotaMu: p.Quota.NewLandMu},
		Proposals: []ProposalCheck{}, Idle: []IdleCandidate{}, Inefficient: []InefficientCandidate{}, Investigate: []InvestigateCandidate{}}
	pas := make([]ParcelAssessment, len(parcels))
	unavailable := map[string]int{}
	var avail []*ParcelAssessment
	for i := range parcels {
		pa := &pas[i]
		*pa = assessParcel(p, asOf, parcels[i])
		if !rep.addParcel(pa, unavailable) {
			continue
		}
		rep.Pool.Available++
		rep.Pool.AvailableMu += pa.AreaMu
		if pa.Stock {
			rep.Pool.StockMu += pa.AreaMu
		} else {
			rep.Pool.NewMu += pa.AreaMu
		}
		avail = append(avail, pa)
	}
	if rep.Pool.TotalMu > 0 {
		rep.Pool.ReservedShare = rep.Pool.ReservedMu / rep.Pool.TotalMu
	}
	pool := NewLandPool(avail)

	// Every eligible pair of every proposal is scored together, as a
	// planning run scores them, so that check and plan show the same score
	// for the same pair under the same profile.
	var pairs []PairAssessment
	ranges := make([][2]int, len(proposals))
	qas := make([]ProposalAssessment, len(proposals))
	for i := range proposals {
		qa := &qas[i]
		*qa = AssessProposal(p, proposals[i])
		pc := ProposalCheck{Proposal: qa.ID, Name: proposals[i].Name, Industry: qa.Industry, Reasons: qa.Reasons}
		counts := map[string]int{}
		for r, n := range unavailable {
			counts[r] += n
		}
		start := len(pairs)
		pairs = pool.AppendPairs(pairs, p, qa, false, counts)
		ranges[i] = [2]int{start, len(pairs)}
		pc.NotElsewhere = sortedCounts(counts)
		rep.Proposals = append(rep.Proposals, pc)
	}
	if len(pairs) == 0 {
		return rep, nil
	}
	sc, err := scorePairs(p, pairs, false, false)
	if err != nil {
		return CheckReport{}, fmt.Errorf("rules: check: %w", err)
	}
	scores := make([]float64, len(pairs))
	for i := range scores {
		scores[i] = sc.Pairs[i].Score
	}
	for i := range rep.Proposals {
		r := ranges[i]
		rep.Proposals[i].best(p, pairs[r[0]:r[1]], scores[r[0]:r[1]])
	}
	return rep, nil
}

// addParcel adds an assessed parcel to the report's pool and candidate
// lists and says whether it is available; the failing rules of an
// unavailable parcel are counted in unavailable.
func (rep *CheckReport) addParcel(pa *ParcelAssessment, unavailable map[string]int) bool {
	rep.Pool.TotalMu += pa.AreaMu
	if pa.Status == planner.StatusReserved {
		rep.Pool.ReservedMu += pa.AreaMu
	}
	if pa.Idle != nil {
		rep.Idle = append(rep.Idle, IdleCandidate{Parcel: pa.ID, Status: pa.Status, AreaMu: pa.AreaMu, Finding: *pa.Idle, Reasons: onlyRules(pa.Reasons, RuleIdleNotStarted, RuleIdleHalted)})
	}
	if pa.Investigate {
		var rs []planner.Reason
		for _, r := range pa.Reasons {
			if strings.HasPrefix(r.Rule, "stock.") {
				rs = append(rs, r)
			}
		}
		rep.Investigate = append(rep.Investigate, InvestigateCandidate{Parcel: pa.ID, Status: pa.Status, AreaMu: pa.AreaMu, Reasons: rs})
	}
	if len(pa.Inefficient) > 0 {
		rep.Inefficient = append(rep.Inefficient, InefficientCandidate{Parcel: pa.ID, Status: pa.Status, AreaMu: pa.AreaMu, Findings: pa.Inefficient, Reasons: onlyRules(pa.Reasons, RuleInefficientPlot, RuleInefficientTax, RuleInefficientClass)})
	}
	if !pa.Available {
		for _, r := range pa.Reasons {
			if r.Verdict == planner.VerdictFail {
				unavailable[r.Rule]++
			}
		}
		return false
	}
	return true
}

// LandPool is the available parcels of a land pool grouped by land kind
// and sorted by area, for the cheap pre-filter of pairs that Check and the
// planner share.
type LandPool struct {
	groups    []*landGroup
	available int
	zones     []string // the parcels' zones, in order of first appearance
}

// NewLandPool groups the available parcels among pas by land kind
// (industrial class, or storage). The assessments are kept by pointer:
// the pairs built from the pool point at them.
func NewLandPool(pas []*ParcelAssessment) *LandPool {
	groups := map[[2]int]*landGroup{}
	lp := &LandPool{}
	at := make(map[*ParcelAssessment]int32, len(pas))
	for n, pa := range pas {
		if !pa.Available {
			continue
		}
		at[pa] = int32(n)
		lp.available++
		key := [2]int{0, pa.LandUse.IndustrialClass}
		if pa.LandUse.Storage {
			key = [2]int{1, 0}
		}
		g := groups[key]
		if g == nil {
			g = &landGroup{storage: key[0] == 1, class: key[1]}
			groups[key] = g
		}
		g.parcels = append(g.parcels, pa)
	}
	for _, g := range groups {
		sort.Slice(g.parcels, func(i, j int) bool {
			a, b := g.parcels[i], g.parcels[j]
			if a.AreaMu != b.AreaMu {
				return a.AreaMu < b.AreaMu
			}
			return a.ID < b.ID
		})
		lp.groups = append(lp.groups, g)
	}
	sort.Slice(lp.groups, func(i, j int) bool {
		gi, gj := lp.groups[i], lp.groups[j]
		if gi.storage != gj.storage {
			return !gi.storage
		}
		return gi.class < gj.class
	})
	lp.addFacts(at)
	return lp
}

// addFacts keeps the lean path's facts of every parcel: its position
// among the assessments the pool was made from, its zone's index and its
// own failing rules.
func (lp *LandPool) addFacts(at map[*ParcelAssessment]int32) {
	zoneIdx := map[string]int32{}
	for _, g := range lp.groups {
		g.facts = make([]parcelFacts, len(g.parcels))
		for n, pa := range g.parcels {
			z, ok := zoneIdx[pa.Parcel.Zone]
			if !ok {
				z = int32(len(lp.zones))
				zoneIdx[pa.Parcel.Zone] = z
				lp.zones = append(lp.zones, pa.Parcel.Zone)
			}
			g.facts[n] = newParcelFacts(pa, z, at[pa])
		}
	}
}

// Available returns the number of parcels in the pool.
func (lp *LandPool) Available() int { return lp.available }

// AppendPairs appends to dst the eligible pairs of a proposal on the
// pool's parcels and adds to counts, per rule, the parcels it excludes (as
// ProposalCheck.NotElsewhere counts them). A proposal that fails a proposal
// rule has no pair: each failing rule counts every parcel. Otherwise whole
// land groups of the wrong kind or class and parcels below the proposal's
// minimum area are set aside first, under that rule alone, and the pair
// rules run on the rest. With full the pairs are AssessPair's, reasons and
// criteria included; without, only the failing rules and figures are
// recorded, which is cheaper. The pairs point at qa and the pool's
// assessments.
func (lp *LandPool) AppendPairs(dst []PairAssessment, p *policy.Profile, qa *ProposalAssessment, full bool, counts map[string]int) []PairAssessment {
	return lp.appendPairs(dst, nil, p, qa, full, counts)
}

// appendPairs is AppendPairs; for lean pairs, when at is not nil, each
// pair's parcel position is appended to it.
func (lp *LandPool) appendPairs(dst []PairAssessment, at *[]int32, p *policy.Profile, qa *ProposalAssessment, full bool, counts map[string]int) []PairAssessment {
	if !qa.Eligible {
		for _, r := range qa.Reasons {
			if r.Verdict == planner.VerdictFail {
				counts[r.Rule] += lp.available
			}
		}
		return dst
	}
	var lean *leanProposal
	if !full {
		lean = newLeanProposal(p, qa, lp)
	}
	for _, g := range lp.groups {
		if rule := groupExcludes(p, g, qa); rule != "" {
			counts[rule] += len(g.parcels)
			continue
		}
		minMu := qa.Proposal.MinAreaMu
		if minMu <= 0 {
			minMu = qa.Proposal.AreaMu
		}
		k := sort.Search(len(g.parcels), func(j int) bool { return g.parcels[j].AreaMu+areaSlackMu >= minMu })
		if k > 0 {
			counts[RuleAreaFit] += k
		}
		if !full {
			dst = lean.appendPairs(dst, at, g, k, counts)
			continue
		}
		for _, pa := range g.parcels[k:] {
			pr := evalPair(p, pa, qa, false)
			if !pr.Eligible {
				for _, r := range pr.Failed {
					counts[r]++
				}
				continue
			}
			dst = append(dst, evalPair(p, pa, qa, true))
		}
	}
	return dst
}

// AppendPairsAt appends to dst the lean pairs AppendPairs(dst, p, qa,
// false, counts) appends, and to at each one's parcel: its position among
// the assessments NewLandPool was given.
func (lp *LandPool) AppendPairsAt(dst []PairAssessment, at []int32, p *policy.Profile, qa *ProposalAssessment, counts map[string]int) ([]PairAssessment, []int32) {
	dst = lp.appendPairs(dst, &at, p, qa, false, counts)
	return dst, at
}

// appendPairs appends the eligible lean pairs of the proposal on group
// g's parcels from index k on, counting the failing rules of the others.
func (l *leanProposal) appendPairs(dst []PairAssessment, at *[]int32, g *landGroup, k int, counts map[string]int) []PairAssessment {
	for n := k; n < len(g.parcels); n++ {
		dst = append(dst, PairAssessment{})
		if l.eval(g.parcels[n], &g.facts[n], &dst[len(dst)-1]) {
			if at != nil {
				*at = append(*at, g.facts[n].at)
			}
			continue
		}
		dst = dst[:len(dst)-1]
		for _, r := range l.failed {
			counts[r]++
		}
	}
	return dst
}

// groupExcludes returns the rule that excludes a whole land group for the
// proposal, or "".
func groupExcludes(p *policy.Profile, g *landGroup, qa *ProposalAssessment) string {
	land := qa.industry.Land
	if g.storage {
		if land == policy.LandIndustrial {
			return RuleLandUseStorage
		}
		return ""
	}
	if land == policy.LandStorage {
		return RuleLandUseIndustrial
	}
	need := qa.Proposal.LandClass
	if need == 0 || g.class == 0 {
		return ""
	}
	switch p.PlannedUse.Compatibility {
	case policy.CompatSame:
		if g.class != need {
			return RuleLandClass
		}
	case policy.CompatSameOrHeavier:
		if g.class < need {
			return RuleLandClass
		}
	}
	return ""
}

// best keeps the proposal's best eligible pairs by score.
func (pc *ProposalCheck) best(p *policy.Profile, pairs []PairAssessment, scores []float64) {
	pc.EligibleParcels = len(pairs)
	pc.Eligible = len(pairs) > 0
	idx := make([]int, len(pairs))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool {
		sa, sb := scores[idx[a]], scores[idx[b]]
		if sa != sb {
			return sa > sb
		}
		return pairs[idx[a]].Parcel < pairs[idx[b]].Parcel
	})
	for _, i := range idx[:min(BestParcels, len(idx))] {
		d := Supply(p, pairs[i])
		pc.Best = append(pc.Best, Candidate{Parcel: pairs[i].Parcel, Score: scores[i], AllocatedMu: pairs[i].AllocatedMu,
			Stock: pairs[i].StockMu > 0, SupplyMode: d.Mode, TermYears: d.TermYears})
	}
}

// RuleCounts turns per-rule parcel counts (as LandPool.AppendPairs adds
// them) into RuleCounts with their clauses, most parcels first, rules with
// no parcel left out.
func RuleCounts(m map[string]int) []RuleCount { return sortedCounts(m) }

func sortedCounts(m map[string]int) []RuleCount {
	var out []RuleCount
	for r, n := range m {
		if n > 0 {
			out = append(out, RuleCount{Rule: r, Clause: clauseOf(r), Parcels: n})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Parcels != out[j].Parcels {
			return out[i].Parcels > out[j].Parcels
		}
		return out[i].Rule < out[j].Rule
	})
	return out
}

func onlyRules(rs []planner.Reason, rules ...string) []planner.Reason {
	var out []planner.Reason
	for _, r := range rs {
		for _, name := range rules {
			if r.Rule == name {
				out = append(out, r)
			}
		}
	}
	return out
}

// Render writes the report as text in the language lang, or as JSON.
func (rep CheckReport) Render(w io.Writer, format policy.Format, lang policy.Lang) error {
	switch format {
	case policy.FormatJSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return fmt.Errorf("rules: writing the check report as JSON: %w", err)
		}
		return nil
	case policy.FormatText, "":
	default:
		return fmt.Errorf("rules: unknown format %q (want text or json)", format)
	}
	zh := checkLang(lang == policy.LangZH)
	var b strings.Builder
	rep.writePool(&b, zh)
	fmt.Fprintf(&b, "\n%s\n", zh.t("Proposals", "项目"))
	for _, pc := range rep.Proposals {
		writeProposalCheck(&b, pc, zh)
	}
	rep.writeCandidates(&b, zh)
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("rules: writing the check report: %w", err)
	}
	return nil
}

// checkLang picks the English or Chinese text of the check report.
type checkLang bool

func (zh checkLang) t(en, cn string) string {
	if zh {
		return cn
	}
	return en
}

func (zh checkLang) msg(r planner.Reason) string {
	if zh {
		return r.MessageZH
	}
	return r.Message
}

// writePool writes the report's heading and the land pool.
func (rep CheckReport) writePool(b *strings.Builder, zh checkLang) {
	pool := rep.Pool
	if zh {
		fmt.Fprintf(b, "预审基准日 %s(政策 sha256 %s)\n", rep.AsOf, rep.PolicySHA256)
		fmt.Fprintf(b, "地块:%d 宗,可供 %d 宗(%.2f 亩:新增 %.2f,存量 %.2f);新增建设用地指标 %.2f 亩\n", pool.Parcels, pool.Available, pool.AvailableMu, pool.NewMu, pool.StockMu, pool.QuotaMu)
		fmt.Fprintf(b, "公共配套保障用地(第十二条):%.2f 亩,占 %.2f 亩的 %.1f%%\n", pool.ReservedMu, pool.TotalMu, pool.ReservedShare*100)
	} else {
		fmt.Fprintf(b, "Check at %s (policy sha256 %s)\n", rep.AsOf, rep.PolicySHA256)
		fmt.Fprintf(b, "Parcels: %d, %d available (%.2f mu: new %.2f, stock %.2f); new land quota %.2f mu\n", pool.Parcels, pool.Available, pool.AvailableMu, pool.NewMu, pool.StockMu, pool.QuotaMu)
		fmt.Fprintf(b, "Reserved for public facilities (clause 12): %.2f mu, %.1f%% of %.2f mu\n", pool.ReservedMu, pool.ReservedShare*100, pool.TotalMu)
	}
}

// writeProposalCheck writes one proposal: eligible or not, its best
// parcels, its failing rules and the parcels each rule excludes.
func writeProposalCheck(b *strings.Builder, pc ProposalCheck, zh checkLang) {
	name := pc.Name
	if name != "" {
		name = " " + name
	}
	if pc.Eligible {
		fmt.Fprintf(b, zh.t("  %s%s (%s): eligible on %d parcel(s); best:", "  %s%s(%s):可安排地块 %d 宗;最优:"), pc.Proposal, name, pc.Industry, pc.EligibleParcels)
		for _, c := range pc.Best {
			fmt.Fprintf(b, zh.t(" %s %.3f (%.2f mu, %s %d y)", " %s %.3f(%.2f 亩,%s %d 年)"), c.Parcel, c.Score, c.AllocatedMu, c.SupplyMode, c.TermYears)
		}
		b.WriteString("\n")
	} else {
		fmt.Fprintf(b, zh.t("  %s%s (%s): NOT eligible on any parcel\n", "  %s%s(%s):无可安排地块\n"), pc.Proposal, name, pc.Industry)
	}
	for _, r := range pc.Reasons {
		if r.Verdict == planner.VerdictFail {
			fmt.Fprintf(b, "      %s [%s]: %s\n", r.Rule, zh.t("clause "+r.Clause, "第"+r.Clause+"条"), zh.msg(r))
		}
	}
	if len(pc.NotElsewhere) > 0 {
		var parts []string
		for _, c := range pc.NotElsewhere {
			parts = append(parts, fmt.Sprintf("%s %d", c.Rule, c.Parcels))
		}
		fmt.Fprintf(b, "      %s %s\n", zh.t("not elsewhere (parcels per rule):", "其他地块不可安排(按规则计宗数):"), strings.Join(parts, ", "))
	}
}

// writeCandidates writes the idle and inefficient land candidates and the
// land to investigate.
func (rep CheckReport) writeCandidates(b *strings.Builder, zh checkLang) {
	fmt.Fprintf(b, "\n%s\n", zh.t("Idle land candidates (令第53号)", "闲置土地线索(令第53号)"))
	if len(rep.Idle) == 0 {
		fmt.Fprintf(b, "  %s\n", zh.t("none", "无"))
	}
	for _, c := range rep.Idle {
		fmt.Fprintf(b, "  %s (%s, %.2f %s) %s: ", c.Parcel, c.Status, c.AreaMu, zh.t("mu", "亩"), c.Finding.Rule)
		for _, r := range c.Reasons {
			b.WriteString(zh.msg(r))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(b, "\n%s\n", zh.t("Inefficient land candidates", "低效用地线索"))
	if len(rep.Inefficient) == 0 {
		fmt.Fprintf(b, "  %s\n", zh.t("none", "无"))
	}
	for _, c := range rep.Inefficient {
		var parts []string
		for _, r := range c.Reasons {
			parts = append(parts, r.Rule+": "+zh.msg(r))
		}
		fmt.Fprintf(b, "  %s (%s, %.2f %s) %s\n", c.Parcel, c.Status, c.AreaMu, zh.t("mu", "亩"), strings.Join(parts, "; "))
	}
	fmt.Fprintf(b, "\n%s\n", zh.t("Land to investigate (looks idle or inefficient, no test holds on the data given; not supplied)", "待核查土地(疑似闲置或低效,现有数据不满足认定条件;不予供应)"))
	if len(rep.Investigate) == 0 {
		fmt.Fprintf(b, "  %s\n", zh.t("none", "无"))
	}
	for _, c := range rep.Investigate {
		var parts []string
		for _, r := range c.Reasons {
			parts = append(parts, zh.msg(r))
		}
		fmt.Fprintf(b, "  %s (%s, %.2f %s) %s\n", c.Parcel, c.Status, c.AreaMu, zh.t("mu", "亩"), strings.Join(parts, "; "))
	}
}
