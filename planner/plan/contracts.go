package plan

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/paulmach/orb/encoding/wkb"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
)

// Contract is a signed allocation (docs/product.md, "Contracts"): a
// proposal on a parcel, from a year. Every later run fixes it: the model
// forces the pair, and its land and its years' quota are consumed.
type Contract struct {
	Proposal string `json:"proposal"`
	Parcel   string `json:"parcel"`
	// Year is the year the land is supplied (the year of the allocation);
	// 0 means the planning year of each run.
	Year int `json:"year,omitempty"`
	// AreaMu is the land the contract takes on the parcel, 亩, later phases
	// included; 0 when the file did not say (the proposal's area, at most
	// the parcel's, is assumed).
	AreaMu float64 `json:"area_mu,omitempty"`
	// ParcelShape is the hex SHA-256 of the parcel's boundary when the
	// contract was recorded (ParcelShapeSHA256); ParcelAreaMu the parcel's
	// area then, as a contract file gives it (0 when not given). Either
	// differing from the parcel today means it was re-cut.
	ParcelShape  string  `json:"parcel_shape,omitempty"`
	ParcelAreaMu float64 `json:"parcel_area_mu,omitempty"`
	// Signed is the date of signing, YYYY-MM-DD ("" when not given).
	Signed string `json:"signed,omitempty"`
	// Plan is the stored plan it was adopted from ("" for an import);
	// Source names the file it was imported from, or "adopt".
	Plan   string `json:"plan,omitempty"`
	Source string `json:"source"`
	// Row is the contract's row in its file (the header is row 1); 0 for
	// an adopted one.
	Row int `json:"row,omitempty"`
}

// Where locates the contract in messages: the file and row it came from,
// or the plan it was adopted from, with its proposal and parcel.
func (c Contract) Where() string {
	switch {
	case c.Row > 0:
		return fmt.Sprintf("%s row %d (%s@%s)", c.Source, c.Row, c.Proposal, c.Parcel)
	case c.Plan != "":
		return fmt.Sprintf("contract %s@%s (adopted from %s)", c.Proposal, c.Parcel, c.Plan)
	}
	return fmt.Sprintf("contract %s@%s", c.Proposal, c.Parcel)
}

// WhereZH is Where in Chinese, as a diagnostic's location is shown
// (planner.LocationZH).
func (c Contract) WhereZH() string { return planner.LocationZH(c.Where()) }

// ParcelShapeSHA256 returns the hex SHA-256 of a parcel's boundary as WKB
// (little-endian): a contract records it, and a parcel whose boundary
// changes afterwards was re-cut.
func ParcelShapeSHA256(p planner.Parcel) string {
	g, err := wkb.Marshal(p.Geometry, binary.LittleEndian)
	if err != nil {
		// orb encodes every MultiPolygon; an error is a bug.
		panic(fmt.Sprintf("plan: encoding parcel %s as WKB: %v", p.ID, err))
	}
	h := sha256.Sum256(g)
	return hex.EncodeToString(h[:])
}

// recutTolMu is how far a contract's parcel area may differ from the
// parcel's today before the parcel counts as re-cut: 0.01 亩 (6.7 m²), far
// above the rounding of an area written to two decimals.
const recutTolMu = 0.01

// CheckContracts checks contracts before they are stored (incoming) or a
// run fixes them, against the land pool, the queue and the contracts
// already stored. Each problem is an error diagnostic naming the row or
// the contract and the conflict: a parcel that no longer exists or was
// re-cut since the contract recorded it, land reserved for public
// facilities (12.5), an unknown proposal, a proposal under two contracts,
// two contracts on the same land (more land under contract on a parcel
// than it has), a year before 2000 or after 2100. The result is nil or a
// *planner.Error of kind KindInvalid.
func CheckContracts(parcels []planner.Parcel, proposals []planner.Proposal, stored, incoming []Contract) error {
	k := &contractCheck{
		px:         make(map[string]*planner.Parcel, len(parcels)),
		qx:         make(map[string]*planner.Proposal, len(proposals)),
		byProposal: map[string]Contract{},
		onParcel:   map[string][]contractHold{},
	}
	for i := range parcels {
		k.px[parcels[i].ID] = &parcels[i]
	}
	for i := range proposals {
		k.qx[proposals[i].ID] = &proposals[i]
	}
	for _, c := range stored {
		k.byProposal[c.Proposal] = c
	}
	for _, c := range stored {
		k.onParcel[c.Parcel] = append(k.onParcel[c.Parcel], contractHold{c, k.areaOf(c)})
	}
	for _, c := range incoming {
		k.check(c)
	}
	if len(k.ds) > 0 {
		return &planner.Error{Kind: planner.KindInvalid, Msg: fmt.Sprintf("contracts refused (%d problem(s)): nothing stored", len(k.ds)),
			MsgZH: fmt.Sprintf("合同未予接受(%d 处问题):未保存任何内容", len(k.ds)), Diagnostics: k.ds}
	}
	return nil
}

