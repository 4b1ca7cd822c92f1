package monitor

import (
	"fmt"
	"slices"
	"sort"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/rules"
)

// Input is what a monitoring run reads.
type Input struct {
	// Plan is the plan whose allocations are the awards.
	Plan *plan.Plan
	// Proposals and Parcels are the stored ones (the plan's must be among
	// them).
	Proposals []planner.Proposal
	Parcels   []planner.Parcel
	// Rows are the performance rows of every year.
	Rows []Performance
	// AsOf is the monitoring date (YYYY-MM-DD) and Year the performance
	// year whose rows are checked; rows of later years are not used.
	AsOf string
	Year int
}

// Result is a monitoring run: the register, and the parcel records the
// land pool should hold after it (see Feed).
type Result struct {
	Register
	// Pool holds, per parcel of an award not shared with others, the
	// parcel as the land pool should record it after this monitoring.
	Pool []planner.Parcel `json:"-"`
}

// Monitor checks every award of the plan at in.AsOf with the rows of
// in.Year: the covenant's checks, idle land by 令第53号 (the profile's
// stock.idle) and the per-亩 evaluation with its class history. A row for
// an award the plan does not make is an error naming it.
func Monitor(p *policy.Profile, in Input) (*Result, error) {
	if _, err := dateOf(in.AsOf); err != nil {
		return nil, planner.ErrorfZH(planner.KindInvalid, "monitoring date %q is not a date YYYY-MM-DD", "监测日期 %q 不是 YYYY-MM-DD 格式的日期", in.AsOf)
	}
	covs, err := Covenants(p, in.Plan, in.Proposals)
	if err != nil {
		return nil, err
	}
	parcels := make(map[string]*planner.Parcel, len(in.Parcels))
	for i := range in.Parcels {
		parcels[in.Parcels[i].ID] = &in.Parcels[i]
	}
	names, area, onParcel := awards(in.Plan)
	rows, current, err := rowsUpTo(in, area, names)
	if err != nil {
		return nil, err
	}
	evals := Evaluate(p, rows, area)
	evalOf := byEnterprise(evals)
	q := p.Clone()
	q.Plan.AsOf = in.AsOf
	res := &Result{Register: Register{Plan: in.Plan.ID, AsOf: in.AsOf, Year: in.Year, Evaluations: evals, Counts: map[string]int{}}}
	for _, c := range covs {
		key := c.Project + "@" + c.Parcel
		e := Entry{Covenant: c, Enterprise: names[key], Shared: onParcel[c.Parcel] > 1}
		r := current[key]
		if r != nil {
			e.Enterprise, e.Year = r.Enterprise, r.Year
		}
		pool := check(q, &e, r, parcels[c.Parcel])
		history(p, &e, evalOf[e.Enterprise], in.Year, r != nil)
		e.Status = status(&e, r != nil)
		if pool != nil && !e.Shared {
			res.Pool = append(res.Pool, poolParcel(q, &e, *pool, parcels[c.Parcel], in.Year))
		}
		res.Entries = append(res.Entries, e)
		res.Counts[e.Status]++
	}
	return res, nil
}

// awards returns, per award (project@parcel), the project's name and the
// area awarded, and how many awards each parcel carries.
func awards(pl *plan.Plan) (names map[string]string, area map[string]float64, onParcel map[string]int) {
	names = map[string]string{}
	area = map[string]float64{}
	onParcel = map[string]int{}
	for _, a := range pl.Allocations {
		key := a.Proposal + "@" + a.Parcel
		area[key] = a.AreaMu
		n := a.ProposalName
		if n == "" {
			n = a.Proposal
		}
		names[key] = n
		onParcel[a.Parcel]++
	}
	return names, area, onParcel
}

