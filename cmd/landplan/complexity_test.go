package main

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Limits of the complexity check: a function over either needs a line in
// docs/complexity-allowlist.txt with its reason.
const (
	maxComplexity = 20
	maxLines      = 80
)

const complexityAllowlist = "docs/complexity-allowlist.txt"

// funcSize is one function's cyclomatic complexity and length in lines,
// with its doc comment.
type funcSize struct {
	path, name        string
	complexity, lines int
	doc               string
}

func (f funcSize) key() string { return f.path + " " + f.name }

func (f funcSize) over() bool { return f.complexity > maxComplexity || f.lines > maxLines }

// TestFunctionComplexity fails for any non-test function over complexity 20
// or 80 lines that docs/complexity-allowlist.txt does not list, for a listed
// function that has grown beyond its listed numbers, for a listed function
// that is gone or back within the limits (the list only shrinks), and for a
// listed function whose doc comment does not give the reason it stands in a
// line beginning "Complexity:".
func TestFunctionComplexity(t *testing.T) {
	root := filepath.Join("..", "..")
	funcs, err := measureFunctions(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(funcs) < 100 {
		t.Fatalf("measured only %d functions under %s", len(funcs), root)
	}
	allowed, err := readAllowlist(filepath.Join(root, complexityAllowlist))
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]funcSize{}
	for _, f := range funcs {
		found[f.key()] = f
		if !f.over() {
			continue
		}
		a, ok := allowed[f.key()]
		switch {
		case !ok:
			t.Errorf("%s: %s has complexity %d and %d lines (limits %d and %d): split it, or list it in %s with a reason",
				f.path, f.name, f.complexity, f.lines, maxComplexity, maxLines, complexityAllowlist)
		case f.complexity > a.complexity || f.lines > a.lines:
			t.Errorf("%s: %s grew to complexity %d and %d lines; %s allows %d and %d",
				f.path, f.name, f.complexity, f.lines, complexityAllowlist, a.complexity, a.lines)
		}
	}
	for k, a := range allowed {
		f, ok := found[k]
		switch {
		case !ok:
			t.Errorf("%s lists %s %s, which no longer exists: remove the line", complexityAllowlist, a.path, a.name)
		case !f.over():
			t.Errorf("%s lists %s %s, now complexity %d and %d lines, within the limits: remove the line",
				complexityAllowlist, a.path, a.name, f.complexity, f.lines)
		case !givesReason(f.doc):
			t.Errorf("%s: %s is listed in %s, but its doc comment gives no reason: add a line beginning \"Complexity:\"",
				a.path, a.name, complexityAllowlist)
		}
	}
}

// TestCyclomaticComplexityCounts checks the counting rule on a small
// function: 1 + if, for, range, non-default case clauses, && and ||.
func TestCyclomaticComplexityCounts(t *testing.T) {
	const src = `package p
func f(xs []int, c chan int) int {
	n := 0
	for _, x := range xs { // +1
		if x > 0 && x < 9 || x == 20 { // +3
			n++
		}
	}
	for i := 0; i < 3; i++ { // +1
		switch i {
		case 0, 1: // +1
		case 2: // +1
		default:
		}
	}
	select {
	case v := <-c: // +1
		n += v
	default:
	}
	g := func() bool { return n > 1 && n < 5 } // +1
	_ = g
	return n
}`
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	fn := file.Decls[0].(*ast.FuncDecl)
	if got := cyclomatic(fn); got != 10 {
		t.Errorf("complexity %d, want 10", got)
	}
	if got := fset.Position(fn.End()).Line - fset.Position(fn.Pos()).Line + 1; got != 23 {
		t.Errorf("lines %d, want 23", got)
	}
}

// measureFunctions parses every non-test .go file under root and measures
// each function and method declaration.
func measureFunctions(root string) ([]funcSize, error) {
	var out []funcSize
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		file, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution|parser.ParseComments)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		seen := map[string]int{}
		for _, decl := range file.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			fname := funcName(fn)
			if seen[fname]++; seen[fname] > 1 { // several init functions in one file
				fname += "#" + strconv.Itoa(seen[fname])
			}
			out = append(out, funcSize{
				path:       rel,
				name:       fname,
				complexity: cyclomatic(fn),
				lines:      fset.Position(fn.End()).Line - fset.Position(fn.Pos()).Line + 1,
				doc:        fn.Doc.Text(),
			})
		}
		return nil
	})
	return out, err
}

// givesReason reports whether a doc comment has a line beginning
// "Complexity:" followed by a reason.
func givesReason(doc string) bool {
	for _, line := range strings.Split(doc, "\n") {
		if reason, ok := strings.CutPrefix(strings.TrimSpace(line), "Complexity:"); ok && len(strings.TrimSpace(reason)) > 10 {
			return true
		}
	}
	return false
}

// funcName names a function as gocyclo does: f, T.m or (*T).m.
func funcName(fn *ast.FuncDecl) string {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
		return fn.Name.Name
	}
	typ := fn.Recv.List[0].Type
	star := false
	if s, ok := typ.(*ast.StarExpr); ok {
		typ, star = s.X, true
	}
	switch x := typ.(type) {
	case *ast.IndexExpr:
		typ = x.X
	case *ast.IndexListExpr:
		typ = x.X
	}
	recv := fmt.Sprint(typ)
	if id, ok := typ.(*ast.Ident); ok {
		recv = id.Name
	}
	if star {
		return "(*" + recv + ")." + fn.Name.Name
	}
	return recv + "." + fn.Name.Name
}

// cyclomatic is gocyclo's cyclomatic complexity: 1 + each if, for, range,
// non-default case clause, && and ||, function literals included.
func cyclomatic(fn *ast.FuncDecl) int {
	c := 1
	ast.Inspect(fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IfStmt, *ast.ForStmt, *ast.RangeStmt:
			c++
		case *ast.CaseClause:
			if n.List != nil {
				c++
			}
		case *ast.CommClause:
			if n.Comm != nil {
				c++
			}
		case *ast.BinaryExpr:
			if n.Op == token.LAND || n.Op == token.LOR {
				c++
			}
		}
		return true
	})
	return c
}

// readAllowlist reads lines "path function complexity lines reason";
// blank lines and lines starting with # are comments.
func readAllowlist(path string) (map[string]funcSize, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]funcSize{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 5 {
			return nil, fmt.Errorf("%s:%d: want \"path function complexity lines reason\", got %q", path, n, line)
		}
		c, err1 := strconv.Atoi(fields[2])
		l, err2 := strconv.Atoi(fields[3])
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s:%d: complexity and lines must be whole numbers, got %q and %q", path, n, fields[2], fields[3])
		}
		a := funcSize{path: fields[0], name: fields[1], complexity: c, lines: l}
		if _, dup := out[a.key()]; dup {
			return nil, fmt.Errorf("%s:%d: %s %s listed twice", path, n, a.path, a.name)
		}
		out[a.key()] = a
	}
	return out, sc.Err()
}