// contractCheck is the state of CheckContracts: the land pool and queue
// by id, the contracts so far by proposal and on each parcel, and the
// problems found.
type contractCheck struct {
	px         map[string]*planner.Parcel
	qx         map[string]*planner.Proposal
	byProposal map[string]Contract
	onParcel   map[string][]contractHold
	ds         []planner.Diagnostic
}

// contractHold is land a contract holds on its parcel.
type contractHold struct {
	c  Contract
	mu float64
}

// bad reports a problem of contract c with the property prop, in
// English and in Chinese (the same arguments).
func (k *contractCheck) bad(c Contract, prop, en, zh string, args ...any) {
	k.ds = append(k.ds, planner.Diagnostic{Severity: planner.SeverityError, Code: "contract.conflict", Location: c.Where(),
		ID: c.Proposal + "@" + c.Parcel, Property: prop, Message: fmt.Sprintf(en, args...), MessageZH: fmt.Sprintf(zh, args...)})
}

// areaOf is the land contract c holds: its area, or else its proposal's
// area up to its parcel's.
func (k *contractCheck) areaOf(c Contract) float64 {
	if c.AreaMu > 0 {
		return c.AreaMu
	}
	mu := 0.0
	if q := k.qx[c.Proposal]; q != nil {
		mu = q.AreaMu
	}
	if x := k.px[c.Parcel]; x != nil {
		mu = math.Min(mu, x.AreaMu())
	}
	return mu
}

// check checks one incoming contract and records it.
func (k *contractCheck) check(c Contract) {
	q, x := k.qx[c.Proposal], k.px[c.Parcel]
	if q == nil {
		k.bad(c, "proposal", "unknown proposal %s: no stored proposal has this id (import it first)",
			"未知项目 %s:库中没有此编号的项目(请先导入)", c.Proposal)
	}
	if c.Year != 0 && (c.Year < 2000 || c.Year > 2100) {
		k.bad(c, "year", "year %d is not a plausible year: want 2000 to 2100",
			"年度 %d 不合理:应在 2000 至 2100 之间", c.Year)
	}
	k.checkParcel(c, x)
	if prev, ok := k.byProposal[c.Proposal]; ok && q != nil {
		k.bad(c, "proposal", "proposal %[1]s is already under contract (%[2]s): one contract per proposal",
			"项目 %[1]s 已签合同(%[3]s):每个项目只能有一份合同", c.Proposal, prev.Where(), prev.WhereZH())
	}
	k.byProposal[c.Proposal] = c
	if x != nil && c.AreaMu > x.AreaMu()+recutTolMu {
		k.bad(c, "area_mu", "%.2f mu under contract on parcel %s of %.2f mu",
			"合同面积 %.2f 亩,超过地块 %s 的 %.2f 亩", c.AreaMu, c.Parcel, x.AreaMu())
	}
	if x != nil {
		k.checkHeld(c, x)
	}
}

// checkParcel checks that contract c's parcel x exists as it was signed
// for and may be signed on.
func (k *contractCheck) checkParcel(c Contract, x *planner.Parcel) {
	switch {
	case x == nil:
		k.bad(c, "parcel", "parcel %s no longer exists in the land pool (it was removed or re-cut into parcels of other ids)",
			"地块 %s 已不在供地池中(已移除,或已重新分割为其他编号的地块)", c.Parcel)
	case c.ParcelShape != "" && c.ParcelShape != ParcelShapeSHA256(*x):
		k.bad(c, "parcel", "parcel %s was re-cut after the contract was recorded: its boundary is not the one signed for",
			"地块 %s 在合同记录后已重新分割:现边界与签约时不同", c.Parcel)
	case c.ParcelAreaMu > 0 && math.Abs(c.ParcelAreaMu-x.AreaMu()) > recutTolMu:
		k.bad(c, "parcel_area_mu", "parcel %s was re-cut: the contract gives it %.2f mu, the land pool %.2f mu",
			"地块 %s 已重新分割:合同记其面积 %.2f 亩,供地池为 %.2f 亩", c.Parcel, c.ParcelAreaMu, x.AreaMu())
	case x.Status == planner.StatusReserved:
		k.bad(c, "parcel", "parcel %s is land reserved for public facilities and infrastructure (12.5): no project may be signed on it",
			"地块 %s 为公共设施与基础设施预留用地(第 12.5 项):不得在其上签约项目", c.Parcel)
	}
}

