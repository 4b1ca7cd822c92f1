package main

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestChineseOutputHasNoIdentifiers runs the program as a Chinese reader
// would (--lang zh) over one demo database and fails on every ASCII
// identifier in what the reader sees: the demo's messages and files, check,
// show (a plan and single proposals), plans, compare, policy show, the CSV,
// HTML and SVG exports, the web interface's pages, and the help and
// version of every command. Each leak is printed
// with its command and line, so that the list says what to fix.
func TestChineseOutputHasNoIdentifiers(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "landplan.gpkg")
	code, demoOut, demoErr := run(t, "demo", "--out", dir, "--lang", "zh", "--time-limit", "20s")
	if code != 0 {
		t.Fatalf("demo: exit %d\n%s", code, demoErr)
	}
	sc := newLeakScanner(t, dir, db)

	sc.scan("demo", demoOut+demoErr)
	for _, f := range []string{"plan-1.txt", "plan-2.txt", "compare.txt"} {
		sc.scanFile("demo: "+f, filepath.Join(dir, f), textPlain)
	}
	sc.scanFile("demo: plan-1.html", filepath.Join(dir, "plan-1.html"), textHTML)
	sc.scanFile("demo: plan-1.svg", filepath.Join(dir, "plan-1.svg"), textHTML)
	sc.scanFile("demo: compare-plan-1-plan-2.html", filepath.Join(dir, "compare-plan-1-plan-2.html"), textHTML)
	sc.scanFile("demo: compare-plan-1-plan-2.svg", filepath.Join(dir, "compare-plan-1-plan-2.svg"), textHTML)
	sc.scanFile("demo: covenants.html", filepath.Join(dir, "covenants.html"), textHTML)
	sc.scanFile("demo: monitor-2029.html", filepath.Join(dir, "monitor-2029.html"), textHTML)

	cmds := [][]string{
		{"check"},
		{"show", "plan-1"},
		{"show", "plan-1", "--proposal", "P2025-002"}, // placed
		{"show", "plan-1", "--proposal", "P2025-001"}, // left out by the quota
		{"show", "plan-1", "--proposal", "P2025-008"}, // outcompeted
		{"show", "plan-1", "--proposal", "P2025-003"}, // ineligible
		{"plans"},
		{"scenario", "list"},
		{"compare", "plan-1", "plan-2", "plan-3"},
		{"policy", "show"},
		{"plan", "--scenario", "cap7", "--time-limit", "20s", "--gap", "0.0001"},
		{"monitor", "--plan", "plan-1"},
		// Contracts, a two-year programme re-planning plan-1 (plan-4: the cap7 run above gives the demo's plan-2 back),
		// its comparison year against year.
		{"adopt", "plan-1", "--proposal", "P2025-002", "--signed", "2026-11-30"},
		{"plan", "--previous", "plan-1", "--horizon", "2026-2027", "--time-limit", "10s", "--gap", "0.0001", "--flips", "-1"},
		{"show", "plan-4"},
		{"compare", "plan-1", "plan-4"},
		{"sweep", "--set", "quota.new_land_mu=0,3000", "--time-limit", "20s", "--gap", "0.0001", "--chart", filepath.Join(dir, "zh-sweep.html")},
	}
	for _, c := range cmds {
		code, out, errs := run(t, append(append([]string{}, c...), "--db", db, "--lang", "zh")...)
		if code != 0 {
			t.Errorf("%s: exit %d\n%s", strings.Join(c, " "), code, errs)
			continue
		}
		sc.scan(strings.Join(c, " "), out+errs)
	}
	// The sweep stored a scenario per point (sweep:KEY=VALUE): the store's
	// names for them, typed on the command line (plan --scenario) as plan
	// ids are; the pages below list them among the user's scenario names.
	sc.names = newLeakScanner(t, dir, db).names
	sc.scanFile("sweep --chart zh-sweep.html", filepath.Join(dir, "zh-sweep.html"), textHTML)
	for _, f := range []string{"csv", "html", "svg"} {
		out := filepath.Join(dir, "zh-export."+f)
		code, stdout, errs := run(t, "export", "plan-1", "--format", f, "--out", out, "--db", db, "--lang", "zh")
		if code != 0 {
			t.Errorf("export %s: exit %d\n%s", f, code, errs)
			continue
		}
		sc.scan("export --format "+f+" (messages)", stdout+errs)
		kind := textHTML
		if f == "csv" {
			kind = textPlain
		}
		sc.scanFile("export --format "+f, out, kind)
	}

	// The GeoJSON's attribute values (its property names are the layers'
	// schema and stay as they are; category is the style's key).
	gj := filepath.Join(dir, "zh-export.geojson")
	if code, _, errs := run(t, "export", "plan-1", "--format", "geojson", "--out", gj, "--db", db, "--lang", "zh"); code != 0 {
		t.Errorf("export geojson: exit %d\n%s", code, errs)
	} else if b, err := os.ReadFile(gj); err != nil {
		t.Error(err)
	} else {
		var fc struct {
			Features []struct {
				Properties map[string]any `json:"properties"`
			} `json:"features"`
		}
		if err := json.Unmarshal(b, &fc); err != nil {
			t.Fatalf("geojson: %v", err)
		}
		var vals []string
		for _, f := range fc.Features {
			for k, v := range f.Properties {
				if s, ok := v.(string); ok && k != "category" && k != "layer" {
					vals = append(vals, s)
				}
			}
		}
		sort.Strings(vals)
		sc.scan("export --format geojson (attribute values)", strings.Join(vals, "\n"))
	}

	base, _ := startServe(t, "--db", db, "--addr", "127.0.0.1:0")
	c := client(t)
	for _, page := range []string{"map", "map?plan=plan-1&color=supply", "plans", "plans/plan-1", "plans/plan-2",
		"compare", "compare?plan=plan-1&plan=plan-2&plan=plan-3", "scenarios", "plans/plan-99", "monitor?plan=plan-1"} {
		sep := "?"
		if strings.Contains(page, "?") {
			sep = "&"
		}
		_, body := get(t, c, base+page+sep+"lang=zh", nil)
		sc.scanHTML("web /"+page, body)
	}
	for _, f := range []string{"csv", "html", "svg", "txt"} {
		_, body := get(t, c, base+"plans/plan-1/download/"+f+"?lang=zh", nil)
		if f == "csv" || f == "txt" {
			sc.scan("web download "+f, body)
		} else {
			sc.scanHTML("web download "+f, body)
		}
	}
	// The map's details and tooltips show these properties as they are.
	_, body := get(t, c, base+"api/map?plan=plan-1&lang=zh", nil)
	var fc struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal([]byte(body), &fc); err != nil {
		t.Fatalf("api/map: %v", err)
	}
	var shown []string
	for _, f := range fc.Features {
		shown = append(shown, visibleProps(f.Properties)...)
	}
	sc.scan("web /api/map (details and tooltips)", strings.Join(shown, "\n"))

	scanHelp(t, sc)
	sc.report()
}

