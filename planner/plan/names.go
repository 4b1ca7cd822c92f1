package plan

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/landplan/landplan/planner/rules"
)

// planRuleNamesZH names the plan-level rules in Chinese.
var planRuleNamesZH = map[string]string{
	RuleRunnerUp:    "备选方案",
	RuleFlip:        "改变条件",
	RuleForced:      "预先确定的安排",
	RuleSigned:      "已签合同",
	RuleMove:        "暂定安排调整",
	RuleObjective:   "规划目标",
	RuleIneligible:  "无符合条件的地块",
	RuleQuotaUsed:   "受指标限制",
	RuleOutcompeted: "地块已安排给其他项目",
	RuleNotPlaced:   "求解提前结束",
	RuleNoValue:     "目标值为零",
	RuleDominance:   "第十二条第四句核查",
	RuleInvestigate: "待核查土地",
}

// RuleNameZH returns the Chinese name of a rule a plan's reasons cite: a
// plan-level rule of this package (plan.quota → 受指标限制) or a rule of
// package rules (quota.new_land → 新增建设用地指标). An unknown rule is
// returned as it is.
func RuleNameZH(rule string) string {
	if n, ok := planRuleNamesZH[rule]; ok {
		return n
	}
	return rules.RuleNameZH(rule)
}

// CauseNameZH returns the Chinese name of why a proposal is not placed
// (one of the Cause constants): 无符合条件的地块, 新增用地指标不足,
// 地块已安排给其他项目, 目标值为零, 求解达到时间上限 or 已达到目标间隙; the
// cause itself when unknown.
func CauseNameZH(cause string) string {
	switch cause {
	case CauseIneligible:
		return "无符合条件的地块"
	case CauseQuota:
		return "新增用地指标不足"
	case CauseOutcompeted:
		return "地块已安排给其他项目"
	case CauseNoValue:
		return "目标值为零"
	case CauseTimeLimit:
		return "求解达到时间上限"
	case CauseTargetGap:
		return "已达到目标间隙"
	}
	return cause
}

// StatusNameZH returns the Chinese name of how the solver ended (a Plan's
// Status): 最优, 达到目标间隙, 达到时间上限, 达到迭代上限, 已中断 or 无可行解;
// the status itself when unknown.
func StatusNameZH(status string) string {
	switch status {
	case "optimal":
		return "最优"
	case "gap_reached":
		return "达到目标间隙"
	case "time_limit":
		return "达到时间上限"
	case "iteration_limit":
		return "达到迭代上限"
	case "interrupted":
		return "已中断"
	case "infeasible":
		return "无可行解"
	}
	return status
}

// StoppedText words why the solver stopped (Plan.Stopped) with the target
// gap or the limit that stopped it, in English or (zh) Chinese: "proven
// optimal", "target gap 0.01% proven", "time limit 60 s reached" …; every
// value of Plan.Stopped has its Chinese name here.
func StoppedText(p *Plan, zh bool) string {
	pick := func(en, cn string) string {
		if zh {
			return cn
		}
		return en
	}
	switch p.Stopped {
	case StoppedOptimal:
		return pick("proven optimal", "已证明最优")
	case StoppedGapReached:
		g := fmtPercent(p.Solver.TargetGap)
		return pick("target gap "+g+" proven", "已证明达到目标间隙 "+g)
	case StoppedTimeLimit:
		if t := p.Solver.TimeLimitSeconds; t > 0 {
			return pick(fmt.Sprintf("time limit %g s reached", t), fmt.Sprintf("达到时间上限 %g 秒", t))
		}
		return pick("time limit reached", "达到时间上限")
	case StoppedInterrupted:
		return pick("interrupted", "已中断")
	case StoppedIterationLimit:
		return pick("iteration limit reached", "达到迭代上限")
	case StoppedNodeLimit:
		return pick("node limit reached", "达到节点上限")
	case StoppedMemoryLimit:
		if m := p.Solver.MaxMemoryMiB; m > 0 {
			return pick(fmt.Sprintf("memory budget %d MiB reached", m), fmt.Sprintf("达到内存上限 %d MiB", m))
		}
		return pick("memory budget reached", "达到内存上限")
	case "":
		return ""
	}
	return p.Stopped
}

// fmtPercent formats a share as a percentage with up to four significant
// digits: 1e-4 → "0.01%".
func fmtPercent(x float64) string {
	return strconv.FormatFloat(100*x, 'g', 4, 64) + "%"
}

// BoundMethodZH says in Chinese how the solver proved its bound (a plan's
// Solver.BoundMethod, which the solver words in English). A method it does
// not know is returned as it is.
func BoundMethodZH(method string) string {
	switch {
	case method == "":
		return ""
	case strings.HasPrefix(method, "pricing"):
		zh := "定价:候选配对按需由规则重新生成,不全部保存;上界对全部候选配对成立"
		if _, rest, ok := strings.Cut(method, "): "); ok && rest != "" {
			zh += ";所保存配对的求解:" + BoundMethodZH(rest)
		}
		return zh
	case strings.HasPrefix(method, "presolve"):
		return "预处理:预先确定的安排违反约束"
	case strings.HasPrefix(method, "Lagrangian relaxation"):
		zh := "拉格朗日松弛(项目、附加约束与互斥组约束;投影次梯度法,波利亚克步长),各地块精确求解 0-1 背包(搜索截断处用丹齐格上界)"
		if strings.Contains(method, "Gomory") {
			zh += ";根节点另以线性规划松弛加戈莫里混合整数割与背包覆盖割求上界"
		}
		if strings.Contains(method, "branch and bound") {
			zh += ";以该上界在每个节点分支定界"
		}
		if strings.Contains(method, "LP bound with the root's cuts kept") {
			zh += ",并行以保留根节点割平面的线性规划上界分支定界(对偶单纯形法从父节点的基出发),取两者中较低的上界"
		}
		return zh
	}
	return method
}

// LotKindNameZH returns the Chinese name of a lot's kind (one of the Lot
// constants): 本期供地, 后期预留, 剩余用地 or 整宗供地; the kind itself when
// unknown.
func LotKindNameZH(kind string) string {
	switch kind {
	case LotAllocated:
		return "本期供地"
	case LotReserved:
		return "后期预留"
	case LotRemainder:
		return "剩余用地"
	case LotWhole:
		return "整宗供地"
	}
	return kind
}

// The actions of a change between two plans (package compare), as
// Terraform prints them.
const (
	ActionAdd    = "+" // placed in the later plan only
	ActionRemove = "-" // placed in the first plan only
	ActionChange = "~" // placed in both, on another parcel, by another tenure or on another area
)

// ActionNameZH returns the Chinese name of a change between two plans
// (one of the Action constants): 新增, 移除 or 变更; the action itself when
// unknown.
func ActionNameZH(action string) string {
	switch action {
	case ActionAdd:
		return "新增"
	case ActionRemove:
		return "移除"
	case ActionChange:
		return "变更"
	}
	return action
}

// UnitShare is the unit of an indicator that is a share (shown as a
// percentage).
const UnitShare = "share"

// UnitZH returns an indicator's unit as Chinese output shows it: "%" for a
// share, other units (亩, 万元, 元) as they are.
func UnitZH(unit string) string {
	if unit == UnitShare {
		return "%"
	}
	return unit
}