// checkHeld checks that contract c's land fits on its parcel x beside the
// land other contracts hold there, and adds it.
func (k *contractCheck) checkHeld(c Contract, x *planner.Parcel) {
	mu := k.areaOf(c)
	held := 0.0
	for _, h := range k.onParcel[c.Parcel] {
		held += h.mu
	}
	if hs := k.onParcel[c.Parcel]; len(hs) > 0 && held+mu > x.AreaMu()+recutTolMu {
		var who, whoZH []string
		for _, h := range hs {
			who = append(who, fmt.Sprintf("%s (%.2f mu)", h.c.Where(), h.mu))
			whoZH = append(whoZH, fmt.Sprintf("%s(%.2f 亩)", h.c.WhereZH(), h.mu))
		}
		sort.Strings(who)
		sort.Strings(whoZH)
		k.bad(c, "parcel", "two contracts on the same land: parcel %[1]s (%.2[2]f mu) already holds %[3]s; %.2[5]f mu more does not fit",
			"同一土地上有两份合同:地块 %[1]s(%.2[2]f 亩)已有 %[4]s;再容纳 %.2[5]f 亩放不下", c.Parcel, x.AreaMu(), joinList(who), strings.Join(whoZH, "、"), mu)
	}
	k.onParcel[c.Parcel] = append(k.onParcel[c.Parcel], contractHold{c, mu})
}

func joinList(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}

// ContractsFrom makes contracts of a stored plan's allocations: all of
// them, or those of the proposals named (each must be placed by the plan,
// else an error names it). The parcels give each contract's parcel shape.
func ContractsFrom(p *Plan, proposals []string, parcels []planner.Parcel, signed string) ([]Contract, error) {
	px := make(map[string]*planner.Parcel, len(parcels))
	for i := range parcels {
		px[parcels[i].ID] = &parcels[i]
	}
	want, only := map[string]bool{}, map[string]bool{}
	for _, id := range proposals {
		want[id], only[id] = true, true
	}
	var out []Contract
	for _, a := range p.Allocations {
		if len(only) > 0 && !only[a.Proposal] {
			continue
		}
		delete(want, a.Proposal)
		c := Contract{Proposal: a.Proposal, Parcel: a.Parcel, Year: a.Year, AreaMu: a.AreaMu, Signed: signed, Plan: p.ID, Source: "adopt"}
		if c.Year == 0 {
			if y, err := yearOf(p.AsOf); err == nil {
				c.Year = y
			}
		}
		if x := px[a.Parcel]; x != nil {
			c.ParcelShape = ParcelShapeSHA256(*x)
		}
		out = append(out, c)
	}
	if len(want) > 0 {
		var ds []planner.Diagnostic
		for _, id := range proposals {
			if want[id] {
				ds = append(ds, planner.Diagnostic{Severity: planner.SeverityError, Code: "contract.not_placed", Location: "--proposal " + id, ID: id,
					Message:   fmt.Sprintf("plan %s does not place proposal %s: only its allocations can be adopted", p.ID, id),
					MessageZH: fmt.Sprintf("方案 %s 未安排项目 %s:只能采纳方案中的安排", p.ID, id)})
				delete(want, id)
			}
		}
		return nil, &planner.Error{Kind: planner.KindInvalid, Msg: "adopt: proposals the plan does not place: nothing stored",
			MsgZH: "采纳:方案未安排所列项目:未保存任何内容", Diagnostics: ds}
	}
	return out, nil
}

func yearOf(date string) (int, error) {
	var y int
	_, err := fmt.Sscanf(date, "%4d", &y)
	return y, err
}

// contractYear is the year a run fixes a contract in: its own year
// within the programme's horizon, else the nearest year of the horizon
// (an earlier contract in the planning year, a later one in the last).
func contractYear(prof *policy.Profile, c Contract) int {
	ys := prof.HorizonYears()
	switch {
	case c.Year == 0 || c.Year < ys[0]:
		return ys[0]
	case c.Year > ys[len(ys)-1]:
		return ys[len(ys)-1]
	}
	return c.Year
}
