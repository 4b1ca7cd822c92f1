// Package gosrc reads the string literals of a package's Go source, for
// the tests that check every message format a package writes has its
// Chinese form: which literal is passed to which call, and where.
package gosrc
