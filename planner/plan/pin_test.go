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
		"base content":                "e855fff58738f94ebb768e508864cb0cca4d419806a138981224fa112455750d",
		"base explain en json":        "04f9c77f0a2ae7ab3654d7b283425ee1ffd9954d236d6745ad815b2182246ed0",
		"base explain en text":        "e42292f4d72e012bb98044e3f0e5a58965ac3a00257256eb6e2746347e5143f0",
		"base explain zh json":        "04f9c77f0a2ae7ab3654d7b283425ee1ffd9954d236d6745ad815b2182246ed0",
		"base explain zh text":        "2eeb767ce034162833b7f8892c84d7c0a70e15d3e212b12924aa8ce59eab0587",
		"base render en json":         "ecc4cb51788cd999115bbebed09323d558d1581d881b3a1bf427115723bf5d02",
		"base render en text":         "ece3c322c0be27a06d15a8341dadfe76d0bbdb7b37a6b4fd73cabc51a334bd71",
		"base render zh json":         "ecc4cb51788cd999115bbebed09323d558d1581d881b3a1bf427115723bf5d02",
		"base render zh text":         "607cb2c177ec6cfb22288522257ee1e33876f68427d17c94abc3c80dc3d2761a",
		"cap7 content":                "2e503c6a99832b84735ebede92d22a0f4c96331866bd7303dedf6478aa199b86",
		"cap7 explain en json":        "363cbabd097979cc990ba2aacdc26e304b54d85b5187094b8eff01e32c710a38",
		"cap7 explain en text":        "e309910ec2d5261833eff78d0e4d96f41b9c0142d552e2f119429b107c02880a",
		"cap7 explain zh json":        "363cbabd097979cc990ba2aacdc26e304b54d85b5187094b8eff01e32c710a38",
		"cap7 explain zh text":        "c07ed913c3da500c321cb0a2850b0b76e2c075f8e2a97bbb0483ff473c91ab06",
		"cap7 render en json":         "2fb32b8970d63cf2a1a7f09465c7f03f32c97847e2c881b0f4a4ac91a8dc4afe",
		"cap7 render en text":         "6f44d0b7e28c4c6d6bcab4e974f45f0cda373879bc4b92853de1d881196183d5",
		"cap7 render zh json":         "2fb32b8970d63cf2a1a7f09465c7f03f32c97847e2c881b0f4a4ac91a8dc4afe",
		"cap7 render zh text":         "f74e3b3c0e03099f7f1981f299cced09372b5a324e0b1f68648a6e63e5115982",
		"compare en json":             "d50ef4a6cf9973ebe48fb567d9b911fe3f784208ffed11ba3f32050991c3d42d",
		"compare en text":             "edfb9a49ea4fb0623e8027297ea763eb644b5081fc0220eda9fb01dd2e25dc3e",
		"compare zh json":             "d50ef4a6cf9973ebe48fb567d9b911fe3f784208ffed11ba3f32050991c3d42d",
		"compare zh text":             "6a0c0dfc25f9421502df2f526aba76d7543c63be9fd223a5719cb66d97a055af",
		"stock-first content":         "e6d7beebd2d48ad91259b7fd53fdf5e7e38fd90f6bf1bce75d03a0e2a9f6bb07",
		"stock-first explain en json": "c6961d1de69ac09f4472e0f07e1f4d33e6f077d9831625fb5ed9ffc4814916cc",
		"stock-first explain en text": "43d40fd530fb0fb11b50f27e8120f597b5037dc4dbc4f994740306e13a9d945e",
		"stock-first explain zh json": "c6961d1de69ac09f4472e0f07e1f4d33e6f077d9831625fb5ed9ffc4814916cc",
		"stock-first explain zh text": "883925d0a08158a3a1bcbc7962fc35256dae258f9e3b5bb5b4e0d5df793ac65d",
		"stock-first render en json":  "61901235d2959e09df4d8b7372b839d6163c128518743db3ae307c011909ebb5",
		"stock-first render en text":  "5083f04a13e1782453798fb5cee3cf8073b4ad018e01f873b256b513409c471b",
		"stock-first render zh json":  "61901235d2959e09df4d8b7372b839d6163c128518743db3ae307c011909ebb5",
		"stock-first render zh text":  "e73bdd7e728b3e902af2a541ee219961413cd8f4df6bcc953eeb76643b178092",
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
