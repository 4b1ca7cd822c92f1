// Package textout holds what the plan's text and JSON renderers
// (planner/explain, planner/compare) share: the choice between English
// and Chinese words (Tr), indented JSON (WriteJSON) and the check of the
// output format (CheckFormat), so that both say things the same way.
package textout
