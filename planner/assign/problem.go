package assign

import (
	"errors"
	"fmt"
	"math"
)

// Problem is a generalised assignment problem with side constraints:
// choose a set of candidate pairs (item, bin) of maximum total value such
// that every item is in at most one bin, the weights in every bin fit its
// capacity, every side constraint holds, forced pairs are chosen,
// forbidden pairs are not, and at most one pair of every exclusive group is
// chosen.
//
// All constraints are packing constraints (non-negative coefficients, ≤ a
// non-negative capacity), so choosing nothing but the forced pairs is
// feasible whenever any assignment is.
type Problem struct {
	// Items is the number of items, numbered 0 … Items-1.
	Items int
	// ItemNames optionally names the items in messages; when set its
	// length is Items.
	ItemNames []string
	// Bins are the bins, numbered by their position.
	Bins []Bin
	// Pairs are the candidate pairs, numbered by their position. Only
	// these pairs can be chosen.
	Pairs []Pair
	// Side are the side knapsack constraints over pairs.
	Side []Constraint
	// Forced lists pairs that must be chosen (signed contracts).
	Forced []int
	// Forbidden lists pairs that must not be chosen.
	Forbidden []int
	// Exclusive lists groups of pairs of which at most one is chosen.
	Exclusive [][]int
}

// Bin is a bin (a parcel) with a capacity (its area).
type Bin struct {
	// Name optionally names the bin in messages.
	Name string
	// Capacity bounds the total weight of the pairs chosen in the bin; it
	// is finite and non-negative.
	Capacity float64
}

// Pair is a candidate assignment of an item to a bin.
type Pair struct {
	// Item and Bin are the indices of the item and the bin.
	Item, Bin int
	// Value is what choosing the pair adds to the objective; it is finite
	// and may be negative (such a pair is chosen only when forced).
	Value float64
	// Weight is what the pair takes of the bin's capacity; it is finite
	// and non-negative.
	Weight float64
}

// Constraint is a side knapsack constraint Σ Coef·x[Pair] ≤ Capacity over
// some pairs, such as the year's new-land quota (the weights of the pairs
// on new land) or a cap per zone.
type Constraint struct {
	// Name names the constraint in messages and in the MPS file's
	// comments; it may be empty.
	Name string
	// Capacity is the right-hand side; it is finite and non-negative.
	Capacity float64
	// Terms are the constraint's non-zero coefficients; a pair appears at
	// most once.
	Terms []Term
}

// Term is one coefficient of a side constraint.
type Term struct {
	// Pair is the index of the pair.
	Pair int
	// Coef is the pair's coefficient; it is finite and non-negative.
	Coef float64
}

// ErrInvalid is wrapped by every error Solve and WriteMPS return for a
// malformed problem.
var ErrInvalid = errors.New("invalid assignment problem")

// InputError reports a malformed problem: what is wrong and where.
type InputError struct {
	// Where locates the fault, e.g. `pair 17` or `side constraint "quota"`.
	Where string
	// Msg says what is wrong.
	Msg string
}

// Error returns "invalid assignment problem: where: msg".
func (e *InputError) Error() string {
	return fmt.Sprintf("%v: %s: %s", ErrInvalid, e.Where, e.Msg)
}

// Unwrap returns ErrInvalid.
func (e *InputError) Unwrap() error { return ErrInvalid }

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// Validate checks the problem's form: sizes, indices in range, finite
// numbers, non-negative weights, capacities and coefficients, a pair at most
// once per constraint and per exclusive group. It does not check
// feasibility; Solve reports infeasibility as a Status. The first fault
// found is returned as an *InputError; all faults are joined with
// errors.Join when there are several (at most 20 are listed).
func (p *Problem) Validate() error {
	if p == nil {
		return &InputError{Where: "problem", Msg: "is nil"}
	}
	v := &validation{p: p, seen: make([]int32, len(p.Pairs))}
	if p.Items < 0 {
		v.add("problem", "negative number of items %d", p.Items)
		return errors.Join(v.errs...)
	}
	if p.ItemNames != nil && len(p.ItemNames) != p.Items {
		v.add("problem", "%d item names for %d items", len(p.ItemNames), p.Items)
	}
	for _, check := range []func() bool{v.bins, v.pairs, v.side, v.fixed, v.groups} {
		if !check() {
			break
		}
	}
	return errors.Join(v.errs...)
}

// validation collects the faults Validate finds in p, at most 20. Each
// check returns false when the limit is reached.
type validation struct {
	p    *Problem
	errs []error
	// seen stamps each pair with the last list that named it, +1, to
	// find a pair listed twice in one constraint or group.
	seen  []int32
	stamp int32
}

// add records a fault and reports whether there is room for more.
func (v *validation) add(where, format string, args ...any) bool {
	v.errs = append(v.errs, &InputError{Where: where, Msg: fmt.Sprintf(format, args...)})
	return len(v.errs) < 20
}

