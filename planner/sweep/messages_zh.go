package sweep

import "fmt"

// both is a text in English and in Chinese: formatted with %s it is the
// English; formatZH puts the Chinese in its place.
type both struct{ en, zh string }

func (b both) String() string { return b.en }

// axisZH gives the Chinese form of each message format ParseAxis's bad
// takes, with the same verbs in the same order
// (TestAxisMessagesHaveChineseForms checks that every format has one).
var axisZH = map[string]string{
	"%s":                                           "%s",
	"want KEY=FROM:TO:STEP or KEY=a,b,c":           "应为 键=起:止:步长 或 键=a,b,c",
	"an empty value in the list of key %q":         "键 %q 的取值列表中有空值",
	"no values for key %q":                         "键 %q 没有取值",
	"key %q has %d values, more than %d":           "键 %q 有 %d 个取值，超过 %d 个",
	"%q is not a number (a range is FROM:TO:STEP)": "%q 不是数字（范围写作 起:止:步长）",
	"key %q is not a number (it is a %s setting): give its values as a list, %s=a,b": "键 %q 不是数值（是%s设置）：请以列表给出取值，%s=a,b",
	"the range of key %q has no points: STEP %g does not lead from %g to %g":         "键 %q 的范围没有取值点：步长 %g 不能从 %g 走到 %g",
	"the range of key %q has %.0f points, more than %d":                              "键 %q 的范围有 %.0f 个取值点，超过 %d 个",
	"value %s of key %q: %s":             "键 %[2]q 的取值 %[1]s：%[3]s",
	"value %q of key %q is not a number": "键 %[2]q 的取值 %[1]q 不是数字",
}

// kindNameZH is kindName in Chinese.
var kindNameZH = map[string]string{"true/false": "是否（true/false）", "text": "文本", "list": "列表"}

// formatZH formats the Chinese form of format with args, each both among
// them in Chinese (and a setting kind's name); a format without one is
// formatted as it is.
func formatZH(format string, args ...any) string {
	zh, ok := axisZH[format]
	if !ok {
		zh = format
	}
	zargs := make([]any, len(args))
	for i, a := range args {
		switch x := a.(type) {
		case both:
			zargs[i] = x.zh
		case string:
			if k, ok := kindNameZH[x]; ok {
				zargs[i] = k
			} else {
				zargs[i] = x
			}
		default:
			zargs[i] = a
		}
	}
	return fmt.Sprintf(zh, zargs...)
}
