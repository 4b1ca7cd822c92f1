package assign_test

import (
	"bufio"
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/landplan/landplan/planner/assign"
)

// needTool fails the test when a solver is missing, naming its Debian
// package.
func needTool(t *testing.T, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s not found (install the Debian package %s): %v", name, pkg, err)
	}
	return path
}

// mpsInstance is a generated instance small enough for cbc and glpsol to
// prove optimal in well under a second, with forced and forbidden pairs
// and exclusive groups.
func mpsInstance(t *testing.T) (*assign.Problem, *assign.Result, string) {
	t.Helper()
	p, err := assign.GenerateInstance(assign.InstanceConfig{Bins: 40, Items: 14, Candidates: 12, Seed: 4,
		ForcedShare: 0.15, ExclusiveShare: 0.3, ForbiddenShare: 0.02})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Forced) == 0 || len(p.Forbidden) == 0 || len(p.Exclusive) == 0 {
		t.Fatalf("instance lacks forced, forbidden or exclusive pairs: %d %d %d", len(p.Forced), len(p.Forbidden), len(p.Exclusive))
	}
	res, err := assign.Solve(context.Background(), p, &assign.Settings{TargetGap: -1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != assign.Optimal {
		t.Fatalf("status %v", res.Status)
	}
	file := filepath.Join(t.TempDir(), "model.mps")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := assign.WriteMPS(f, p); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return p, res, file
}

// Both solvers print objectives with at least 8 significant digits and
// solve to integer tolerance 1e-6 or better; values are ~1e5, so 1e-6
// relative is well above their rounding and well below any difference of
// two distinct assignments (values have two decimals).
const solverTol = 1e-6

func TestMPSWithCBC(t *testing.T) {
	cbc := needTool(t, "cbc", "coinor-cbc")
	p, res, file := mpsInstance(t)
	sol := filepath.Join(t.TempDir(), "sol.txt")
	// cbc 2.10 ignores OBJSENSE MAX: -max sets the sense.
	out, err := exec.Command(cbc, file, "-max", "-solve", "-solu", sol, "-quit").CombinedOutput()
	if err != nil {
		t.Fatalf("cbc: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "Result - Optimal solution found") {
		t.Fatalf("cbc did not prove optimality:\n%s", out)
	}
	m := regexp.MustCompile(`Objective value:\s+(\S+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no objective in cbc output:\n%s", out)
	}
	obj, _ := strconv.ParseFloat(string(m[1]), 64)
	if math.Abs(obj-res.Objective) > solverTol*math.Abs(obj) {
		t.Errorf("cbc optimum %v, ours %v", obj, res.Objective)
	}
	// cbc's solution, read back, is feasible by our check and worth the
	// same.
	f, err := os.Open(sol)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var chosen []int
	val := 0.0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 3 || !strings.HasPrefix(fields[1], "x") {
			continue
		}
		x, _ := strconv.ParseFloat(fields[2], 64)
		if x < 0.5 {
			continue
		}
		j, err := strconv.Atoi(fields[1][1:])
		if err != nil {
			t.Fatalf("column %q", fields[1])
		}
		chosen = append(chosen, j)
		val += p.Pairs[j].Value
	}
	if math.Abs(val-obj) > solverTol*math.Abs(obj) {
		t.Errorf("cbc's solution is worth %v, it reports %v", val, obj)
	}
	ours := map[int]bool{}
	for _, j := range res.Chosen {
		ours[j] = true
	}
	for _, j := range p.Forced {
		found := false
		for _, c := range chosen {
			found = found || c == j
		}
		if !found {
			t.Errorf("cbc's solution lacks forced pair %d", j)
		}
	}
	for _, j := range p.Forbidden {
		for _, c := range chosen {
			if c == j {
				t.Errorf("cbc's solution holds forbidden pair %d", j)
			}
		}
	}
}

func TestMPSWithGLPK(t *testing.T) {
	glpsol := needTool(t, "glpsol", "glpk-utils")
	_, res, file := mpsInstance(t)
	// GLPK 5.0 rejects the OBJSENSE section: drop it and pass --max.
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(data), "OBJSENSE\n    MAX\n", "", 1)
	glpk := filepath.Join(t.TempDir(), "glpk.mps")
	if err := os.WriteFile(glpk, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(t.TempDir(), "report.txt")
	out, err := exec.Command(glpsol, "--freemps", glpk, "--max", "-o", report).CombinedOutput()
	if err != nil {
		t.Fatalf("glpsol: %v\n%s", err, out)
	}
	rep, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(rep), "INTEGER OPTIMAL") {
		t.Fatalf("glpsol did not prove optimality:\n%s", rep)
	}
	m := regexp.MustCompile(`Objective:\s+obj = (\S+) \(MAXimum\)`).FindSubmatch(rep)
	if m == nil {
		t.Fatalf("no maximised objective in the glpsol report:\n%s", rep)
	}
	obj, _ := strconv.ParseFloat(string(m[1]), 64)
	if math.Abs(obj-res.Objective) > solverTol*math.Abs(obj) {
		t.Errorf("glpsol optimum %v, ours %v", obj, res.Objective)
	}
}

func TestWriteMPSLayout(t *testing.T) {
	p := &assign.Problem{
		Items: 2,
		Bins:  []assign.Bin{{Capacity: 10}, {Capacity: 0.5}},
		Pairs: []assign.Pair{{Item: 0, Bin: 0, Value: 3.25, Weight: 4}, {Item: 1, Bin: 0, Value: -1, Weight: 0}, {Item: 1, Bin: 0, Value: 2, Weight: 6}},
		Side: []assign.Constraint{{Name: "new-land\nquota", Capacity: 7, Terms: []assign.Term{{Pair: 0, Coef: 4}, {Pair: 2, Coef: 0}}},
			{Name: "empty", Capacity: 1}},
		Forced:    []int{0},
		Forbidden: []int{1},
		Exclusive: [][]int{{0, 2}},
	}
	var sb strings.Builder
	if err := assign.WriteMPS(&sb, p); err != nil {
		t.Fatal(err)
	}
	got := sb.String()
	want := `* landplan assignment model: 2 items, 2 bins, 3 pairs, 2 side constraints, 1 exclusive groups
* column x<p> is pair p; rows i<item>, b<bin>, s<side>, g<group>
* s0: new-land quota
* s1: empty
NAME assign
OBJSENSE
    MAX
ROWS
 N obj
 L i0
 L i1
 L b0
 L s0
 L g0
COLUMNS
    MARKER 'MARKER' 'INTORG'
    x0 obj 3.25
    x0 i0 1
    x0 b0 4
    x0 s0 4
    x0 g0 1
    x1 obj -1
    x1 i1 1
    x2 obj 2
    x2 i1 1
    x2 b0 6
    x2 g0 1
    MARKER 'MARKER' 'INTEND'
RHS
    rhs i0 1
    rhs i1 1
    rhs b0 10
    rhs s0 7
    rhs g0 1
BOUNDS
 FX bnd x0 1
 FX bnd x1 0
 UP bnd x2 1
ENDATA
`
	if got != want {
		t.Errorf("MPS:\n%s\nwant:\n%s", got, want)
	}
}
