package policy

// sourcesZH gives, per key or key pattern (map keys as "*"), the Chinese
// source text of a setting: where its number or rule comes from, as the
// embedded profile's comments say it in English. An exact key is looked up
// before its pattern.
var sourcesZH = map[string]string{
	"name":                     "柳州市关于促进高新技术产业开发区高质量发展的若干措施(2022-06-28),第十二条",
	"plan.as_of":               "规划运行约定:闲置年限与处置期限均按此日计算",
	"plan.forced":              "规划运行约定:已确定的供地安排(已签合同),格式为“项目@地块”;规划运行必须保留",
	"plan.horizon_end":         "规划运行约定:多年度供地计划(年度供地计划滚动三至五年)的最后年度",
	"plan.later_year_discount": "规划运行约定:同等条件下尽早供地;每推迟一年目标值折减的比例",
	"quota.new_land_mu":        "未找到柳州市年度新增建设用地计划;按年度设定",
	"quota.zone_caps.*":        "规划运行约定:园区本期新增用地供应上限,由管委会按年度设定",

	"planned_use.compatibility":         "规划工具默认值(政策说明“类别兼容”):第 k 类项目可使用第 k 类及以上类别的工业用地",
	"planned_use.heavier_penalty":       "规划工具默认值:较轻项目可用较重类别用地,但每高一级扣分",
	"planned_use.building_coverage_min": "工业项目建设用地控制指标(国土资发〔2008〕24号):建筑系数 ≥ 30%",

	"industries.*.name_zh":                 "行业键名对应的名称(产品说明“项目提案”)",
	"industries.*.name_en":                 "行业键名对应的名称(产品说明“项目提案”)",
	"industries.*.division":                "为该行业选定的国民经济行业分类(GB/T 4754-2017)大类",
	"industries.*.min_plot_ratio":          "工业项目建设用地控制指标(国土资发〔2008〕24号)容积率表",
	"industries.auto_parts.min_plot_ratio": "2008年控制指标表:37 交通运输设备制造业",
	"industries.nev.min_plot_ratio":        "2008年控制指标表:37 交通运输设备制造业",
	"industries.biomed.min_plot_ratio":     "2008年控制指标表:27 医药制造业",
	"industries.equipment.min_plot_ratio":  "2008年控制指标表:35/36 通用、专用设备制造业",
	"industries.green.min_plot_ratio":      "对应2008年控制指标表 35/36 通用、专用设备制造业",
	"industries.ict.min_plot_ratio":        "2008年控制指标表:40 通信设备、计算机及其他电子设备制造业",
	"industries.materials.min_plot_ratio":  "2008年控制指标表:32/33 黑色、有色金属冶炼及压延加工业",
	"industries.logistics.min_plot_ratio":  "2008年控制指标表仅适用于制造业",
	"industries.other.min_plot_ratio":      "取2008年控制指标表的中间值",
	"industries.*.strategic":               "第七条所列战略性新兴产业",
	"industries.auto_parts.strategic":      "第七条列举的是汽车整车,不含零部件",
	"industries.logistics.strategic":       "第七条未列举",
	"industries.materials.strategic":       "第七条未列举",
	"industries.other.strategic":           "第七条未列举",
	"industries.*.lifecycle_years":         "规划工具默认值;未找到行业生命周期表",
	"industries.*.land":                    "第十二条第一句:工业用地",
	"industries.logistics.land":            "第十二条第一句:物流项目可用仓储用地,也可用工业用地",
	"industries.*.min_investment_per_mu":   "0 表示采用标准地通用值",
	"industries.*.min_output_per_mu":       "0 表示采用标准地通用值",
	"industries.*.min_tax_per_mu":          "0 表示采用标准地通用值",

	"standard_land.binding":               "广西标准地意见(2022):供地前明确控制指标,2025年起新增工业用地全部按标准地供应",
	"standard_land.min_investment_per_mu": "北海市2023年化工标准地指标清单(投资强度 ≥ 250 万元/亩);未找到柳州市数值",
	"standard_land.min_output_per_mu":     "北海市2023年化工标准地指标清单(亩均产值 ≥ 400 万元/亩)",
	"standard_land.min_tax_per_mu":        "北海市2023年化工标准地指标清单(亩均税收 ≥ 20 万元/亩)",
	"prospects.enterprise_types":          "科技企业培育体系:专精特新中小企业、高新技术企业、瞪羚企业、独角兽企业",

	"stock.first":                        "规划工具选项:将“有序推进……闲置土地和低效用地再开发利用”理解为存量用地优先",
	"stock.first_bonus":                  "规划工具默认值:启用存量优先时存量地块的加分",
	"stock.idle.not_started_years":       "闲置土地处置办法(国土资源部令第53号)第二条:超过约定动工日期满一年未动工",
	"stock.idle.developed_share_below":   "令第53号第二条:已开发面积不足应开发面积的三分之一",
	"stock.idle.invested_share_below":    "令第53号第二条:已投资额不足总投资额的25%",
	"stock.idle.halted_years":            "令第53号第二条:中止开发满一年",
	"stock.idle.fee_share":               "令第53号第十四条:土地闲置费按土地价款的20%征缴",
	"stock.idle.fee_after_years":         "令第53号第十四条:闲置满一年征缴土地闲置费",
	"stock.idle.recovery_after_years":    "令第53号第十四条:闲置满两年无偿收回",
	"stock.inefficient.plot_ratio_below": "地方规则(国土资发〔2016〕147号将认定标准交由地方确定):现状容积率低于此值",
	"stock.inefficient.tax_per_mu_below": "地方规则(亩均论英雄评价):现状亩均税收低于此值(万元/亩)",

	"facility.base_cap":              "国土资发〔2008〕24号:行政办公及生活服务设施用地不超过项目用地的7%",
	"facility.raised_cap":            "国办发〔2021〕22号及第十二条:符合条件的园区最高可达15%",
	"facility.eligible_zones":        "柳州是否属人口净流入城市或由自治区确定,尚未确认",
	"facility.dormitory_mainly":      "国办发〔2021〕22号:提高部分主要用于宿舍型保障性租赁住房;“主要”按不低于50%理解",
	"facility.floor_area_cap":        "北海市2023年标准地清单:配套设施建筑面积不超过15%",
	"facility.raised_floor_area_cap": "厦门、福州做法:随配套用地比例提高而提高至30%",
	"facility.over_cap":              "规划工具开关:“核减至上限”将配套用地核减到上限,“不予供地”则该组合不予安排",

	"supply.capitalisation_rate":                  "土地还原率,由地方确定,一般为4%–7%",
	"supply.rent_rate":                            "广州规定;百色市(广西)先租后让租金恰为2.0%",
	"supply.max_term_years":                       "工业用地法定最高出让年限:50年",
	"supply.term_steps":                           "规划工具默认值:可选的弹性出让年期(弹性年期少于50年)",
	"supply.full_term_min_lifecycle":              "规划工具默认值:生命周期达到此年数按50年出让",
	"supply.lease_then_transfer.lease_years":      "自然资发〔2022〕201号:先租赁不超过5年,再转为出让",
	"supply.lease_then_transfer.enterprise_types": "规划工具默认值:初创企业和中小企业先租后让",
	"supply.lease_then_transfer.below_standard":   "规划工具默认值:未达非约束性标准地指标的项目前景不确定",
	"supply.lease_then_transfer.deduct_rent":      "深圳先租后让做法:已缴租金抵扣出让价款",
	"supply.long_lease.min_years":                 "自然资发〔2022〕201号:长期租赁5–20年",
	"supply.long_lease.max_years":                 "自然资发〔2022〕201号:长期租赁5–20年",
	"supply.long_lease.industries":                "规划工具默认值:生命周期相符时长期租赁的行业",
	"supply.phased.enabled":                       "分期供地:未找到国家层面文件;规划工具开关",
	"supply.phased.reserve_years":                 "分期供地:后续各期用地的预留年限",

	"score.method":                               "权重方法:指定权重、熵权法或层次分析法(项目文档“评分方法”)",
	"score.aggregation":                          "加权求和(极差标准化)或逼近理想解排序法(向量标准化,贴近度)",
	"score.max_cr":                               "层次分析法要求一致性比率 CR < 0.10",
	"score.criteria":                             "亩均论英雄指标(浙江)及第十二条第四句“用地少、产出高、前景好”;面积匹配度(供地面积/地块面积)代表面积匹配与浪费;剩余未用面积(成本型)亦可选用",
	"score.directions.*":                         "效益型(越大越好)或成本型(越小越好);未列出的指标取其自然方向",
	"score.weights.*":                            "规划工具默认的指定权重(归一化为1):税收和产值优先",
	"score.judgement":                            "层次分析判断矩阵(1–9标度,互反),行列按指标顺序;税收 = 产值 = 4,投资 = 研发 = 战略性新兴产业 = 2,其余为1(完全一致,CR = 0)",
	"objective.measure":                          "第十二条第四句“向用地少、产出高、前景好的项目倾斜”:每个已安排项目按其效益得分(亩均产出与前景)计,不按占地计,得分相同时用地少者优先;也可选“项目得分”、“得分×占地亩数”(奖励占地,不符合第十二条第四句)、“年产值”或“年税收”",
	"quota.by_year.*":                            "以后年度新增建设用地指标:分期供地后续各期计入其供地年度;柳州相应年度计划未查到",
	"industries.*.threshold_source":              "该行业标准地指标的来源(见项目文档“分行业标准地指标”)",
	"industries.*.zones.*.min_investment_per_mu": "园区行业投资强度门槛,来源见同表 source",
	"industries.*.zones.*.min_output_per_mu":     "园区行业亩均产值门槛,来源见同表 source",
	"industries.*.zones.*.min_tax_per_mu":        "园区行业亩均税收门槛,来源见同表 source",
	"industries.*.zones.*.source":                "园区标准地指标来源",
	"standard_land.source":                       "通用标准地指标的来源(默认不设通用指标)",
	"stock.disposal.recovery_months":             "规划工具默认值:闲置土地自可收回之日(令第53号第十四条,闲置满两年)起至腾空可供的月数",
	"stock.disposal.inefficient_route":           "规划工具默认值:低效用地经收购储备或协议腾退后供应",
	"stock.disposal.acquisition_months":          "规划工具默认值:收购储备自规划基准日起所需月数",
	"stock.disposal.negotiated_months":           "规划工具默认值:协议腾退自规划基准日起所需月数",
	"stock.disposal.supply_within_months":        "规划工具默认值:晚于规划基准日此月数方可腾空的存量土地留待以后供应",
	"score.benchmarks.*":                         "规划工具默认值:对标基准值(产值 400、税收 20、投资 250 万元/亩参照北海市 2023 年标准地指标;就业 10 人/亩);研发投入占比 3% 依据《高新技术企业认定管理办法》(国科发火〔2016〕32号);柳州本地亩均基准未查到",
	"monitor.start_months":                       "当地合同惯例(未找到柳州市约定):交地后 12 个月内动工",
	"monitor.completion_months":                  "当地合同惯例(未找到柳州市约定):约定动工后 36 个月内竣工",
	"monitor.production_months":                  "当地合同惯例:约定竣工后 24 个月进行达产复核",
	"monitor.recheck_years":                      "规划工具默认值:此后每 3 年复核一次(全生命周期监管)",
	"monitor.rechecks":                           "规划工具默认值:履约监管协议列出的后续复核次数",
	"monitor.commitment_share":                   "规划工具默认值:达到企业承诺值的 80% 即为履约,且不得低于标准地控制值",
	"monitor.indicators":                         "淮安市 2024 年亩均效益评价:税收、销售、绿色指标,得分 = Σ 指标值 ÷ 基准值 × 权重",
	"monitor.weights.*":                          "淮安市 2024 年亩均效益评价权重:税收 45%、销售 35%、绿色 20%",
	"monitor.benchmarks.*":                       "规划工具默认值;未找到柳州市亩均效益评价基准值",
	"monitor.benchmarks.tax_per_mu":              "规划工具默认值,取北海市 2023 年标准地亩均税收控制值水平(20 万元/亩)",
	"monitor.benchmarks.output_per_mu":           "规划工具默认值,取北海市 2023 年标准地亩均产值控制值水平(400 万元/亩)",
	"monitor.benchmarks.output_per_energy":       "规划工具默认值:每吨标准煤 2 万元产值(每万元 0.5 吨标准煤)",
	"monitor.class_bounds":                       "淮安市 2024 年:A 类前 20%,B 类 20%–60%,C 类 60%–95%,D 类末位 5%",
	"monitor.inefficient_class":                  "扬州市 2025 年:资源利用综合评价连续两年为 D 类的企业用地认定为低效用地",
	"monitor.inefficient_years":                  "扬州市 2025 年:连续两年",
	"monitor.class_in_score":                     "规划工具开关:企业最近评价等级计入其新项目得分",
	"monitor.class_bonus.*":                      "规划工具默认值:启用后按评价等级加减分",
}

// SourceZH returns the Chinese source text of the setting with that dotted
// key (the exact key first, then its pattern), or "" when none is written:
// the Chinese counterpart of the source the embedded profile's comments
// give in English.
func SourceZH(key string) string {
	if s, ok := sourcesZH[key]; ok {
		return s
	}
	return sourcesZH[PatternOf(key)]

}
