package policy

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/landplan/landplan/planner"
)

// leaf is one effective setting: its dotted key, its pattern (map keys
// replaced by "*") and its value.
type leaf struct {
	key, pattern string
	value        reflect.Value
}

// leaves lists every setting of p in a fixed order: struct fields in
// declaration order, map keys sorted.
func (p *Profile) leaves() []leaf {
	var out []leaf
	walk(reflect.ValueOf(p).Elem(), "", "", &out)
	return out
}

func walk(v reflect.Value, key, pattern string, out *[]leaf) {
	join := func(a, b string) string {
		if a == "" {
			return b
		}
		return a + "." + b
	}
	switch v.Kind() {
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			name := tomlName(f)
			if name == "" {
				continue
			}
			walk(v.Field(i), join(key, name), join(pattern, name), out)
		}
	case reflect.Map:
		keys := make([]string, 0, v.Len())
		for _, k := range v.MapKeys() {
			keys = append(keys, k.String())
		}
		sort.Strings(keys)
		for _, k := range keys {
			walk(v.MapIndex(reflect.ValueOf(k)), join(key, k), join(pattern, "*"), out)
		}
	default:
		*out = append(*out, leaf{key: key, pattern: pattern, value: v})
	}
}

// tomlName returns the TOML key of an exported struct field, or "".
func tomlName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
	if name == "-" || name == "" {
		return ""
	}
	return name
}

// Keys returns the dotted key of every setting of the profile, in the
// order of Settings.
func (p *Profile) Keys() []string {
	ls := p.leaves()
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.key
	}
	return out
}

// Set changes one setting given by its dotted key, e.g.
// "facility.raised_cap" = "0.07", "stock.first" = "true",
// "facility.eligible_zones" = `["柳州国家高新区"]`,
// "score.weights.output_per_mu" = "0.3",
// "industries.nev.min_plot_ratio" = "0.8".
//
// The value is a TOML value of the setting's type; a string setting also
// takes the bare text (over_cap=trim, plan.as_of=2026-06-30) and a list of
// strings a comma-separated list. A key naming an entry of a map (an
// industry, a criterion's weight) that is not there adds it. An unknown
// key is refused with the nearest known names. Set does not validate
// ranges: call Validate (Apply does).
func (p *Profile) Set(key, value string) error {
	path := strings.Split(key, ".")
	for _, s := range path {
		if s == "" {
			return ErrorBoth("policy: key %q: empty segment", "政策配置：键 %q 中有空的一段", key)
		}
	}
	if err := setPath(reflect.ValueOf(p).Elem(), path, value, key); err != nil {
		if _, unknown := err.(unknownKeyError); unknown {
			msg, zh := fmt.Sprintf("policy: unknown key %q", key), fmt.Sprintf("政策配置：未知的键 %q", key)
			if near := nearKeys(p, key); len(near) > 0 {
				msg += "; did you mean " + quoteJoin(near) + "?"
				zh += "；是否想用 " + quoteJoinZH(near) + "？"
			}
			return &textError{en: msg, zh: zh}
		}
		return err
	}
	return nil
}

type unknownKeyError struct{}

func (unknownKeyError) Error() string { return "unknown key" }

func setPath(v reflect.Value, path []string, value, key string) error {
	switch v.Kind() {
	case reflect.Struct:
		if len(path) == 0 {
			return ErrorBoth("policy: key %q is a table; set one of its keys", "政策配置：键 %q 是一个表，请设置其中的某个键", key)
		}
		t := v.Type()
		for i := range t.NumField() {
			if tomlName(t.Field(i)) == path[0] {
				return setPath(v.Field(i), path[1:], value, key)
			}
		}
		return unknownKeyError{}
	case reflect.Map:
		if len(path) == 0 {
			return ErrorBoth("policy: key %q is a table; set one of its keys", "政策配置：键 %q 是一个表，请设置其中的某个键", key)
		}
		if v.IsNil() {
			v.Set(reflect.MakeMap(v.Type()))
		}
		k := reflect.ValueOf(path[0])
		elem := reflect.New(v.Type().Elem()).Elem()
		if old := v.MapIndex(k); old.IsValid() {
			elem.Set(old)
		}
		if err := setPath(elem, path[1:], value, key); err != nil {
			return err
		}
		v.SetMapIndex(k, elem)
		return nil
	}
	if len(path) > 0 {
		return unknownKeyError{}
	}
	nv, err := parseValue(value, v.Type())
	if err != nil {
		return ErrorBoth("policy: key %q: value %q: %w", "政策配置：键 %q 的值 %q 无效：%v", key, value, err)
	}
	v.Set(nv)
	return nil
}

// parseValue reads text as a value of type t.
func parseValue(text string, t reflect.Type) (reflect.Value, error) {
	text = strings.TrimSpace(text)
	var doc map[string]any
	_, perr := toml.Decode("v = "+text, &doc)
	raw, parsed := doc["v"], perr == nil
	switch t.Kind() {
	case reflect.String:
		if s, ok := raw.(string); parsed && ok {
			return reflect.ValueOf(s).Convert(t), nil
		}
		return reflect.ValueOf(text).Convert(t), nil
	case reflect.Slice:
		if !parsed && t.Elem().Kind() == reflect.String {
			out := reflect.MakeSlice(t, 0, 0)
			for _, s := range strings.Split(text, ",") {
				if s = strings.TrimSpace(s); s != "" {
					out = reflect.Append(out, reflect.ValueOf(s))
				}
			}
			return out, nil
		}
	}
	if !parsed {
		return reflect.Value{}, &textError{en: fmt.Sprintf("not a TOML value: %v", perr), zh: wantZH(t)}
	}
	return convert(raw, t)
}

