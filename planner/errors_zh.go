package planner

import (
	"fmt"
	"regexp"
	"strings"
)

// locationPattern matches the locations readers give: "feature N",
// "row N", "layer NAME", and a profile's "line N" and "override N".
var locationPattern = regexp.MustCompile(`^(feature|row|layer|line|override) (.+)$`)

// contractRowPattern and contractPattern match where a contract comes
// from (plan.Contract.Where): "FILE row N (PROPOSAL@PARCEL)", "contract
// PROPOSAL@PARCEL (adopted from PLAN)" and "contract PROPOSAL@PARCEL".
var (
	contractRowPattern = regexp.MustCompile(`^(.+) row (\d+) \((\S+@\S+)\)$`)
	contractPattern    = regexp.MustCompile(`^contract (\S+@\S+)(?: \(adopted from (\S+)\))?$`)
)

// LocationZH is a diagnostic's location in Chinese: 第 N 个要素, 第 N 行,
// 图层 NAME, 第 N 行 of a line, 第 N 个覆盖项; any other location as it
// is.
func LocationZH(loc string) string {
	if m := contractRowPattern.FindStringSubmatch(loc); m != nil {
		return m[1] + " 第 " + m[2] + " 行(" + m[3] + ")"
	}
	if m := contractPattern.FindStringSubmatch(loc); m != nil {
		if m[2] != "" {
			return "合同 " + m[1] + "(采纳自 " + m[2] + ")"
		}
		return "合同 " + m[1]
	}
	m := locationPattern.FindStringSubmatch(loc)
	if m == nil {
		return loc
	}
	switch m[1] {
	case "feature":
		return "第 " + m[2] + " 个要素"
	case "row", "line":
		return "第 " + m[2] + " 行"
	case "override":
		return "第 " + m[2] + " 个覆盖项"
	}
	return "图层 " + m[2]
}

// StringZH formats the diagnostic in Chinese, with the same parts as
// String, in the form the command's Chinese diagnostics take:
// `文件:第 17 个要素 L0042:字段 "status":信息`, a warning led by 警告. The
// message is MessageZH, or Message when the reader gave no Chinese form.
func (d Diagnostic) StringZH() string {
	var parts []string
	if d.File != "" {
		parts = append(parts, d.File)
	}
	loc := LocationZH(d.Location)
	if d.ID != "" {
		if loc != "" {
			loc += " "
		}
		loc += d.ID
	}
	if loc != "" {
		parts = append(parts, loc)
	}
	if d.Property != "" {
		parts = append(parts, fmt.Sprintf("字段 %q", d.Property))
	}
	msg := d.MessageZH
	if msg == "" {
		msg = d.Message
	}
	parts = append(parts, msg)
	s := strings.Join(parts, ":")
	if d.Severity == SeverityWarning {
		s = "警告:" + s
	}
	return s
}

// TextZH returns err in Chinese when err is an *Error with a Chinese
// message (MsgZH), followed by its error diagnostics one a line, each
// StringZH; ok is false for any other error, which has no Chinese form
// (an *Error wrapped in another error keeps the wrapper's English words
// and is not rendered either).
func TextZH(err error) (s string, ok bool) {
	e, isErr := err.(*Error)
	if !isErr || e.MsgZH == "" {
		return "", false
	}
	var b strings.Builder
	b.WriteString(e.MsgZH)
	for _, d := range e.Diagnostics {
		if d.Severity != SeverityError {
			continue
		}
		b.WriteString("\n  ")
		b.WriteString(d.StringZH())
	}
	return b.String(), true
}

// ErrorfZH is Errorf with a Chinese message: zh formatted with the same
// args (a %w in zh formats as %v; explicit argument indexes such as %[1]s
// may leave an argument out, e.g. a system error's English text).
func ErrorfZH(kind ErrorKind, en, zh string, args ...any) error {
	err := Errorf(kind, en, args...)
	err.(*Error).MsgZH = fmt.Sprintf(strings.ReplaceAll(zh, "%w", "%v"), args...)
	return err
}
