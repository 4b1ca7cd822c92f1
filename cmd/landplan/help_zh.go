package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/landplan/landplan/planner/sweep"
)

// The help in Chinese (--lang zh, or LANG=zh_CN): the command list, each
// command's summary and the descriptions of its flags. Synopses, flag
// names, placeholders (FILE, PLAN) and examples are what the reader types
// and stay as they are. A command or flag without a Chinese text here is
// shown in English, which TestChineseOutputHasNoIdentifiers reports.

// commandOrder is the order of the commands in `landplan help`.
var commandOrder = []string{"demo", "import parcels", "import proposals", "import performance", "import contracts",
	"check", "policy show", "scenario add", "scenario list", "plan", "adopt", "sweep", "plans", "show", "compare",
	"export", "monitor", "serve", "version", "help"}

// summaryZH is each command's one line in Chinese, by its name.
var summaryZH = map[string]string{
	"demo":               "在内置的柳州样例上完成全部工作：导入、检查、规划基准方案和两个假设情景、对比、导出",
	"import parcels":     "从 GeoJSON 或 GeoPackage 图层导入地块（全部成功或全部不导入）",
	"import proposals":   "从 CSV（UTF-8 或 GB18030）或 XLSX 导入项目申请（全部成功或全部不导入）",
	"import performance": "从中文或英文表头的 CSV 或 XLSX 导入已供地项目的年度绩效（全部成功或全部不导入）",
	"import contracts":   "从 CSV 或 XLSX 导入在别处签订的合同：以后每次运行都保留它们（全部成功或全部不导入）",
	"check":              "检查已存数据，对每个项目申请做第十二条预审，列出闲置和低效用地候选",
	"policy show":        "当前生效的政策配置，每项设置附其条款和出处",
	"scenario add":       "保存一个假设情景：对政策配置各项设置的具名覆盖",
	"scenario list":      "已存的情景及其覆盖项",
	"plan":               "一次规划运行：保存一份不可更改的规划并输出其摘要",
	"adopt":              "将规划的分配记为已签合同：以后每次运行都保留它们",
	"sweep":              "对一项设置的每个取值各做一份规划（两项设置：网格），逐一保存，并排列出各自的指标和边际值",
	"plans":              "已存的规划及其情景和主要指标",
	"show":               "规划的分配和未安排项目，各附理由",
	"compare":            "并排对比规划：合计、指标和变动",
	"export":             "将规划导出为地图或表格",
	"monitor":            "供地后的监管：履约检查、依令第53号认定闲置土地、亩均评价分类；--feed 将结果写入土地储备池",
	"serve":              "本地网页界面：地图、规划、运行、情景、对比",
	"version":            "本程序的模块版本、版本控制修订号和 Go 版本",
	"help":               "命令列表，或某个命令的参数和示例",
}

// groupZH names the command groups in Chinese.
var groupZH = map[string]string{"import": "导入", "policy": "政策配置", "scenario": "情景"}

