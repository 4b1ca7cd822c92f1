package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/planner/rules"
)

// lang is the chosen language for the policy and rules renderers.
func (m *Main) lang() policy.Lang {
	if m.Lang == "zh" {
		return policy.LangZH
	}
	return policy.LangEN
}

// format is the chosen output format for the renderers.
func (m *Main) format() policy.Format {
	if m.JSON {
		return policy.FormatJSON
	}
	return policy.FormatText
}

// loadProfile returns the effective policy profile: the embedded Liuzhou
// 2022 profile, or the file named by --policy laid over it.
func loadProfile(path string) (*policy.Profile, error) {
	if path == "" {
		return policy.Default(), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, withZH(planner.Errorf(planner.KindInvalid, "--policy: %w", err), "--policy "+readErrorZH(path, err))
	}
	defer f.Close()
	return policy.Load(f, path)
}

// profileArgs parses a subcommand that takes no argument but --policy
// and returns the effective profile.
func (m *Main) profileArgs() (*policy.Profile, error) {
	fs := m.newFlagSet()
	policyFile := fs.String("policy", "", "policy profile file (default: the embedded Liuzhou 2022 profile)")
	pos, err := m.parseArgs(fs)
	if err != nil {
		return nil, err
	}
	if len(pos) != 0 {
		return nil, usageBoth("%s takes no arguments", "%s 不接受参数", strings.Join(m.cmd, " "))
	}
	return loadProfile(*policyFile)
}

func (m *Main) runCheck(ctx context.Context) error {
	prof, err := m.profileArgs()
	if err != nil {
		return err
	}
	db, err := m.openDB(false)
	if err != nil {
		return err
	}
	parcels, err := db.Parcels(ctx)
	if err != nil {
		return err
	}
	props, err := db.Proposals(ctx)
	if err != nil {
		return err
	}
	diags := planner.CheckData(parcels, props)
	for _, p := range props {
		if _, ok := prof.Industry(p.Industry); !ok {
			diags = append(diags, planner.Diagnostic{Severity: planner.SeverityError, Code: "proposal.industry_unknown", Location: "proposal", ID: p.ID, Property: "industry",
				Message: fmt.Sprintf("industry %q is not in the policy profile %s", p.Industry, prof.Name)})
		}
	}
	rep, err := rules.Check(prof, parcels, props)
	if err != nil {
		return err
	}
	if m.JSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Diagnostics []planner.Diagnostic `json:"diagnostics"`
			rules.CheckReport
		}{diags, rep})
	}
	if m.lang() == policy.LangZH {
		err = rules.RenderCheckZH(m.Stdout, rep, prof)
	} else {
		err = rep.Render(m.Stdout, policy.FormatText, m.lang())
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "\n%s\n", m.tr("Stored data", "数据检查"))
	for _, d := range diags {
		fmt.Fprintln(m.Stdout, "  "+m.diagnostic(d))
	}
	eligible := 0
	for _, pc := range rep.Proposals {
		if pc.Eligible {
			eligible++
		}
	}
	fmt.Fprintf(m.Stdout, m.tr("\n%d parcels, %d proposals (%d eligible somewhere), %d idle and %d inefficient candidates, %d data remarks\n",
		"\n%d 宗地块，%d 个项目申请（%d 个有可安排地块），闲置线索 %d 宗，低效线索 %d 宗，数据提示 %d 条\n"),
		len(parcels), len(props), eligible, len(rep.Idle), len(rep.Inefficient), len(diags))
	return nil
}

func (m *Main) runPolicyShow(ctx context.Context) error {
	if m.cmd[1] != "show" {
		return unknownCommand("policy " + m.cmd[1])
	}
	prof, err := m.profileArgs()
	if err != nil {
		return err
	}
	return policy.Render(m.Stdout, prof, m.format(), m.lang())
}

// diagnostic formats a data diagnostic: as it is in English; in Chinese
// with its severity and location in Chinese, the field named as the
// input names it and its Chinese message where the reader gives one.
func (m *Main) diagnostic(d planner.Diagnostic) string {
	if m.lang() != policy.LangZH {
		return d.String()
	}
	var parts []string
	if d.File != "" {
		parts = append(parts, d.File)
	}
	loc := map[string]string{"parcel": "地块", "proposal": "项目"}[d.Location]
	if loc == "" {
		loc = d.Location
		if n, ok := strings.CutPrefix(loc, "row "); ok {
			loc = "第 " + n + " 行"
		} else if n, ok := strings.CutPrefix(loc, "feature "); ok {
			loc = "第 " + n + " 个要素"
		}
	}
	if d.ID != "" {
		loc += " " + d.ID
	}
	if loc != "" {
		parts = append(parts, loc)
	}
	if d.Property != "" {
		parts = append(parts, fmt.Sprintf("字段 %q", d.Property))
	}
	msg := d.Message
	if d.MessageZH != "" {
		msg = d.MessageZH
	}
	parts = append(parts, msg)
	return planner.SeverityNameZH(d.Severity) + ":" + strings.Join(parts, ":")
}
