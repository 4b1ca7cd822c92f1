package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// CSVColumns are the columns of the allocation table: key, English and
// Chinese header.
var CSVColumns = [][3]string{
	{"proposal", "proposal", "项目编号"},
	{"name", "name", "项目名称"},
	{"parcel", "parcel", "宗地编号"},
	{"lot", "lot", "宗地分割编号"},
	{"zone", "zone", "园区"},
	{"area_mu", "area_mu", "用地面积(亩)"},
	{"supply_mode", "supply_mode", "供地方式"},
	{"term_years", "term_years", "年期(年)"},
	{"price_yuan", "price_yuan", "出让价款(元)"},
	{"annual_rent_yuan", "annual_rent_yuan", "年租金(元)"},
	{"facility_mu", "facility_mu", "配套设施用地(亩)"},
	{"dormitory_mu", "dormitory_mu", "宿舍用地(亩)"},
	{"score", "score", "评分"},
	{"value", "value", "目标贡献值"},
	{"reasons", "reasons", "主要理由"},
	{"lease_years", "lease_years", "租赁年期(年)"},
	{"transfer_years", "transfer_years", "出让年期(年)"},
	{"term_text", "term_text", "供地方式及年期"},
	{"route", "route", "存量土地处置方式"},
	{"free_from", "free_from", "土地腾空可供日期"},
	{"year", "year", "供地年度"},
	{"signed", "signed", "已签合同"},
	{"phase_years", "phase_years", "各期供地年度"},
}

// mainReasons is how many of an allocation's reasons the CSV joins.
const mainReasons = 4

// WriteCSV writes the plan's allocation table, one row per allocation, as
// Excel opens it without asking: UTF-8 with a byte-order mark, CRLF line
// ends. Headers and supply modes are in Chinese for LangZH; the reasons
// column joins the first reasons' messages in lang with "; ". The term is
// shown with every part: term_years is the whole term, lease_years and
// transfer_years its parts (empty for a part the tenure does not have; a
// phased supply's are phase 1's), term_text the mode and term in words in
// lang (a phased supply's names every phase with its own mode, term, year
// and area); on stock land route is the disposal route (recovery,
// acquisition, negotiated; 收回, 收购储备, 协议腾退 for LangZH) and
// free_from the date the land is free; year is the year the land is
// supplied (a programme decides it per allocation; a phased supply's,
// phase 1's), signed marks the allocations under a signed contract and
// phase_years lists the year each phase of a phased supply is released,
// in phase order joined with ";" (empty for any other supply).
func WriteCSV(w io.Writer, p *plan.Plan, lang policy.Lang) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("\ufeff")
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	head := make([]string, len(CSVColumns))
	for i, c := range CSVColumns {
		head[i] = c[1]
		if lang == policy.LangZH {
			head[i] = c[2]
		}
	}
	if err := cw.Write(head); err != nil {
		return fmt.Errorf("export: writing CSV: %w", err)
	}
	for i := range p.Allocations {
		a := &p.Allocations[i]
		if err := cw.Write(csvRecord(a, lang)); err != nil {
			return fmt.Errorf("export: writing CSV row of %s: %w", a.Proposal, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export: writing CSV: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: writing CSV: %w", err)
	}
	return nil
}

// csvRecord is the row of the allocation table for a, in the order of
// CSVColumns: text cells through SafeCell, numbers as the project writes
// them.
func csvRecord(a *plan.Allocation, lang policy.Lang) []string {
	mode := a.SupplyMode
	if lang == policy.LangZH {
		mode = categoryLabel(mode, lang)
	}
	route := a.Route
	if lang == policy.LangZH {
		route = routeText(route, lang)
	}
	lease, transfer := allocationParts(a)
	// Text cells pass through SafeCell; numbers are written by us
	// and stay numbers.
	rec := []string{SafeCell(a.Proposal), SafeCell(a.ProposalName), SafeCell(a.Parcel), SafeCell(a.Lot), SafeCell(a.Zone),
		num(a.AreaMu, 4), SafeCell(mode), strconv.Itoa(a.TermYears), num(a.PriceYuan, 2), num(a.AnnualRentYuan, 2),
		num(a.FacilityMu, 4), num(a.DormitoryMu, 4), num(a.Score, 6), num(a.Value, 6),
		SafeCell(reasonsText(a.Reasons, lang, mainReasons, "; ")),
		intOrEmpty(lease), intOrEmpty(transfer), SafeCell(allocationTerm(a, lang)), SafeCell(route), SafeCell(a.FreeFrom),
		intOrEmpty(a.Year), SafeCell(signedText(a.Signed, lang)), phaseYears(a)}
	return rec
}

// phaseYears is the phase_years cell: the year each phase of a phased
// supply is released, in phase order joined with ";"; empty for any
// other supply.
func phaseYears(a *plan.Allocation) string {
	ys := make([]string, len(a.Phases))
	for i, ph := range a.Phases {
		ys[i] = strconv.Itoa(ph.Year)
	}
	return strings.Join(ys, ";")
}

// signedText is the signed column: "yes"/"是" for an allocation under a
// signed contract, else empty.
func signedText(signed bool, lang policy.Lang) string {
	if !signed {
		return ""
	}
	return tr(lang, "yes", "是")
}

// SafeCell neutralises a text cell that a spreadsheet would read as a
// formula (OWASP, "CSV Injection"): a value starting with =, +, -, @, a
// tab or a carriage return gets a leading apostrophe, which Excel, WPS
// and LibreOffice show as text and do not evaluate. Every text cell of
// every CSV or spreadsheet the project writes goes through it; numbers
// the project formats itself are written as they are and stay numbers.
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

func num(x float64, decimals int) string {
	return strconv.FormatFloat(round(x, decimals), 'f', -1, 64)
}

// reasonMessage returns a reason's message in lang, falling back to the
// other language.
func reasonMessage(r planner.Reason, lang policy.Lang) string {
	if lang == policy.LangZH && r.MessageZH != "" {
		return r.MessageZH
	}
	if r.Message == "" {
		return r.MessageZH
	}
	return r.Message
}

// reasonsText joins the messages of the first n reasons (all for n ≤ 0),
// each prefixed by its clause.
func reasonsText(rs []planner.Reason, lang policy.Lang, n int, sep string) string {
	var out []string
	for i, r := range rs {
		if n > 0 && i >= n {
			break
		}
		msg := reasonMessage(r, lang)
		switch {
		case r.Clause == "":
		case lang == policy.LangZH:
			msg = "[" + planner.ClauseZH(r.Clause) + "] " + msg
		default:
			msg = "[" + r.Clause + "] " + msg
		}
		out = append(out, msg)
	}
	return strings.Join(out, sep)
}
