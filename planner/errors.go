package planner

import (
	"errors"
	"fmt"
	"strings"
)

// ErrorKind classifies an error; the command maps it to an exit status.
type ErrorKind int

// The error kinds.
const (
	KindInternal   ErrorKind = iota // a bug or an environment failure: exit 1
	KindInvalid                     // bad input or usage: exit 2
	KindNotFound                    // a named thing does not exist: exit 2
	KindConflict                    // would overwrite something stored: exit 2
	KindInfeasible                  // the run has no feasible answer: exit 1
	KindLimit                       // the run would exceed its resource budget: exit 1
)

// String returns the kind's name.
func (k ErrorKind) String() string {
	switch k {
	case KindInvalid:
		return "invalid"
	case KindNotFound:
		return "not found"
	case KindConflict:
		return "conflict"
	case KindInfeasible:
		return "infeasible"
	case KindLimit:
		return "limit"
	}
	return "internal"
}

// Error is an error of a known kind, optionally carrying the diagnostics
// that explain it (every problem found, not only the first).
type Error struct {
	Kind ErrorKind
	Msg  string
	// MsgZH is Msg in Chinese, when the error has a Chinese form
	// (TextZH).
	MsgZH       string
	Diagnostics []Diagnostic
	Err         error
}

// Error returns the message followed by the error diagnostics, one a line.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Msg)
	if e.Err != nil {
		if e.Msg != "" {
			b.WriteString(": ")
		}
		b.WriteString(e.Err.Error())
	}
	for _, d := range e.Diagnostics {
		if d.Severity != SeverityError {
			continue
		}
		b.WriteString("\n  ")
		b.WriteString(d.String())
	}
	return b.String()
}

// Unwrap returns the wrapped error.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error of the given kind with a formatted message.
// A %w verb wraps as fmt.Errorf does.
func Errorf(kind ErrorKind, format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	return &Error{Kind: kind, Msg: err.Error(), Err: errors.Unwrap(err)}
}

// KindOf returns the kind of the first *Error in err's chain, or
// KindInternal when there is none.
func KindOf(err error) ErrorKind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// Severity of a diagnostic.
type Severity string

// The severities.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityInfo    Severity = "info"
)

// Diagnostic is one problem or remark about the input or the stored data,
// saying what and where: the file, the feature or row, the id and the
// property.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	Code     string   `json:"code"`               // stable machine name, e.g. "geometry.ring_not_closed"
	File     string   `json:"file,omitempty"`     // input file name
	Location string   `json:"location,omitempty"` // e.g. "feature 17", "row 5", "layer parcels"
	ID       string   `json:"id,omitempty"`       // parcel or proposal id
	Property string   `json:"property,omitempty"` // property or column name
	Message  string   `json:"message"`
	// MessageZH is Message in Chinese, where the reader gives one
	// (StringZH).
	MessageZH string `json:"message_zh,omitempty"`
}

// String formats the diagnostic as
// `file: feature 17 (id "L0042"): property "status": message`.
func (d Diagnostic) String() string {
	var parts []string
	if d.File != "" {
		parts = append(parts, d.File)
	}
	loc := d.Location
	if d.ID != "" {
		if loc != "" {
			loc += " "
		}
		loc += fmt.Sprintf("(id %q)", d.ID)
	}
	if loc != "" {
		parts = append(parts, loc)
	}
	if d.Property != "" {
		parts = append(parts, fmt.Sprintf("property %q", d.Property))
	}
	parts = append(parts, d.Message)
	s := strings.Join(parts, ": ")
	if d.Severity == SeverityWarning {
		s = "warning: " + s
	}
	return s
}

// Reason is the outcome of one rule for one proposal, parcel or pair: data,
// never an error. Messages are given in English and Chinese.
type Reason struct {
	Rule      string  `json:"rule"`   // stable rule name, e.g. "facility.cap"
	Clause    string  `json:"clause"` // clause of the Liuzhou 2022 measures, e.g. "12"
	Verdict   Verdict `json:"verdict"`
	Message   string  `json:"message"`
	MessageZH string  `json:"message_zh"`
}

// Verdict is what a rule decided.
type Verdict string

// The verdicts.
const (
	VerdictPass Verdict = "pass" // the rule admits
	VerdictFail Verdict = "fail" // the rule excludes
	VerdictInfo Verdict = "info" // a remark: a choice made, an adjustment, a figure
)