// rowsUpTo returns the rows of in.Year and before, each with its
// enterprise (the project's name when the row names none), and the rows
// of in.Year by award; a row of an award the plan does not make is an
// error naming it.
func rowsUpTo(in Input, area map[string]float64, names map[string]string) ([]Performance, map[string]*Performance, error) {
	var rows []Performance
	current := map[string]*Performance{}
	for _, r := range in.Rows {
		if _, ok := area[r.Key()]; !ok {
			return nil, nil, planner.ErrorfZH(planner.KindInvalid, "performance row of %d: project %s on parcel %s is not an award of plan %s",
				"%d 年的履约数据：项目 %s 在地块 %s 上不是方案 %s 的供地", r.Year, r.Project, r.Parcel, in.Plan.ID)
		}
		if r.Year > in.Year {
			continue
		}
		if r.Enterprise == "" {
			r.Enterprise = names[r.Key()]
		}
		rows = append(rows, r)
	}
	for i := range rows {
		if rows[i].Year == in.Year {
			current[rows[i].Key()] = &rows[i]
		}
	}
	return rows, current, nil
}

// byEnterprise indexes the evaluations by enterprise and year.
func byEnterprise(evals []Evaluation) map[string]map[int]*Evaluation {
	evalOf := map[string]map[int]*Evaluation{}
	for i := range evals {
		e := &evals[i]
		if evalOf[e.Enterprise] == nil {
			evalOf[e.Enterprise] = map[int]*Evaluation{}
		}
		evalOf[e.Enterprise][e.Year] = e
	}
	return evalOf
}

// history sets the entry's class history from its enterprise's
// evaluations ys and, when the year has a row and an evaluation, its
// class, score and whether the land is inefficient.
func history(p *policy.Profile, e *Entry, ys map[int]*Evaluation, year int, hasRow bool) {
	if ys == nil {
		return
	}
	for y := range ys {
		e.History = append(e.History, YearClass{Year: y, Class: ys[y].Class})
	}
	sort.Slice(e.History, func(i, j int) bool { return e.History[i].Year < e.History[j].Year })
	if ev := ys[year]; ev != nil && hasRow {
		e.Class, e.Score = ev.Class, ev.Score
		e.Inefficient = inefficient(p, ys, year)
	}
}

// poolParcel is the award's parcel as the land pool should record it
// after the monitoring: idle or inefficient land with its class and
// disposal, or the stored parcel occupied.
func poolParcel(q *policy.Profile, e *Entry, x planner.Parcel, stored *planner.Parcel, year int) planner.Parcel {
	switch e.Status {
	case StatusRecovery, StatusIdleFee, StatusIdle:
		x.Status = planner.StatusIdle
	case StatusInefficient:
		x.Status = planner.StatusInefficient
	default:
		x = *stored
		x.Status = planner.StatusOccupied
	}
	x.EvaluationClass, x.ClassYears = e.Class, 0
	if e.Class != "" {
		x.ClassYears = yearsRunning(e.History, year, e.Class)
	}
	if x.Status.IsStock() {
		if d := rules.AssessParcel(q, x).Disposal; d != nil {
			e.Route, e.FreeFrom = d.Route, d.FreeFrom
		}
	}
	return x
}

// yearsRunning counts the years up to year in which the class was held
// without a break.
func yearsRunning(h []YearClass, year int, class string) int {
	byYear := map[int]string{}
	for _, yc := range h {
		byYear[yc.Year] = yc.Class
	}
	n := 0
	for y := year; byYear[y] == class; y-- {
		n++
	}
	return n
}

// inefficient reports whether the enterprise was rated the profile's
// inefficient class in each of the inefficient_years years up to year.
func inefficient(p *policy.Profile, ys map[int]*Evaluation, year int) bool {
	m := p.Monitor
	for y := year; y > year-m.InefficientYears; y-- {
		ev := ys[y]
		if ev == nil || ev.Class != m.InefficientClass {
			return false
		}
	}
	return true
}

