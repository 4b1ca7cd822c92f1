package ingest

import (
	"fmt"
	"regexp"

	"github.com/landplan/landplan/planner"
)

// formatZH gives the Chinese form of each message format the readers'
// fail helpers take, with the same verbs in the same order (a test checks
// that every format passed to a fail helper is here).
var formatZH = map[string]string{
	// Parcels.
	"no parcel id": "没有地块编号",
	"id must be a string or a number, not %s":                                            "编号应为字符串或数字，而不是%s",
	"the required id (宗地编号) is empty":                                                    "必填的宗地编号为空",
	"the required id (宗地编号) is missing":                                                  "缺少必填的宗地编号",
	"land_use must be a string code, not %s":                                             "用地性质应为字符串代码，而不是%s",
	"the required land_use (planned use code) is missing":                                "缺少必填的用地性质（规划用途代码）",
	"status must be a string, not %s":                                                    "土地状态应为字符串，而不是%s",
	"the required status is missing (want new, idle, inefficient, occupied or reserved)": "缺少必填的土地状态（应为 新增、闲置、低效、在用 或 公共配套）",
	"the geometry is invalid":                                                            "几何图形无效",
	"the geometry has no area":                                                           "几何图形面积为零",
	"%s must be a string, not %s":                                                        "%s 应为字符串，而不是%s",
	"%s must be a number, not %s":                                                        "%s 应为数字，而不是%s",
	"%v is not a finite number":                                                          "%v 不是有限的数",
	"%v is a share and must lie between 0 and 1":                                         "%v 是比例，应在 0 到 1 之间",
	"%v is negative":                                                                     "%v 为负数",
	"%s must be a date string YYYY-MM-DD, not %s":                                        "%s 应为 YYYY-MM-DD 格式的日期字符串，而不是%s",
	"%q is not a date of the form YYYY-MM-DD":                                            "%q 不是 YYYY-MM-DD 格式的日期",
	"%q is not a real date":                                                              "%q 不是实际存在的日期",
	"%s is not a yes/no value: want true/false, 1/0, yes/no or 是/否":                      "%s 不是是否值：应为 是/否、true/false、1/0 或 yes/no",
	"want the class A, B, C or D":                                                        "应为 A、B、C 或 D 类",
	"unknown class %q (want A, B, C or D)":                                               "未知的评价类别 %q（应为 A、B、C 或 D）",
	"%v is not a whole number of years of at least 1":                                    "%v 不是不少于 1 的整年数",
	"class_years without evaluation_class":                                               "给出了保持年数却没有评价类别",
	"min_plot_ratio %v is greater than max_plot_ratio %v":                                "容积率下限 %v 大于上限 %v",
	// Proposals.
	"the required id is empty":                           "必填的项目编号为空",
	"the required industry is empty":                     "必填的行业为空",
	"the required area_mu is empty":                      "必填的用地面积为空",
	"%q is not a number":                                 "%q 不是数字",
	"%s is a share and must lie between 0 and 1":         "%s 是比例，应在 0 到 1 之间",
	"%s must be greater than 0":                          "%s 应大于 0",
	"%s is negative":                                     "%s 为负数",
	"%q is not a whole number":                           "%q 不是整数",
	"%s must be a whole number of at least %d":           "%s 应为不小于 %d 的整数",
	"%q is not an industrial land class: want 1, 2 or 3": "%q 不是工业用地类别：应为 1、2、3 或 一类、二类、三类",
	"min_area_mu %s is greater than area_mu %s":          "最小用地面积 %s 大于用地面积 %s",
	"phase1_share is %s but the project has a single phase (phases = 1): leave it empty or write 1":                                                   "一期用地比例为 %s，但项目只有一期（分期数为 1）：请留空或填 1",
	"phase1_share is 0: phase 1 of a %d-phase project needs some land":                                                                                "一期用地比例为 0：%d 期项目的一期也需要用地",
	"%q is not an enterprise type: want %s (separated by ;)":                                                                                          "%q 不是企业类型：应为 %s（以分号分隔）",
	"%s is not a plausible year: want a whole year from %d to %d":                                                                                     "%s 不是合理的年份：应为 %d 至 %d 之间的整年",
	"%s is not a whole number of years":                                                                                                               "%s 不是整年数",
	"%s: a requested term must be at least 1 year":                                                                                                    "%s：申请年期至少为 1 年",
	"%s years is longer than the statutory maximum term of industrial land, %d years":                                                                 "%s 年超过工业用地的法定最高年期 %d 年",
	"facility_floor_area_m2 %s is given without floor_area_m2: clause 13 caps the facilities' share of the total floor area, so give both or neither": "给出了配套建筑面积 %s，却没有总建筑面积：第十三条限定配套设施占总建筑面积的比例，两者须同时给出或都不给",
	"facility_floor_area_m2 %s is greater than floor_area_m2 %s":                                                                                      "配套建筑面积 %s 大于总建筑面积 %s",
	// Performance rows.
	"project %s on parcel %s already has a row for %d (row %d)":          "项目 %s 在地块 %s 上已有 %d 年度的一行（第 %d 行）",
	"the figure is missing (write 0 for none)":                           "缺少数值（没有请填 0）",
	"%q is not a date (want YYYY-MM-DD)":                                 "%q 不是日期（应为 YYYY-MM-DD）",
	"the project id is missing":                                          "缺少项目编号",
	"the parcel id is missing":                                           "缺少地块编号",
	"%v is not a whole number":                                           "%v 不是整数",
	"output %v without a start date: a project produces only once built": "有产值 %v 却没有动工日期：项目建成后才有产出",
	"the year is missing":                                                "缺少年度",
	"%q is not a year between 2000 and 2100":                             "%q 不是 2000 至 2100 之间的年份",
	"%q is not 是 or 否 (yes or no)":                                       "%q 不是“是”或“否”",
	"completed %s without a start date":                                  "有竣工日期 %s 却没有动工日期",
	"completed %s before it started %s":                                  "竣工日期 %s 早于动工日期 %s",
	"halted %s without a start date":                                     "有停工日期 %s 却没有动工日期",
	"halted %s before it started %s":                                     "停工日期 %s 早于动工日期 %s",
	"%s is after the row's year %d":                                      "%s 晚于该行的年度 %d",
	// Contracts.
	"no proposal id": "没有项目编号",
	"%q is not a year: want a whole year from 2000 to 2100": "%q 不是年份：应为 2000 至 2100 之间的整年",
	"%q is not an area in 亩: want a positive number":        "%q 不是以亩计的面积：应为正数",
	"%q is not a date YYYY-MM-DD":                           "%q 不是 YYYY-MM-DD 格式的日期",
}

