package main

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

// TestImportDirection holds the architecture: imports flow
// cmd → export → data → planner → geo → orb (web sits with cmd), only
// data touches SQL, storage knows no file formats, and the optimiser and
// scorer know nothing of the planner.
func TestImportDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-json=ImportPath,Imports", "github.com/landplan/landplan/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const mod = "github.com/landplan/landplan"
	dec := json.NewDecoder(strings.NewReader(string(out)))
	seen := 0
	for {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		seen++
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, mod), "/")
		for _, imp := range p.Imports {
			irel, ours := strings.CutPrefix(imp, mod+"/")
			sql := imp == "database/sql" || strings.HasPrefix(imp, "github.com/mattn/go-sqlite3")
			switch {
			case sql && !strings.HasPrefix(rel, "data"):
				t.Errorf("%s imports %s: only package data may use SQL", rel, imp)
			case strings.HasPrefix(rel, "geo") && ours && !strings.HasPrefix(irel, "geo"):
				t.Errorf("%s imports %s: geo must not import the planner or storage", rel, imp)
			case strings.HasPrefix(rel, "planner") && ours && (strings.HasPrefix(irel, "data") || strings.HasPrefix(irel, "cmd") || strings.HasPrefix(irel, "export")):
				t.Errorf("%s imports %s: planner must not import storage, exports or commands", rel, imp)
			case (rel == "planner/assign" || rel == "planner/score") && ours:
				t.Errorf("%s imports %s: it must stay free of landplan types", rel, imp)
			case strings.HasPrefix(rel, "web") && ours && (strings.HasPrefix(irel, "data") || strings.HasPrefix(irel, "cmd")):
				t.Errorf("%s imports %s: the web interface gets planner interfaces injected", rel, imp)
			case strings.HasPrefix(rel, "data") && ours && (strings.HasPrefix(irel, "cmd") || strings.HasPrefix(irel, "web") || strings.HasPrefix(irel, "export")):
				t.Errorf("%s imports %s: storage stores and reads; the file formats are export's", rel, imp)
			case strings.HasPrefix(rel, "export") && ours && (strings.HasPrefix(irel, "cmd") || strings.HasPrefix(irel, "web")):
				t.Errorf("%s imports %s: export serves the command and the web, and imports neither", rel, imp)
			}
		}
	}
	if seen < 4 {
		t.Fatalf("go list saw %d packages", seen)
	}
}