// check fills the covenant's checks and the idle-land state of e at the
// profile's plan.as_of (the monitoring date) from the row r (nil: no data)
// and returns the parcel record the findings give (nil without a parcel).
func check(p *policy.Profile, e *Entry, r *Performance, parcel *planner.Parcel) *planner.Parcel {
	asOf := p.Plan.AsOf
	var started, completed string
	if r != nil {
		started, completed = r.Started, r.Completed
	}
	e.Checks = append(e.Checks, milestone(asOf, r, CheckStart, e.StartBy, started), milestone(asOf, r, CheckCompletion, e.CompleteBy, completed))
	e.Checks = append(e.Checks, productionCheck(asOf, e, r))
	next := nextChecks(asOf, e)
	if parcel == nil {
		e.Next = minDate(next)
		return nil
	}
	x := awardParcel(e, r, parcel)
	next = idleState(p, e, r, x, next)
	e.Next = minDate(next)
	x.AreaM2 = parcel.AreaM2
	return &x
}

// dueOn says whether a check on date d is due at asOf: a check is due on
// its date.
func dueOn(d, asOf string) bool { return d != "" && d <= asOf }

// pastOn says whether a deadline d is missed at asOf: only after it.
func pastOn(d, asOf string) bool { return d != "" && d < asOf }

// milestone is the check of a date the covenant sets (start, completion)
// against the date it was done, at asOf; without a row (r nil) a passed
// deadline has no data.
func milestone(asOf string, r *Performance, name, by, done string) Check {
	c := Check{Name: name, Due: by, Done: done}
	switch {
	case done != "" && done <= by:
		c.State = CheckMet
	case done != "":
		c.State = CheckMissed
	case !pastOn(by, asOf):
		c.State = CheckNotDue
	case r == nil:
		c.State = CheckNoData
	default:
		c.State = CheckMissed
	}
	return c
}

// productionCheck is the check of the covenant's indicators at the last
// check date due at asOf.
func productionCheck(asOf string, e *Entry, r *Performance) Check {
	prod := Check{Name: CheckProduction, Due: e.Checks0(), State: CheckNotDue}
	for _, d := range e.Covenant.Checks {
		if dueOn(d, asOf) {
			prod.Due = d
		}
	}
	if !dueOn(prod.Due, asOf) {
		return prod
	}
	if r == nil {
		prod.State = CheckNoData
		return prod
	}
	prod.State = CheckMet
	for _, ic := range indicatorChecks(e, r) {
		if !ic.Met {
			prod.State = CheckMissed
		}
		prod.Indicators = append(prod.Indicators, ic)
	}
	return prod
}

// indicatorChecks measures each indicator of the covenant on the row,
// per 亩 of the award (the plot ratio over its area).
func indicatorChecks(e *Entry, r *Performance) []IndicatorCheck {
	var out []IndicatorCheck
	m2 := e.AreaMu * planner.SquareMetresPerMu
	for _, cm := range e.Indicators {
		var got float64
		switch cm.Name {
		case IndInvestment:
			got = r.Investment / e.AreaMu
		case IndOutput:
			got = r.Output / e.AreaMu
		case IndTax:
			got = r.Tax / e.AreaMu
		case IndPlotRatio:
			got = r.FloorAreaM2 / m2
		}
		out = append(out, IndicatorCheck{Name: cm.Name, Achieved: got, Required: cm.Required, Met: got >= cm.Required-1e-9})
	}
	return out
}

// nextChecks lists the dates after asOf the entry's checks fall on: the
// milestones not done and not passed, and the next covenant check.
func nextChecks(asOf string, e *Entry) []string {
	var next []string
	for _, c := range e.Checks[:2] {
		if c.Done == "" && !pastOn(c.Due, asOf) {
			next = append(next, c.Due)
		}
	}
	for _, d := range e.Covenant.Checks {
		if !dueOn(d, asOf) {
			next = append(next, d)
			break
		}
	}
	return next
}

