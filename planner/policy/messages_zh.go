package policy

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// validateZH gives the Chinese form of each message format the
// validator's errf and warnf take, with the same verbs in the same order
// (TestValidatorMessagesHaveChineseForms checks that every format has
// one).
var validateZH = map[string]string{
	"%d is before the idle fee (fee_after_years = %d)":                                                           "%d 早于征收闲置费的年限（fee_after_years = %d）",
	"%d is before the planning year %d":                                                                          "%d 早于规划年度 %d",
	"%d is before the planning year %d (plan.as_of): want 0 or a year from %d":                                   "%d 早于规划年度 %d（plan.as_of）：应为 0 或 %d 起的年份",
	"%d is in the programme's horizon (%d–%d, plan.horizon_end) but has no new-land quota: set quota.by_year.%d": "%d 在多年度计划期内（%d–%d，plan.horizon_end），却没有新增建设用地指标：请设置 quota.by_year.%d",
	"%d is out of range [%d, %d]":                                                                                "%d 超出范围 [%d, %d]",
	"%d is the planning year (plan.as_of): its quota is quota.new_land_mu":                                       "%d 是规划年度（plan.as_of）：其指标为 quota.new_land_mu",
	"%d: a programme covers at most %d years from the planning year %d":                                          "%d：多年度计划最多 %d 年（自规划年度 %d 起）",
	"%q is not a class (A, B, C, D)":                                                                             "%q 不是评价类别（A、B、C、D）",
	"%q is not a date YYYY-MM-DD":                                                                                "%q 不是 YYYY-MM-DD 格式的日期",
	"%q is not a known criterion (known: %s)":                                                                    "%q 不是已知的评分指标（已知：%s）",
	"%q is not a two-digit GB/T 4754 division code":                                                              "%q 不是两位的 GB/T 4754 行业大类代码",
	"%q is not a year YYYY":                                                                                      "%q 不是 YYYY 格式的年份",
	"%q is not an enterprise type (want one of %s)":                                                              "%q 不是企业类型（应为 %s 之一）",
	"%q is not an industry of the profile":                                                                       "%q 不是政策配置中的行业",
	"%q is not in monitor.indicators":                                                                            "%q 不在 monitor.indicators 中",
	"%q is not in score.criteria: the weight is not used":                                                        "%q 不在 score.criteria 中：该权重不起作用",
	"%q is not one of %s":                                                                                        "%q 不是 %s 之一",
	"%v is out of range (0, %v]: K(m) needs a positive rate":                                                     "%v 超出范围 (0, %v]：K(m) 需要正的还原利率",
	"%v is out of range (0, 1]":                                                                                  "%v 超出范围 (0, 1]",
	"%v is out of range [%v, %v]":                                                                                "%v 超出范围 [%v, %v]",
	"%v is out of range: want a finite number ≥ %v":                                                              "%v 超出范围：应为不小于 %v 的有限数",
	"%v: a weight must be finite and ≥ 0":                                                                        "%v：权重应为不小于 0 的有限数",
	"all weights of the listed criteria are 0":                                                                   "所列评分指标的权重全为 0",
	"empty": "为空",
	"empty: a zone's thresholds need their source":                     "为空：园区的控制指标需要注明出处",
	"empty: at least one criterion is needed":                          "为空：至少需要一项评分指标",
	"empty: at least one flexible term is needed":                      "为空：至少需要一个弹性年期",
	"empty: the evaluation needs at least one indicator":               "为空：评价至少需要一项指标",
	"empty: the industry's standard-land thresholds need their source": "为空：行业的标准地控制指标需要注明出处",
	"item %d %q is listed twice":                                       "第 %d 项 %q 重复列出",
	"item %d %q is not a known criterion (known: %s)":                  "第 %d 项 %q 不是已知的评分指标（已知：%s）",
	"item %d %q is not a known indicator (known: tax_per_mu, output_per_mu, output_per_energy, jobs_per_mu, investment_per_mu)": "第 %d 项 %q 不是已知的评价指标（已知：tax_per_mu、output_per_mu、output_per_energy、jobs_per_mu、investment_per_mu）",
	"item %d = %d does not ascend": "第 %d 项 = %d 未按升序排列",
	"item %d = %d is out of range [1, %d): a flexible term is shorter than the maximum": "第 %d 项 = %d 超出范围 [1, %d)：弹性年期应短于最高年期",
	"item %d = %v does not ascend":                                            "第 %d 项 = %v 未按升序排列",
	"item %d = %v is out of range (0, 1]":                                     "第 %d 项 = %v 超出范围 (0, 1]",
	"item %d is empty":                                                        "第 %d 项为空",
	"missing or not positive: every indicator needs a benchmark":              "缺失或不为正：每项指标都需要基准值",
	"missing or not positive: every indicator needs a weight":                 "缺失或不为正：每项指标都需要权重",
	"missing: the benchmark aggregation measures %s (%s) against a benchmark": "缺失：基准值法以基准值衡量 %s（%s）",
	"missing: the explicit method needs a weight for every criterion":         "缺失：直接赋权法需要每项评分指标的权重",
	"no industries: proposals name their industry by these keys":              "没有行业：项目提案以这些键名注明行业",
	"want 3 shares (the upper bounds of A, B and C), got %d":                  "应为 3 个比例（A、B、C 类的上限），现有 %d 个",
	"%s": "%s",
}

// textError is an error of the profile with its message in English and
// in Chinese (MessageZH).
type textError struct {
	en, zh string
	err    error
}

func (e *textError) Error() string { return e.en }
func (e *textError) Unwrap() error { return e.err }

// ErrorBoth is an error whose message is en formatted with args, and in
// Chinese zh formatted with the same args, an error among them in its
// Chinese form (MessageZH). A %w verb of en wraps as fmt.Errorf does;
// zh takes %v in its place.
func ErrorBoth(en, zh string, args ...any) error {
	w := fmt.Errorf(en, args...)
	zhArgs := make([]any, len(args))
	for i, a := range args {
		if err, ok := a.(error); ok {
			zhArgs[i] = MessageZH(err)
		} else {
			zhArgs[i] = a
		}
	}
	return &textError{en: w.Error(), zh: fmt.Sprintf(zh, zhArgs...), err: errors.Unwrap(w)}
}

// MessageZH is err's message in Chinese when the profile gave it one
// (an override's or a setting's error), else its message as it is.
func MessageZH(err error) string {
	if te, ok := err.(*textError); ok {
		return te.zh
	}
	return err.Error()
}

// trimZH is MessageZH of err without its leading "政策配置：".
func trimZH(err error) string {
	return strings.TrimPrefix(MessageZH(err), "政策配置：")
}

// wantZH says in Chinese what a value of type t is written as: the
// Chinese form of a value that is not TOML.
func wantZH(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "应为 true 或 false"
	case reflect.Float64:
		return "应为数字"
	case reflect.Int:
		return "应为整数"
	case reflect.Slice:
		return "应为列表 [...]"
	}
	return "不是有效的 TOML 值"
}
