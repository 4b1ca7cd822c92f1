package policy

import (
	"regexp"
	"strings"
	"testing"
)

// englishRE finds what a Chinese reader should not see: a dotted or
// snake_case identifier or an ASCII word of three or more lowercase letters.
var englishRE = regexp.MustCompile(`\b[a-z][a-z0-9]*(?:[._][a-z0-9]+)+\b|[a-z]{3,}`)

// TestEverySettingHasAChineseSource fails for each setting of the embedded
// profile without a Chinese source text in sources_zh.go: a key added to
// liuzhou-2022.toml needs one there too.
func TestEverySettingHasAChineseSource(t *testing.T) {
	p := Default()
	for _, s := range p.Settings() {
		src := SourceZH(s.Key)
		if src == "" {
			t.Errorf("setting %s (source %q) has no Chinese source in sources_zh.go", s.Key, s.Source)
			continue
		}
		if m := englishRE.FindString(src); m != "" {
			t.Errorf("setting %s: Chinese source %q holds %q", s.Key, src, m)
		}
	}
}

// TestSettingsInChinese checks that every setting's Chinese label and value
// are free of identifiers (the profile's own name excepted: it is the
// name the user gave the profile).
func TestSettingsInChinese(t *testing.T) {
	p := Default()
	for _, s := range p.Settings() {
		label := p.LabelZH(s.Key)
		if m := englishRE.FindString(label); m != "" || label == "" {
			t.Errorf("setting %s: Chinese label %q holds %q", s.Key, label, m)
		}
		if s.Key == "name" {
			continue
		}
		v := p.ValueTextZH(s.Key, s.Value)
		if m := englishRE.FindString(strings.ReplaceAll(v, "--lang en", "")); m != "" {
			t.Errorf("setting %s: Chinese value %q holds %q", s.Key, v, m)
		}
	}
	for in, want := range map[string]string{
		"facility.over_cap=reject":             "超过上限的处理:不予供地或核减至上限 = 不予供地",
		"quota.new_land_mu=800":                "年度新增建设用地指标(亩),仅约束新增用地 = 800.0",
		"stock.first=true":                     "存量优先:存量地块加分 = 是",
		`supply.long_lease.industries=["nev"]`: "适用长期租赁的行业 = 新能源及智能汽车",
		"industries.nev.min_plot_ratio=1.2":    "新能源及智能汽车:行业容积率下限 = 1.2",
		"not an override":                      "not an override",
	} {
		if got := OverrideZH(in); got != want {
			t.Errorf("OverrideZH(%q) = %q, want %q", in, got, want)
		}
	}
}
