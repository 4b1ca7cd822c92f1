package policy

import "slices"

// Monitor holds what follows the award (标准地 after supply): the
// covenant's deadlines and check dates, the per-亩 evaluation (亩均效益
// 评价) and its classes, and what the monitoring feeds back into the next
// plan. The idle-land dates themselves are Stock.Idle's (令第53号).
type Monitor struct {
	// StartMonths is the agreed start of construction (约定动工日期),
	// months after the date the land is free for the project.
	StartMonths int `toml:"start_months"`
	// CompletionMonths is the agreed completion (约定竣工日期), months
	// after the agreed start.
	CompletionMonths int `toml:"completion_months"`
	// ProductionMonths is the first check of the committed indicators at
	// full production (达产复核), months after the agreed completion.
	ProductionMonths int `toml:"production_months"`
	// RecheckYears is the interval of the later checks, years after the
	// first; Rechecks how many of them a covenant sheet lists.
	RecheckYears int `toml:"recheck_years"`
	Rechecks     int `toml:"rechecks"`
	// CommitmentShare: an indicator is met when the achieved figure
	// reaches the standard-land threshold and this share of the figure
	// the enterprise committed to.
	CommitmentShare float64 `toml:"commitment_share"`
	// Indicators are the evaluation's indicators, in order (names from
	// EvaluationIndicators()); Weights and Benchmarks give each its
	// weight and benchmark: an enterprise scores Σ value ÷ benchmark ×
	// weight.
	Indicators []string           `toml:"indicators"`
	Weights    map[string]float64 `toml:"weights"`
	Benchmarks map[string]float64 `toml:"benchmarks"`
	// ClassBounds are the upper rank shares of classes A, B and C: an
	// enterprise with fewer than ClassBounds[0]·n enterprises scoring
	// strictly above it is A, fewer than ClassBounds[1]·n B, fewer than
	// ClassBounds[2]·n C, else D. Equal scores get the same class.
	ClassBounds []float64 `toml:"class_bounds"`
	// InefficientClass rated InefficientYears years running makes an
	// enterprise's land inefficient.
	InefficientClass string `toml:"inefficient_class"`
	InefficientYears int    `toml:"inefficient_years"`
	// ClassInScore adds ClassBonus[class] of an enterprise's latest class
	// to the score of its next proposals.
	ClassInScore bool               `toml:"class_in_score"`
	ClassBonus   map[string]float64 `toml:"class_bonus"`
}

// The evaluation classes, best first.
var EvaluationClasses = []string{"A", "B", "C", "D"}

// Indicator describes an indicator of the per-亩 evaluation.
type Indicator struct {
	Name   string // key in monitor.indicators
	Unit   string
	EN, ZH string
}

var indicators = []Indicator{
	{"tax_per_mu", "万元/亩", "tax paid per 亩 of the enterprise's land", "亩均税收"},
	{"output_per_mu", "万元/亩", "output (sales) per 亩 of the enterprise's land", "亩均产值"},
	{"output_per_energy", "万元/吨标准煤", "output per tonne of standard coal of energy used", "单位能耗产值"},
	{"jobs_per_mu", "人/亩", "jobs per 亩", "亩均就业"},
	{"investment_per_mu", "万元/亩", "fixed-asset investment to date per 亩", "亩均投资"},
}

// EvaluationIndicators returns the indicators the per-亩 evaluation knows,
// in a fixed order.
func EvaluationIndicators() []Indicator { return slices.Clone(indicators) }

// IndicatorNameZH names an evaluation indicator in Chinese (亩均税收, …);
// the name itself when unknown.
func IndicatorNameZH(name string) string {
	for _, in := range indicators {
		if in.Name == name {
			return in.ZH
		}
	}
	return name
}

func knownIndicator(name string) bool {
	for _, in := range indicators {
		if in.Name == name {
			return true
		}
	}
	return false
}

// validateMonitor checks the monitor settings.
func (p *Profile) validateMonitor(v *validator) {
	m := p.Monitor
	v.intBetween("monitor.start_months", m.StartMonths, 0, 120)
	v.intBetween("monitor.completion_months", m.CompletionMonths, 1, 240)
	v.intBetween("monitor.production_months", m.ProductionMonths, 0, 240)
	v.intBetween("monitor.recheck_years", m.RecheckYears, 1, 50)
	v.intBetween("monitor.rechecks", m.Rechecks, 0, 20)
	v.share("monitor.commitment_share", m.CommitmentShare)
	if len(m.Indicators) == 0 {
		v.errf("monitor.indicators", "empty: the evaluation needs at least one indicator")
	}
	for i, in := range m.Indicators {
		if !knownIndicator(in) {
			v.errf("monitor.indicators", "item %d %q is not a known indicator (known: tax_per_mu, output_per_mu, output_per_energy, jobs_per_mu, investment_per_mu)", i+1, in)
			continue
		}
		if m.Weights[in] <= 0 {
			v.errf("monitor.weights."+in, "missing or not positive: every indicator needs a weight")
		}
		if m.Benchmarks[in] <= 0 {
			v.errf("monitor.benchmarks."+in, "missing or not positive: every indicator needs a benchmark")
		}
	}
	for _, k := range sortedKeys(m.Weights) {
		if !slices.Contains(m.Indicators, k) {
			v.errf("monitor.weights."+k, "%q is not in monitor.indicators", k)
		}
	}
	for _, k := range sortedKeys(m.Benchmarks) {
		if !slices.Contains(m.Indicators, k) {
			v.errf("monitor.benchmarks."+k, "%q is not in monitor.indicators", k)
		}
	}
	if len(m.ClassBounds) != 3 {
		v.errf("monitor.class_bounds", "want 3 shares (the upper bounds of A, B and C), got %d", len(m.ClassBounds))
	}
	for i, b := range m.ClassBounds {
		switch {
		case b <= 0 || b > 1:
			v.errf("monitor.class_bounds", "item %d = %v is out of range (0, 1]", i+1, b)
		case i > 0 && b <= m.ClassBounds[i-1]:
			v.errf("monitor.class_bounds", "item %d = %v does not ascend", i+1, b)
		}
	}
	v.oneOf("monitor.inefficient_class", m.InefficientClass, EvaluationClasses...)
	v.intBetween("monitor.inefficient_years", m.InefficientYears, 1, 10)
	for _, k := range sortedKeys(m.ClassBonus) {
		if !slices.Contains(EvaluationClasses, k) {
			v.errf("monitor.class_bonus."+k, "%q is not a class (A, B, C, D)", k)
		}
		v.between("monitor.class_bonus."+k, m.ClassBonus[k], -1, 1)
	}
}
