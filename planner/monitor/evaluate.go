package monitor

import (
	"math"
	"slices"
	"sort"

	"github.com/landplan/landplan/planner/policy"
)

// Evaluate scores every enterprise of every year of rows (亩均效益评价) and
// classes it, by the profile's monitor settings. areaMu gives the land of
// each award by Performance.Key (the land planned for the project, the
// per-亩 figures' one definition). An enterprise's figures sum over its
// rows of the year; an enterprise with neither output nor tax in the year
// (not producing) is not rated; each indicator scores value ÷ benchmark × weight, the
// weights normalised to sum 1, so that an enterprise at every benchmark
// scores 1. The result is ordered by year, then rank, then enterprise.
func Evaluate(p *policy.Profile, rows []Performance, areaMu map[string]float64) []Evaluation {
	type acc struct {
		projects                    []string
		area, out, tax, inv, energy float64
		jobs                        int
	}
	byYear := map[int]map[string]*acc{}
	for _, r := range rows {
		ys := byYear[r.Year]
		if ys == nil {
			ys = map[string]*acc{}
			byYear[r.Year] = ys
		}
		a := ys[r.Enterprise]
		if a == nil {
			a = &acc{}
			ys[r.Enterprise] = a
		}
		a.projects = append(a.projects, r.Project)
		a.area += areaMu[r.Key()]
		a.out += r.Output
		a.tax += r.Tax
		a.inv += r.Investment
		a.energy += r.EnergyTCE
		a.jobs += r.Jobs
	}
	m := p.Monitor
	var wsum float64
	for _, in := range m.Indicators {
		wsum += m.Weights[in]
	}
	years := make([]int, 0, len(byYear))
	for y := range byYear {
		years = append(years, y)
	}
	sort.Ints(years)
	var out []Evaluation
	for _, y := range years {
		var evs []Evaluation
		for ent, a := range byYear[y] {
			if a.out <= 0 && a.tax <= 0 {
				// Not producing yet (or any more): not rated.
				continue
			}
			ev := Evaluation{Year: y, Enterprise: ent, Projects: a.projects, AreaMu: a.area}
			sort.Strings(ev.Projects)
			for _, in := range m.Indicators {
				v := indicatorValue(in, a.area, a.out, a.tax, a.inv, a.energy, a.jobs)
				w := m.Weights[in] / wsum
				s := IndicatorScore{Name: in, Value: v, Benchmark: m.Benchmarks[in], Weight: w}
				if s.Benchmark > 0 {
					s.Score = v / s.Benchmark * w
				}
				ev.Breakdown = append(ev.Breakdown, s)
				ev.Score += s.Score
			}
			evs = append(evs, ev)
		}
		Classify(p, evs)
		sort.Slice(evs, func(i, j int) bool {
			if evs[i].Rank != evs[j].Rank {
				return evs[i].Rank < evs[j].Rank
			}
			return evs[i].Enterprise < evs[j].Enterprise
		})
		out = append(out, evs...)
	}
	return out
}

// indicatorValue is one indicator of an enterprise's summed figures.
func indicatorValue(name string, area, output, tax, invest, energy float64, jobs int) float64 {
	per := func(x float64) float64 {
		if area <= 0 {
			return 0
		}
		return x / area
	}
	switch name {
	case "tax_per_mu":
		return per(tax)
	case "output_per_mu":
		return per(output)
	case "investment_per_mu":
		return per(invest)
	case "jobs_per_mu":
		return per(float64(jobs))
	case "output_per_energy":
		if energy <= 0 {
			return 0
		}
		return output / energy
	}
	return 0
}

// scoreKey rounds a score so that scores equal but for rounding noise
// tie.
func scoreKey(s float64) float64 { return math.Round(s*1e9) / 1e9 }

// Classify sets the rank and class of each evaluation of one year: the
// rank is 1 + the number of enterprises scoring strictly higher, and with
// k that number and n the enterprises, the class is A when k < b₁·n, B
// when k < b₂·n, C when k < b₃·n and D otherwise (b = monitor.class_bounds).
// Enterprises with equal scores have the same k, so a tie across a class
// boundary goes to the better class for all of them.
func Classify(p *policy.Profile, evs []Evaluation) {
	n := float64(len(evs))
	b := p.Monitor.ClassBounds
	keys := make([]float64, len(evs))
	for i := range evs {
		keys[i] = scoreKey(evs[i].Score)
	}
	sorted := slices.Clone(keys)
	slices.Sort(sorted)
	for i := range evs {
		// The scores strictly above: those after the last equal one.
		above := len(sorted) - sort.SearchFloat64s(sorted, math.Nextafter(keys[i], math.Inf(1)))
		k := above
		evs[i].Rank = k + 1
		evs[i].Class = EvaluationClass(k, n, b)
	}
}

// EvaluationClass is the class of an enterprise with k enterprises of n
// scoring strictly higher, by the class bounds.
func EvaluationClass(k int, n float64, bounds []float64) string {
	for i, bd := range bounds {
		if float64(k) < bd*n-1e-9 && i < len(policy.EvaluationClasses)-1 {
			return policy.EvaluationClasses[i]
		}
	}
	return policy.EvaluationClasses[len(policy.EvaluationClasses)-1]
}

// LatestClasses returns, per enterprise, its class in the latest year it
// was rated (Evaluate's rules), for monitor.class_in_score.
func LatestClasses(p *policy.Profile, rows []Performance, areaMu map[string]float64) map[string]YearClass {
	out := map[string]YearClass{}
	for _, ev := range Evaluate(p, rows, areaMu) {
		if yc, ok := out[ev.Enterprise]; !ok || ev.Year > yc.Year {
			out[ev.Enterprise] = YearClass{Year: ev.Year, Class: ev.Class}
		}
	}
	return out
}
