package score

import (
	"errors"
	"fmt"
	"strings"
)

// ErrInvalid matches, under errors.Is, every error this package returns
// for bad input: an [*InputError] or an [*InconsistentError]. Callers map
// it to their "invalid input" error kind.
var ErrInvalid = errors.New("score: invalid input")

// InputError is a problem with a matrix, a judgement matrix or settings,
// saying where it is.
type InputError struct {
	// Criterion is the criterion's name, "" when the problem is not about
	// one criterion or the criterion has no name.
	Criterion string
	// Column is the 0-based criterion (matrix column) index, or -1.
	Column int
	// Row is the 0-based alternative (matrix row) index, or -1.
	Row int
	// Msg says what is wrong.
	Msg string
}

// Error formats the problem as
// `score: criterion "tax" (column 3), row 18: value is NaN`, numbering
// columns and rows from 1 as a person counts them.
func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString("score: ")
	switch {
	case e.Column >= 0 && e.Criterion != "":
		fmt.Fprintf(&b, "criterion %q (column %d): ", e.Criterion, e.Column+1)
	case e.Column >= 0:
		fmt.Fprintf(&b, "column %d: ", e.Column+1)
	case e.Criterion != "":
		fmt.Fprintf(&b, "criterion %q: ", e.Criterion)
	}
	if e.Row >= 0 {
		fmt.Fprintf(&b, "row %d: ", e.Row+1)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Is reports whether target is [ErrInvalid].
func (e *InputError) Is(target error) bool { return target == ErrInvalid }

// InconsistentError refuses an AHP judgement matrix whose consistency
// ratio CR reaches Limit (Settings.MaxCR, 0.10 by default).
type InconsistentError struct {
	CR, Limit float64
}

// Error states the ratio and the limit.
func (e *InconsistentError) Error() string {
	return fmt.Sprintf("score: AHP judgement matrix is inconsistent: consistency ratio CR = %.4f, limit %.4g; revise the pairwise judgements", e.CR, e.Limit)
}

// Is reports whether target is [ErrInvalid].
func (e *InconsistentError) Is(target error) bool { return target == ErrInvalid }

// inputErr returns an *InputError for a whole-input problem.
func inputErr(format string, args ...any) *InputError {
	return &InputError{Column: -1, Row: -1, Msg: fmt.Sprintf(format, args...)}
}

// criterionErr returns an *InputError about one criterion (row -1 when the
// problem is not about one row).
func criterionErr(m Matrix, col, row int, format string, args ...any) *InputError {
	name := ""
	if col >= 0 && col < len(m.Criteria) {
		name = m.Criteria[col]
	}
	return &InputError{Criterion: name, Column: col, Row: row, Msg: fmt.Sprintf(format, args...)}
}
