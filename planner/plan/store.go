package plan

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
)

// Store keeps plans and scenarios; package data implements it. Plans are
// immutable once stored.
type Store interface {
	// PutPlan stores p and returns its new id; p is not changed.
	PutPlan(ctx context.Context, p *Plan) (id string, err error)
	// Plan returns the stored plan with that id, or a KindNotFound error.
	Plan(ctx context.Context, id string) (*Plan, error)
	// Plans returns the summaries of every stored plan, oldest first.
	Plans(ctx context.Context) ([]PlanSummary, error)
	// PutScenario stores a scenario; a name already stored is a
	// KindConflict error.
	PutScenario(ctx context.Context, sc Scenario) error
	// Scenario returns the stored scenario with that name, or a
	// KindNotFound error.
	Scenario(ctx context.Context, name string) (Scenario, error)
	// Scenarios returns every stored scenario, by name.
	Scenarios(ctx context.Context) ([]Scenario, error)
}

// PlanSummary is one line of `landplan plans`.
type PlanSummary struct {
	ID             string  `json:"plan"`
	Scenario       string  `json:"scenario"`
	Created        string  `json:"created"`
	Objective      float64 `json:"objective"`
	Gap            float64 `json:"gap"`
	Projects       int     `json:"projects"`
	AllocatedMu    float64 `json:"allocated_mu"`
	QuotaUsedShare float64 `json:"quota_used_share"`
	ContentSHA256  string  `json:"content_sha256"`
}

// Summary returns the plan's summary.
func (p *Plan) Summary() PlanSummary {
	return PlanSummary{ID: p.ID, Scenario: p.Scenario, Created: p.Created, Objective: p.Objective, Gap: p.Gap,
		Projects: p.Totals.Projects, AllocatedMu: p.Totals.AllocatedMu, QuotaUsedShare: p.Totals.QuotaUsedShare, ContentSHA256: p.ContentSHA256}
}

// Identical returns the id of the first stored plan with the same content
// as p (the same ContentSHA256), for the command to say "identical to plan
// X".
func Identical(stored []PlanSummary, p *Plan) (id string, ok bool) {
	for _, s := range stored {
		if s.ContentSHA256 != "" && s.ContentSHA256 == p.ContentSHA256 && s.ID != p.ID {
			return s.ID, true
		}
	}
	return "", false
}

// Scenario is a named set of overrides of the policy profile (a what-if).
type Scenario struct {
	Name string `json:"name"`
	// Overrides are "key=value" settings in the dotted keys of the
	// profile, applied in order.
	Overrides []string `json:"overrides"`
	// Created is set by the caller or the store.
	Created string `json:"created,omitempty"`
}

// Validate checks the scenario's name and the form of its overrides (not
// that their keys exist: ApplyScenario does). Problems are reported in one
// KindInvalid error.
func (sc Scenario) Validate() error {
	var ds []planner.Diagnostic
	if sc.Name == "" || strings.IndexFunc(sc.Name, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		ds = append(ds, planner.Diagnostic{Severity: planner.SeverityError, Code: "scenario.name", Property: "name",
			Message: fmt.Sprintf("scenario name %q: want a non-empty name without spaces", sc.Name)})
	}
	for i, o := range sc.Overrides {
		if _, err := policy.ParseOverride(o); err != nil {
			ds = append(ds, planner.Diagnostic{Severity: planner.SeverityError, Code: "scenario.override", Location: fmt.Sprintf("override %d", i+1),
				Message: strings.TrimPrefix(err.Error(), "policy: ")})
		}
	}
	if len(ds) > 0 {
		return &planner.Error{Kind: planner.KindInvalid, Msg: fmt.Sprintf("scenario %q is not valid", sc.Name), Diagnostics: ds}
	}
	return nil
}

// ApplyScenario returns base with the scenario's overrides applied and the
// result validated; base is not changed. An override that is not
// key=value, a key the profile does not have (named, with the nearest
// known keys) or a value out of range is a KindInvalid error naming the
// scenario and the key.
func ApplyScenario(base *policy.Profile, sc Scenario) (*policy.Profile, error) {
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	os := make([]policy.Override, len(sc.Overrides))
	for i, s := range sc.Overrides {
		os[i], _ = policy.ParseOverride(s) // checked by Validate
	}
	q, err := base.Apply(os)
	if err != nil {
		if pe, ok := err.(*planner.Error); ok {
			return nil, &planner.Error{Kind: planner.KindInvalid, Msg: fmt.Sprintf("scenario %q: %s", sc.Name, pe.Msg), Diagnostics: pe.Diagnostics, Err: pe.Err}
		}
		return nil, planner.Errorf(planner.KindInvalid, "scenario %q: %w", sc.Name, err)
	}
	return q, nil
}
