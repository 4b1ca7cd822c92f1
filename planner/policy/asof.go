package policy

import (
	"fmt"
	"sync/atomic"
	"time"
)

// asOfEntry is a parsed planning date: the text, the date and the error.
type asOfEntry struct {
	text string
	t    time.Time
	err  error
}

// lastAsOf keeps the last planning date parsed. The rules ask for the
// planning date (AsOf, PlanYear, QuotaFor) once or more for every
// proposal × parcel pair, always of the same profile: the text is
// compared, not parsed again. It is safe for concurrent use, and the
// answer is always that of parsing the text.
var lastAsOf atomic.Pointer[asOfEntry]

// parseAsOf parses the planning date text, from lastAsOf when it is the
// same text.
func parseAsOf(text string) (time.Time, error) {
	if e := lastAsOf.Load(); e != nil && e.text == text {
		return e.t, e.err
	}
	e := &asOfEntry{text: text}
	e.t, e.err = time.Parse(DateLayout, text)
	if e.err != nil {
		e.t, e.err = time.Time{}, fmt.Errorf("policy: plan.as_of %q is not a date YYYY-MM-DD: %w", text, e.err)
	}
	lastAsOf.Store(e)
	return e.t, e.err
}
