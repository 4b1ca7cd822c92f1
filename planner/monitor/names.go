package monitor

// The statuses idle, idle_fee, recovery, exception and no_data are spelt
// as the idle states and the no_data check state, and named with them.

// namesZH gives the Chinese name of every identifier the monitoring shows:
// check names and states, idle-land states, statuses and the committed
// indicators.
var namesZH = map[string]string{
	CheckStart:      "动工",
	CheckCompletion: "竣工",
	CheckProduction: "达产复核",

	CheckMet:    "已履约",
	CheckMissed: "未履约",
	CheckNotDue: "未到期",
	CheckNoData: "无数据",

	IdleFound:     "闲置",
	IdleFee:       "闲置满一年:征缴土地闲置费",
	IdleRecovery:  "闲置满两年:无偿收回",
	IdleException: "政府原因延迟(第八条,不征费不收回)",

	StatusOK:          "履约正常",
	StatusBreach:      "未履约",
	StatusInefficient: "低效用地",

	IndInvestment: "投资强度",
	IndOutput:     "亩均产值",
	IndTax:        "亩均税收",
	IndPlotRatio:  "容积率",
}

// namesEN gives the English name of the same identifiers.
var namesEN = map[string]string{
	CheckStart:      "start",
	CheckCompletion: "completion",
	CheckProduction: "check at full production",

	CheckMet:    "met",
	CheckMissed: "missed",
	CheckNotDue: "not yet due",
	CheckNoData: "no data",

	IdleFound:     "idle",
	IdleFee:       "idle one year: idle fee",
	IdleRecovery:  "idle two years: recovery without compensation",
	IdleException: "government-caused delay (art. 8): no fee, no recovery",

	StatusOK:          "on track",
	StatusBreach:      "breach",
	StatusInefficient: "inefficient land",

	IndInvestment: "investment intensity",
	IndOutput:     "output per mu",
	IndTax:        "tax per mu",
	IndPlotRatio:  "plot ratio",
}

// NameZH returns the Chinese name of a check, check state, idle state,
// status or committed indicator; evaluation indicators by the profile's
// names; the identifier itself when unknown.
func NameZH(id string) string {
	if n, ok := namesZH[id]; ok {
		return n
	}
	return id
}

// NameEN returns the English name of the same identifiers.
func NameEN(id string) string {
	if n, ok := namesEN[id]; ok {
		return n
	}
	return id
}
