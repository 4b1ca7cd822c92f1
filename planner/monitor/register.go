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
		return nil, planner.Errorf(planner.KindInvalid, "monitoring date %q is not a date YYYY-MM-DD", in.AsOf)
	}
	covs, err := Covenants(p, in.Plan, in.Proposals)
	if err != nil {
		return nil, err
	}
	parcels := make(map[string]*planner.Parcel, len(in.Parcels))
	for i := range in.Parcels {
		parcels[in.Parcels[i].ID] = &in.Parcels[i]
	}
	names := map[string]string{}
	area := map[string]float64{}
	onParcel := map[string]int{}
	for _, a := range in.Plan.Allocations {
		key := a.Proposal + "@" + a.Parcel
		area[key] = a.AreaMu
		n := a.ProposalName
		if n == "" {
			n = a.Proposal
		}
		names[key] = n
		onParcel[a.Parcel]++
	}
	var rows []Performance
	current := map[string]*Performance{}
	for _, r := range in.Rows {
		if _, ok := area[r.Key()]; !ok {
			return nil, planner.Errorf(planner.KindInvalid, "performance row of %d: project %s on parcel %s is not an award of plan %s", r.Year, r.Project, r.Parcel, in.Plan.ID)
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
	evals := Evaluate(p, rows, area)
	evalOf := map[string]map[int]*Evaluation{}
	for i := range evals {
		e := &evals[i]
		if evalOf[e.Enterprise] == nil {
			evalOf[e.Enterprise] = map[int]*Evaluation{}
		}
		evalOf[e.Enterprise][e.Year] = e
	}
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
		if ys := evalOf[e.Enterprise]; ys != nil {
			for y := range ys {
				e.History = append(e.History, YearClass{Year: y, Class: ys[y].Class})
			}
			sort.Slice(e.History, func(i, j int) bool { return e.History[i].Year < e.History[j].Year })
			if ev := ys[in.Year]; ev != nil && r != nil {
				e.Class, e.Score = ev.Class, ev.Score
				e.Inefficient = inefficient(p, ys, in.Year)
			}
		}
		e.Status = status(&e, r != nil)
		if pool != nil && !e.Shared {
			x := *pool
			switch e.Status {
			case StatusRecovery, StatusIdleFee, StatusIdle:
				x.Status = planner.StatusIdle
			case StatusInefficient:
				x.Status = planner.StatusInefficient
			default:
				x = *parcels[c.Parcel]
				x.Status = planner.StatusOccupied
			}
			x.EvaluationClass, x.ClassYears = e.Class, 0
			if e.Class != "" {
				x.ClassYears = yearsRunning(e.History, in.Year, e.Class)
			}
			if x.Status.IsStock() {
				if d := rules.AssessParcel(q, x).Disposal; d != nil {
					e.Route, e.FreeFrom = d.Route, d.FreeFrom
				}
			}
			res.Pool = append(res.Pool, x)
		}
		res.Entries = append(res.Entries, e)
		res.Counts[e.Status]++
	}
	return res, nil
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
	// A check is due on its date; a deadline is missed only after it.
	due := func(d string) bool { return d != "" && d <= asOf }
	past := func(d string) bool { return d != "" && d < asOf }
	milestone := func(name, by, done string) Check {
		c := Check{Name: name, Due: by, Done: done}
		switch {
		case done != "" && done <= by:
			c.State = CheckMet
		case done != "":
			c.State = CheckMissed
		case !past(by):
			c.State = CheckNotDue
		case r == nil:
			c.State = CheckNoData
		default:
			c.State = CheckMissed
		}
		return c
	}
	var started, completed string
	if r != nil {
		started, completed = r.Started, r.Completed
	}
	e.Checks = append(e.Checks, milestone(CheckStart, e.StartBy, started), milestone(CheckCompletion, e.CompleteBy, completed))
	prod := Check{Name: CheckProduction, Due: e.Checks0(), State: CheckNotDue}
	for _, d := range e.Covenant.Checks {
		if due(d) {
			prod.Due = d
		}
	}
	if due(prod.Due) {
		if r == nil {
			prod.State = CheckNoData
		} else {
			prod.State = CheckMet
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
				ic := IndicatorCheck{Name: cm.Name, Achieved: got, Required: cm.Required, Met: got >= cm.Required-1e-9}
				if !ic.Met {
					prod.State = CheckMissed
				}
				prod.Indicators = append(prod.Indicators, ic)
			}
		}
	}
	e.Checks = append(e.Checks, prod)
	// The next date after the monitoring date.
	var next []string
	for _, c := range e.Checks[:2] {
		if c.Done == "" && !past(c.Due) {
			next = append(next, c.Due)
		}
	}
	for _, d := range e.Covenant.Checks {
		if !due(d) {
			next = append(next, d)
			break
		}
	}
	if parcel == nil {
		e.Next = minDate(next)
		return nil
	}
	// Idle land by 令第53号, with the rules' one definition: the award's
	// land as a parcel whose agreed start is the covenant's.
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
	a := rules.AssessParcel(p, x)
	if f := a.Idle; f != nil && (r != nil || f.Rule == rules.RuleIdleNotStarted) {
		e.IdleFrom, e.IdleFeeDue, e.RecoverDue = f.From, f.FeeDue, f.RecoveryDue
		e.IdleFeeYuan = e.FeeShare * e.PriceYuan
		switch {
		case r != nil && r.GovernmentDelay:
			e.Idle = IdleException
		case f.Disposal == rules.DisposalRecovery:
			e.Idle = IdleRecovery
		case due(f.FeeDue):
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
		// Without a row the start is unknown: the dates say what is due,
		// the data must confirm it.
		e.Idle = IdleNone
		e.IdleFrom, e.IdleFeeDue, e.RecoverDue, e.IdleFeeYuan = "", "", "", 0
	}
	e.Next = minDate(next)
	x.AreaM2 = parcel.AreaM2
	return &x
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
