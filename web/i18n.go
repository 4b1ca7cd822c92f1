package web

import (
	"net/http"
	"strings"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
)

// messages holds the interface's text: key → {English, Chinese}.
var messages = map[string][2]string{
	"app":                      {"landplan — industrial land allocation", "landplan 工业用地供地规划"},
	"subtitle":                 {"Liuzhou high-tech zone, 2022 measures clause 12", "柳州高新区 · 2022年若干措施第十二条"},
	"nav.map":                  {"Map", "地图"},
	"nav.plans":                {"Plans", "方案"},
	"nav.compare":              {"Compare", "方案比较"},
	"nav.scenarios":            {"Scenarios", "情景"},
	"map.title":                {"Parcels and lots", "地块与宗地"},
	"map.plan":                 {"Plan", "方案"},
	"map.noplan":               {"(parcels only)", "（仅地块）"},
	"map.color":                {"Colour by", "着色"},
	"map.by.status":            {"status", "用地状态"},
	"map.by.supply":            {"supply mode", "供应方式"},
	"map.by.score":             {"score", "得分"},
	"map.legend":               {"Legend", "图例"},
	"map.details":              {"Details", "详情"},
	"map.hint":                 {"Drag to pan, wheel or buttons to zoom; click a parcel for its details.", "拖动平移，滚轮或按钮缩放；点击地块查看详情。"},
	"map.zoomin":               {"Zoom in", "放大"},
	"map.zoomout":              {"Zoom out", "缩小"},
	"map.reset":                {"Reset view", "复位"},
	"map.moved":                {"What moved", "变动地块"},
	"map.zone":                 {"Zone", "园区"},
	"map.allzones":             {"(all zones)", "（全部园区）"},
	"map.lots":                 {"lots of the plan (outlined)", "方案宗地（粗线）"},
	"plans.title":              {"Plans", "规划方案"},
	"plans.none":               {"No plans stored yet: run one below.", "尚无方案：请在下方运行。"},
	"plans.run":                {"Run a new plan", "运行新方案"},
	"plans.scenario":           {"Scenario", "情景"},
	"plans.base":               {"(base profile)", "（基准政策）"},
	"plans.start":              {"Run plan", "运行"},
	"plans.time_limit":         {"Time limit (s)", "求解时间上限（秒）"},
	"plans.gap":                {"Target gap (0: proven optimal)", "目标间隙（0：证明最优）"},
	"plans.horizon":            {"Programme years (e.g. 2026-2030)", "计划年度（如 2026-2030）"},
	"plans.previous":           {"Re-plan", "重新规划"},
	"plans.previous_none":      {"nothing (plan afresh)", "无（重新编制）"},
	"plans.default":            {"default", "默认"},
	"plans.compare":            {"Compare selected", "比较所选方案"},
	"run.idle":                 {"No run yet.", "尚未运行。"},
	"run.running":              {"Running…", "正在运行…"},
	"run.done":                 {"Finished: stored", "完成：已保存"},
	"run.failed":               {"The run failed:", "运行失败："},
	"run.busy":                 {"A plan is already running: wait for it to finish.", "已有方案正在运行，请等待其完成。"},
	"run.preparing":            {"Preparing the run: reading the data, checking the rules, scoring the pairs…", "正在准备：读取数据、审核规则、计算评分…"},
	"run.reused":               {"The same inputs and policy gave a plan already stored:", "相同的输入和政策得到已保存的方案："},
	"stock.kind":               {"stock land", "存量用地"},
	"map.failed":               {"map:", "地图加载失败："},
	"col.plan":                 {"Plan", "方案"},
	"col.scenario":             {"Scenario", "情景"},
	"col.created":              {"Created", "创建时间"},
	"col.projects":             {"Projects", "项目数"},
	"col.mu":                   {"Land (亩)", "用地(亩)"},
	"col.quota":                {"Quota used", "指标使用"},
	"col.objective":            {"Objective", "目标值"},
	"col.gap":                  {"Gap", "间隙"},
	"col.proposal":             {"Project", "项目"},
	"col.name":                 {"Name", "名称"},
	"col.parcel":               {"Parcel", "地块"},
	"col.lot":                  {"Lot", "宗地"},
	"col.zone":                 {"Zone", "园区"},
	"col.area":                 {"Area (亩)", "面积(亩)"},
	"col.mode":                 {"Supply mode", "供应方式"},
	"col.term":                 {"Term", "年期"},
	"col.route":                {"Disposal route", "处置方式"},
	"col.freefrom":             {"Free from", "腾空可供日期"},
	"col.year":                 {"Year", "年度"},
	"col.newland":              {"New land (亩)", "新增用地(亩)"},
	"col.yearquota":            {"Quota (亩)", "年度指标(亩)"},
	"col.used":                 {"Used", "使用率"},
	"plan.byyear":              {"New land by year against each year's quota (each phase in the year it is released)", "分年度新增用地与年度指标(各期计入其供地年度)"},
	"plan.stock":               {"stock land", "存量土地"},
	"plan.dominance":           {"Clause 12.4 check: %d placed/left-out pairs compared on the placed project's parcel, %d dominance breaks in the solved allocation, %d repaired; the plan has none.", "第十二条第四句核查:按已安排项目所在地块比较 %d 对已安排/未安排项目,求解结果中占优被排除 %d 处,已调换 %d 处;本方案无此情形。"},
	"plan.investigate":         {"Land to investigate", "待核查土地"},
	"plan.investigatehint":     {"Looks idle or inefficient, but no test holds at the planning date: not allocated.", "疑似闲置或低效,但规划基准日未满足认定条件:不予安排。"},
	"phase.now":                {"supplied now", "本期供应"},
	"phase.until":              {"reserved until %s", "预留至 %s"},
	"stock.free":               {"free from %s", "%s 起可供"},
	"stock.sep":                {", ", ","},
	"route.recovery":           {"recovery", "收回"},
	"route.acquisition":        {"purchase into the land reserve", "收购储备"},
	"route.negotiated":         {"surrender by agreement", "协议腾退"},
	"col.price":                {"Price (元)", "价款(元)"},
	"col.score":                {"Score", "得分"},
	"col.reasons":              {"Reasons", "理由"},
	"col.cause":                {"Cause", "原因"},
	"col.indicator":            {"Indicator", "指标"},
	"col.unit":                 {"Unit", "单位"},
	"col.action":               {"Change", "变动"},
	"col.from":                 {"From", "原安排"},
	"col.to":                   {"To", "新安排"},
	"col.status":               {"Status", "状态"},
	"col.landuse":              {"Planned use", "规划用途"},
	"col.key":                  {"Setting", "设置项"},
	"col.value":                {"Value", "取值"},
	"col.clause":               {"Clause", "条款"},
	"col.new":                  {"New value", "新取值"},
	"col.overrides":            {"Overrides", "调整项"},
	"plan.totals":              {"Totals", "汇总"},
	"plan.allocations":         {"Allocations", "供地安排"},
	"plan.unallocated":         {"Not placed", "未安排项目"},
	"plan.downloads":           {"Downloads", "下载"},
	"plan.onmap":               {"Show on the map", "在地图上查看"},
	"plan.sorthint":            {"Click a column heading to sort.", "点击表头排序。"},
	"plan.reasons":             {"Plan-level reasons", "方案层面理由"},
	"t.projects":               {"Projects placed", "安排项目数"},
	"t.rejected":               {"Projects not placed", "未安排项目数"},
	"t.allocated":              {"Land allocated (亩)", "供地面积(亩)"},
	"t.new":                    {"New land now (亩)", "新增用地(亩)"},
	"t.stock":                  {"Stock land now (亩)", "存量用地(亩)"},
	"t.quota":                  {"Quota used", "指标使用率"},
	"t.output":                 {"Annual output (万元)", "年产值(万元)"},
	"t.tax":                    {"Annual tax (万元)", "年税收(万元)"},
	"t.jobs":                   {"Jobs", "就业"},
	"t.facility":               {"Facility land (亩)", "配套设施用地(亩)"},
	"t.dorm":                   {"Dormitory land (亩)", "宿舍用地(亩)"},
	"t.reserved":               {"Public facility land kept (亩)", "公共配套保障用地(亩)"},
	"t.gap":                    {"Gap to the proven bound", "与上界的间隙"},
	"cmp.title":                {"Compare plans", "方案比较"},
	"cmp.choose":               {"Choose two or more plans", "请选择两个或以上方案"},
	"cmp.go":                   {"Compare", "比较"},
	"cmp.indicators":           {"Totals and indicators (Δ against the first plan)", "汇总与指标(Δ 为与第一个方案之差)"},
	"cmp.changes":              {"Allocations that moved", "变动的供地安排"},
	"cmp.identical":            {"identical content", "内容完全相同"},
	"cmp.add":                  {"placed only in the later plan", "仅后一方案安排"},
	"cmp.remove":               {"placed only in the first plan", "仅第一个方案安排"},
	"cmp.change":               {"another parcel or supply mode", "地块或供应方式改变"},
	"cmp.same":                 {"unchanged", "未变"},
	"sc.title":                 {"Scenarios", "情景"},
	"sc.none":                  {"No scenarios stored yet.", "尚无情景。"},
	"sc.new":                   {"New scenario", "新建情景"},
	"sc.name":                  {"Name", "名称"},
	"sc.help":                  {"Fill in only the settings to change; the value is TOML (numbers, true/false, [\"list\"]) or plain text.", "只填写需要调整的设置项；取值为 TOML 格式（数字、true/false、[\"列表\"]）或文本。设置键名见英文页面。"},
	"sc.save":                  {"Save scenario", "保存情景"},
	"sc.saved":                 {"Stored scenario", "已保存情景"},
	"sc.filter":                {"Filter settings", "筛选设置项"},
	"err.title":                {"Error", "错误"},
	"err.back":                 {"Back to the map", "返回地图"},
	"status.new":               {"new land", "新增用地"},
	"status.idle":              {"idle", "闲置"},
	"status.inefficient":       {"inefficient", "低效"},
	"status.occupied":          {"occupied", "在用"},
	"status.reserved":          {"public facilities", "公共配套"},
	"mode.flexible_term":       {"flexible term", "弹性年期出让"},
	"mode.lease_then_transfer": {"lease then transfer", "先租后让"},
	"mode.phased":              {"phased", "分期供地"},
	"mode.long_lease":          {"long lease", "长期租赁"},
	"mode.transfer":            {"50-year transfer", "50年出让"},
	"mode.none":                {"not allocated", "未安排"},
	"lot.remainder":            {"remainder", "剩余用地"},
	"col.count":                {"n", "宗数"},
	"dl.json":                  {"json", "方案数据(JSON)"},
	"dl.geojson":               {"geojson", "地图数据(GeoJSON)"},
	"dl.gpkg":                  {"gpkg", "地理数据包(GeoPackage)"},
	"dl.svg":                   {"svg", "矢量地图(SVG)"},
	"dl.png":                   {"png", "图片地图(PNG)"},
	"dl.csv":                   {"csv", "表格(CSV)"},
	"dl.xlsx":                  {"xlsx", "表格(XLSX)"},
	"dl.html":                  {"html", "报告(HTML)"},
	"dl.txt":                   {"txt", "文本"},
	"lot.reserved_phase":       {"later phase kept", "后期预留"},
}

