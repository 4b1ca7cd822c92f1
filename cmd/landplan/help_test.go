package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestHelpOfEveryCommand asks every documented command for its help in
// the three ways a user does and checks that each exits 0 and prints the
// same text: the synopsis, the flags the command parses and an example.
func TestHelpOfEveryCommand(t *testing.T) {
	flags := map[string][]string{
		"plan":           {"--scenario", "--time-limit", "--export-mps", "--flips", "--policy"},
		"import parcels": {"--crs", "--layer", "--replace"},
		"export":         {"--format", "--out", "--crs", "--width", "--height", "--zone"},
		"serve":          {"--addr", "--token-file", "--time-limit", "--policy"},
		"demo":           {"--out", "--time-limit"},
		"scenario add":   {"--set", "--file"},
		"compare":        {"--map"},
		"show":           {"--proposal"},
	}
	// The database must not be touched (nor created) by asking for help.
	db := filepath.Join(t.TempDir(), "none.gpkg")
	for name := range commandDocs {
		if name == "help" {
			continue
		}
		words := strings.Fields(name)
		var outs []string
		for _, args := range [][]string{
			append(append([]string{}, words...), "--help"),
			append(append([]string{}, words...), "-h"),
			append([]string{"help"}, words...),
		} {
			code, out, errs := run(t, append(args, "--db", db)...)
			if code != 0 || errs != "" {
				t.Errorf("landplan %s: exit %d, stderr %q", strings.Join(args, " "), code, errs)
				continue
			}
			outs = append(outs, out)
		}
		if len(outs) != 3 {
			continue
		}
		if outs[0] != outs[1] || outs[0] != outs[2] {
			t.Errorf("%s: --help, -h and help %s print different texts", name, name)
		}
		out := outs[0]
		if !strings.HasPrefix(out, "Usage: landplan "+name) || !strings.Contains(out, "\nExample:\n  landplan "+name) || !strings.Contains(out, "--db FILE") {
			t.Errorf("help of %s lacks the synopsis, the example or the global flags:\n%s", name, out)
		}
		for _, f := range flags[name] {
			if !strings.Contains(out, "\n  "+f+" ") {
				t.Errorf("help of %s does not list %s:\n%s", name, f, out)
			}
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("asking for help created the database %s", db)
	}
}

func TestHelpOfGroupsAndTheList(t *testing.T) {
	for _, args := range [][]string{{"import", "--help"}, {"help", "import"}} {
		code, out, _ := run(t, args...)
		if code != 0 || !strings.Contains(out, "landplan import parcels FILE") || !strings.Contains(out, "landplan import proposals FILE") {
			t.Errorf("landplan %s: exit %d\n%s", strings.Join(args, " "), code, out)
		}
	}
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}} {
		code, out, _ := run(t, args...)
		if code != 0 || !strings.Contains(out, "landplan version") || !strings.Contains(out, "landplan help [COMMAND]") {
			t.Errorf("landplan %s: exit %d\n%s", strings.Join(args, " "), code, out)
		}
	}
	code, _, errs := run(t, "import")
	if code != 2 || !strings.Contains(errs, "import parcels") || !strings.Contains(errs, "needs a subcommand") {
		t.Errorf("landplan import: exit %d, stderr %q", code, errs)
	}
}

func TestSuggestions(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"plna"}, `unknown command "plna": did you mean landplan plan?`},
		{[]string{"exprot", "plan-1"}, "did you mean landplan export?"},
		{[]string{"import", "parcel", "x.geojson"}, "did you mean landplan import parcels?"},
		{[]string{"scenario", "lst"}, "did you mean landplan scenario list?"},
		{[]string{"help", "sevre"}, "did you mean landplan serve?"},
		{[]string{"zzzzzz"}, `unknown command "zzzzzz" (landplan help lists the commands)`},
		{[]string{"plan", "--scenarios", "x"}, "plan: unknown flag --scenarios: did you mean --scenario?"},
		{[]string{"export", "plan-1", "--fromat", "csv"}, "did you mean --format?"},
		{[]string{"plan", "--time-limit", "soon"}, `plan: invalid value "soon" for flag -time-limit`},
	}
	for _, tc := range tests {
		code, _, errs := run(t, tc.args...)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("landplan %s: exit %d, stderr %q; want 2 and %q", strings.Join(tc.args, " "), code, errs, tc.want)
		}
	}
}

func TestVersion(t *testing.T) {
	code, out, errs := run(t, "version")
	if code != 0 || !strings.HasPrefix(out, "landplan ") || !strings.Contains(out, "module github.com/landplan/landplan") || !strings.Contains(out, runtime.Version()) {
		t.Fatalf("version: exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = run(t, "version", "--json")
	var v versionInfo
	if err := json.Unmarshal([]byte(out), &v); code != 0 || err != nil || v.Module != "github.com/landplan/landplan" || v.Go != runtime.Version() || v.Version == "" {
		t.Fatalf("version --json: exit %d, %v: %s", code, err, out)
	}
}

func TestServeToken(t *testing.T) {
	dir := t.TempDir()
	short := writeFile(t, dir, "short", "abc\n")
	empty := writeFile(t, dir, "empty", "\n")
	spaced := writeFile(t, dir, "spaced", "abcdefgh ijklmnopq\n")
	tests := []struct {
		name string
		args []string
		env  string
		want string
	}{
		{"a token on the command line", []string{"--token", "0123456789abcdef0123"}, "", "visible to every user"},
		{"a short token file", []string{"--token-file", short}, "", "the token has 3 characters: at least 16"},
		{"an empty token file", []string{"--token-file", empty}, "", "the file is empty"},
		{"a token with a space", []string{"--token-file", spaced}, "", "printable ASCII without spaces"},
		{"a missing token file", []string{"--token-file", filepath.Join(dir, "none")}, "", "--token-file"},
		{"a short token in the environment", nil, "short", "$LANDPLAN_TOKEN: the token has 5 characters"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(tokenEnv, tc.env)
			code, _, errs := run(t, append([]string{"serve", "--addr", "127.0.0.1:0", "--db", filepath.Join(dir, "none.gpkg")}, tc.args...)...)
			if code != 2 || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errs, tc.want)
			}
		})
	}
}
