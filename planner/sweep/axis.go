package sweep

import (
	"cmp"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// MaxPoints is the most points a sweep may have, one axis or the
// grid of two: each point is a whole planning run.
const MaxPoints = 200

// Prefix starts the scenario name of every sweep point.
const Prefix = "sweep:"

// Axis is one swept setting of the policy profile and its values, in the
// order given.
type Axis struct {
	// Key is the setting's dotted key.
	Key string `json:"key"`
	// Values are the setting's values as overrides take them.
	Values []string `json:"values"`
	// Numeric says the setting is a number; X holds the values as
	// numbers then (for tables and charts).
	Numeric bool      `json:"numeric"`
	X       []float64 `json:"x,omitempty"`
}

// ParseAxis reads one --set of a sweep: KEY=FROM:TO:STEP (a numeric
// setting, FROM, FROM+STEP, … up to TO inclusive) or KEY=a,b,c (a list of
// values; a value that is itself a TOML list [..] may hold commas). Every
// value is applied to base and the profile validated, so that a bad sweep
// is refused before anything runs. Errors are KindInvalid and name the
// key: an unknown key, a range with no point or more than
// MaxPoints, a range over a setting that is not a number, a value
// of the wrong type or outside the setting's allowed range.
func ParseAxis(base *policy.Profile, spec string) (Axis, error) {
	key, val, ok := strings.Cut(spec, "=")
	key = strings.TrimSpace(key)
	bad := func(format string, args ...any) error {
		en, zh := fmt.Sprintf(format, args...), formatZH(format, args...)
		return &planner.Error{Kind: planner.KindInvalid, Msg: fmt.Sprintf("sweep --set %s: ", spec) + en,
			MsgZH:       fmt.Sprintf("sweep --set %s：", spec) + zh,
			Diagnostics: []planner.Diagnostic{{Severity: planner.SeverityError, Code: "sweep.set", Property: key, Message: en, MessageZH: zh}}}
	}
	if !ok || key == "" || strings.TrimSpace(val) == "" {
		return Axis{}, bad("want KEY=FROM:TO:STEP or KEY=a,b,c")
	}
	val = strings.TrimSpace(val)
	ax := Axis{Key: key}
	kind, err := settingKind(base, key)
	if err != nil {
		return Axis{}, bad("%s", both{strings.TrimPrefix(err.Error(), "policy: "), strings.TrimPrefix(policy.MessageZH(err), "政策配置：")})
	}
	ax.Numeric = kind == reflect.Float64 || kind == reflect.Int
	if parts := strings.Split(val, ":"); len(parts) == 3 && !strings.HasPrefix(val, "[") {
		vals, err := rangeValues(parts, ax.Numeric, kind, key, bad)
		if err != nil {
			return Axis{}, err
		}
		ax.Values = vals
	} else {
		for _, v := range splitList(val) {
			if v = strings.TrimSpace(v); v == "" {
				return Axis{}, bad("an empty value in the list of key %q", key)
			}
			ax.Values = append(ax.Values, v)
		}
	}
	if len(ax.Values) == 0 {
		return Axis{}, bad("no values for key %q", key)
	}
	if len(ax.Values) > MaxPoints {
		return Axis{}, bad("key %q has %d values, more than %d", key, len(ax.Values), MaxPoints)
	}
	if err := ax.check(base, bad); err != nil {
		return Axis{}, err
	}
	return ax, nil
}

// rangeValues are the values of a range FROM:TO:STEP over a numeric
// setting, rounded to the most decimals the range is written with.
func rangeValues(parts []string, numeric bool, kind reflect.Kind, key string, bad func(string, ...any) error) ([]string, error) {
	var f [3]float64
	for i, s := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, bad("%q is not a number (a range is FROM:TO:STEP)", s)
		}
		f[i] = x
	}
	if !numeric {
		return nil, bad("key %q is not a number (it is a %s setting): give its values as a list, %s=a,b", key, kindName(kind), key)
	}
	from, to, step := f[0], f[1], f[2]
	if step == 0 || (to-from)*step < 0 {
		return nil, bad("the range of key %q has no points: STEP %g does not lead from %g to %g", key, step, from, to)
	}
	n := math.Floor((to-from)/step+1e-9) + 1
	if n > MaxPoints {
		return nil, bad("the range of key %q has %.0f points, more than %d", key, n, MaxPoints)
	}
	var vals []string
	dec := max(decimals(parts[0]), decimals(parts[1]), decimals(parts[2]))
	for i := 0; i < int(n); i++ {
		x := from + float64(i)*step
		x = math.Round(x*math.Pow10(dec)) / math.Pow10(dec)
		vals = append(vals, strconv.FormatFloat(x, 'f', -1, 64))
	}
	return vals, nil
}

// check applies every value of the axis to base, so that a bad one is
// refused before anything runs, and reads a numeric axis's values as
// numbers.
func (ax *Axis) check(base *policy.Profile, bad func(string, ...any) error) error {
	for _, v := range ax.Values {
		if _, err := plan.ApplyScenario(base, plan.Scenario{Name: "sweep", Overrides: []string{ax.Key + "=" + v}}); err != nil {
			return bad("value %s of key %q: %s", v, ax.Key, overrideProblem(err))
		}
		if ax.Numeric {
			x, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return bad("value %q of key %q is not a number", v, ax.Key)
			}
			ax.X = append(ax.X, x)
		}
	}
	return nil
}

