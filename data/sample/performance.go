package sample

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"time"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/monitor"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// PerformanceFile names the generated sample performance table of the
// demo for its last year.
func PerformanceFile(year int) string { return fmt.Sprintf("performance-sample-%d.csv", year) }

// PerformanceHeader is the header of the sample performance table: the
// Chinese column names of docs/product.md, "Performance".
var PerformanceHeader = []string{"项目编号", "宗地编号", "企业名称", "年度", "产值(万元)", "税收(万元)", "累计投资(万元)",
	"就业人数", "综合能耗(吨标准煤)", "已建建筑面积(平方米)", "动工日期", "竣工日期", "停工日期", "政府原因延迟"}

// EnterpriseName is the enterprise of a sample proposal: its name up to the
// first space (the sample names a project "企业 项目").
func EnterpriseName(q planner.Proposal) string {
	name, _, _ := strings.Cut(q.Name, " ")
	if name == "" {
		return q.ID
	}
	return name
}

// Performance generates, deterministically from the project ids, a sample
// performance table (CSV with Chinese headers, UTF-8 with BOM) of the
// plan's awards for each of years: a generated sample for the demo, not
// data of any enterprise. The awards behave as such awards do in Guangxi's
// parks: most start within their agreed start (the covenant's start_by)
// and ramp up to 60–110% of their committed output and tax by the second
// year; some start late; some ramp slowly; a few never start (idle land
// under 令第53号), one in three of those for a delay the government caused
// (art. 8); a few start and halt with little built. Energy use is output ÷
// 1.5–3.5 万元 per tonne of standard coal.
func Performance(p *policy.Profile, pl *plan.Plan, proposals []planner.Proposal, years []int) ([]byte, error) {
	covs, err := monitor.Covenants(p, pl, proposals)
	if err != nil {
		return nil, err
	}
	byID := map[string]planner.Proposal{}
	for _, q := range proposals {
		byID[q.ID] = q
	}
	var buf bytes.Buffer
	buf.Write([]byte{0xEF, 0xBB, 0xBF})
	w := csv.NewWriter(&buf)
	if err := w.Write(PerformanceHeader); err != nil {
		return nil, err
	}
	for _, c := range covs {
		q := byID[c.Project]
		f := newSampleFate(c)
		for _, y := range years {
			if err := w.Write(f.row(c, q, y)); err != nil {
				return nil, err
			}
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

func num(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }

// sampleFate is how one sample award fares: when it starts and halts
// (zero for never), the share of its commitment it reaches once
// producing, whether the government delayed it, and pick, its
// independent draws from 0 to 1.
type sampleFate struct {
	started, halted time.Time
	ramp            float64
	delay           bool
	pick            func(k uint) float64
}

// newSampleFate decides the fate of covenant c's award from a hash of its
// project id.
func newSampleFate(c monitor.Covenant) sampleFate {
	h := fnv.New64a()
	h.Write([]byte(c.Project))
	u := h.Sum64()
	pick := func(k uint) float64 { return float64((u>>(8*k))&0xff) / 255 } // 0..1, independent bytes
	kind := u % 100
	startBy, _ := time.Parse(policy.DateLayout, c.StartBy)
	delivered, _ := time.Parse(policy.DateLayout, c.Delivered)
	f := sampleFate{pick: pick}
	f.ramp = 0.6 + 0.5*pick(1) // share of the commitment reached once producing
	switch {
	case kind < 6: // never started
	case kind < 9: // never started, the government's delay
		f.delay = true
	case kind < 13: // started, halted with little built
		f.started = delivered.AddDate(0, 3+int(pick(2)*5), 0)
		f.halted = f.started.AddDate(0, 4+int(pick(3)*4), 0)
	case kind < 21: // started late
		f.started = startBy.AddDate(0, 2+int(pick(2)*6), 0)
	case kind < 36: // slow
		f.started = delivered.AddDate(0, 2+int(pick(2)*8), 0)
		f.ramp = 0.2 + 0.25*pick(1)
	default:
		f.started = delivered.AddDate(0, 1+int(pick(2)*9), 0)
	}
	return f
}

// row returns the table row of covenant c's award (proposal q) for year
// y.
func (f sampleFate) row(c monitor.Covenant, q planner.Proposal, y int) []string {
	pick := f.pick
	yearEnd := time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)
	rec := []string{c.Project, c.Parcel, EnterpriseName(q), strconv.Itoa(y)}
	var out, tax, inv, floor, energy float64
	var jobs int
	var s, done, hs string
	if !f.started.IsZero() && !f.started.After(yearEnd) {
		s = f.started.Format(policy.DateLayout)
		months := yearEnd.Sub(f.started).Hours() / 24 / 30.4
		build := min(1, months/20) // built and invested over about 20 months
		if !f.halted.IsZero() {
			if !f.halted.After(yearEnd) {
				hs = f.halted.Format(policy.DateLayout)
			}
			build = min(build, 0.15)
		}
		inv = q.Investment * build * (0.9 + 0.2*pick(4))
		floor = c.FloorAreaM2 * build
		if build >= 1 {
			d := f.started.AddDate(0, 20, 0)
			if d.After(yearEnd) {
				d = yearEnd
			}
			done = d.Format(policy.DateLayout)
		}
		// Producing from the completion of the first buildings,
		// about a year after the start.
		prod := max(0, min(1, (months-12)/12)) * f.ramp
		if !f.halted.IsZero() {
			prod = 0
		}
		out = q.Output * prod
		tax = q.Tax * prod * (0.85 + 0.3*pick(5))
		jobs = int(float64(q.Jobs) * max(prod, 0.1*build))
		if out > 0 {
			energy = out / (1.5 + 2*pick(6))
		}
	}
	g := "否"
	if f.delay {
		g = "是"
	}
	return append(rec, num(out), num(tax), num(inv), strconv.Itoa(jobs), num(energy), num(floor), s, done, hs, g)
}
