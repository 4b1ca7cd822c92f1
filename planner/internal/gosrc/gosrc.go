package gosrc

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
)

// Lit is a string literal of a Go file: its value and, when it is an
// argument of a call, the called function's name (the last name of a
// selector) and its position among the arguments; Call "" and Arg −1
// otherwise.
type Lit struct {
	Value string
	Call  string
	Arg   int
}

// Strings returns the string literals of the non-test Go files in dir,
// file by file in name order, each in source order.
func Strings(dir string) ([]Lit, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	var out []Lit
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			return nil, err
		}
		args := map[*ast.BasicLit]Lit{}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				call := ""
				switch fn := n.Fun.(type) {
				case *ast.SelectorExpr:
					call = fn.Sel.Name
				case *ast.Ident:
					call = fn.Name
				}
				for i, a := range n.Args {
					if bl, ok := a.(*ast.BasicLit); ok {
						args[bl] = Lit{Call: call, Arg: i}
					}
				}
			case *ast.BasicLit:
				if n.Kind == token.STRING {
					l, ok := args[n]
					if !ok {
						l.Arg = -1
					}
					l.Value, _ = strconv.Unquote(n.Value)
					out = append(out, l)
				}
			}
			return true
		})
	}
	return out, nil
}
