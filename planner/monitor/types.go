package monitor

// Performance is one enterprise's figures on one awarded parcel for one
// year (履约监管年度数据). Money in 万元.
type Performance struct {
	// Project is the id of the proposal the land was awarded to and
	// Parcel the parcel; Enterprise names the enterprise (the project's
	// name when the row gives none).
	Project    string `json:"project"`
	Parcel     string `json:"parcel"`
	Enterprise string `json:"enterprise"`
	Year       int    `json:"year"`
	// Output is the year's output (sales), Tax the tax paid in the year
	// and Investment the fixed-asset investment to date.
	Output     float64 `json:"output"`
	Tax        float64 `json:"tax"`
	Investment float64 `json:"investment"`
	Jobs       int     `json:"jobs"`
	// EnergyTCE is the year's energy use, tonnes of standard coal.
	EnergyTCE float64 `json:"energy_tce"`
	// FloorAreaM2 is the floor area built to date, m².
	FloorAreaM2 float64 `json:"floor_area_m2"`
	// Started, Completed and HaltedSince are the dates construction
	// started, was completed and halted (YYYY-MM-DD), "" when not (yet).
	Started     string `json:"started,omitempty"`
	Completed   string `json:"completed,omitempty"`
	HaltedSince string `json:"halted_since,omitempty"`
	// GovernmentDelay marks a delay caused by government action or
	// defaults (令第53号 art. 8): the land is not treated as idle land to
	// charge or take back.
	GovernmentDelay bool `json:"government_delay,omitempty"`
	// Row is the row of the input file the figures were read from (the
	// header being row 1), for messages; 0 when not read from a file.
	Row int `json:"-"`
}

// Key identifies the award a row belongs to: "PROJECT@PARCEL".
func (r Performance) Key() string { return r.Project + "@" + r.Parcel }

// The states of a check.
const (
	CheckMet    = "met"     // 已履约
	CheckMissed = "missed"  // 未履约
	CheckNotDue = "not_due" // 未到期
)

// The checks of a covenant.
const (
	CheckStart      = "start"      // 动工
	CheckCompletion = "completion" // 竣工
	CheckProduction = "production" // 达产复核
)

// The idle-land states under 令第53号.
const (
	IdleNone      = ""          // not idle
	IdleFound     = "idle"      // idle, the fee not yet due
	IdleFee       = "idle_fee"  // idle one year: the idle fee
	IdleRecovery  = "recovery"  // idle two years: taken back without compensation
	IdleException = "exception" // idle by the dates, but the delay is the government's (art. 8)
)

// The statuses of a register entry, the most serious first.
const (
	StatusRecovery    = "recovery"    // 无偿收回
	StatusIdleFee     = "idle_fee"    // 征缴土地闲置费
	StatusIdle        = "idle"        // 闲置(未满征费年限)
	StatusException   = "exception"   // 政府原因造成的闲置(第八条)
	StatusInefficient = "inefficient" // 低效用地
	StatusBreach      = "breach"      // 未履约
	StatusNoData      = "no_data"     // 无监管数据
	StatusOK          = "ok"          // 履约正常
)

// statusOrder ranks the statuses, most serious first.
var statusOrder = []string{StatusRecovery, StatusIdleFee, StatusIdle, StatusException, StatusInefficient, StatusBreach, StatusNoData, StatusOK}

// Commitment is one indicator the covenant commits the enterprise to.
type Commitment struct {
	// Name is investment_per_mu, output_per_mu, tax_per_mu or plot_ratio.
	Name string `json:"name"`
	Unit string `json:"unit"`
	// Committed is the enterprise's own figure (its proposal over the
	// land planned for it); Threshold the standard-land threshold of the
	// industry and zone (0 = none), Source where it comes from; Required
	// what a check asks: the threshold, and at least commitment_share of
	// the committed figure.
	Committed float64 `json:"committed"`
	Threshold float64 `json:"threshold"`
	Source    string  `json:"source,omitempty"`
	Required  float64 `json:"required"`
}

// Covenant is the standard-land covenant of one allocation.
type Covenant struct {
	Plan         string  `json:"plan"`
	Project      string  `json:"project"`
	ProjectName  string  `json:"project_name,omitempty"`
	Parcel       string  `json:"parcel"`
	Zone         string  `json:"zone,omitempty"`
	Industry     string  `json:"industry"`
	AreaMu       float64 `json:"area_mu"`
	SupplyMode   string  `json:"supply_mode"`
	TermText     string  `json:"term_text"`
	TermTextZH   string  `json:"term_text_zh"`
	PriceYuan    float64 `json:"price_yuan"`
	Stock        bool    `json:"stock,omitempty"`
	FloorAreaM2  float64 `json:"floor_area_m2"`
	InvestmentWY float64 `json:"investment"`
	// Delivered is the date the land is free for the project (the plan's
	// start_from); StartBy and CompleteBy the agreed start and
	// completion; Checks the dates of the checks at full production, the
	// first and the later ones.
	Delivered  string   `json:"delivered"`
	StartBy    string   `json:"start_by"`
	CompleteBy string   `json:"complete_by"`
	Checks     []string `json:"checks"`
	// Indicators are the committed indicators.
	Indicators []Commitment `json:"indicators"`
	// FeeDue and RecoveryDue are the dates from which, not started, the
	// land is charged the idle fee and taken back (令第53号, counted from
	// StartBy); FeeShare the fee as a share of the price; FeeYuan the fee.
	FeeDue      string  `json:"fee_due"`
	RecoveryDue string  `json:"recovery_due"`
	FeeShare    float64 `json:"fee_share"`
	FeeYuan     float64 `json:"fee_yuan"`
}

