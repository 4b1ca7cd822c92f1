package main

import (
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestChineseUsageAndSettingErrors runs the commands with --lang zh on bad
// flag values, misused global flags, bad sweep ranges, bad scenario
// overrides and policy profiles, and GeoPackage files and layers that
// cannot be read. Each exits 2 and says in Chinese what is wrong and
// where: the flag, the key, the override, the file and the layer.
func TestChineseUsageAndSettingErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "landplan.gpkg")
	notGPKG := writeFile(t, dir, "文本.gpkg", "这不是 GeoPackage\n")
	gj := writeFile(t, dir, "good.geojson", goodParcels)
	gpkg := filepath.Join(dir, "地块.gpkg")
	if out, err := exec.Command("ogr2ogr", "-f", "GPKG", "-nln", "宗地", gpkg, gj).CombinedOutput(); err != nil {
		t.Fatalf("ogr2ogr (install the Debian package gdal-bin): %v\n%s", err, out)
	}
	badKey := writeFile(t, dir, "坏键.toml", "[facility]\nraised_capp = 0.1\n")
	badValue := writeFile(t, dir, "坏值.toml", "[facility]\nraised_cap = 2.5\n")
	notTOML := writeFile(t, dir, "坏语法.toml", "[facility\nraised_cap = \n")
	sqlite := filepath.Join(dir, "空库.gpkg")
	if out, err := exec.Command("ogr2ogr", "-f", "SQLite", sqlite, gj).CombinedOutput(); err != nil {
		t.Fatalf("ogr2ogr: %v\n%s", err, out)
	}
	// A database with parcels and proposals, for the commands that read
	// it before they check their settings.
	props := writeFile(t, dir, "提案.csv", "id,industry,area_mu,land_class\nP1,nev,10,1\n")
	for _, args := range [][]string{{"import", "parcels", gj}, {"import", "proposals", props}} {
		if code, _, errs := run(t, append(args, "--db", db)...); code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, code, errs)
		}
	}

	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"plan gap", []string{"plan", "--gap", "2"}, []string{"--gap 2 无效", "不小于 0 且小于 1"}},
		{"plan time limit", []string{"plan", "--time-limit", "-1s"}, []string{"--time-limit -1s 无效", "正的时长"}},
		{"plan horizon", []string{"plan", "--horizon", "2026/2030"}, []string{`--horizon "2026/2030" 无效`, "起始年-结束年"}},
		{"horizon without quota", []string{"plan", "--horizon", "2026-2032"}, []string{"规划：政策配置无效", `字段 "quota.by_year.2031":2031 在多年度计划期内（2026–2032，plan.horizon_end），却没有新增建设用地指标`}},
		{"import crs", []string{"import", "parcels", gj, "--crs", "EPSG:1"}, []string{`--crs "EPSG:1" 无效：可用 EPSG:4326`}},
		{"export crs", []string{"export", "plan-1", "--format", "geojson", "--crs", "EPSG:1", "--out", filepath.Join(dir, "x.geojson")}, []string{`export：--crs "EPSG:1" 无效`}},
		{"export format", []string{"export", "plan-1", "--format", "pdf", "--out", filepath.Join(dir, "x.pdf")}, []string{`export：未知格式 "pdf"`}},
		{"lang", []string{"plan", "--lang", "fr", "--lang", "zh"}, []string{`--lang "fr" 无效`, "zh（中文）或 en（英文）"}},
		{"json", []string{"plans", "--json=maybe"}, []string{"--json 不带值"}},
		{"sweep gap", []string{"sweep", "--set", "quota.new_land_mu=1000:1200:100", "--gap", "1.5"}, []string{"--gap 1.5 无效"}},
		{"sweep chart", []string{"sweep", "--set", "quota.new_land_mu=1000:1200:100", "--chart", "x.pdf"}, []string{"--chart x.pdf 无效", ".svg、.png 或 .html"}},
		{"sweep no set", []string{"sweep"}, []string{"sweep：请给出一个或两个 --set"}},
		{"sweep empty range", []string{"sweep", "--set", "quota.new_land_mu=1000:1200:0"}, []string{
			"sweep --set quota.new_land_mu=1000:1200:0：", `键 "quota.new_land_mu" 的范围没有取值点：步长 0 不能从 1000 走到 1200`}},
		{"sweep unknown key", []string{"sweep", "--set", "quota.new_lnd_mu=1:2:1"}, []string{`未知的键 "quota.new_lnd_mu"`, `是否想用 "quota.new_land_mu"`}},
		{"sweep bad value", []string{"sweep", "--set", "facility.raised_cap=0.1,2"}, []string{`键 "facility.raised_cap" 的取值 2：`, "超出范围"}},
		{"sweep text range", []string{"sweep", "--set", "facility.over_cap=1:2:1"}, []string{`键 "facility.over_cap" 不是数值`}},
		{"scenario unknown key", []string{"scenario", "add", "甲", "--set", "facility.raised_capp=0.1"}, []string{
			`情景 "甲"：政策覆盖项被拒绝`, `第 1 个覆盖项:字段 "facility.raised_capp":未知的键 "facility.raised_capp"`}},
		{"scenario bad value", []string{"scenario", "add", "甲", "--set", "facility.raised_cap=abc"}, []string{
			`字段 "facility.raised_cap":键 "facility.raised_cap" 的值 "abc" 无效：应为数字`}},
		{"scenario out of range", []string{"scenario", "add", "甲", "--set", "facility.raised_cap=3"}, []string{
			"政策覆盖项使政策配置无效", `字段 "facility.raised_cap":3 超出范围`}},
		{"scenario name", []string{"scenario", "add", "a b", "--set", "facility.raised_cap=0.1"}, []string{`情景名称 "a b"：第 2 个字符 ' ' 不允许`}},
		{"scenario missing", []string{"plan", "--scenario", "无此情景"}, []string{`情景 "无此情景" 不存在`}},
		{"policy unknown key", []string{"check", "--policy", badKey}, []string{badKey + " 中有未知的键", badKey + `:字段 "facility.raised_capp":未知的键；是否想用`}},
		{"policy bad value", []string{"policy", "show", "--policy", badValue}, []string{"政策配置文件 " + badValue + " 无效", badValue + `:字段 "facility.raised_cap":2.5 超出范围`}},
		{"policy not TOML", []string{"check", "--policy", notTOML}, []string{"政策配置文件 " + notTOML + " 无法解析", notTOML + ":第 2 行"}},
		{"policy missing", []string{"check", "--policy", filepath.Join(dir, "无.toml")}, []string{"--policy " + filepath.Join(dir, "无.toml") + "：文件不存在"}},
		{"monitor without a plan", []string{"monitor"}, []string{db + " 中没有方案：要监测的供地是某个方案的配置（landplan plan）"}},
		{"no database", []string{"plan", "--db", filepath.Join(dir, "无.gpkg")}, []string{"数据库 " + filepath.Join(dir, "无.gpkg") + " 不存在"}},
		{"not a GeoPackage", []string{"import", "parcels", notGPKG}, []string{notGPKG + ":不是有效的 JSON"}},
		{"SQLite not GeoPackage", []string{"import", "parcels", sqlite}, []string{sqlite + " 是 SQLite 数据库，但不是 GeoPackage"}},
		{"database not landplan's", []string{"plans", "--db", gpkg}, []string{gpkg + " 是一个不由 landplan 创建的 GeoPackage", "landplan 不写入它"}},
		{"no such layer", []string{"import", "parcels", gpkg, "--layer", "地块"}, []string{gpkg + ` 中没有要素图层 "地块"；其要素图层有：宗地`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{}, tc.args...)
			if !slices.Contains(args, "--db") {
				args = append(args, "--db", db)
			}
			code, out, errs := run(t, append(args, "--lang", "zh")...)
			if code != 2 {
				t.Errorf("exit %d, want 2\n%s%s", code, out, errs)
			}
			for _, w := range tc.want {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errs)
				}
			}
			if m := englishLeak.FindString(errs); m != "" {
				t.Errorf("English %q in the Chinese message:\n%s", m, errs)
			}
		})
	}
}