// flagUsageZH describes the flags in Chinese: by "COMMAND --FLAG" where
// the meaning depends on the command, else by "--FLAG".
var flagUsageZH = map[string]string{
	"--policy":     "政策配置文件（默认：内置的柳州 2022 年配置）",
	"--time-limit": "求解时限",
	"--gap":        "证明的相对间隙不超过此值即停止（0 ≤ 间隙 < 1；0：证明最优）",
	"--max-memory": "一次运行的内存预算，如 4GiB 或 512MiB（默认：运行开始时可用内存的四分之三；0：不设限）",
	"--scenario":   "适用的情景",
	"--proposal":   "只看该项目",
	"--set":        "对政策配置的 KEY=VALUE 覆盖（可重复）",
	"--file":       "由 KEY=VALUE 行组成的文件",

	"demo --out":                   "输出目录",
	"import parcels --crs":         "投影输入的坐标参照系，如 EPSG:4545",
	"import parcels --layer":       "GeoPackage 输入的图层",
	"import parcels --replace":     "替换编号相同的地块",
	"import proposals --replace":   "替换编号相同的项目申请",
	"import performance --replace": "替换同一项目、地块和年度的已存记录",
	"adopt --proposal":             "只采纳该项目的分配（可重复）",
	"adopt --signed":               "签约日期 YYYY-MM-DD（默认：今天）",
	"show --proposal":              "只解释该项目",
	"compare --map":                "将前两个规划的对比地图写入 FILE（HTML 报告、PNG，其余为 SVG）",
	"export --format":              "输出格式：" + strings.ReplaceAll(exportFormatList(), ", ", "|"),
	"export --out":                 "输出文件",
	"export --crs":                 "GeoJSON 坐标采用 EPSG:4545 或 EPSG:4546（高斯-克吕格米制坐标；不符合 RFC 7946）",
	"export --width":               "地图宽度，像素（SVG、PNG、HTML）",
	"export --height":              "地图高度，像素（默认：宽度 / √2）",
	"export --zone":                "只绘制该开发区的地块（SVG、PNG、HTML）",
	"export --by":                  "地图中宗地按供地方式着色，或（多年度计划）按供地年度着色：mode|year（SVG、PNG）",
	"plan --export-mps":            "将所求解的模型以自由格式 MPS 写入 FILE",
	"plan --flips":                 "为验证落选项目的反事实而额外求解的次数（0：默认，-1：不验证）",
	"plan --warm-start":            "从已存规划 PLAN 的分配开始求解（与扫描相同）",
	"plan --horizon":               "多年度计划 FROM-TO，如 2026-2030（FROM 为规划年度）",
	"plan --previous":              "重新规划 PLAN：在最优值允许的范围内保留尽可能多的暂定分配",
	"monitor --plan":               "其分配即为供地结果的规划（默认：最新的规划）",
	"monitor --year":               "绩效年度（默认：已存的最新年度）",
	"monitor --as-of":              "监测日期 YYYY-MM-DD（默认：该年年末）",
	"monitor --export":             "将监管台账写入 FILE（HTML、XLSX 或 JSON）",
	"monitor --covenants":          "将履约监管表写入 FILE（HTML 或 XLSX）",
	"monitor --feed":               "将结果写入土地储备池：认定为闲置或低效的土地成为下一次规划的存量土地",
	"serve --addr":                 "监听地址",
	"serve --token-file":           "存放访问令牌的文件，每个请求都须携带（或 $LANDPLAN_TOKEN；不在回环地址上且两者都未给出时自动生成）",
	"serve --token":                "拒绝：命令行上的令牌在 ps 中对所有用户可见；请用 --token-file 或 $LANDPLAN_TOKEN",
	"serve --time-limit":           "网页发起的规划运行的求解时限（表单可另行指定）",
	"serve --gap":                  "网页发起的规划运行的目标间隙（表单可另行指定；0：证明最优）",
	"serve --max-memory":           "网页发起的规划运行的内存预算，如 4GiB（默认：可用内存的四分之三；0：不设限）",
	"sweep --set":                  "KEY=FROM:TO:STEP 或 KEY=a,b,c（一次，或两次构成网格）",
	"sweep --scenario":             "扫描所基于的情景",
	"sweep --time-limit":           "每个点的求解时限",
	"sweep --gap":                  "每个点的求解器在证明的相对间隙达到此值时停止",
	"sweep --flips":                "每个点验证反事实的额外求解次数（-1：不验证，0：规划的默认值）",
	"sweep --cold":                 "每个点的求解器都从头开始，而不是从上一个点的规划开始",
	"sweep --chart":                "将图表写入 FILE：SVG 或 PNG（--indicator 所选指标），HTML（全部指标和表格）",
	"sweep --indicator":            "SVG 或 PNG 图表的指标：" + strings.ReplaceAll(sweep.IndicatorNames(), ", ", "|"),
}

// typeZH names the kinds of flag values in Chinese.
var typeZH = map[string]string{"string": "文本", "int": "整数", "float": "数值", "duration": "时长", "value": "值", "uint": "整数"}

// flagHelpZH returns the Chinese value kind and description of flag f of
// the command name, or ok false when there is none.
func flagHelpZH(name string, f *flag.Flag) (typ, usage string, ok bool) {
	usage, ok = flagUsageZH[name+" --"+f.Name]
	if !ok {
		usage, ok = flagUsageZH["--"+f.Name]
	}
	if !ok {
		return "", "", false
	}
	t, _ := flag.UnquoteUsage(f)
	if t != "" {
		t = typeZH[t]
	}
	return t, usage, true
}

// globalFlagsHelpZH is globalFlagsHelp in Chinese.
const globalFlagsHelpZH = `全局参数（写在命令前后均可）：
  --db FILE        数据库（默认 landplan.gpkg，或 $LANDPLAN_DB）
  --lang zh|en     消息语言（默认取自 LANG）
  --json           在标准输出上给出机器可读的结果
`

// usageZH returns the list of commands in Chinese, made from their
// synopses and Chinese summaries.
func usageZH() string {
	var b strings.Builder
	b.WriteString("landplan — 工业用地配置规划工具（柳州 2022 年措施第十二条）\n\n用法：\n")
	for _, n := range commandOrder {
		d := commandDocs[n]
		fmt.Fprintf(&b, "  %s\n      %s\n", strings.TrimSpace("landplan "+n+" "+d.Args), summaryText(langZH, n))
	}
	b.WriteString("  （也可用 landplan COMMAND --help 查看某个命令的参数和示例）\n\n")
	b.WriteString(globalFlagsHelpZH)
	b.WriteString("\n退出状态：0 成功，1 运行失败，2 用法或输入有误。\n")
	return b.String()
}

// langZH is the language code of Chinese output.
const langZH = "zh"

// summaryText is the summary of the command name in lang, the English
// one when there is no Chinese.
func summaryText(lang, name string) string {
	if lang == langZH {
		if s, ok := summaryZH[name]; ok {
			return s
		}
	}
	return commandDocs[name].Summary
}

// usageText is the list of commands in lang.
func usageText(lang string) string {
	if lang == langZH {
		return usageZH()
	}
	return usage
}
