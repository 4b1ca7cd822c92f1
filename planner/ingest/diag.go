package ingest

import (
	"fmt"

	"github.com/landplan/landplan/planner"
)

// MaxProblems is the most error diagnostics a reader collects before it
// stops listing them; the error message still gives the total count.
const MaxProblems = 100

// maxWarnings bounds the warnings kept, so that a file with a warning on
// every row does not produce thousands of lines.
const maxWarnings = 100

// collector gathers the diagnostics of one input file.
type collector struct {
	file     string
	diags    []planner.Diagnostic
	errors   int
	warnings int
	warn     func(planner.Diagnostic)
	// truncated is set when an earlier reader stopped at its problem
	// limit, so that the count is a lower bound.
	truncated bool
	// feature is the index of the feature being checked; featureOf
	// holds it for each diagnostic kept, so that they can be merged with
	// the problems the GeoJSON reader found, in feature order.
	feature   int
	featureOf []int
}

// add records d, stamping the file name; error diagnostics beyond
// MaxProblems are counted but not kept.
func (c *collector) add(d planner.Diagnostic) {
	if d.File == "" {
		d.File = c.file
	}
	if d.Severity == "" {
		d.Severity = planner.SeverityError
	}
	d = withZH(d)
	switch d.Severity {
	case planner.SeverityError:
		c.errors++
		if c.errors > MaxProblems {
			return
		}
	default:
		c.warnings++
		if c.warnings > maxWarnings {
			return
		}
		if c.warn != nil {
			c.warn(d)
		}
	}
	c.diags = append(c.diags, d)
	c.featureOf = append(c.featureOf, c.feature)
}

// err returns the *planner.Error holding the collected diagnostics, or nil
// when no error was found. what names the input, e.g. "proposals".
func (c *collector) err(what string) error {
	if c.errors == 0 {
		return nil
	}
	name := c.file
	if name == "" {
		name = "input"
	}
	msg := fmt.Sprintf("%s: %d problem", name, c.errors)
	if c.truncated {
		msg = fmt.Sprintf("%s: at least %d problem", name, c.errors)
	}
	if c.errors != 1 {
		msg += "s"
	}
	msg += " in the " + what
	if c.errors > MaxProblems {
		msg += fmt.Sprintf(" (the first %d are listed)", MaxProblems)
	}
	for i := range c.diags {
		c.diags[i] = withZH(c.diags[i])
	}
	return &planner.Error{Kind: planner.KindInvalid, Msg: msg, MsgZH: errZH(c.file, what, c.errors, c.truncated), Diagnostics: c.diags}
}
