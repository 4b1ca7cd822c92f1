package geo

import (
	"fmt"
	"strings"

	"github.com/paulmach/orb"
)

// Feature is one polygon feature read from an input file, with its
// geometry normalised to a lon/lat MultiPolygon.
type Feature struct {
	// Index is the feature's 0-based position in the input.
	Index int
	// ID is the feature's "id" property as a string ("" when absent).
	ID string
	// Properties are the feature's properties as decoded from the input.
	Properties map[string]any
	// Geometry is the feature's geometry in lon/lat degrees; a Polygon is
	// wrapped as a one-polygon MultiPolygon. It is nil when
	// GeometryInvalid is set.
	Geometry orb.MultiPolygon
	// GeometryInvalid is set when the feature's geometry has problems,
	// which the reader reports itself; the feature is handed on only so
	// that its properties can be checked too.
	GeometryInvalid bool
}

// Problem is one thing wrong with an input, saying where.
type Problem struct {
	// Feature is the 0-based feature index, or -1 for the file as a whole.
	Feature int
	// ID is the feature's id where known.
	ID string
	// Property is the property at fault ("geometry" for the geometry).
	Property string
	// Code is a stable machine name, e.g. "geometry.ring_not_closed".
	Code string
	// Message says what is wrong.
	Message string
}

// String formats the problem as `feature 17 (id "L0042"): property "geometry": message`,
// numbering features from 1 as a person counts them.
func (p Problem) String() string {
	var parts []string
	if p.Feature >= 0 {
		s := fmt.Sprintf("feature %d", p.Feature+1)
		if p.ID != "" {
			s += fmt.Sprintf(" (id %q)", p.ID)
		}
		parts = append(parts, s)
	}
	if p.Property != "" {
		parts = append(parts, fmt.Sprintf("property %q", p.Property))
	}
	parts = append(parts, p.Message)
	return strings.Join(parts, ": ")
}

// InputError reports every problem found in one input file.
type InputError struct {
	// File names the input ("" when unnamed).
	File string
	// Problems are the problems in the order found.
	Problems []Problem
	// Truncated is set when reading stopped at the problem limit, so more
	// problems may follow.
	Truncated bool
}

// Error lists the problems, one a line, each prefixed with the file name.
func (e *InputError) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("\n")
		}
		if e.File != "" {
			b.WriteString(e.File)
			b.WriteString(": ")
		}
		b.WriteString(p.String())
	}
	if e.Truncated {
		fmt.Fprintf(&b, "\n(stopped after %d problems; more may follow)", len(e.Problems))
	}
	return b.String()
}
