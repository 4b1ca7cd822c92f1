package assign

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// WriteMPS writes the problem as a free-format MPS mixed-integer program
// for any MIP solver to check an objective and a bound: OBJSENSE MAX, the
// objective row "obj", one binary column "x<p>" per pair p (integer
// markers, bounds UP 1; forced pairs FX 1, forbidden FX 0), and ≤ rows
// "i<i>" (Σ x ≤ 1 over each item's pairs), "b<b>" (bin capacities),
// "s<k>" (side constraints) and "g<g>" (exclusive groups). Rows with no
// entries (vacuous, since right-hand sides are non-negative) are left out;
// comments at the top name the side constraints. The objective and
// constraints are exactly those Solve maximises; column x<p> is pair p.
func WriteMPS(w io.Writer, p *Problem) error {
	if err := p.Validate(); err != nil {
		return err
	}
	np := len(p.Pairs)
	itemDeg := make([]int, p.Items)
	binDeg := make([]int, len(p.Bins))
	for _, pr := range p.Pairs {
		itemDeg[pr.Item]++
		binDeg[pr.Bin]++
	}
	type entry struct {
		row  string
		coef float64
	}
	// Pair → side and group entries, in constraint order.
	sideCount := make([]int, np+1)
	for _, c := range p.Side {
		for _, t := range c.Terms {
			if t.Coef != 0 {
				sideCount[t.Pair+1]++
			}
		}
	}
	for _, grp := range p.Exclusive {
		for _, q := range grp {
			sideCount[q+1]++
		}
	}
	for j := 1; j <= np; j++ {
		sideCount[j] += sideCount[j-1]
	}
	extra := make([]entry, sideCount[np])
	fill := append([]int(nil), sideCount[:np]...)
	sideUsed := make([]bool, len(p.Side))
	for k, c := range p.Side {
		for _, t := range c.Terms {
			if t.Coef != 0 {
				extra[fill[t.Pair]] = entry{"s" + strconv.Itoa(k), t.Coef}
				fill[t.Pair]++
				sideUsed[k] = true
			}
		}
	}
	for g, grp := range p.Exclusive {
		for _, q := range grp {
			extra[fill[q]] = entry{"g" + strconv.Itoa(g), 1}
			fill[q]++
		}
	}

	bw := bufio.NewWriterSize(w, 1<<16)
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	fmt.Fprintf(bw, "* landplan assignment model: %d items, %d bins, %d pairs, %d side constraints, %d exclusive groups\n",
		p.Items, len(p.Bins), np, len(p.Side), len(p.Exclusive))
	fmt.Fprintf(bw, "* column x<p> is pair p; rows i<item>, b<bin>, s<side>, g<group>\n")
	for k, c := range p.Side {
		if c.Name != "" {
			fmt.Fprintf(bw, "* s%d: %s\n", k, commentSafe(c.Name))
		}
	}
	bw.WriteString("NAME assign\nOBJSENSE\n    MAX\nROWS\n N obj\n")
	for i, d := range itemDeg {
		if d > 0 {
			fmt.Fprintf(bw, " L i%d\n", i)
		}
	}
	for b, d := range binDeg {
		if d > 0 {
			fmt.Fprintf(bw, " L b%d\n", b)
		}
	}
	for k, used := range sideUsed {
		if used {
			fmt.Fprintf(bw, " L s%d\n", k)
		}
	}
	for g, grp := range p.Exclusive {
		if len(grp) > 0 {
			fmt.Fprintf(bw, " L g%d\n", g)
		}
	}
	bw.WriteString("COLUMNS\n    MARKER 'MARKER' 'INTORG'\n")
	for j, pr := range p.Pairs {
		fmt.Fprintf(bw, "    x%d obj %s\n    x%d i%d 1\n", j, num(pr.Value), j, pr.Item)
		if pr.Weight != 0 {
			fmt.Fprintf(bw, "    x%d b%d %s\n", j, pr.Bin, num(pr.Weight))
		}
		for _, e := range extra[sideCount[j]:sideCount[j+1]] {
			fmt.Fprintf(bw, "    x%d %s %s\n", j, e.row, num(e.coef))
		}
	}
	bw.WriteString("    MARKER 'MARKER' 'INTEND'\nRHS\n")
	for i, d := range itemDeg {
		if d > 0 {
			fmt.Fprintf(bw, "    rhs i%d 1\n", i)
		}
	}
	for b, d := range binDeg {
		if d > 0 {
			fmt.Fprintf(bw, "    rhs b%d %s\n", b, num(p.Bins[b].Capacity))
		}
	}
	for k, used := range sideUsed {
		if used {
			fmt.Fprintf(bw, "    rhs s%d %s\n", k, num(p.Side[k].Capacity))
		}
	}
	for g, grp := range p.Exclusive {
		if len(grp) > 0 {
			fmt.Fprintf(bw, "    rhs g%d 1\n", g)
		}
	}
	bw.WriteString("BOUNDS\n")
	forced := make([]bool, np)
	forbidden := make([]bool, np)
	for _, q := range p.Forced {
		forced[q] = true
	}
	for _, q := range p.Forbidden {
		forbidden[q] = true
	}
	for j := range p.Pairs {
		switch {
		case forced[j] && forbidden[j]:
			// Contradictory bounds: the model is infeasible, as the input is.
			fmt.Fprintf(bw, " LO bnd x%d 1\n UP bnd x%d 0\n", j, j)
		case forced[j]:
			fmt.Fprintf(bw, " FX bnd x%d 1\n", j)
		case forbidden[j]:
			fmt.Fprintf(bw, " FX bnd x%d 0\n", j)
		default:
			fmt.Fprintf(bw, " UP bnd x%d 1\n", j)
		}
	}
	bw.WriteString("ENDATA\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write MPS: %w", err)
	}
	return nil
}

func commentSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}