// bins checks the bin capacities.
func (v *validation) bins() bool {
	for b, bin := range v.p.Bins {
		if !finite(bin.Capacity) || bin.Capacity < 0 {
			if !v.add(v.p.binWhere(b), "capacity %v is not a finite non-negative number", bin.Capacity) {
				return false
			}
		}
	}
	return true
}

// pairs checks each pair's item, bin, value and weight.
func (v *validation) pairs() bool {
	p := v.p
	for i, pr := range p.Pairs {
		ok := true
		switch {
		case pr.Item < 0 || pr.Item >= p.Items:
			ok = v.add(fmt.Sprintf("pair %d", i), "unknown item %d (there are %d items)", pr.Item, p.Items)
		case pr.Bin < 0 || pr.Bin >= len(p.Bins):
			ok = v.add(fmt.Sprintf("pair %d", i), "unknown bin %d (there are %d bins)", pr.Bin, len(p.Bins))
		case !finite(pr.Value):
			ok = v.add(p.pairWhere(i), "value %v is not finite", pr.Value)
		case !finite(pr.Weight) || pr.Weight < 0:
			ok = v.add(p.pairWhere(i), "weight %v is not a finite non-negative number", pr.Weight)
		}
		if !ok {
			return false
		}
	}
	return true
}

// side checks each side constraint's capacity and terms.
func (v *validation) side() bool {
	p := v.p
	for k, c := range p.Side {
		v.stamp++
		where := p.sideWhere(k)
		if !finite(c.Capacity) || c.Capacity < 0 {
			if !v.add(where, "capacity %v is not a finite non-negative number", c.Capacity) {
				return false
			}
		}
		for j, t := range c.Terms {
			ok := true
			switch {
			case t.Pair < 0 || t.Pair >= len(p.Pairs):
				ok = v.add(where, "term %d names unknown pair %d (there are %d pairs)", j, t.Pair, len(p.Pairs))
			case !finite(t.Coef) || t.Coef < 0:
				ok = v.add(where, "term %d (pair %d): coefficient %v is not a finite non-negative number", j, t.Pair, t.Coef)
			case v.seen[t.Pair] == v.stamp:
				ok = v.add(where, "term %d: pair %d is listed twice", j, t.Pair)
			default:
				v.seen[t.Pair] = v.stamp
			}
			if !ok {
				return false
			}
		}
	}
	return true
}

// fixed checks that the forced and forbidden pairs exist.
func (v *validation) fixed() bool {
	np := len(v.p.Pairs)
	for j, f := range v.p.Forced {
		if f < 0 || f >= np {
			if !v.add(fmt.Sprintf("forced[%d]", j), "unknown pair %d (there are %d pairs)", f, np) {
				return false
			}
		}
	}
	for j, f := range v.p.Forbidden {
		if f < 0 || f >= np {
			if !v.add(fmt.Sprintf("forbidden[%d]", j), "unknown pair %d (there are %d pairs)", f, np) {
				return false
			}
		}
	}
	return true
}

// groups checks that each exclusive group's members exist, each once.
func (v *validation) groups() bool {
	np := len(v.p.Pairs)
	for g, grp := range v.p.Exclusive {
		v.stamp++
		for j, q := range grp {
			ok := true
			switch {
			case q < 0 || q >= np:
				ok = v.add(fmt.Sprintf("exclusive group %d", g), "member %d names unknown pair %d (there are %d pairs)", j, q, np)
			case v.seen[q] == v.stamp:
				ok = v.add(fmt.Sprintf("exclusive group %d", g), "member %d: pair %d is listed twice", j, q)
			default:
				v.seen[q] = v.stamp
			}
			if !ok {
				return false
			}
		}
	}
	return true
}

func (p *Problem) itemWhere(i int) string {
	if i >= 0 && i < len(p.ItemNames) && p.ItemNames[i] != "" {
		return fmt.Sprintf("item %d (%q)", i, p.ItemNames[i])
	}
	return fmt.Sprintf("item %d", i)
}

func (p *Problem) binWhere(b int) string {
	if b >= 0 && b < len(p.Bins) && p.Bins[b].Name != "" {
		return fmt.Sprintf("bin %d (%q)", b, p.Bins[b].Name)
	}
	return fmt.Sprintf("bin %d", b)
}

func (p *Problem) sideWhere(k int) string {
	if p.Side[k].Name != "" {
		return fmt.Sprintf("side constraint %d (%q)", k, p.Side[k].Name)
	}
	return fmt.Sprintf("side constraint %d", k)
}

func (p *Problem) pairWhere(i int) string {
	pr := p.Pairs[i]
	if pr.Item < 0 || pr.Item >= p.Items || pr.Bin < 0 || pr.Bin >= len(p.Bins) {
		return fmt.Sprintf("pair %d", i)
	}
	return fmt.Sprintf("pair %d (%s in %s)", i, p.itemWhere(pr.Item), p.binWhere(pr.Bin))
}