// codeZH gives a Chinese message for each diagnostic code: the message of
// a diagnostic whose own message has no Chinese form (formatZH), saying
// what is wrong; where it is wrong (file, feature or row, id, property or
// column) the diagnostic says itself.
var codeZH = map[string]string{
	"file.empty":                        "文件为空：应为 GeoJSON 要素集合（FeatureCollection）",
	"file.json_syntax":                  "不是有效的 JSON：此处有语法错误",
	"file.truncated":                    "文件不完整：在结尾之前中断",
	"collection.not_feature_collection": "顶层不是 GeoJSON 要素集合（FeatureCollection）",
	"collection.no_features":            "要素集合没有要素数组（features）",
	"collection.crs_mismatch":           "文件声明的坐标系与 --crs 给出的不同：请给出坐标实际所用的坐标系",
	"collection.crs_unsupported":        "文件声明的坐标系不受支持：请转换为 CGCS2000 或 WGS84 经纬度，或柳州的 CGCS2000 3 度带高斯-克吕格投影（EPSG:4545、4546、4524、4525）",
	"feature.not_feature":               "不是 GeoJSON 要素（Feature）",
	"feature.properties_not_object":     "属性（properties）不是对象",
	"property.number_out_of_range":      "数值超出 64 位浮点数的范围",
	"geometry.missing":                  "缺少几何图形",
	"geometry.not_object":               "几何图形不是对象",
	"geometry.wrong_type":               "几何图形类型不对：应为面（Polygon）或多面（MultiPolygon）",
	"geometry.no_coordinates":           "几何图形没有坐标",
	"geometry.bad_coordinates":          "几何图形的坐标嵌套有误",
	"geometry.empty":                    "几何图形为空",
	"geometry.not_finite":               "坐标不是有限的数",
	"geometry.ring_too_short":           "环的点数太少（至少 4 个点，首尾相同）",
	"geometry.ring_not_closed":          "环未闭合：首尾两点不同",
	"geometry.ring_degenerate":          "环的不同角点少于 3 个",
	"geometry.self_intersection":        "边界自相交",
	"geometry.hole_crosses_shell":       "内环与外环相交",
	"geometry.hole_outside_shell":       "内环在外环之外",
	"geometry.holes_overlap":            "内环相互重叠",
	"geometry.polygons_overlap":         "多面中的面相互重叠",
	"geometry.lonlat_out_of_range":      "经纬度超出范围",
	"geometry.lonlat_swapped":           "经纬度似乎颠倒：应先经度后纬度",
	"geometry.looks_projected":          "坐标像是投影坐标（米）而不是经纬度：请用 --crs 给出其坐标系，例如 --crs EPSG:4545",
	"geometry.implausible_for_crs":      "坐标与所给坐标系不符：经纬度数据请不要给 --crs；投影坐标请核对东、北坐标的顺序和带号前缀",
	"geometry.invalid":                  "几何图形无效",
	"geometry.invalid_blob":             "GeoPackage 几何数据无法解读",

	"parcel.id_missing":         "缺少编号",
	"parcel.id_duplicate":       "编号重复：前面的要素已用过",
	"parcel.property_duplicate": "同一属性出现两次（名称只差大小写或空格）",
	"parcel.type":               "值的类型不对",
	"parcel.value_missing":      "缺少必填的值",
	"parcel.value_invalid":      "值无效",
	"parcel.status_invalid":     "未知的土地状态：应为 新增、闲置、低效、在用、公共配套（或 new、idle、inefficient、occupied、reserved）",
	"parcel.land_use_invalid":   "不是有效的用地性质代码（2023 年国土空间调查分类或 GB 50137）",
	"parcel.range":              "数值超出允许范围",
	"parcel.bool_invalid":       "不是是否值：应为 是/否、true/false、1/0 或 yes/no",
	"parcel.date_invalid":       "不是 YYYY-MM-DD 格式的日期",
	"parcel.plot_ratio_order":   "容积率下限大于上限",
	"parcel.geometry_invalid":   "几何图形无效",
	"parcel.geometry_empty":     "几何图形面积为零",

	"proposal.file_empty":       "文件为空：应有一行表头，每个项目一行",
	"proposal.no_rows":          "文件只有表头，没有项目行",
	"proposal.format":           "无法读取：不是可读的 CSV 或 .xlsx 工作簿（旧版 .xls 请另存为 .xlsx 或 CSV）",
	"proposal.encoding":         "文字编码无法识别：应为 UTF-8 或 GB18030/GBK",
	"proposal.column_unknown":   "不是项目提案的列，其值被忽略",
	"proposal.column_duplicate": "两列给出同一项数据",
	"proposal.column_missing":   "表头缺少必需的列",
	"proposal.extra_values":     "该行在表头以外的列中有值，已忽略",
	"proposal.id_duplicate":     "编号重复：前面的行已用过",
	"proposal.value_missing":    "缺少必填的值",
	"proposal.number_invalid":   "不是数字",
	"proposal.range":            "数值超出允许范围",
	"proposal.land_class":       "不是工业用地类别：应为 1、2、3 或 一类、二类、三类",
	"proposal.min_area":         "最小用地面积大于用地面积",
	"proposal.phases":           "分期数与一期用地比例不符",
	"proposal.enterprise_type":  "不是企业类型",
	"proposal.requested_mode":   "不是供地方式：应为 弹性年期出让、先租后让、分期供地、长期租赁、出让 之一（或其英文键）",
	"proposal.term":             "申请年期无效：应为 1 至 50 之间的整年数",
	"proposal.floor_area":       "建筑面积有误",

	"performance.file_empty":       "文件为空：应有一行表头，每个项目、地块和年度一行",
	"performance.no_rows":          "文件只有表头，没有数据行",
	"performance.format":           "无法读取：不是可读的 CSV 或 .xlsx 工作簿（旧版 .xls 请另存为 .xlsx 或 CSV）",
	"performance.encoding":         "文字编码无法识别：应为 UTF-8 或 GB18030/GBK",
	"performance.column_unknown":   "不是履约监管数据的列，其值被忽略",
	"performance.column_duplicate": "两列给出同一项数据",
	"performance.column_missing":   "表头缺少必需的列",
	"performance.duplicate":        "同一项目、地块和年度已有一行",
	"performance.value_missing":    "缺少必填的值",
	"performance.value_invalid":    "值无效",
	"performance.number_invalid":   "不是数字",
	"performance.range":            "数值超出允许范围",
	"performance.date_invalid":     "不是日期（应为 YYYY-MM-DD）",
	"performance.date_order":       "日期先后不合理",

	"contract.file_empty":       "文件为空：应有一行表头，每份合同一行",
	"contract.no_rows":          "文件只有表头，没有合同行",
	"contract.format":           "无法读取：不是可读的 CSV 或 .xlsx 工作簿（旧版 .xls 请另存为 .xlsx 或 CSV）",
	"contract.encoding":         "文字编码无法识别：应为 UTF-8 或 GB18030/GBK",
	"contract.column_missing":   "表头缺少必需的列",
	"contract.column_duplicate": "两列给出同一项数据",
	"contract.value":            "值无效",
}

