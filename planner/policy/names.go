package policy

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/landplan/landplan/planner"
)

// valueNamesZH names, per setting pattern, the identifiers a setting takes
// as its value (objective.measure = "score_area", over_cap = "trim").
var valueNamesZH = map[string]map[string]string{
	"objective.measure": {
		MeasureDelivery:  "项目效益得分(不按占地计)",
		MeasureScoreArea: "得分×占地亩数",
		MeasureScore:     "项目得分",
		MeasureOutput:    "年产值",
		MeasureTax:       "年税收",
	},
	"planned_use.compatibility": {
		CompatSameOrHeavier: "同类或更高类别工业用地",
		CompatSame:          "仅同类工业用地",
		CompatAny:           "任意类别工业用地",
	},
	"industries.*.land": {
		LandIndustrial: "工业用地",
		LandStorage:    "仓储用地",
		LandEither:     "工业或仓储用地",
	},
	"stock.disposal.inefficient_route": {
		RouteAcquisition: "收购储备",
		RouteNegotiated:  "协议腾退",
	},
	"facility.over_cap": {
		OverCapReject: "不予供地",
		OverCapTrim:   "核减至上限",
	},
	"score.method": {
		MethodExplicit: "指定权重",
		MethodEntropy:  "熵权法",
		MethodAHP:      "层次分析法",
	},
	"score.aggregation": {
		AggregationBenchmark:   "对标基准值",
		AggregationWeightedSum: "加权求和(极差标准化)",
		AggregationTOPSIS:      "逼近理想解排序法(TOPSIS)",
	},
	"score.directions.*": {
		DirectionBenefit: "效益型(越大越好)",
		DirectionCost:    "成本型(越小越好)",
	},
}

// MeasureNameZH returns the Chinese name of an objective measure
// (objective.measure): 得分×占地亩数, 项目得分, 年产值 or 年税收; the measure
// itself when unknown.
func MeasureNameZH(m string) string { return nameIn("objective.measure", m) }

// MethodNameZH returns the Chinese name of a weighting method
// (score.method): 指定权重, 熵权法 or 层次分析法; the method itself when
// unknown.
func MethodNameZH(m string) string { return nameIn("score.method", m) }

// AggregationNameZH returns the Chinese name of a score aggregation
// (score.aggregation); the aggregation itself when unknown.
func AggregationNameZH(a string) string { return nameIn("score.aggregation", a) }

// CriterionNameZH returns the Chinese name of a scoring criterion
// (亩均产值, 亩均税收, ...); the criterion itself when unknown.
func CriterionNameZH(name string) string {
	if c, ok := CriterionByName(name); ok {
		return c.ZH
	}
	return name
}

// IndustryNameZH returns the Chinese name of an industry key of the
// profile (nev → 新能源汽车); the key itself when the profile lacks it.
func (p *Profile) IndustryNameZH(key string) string {
	if ind, ok := p.Industries[key]; ok && ind.NameZH != "" {
		return ind.NameZH
	}
	return key
}

func nameIn(pattern, v string) string {
	if n, ok := valueNamesZH[pattern][v]; ok {
		return n
	}
	return v
}

// PatternOf returns the pattern of a dotted key as Settings and the
// descriptions know it: map keys replaced by "*"
// (industries.nev.land → industries.*.land); the key itself when no
// pattern matches.
func PatternOf(key string) string {
	if _, ok := describe[key]; ok {
		return key
	}
	parts := strings.Split(key, ".")
	for pat := range describe {
		ps := strings.Split(pat, ".")
		if len(ps) != len(parts) {
			continue
		}
		match := true
		for i := range ps {
			if ps[i] != "*" && ps[i] != parts[i] {
				match = false
				break
			}
		}
		if match {
			return pat
		}
	}
	return key
}

// wildcard returns the part of key that the "*" of pattern stands for.
func wildcard(key, pattern string) string {
	ks, ps := strings.Split(key, "."), strings.Split(pattern, ".")
	for i := range ps {
		if ps[i] == "*" && i < len(ks) && len(ks) == len(ps) {
			return ks[i]
		}
	}
	return ""
}

// LabelZH is a setting as Chinese output names it: its Chinese
// description, with the industry, criterion or zone its key names
// (industries.nev.min_plot_ratio → 新能源汽车:行业容积率下限).
func (p *Profile) LabelZH(key string) string {
	pat := PatternOf(key)
	desc := describe[pat][2]
	if desc == "" {
		desc = key
	}
	w := wildcard(key, pat)
	switch {
	case w == "":
		return desc
	case strings.HasPrefix(pat, "industries."):
		return p.IndustryNameZH(w) + ":" + desc
	case strings.HasPrefix(pat, "score."):
		return desc + "(" + CriterionNameZH(w) + ")"
	case pat == "monitor.weights.*" || pat == "monitor.benchmarks.*":
		return desc + "(" + IndicatorNameZH(w) + ")"
	case pat == "monitor.class_bonus.*":
		return desc + "(" + w + " 类)"
	}
	return desc + "(" + w + ")"
}

// ValueTextZH writes a setting's value for Chinese output: identifiers by
// their Chinese names (objective.measure = "score_area" → 得分×占地亩数,
// industry and enterprise-type lists by name, criteria by name), true and
// false as 是 and 否, other values as TOML without quotes.
func (p *Profile) ValueTextZH(key string, value any) string {
	pat := PatternOf(key)
	if pat == "industries.*.name_en" {
		return "(英文名称,见 --lang en)"
	}
	name := func(v string) string {
		switch pat {
		case "prospects.enterprise_types", "supply.lease_then_transfer.enterprise_types":
			return planner.EnterpriseTypeNameZH(v)
		case "supply.long_lease.industries":
			return p.IndustryNameZH(v)
		case "score.criteria":
			return CriterionNameZH(v)
		case "monitor.indicators":
			return IndicatorNameZH(v)
		case "monitor.inefficient_class":
			return v + " 类"
		}
		return nameIn(pat, v)
	}
	rv := reflect.ValueOf(value)
	switch {
	case rv.Kind() == reflect.String:
		return name(rv.String())
	case rv.Kind() == reflect.Bool:
		if rv.Bool() {
			return "是"
		}
		return "否"
	case rv.Kind() == reflect.Slice && rv.Type().Elem().Kind() == reflect.String:
		if rv.Len() == 0 {
			return "(无)"
		}
		var out []string
		for i := range rv.Len() {
			out = append(out, name(rv.Index(i).String()))
		}
		return strings.Join(out, "、")
	}
	return tomlText(value)
}

// OverrideZH writes a scenario override "key=value" for Chinese output as
// "说明 = 取值" by the embedded profile's names (facility.over_cap=reject →
// 超过上限的处理:不予供地或核减至上限 = 不予供地). An override it cannot read
// is returned as it is.
func OverrideZH(o string) string {
	ov, err := ParseOverride(o)
	if err != nil {
		return o
	}
	p := Default()
	val := strings.TrimSpace(ov.Value)
	var v any = strings.Trim(val, `"`)
	if q := p.Clone(); q.Set(ov.Key, ov.Value) == nil {
		for _, s := range q.Settings() {
			if s.Key == ov.Key {
				v = s.Value
			}
		}
	}
	return fmt.Sprintf("%s = %s", p.LabelZH(ov.Key), p.ValueTextZH(ov.Key, v))
}
