package main

import (
	"flag"
	"io"
	"strings"
	"testing"
)

// TestMaxMemoryHelpHasNoNumber checks that --max-memory's help shows its
// rule, not a number read from the memory free when the help was asked for
// (which made the help of one command differ from call to call), and that
// the budget is the size given or, unset, the default of the moment.
func TestMaxMemoryHelpHasNoNumber(t *testing.T) {
	var f solverFlags
	fs := flag.NewFlagSet("plan", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f.add(fs, 0, 0, "")
	var b strings.Builder
	fs.SetOutput(&b)
	fs.PrintDefaults()
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.Contains(line, "max-memory") && strings.Contains(line, "MiB)") {
			t.Fatalf("help shows a number as --max-memory's default: %q", line)
		}
	}
	if got, want := f.maxMemory.bytes(), defaultMaxMemory(); (got == 0) != (want == 0) {
		t.Fatalf("unset budget %d, default now %d", got, want)
	}
	if err := fs.Parse([]string{"--max-memory", "4GiB"}); err != nil {
		t.Fatal(err)
	}
	if got := f.maxMemory.bytes(); got != 4<<30 {
		t.Fatalf("--max-memory 4GiB gives %d bytes", got)
	}
	if err := fs.Parse([]string{"--max-memory", "0"}); err != nil {
		t.Fatal(err)
	}
	if got := f.maxMemory.bytes(); got != 0 {
		t.Fatalf("--max-memory 0 gives %d bytes, want none", got)
	}
}
