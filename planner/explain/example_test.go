package explain_test

import (
	"os"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/explain"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// The explanation of a proposal a plan leaves out, in Chinese.
func ExampleExplain() {
	p := &plan.Plan{ID: "plan-1", Unallocated: []plan.Unallocated{{
		Proposal: "P0007", Name: "柳州某机械厂", Cause: plan.CauseQuota,
		Reasons: []planner.Reason{{Rule: plan.QuotaConstraint, Clause: "12", Verdict: planner.VerdictFail,
			Message: "needs 30.00 mu of new land; 12.00 mu of quota left", MessageZH: "需新增用地 30.00 亩;剩余指标 12.00 亩"}},
	}}}
	if err := explain.Explain(os.Stdout, p, "P0007", policy.FormatText, policy.LangZH); err != nil {
		panic(err)
	}
	err := explain.Explain(os.Stdout, p, "P9999", policy.FormatText, policy.LangEN)
	os.Stdout.WriteString(err.Error() + "\n")
	// Output:
	// - P0007 柳州某机械厂 [新增用地指标不足]
	//     不符合 新增建设用地指标 [第十二条]:需新增用地 30.00 亩;剩余指标 12.00 亩
	//
	// plan plan-1: no proposal "P9999"
}
