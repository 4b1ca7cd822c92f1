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
	m := newMPSModel(p)
	bw := bufio.NewWriterSize(w, 1<<16)
	m.writeHeader(bw)
	m.writeRows(bw)
	m.writeColumns(bw)
	m.writeRHS(bw)
	m.writeBounds(bw)
	bw.WriteString("ENDATA\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write MPS: %w", err)
	}
	return nil
}

// mpsEntry is one coefficient of a pair's column in a side or group row.
type mpsEntry struct {
	row  string
	coef float64
}

// mpsModel is a Problem arranged for writing as MPS: the number of pairs
// of each item and bin, the side constraints with an entry, and each pair
// p's side and group entries in constraint order, extra[start[p]:start[p+1]].
type mpsModel struct {
	p        *Problem
	itemDeg  []int
	binDeg   []int
	sideUsed []bool
	start    []int
	extra    []mpsEntry
}

// newMPSModel arranges the valid problem p for writing.
func newMPSModel(p *Problem) *mpsModel {
	np := len(p.Pairs)
	m := &mpsModel{p: p, itemDeg: make([]int, p.Items), binDeg: make([]int, len(p.Bins)), sideUsed: make([]bool, len(p.Side))}
	for _, pr := range p.Pairs {
		m.itemDeg[pr.Item]++
		m.binDeg[pr.Bin]++
	}
	// Pair → side and group entries, in constraint order.
	m.start = make([]int, np+1)
	for _, c := range p.Side {
		for _, t := range c.Terms {
			if t.Coef != 0 {
				m.start[t.Pair+1]++
			}
		}
	}
	for _, grp := range p.Exclusive {
		for _, q := range grp {
			m.start[q+1]++
		}
	}
	for j := 1; j <= np; j++ {
		m.start[j] += m.start[j-1]
	}
	m.extra = make([]mpsEntry, m.start[np])
	fill := append([]int(nil), m.start[:np]...)
	for k, c := range p.Side {
		for _, t := range c.Terms {
			if t.Coef != 0 {
				m.extra[fill[t.Pair]] = mpsEntry{"s" + strconv.Itoa(k), t.Coef}
				fill[t.Pair]++
				m.sideUsed[k] = true
			}
		}
	}
	for g, grp := range p.Exclusive {
		for _, q := range grp {
			m.extra[fill[q]] = mpsEntry{"g" + strconv.Itoa(g), 1}
			fill[q]++
		}
	}
	return m
}

// mpsNum formats a number for the MPS file, exactly.
func mpsNum(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// writeHeader writes the comments that describe the model and name the
// side constraints, then NAME and OBJSENSE.
func (m *mpsModel) writeHeader(bw *bufio.Writer) {
	p := m.p
	fmt.Fprintf(bw, "* landplan assignment model: %d items, %d bins, %d pairs, %d side constraints, %d exclusive groups\n",
		p.Items, len(p.Bins), len(p.Pairs), len(p.Side), len(p.Exclusive))
	fmt.Fprintf(bw, "* column x<p> is pair p; rows i<item>, b<bin>, s<side>, g<group>\n")
	for k, c := range p.Side {
		if c.Name != "" {
			fmt.Fprintf(bw, "* s%d: %s\n", k, commentSafe(c.Name))
		}
	}
	bw.WriteString("NAME assign\nOBJSENSE\n    MAX\n")
}

// writeRows writes the ROWS section: the objective and the ≤ rows with
// entries.
func (m *mpsModel) writeRows(bw *bufio.Writer) {
	bw.WriteString("ROWS\n N obj\n")
	for i, d := range m.itemDeg {
		if d > 0 {
			fmt.Fprintf(bw, " L i%d\n", i)
		}
	}
	for b, d := range m.binDeg {
		if d > 0 {
			fmt.Fprintf(bw, " L b%d\n", b)
		}
	}
	for k, used := range m.sideUsed {
		if used {
			fmt.Fprintf(bw, " L s%d\n", k)
		}
	}
	for g, grp := range m.p.Exclusive {
		if len(grp) > 0 {
			fmt.Fprintf(bw, " L g%d\n", g)
		}
	}
}

// writeColumns writes the COLUMNS section: one binary column per pair.
func (m *mpsModel) writeColumns(bw *bufio.Writer) {
	bw.WriteString("COLUMNS\n    MARKER 'MARKER' 'INTORG'\n")
	for j, pr := range m.p.Pairs {
		fmt.Fprintf(bw, "    x%d obj %s\n    x%d i%d 1\n", j, mpsNum(pr.Value), j, pr.Item)
		if pr.Weight != 0 {
			fmt.Fprintf(bw, "    x%d b%d %s\n", j, pr.Bin, mpsNum(pr.Weight))
		}
		for _, e := range m.extra[m.start[j]:m.start[j+1]] {
			fmt.Fprintf(bw, "    x%d %s %s\n", j, e.row, mpsNum(e.coef))
		}
	}
	bw.WriteString("    MARKER 'MARKER' 'INTEND'\n")
}

// writeRHS writes the RHS section: the right-hand side of every row
// written.
func (m *mpsModel) writeRHS(bw *bufio.Writer) {
	bw.WriteString("RHS\n")
	for i, d := range m.itemDeg {
		if d > 0 {
			fmt.Fprintf(bw, "    rhs i%d 1\n", i)
		}
	}
	for b, d := range m.binDeg {
		if d > 0 {
			fmt.Fprintf(bw, "    rhs b%d %s\n", b, mpsNum(m.p.Bins[b].Capacity))
		}
	}
	for k, used := range m.sideUsed {
		if used {
			fmt.Fprintf(bw, "    rhs s%d %s\n", k, mpsNum(m.p.Side[k].Capacity))
		}
	}
	for g, grp := range m.p.Exclusive {
		if len(grp) > 0 {
			fmt.Fprintf(bw, "    rhs g%d 1\n", g)
		}
	}
}

// writeBounds writes the BOUNDS section: each column binary, fixed to 1
// when forced and to 0 when forbidden.
func (m *mpsModel) writeBounds(bw *bufio.Writer) {
	p := m.p
	bw.WriteString("BOUNDS\n")
	forced := make([]bool, len(p.Pairs))
	forbidden := make([]bool, len(p.Pairs))
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
}

func commentSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}