// jsonTypeZH names the JSON value kinds jsonType gives in Chinese.
var jsonTypeZH = map[string]string{
	"a string": "字符串", "a boolean": "布尔值", "a number": "数字", "an array": "数组", "an object": "对象",
}

// zhf formats the Chinese form of a fail helper's message, "" when the
// format has none; JSON value kinds among the arguments are named in
// Chinese.
func zhf(format string, args ...any) string {
	f, ok := formatZH[format]
	if !ok {
		return ""
	}
	args = append([]any(nil), args...)
	for i, a := range args {
		if s, isStr := a.(string); isStr {
			if zh, known := jsonTypeZH[s]; known {
				args[i] = zh
			}
		}
	}
	return fmt.Sprintf(f, args...)
}

// valueZH gives, for codes whose English message names the bad value
// in quotes (an error passed on as it is), a Chinese message naming it
// (%s, the value with its quotes).
var valueZH = map[string]string{
	"parcel.status_invalid":   "未知的土地状态 %s：应为 新增、闲置、低效、在用、公共配套（或 new、idle、inefficient、occupied、reserved）",
	"parcel.land_use_invalid": "未知的用地性质代码 %s：应为 2023 年用地用海分类代码（如 100101、100102、100103、1101）或 GB 50137 代码（如 M1、M2、M3、W1）",
	"proposal.requested_mode": "未知的供地方式 %s：应为 弹性年期出让、先租后让、分期供地、长期租赁、出让 之一（或其英文键）",
}

