package synth

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
)

// industry describes how the proposals of one industry key look.
type industry struct {
	Key    string
	Weight float64 // share of the proposals
	// MinPlotRatio is the industry's minimum plot ratio in the 2008
	// control indicators (the default policy profile's value).
	MinPlotRatio float64
	Classes      []int // land classes its projects ask for; empty: not said
	Lifecycle    [2]float64
	RD           [2]float64
	Suffix       []string // company name endings
	Projects     []string // project names; %d takes a capacity figure
	// Zone is the preferred zone's index into zones, -1 for either.
	Zone int
}

// industries are Liuzhou's industries, automobiles and parts first.
var industries = []industry{
	{"auto_parts", 0.28, 0.7, []int{2, 2, 1}, [2]float64{20, 40}, [2]float64{0.01, 0.06},
		[]string{"汽车零部件有限公司", "汽车部件有限公司", "汽车配件制造有限公司"},
		[]string{"年产%d万套底盘件项目", "年产%d万件汽车内饰件项目", "年产%d万套汽车座椅项目", "年产%d万件铝合金轮毂项目", "年产%d万套汽车空调压缩机项目", "汽车电子控制器生产线项目"}, 0},
	{"nev", 0.18, 0.7, []int{2}, [2]float64{15, 30}, [2]float64{0.03, 0.1},
		[]string{"新能源汽车有限公司", "动力电池有限公司", "电驱动科技有限公司"},
		[]string{"年产%d万辆新能源专用车项目", "年产%dGWh动力电池项目", "新能源汽车电驱动系统项目", "年产%d万套电池包项目", "智能网联汽车零部件项目"}, 0},
	{"equipment", 0.14, 0.7, []int{2, 3}, [2]float64{20, 40}, [2]float64{0.02, 0.07},
		[]string{"机械装备有限公司", "重工科技有限公司", "液压科技有限公司"},
		[]string{"年产%d台工程机械结构件项目", "智能装备制造基地项目", "年产%d万件液压件项目", "年产%d台套数控机床项目"}, 1},
	{"ict", 0.09, 1.0, []int{1}, [2]float64{8, 15}, [2]float64{0.05, 0.12},
		[]string{"电子科技有限公司", "智能科技有限公司", "信息技术有限公司"},
		[]string{"智能终端产业园项目", "年产%d万片电路板项目", "汽车芯片封装测试项目", "车载软件研发中心项目"}, 0},
	{"materials", 0.08, 0.6, []int{3, 2}, [2]float64{25, 40}, [2]float64{0.01, 0.05},
		[]string{"新材料有限公司", "金属材料有限公司"},
		[]string{"年产%d万吨汽车钢板加工项目", "年产%d万吨改性塑料项目", "高性能铝材项目"}, 1},
	{"green", 0.07, 0.7, []int{2, 3}, [2]float64{15, 30}, [2]float64{0.02, 0.08},
		[]string{"环保科技有限公司", "新能源科技有限公司"},
		[]string{"年产%d万吨再生资源利用项目", "光伏组件生产项目", "节能环保装备项目"}, -1},
	{"biomed", 0.06, 0.7, []int{2, 1}, [2]float64{20, 35}, [2]float64{0.05, 0.12},
		[]string{"生物医药有限公司", "医疗器械有限公司", "制药有限公司"},
		[]string{"中药饮片生产项目", "医疗器械产业化项目", "生物制药项目"}, -1},
	{"logistics", 0.06, 0, nil, [2]float64{10, 20}, [2]float64{0, 0.01},
		[]string{"供应链管理有限公司", "物流有限公司"},
		[]string{"汽车零部件物流中心项目", "冷链物流园项目", "智慧仓储项目"}, -1},
	{"other", 0.04, 0.7, []int{1, 2}, [2]float64{8, 25}, [2]float64{0, 0.04},
		[]string{"实业有限公司", "食品有限公司"},
		[]string{"螺蛳粉生产基地项目", "预制装配式建筑构件项目", "年产%d万吨食品加工项目"}, -1},
}

// Two-character company names are drawn from these.
var (
	brand1 = []rune("鑫华宏远腾达瑞恒通嘉正联盛泰锦立丰东方金桂龙")
	brand2 = []rune("源科创信力新航宇驰智威德邦凯润昌祥")
)

// proposal is one generated proposal row.
type proposal struct {
	id, name, industry, zone, types                              string
	landClass, phases, jobs                                      int
	area, minArea, phase1                                        float64
	investment, output, tax                                      float64
	rd, plotRatio, coverage, facility, dormitory, lifecycle      float64
	hasMin, hasPhase1, hasRD, hasDormitory, hasFacility, hasLife bool

	// The optional columns: the supply mode and term asked for ("" and
	// 0 when none), the total and facility floor areas in m², the
	// earliest year (0 when none).
	mode                           string
	term, earliestYear             int
	floorArea, facilityFloor       float64
	hasFloorArea, hasFacilityFloor bool
}