// overrideProblem is the message of a refused override without the
// scenario's name, in English and in Chinese.
func overrideProblem(err error) both {
	var ms, zh []string
	if pe, ok := err.(*planner.Error); ok && len(pe.Diagnostics) > 0 {
		for _, d := range pe.Diagnostics {
			if d.Severity == planner.SeverityError {
				ms = append(ms, d.Message)
				zh = append(zh, cmp.Or(d.MessageZH, d.Message))
			}
		}
		return both{strings.Join(ms, "; "), strings.Join(zh, "；")}
	}
	s := err.Error()
	if i := strings.Index(s, "policy: "); i >= 0 {
		s = s[i+len("policy: "):]
	}
	return both{s, strings.TrimPrefix(policy.MessageZH(err), "政策配置：")}
}

// settingKind is the kind of a setting's value; an unknown key is an
// error naming the nearest keys. A key that names a new entry of a map
// (a zone cap, a later year's quota) has the kind of that map's values.
func settingKind(base *policy.Profile, key string) (reflect.Kind, error) {
	for _, s := range base.Settings() {
		if s.Key == key {
			return reflect.ValueOf(s.Value).Kind(), nil
		}
	}
	probe := base.Clone()
	for _, v := range []string{"0", "false", `""`, "[]"} {
		if err := probe.Set(key, v); err == nil {
			for _, s := range probe.Settings() {
				if s.Key == key {
					return reflect.ValueOf(s.Value).Kind(), nil
				}
			}
		} else if strings.Contains(err.Error(), "unknown key") || strings.Contains(err.Error(), "is a table") {
			return reflect.Invalid, err
		}
	}
	return reflect.Invalid, policy.ErrorBoth("unknown key %q", "未知的键 %q", key)
}

func kindName(k reflect.Kind) string {
	switch k {
	case reflect.Bool:
		return "true/false"
	case reflect.String:
		return "text"
	case reflect.Slice:
		return "list"
	}
	return k.String()
}

// decimals counts the digits after the decimal point of a number as
// written.
func decimals(s string) int {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "eE") {
		return 9
	}
	if _, frac, ok := strings.Cut(s, "."); ok {
		return len(frac)
	}
	return 0
}

// splitList splits a,b,c at the commas outside brackets and quotes.
func splitList(s string) []string {
	var out []string
	depth, quote, start := 0, rune(0), 0
	for i, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '[':
			depth++
		case r == ']':
			depth--
		case r == ',' && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// Point is one point of a sweep: its scenario (the base scenario's
// overrides, then one override per axis) and its place on the axes.
type Point struct {
	// Index is the point's position in the run order.
	Index int `json:"index"`
	// At holds the index into each axis's values.
	At []int `json:"at"`
	// Set are the point's own overrides, one per axis.
	Set []string `json:"set"`
	// Scenario is the scenario the point's plan is made under; its name
	// is ScenarioName.
	Scenario plan.Scenario `json:"scenario"`
}

// ScenarioName names a point's scenario: "sweep:" then the base
// scenario's name and "+" when there is one, then the point's overrides
// joined by ",": "sweep:quota.new_land_mu=1200",
// "sweep:cap7+quota.new_land_mu=1200,stock.first=true".
func ScenarioName(base string, set []string) string {
	n := Prefix
	if base != "" {
		n += base + "+"
	}
	return n + strings.Join(set, ",")
}

// Points lists the points of one axis or the grid of two, in the
// order they are run: along the first axis, and for a grid back and forth
// (the second axis's value changes by one step between rows and the first
// axis runs the other way), so that each point's neighbour in the run
// differs from it by one step of one setting. At most MaxPoints.
func Points(base plan.Scenario, axes []Axis) ([]Point, error) {
	switch {
	case len(axes) == 0 || len(axes) > 2:
		return nil, planner.ErrorfZH(planner.KindInvalid, "sweep: give one or two --set KEY=..., not %d", "sweep：请给出一个或两个 --set 键=...，而不是 %d 个", len(axes))
	case len(axes) == 2 && axes[0].Key == axes[1].Key:
		return nil, planner.ErrorfZH(planner.KindInvalid, "sweep: key %q is given twice", "sweep：键 %q 给出了两次", axes[0].Key)
	}
	rows := 1
	if len(axes) == 2 {
		rows = len(axes[1].Values)
	}
	if n := len(axes[0].Values) * rows; n > MaxPoints {
		return nil, planner.ErrorfZH(planner.KindInvalid, "sweep: %s × %s make %d points, more than %d", "sweep：%s × %s 共 %d 个取值点，超过 %d 个", axes[0].Key, axes[1].Key, n, MaxPoints)
	}
	var out []Point
	for r := 0; r < rows; r++ {
		for c := range axes[0].Values {
			i := c
			if r%2 == 1 {
				i = len(axes[0].Values) - 1 - c
			}
			at := []int{i}
			set := []string{axes[0].Key + "=" + axes[0].Values[i]}
			if len(axes) == 2 {
				at = append(at, r)
				set = append(set, axes[1].Key+"="+axes[1].Values[r])
			}
			ovs := append(append([]string{}, base.Overrides...), set...)
			out = append(out, Point{Index: len(out), At: at, Set: set,
				Scenario: plan.Scenario{Name: ScenarioName(base.Name, set), Overrides: ovs}})
		}
	}
	return out, nil
}

// ValueZH shows one value of a swept setting in Chinese as `policy show
// --lang zh` does (true as 是, a measure by its Chinese name, a number as
// it is); a value the setting does not take is shown as given.
func (ax Axis) ValueZH(v string) string {
	q := policy.Default()
	if err := q.Set(ax.Key, v); err != nil {
		return v
	}
	for _, s := range q.Settings() {
		if s.Key == ax.Key {
			return q.ValueTextZH(ax.Key, s.Value)
		}
	}
	return v
}