// visibleProps returns the map properties the page shows as text.
func visibleProps(p map[string]any) []string {
	var out []string
	for _, k := range []string{"status_text", "zone", "name"} {
		if s, ok := p[k].(string); ok {
			out = append(out, s)
		}
	}
	if ps, ok := p["projects"].([]any); ok {
		for _, x := range ps {
			m, _ := x.(map[string]any)
			for _, k := range []string{"name", "mode_text"} {
				if s, ok := m[k].(string); ok {
					out = append(out, s)
				}
			}
			if rs, ok := m["reasons"].([]any); ok {
				for _, r := range rs {
					if s, ok := r.(string); ok {
						out = append(out, s)
					}
				}
			}
		}
	}
	return out
}

const (
	textPlain = iota
	textHTML
)

// What counts as a leak: a snake_case or dotted identifier (quota.new_land,
// lease_then_transfer), or an ASCII word with three or more lowercase
// letters in a row (ineligible, auto_parts, Allocations).
var (
	identRE = regexp.MustCompile(`\b[a-z][a-z0-9]*(?:[._][a-z0-9]+)+\b`)
	wordRE  = regexp.MustCompile(`[A-Za-z][A-Za-z0-9]*`)
	lowerRE = regexp.MustCompile(`[a-z]{3,}`)
)