// uniform draws from [lo, hi).
func uniform(rng *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*rng.Float64() }

// round rounds v to d decimals.
func round(v float64, d int) float64 {
	p := math.Pow(10, float64(d))
	return math.Round(v*p) / p
}

// clamp01 keeps v within 0..1.
func clamp01(v float64) float64 { return math.Min(1, math.Max(0, v)) }

// proposalAreas draws n requested areas: log-normal, skewed small, within
// 10–300 亩, scaled so that they add up to total 亩 as nearly as that range
// allows.
func proposalAreas(rng *rand.Rand, n int, total float64) []float64 {
	raw := make([]float64, n)
	for i := range raw {
		raw[i] = math.Exp(0.8 * rng.NormFloat64())
	}
	areas := make([]float64, n)
	scaled := func(s float64) float64 {
		sum := 0.0
		for i, r := range raw {
			areas[i] = round(math.Min(300, math.Max(10, s*r)), 1)
			sum += areas[i]
		}
		return sum
	}
	// The sum grows with s, from every area at 10 to every area at 300
	// over this range of scales; bisect geometrically for the scale.
	lo, hi := 1e-4, 1e6
	for range 80 {
		if mid := math.Sqrt(lo * hi); scaled(mid) < total {
			lo = mid
		} else {
			hi = mid
		}
	}
	scaled(hi)
	return areas
}

// makeProposals draws n proposals asking for about totalMu 亩 in all.
func makeProposals(rng *rand.Rand, n int, totalMu float64) []proposal {
	weights := make([]float64, len(industries))
	for i, ind := range industries {
		weights[i] = ind.Weight
	}
	width := max(3, len(strconv.Itoa(n)))
	areas := proposalAreas(rng, n, totalMu)
	out := make([]proposal, n)
	for i := range out {
		ind := industries[pickWeighted(rng, weights)]
		p := proposal{id: fmt.Sprintf("P2025-%0*d", width, i+1), industry: ind.Key}
		drawName(rng, &p, ind)
		p.area = areas[i]
		drawAreaAndPhases(rng, &p)
		drawFigures(rng, &p, ind)
		drawLandUse(rng, &p, ind)
		if rng.Float64() < 0.9 {
			p.hasLife, p.lifecycle = true, math.Round(uniform(rng, ind.Lifecycle[0], ind.Lifecycle[1]))
		}
		p.types = enterpriseTypes(rng, p.area)
		p.zone = preferredZone(rng, ind.Zone)
		out[i] = p
	}
	return out
}

// drawName draws the enterprise's and the project's name and the land
// class of proposal p in industry ind.
func drawName(rng *rand.Rand, p *proposal, ind industry) {
	company := "柳州" + string(brand1[rng.IntN(len(brand1))]) + string(brand2[rng.IntN(len(brand2))]) + ind.Suffix[rng.IntN(len(ind.Suffix))]
	project := ind.Projects[rng.IntN(len(ind.Projects))]
	if strings.Contains(project, "%d") {
		project = fmt.Sprintf(project, 5*(1+rng.IntN(12)))
	}
	p.name = company + " " + project
	if len(ind.Classes) > 0 {
		p.landClass = ind.Classes[rng.IntN(len(ind.Classes))]
	}
}

// drawAreaAndPhases draws the smallest area p accepts and, for 60 亩 and
// more, its phases and the first phase's share.
func drawAreaAndPhases(rng *rand.Rand, p *proposal) {
	if rng.Float64() < 0.35 {
		p.hasMin = true
		p.minArea = math.Max(10, math.Floor(p.area*uniform(rng, 0.6, 0.9)*10)/10)
		p.minArea = math.Min(p.minArea, p.area)
	}
	p.phases = 1
	if p.area >= 60 {
		switch u := rng.Float64(); {
		case u < 0.10:
			p.phases = 3
		case u < 0.40:
			p.phases = 2
		}
	}
	if p.phases > 1 && rng.Float64() < 0.7 {
		p.hasPhase1 = true
		p.phase1 = round(uniform(rng, 0.35, 0.7)*20, 0) / 20
	}
}

