package planner

import "strings"

// VerdictNameZH returns the Chinese word for a verdict: 符合, 不符合 or 说明;
// the verdict itself when unknown.
func VerdictNameZH(v Verdict) string {
	switch v {
	case VerdictPass:
		return "符合"
	case VerdictFail:
		return "不符合"
	case VerdictInfo:
		return "说明"
	}
	return string(v)
}

// SeverityNameZH returns the Chinese word for a diagnostic's severity:
// 错误, 警告 or 提示; the severity itself when unknown.
func SeverityNameZH(s Severity) string {
	switch s {
	case SeverityError:
		return "错误"
	case SeverityWarning:
		return "警告"
	case SeverityInfo:
		return "提示"
	}
	return string(s)
}

// EnterpriseTypeNameZH returns the Chinese name of an enterprise type of
// clause 5 (one of EnterpriseTypeNames): 大型企业, 中小企业, 初创企业,
// 高新技术企业, 专精特新企业, 瞪羚企业 or 独角兽企业; the type itself when
// unknown.
func EnterpriseTypeNameZH(t string) string {
	switch t {
	case "large":
		return "大型企业"
	case "sme":
		return "中小企业"
	case "startup":
		return "初创企业"
	case "high_tech":
		return "高新技术企业"
	case "specialized":
		return "专精特新企业"
	case "gazelle":
		return "瞪羚企业"
	case "unicorn":
		return "独角兽企业"
	}
	return t
}

// ClauseZH cites a clause of the Liuzhou 2022 measures in Chinese: "12" →
// 第十二条, "12.4" → 第十二条第四句 (the measures number the
// sentences of a clause, as docs/policy.md does), "5" → 第五条; any other text is returned
// as 第…条.
func ClauseZH(clause string) string {
	if clause == "" {
		return ""
	}
	art, item, _ := strings.Cut(clause, ".")
	a, ok := chineseNumber(art)
	if !ok {
		return "第" + clause + "条"
	}
	s := "第" + a + "条"
	if item != "" {
		if i, ok := chineseNumber(item); ok {
			s += "第" + i + "句"
		} else {
			s += "第" + item + "句"
		}
	}
	return s
}

// chineseNumber writes a number from 1 to 99 given in digits in Chinese.
func chineseNumber(s string) (string, bool) {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return "", false
		}
		n = 10*n + int(r-'0')
	}
	if s == "" || n < 1 || n > 99 {
		return "", false
	}
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n], true
	case n == 10:
		return "十", true
	case n < 20:
		return "十" + digits[n%10], true
	}
	return digits[n/10] + "十" + digits[n%10], true
}