// awardParcel is the award's land as a parcel whose agreed start is the
// covenant's, with what the row says was built, invested and paid, for
// the rules' one definition of idle land (令第53号).
func awardParcel(e *Entry, r *Performance, parcel *planner.Parcel) planner.Parcel {
	x := *parcel
	x.Status = planner.StatusOccupied
	x.AgreedStart = e.StartBy
	x.HaltedSince = ""
	x.DevelopedShare, x.InvestedShare = nil, nil
	x.AreaM2 = e.AreaMu * planner.SquareMetresPerMu
	if r != nil {
		x.HaltedSince = r.HaltedSince
		if r.Started != "" {
			dev, inv := 0.0, 0.0
			if e.FloorAreaM2 > 0 {
				dev = r.FloorAreaM2 / e.FloorAreaM2
			}
			if e.InvestmentWY > 0 {
				inv = r.Investment / e.InvestmentWY
			}
			// A start recorded without anything built or invested
			// still counts as started.
			dev = max(dev, 1e-9)
			x.DevelopedShare, x.InvestedShare = &dev, &inv
		}
		tax := r.Tax / e.AreaMu
		pr := r.FloorAreaM2 / x.AreaM2
		x.CurrentTaxPerMu, x.CurrentPlotRatio = &tax, &pr
	}
	return x
}

// idleState sets the entry's idle-land state and dates from the rules'
// assessment of the award's land, and returns next with the idle dates
// still to come. Without a row the start is unknown: the dates say what
// is due, the data must confirm it.
func idleState(p *policy.Profile, e *Entry, r *Performance, x planner.Parcel, next []string) []string {
	a := rules.AssessParcel(p, x)
	if f := a.Idle; f != nil && (r != nil || f.Rule == rules.RuleIdleNotStarted) {
		e.IdleFrom, e.IdleFeeDue, e.RecoverDue = f.From, f.FeeDue, f.RecoveryDue
		e.IdleFeeYuan = e.FeeShare * e.PriceYuan
		switch {
		case r != nil && r.GovernmentDelay:
			e.Idle = IdleException
		case f.Disposal == rules.DisposalRecovery:
			e.Idle = IdleRecovery
		case dueOn(f.FeeDue, p.Plan.AsOf):
			e.Idle = IdleFee
		default:
			e.Idle = IdleFound
		}
		if e.Idle == IdleFee || e.Idle == IdleFound {
			next = append(next, f.RecoveryDue)
			if e.Idle == IdleFound {
				next = append(next, f.FeeDue)
			}
		}
	}
	if r == nil && e.Idle != IdleNone {
		e.Idle = IdleNone
		e.IdleFrom, e.IdleFeeDue, e.RecoverDue, e.IdleFeeYuan = "", "", "", 0
	}
	return next
}

// Checks0 is the first check at full production.
func (c Covenant) Checks0() string {
	if len(c.Checks) == 0 {
		return ""
	}
	return c.Checks[0]
}

// CheckNoData is the state of a check that is due when no performance row
// says whether it was met.
const CheckNoData = "no_data"

func minDate(ds []string) string {
	ds = slices.DeleteFunc(ds, func(s string) bool { return s == "" })
	if len(ds) == 0 {
		return ""
	}
	return slices.Min(ds)
}

// status is the most serious finding of an entry.
func status(e *Entry, hasRow bool) string {
	switch e.Idle {
	case IdleRecovery:
		return StatusRecovery
	case IdleFee:
		return StatusIdleFee
	case IdleFound:
		return StatusIdle
	case IdleException:
		return StatusException
	}
	if e.Inefficient {
		return StatusInefficient
	}
	for _, c := range e.Checks {
		if c.State == CheckMissed {
			return StatusBreach
		}
	}
	if !hasRow {
		return StatusNoData
	}
	return StatusOK
}

// StatusRank orders statuses for sorting, the most serious first.
func StatusRank(s string) int {
	if i := slices.Index(statusOrder, s); i >= 0 {
		return i
	}
	return len(statusOrder)
}

// dateOf parses a date.
func dateOf(s string) (string, error) {
	if addMonths(s, 0) == "" {
		return "", fmt.Errorf("not a date: %q", s)
	}
	return s, nil
}
