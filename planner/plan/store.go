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

// Limits of a scenario, checked by Validate: they keep a name readable
// in every table and file name, and a request or a stored row small.
const (
	// MaxScenarioName is the longest scenario name, in characters.
	MaxScenarioName = 128
	// MaxOverrides is the most overrides one scenario holds.
	MaxOverrides = 200
	// MaxOverrideLen is the longest override (key=value), in bytes.
	MaxOverrideLen = 2000
)

// Validate checks the scenario's name and the form of its overrides (not
// that their keys exist: ApplyScenario does). A name is 1 to
// MaxScenarioName letters (any script), digits, '-', '_', '.', or the
// ':', '=', '+' and ',' of a sweep point's name (package sweep's
// ScenarioName), starting with a letter or digit; an override is key=value, at most
// MaxOverrideLen bytes, without control characters (no newline, no tab);
// a scenario has at most MaxOverrides. Problems are reported in one
// KindInvalid error.
func (sc Scenario) Validate() error {
	var ds []planner.Diagnostic
	if msg, zh := nameProblem(sc.Name); msg != "" {
		ds = append(ds, planner.Diagnostic{Severity: planner.SeverityError, Code: "scenario.name", Property: "name",
			Message: fmt.Sprintf("scenario name %s: %s", shortQuote(sc.Name), msg), MessageZH: fmt.Sprintf("情景名称 %s：%s", shortQuote(sc.Name), zh)})
	}
	if len(sc.Overrides) > MaxOverrides {
		ds = append(ds, planner.Diagnostic{Severity: planner.SeverityError, Code: "scenario.overrides", Property: "overrides",
			Message:   fmt.Sprintf("%d overrides: a scenario holds at most %d", len(sc.Overrides), MaxOverrides),
			MessageZH: fmt.Sprintf("%d 个覆盖项：一个情景最多 %d 个", len(sc.Overrides), MaxOverrides)})
	}
	for i, o := range sc.Overrides {
		if i >= MaxOverrides {
			break
		}
		loc := fmt.Sprintf("override %d", i+1)
		if len(o) > MaxOverrideLen {
			ds = append(ds, planner.Diagnostic{Severity: planner.SeverityError, Code: "scenario.override", Location: loc,
				Message:   fmt.Sprintf("override %s is %d bytes long: at most %d", shortQuote(o), len(o), MaxOverrideLen),
				MessageZH: fmt.Sprintf("覆盖项 %s 长 %d 字节：最多 %d 字节", shortQuote(o), len(o), MaxOverrideLen)})
			continue
		}
		if j := strings.IndexFunc(o, unicode.IsControl); j >= 0 {
			ds = append(ds, planner.Diagnostic{Severity: planner.SeverityError, Code: "scenario.override", Location: loc,
				Message:   fmt.Sprintf("override %s: control character %q at byte %d (a value is one line of text)", shortQuote(o), o[j:j+1], j+1),
				MessageZH: fmt.Sprintf("覆盖项 %s：第 %d 字节是控制字符 %q（值应为一行文字）", shortQuote(o), j+1, o[j:j+1])})
			continue
		}
		if _, err := policy.ParseOverride(o); err != nil {
			ds = append(ds, planner.Diagnostic{Severity: planner.SeverityError, Code: "scenario.override", Location: loc,
				Message: strings.TrimPrefix(err.Error(), "policy: "), MessageZH: strings.TrimPrefix(policy.MessageZH(err), "政策配置：")})
		}
	}
	if len(ds) > 0 {
		return &planner.Error{Kind: planner.KindInvalid, Msg: fmt.Sprintf("scenario %s is not valid", shortQuote(sc.Name)),
			MsgZH: fmt.Sprintf("情景 %s 无效", shortQuote(sc.Name)), Diagnostics: ds}
	}
	return nil
}

// nameProblem says what is wrong with a scenario name, in English and in
// Chinese, or "".
func nameProblem(name string) (en, zh string) {
	const want = "want a name without spaces: 1 to 128 letters, digits, '-', '_', '.', ':', '=', '+' or ',', starting with a letter or digit"
	const wantZH = "名称不含空格，由 1 到 128 个字母、数字、'-'、'_'、'.'、':'、'='、'+' 或 ',' 组成，以字母或数字开头"
	n := 0
	for i, r := range name {
		n++
		ok := unicode.IsLetter(r) || unicode.IsDigit(r)
		if i > 0 {
			ok = ok || strings.ContainsRune("-_.:=+,", r)
		}
		if !ok {
			return fmt.Sprintf("character %q at position %d: %s", r, n, want), fmt.Sprintf("第 %d 个字符 %q 不允许：%s", n, r, wantZH)
		}
	}
	switch {
	case n == 0:
		return "empty: " + want, "为空：" + wantZH
	case n > MaxScenarioName:
		return fmt.Sprintf("%d characters long: %s", n, want), fmt.Sprintf("长 %d 个字符：%s", n, wantZH)
	}
	return "", ""
}

// shortQuote quotes s for a message, cut to its first 40 characters.
func shortQuote(s string) string {
	if r := []rune(s); len(r) > 40 {
		return fmt.Sprintf("%q… (%d characters)", string(r[:40]), len(r))
	}
	return fmt.Sprintf("%q", s)
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
			return nil, &planner.Error{Kind: planner.KindInvalid, Msg: fmt.Sprintf("scenario %q: %s", sc.Name, pe.Msg),
				MsgZH: fmt.Sprintf("情景 %q：%s", sc.Name, pe.MsgZH), Diagnostics: pe.Diagnostics, Err: pe.Err}
		}
		e := planner.Errorf(planner.KindInvalid, "scenario %q: %w", sc.Name, err)
		e.(*planner.Error).MsgZH = fmt.Sprintf("情景 %q：%s", sc.Name, policy.MessageZH(err))
		return nil, e
	}
	return q, nil
}
