package policy_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/landplan/landplan/planner/policy"
)

// AsOf gives the date of the profile's own plan.as_of whatever dates
// were parsed before, from any goroutine, and an error naming a bad one
// every time it is asked.
func TestAsOfRemembersOnlyTheSameText(t *testing.T) {
	a, b, bad := policy.Default(), policy.Default(), policy.Default()
	a.Plan.AsOf, b.Plan.AsOf, bad.Plan.AsOf = "2026-06-30", "2031-01-02", "2026-13-01"
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range 200 {
				p, want := a, time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
				switch (g + n) % 3 {
				case 1:
					p, want = b, time.Date(2031, 1, 2, 0, 0, 0, 0, time.UTC)
				case 2:
					if _, err := bad.AsOf(); err == nil || !strings.Contains(err.Error(), `"2026-13-01"`) {
						t.Errorf("bad date: error %v", err)
					}
					continue
				}
				if got, err := p.AsOf(); err != nil || !got.Equal(want) || p.PlanYear() != want.Year() {
					t.Errorf("%s: got %v, %v, year %d", p.Plan.AsOf, got, err, p.PlanYear())
				}
			}
		}()
	}
	wg.Wait()
	a.Plan.AsOf = "2027-03-04"
	if got, _ := a.AsOf(); got.Year() != 2027 || got.Month() != 3 || got.Day() != 4 {
		t.Errorf("after a change of plan.as_of: %v", got)
	}
}
