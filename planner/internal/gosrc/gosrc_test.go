package gosrc

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestStrings reads a small file and finds each literal with its call.
func TestStrings(t *testing.T) {
	dir := t.TempDir()
	src := "package p\n\nimport \"fmt\"\n\nconst c = \"alone\"\n\nfunc f() {\n\tfmt.Sprintf(\"%d of %s\", 1, \"x\")\n\tbad(\"no key %q\")\n}\n\nfunc bad(string) {}\n"
	if err := os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "p_test.go"), []byte("package p\n\nvar s = \"test only\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Strings(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []Lit{{"fmt", "", -1}, {"alone", "", -1}, {"%d of %s", "Sprintf", 0}, {"x", "Sprintf", 2}, {"no key %q", "bad", 0}}
	if !slices.Equal(got, want) {
		t.Errorf("Strings = %+v, want %+v", got, want)
	}
}
