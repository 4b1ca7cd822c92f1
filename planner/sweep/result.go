package sweep

import (
	"strings"

	"github.com/landplan/landplan/planner/plan"
)

// Result is a finished (or partly finished) sweep: its axes and one
// row per point run, in run order.
type Result struct {
	// Base is the base scenario's name ("" for the profile alone).
	Base string `json:"base_scenario"`
	// Axes are the swept settings.
	Axes []Axis `json:"axes"`
	// Points is the number of points of the sweep.
	Points int `json:"points"`
	// Rows are the points run so far.
	Rows []Row `json:"rows"`
}

// Row is one point of a sweep with its plan's headline figures.
type Row struct {
	Point
	// Plan is the stored plan's id.
	Plan string `json:"plan"`
	// Objective, Bound and Gap are the plan's objective, proven bound and
	// gap; Status how the solver ended.
	Objective float64 `json:"objective"`
	Bound     float64 `json:"bound"`
	Gap       float64 `json:"gap"`
	Status    string  `json:"status"`
	// Projects placed; new land (planning year) and stock land, 亩.
	Projects    int     `json:"projects"`
	NewLandMu   float64 `json:"new_land_mu"`
	StockLandMu float64 `json:"stock_land_mu"`
	// OutputPerMu and TaxPerMu are 万元 per 亩 of the land planned;
	// RevenueYuan the land revenue.
	OutputPerMu float64 `json:"output_per_mu"`
	TaxPerMu    float64 `json:"tax_per_mu"`
	RevenueYuan float64 `json:"revenue_yuan"`
	// Marginal are the plan's marginal values (plan.Plan.Marginal).
	Marginal []plan.MarginalValue `json:"marginal_values,omitempty"`
	// Seconds is the wall time of the point's run (not part of the plan).
	Seconds float64 `json:"seconds"`
}

// NewRow is the row of a point and the plan made for it.
func NewRow(pt Point, p *plan.Plan) Row {
	t := p.Totals
	return Row{Point: pt, Plan: p.ID, Objective: p.Objective, Bound: p.Bound, Gap: p.Gap, Status: p.Status,
		Projects: t.Projects, NewLandMu: t.NewLandMu, StockLandMu: t.StockLandMu, OutputPerMu: t.OutputPerMu,
		TaxPerMu: t.TaxPerMu, RevenueYuan: t.RevenueYuan, Marginal: p.Marginal, Seconds: p.Solver.Elapsed.Seconds()}
}

// Indicator is a figure of a sweep row that a chart draws against the
// swept value.
type Indicator struct {
	// Name is the indicator's key (objective, projects, new_land_mu, …).
	Name string `json:"name"`
	// Label and LabelZH name it with its unit.
	Label   string `json:"label"`
	LabelZH string `json:"label_zh"`
	// Value reads it from a row; Band, when set, reads the proven range
	// [low, high] of the figure (only the objective has one: the plan's
	// value and its proven bound).
	Value func(Row) float64             `json:"-"`
	Band  func(Row) (low, high float64) `json:"-"`
}

// Indicators lists the indicators of a sweep, the objective first.
func Indicators() []Indicator {
	return []Indicator{
		{Name: "objective", Label: "objective (with its proven bound)", LabelZH: "目标值(含已证上界)",
			Value: func(r Row) float64 { return r.Objective },
			Band:  func(r Row) (float64, float64) { return r.Objective, r.Bound }},
		{Name: "projects", Label: "projects placed", LabelZH: "安排项目数",
			Value: func(r Row) float64 { return float64(r.Projects) }},
		{Name: "new_land_mu", Label: "new land, mu", LabelZH: "新增用地(亩)",
			Value: func(r Row) float64 { return r.NewLandMu }},
		{Name: "stock_land_mu", Label: "stock land, mu", LabelZH: "存量用地(亩)",
			Value: func(r Row) float64 { return r.StockLandMu }},
		{Name: "output_per_mu", Label: "output per mu, 10k yuan", LabelZH: "亩均产值(万元)",
			Value: func(r Row) float64 { return r.OutputPerMu }},
		{Name: "tax_per_mu", Label: "tax per mu, 10k yuan", LabelZH: "亩均税收(万元)",
			Value: func(r Row) float64 { return r.TaxPerMu }},
		{Name: "revenue", Label: "land revenue, 10k yuan", LabelZH: "土地收入(万元)",
			Value: func(r Row) float64 { return r.RevenueYuan / 1e4 }},
	}
}

// IndicatorByName returns the named indicator.
func IndicatorByName(name string) (Indicator, bool) {
	for _, in := range Indicators() {
		if in.Name == name {
			return in, true
		}
	}
	return Indicator{}, false
}

// IndicatorNames lists the indicators' names, comma-separated, for
// messages.
func IndicatorNames() string {
	var ns []string
	for _, in := range Indicators() {
		ns = append(ns, in.Name)
	}
	return strings.Join(ns, ", ")
}