// allowedWords are the ASCII words a Chinese reader may see:
//   - landplan, the program's name;
//   - GeoPackage and QGIS, the names of the file format and the program that
//     opens it (no Chinese name is in use);
//   - English, the link that switches the web pages to English;
//   - Lagrangian-free unit symbols such as m² and km have fewer than three
//     letters and need no entry.
var allowedWords = map[string]bool{
	"landplan":   true,
	"GeoPackage": true,
	"English":    true,
}

// What is taken out before the scan, each for a stated reason.
var (
	// File names with an extension (plan-1.svg, landplan.gpkg): the reader
	// opens them by that name.
	fileRE = regexp.MustCompile(`[\p{L}\p{N}_./-]*\.(?:gpkg|svg|png|html|csv|json|geojson|txt|qml|toml|mps|xlsx)\b`)
	// Command lines and options the reader types (landplan --db F show
	// plan-1, --lang en, --json): ASCII by nature.
	cmdRE  = regexp.MustCompile(`landplan(?: +(?:--?[a-z][a-z-]*|[A-Za-z0-9_./:-]+))+`)
	flagRE = regexp.MustCompile(`--[a-z][a-z-]*(?: en\b| zh\b)?`)
	// The literals true and false, which the scenario form's help asks the
	// reader to type.
	typedRE = regexp.MustCompile(`true/false`)
	// Hashes (SHA-256 hex).
	hexRE = regexp.MustCompile(`\b[0-9a-f]{12,}\b`)
	// Plan ids (plan-1): the store's names for plans, typed on the
	// command line.
	planRE = regexp.MustCompile(`\bplan-\d+\b`)
	// The values a flag takes, as the help lists them for the reader to
	// type (geojson|gpkg|svg, objective|new_land_mu), and a flag's default
	// value in the help (（默认 landplan-demo）).
	altRE     = regexp.MustCompile(`\b[a-z0-9_]+(?:\|[a-z0-9_]+)+\b`)
	defaultRE = regexp.MustCompile(`（默认 [^）]*）`)
	// What `landplan version` names of the build, as the toolchain spells
	// it: the module path, the Go version and the platform.
	buildRE = regexp.MustCompile(`\b(?:github\.com/[A-Za-z0-9_./-]+|go\d+(?:\.\d+)+|(?:linux|darwin|windows|freebsd)/[a-z0-9]+)\b`)
)

type leak struct{ source, token, line string }

type leakScanner struct {
	t     *testing.T
	dir   string
	names []string // scenario and profile names: the user's own names, like project names
	leaks []leak
}

func newLeakScanner(t *testing.T, dir, db string) *leakScanner {
	code, out, errs := run(t, "scenario", "list", "--json", "--db", db)
	if code != 0 {
		t.Fatalf("scenario list: exit %d %s", code, errs)
	}
	var scs []struct{ Name string }
	if err := json.Unmarshal([]byte(out), &scs); err != nil {
		t.Fatalf("scenario list --json: %v\n%s", err, out)
	}
	sc := &leakScanner{t: t, dir: dir}
	for _, s := range scs {
		sc.names = append(sc.names, s.Name)
	}
	// The policy profile's name is the user's name for it too.
	code, out, errs = run(t, "policy", "show", "--json")
	var prof struct{ Name string }
	if err := json.Unmarshal([]byte(out), &prof); code != 0 || err != nil || prof.Name == "" {
		t.Fatalf("policy show --json: exit %d %v %s", code, err, errs)
	}
	sc.names = append(sc.names, prof.Name)
	// Longest first, so that a name containing another is taken out whole.
	sort.Slice(sc.names, func(i, j int) bool { return len(sc.names[i]) > len(sc.names[j]) })
	return sc
}

func (sc *leakScanner) scanFile(source, path string, kind int) {
	b, err := os.ReadFile(path)
	if err != nil {
		sc.t.Errorf("%s: %v", source, err)
		return
	}
	if kind == textHTML {
		sc.scanHTML(source, string(b))
		return
	}
	sc.scan(source, string(b))
}

