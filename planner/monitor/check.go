package monitor

import (
	"fmt"

	"github.com/landplan/landplan/planner"
)

// Known is what performance rows are checked against: the stored
// proposals and parcels by id, the awards of the stored plans
// ("PROJECT@PARCEL") and, unless rows are to replace them, the rows
// already stored ("PROJECT@PARCEL/YEAR").
type Known struct {
	// Enterprises gives the enterprise a stored proposal names, by
	// proposal id ("" or absent when it names none).
	Enterprises map[string]string
	Projects    map[string]bool
	Parcels     map[string]bool
	Awards      map[string]bool
	Stored      map[string]bool
}

// StoredKey is the key of a row in Known.Stored.
func StoredKey(r Performance) string { return fmt.Sprintf("%s/%d", r.Key(), r.Year) }

// CheckRows checks rows read from file against what is stored: a project
// that is not a stored proposal, an enterprise other than the one the
// project's proposal names, a parcel that is not a stored parcel, a
// project and parcel that no stored plan awards, a row whose project,
// parcel and year are already stored. Every problem is returned in one
// *planner.Error of kind KindInvalid, each naming the file, the row and
// the column.
func CheckRows(file string, rows []Performance, k Known) error {
	var ds []planner.Diagnostic
	add := func(r Performance, col, code, format string, args ...any) {
		ds = append(ds, planner.Diagnostic{Severity: planner.SeverityError, Code: code, File: file,
			Location: fmt.Sprintf("row %d", r.Row), ID: r.Project, Property: col, Message: fmt.Sprintf(format, args...)})
	}
	for _, r := range rows {
		okQ, okX := k.Projects[r.Project], k.Parcels[r.Parcel]
		if !okQ {
			add(r, "project", "performance.project_unknown", "unknown project %q: not a stored proposal", r.Project)
		}
		if e := k.Enterprises[r.Project]; okQ && e != "" && r.Enterprise != "" && r.Enterprise != e {
			add(r, "enterprise", "performance.enterprise_unknown", "unknown enterprise %q: project %s belongs to %s", r.Enterprise, r.Project, e)
		}
		if !okX {
			add(r, "parcel", "performance.parcel_unknown", "unknown parcel %q: not a stored parcel", r.Parcel)
		}
		if okQ && okX && !k.Awards[r.Key()] {
			add(r, "parcel", "performance.not_awarded", "project %s was not awarded parcel %s in any stored plan", r.Project, r.Parcel)
		}
		if k.Stored[StoredKey(r)] {
			add(r, "year", "performance.stored", "project %s on parcel %s already has a stored row for %d (use --replace to replace it)", r.Project, r.Parcel, r.Year)
		}
	}
	if len(ds) == 0 {
		return nil
	}
	msg := fmt.Sprintf("%s: %d problem", file, len(ds))
	if len(ds) != 1 {
		msg += "s"
	}
	return &planner.Error{Kind: planner.KindInvalid, Msg: msg + " in the performance rows", Diagnostics: ds}
}