// drawFigures draws p's investment, output, tax, jobs and R&D share: a
// quality drives the per-亩 figures together, with noise.
func drawFigures(rng *rand.Rand, p *proposal, ind industry) {
	q := (rng.Float64() + rng.Float64()) / 2
	noisy := func() float64 { return clamp01(q + 0.12*rng.NormFloat64()) }
	p.investment = round(p.area*(150+450*noisy()), 0)
	p.output = round(p.area*(200+1000*noisy()), 0)
	p.tax = round(p.area*(10+70*noisy()), 1)
	p.jobs = int(math.Round(p.area * (3 + 27*clamp01(0.45+0.2*rng.NormFloat64()))))
	if rng.Float64() < 0.95 {
		p.hasRD, p.rd = true, round(uniform(rng, ind.RD[0], ind.RD[1]), 3)
	}
}

// drawLandUse draws p's plot ratio, building coverage, facility and
// dormitory shares, a few of each below the rules' limits.
func drawLandUse(rng *rand.Rand, p *proposal, ind industry) {
	if ind.MinPlotRatio > 0 && rng.Float64() < 0.06 {
		p.plotRatio = round(uniform(rng, math.Max(0.3, ind.MinPlotRatio-0.3), ind.MinPlotRatio-0.05), 2)
	} else {
		p.plotRatio = round(uniform(rng, math.Max(0.6, ind.MinPlotRatio+0.1), 3.0), 2)
	}
	if rng.Float64() < 0.06 {
		p.coverage = round(uniform(rng, 0.25, 0.295), 2)
	} else {
		p.coverage = round(uniform(rng, 0.30, 0.65), 2)
	}
	p.hasFacility = true
	switch u := rng.Float64(); {
	case u < 0.06:
		p.facility = round(uniform(rng, 0.151, 0.18), 3)
	case u < 0.30:
		p.facility = round(uniform(rng, 0.071, 0.15), 3)
	case u < 0.95:
		p.facility = round(uniform(rng, 0.02, 0.07), 3)
	default:
		p.hasFacility = false
	}
	if p.hasFacility && p.facility > 0.07 {
		p.hasDormitory = true
		if rng.Float64() < 0.8 {
			p.dormitory = round(uniform(rng, 0.5, 1), 2)
		} else {
			p.dormitory = round(uniform(rng, 0, 0.45), 2)
		}
	} else if rng.Float64() < 0.3 {
		p.hasDormitory, p.dormitory = true, round(uniform(rng, 0, 0.5), 2)
	}
}

// Shares of the proposals that state the optional columns, and of those
// with floor areas or a request, the shares drawn to break a rule.
const (
	floorAreaShare    = 1.0 / 3 // floor areas, for clause 13
	overFloorCapShare = 0.12    // of those: facility floor area above 15%
	totalOnlyShare    = 0.08    // of those: the total floor area alone
	requestShare      = 0.2     // a supply mode, with or without a term (12.3)
	unlawfulShare     = 1.0 / 6 // of those: a request a bureau would not grant
	earliestYearShare = 0.05    // a first year later than the plan's
)

// pick returns round(share·n) distinct indices below n in random order.
func pick(rng *rand.Rand, n int, share float64) []int {
	return rng.Perm(n)[:int(math.Round(share*float64(n)))]
}

// addRequests draws the optional columns of ps, each for a fixed share of
// the proposals chosen at random: floor areas for a third, a few of them
// (overFloorCapShare) with a facility floor-area share above clause 13's
// 15% and a few with the total alone; a requested supply mode for a fifth,
// mostly what a bureau grants (a 50-year transfer for a large enterprise or
// a long-lived industry, a 20–30-year flexible term, a long lease of 10–20
// years for logistics, lease-then-transfer for an SME, phasing for a
// multi-phase project) and one in six what it would not (a long lease of
// 30 years or of 3, a 50-year "flexible" term); an earliest year
// (2027–2029) for one in twenty. It reads only what makeProposals drew and
// rng, its own stream.
func addRequests(rng *rand.Rand, ps []proposal) {
	floors := pick(rng, len(ps), floorAreaShare)
	over := int(math.Round(overFloorCapShare * float64(len(floors))))
	totalOnly := int(math.Round(totalOnlyShare * float64(len(floors))))
	for k, i := range floors {
		p := &ps[i]
		// The plot ratio is the floor area over the land area.
		p.hasFloorArea = true
		p.floorArea = math.Round(p.plotRatio * p.area * muM2)
		switch {
		case k < over:
			p.hasFacilityFloor = true
			p.facilityFloor = math.Round(p.floorArea * uniform(rng, 0.16, 0.24))
		case k < over+totalOnly:
		default:
			p.hasFacilityFloor = true
			p.facilityFloor = math.Round(p.floorArea * uniform(rng, 0.03, 0.145))
		}
	}
	requests := pick(rng, len(ps), requestShare)
	unlawful := int(math.Round(unlawfulShare * float64(len(requests))))
	for k, i := range requests {
		ps[i].mode, ps[i].term = requestedMode(rng, &ps[i], k < unlawful)
	}
	for _, i := range pick(rng, len(ps), earliestYearShare) {
		ps[i].earliestYear = 2027 + rng.IntN(3)
	}
}

