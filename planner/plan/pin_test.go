package plan_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/landplan/landplan/planner/compare"
	"github.com/landplan/landplan/planner/explain"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// demoScenarios are the demo's three scenarios: the base profile, the 7%
// facility cap everywhere and stock land first (planned here on the
// embedded sample as the other tests plan it, without flip re-solves).
var demoScenarios = [][]string{nil, {"facility.eligible_zones=[]"}, {"stock.first=true"}}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// TestDemoPlansPinned pins the plans of the demo's scenarios byte for
// byte: each plan's content hash, the SHA-256 of its JSON and text
// renderings and of its explanation, and of the comparison of the three,
// in both languages. A change to building, rendering, explaining or
// comparing that moves a single byte fails here.
func TestDemoPlansPinned(t *testing.T) {
	want := map[string]string{
		"base content":                "e049c5d6088df1f8462c44c8f6d8ed0c5f20ed1c30caa645da4dd901f8e12860",
		"base explain en json":        "04f9c77f0a2ae7ab3654d7b283425ee1ffd9954d236d6745ad815b2182246ed0",
		"base explain en text":        "e42292f4d72e012bb98044e3f0e5a58965ac3a00257256eb6e2746347e5143f0",
		"base explain zh json":        "04f9c77f0a2ae7ab3654d7b283425ee1ffd9954d236d6745ad815b2182246ed0",
		"base explain zh text":        "2eeb767ce034162833b7f8892c84d7c0a70e15d3e212b12924aa8ce59eab0587",
		"base render en json":         "47784f758bf7a65813993db206c9696061938de2c469f775a460659067105cb0",
		"base render en text":         "4b02a0361f5b3cd0ea7da3b92194b286f8b94cb7395fa0e17870514a31eca7cd",
		"base render zh json":         "47784f758bf7a65813993db206c9696061938de2c469f775a460659067105cb0",
		"base render zh text":         "ad3e397236e139309a799293049631d39e901bd14f40feb2b6d057e60341d527",
		"cap7 content":                "20cf085d766b5648e649789a0cedd9117e853c832e298590ffce12ae86e31cfb",
		"cap7 explain en json":        "363cbabd097979cc990ba2aacdc26e304b54d85b5187094b8eff01e32c710a38",
		"cap7 explain en text":        "e309910ec2d5261833eff78d0e4d96f41b9c0142d552e2f119429b107c02880a",
		"cap7 explain zh json":        "363cbabd097979cc990ba2aacdc26e304b54d85b5187094b8eff01e32c710a38",
		"cap7 explain zh text":        "c07ed913c3da500c321cb0a2850b0b76e2c075f8e2a97bbb0483ff473c91ab06",
		"cap7 render en json":         "db8c5ed50efe816388460eb6e2f1fb10fc132bab2b5a70d85e5df00713c2cb60",
		"cap7 render en text":         "9fa026e5fef68e108255b42cecc5032d9636854759c525756ed965bc93f063b3",
		"cap7 render zh json":         "db8c5ed50efe816388460eb6e2f1fb10fc132bab2b5a70d85e5df00713c2cb60",
		"cap7 render zh text":         "87248a85c1b744300cc154087da26c4ab885b9d42d9be07281cc3d63df991e47",
		"compare en json":             "6e5a5e032bcd5183476c1c229417e5dc08d4d83dfe91437903c4c57c06d90dc2",
		"compare en text":             "edfb9a49ea4fb0623e8027297ea763eb644b5081fc0220eda9fb01dd2e25dc3e",
		"compare zh json":             "6e5a5e032bcd5183476c1c229417e5dc08d4d83dfe91437903c4c57c06d90dc2",
		"compare zh text":             "6a0c0dfc25f9421502df2f526aba76d7543c63be9fd223a5719cb66d97a055af",
		"stock-first content":         "d603589b41e43393684e95182adac007d5241649fe79dc017d769ac17d45ecda",
		"stock-first explain en json": "c6961d1de69ac09f4472e0f07e1f4d33e6f077d9831625fb5ed9ffc4814916cc",
		"stock-first explain en text": "43d40fd530fb0fb11b50f27e8120f597b5037dc4dbc4f994740306e13a9d945e",
		"stock-first explain zh json": "c6961d1de69ac09f4472e0f07e1f4d33e6f077d9831625fb5ed9ffc4814916cc",
		"stock-first explain zh text": "883925d0a08158a3a1bcbc7962fc35256dae258f9e3b5bb5b4e0d5df793ac65d",
		"stock-first render en json":  "22521d117de8164468dd8cbde2a1388f8ad9e4f0828e785c7574fb418445d0ad",
		"stock-first render en text":  "a592b67a0d7b1f88f421344316d062d405be0ecf1236d995b0c83c5c58d6ab99",
		"stock-first render zh json":  "22521d117de8164468dd8cbde2a1388f8ad9e4f0828e785c7574fb418445d0ad",
		"stock-first render zh text":  "52bd516d00c1bced21071b723db171465a34d345d83dea5bb8585a215119824d",
	}
	got := map[string]string{}
	var plans []*plan.Plan
	for i, ovs := range demoScenarios {
		p := runSample(t, ovs...)
		plans = append(plans, p)
		name := []string{"base", "cap7", "stock-first"}[i]
		got[name+" content"] = p.ContentSHA256
		for _, lang := range []policy.Lang{policy.LangEN, policy.LangZH} {
			for _, format := range []policy.Format{policy.FormatJSON, policy.FormatText} {
				var b, e bytes.Buffer
				if err := explain.Render(&b, p, format, lang); err != nil {
					t.Fatal(err)
				}
				if err := explain.Explain(&e, p, "", format, lang); err != nil {
					t.Fatal(err)
				}
				got[name+" render "+string(lang)+" "+string(format)] = sha(b.Bytes())
				got[name+" explain "+string(lang)+" "+string(format)] = sha(e.Bytes())
			}
		}
	}
	for _, lang := range []policy.Lang{policy.LangEN, policy.LangZH} {
		for _, format := range []policy.Format{policy.FormatJSON, policy.FormatText} {
			var b bytes.Buffer
			if err := compare.Diff(plans...).Render(&b, format, lang); err != nil {
				t.Fatal(err)
			}
			got["compare "+string(lang)+" "+string(format)] = sha(b.Bytes())
		}
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: sha256 %s, want %s", k, got[k], w)
		}
	}
	if len(want) != len(got) {
		t.Errorf("%d hashes pinned, %d computed", len(want), len(got))
	}
}
