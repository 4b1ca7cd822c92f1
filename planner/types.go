package planner

import (
	"fmt"

	"github.com/paulmach/orb"
)

// SquareMetresPerMu is the area of one 亩 (mu) in square metres: 10000/15.
const SquareMetresPerMu = 10000.0 / 15.0

// MuPerHectare is the number of 亩 in one hectare (公顷).
const MuPerHectare = 15.0

// Status is the state of a parcel in the land pool (docs/product.md, "Parcels").
type Status string

// The parcel statuses.
const (
	StatusNew         Status = "new"         // 新增: new construction land, uses the year's quota
	StatusIdle        Status = "idle"        // 闲置: idle land, stock supply
	StatusInefficient Status = "inefficient" // 低效: inefficient land, stock supply
	StatusOccupied    Status = "occupied"    // 在用: in use, not available
	StatusReserved    Status = "reserved"    // 公共配套: public facilities / infrastructure, never allocated
)

// Statuses lists every valid status in a fixed order.
var Statuses = []Status{StatusNew, StatusIdle, StatusInefficient, StatusOccupied, StatusReserved}

// ParseStatus returns the status named by s, or an error for an unknown one.
func ParseStatus(s string) (Status, error) {
	for _, st := range Statuses {
		if string(st) == s {
			return st, nil
		}
	}
	return "", fmt.Errorf("unknown status %q (want one of new, idle, inefficient, occupied, reserved)", s)
}

// NameZH returns the status as Chinese land records name it: 新增, 闲置,
// 低效, 在用 or 公共配套.
func (s Status) NameZH() string {
	switch s {
	case StatusNew:
		return "新增"
	case StatusIdle:
		return "闲置"
	case StatusInefficient:
		return "低效"
	case StatusOccupied:
		return "在用"
	case StatusReserved:
		return "公共配套"
	}
	return string(s)
}

// IsStock reports whether land of this status is stock land (idle or
// inefficient), which does not consume the new-construction-land quota.
func (s Status) IsStock() bool { return s == StatusIdle || s == StatusInefficient }

// Parcel is one parcel (宗地) of the land pool. Geometry is in longitude and
// latitude degrees (CGCS2000, treated as WGS84 at this scale). Optional
// numbers are nil when the input did not give them.
type Parcel struct {
	ID      string `json:"id"`
	Zone    string `json:"zone,omitempty"`
	LandUse string `json:"land_use"` // planned use code as given (see ParseLandUse)
	Status  Status `json:"status"`

	MinPlotRatio *float64 `json:"min_plot_ratio,omitempty"`
	MaxPlotRatio *float64 `json:"max_plot_ratio,omitempty"`
	Serviced     *bool    `json:"serviced,omitempty"`
	Price        *float64 `json:"price,omitempty"` // benchmark 50-year industrial transfer price, 元/m²

	AgreedStart    string   `json:"agreed_start,omitempty"` // YYYY-MM-DD, "" when absent
	HaltedSince    string   `json:"halted_since,omitempty"` // YYYY-MM-DD, "" when absent
	DevelopedShare *float64 `json:"developed_share,omitempty"`
	InvestedShare  *float64 `json:"invested_share,omitempty"`

	CurrentPlotRatio *float64 `json:"current_plot_ratio,omitempty"`
	CurrentTaxPerMu  *float64 `json:"current_tax_per_mu,omitempty"` // 万元/亩

	// EvaluationClass is the class (A–D) of the latest per-亩 evaluation
	// (亩均效益评价) of the enterprise on the parcel, "" when none, and
	// ClassYears how many years running it has held that class (0 when
	// not given): the profile's monitor.inefficient_class held
	// monitor.inefficient_years running makes the land inefficient.
	EvaluationClass string `json:"evaluation_class,omitempty"`
	ClassYears      int    `json:"class_years,omitempty"`

	// Geometry is the parcel boundary in lon/lat degrees.
	Geometry orb.MultiPolygon `json:"-"`
	// AreaM2 is the ellipsoid area of Geometry on the CGCS2000 ellipsoid, m².
	AreaM2 float64 `json:"area_m2"`
	// Extra holds the input properties landplan does not know; they are
	// kept and carried to the exports.
	Extra map[string]any `json:"extra,omitempty"`
}

// AreaMu returns the parcel's area in 亩.
func (p Parcel) AreaMu() float64 { return p.AreaM2 / SquareMetresPerMu }

