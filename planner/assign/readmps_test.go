package assign_test

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/landplan/landplan/planner/assign"
)

// readMPS reads back a model written by assign.WriteMPS (columns x<p>,
// rows i<item>, b<bin>, s<side>, g<group>; FX bounds for forced and
// forbidden pairs). It knows only that layout: enough for the fixtures in
// testdata, which a planning run wrote with --export-mps.
func readMPS(file string) (*assign.Problem, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	p := &assign.Problem{}
	section := ""
	binCap := map[int]float64{}
	sideCap := map[int]float64{}
	sideTerms := map[int][]assign.Term{}
	groups := map[int][]int{}
	maxItem, maxBin, maxSide, maxGroup := -1, -1, -1, -1
	num := func(s string, n int) int {
		v, err := strconv.Atoi(s[n:])
		if err != nil {
			panic(err)
		}
		return v
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if t == "" || t[0] == '*' {
			continue
		}
		if t[0] != ' ' {
			section = strings.Fields(t)[0]
			continue
		}
		fs := strings.Fields(t)
		switch section {
		case "COLUMNS":
			if fs[1] == "'MARKER'" {
				continue
			}
			j := num(fs[0], 1)
			for len(p.Pairs) <= j {
				p.Pairs = append(p.Pairs, assign.Pair{})
			}
			v, err := strconv.ParseFloat(fs[2], 64)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", file, line, err)
			}
			switch row := fs[1]; {
			case row == "obj":
				p.Pairs[j].Value = v
			case row[0] == 'i':
				p.Pairs[j].Item = num(row, 1)
				maxItem = max(maxItem, p.Pairs[j].Item)
			case row[0] == 'b':
				p.Pairs[j].Bin = num(row, 1)
				p.Pairs[j].Weight = v
				maxBin = max(maxBin, p.Pairs[j].Bin)
			case row[0] == 's':
				k := num(row, 1)
				sideTerms[k] = append(sideTerms[k], assign.Term{Pair: j, Coef: v})
				maxSide = max(maxSide, k)
			case row[0] == 'g':
				g := num(row, 1)
				groups[g] = append(groups[g], j)
				maxGroup = max(maxGroup, g)
			}
		case "RHS":
			v, err := strconv.ParseFloat(fs[2], 64)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", file, line, err)
			}
			switch row := fs[1]; row[0] {
			case 'b':
				binCap[num(row, 1)] = v
				maxBin = max(maxBin, num(row, 1))
			case 's':
				sideCap[num(row, 1)] = v
				maxSide = max(maxSide, num(row, 1))
			}
		case "BOUNDS":
			if fs[0] == "FX" {
				j := num(fs[2], 1)
				if fs[3] == "1" {
					p.Forced = append(p.Forced, j)
				} else {
					p.Forbidden = append(p.Forbidden, j)
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	p.Items = maxItem + 1
	p.Bins = make([]assign.Bin, maxBin+1)
	for b := range p.Bins {
		p.Bins[b].Capacity = binCap[b]
	}
	p.Side = make([]assign.Constraint, maxSide+1)
	for k := range p.Side {
		p.Side[k] = assign.Constraint{Capacity: sideCap[k], Terms: sideTerms[k]}
	}
	for g := 0; g <= maxGroup; g++ {
		p.Exclusive = append(p.Exclusive, groups[g])
	}
	return p, p.Validate()
}