// requestedMode draws the supply mode and term (0: none stated) that a
// proposal asks for: one a bureau would not grant as asked when unlawful.
func requestedMode(rng *rand.Rand, p *proposal, unlawful bool) (string, int) {
	if unlawful {
		switch rng.IntN(3) {
		case 0:
			return "long_lease", 30 // long leases run 5–20 years
		case 1:
			return "long_lease", 3
		default:
			return "flexible_term", 50 // a flexible term is shorter than 50 years
		}
	}
	large := strings.HasPrefix(p.types, "large")
	switch {
	case large || p.hasLife && p.lifecycle >= 35:
		if rng.Float64() < 0.8 {
			return "transfer", 50
		}
		return "transfer", 0
	case p.industry == "logistics":
		return "long_lease", 10 + 5*rng.IntN(3)
	case p.phases > 1 && rng.Float64() < 0.5:
		return "phased", 0
	case rng.Float64() < 0.35:
		return "lease_then_transfer", 0
	}
	return "flexible_term", 20 + 5*rng.IntN(3)
}

// enterpriseTypes draws a ;-separated list of enterprise types.
func enterpriseTypes(rng *rand.Rand, area float64) string {
	if rng.Float64() < 0.05 {
		return ""
	}
	var ts []string
	switch u := rng.Float64(); {
	case u < 0.12 || area > 150 && u < 0.5:
		ts = append(ts, "large")
	case u < 0.88:
		ts = append(ts, "sme")
	default:
		ts = append(ts, "startup")
	}
	if rng.Float64() < 0.4 {
		ts = append(ts, "high_tech")
	}
	if ts[0] == "sme" && rng.Float64() < 0.2 {
		ts = append(ts, "specialized")
	}
	if ts[0] != "large" && rng.Float64() < 0.06 {
		ts = append(ts, "gazelle")
	}
	if rng.Float64() < 0.01 {
		ts = append(ts, "unicorn")
	}
	return strings.Join(ts, ";")
}

// preferredZone draws a preferred zone name: mostly the industry's zone,
// sometimes the other or none.
func preferredZone(rng *rand.Rand, zone int) string {
	u := rng.Float64()
	switch {
	case zone < 0 && u < 0.35:
		return ""
	case zone < 0:
		return zones[rng.IntN(len(zones))].Name
	case u < 0.7:
		return zones[zone].Name
	case u < 0.9:
		return zones[1-zone].Name
	}
	return ""
}

// proposalHeader is the header of docs/product.md, "Proposals".
var proposalHeader = []string{"id", "name", "industry", "land_class", "area_mu", "min_area_mu", "phases", "phase1_share",
	"investment", "output", "tax", "jobs", "rd_share", "plot_ratio", "building_coverage", "facility_share",
	"dormitory_share", "lifecycle_years", "enterprise_type", "preferred_zone",
	"requested_mode", "requested_term_years", "floor_area_m2", "facility_floor_area_m2", "earliest_year"}

// optInt formats v when it is not 0, else "".
func optInt(v int) string {
	if v == 0 {
		return ""
	}
	return strconv.Itoa(v)
}

// num formats v in the shortest form that reads back as v.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// opt formats v when present, else "".
func opt(v float64, present bool) string {
	if !present {
		return ""
	}
	return num(v)
}

// writeProposals writes ps as CSV.
func writeProposals(w io.Writer, ps []proposal) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(proposalHeader); err != nil {
		return err
	}
	rec := make([]string, len(proposalHeader))
	for _, p := range ps {
		lc := ""
		if p.landClass > 0 {
			lc = strconv.Itoa(p.landClass)
		}
		rec = append(rec[:0], p.id, p.name, p.industry, lc, num(p.area), opt(p.minArea, p.hasMin),
			strconv.Itoa(p.phases), opt(p.phase1, p.hasPhase1), num(p.investment), num(p.output), num(p.tax),
			strconv.Itoa(p.jobs), opt(p.rd, p.hasRD), num(p.plotRatio), num(p.coverage), opt(p.facility, p.hasFacility),
			opt(p.dormitory, p.hasDormitory), opt(p.lifecycle, p.hasLife), p.types, p.zone,
			p.mode, optInt(p.term), opt(p.floorArea, p.hasFloorArea), opt(p.facilityFloor, p.hasFacilityFloor), optInt(p.earliestYear))
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// newRNG returns the proposals' random stream for seed.
func newRNG(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, streamProposals)) }