// Proposal is one enterprise project proposal (docs/product.md, "Proposals"). Money is in 万元.
type Proposal struct {
	ID       string `json:"id"`
	Name     string `json:"name,omitempty"`
	Industry string `json:"industry"`
	// LandClass is the industrial land class the project needs (1, 2 or 3);
	// 0 when the input did not say.
	LandClass int     `json:"land_class,omitempty"`
	AreaMu    float64 `json:"area_mu"`
	MinAreaMu float64 `json:"min_area_mu"` // defaults to AreaMu
	Phases    int     `json:"phases"`      // defaults to 1
	// Phase1Share is the share of the area phase 1 needs; 1 when Phases is 1
	// and the input did not say.
	Phase1Share float64 `json:"phase1_share"`

	Investment float64 `json:"investment"` // fixed-asset investment, 万元
	Output     float64 `json:"output"`     // annual output value at full production, 万元
	Tax        float64 `json:"tax"`        // annual tax, 万元
	Jobs       int     `json:"jobs"`

	RDShare          *float64 `json:"rd_share,omitempty"`
	PlotRatio        *float64 `json:"plot_ratio,omitempty"`
	BuildingCoverage *float64 `json:"building_coverage,omitempty"`
	FacilityShare    *float64 `json:"facility_share,omitempty"`
	DormitoryShare   *float64 `json:"dormitory_share,omitempty"`
	LifecycleYears   *float64 `json:"lifecycle_years,omitempty"`

	EnterpriseTypes []string `json:"enterprise_type,omitempty"` // large, sme, startup, high_tech, specialized, gazelle, unicorn
	PreferredZone   string   `json:"preferred_zone,omitempty"`

	// RequestedMode is the supply mode the enterprise asks for (12.3,
	// 企业实际需求), one of SupplyModes; "" when it asks for none.
	RequestedMode string `json:"requested_mode,omitempty"`
	// RequestedTermYears is the term it asks for, whole years, at most
	// the statutory 50; nil when it asks for none.
	RequestedTermYears *int `json:"requested_term_years,omitempty"`
	// FloorAreaM2 is the project's planned total floor area and
	// FacilityFloorAreaM2 the floor area of its office and living
	// facilities, m² (clause 13); nil when not given.
	FloorAreaM2         *float64 `json:"floor_area_m2,omitempty"`
	FacilityFloorAreaM2 *float64 `json:"facility_floor_area_m2,omitempty"`
	// EarliestYear is the first year the project can take land; 0 when
	// not given.
	EarliestYear int `json:"earliest_year,omitempty"`
	// Enterprise names the enterprise behind the project (企业名称), ""
	// when not given; EvaluationClass is that enterprise's latest class in
	// the per-亩 evaluation of its awarded land, filled in from the
	// monitoring when the profile's monitor.class_in_score is on, "" when
	// none.
	Enterprise      string `json:"enterprise,omitempty"`
	EvaluationClass string `json:"evaluation_class,omitempty"`
}

// The supply modes (docs/product.md, "The plan", supply_mode; 12.3).
const (
	ModeFlexibleTerm      = "flexible_term"       // 弹性年期出让
	ModeLeaseThenTransfer = "lease_then_transfer" // 先租后让
	ModePhased            = "phased"              // 分期供地
	ModeLongLease         = "long_lease"          // 长期租赁
	ModeTransfer          = "transfer"            // 出让 (the ordinary 50-year transfer)
)

// SupplyModes lists the supply modes in a fixed order.
var SupplyModes = []string{ModeFlexibleTerm, ModeLeaseThenTransfer, ModePhased, ModeLongLease, ModeTransfer}

// StatutoryMaxTermYears is the statutory maximum term of industrial land.
const StatutoryMaxTermYears = 50

// SupplyModeNameZH returns the Chinese name of a supply mode: 弹性年期出让,
// 先租后让, 分期供地, 长期租赁 or 出让; the mode itself when unknown.
func SupplyModeNameZH(m string) string {
	switch m {
	case ModeFlexibleTerm:
		return "弹性年期出让"
	case ModeLeaseThenTransfer:
		return "先租后让"
	case ModePhased:
		return "分期供地"
	case ModeLongLease:
		return "长期租赁"
	case ModeTransfer:
		return "出让"
	}
	return m
}

// ParseSupplyMode reads a supply mode given by its key (flexible_term,
// lease_then_transfer, phased, long_lease, transfer) or its Chinese name
// (弹性年期出让, 先租后让, 分期供地, 长期租赁, 出让); an unknown mode is an
// error listing the valid ones.
func ParseSupplyMode(s string) (string, error) {
	for _, m := range SupplyModes {
		if s == m || s == SupplyModeNameZH(m) {
			return m, nil
		}
	}
	return "", fmt.Errorf("unknown supply mode %q (want one of flexible_term 弹性年期出让, lease_then_transfer 先租后让, phased 分期供地, long_lease 长期租赁, transfer 出让)", s)
}

// EnterpriseTypeNames lists the valid enterprise types (clause 5).
var EnterpriseTypeNames = []string{"large", "sme", "startup", "high_tech", "specialized", "gazelle", "unicorn"}

// HasType reports whether the proposal's enterprise types include t.
func (p Proposal) HasType(t string) bool {
	for _, x := range p.EnterpriseTypes {
		if x == t {
			return true
		}
	}
	return false
}