// Check is one covenant check at the monitoring date.
type Check struct {
	Name  string `json:"name"`
	Due   string `json:"due"`
	State string `json:"state"`
	// Done is the date the start or completion happened ("" for none).
	Done string `json:"done,omitempty"`
	// Indicators are the indicator checks of a production check.
	Indicators []IndicatorCheck `json:"indicators,omitempty"`
}

// IndicatorCheck is one committed indicator against what was achieved.
type IndicatorCheck struct {
	Name     string  `json:"name"`
	Achieved float64 `json:"achieved"`
	Required float64 `json:"required"`
	Met      bool    `json:"met"`
}

// IndicatorScore is one indicator of an enterprise's evaluation.
type IndicatorScore struct {
	Name      string  `json:"name"`
	Value     float64 `json:"value"`
	Benchmark float64 `json:"benchmark"`
	Weight    float64 `json:"weight"`
	// Score is Value ÷ Benchmark × Weight.
	Score float64 `json:"score"`
}

// Evaluation is one enterprise's per-亩 evaluation of one year.
type Evaluation struct {
	Year       int      `json:"year"`
	Enterprise string   `json:"enterprise"`
	Projects   []string `json:"projects"`
	// AreaMu is the land the enterprise holds on its awarded parcels.
	AreaMu    float64          `json:"area_mu"`
	Breakdown []IndicatorScore `json:"breakdown"`
	Score     float64          `json:"score"`
	// Rank is 1 + the number of enterprises scoring strictly higher;
	// Class follows from it by monitor.class_bounds.
	Rank  int    `json:"rank"`
	Class string `json:"class"`
}

// YearClass is an enterprise's class in one year.
type YearClass struct {
	Year  int    `json:"year"`
	Class string `json:"class"`
}

// Entry is one awarded parcel in the monitoring register.
type Entry struct {
	Covenant
	// Enterprise is the enterprise holding the award; Year the year of
	// the performance row used (0 when none).
	Enterprise string `json:"enterprise"`
	Year       int    `json:"year"`
	// Checks are the covenant's checks at the monitoring date.
	Checks []Check `json:"checks"`
	// Idle is the state under 令第53号 (IdleNone …), with the dates.
	Idle        string  `json:"idle,omitempty"`
	IdleFrom    string  `json:"idle_from,omitempty"`
	IdleFeeDue  string  `json:"idle_fee_due,omitempty"`
	IdleFeeYuan float64 `json:"idle_fee_yuan,omitempty"`
	RecoverDue  string  `json:"recovery_due_at,omitempty"`
	// Class is the enterprise's class of the year, History its classes
	// by year; Inefficient is set when the profile's rule holds.
	Class       string      `json:"class,omitempty"`
	Score       float64     `json:"score,omitempty"`
	History     []YearClass `json:"history,omitempty"`
	Inefficient bool        `json:"inefficient,omitempty"`
	// Status is the most serious finding; Next the next deadline or check
	// date after the monitoring date ("" when none).
	Status string `json:"status"`
	Next   string `json:"next,omitempty"`
	// Shared is set when the parcel carries other awards too: the
	// findings are not fed into the land pool for the whole parcel.
	Shared bool `json:"shared,omitempty"`
	// Route and FreeFrom are, for land the findings make stock land, the
	// disposal route that frees it (收回 for idle land, the profile's
	// route for inefficient land) and the date it is free, as the rules
	// give them at the monitoring date; a plan made later reckons them at
	// its own date.
	Route    string `json:"route,omitempty"`
	FreeFrom string `json:"free_from,omitempty"`
}

// Register is the monitoring of every award of a plan at a date.
type Register struct {
	Plan string `json:"plan"`
	// AsOf is the monitoring date and Year the performance year used.
	AsOf        string       `json:"as_of"`
	Year        int          `json:"year"`
	Entries     []Entry      `json:"entries"`
	Evaluations []Evaluation `json:"evaluations"`
	// Counts counts the entries per status.
	Counts map[string]int `json:"counts"`
}