// quotedValue is the first Go-quoted string in s, with its quotes; "" if
// none.
var quotedValue = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// withZH gives d its Chinese message from its code when it has none: the
// code's message, naming the bad value where the English one quotes it.
func withZH(d planner.Diagnostic) planner.Diagnostic {
	if d.MessageZH != "" {
		return d
	}
	if tpl, ok := valueZH[d.Code]; ok {
		if q := quotedValue.FindString(d.Message); q != "" {
			d.MessageZH = fmt.Sprintf(tpl, q)
			return d
		}
	}
	d.MessageZH = codeZH[d.Code]
	return d
}

// whatZH names in Chinese what a collector's error is about.
var whatZH = map[string]string{
	"parcels": "地块", "proposals": "项目提案", "performance rows": "履约监管数据", "contracts": "合同",
}

// errZH is the Chinese form of collector.err's message: the file, the
// number of problems and what they are in.
func errZH(name, what string, n int, truncated bool) string {
	if name == "" {
		name = "输入"
	}
	w := whatZH[what]
	if w == "" {
		w = "数据"
	}
	count := fmt.Sprintf("%d", n)
	if truncated {
		count = fmt.Sprintf("至少 %d", n)
	}
	msg := fmt.Sprintf("%s：%s中有 %s 处问题", name, w, count)
	if n > MaxProblems {
		msg += fmt.Sprintf("（列出前 %d 处）", MaxProblems)
	}
	return msg
}
