package policy

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
)

// Setting is one effective setting of a profile, as `landplan policy show`
// prints it.
type Setting struct {
	Key        string `json:"key"`        // dotted key, e.g. "facility.base_cap"
	Value      any    `json:"value"`      // the value
	Text       string `json:"text"`       // the value as TOML
	Clause     string `json:"clause"`     // clause of the measures it implements, e.g. "12.7"
	Confidence string `json:"confidence"` // docs/policy.md "Confidence marks" mark: "C", "C2", "R"; "" for a key the embedded profile lacks
	Source     string `json:"source"`     // where the number or rule comes from
	// Description says what the setting does, in English and Chinese.
	Description   string `json:"description"`
	DescriptionZH string `json:"description_zh"`
}

// describe holds, per key pattern, the clause and description of a setting.
var describe = map[string][3]string{ // clause, English, Chinese
	"name":                                        {"", "profile name", "政策配置名称"},
	"plan.as_of":                                  {"12.2", "planning date: idle-land durations and due dates are reckoned at it", "规划基准日:闲置年限与处置期限按此日计算"},
	"plan.forced":                                 {"12", "allocations decided before the run (signed contracts), PROPOSAL@PARCEL", "预先确定的供地安排(已签合同),格式 项目@地块"},
	"plan.horizon_end":                            {"12", "last year of the multi-year supply programme (0: the planning year alone); every year of it needs a quota", "多年度供地计划的最后年度(0 表示仅规划年度);期内每年均须有新增建设用地指标"},
	"plan.later_year_discount":                    {"12.4", "share of a project's value lost per year it starts after the planning year", "项目每推迟一年开工其目标值折减的比例"},
	"quota.new_land_mu":                           {"12", "new construction land quota of the year, 亩; binds new land only", "年度新增建设用地指标(亩),仅约束新增用地"},
	"quota.zone_caps.*":                           {"12", "cap on the new land supplied in the planning year in the zone, 亩", "园区规划年度新增用地供应上限(亩)"},
	"quota.by_year.*":                             {"12.3", "new-land quota of a later year, 亩: later phases count against the year they are released", "以后年度新增建设用地指标(亩),分期供地后续各期计入其供地年度"},
	"objective.measure":                           {"12.4", "what a run maximises: delivery (each project by its score, never by land taken), score, score_area (score × 亩), output or tax", "规划目标:按项目效益得分计(不按占地计)、得分、得分×亩、产值或税收"},
	"planned_use.compatibility":                   {"12.1", "industrial class compatibility: same_or_heavier, same or any", "工业用地类别兼容规则"},
	"planned_use.heavier_penalty":                 {"12.1", "score penalty per class step of land heavier than needed", "用地类别高于项目需要时每级扣分"},
	"planned_use.building_coverage_min":           {"12.1", "minimum building coverage (建筑系数)", "建筑系数下限"},
	"industries.*.name_zh":                        {"12.1", "industry name (Chinese)", "行业名称(中文)"},
	"industries.*.name_en":                        {"12.1", "industry name (English)", "行业名称(英文)"},
	"industries.*.division":                       {"12.1", "GB/T 4754-2017 division code", "国民经济行业分类(GB/T 4754-2017)大类代码"},
	"industries.*.min_plot_ratio":                 {"12.1", "minimum plot ratio of the industry", "行业容积率下限"},
	"industries.*.strategic":                      {"7", "strategic emerging industry of clause 7", "第七条战略性新兴产业"},
	"industries.*.lifecycle_years":                {"12.3", "industry lifecycle for the supply term, years", "行业生命周期(年),用于确定出让年期"},
	"industries.*.land":                           {"12.1", "planned use the industry may take: industrial, storage or either", "可用地类:工业、仓储或均可"},
	"industries.*.min_investment_per_mu":          {"12.4", "industry's investment intensity threshold, 万元/亩 (0 = standard_land)", "行业投资强度门槛(万元/亩,0为通用值)"},
	"industries.*.min_output_per_mu":              {"12.4", "industry's output per 亩 threshold, 万元/亩 (0 = standard_land)", "行业亩均产值门槛(万元/亩,0为通用值)"},
	"industries.*.min_tax_per_mu":                 {"12.4", "industry's tax per 亩 threshold, 万元/亩 (0 = standard_land)", "行业亩均税收门槛(万元/亩,0为通用值)"},
	"industries.*.threshold_source":               {"12.4", "where the industry's standard-land thresholds come from", "行业标准地指标来源"},
	"industries.*.zones.*.min_investment_per_mu":  {"12.4", "the industry's investment intensity threshold in the zone, 万元/亩 (0 = the industry's)", "园区行业投资强度门槛(万元/亩,0为行业值)"},
	"industries.*.zones.*.min_output_per_mu":      {"12.4", "the industry's output per 亩 threshold in the zone, 万元/亩 (0 = the industry's)", "园区行业亩均产值门槛(万元/亩,0为行业值)"},
	"industries.*.zones.*.min_tax_per_mu":         {"12.4", "the industry's tax per 亩 threshold in the zone, 万元/亩 (0 = the industry's)", "园区行业亩均税收门槛(万元/亩,0为行业值)"},
	"industries.*.zones.*.source":                 {"12.4", "where the zone's thresholds come from", "园区标准地指标来源"},
	"standard_land.binding":                       {"12.4", "a proposal below a standard-land threshold is ineligible", "低于标准地指标的项目不予供地"},
	"standard_land.min_investment_per_mu":         {"12.4", "minimum investment intensity, 万元/亩", "投资强度下限(万元/亩)"},
	"standard_land.min_output_per_mu":             {"12.4", "minimum annual output per 亩, 万元/亩", "亩均产值下限(万元/亩)"},
	"standard_land.min_tax_per_mu":                {"12.4", "minimum annual tax per 亩, 万元/亩", "亩均税收下限(万元/亩)"},
	"standard_land.source":                        {"12.4", "where the general thresholds come from", "通用标准地指标来源"},
	"prospects.enterprise_types":                  {"5", "enterprise types that count as good prospects", "视为前景好的企业类型"},
	"stock.first":                                 {"12.2", "stock-first priority: stock parcels get a score bonus", "存量优先:存量地块加分"},
	"stock.first_bonus":                           {"12.2", "score bonus of a stock parcel under stock-first", "存量优先加分值"},
	"stock.idle.not_started_years":                {"12.2", "not started this many years after the agreed date: idle", "超过约定动工日期满此年数未动工即为闲置"},
	"stock.idle.developed_share_below":            {"12.2", "started but developed area below this share ...", "已动工但开发面积不足此比例……"},
	"stock.idle.invested_share_below":             {"12.2", "... or investment below this share ...", "……或已投资额不足此比例……"},
	"stock.idle.halted_years":                     {"12.2", "... and halted this many years: idle", "……且中止开发满此年数即为闲置"},
	"stock.idle.fee_share":                        {"12.2", "idle fee as a share of the land price", "土地闲置费占土地价款比例"},
	"stock.idle.fee_after_years":                  {"12.2", "years after which the idle fee is due", "征缴闲置费的闲置年数"},
	"stock.idle.recovery_after_years":             {"12.2", "years after which the land is taken back without compensation", "无偿收回的闲置年数"},
	"stock.inefficient.plot_ratio_below":          {"12.2", "current plot ratio below this: inefficient (0 = not applied)", "现状容积率低于此值为低效(0为不适用)"},
	"stock.inefficient.tax_per_mu_below":          {"12.2", "current tax per 亩 below this, 万元/亩: inefficient (0 = not applied)", "现状亩均税收低于此值为低效(0为不适用)"},
	"stock.disposal.recovery_months":              {"12.2", "months from the date idle land may be taken back until it is free", "闲置土地可收回之日起至腾空可供的月数"},
	"stock.disposal.inefficient_route":            {"12.2", "how inefficient land is freed: acquisition (收购储备) or negotiated (协议腾退)", "低效用地处置方式:收购储备或协议腾退"},
	"stock.disposal.acquisition_months":           {"12.2", "months a purchase into the land reserve takes", "收购储备所需月数"},
	"stock.disposal.negotiated_months":            {"12.2", "months a surrender by agreement takes", "协议腾退所需月数"},
	"stock.disposal.supply_within_months":         {"12.2", "stock land free later than this many months after the planning date waits for a later plan", "晚于规划基准日此月数方可腾空的存量土地留待以后供应"},
	"facility.base_cap":                           {"12.7", "facility land cap everywhere, share of project land", "行政办公及生活服务设施用地比例上限"},
	"facility.raised_cap":                         {"12.7", "facility land cap in an eligible zone", "符合条件园区的配套设施用地比例上限"},
	"facility.eligible_zones":                     {"12.7", "zones that may use the raised cap (net population inflow or named by the region)", "可提高配套比例的园区(人口净流入或自治区确定)"},
	"facility.dormitory_mainly":                   {"12.7", "least dormitory share of the facility land above the base cap", "提高部分中宿舍型保障性租赁住房的最低占比"},
	"facility.floor_area_cap":                     {"13", "facility floor-area cap, share of the project's floor area", "配套设施建筑面积比例上限"},
	"facility.over_cap":                           {"12.7", "a proposal over its cap: reject or trim to the cap", "超过上限的处理:不予供地或核减至上限"},
	"supply.capitalisation_rate":                  {"12.3", "land capitalisation rate r of the term correction factor K(m)", "土地还原率(年期修正系数K(m)中的r)"},
	"supply.rent_rate":                            {"12.3", "least annual rent, share of the 50-year price", "年租金不低于50年期地价的比例"},
	"supply.max_term_years":                       {"12.3", "statutory maximum term of industrial land, years", "工业用地法定最高出让年限"},
	"supply.term_steps":                           {"12.3", "flexible transfer terms offered, years", "弹性出让可选年期"},
	"supply.full_term_min_lifecycle":              {"12.3", "lifecycle from which a full-term transfer is given, years", "生命周期达到此年数按最高年限出让"},
	"supply.lease_then_transfer.lease_years":      {"12.3", "lease before the transfer, years", "先租后让的租赁期(年)"},
	"supply.lease_then_transfer.enterprise_types": {"12.3", "enterprise types given lease-then-transfer", "适用先租后让的企业类型"},
	"supply.lease_then_transfer.below_standard":   {"12.3", "a project below a non-binding standard-land threshold gets lease-then-transfer", "未达标准地指标的项目先租后让"},
	"supply.lease_then_transfer.deduct_rent":      {"12.3", "rent paid is deducted from the transfer price", "已缴租金抵扣出让价款"},
	"supply.long_lease.min_years":                 {"12.3", "shortest long lease, years", "长期租赁最短年限"},
	"supply.long_lease.max_years":                 {"12.3", "longest long lease, years", "长期租赁最长年限"},
	"supply.long_lease.industries":                {"12.3", "industries leased long when their lifecycle fits", "适用长期租赁的行业"},
	"supply.phased.enabled":                       {"12.3", "multi-phase projects are supplied in phases", "多期项目分期供地"},
	"supply.phased.reserve_years":                 {"12.3", "years each later phase's land stays reserved", "后续各期用地预留年限"},
	"score.method":                                {"12.4", "weights: explicit, entropy or ahp", "权重方法:指定、熵权或层次分析"},
	"score.aggregation":                           {"12.4", "aggregation: benchmark (each figure against its benchmark), weighted_sum (min–max over the pool) or topsis", "综合方法:对标基准值、加权求和(极差标准化)或TOPSIS"},
	"score.benchmarks.*":                          {"12.4", "benchmark of a criterion for the benchmark aggregation (0 = taken as it is)", "指标基准值(对标基准值方法用)"},
	"score.max_cr":                                {"12.4", "AHP consistency ratio limit", "层次分析一致性比率上限"},
	"score.criteria":                              {"12.4", "criteria scored, in order", "评分指标(顺序)"},
	"score.judgement":                             {"12.4", "AHP judgement matrix, rows and columns in criteria order", "层次分析判断矩阵(按指标顺序)"},
	"score.directions.*":                          {"12.4", "criterion direction: benefit or cost", "指标方向:效益型或成本型"},
	"score.weights.*":                             {"12.4", "explicit criterion weight", "指标权重"},
	"monitor.start_months":                        {"12.4", "agreed start of construction, months after the land is free", "约定动工期限(交地后月数)"},
	"monitor.completion_months":                   {"12.4", "agreed completion, months after the agreed start", "约定竣工期限(约定动工后月数)"},
	"monitor.production_months":                   {"12.4", "first check of the committed indicators, months after the agreed completion", "达产复核时间(约定竣工后月数)"},
	"monitor.recheck_years":                       {"12.4", "years between later checks", "此后复核间隔(年)"},
	"monitor.rechecks":                            {"12.4", "later checks a covenant sheet lists", "履约监管协议列出的后续复核次数"},
	"monitor.commitment_share":                    {"12.4", "share of the committed figure that meets it (never below the standard-land threshold)", "达到承诺值的此比例即为履约(且不低于标准地控制值)"},
	"monitor.indicators":                          {"12.4", "indicators of the per-亩 evaluation, in order", "亩均效益评价指标(顺序)"},
	"monitor.weights.*":                           {"12.4", "weight of an evaluation indicator", "评价指标权重"},
	"monitor.benchmarks.*":                        {"12.4", "benchmark of an evaluation indicator", "评价指标基准值"},
	"monitor.class_bounds":                        {"12.4", "upper rank shares of classes A, B and C", "A、B、C 类的排名比例上限"},
	"monitor.inefficient_class":                   {"12.2", "class that, held inefficient_years running, makes the land inefficient", "连续评为此类即认定为低效用地"},
	"monitor.inefficient_years":                   {"12.2", "years running in that class", "连续年数"},
	"monitor.class_in_score":                      {"12.4", "an enterprise's latest class enters the score of its next proposals", "企业最近评价等级计入其新项目得分"},
	"monitor.class_bonus.*":                       {"12.4", "score added by the class", "评价等级加减分"},
}