// convert converts a decoded TOML value to type t.
func convert(raw any, t reflect.Type) (reflect.Value, error) {
	switch t.Kind() {
	case reflect.Bool:
		if b, ok := raw.(bool); ok {
			return reflect.ValueOf(b), nil
		}
		return reflect.Value{}, ErrorBoth("want true or false", "应为 true 或 false")
	case reflect.Float64:
		switch x := raw.(type) {
		case float64:
			return reflect.ValueOf(x), nil
		case int64:
			return reflect.ValueOf(float64(x)), nil
		}
		return reflect.Value{}, ErrorBoth("want a number", "应为数字")
	case reflect.Int:
		switch x := raw.(type) {
		case int64:
			return reflect.ValueOf(int(x)), nil
		case float64:
			if x == math.Trunc(x) && math.Abs(x) < 1e9 {
				return reflect.ValueOf(int(x)), nil
			}
		}
		return reflect.Value{}, ErrorBoth("want a whole number", "应为整数")
	case reflect.String:
		if s, ok := raw.(string); ok {
			return reflect.ValueOf(s), nil
		}
		return reflect.Value{}, ErrorBoth("want a string", "应为字符串")
	case reflect.Slice:
		arr, ok := raw.([]any)
		if !ok {
			return reflect.Value{}, ErrorBoth("want a list [...]", "应为列表 [...]")
		}
		out := reflect.MakeSlice(t, 0, len(arr))
		for i, x := range arr {
			e, err := convert(x, t.Elem())
			if err != nil {
				return reflect.Value{}, ErrorBoth("item %d: %w", "第 %d 项：%v", i+1, err)
			}
			out = reflect.Append(out, e)
		}
		return out, nil
	}
	return reflect.Value{}, ErrorBoth("unsupported setting type %s", "不支持的设置类型 %s", t)
}

// Override is one key=value change of a scenario.
type Override struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// String returns "key=value".
func (o Override) String() string { return o.Key + "=" + o.Value }

// ParseOverride parses "key=value" as the command's --set gives it.
func ParseOverride(s string) (Override, error) {
	k, v, ok := strings.Cut(s, "=")
	k = strings.TrimSpace(k)
	if !ok || k == "" {
		return Override{}, ErrorBoth("policy: override %q: want KEY=VALUE, e.g. facility.raised_cap=0.15", "政策配置：覆盖项 %q 应为 键=值，如 facility.raised_cap=0.15", s)
	}
	return Override{Key: k, Value: strings.TrimSpace(v)}, nil
}

// Apply returns a copy of p with the overrides applied in order, then
// validated; p is not changed. Every bad override and every validation
// error is reported in one *planner.Error of kind KindInvalid, each
// diagnostic naming its key.
func (p *Profile) Apply(overrides []Override) (*Profile, error) {
	q := p.Clone()
	var ds []planner.Diagnostic
	for i, o := range overrides {
		if err := q.Set(o.Key, o.Value); err != nil {
			ds = append(ds, planner.Diagnostic{Severity: planner.SeverityError, Code: "policy.override",
				Location: fmt.Sprintf("override %d", i+1), Property: o.Key, Message: strings.TrimPrefix(err.Error(), "policy: "), MessageZH: trimZH(err)})
		}
	}
	if len(ds) > 0 {
		return nil, &planner.Error{Kind: planner.KindInvalid, Msg: "policy overrides refused", MsgZH: "政策覆盖项被拒绝", Diagnostics: ds}
	}
	if vs := q.Validate(); hasErrors(vs) {
		return nil, &planner.Error{Kind: planner.KindInvalid, Msg: "policy overrides give an invalid profile", MsgZH: "政策覆盖项使政策配置无效", Diagnostics: vs}
	}
	return q, nil
}

// nearKeys returns up to five known keys close to an unknown one: keys it
// is a prefix of, keys with the same last segment, and keys within a small
// edit distance.
func nearKeys(p *Profile, key string) []string {
	type cand struct {
		key string
		d   int
	}
	var cs []cand
	last := key[strings.LastIndex(key, ".")+1:]
	limit := max(2, len(key)/4)
	for _, k := range p.Keys() {
		d := levenshtein(key, k)
		switch {
		case strings.HasPrefix(k, key+"."):
			d = 0
		case strings.HasPrefix(k, key) || strings.HasSuffix(k, "."+last) || k == last:
			d = min(d, 1)
		}
		if d <= limit {
			cs = append(cs, cand{k, d})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].d != cs[j].d {
			return cs[i].d < cs[j].d
		}
		return cs[i].key < cs[j].key
	})
	var out []string
	for _, c := range cs {
		if len(out) == 5 {
			break
		}
		out = append(out, c.key)
	}
	return out
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// quoteJoin quotes each string and joins them with ", ".
func quoteJoin(ss []string) string { return strings.Join(quoted(ss), ", ") }

// quoteJoinZH quotes each string and joins them with the Chinese list
// separator 、.
func quoteJoinZH(ss []string) string { return strings.Join(quoted(ss), "、") }

// quoted returns each string quoted.
func quoted(ss []string) []string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return q
}
