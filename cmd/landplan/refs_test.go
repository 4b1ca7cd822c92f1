package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// outsideRefs are the names of documents that are not in the repository,
// spelt in pieces so that this file does not name them itself. A
// maintainer cannot follow a reference to one of them.
var outsideRefs = []string{
	"DOMAIN" + ".md", "SPEC" + ".md", "GEO-NOTES" + ".md", "STYLE" + ".md",
	".." + "/shared", "/shared" + "/policy",
}

// docRef matches a reference to a file under docs/.
var docRef = regexp.MustCompile(`\bdocs/[A-Za-z0-9_.-]*[A-Za-z0-9_-]\.[a-z]+\b`)

// TestArchReferencesStayInside reads every text file of the repository —
// code, messages, docs, templates, scripts and the policy profile — and
// fails on a reference to a document outside it, or to a file under docs/
// that does not exist.
func TestArchReferencesStayInside(t *testing.T) {
	root := filepath.Join("..", "..")
	read := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") && name != ".ci" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.IndexByte(b, 0) >= 0 {
			return nil // not text
		}
		read++
		rel, _ := filepath.Rel(root, path)
		for n, line := range strings.Split(string(b), "\n") {
			low := strings.ToLower(line)
			for _, ref := range outsideRefs {
				if strings.Contains(low, strings.ToLower(ref)) {
					t.Errorf("%s:%d cites %s, which is not in the repository: %s", rel, n+1, ref, strings.TrimSpace(line))
				}
			}
			for _, doc := range docRef.FindAllString(line, -1) {
				if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(doc))); err != nil {
					t.Errorf("%s:%d cites %s, which does not exist", rel, n+1, doc)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if read < 100 {
		t.Errorf("read %d files of the repository, expected hundreds", read)
	}
}
