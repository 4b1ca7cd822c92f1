package textout

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// WriteJSON writes v as indented JSON; what names v in the error.
func WriteJSON(w io.Writer, v any, what string) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("plan: writing the %s as JSON: %w", what, err)
	}
	return nil
}

// CheckFormat refuses a format other than text ("" too) or JSON, in the
// words the plan's renderers use.
func CheckFormat(format policy.Format) error {
	switch format {
	case policy.FormatText, policy.FormatJSON, "":
		return nil
	}
	return planner.Errorf(planner.KindInvalid, "plan: unknown format %q (want text or json)", format)
}

// Tr picks the English (false) or Chinese (true) words.
type Tr bool

// S returns en in English and cn in Chinese.
func (zh Tr) S(en, cn string) string {
	if zh {
		return cn
	}
	return en
}

// Msg returns a reason's message in the language.
func (zh Tr) Msg(r planner.Reason) string {
	if zh {
		return r.MessageZH
	}
	return r.Message
}

// Cause names why a proposal is not placed.
func (zh Tr) Cause(c string) string {
	if zh {
		return plan.CauseNameZH(c)
	}
	return c
}

// Criterion names a scoring criterion: its identifier in English, its
// Chinese name in Chinese.
func (zh Tr) Criterion(c string) string {
	if zh {
		if cr, ok := policy.CriterionByName(c); ok {
			return cr.ZH
		}
	}
	return c
}

// Overrides lists a scenario's overrides: key=value in English, the
// setting's description and value in Chinese.
func (zh Tr) Overrides(os []string) string {
	if !zh {
		return strings.Join(os, ", ")
	}
	var out []string
	for _, o := range os {
		out = append(out, policy.OverrideZH(o))
	}
	return strings.Join(out, ";")
}

// Status names how the solver ended.
func (zh Tr) Status(st string) string {
	if zh {
		return plan.StatusNameZH(st)
	}
	return st
}

// Stopped says why the solver stopped, or its status for a plan stored
// before plans recorded the reason.
func (zh Tr) Stopped(p *plan.Plan) string {
	if p.Stopped == "" {
		return zh.Status(p.Status)
	}
	return plan.StoppedText(p, bool(zh))
}

// Mode names a supply mode.
func (zh Tr) Mode(m string) string {
	if zh {
		return planner.SupplyModeNameZH(m)
	}
	return m
}

// Term shows a tenure with every part; plans stored before term texts
// existed show the mode and the years.
func (zh Tr) Term(en, cn, mode string, years int) string {
	if t := zh.S(en, cn); t != "" {
		return t
	}
	return zh.Mode(mode) + zh.S(fmt.Sprintf(" %d y", years), fmt.Sprintf(" %d 年", years))
}
