// Package web is landplan's local web interface (`landplan serve`): a map
// of the parcels and the lots of a plan, coloured by status, supply mode or
// score, with hover and click details; the stored plans with their totals,
// sortable allocation tables, reasons and downloads; a plan run started
// from the page, one at a time, with live progress; scenarios made from a
// form over the policy settings; and plans compared side by side with a
// map of what moved. English and Chinese.
//
// A [Server] is an http.Handler built from injected parts ([Config]): a
// [Store] (plans, scenarios, parcels and proposals, implemented by package
// data), a [Runner] that makes and stores a plan, the base policy profile
// and an [Exporter] for the downloads. The package never touches the
// database itself. Every asset (templates, script, style sheet) is
// embedded; the map is drawn as SVG in the browser from the GeoJSON of GET
// /api/map, projected server-side to metres on a local plane, with no
// tiles and no network.
//
// # Security
//
// Without a token the server answers only to requests whose Host is a
// loopback name. With Config.Token every request must carry the token (the
// X-Landplan-Token header, or the cookie a first visit with ?token= sets).
// State-changing requests are POST only and need the CSRF token of the
// double-submit cookie (X-CSRF-Token header or csrf form field) and, when
// the browser sends one, a same-host Origin. Request bodies are limited
// (Config.MaxBody), SQL is never built here, panics are recovered and
// logged, and an internal error is answered with a plain message.
package web