// tr returns the text of key in lang; an unknown key is returned as is.
func tr(lang policy.Lang, key string) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	if lang == policy.LangZH {
		return m[1]
	}
	return m[0]
}

// langOf picks the interface language: ?lang=, then the language cookie,
// then Accept-Language (Chinese when it prefers zh), then English.
func langOf(r *http.Request) policy.Lang {
	if l, err := policy.ParseLang(r.URL.Query().Get("lang")); err == nil {
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil {
		if l, err := policy.ParseLang(c.Value); err == nil {
			return l
		}
	}
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		switch {
		case strings.HasPrefix(tag, "zh"):
			return policy.LangZH
		case strings.HasPrefix(tag, "en"):
			return policy.LangEN
		}
	}
	return policy.LangEN
}

// rememberLang stores a ?lang= choice in a cookie.
func rememberLang(w http.ResponseWriter, r *http.Request) {
	if l, err := policy.ParseLang(r.URL.Query().Get("lang")); err == nil {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: string(l), Path: "/", SameSite: http.SameSiteStrictMode, MaxAge: 365 * 24 * 3600})
	}
}

// reasonText is a reason in lang, with its clause.
func reasonText(lang policy.Lang, r planner.Reason) string {
	msg := r.Message
	if lang == policy.LangZH && r.MessageZH != "" {
		msg = r.MessageZH
	}
	return msg
}