var (
	dropRE  = regexp.MustCompile(`(?is)<(script|style)\b[^>]*>.*?</(?:script|style)>|<!--.*?-->|<\?xml.*?\?>|<!DOCTYPE[^>]*>`)
	attrRE  = regexp.MustCompile(`(?i)\b(?:title|placeholder|alt|aria-label)="([^"]*)"`)
	tagRE   = regexp.MustCompile(`(?s)<[^>]*>`)
	titleRE = regexp.MustCompile(`(?s)<title>(.*?)</title>`)
)

// scanHTML scans what a reader sees of an HTML or SVG document: its text
// and the attributes shown as tooltips or read aloud, without tags,
// scripts and styles. The i18n script's messages are shown by the page's
// script, so they are scanned too.
func (sc *leakScanner) scanHTML(source, doc string) {
	var vis []string
	if m := regexp.MustCompile(`(?s)<script type="application/json" id="i18n">(.*?)</script>`).FindStringSubmatch(doc); m != nil {
		var msgs map[string]string
		if err := json.Unmarshal([]byte(m[1]), &msgs); err == nil {
			for _, v := range msgs {
				vis = append(vis, v)
			}
		}
	}
	for _, m := range titleRE.FindAllStringSubmatch(doc, -1) {
		vis = append(vis, m[1])
	}
	doc = dropRE.ReplaceAllString(doc, "\n")
	for _, m := range attrRE.FindAllStringSubmatch(doc, -1) {
		vis = append(vis, html.UnescapeString(m[1]))
	}
	doc = strings.ReplaceAll(doc, "<", "\n<")
	vis = append(vis, html.UnescapeString(tagRE.ReplaceAllString(doc, " ")))
	sc.scan(source, strings.Join(vis, "\n"))
}

// scan records the leaks of text, line by line.
func (sc *leakScanner) scan(source, text string) {
	if strings.TrimSpace(text) == "" {
		sc.t.Errorf("%s: no output to scan", source)
		return
	}
	for _, line := range strings.Split(text, "\n") {
		clean := strings.ReplaceAll(line, sc.dir, " ")
		clean = cmdRE.ReplaceAllString(clean, " ")
		clean = fileRE.ReplaceAllString(clean, " ")
		clean = flagRE.ReplaceAllString(clean, " ")
		clean = typedRE.ReplaceAllString(clean, " ")
		clean = altRE.ReplaceAllString(clean, " ")
		clean = defaultRE.ReplaceAllString(clean, " ")
		clean = buildRE.ReplaceAllString(clean, " ")
		clean = hexRE.ReplaceAllString(clean, " ")
		clean = planRE.ReplaceAllString(clean, " ")
		for _, n := range sc.names {
			clean = strings.ReplaceAll(clean, n, " ")
		}
		seen := map[string]bool{}
		for _, id := range identRE.FindAllString(clean, -1) {
			seen[id] = true
			sc.leaks = append(sc.leaks, leak{source, id, line})
		}
		clean = identRE.ReplaceAllString(clean, " ")
		for _, w := range wordRE.FindAllString(clean, -1) {
			if allowedWords[w] || seen[w] || !lowerRE.MatchString(w) {
				continue
			}
			seen[w] = true
			sc.leaks = append(sc.leaks, leak{source, w, line})
		}
	}
}

// report fails the test with every leak, grouped by source and token: the
// count and up to five distinct lines each.
func (sc *leakScanner) report() {
	if len(sc.leaks) == 0 {
		return
	}
	type key struct{ source, token string }
	lines := map[key][]string{}
	count := map[key]int{}
	var order []key
	for _, l := range sc.leaks {
		k := key{l.source, l.token}
		if count[k] == 0 {
			order = append(order, k)
		}
		count[k]++
		if len(lines[k]) < 5 && !contains(lines[k], l.line) {
			lines[k] = append(lines[k], l.line)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d English identifiers or words in the Chinese output (%d distinct):\n", len(sc.leaks), len(order))
	for _, k := range order {
		fmt.Fprintf(&b, "%s: %q ×%d\n", k.source, k.token, count[k])
		for _, l := range lines[k] {
			fmt.Fprintf(&b, "    | %s\n", strings.TrimSpace(clipLine(l, 240)))
		}
	}
	sc.t.Error(b.String())
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func clipLine(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
