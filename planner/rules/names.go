package rules

import "strings"

// ruleNamesZH names every rule of the package in Chinese, as Chinese
// output shows it in place of the rule's stable identifier.
var ruleNamesZH = map[string]string{
	RuleReserved:             "公共配套保障用地",
	RuleOccupied:             "在用地块",
	RuleLandUseCode:          "用地分类代码",
	RuleLandUseIndustrial:    "工业用地用途",
	RuleLandUseStorage:       "仓储用地用途",
	RuleLandClass:            "工业用地类别",
	RuleStock:                "存量用地供应",
	RuleIdleNotStarted:       "闲置土地(逾期未动工)",
	RuleIdleHalted:           "闲置土地(中止开发)",
	RuleIdleUnconfirmed:      "闲置土地(未能认定)",
	RuleInefficientPlot:      "低效用地(容积率)",
	RuleInefficientTax:       "低效用地(亩均税收)",
	RuleInefficientClass:     "低效用地(亩均效益评价等级)",
	RuleInefficientUnconf:    "低效用地(未能认定)",
	RuleIndustry:             "行业类别",
	RulePlotRatioIndustry:    "行业容积率下限",
	RulePlotRatioParcel:      "地块容积率范围",
	RuleBuildingCoverage:     "建筑系数下限",
	RuleStandardInvestment:   "标准地投资强度",
	RuleStandardOutput:       "标准地亩均产值",
	RuleStandardTax:          "标准地亩均税收",
	RuleProspectStrategic:    "战略性新兴产业",
	RuleProspectEnterprise:   "科技企业类型",
	RuleAreaFit:              "面积匹配",
	RuleFacilityCap:          "配套设施用地比例",
	RuleFacilityDormitory:    "宿舍型保障性租赁住房",
	RuleFacilityFloorArea:    "配套设施建筑面积比例",
	RuleQuota:                "新增建设用地指标",
	RuleSupplyMode:           "供地方式",
	RuleSupplyPrice:          "出让价款与租金",
	RuleScore:                "综合得分",
	RuleScoreClassPenalty:    "用地类别扣分",
	RuleScoreStockFirst:      "存量优先加分",
	RuleScoreEvaluationClass: "亩均效益评价等级加减分",
	RuleStockUnconfirmed:     "存量用地未能认定",
	RuleStockDisposal:        "存量用地处置与腾空",
	RuleStockNotFree:         "存量用地尚未腾空",
	RuleSupplyRequest:        "企业申请的供地方式与年期",
}

// zoneCapPrefix is the name prefix of a zone's cap on new land
// ("quota.zone_caps.<zone>"), as the planning run names that constraint.
const zoneCapPrefix = "quota.zone_caps."

// RuleNameZH returns the Chinese name of a rule of this package (e.g.
// quota.new_land → 新增建设用地指标, area.fit → 面积匹配), or of a zone's cap
// on new land ("quota.zone_caps.<zone>" → 园区新增用地上限(<zone>)). An
// unknown rule is returned as it is, so that a missing name shows.
func RuleNameZH(rule string) string {
	if n, ok := ruleNamesZH[rule]; ok {
		return n
	}
	if zone, ok := strings.CutPrefix(rule, zoneCapPrefix); ok && zone != "" {
		return "园区新增用地上限(" + zone + ")"
	}
	return rule
}

// DisposalNameZH returns the Chinese name of an idle-land disposal route:
// 征缴土地闲置费 (DisposalIdleFee) or 无偿收回 (DisposalRecovery); the route
// itself when unknown.
func DisposalNameZH(d string) string {
	switch d {
	case DisposalIdleFee:
		return "征缴土地闲置费"
	case DisposalRecovery:
		return "无偿收回"
	}
	return d
}
