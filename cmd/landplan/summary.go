package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
)

// statusName is the status as a planner reads it.
func (m *Main) statusName(s planner.Status) string {
	if m.Lang != "zh" {
		return string(s)
	}
	return s.NameZH()
}

// printSummary prints what the database holds: the land pool by zone and
// status in 亩 and ha, and the proposals by industry.
func (m *Main) printSummary(s planner.Summary) error {
	if m.JSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	}
	w := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(m.Stdout, m.tr("Land pool by zone and status", "地块按园区和状态"))
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t\n", m.tr("zone", "园区"), m.tr("status", "状态"), m.tr("parcels", "宗数"), m.tr("mu", "亩"), m.tr("ha", "公顷"))
	for _, z := range s.Zones {
		for _, st := range planner.Statuses {
			t, ok := z.ByStatus[st]
			if !ok {
				continue
			}
			fmt.Fprintf(w, "%s\t%s\t%d\t%s\t%s\t\n", z.Zone, m.statusName(st), t.Count, fmtNum(t.AreaMu, 1), fmtNum(t.AreaMu/planner.MuPerHectare, 2))
		}
		fmt.Fprintf(w, "%s\t%s\t%d\t%s\t%s\t\n", z.Zone, m.tr("all", "合计"), z.Total.Count, fmtNum(z.Total.AreaMu, 1), fmtNum(z.Total.AreaMu/planner.MuPerHectare, 2))
	}
	fmt.Fprintf(w, "%s\t\t%d\t%s\t%s\t\n", m.tr("all zones", "全部园区"), s.Parcels.Count, fmtNum(s.Parcels.AreaMu, 1), fmtNum(s.Parcels.AreaMu/planner.MuPerHectare, 2))
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout)
	fmt.Fprintln(m.Stdout, m.tr("Proposals by industry", "项目申请按行业"))
	w = tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", m.tr("industry", "行业"), m.tr("projects", "项目数"), m.tr("mu", "申请亩数"),
		m.tr("investment 10k CNY", "投资(万元)"), m.tr("output 10k CNY/y", "产值(万元/年)"), m.tr("tax 10k CNY/y", "税收(万元/年)"), m.tr("jobs", "就业"))
	for _, x := range append(s.Industries, s.Proposals) {
		name := x.Industry
		switch {
		case name == "all":
			name = m.tr("all", "合计")
		case m.lang() == policy.LangZH:
			name = policy.Default().IndustryNameZH(name)
		}
		fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%s\t%s\t%d\t\n", name, x.Count, fmtNum(x.AreaMu, 1), fmtNum(x.Investment, 0), fmtNum(x.Output, 0), fmtNum(x.Tax, 0), x.Jobs)
	}
	return w.Flush()
}
