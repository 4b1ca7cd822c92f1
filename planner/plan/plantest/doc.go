// Package plantest holds what the tests of planning runs share: a
// plan.Store in memory, for runs and sweeps that need no database file
// (the command's tests run them against the real database).
package plantest