// A comment gives "clause X · [M] · source" above a key (or above its
// table header), or "[M] source" after it.
var (
	reComment = regexp.MustCompile(`^clause\s+([0-9.]+)\s*·\s*\[(C2|C|R)\]\s*·\s*(.*)$`)
	reTrail   = regexp.MustCompile(`^\[(C2|C|R)\]\s*(.*)$`)
	reHeader  = regexp.MustCompile(`^\[([A-Za-z0-9_.]+)\]\s*$`)
	reKey     = regexp.MustCompile(`^"?([A-Za-z0-9_]+)"?\s*=`)
)

type mark struct{ clause, conf, source string }

var (
	marksOnce sync.Once
	marks     map[string]mark
)

// embeddedMarks parses the comments of the embedded profile into the
// clause, confidence and source of each key.
func embeddedMarks() map[string]mark {
	marksOnce.Do(func() { marks = parseMarks(defaultTOML) })
	return marks
}

func parseMarks(src []byte) map[string]mark {
	out := map[string]mark{}
	var block []string // comment lines just above the current line
	table := ""
	var tableMark *mark
	fromBlock := func() *mark {
		// The block's last "clause" line holds the mark; lines after it
		// continue the source.
		for i, l := range block {
			if m := reComment.FindStringSubmatch(l); m != nil {
				src := m[3]
				for _, more := range block[i+1:] {
					src += " " + more
				}
				return &mark{clause: m[1], conf: m[2], source: strings.TrimSpace(src)}
			}
		}
		return nil
	}
	sc := bufio.NewScanner(bytes.NewReader(src))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "":
			block = nil
			continue
		case strings.HasPrefix(line, "#"):
			block = append(block, strings.TrimSpace(strings.TrimPrefix(line, "#")))
			continue
		}
		if m := reHeader.FindStringSubmatch(line); m != nil {
			table, tableMark = m[1], fromBlock()
			block = nil
			continue
		}
		if m := reKey.FindStringSubmatch(line); m != nil {
			key := m[1]
			if table != "" {
				key = table + "." + key
			}
			var mk mark
			switch {
			case fromBlock() != nil:
				mk = *fromBlock()
			case tableMark != nil:
				mk = *tableMark
			}
			if _, comment, ok := strings.Cut(line, "#"); ok && !strings.Contains(line, `"#`) {
				if t := reTrail.FindStringSubmatch(strings.TrimSpace(comment)); t != nil {
					mk.conf, mk.source = t[1], strings.TrimSpace(t[2])
				}
			}
			out[key] = mk
		}
		block = nil
	}
	return out
}

// Settings returns every effective setting of the profile with the clause
// it implements, its source and confidence mark (from the comments of the
// embedded profile) and its description, in a fixed order.
func (p *Profile) Settings() []Setting {
	ms := embeddedMarks()
	var out []Setting
	for _, l := range p.leaves() {
		d := describe[l.pattern]
		s := Setting{Key: l.key, Value: l.value.Interface(), Text: tomlText(l.value.Interface()),
			Clause: d[0], Description: d[1], DescriptionZH: d[2]}
		if m, ok := ms[l.key]; ok {
			if m.clause != "" {
				s.Clause = m.clause
			}
			s.Confidence, s.Source = m.conf, m.source
		} else if p.source != "" && p.source != DefaultName {
			s.Source = p.source
		}
		out = append(out, s)
	}
	return out
}

// tomlText encodes one value as TOML.
func tomlText(v any) string {
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(map[string]any{"v": v}); err != nil {
		return ""
	}
	return strings.TrimSpace(strings.TrimPrefix(b.String(), "v = "))
}

// SHA256 returns the hex SHA-256 of the canonical encoding: the policy
// hash a plan records.
func (p *Profile) SHA256() string {
	h := sha256.Sum256(p.Canonical())
	return hex.EncodeToString(h[:])
}
