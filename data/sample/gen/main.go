// Command gen writes a generated landplan instance: parcels.geojson and
// proposals.csv in the output directory.
//
//	go run ./data/sample/gen -parcels 100000 -proposals 10000 -seed 1 -out DIR
//
// `go generate ./data/sample` runs it to regenerate the embedded sample.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/landplan/landplan/data/sample/synth"
)

// The output file names, as package sample embeds them.
const (
	parcelsFile   = "parcels.geojson"
	proposalsFile = "proposals.csv"
)

func main() {
	var cfg synth.Config
	flag.IntVar(&cfg.Parcels, "parcels", 320, "number of parcels")
	flag.IntVar(&cfg.Proposals, "proposals", 120, "number of proposals")
	flag.Uint64Var(&cfg.Seed, "seed", 2022, "random seed")
	out := flag.String("out", ".", "output directory")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "gen: unexpected arguments %q\n", flag.Args())
		flag.Usage()
		os.Exit(2)
	}
	if err := run(cfg, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// run writes both files through temporary files renamed into place, so
// that an interrupted run leaves the previous files whole.
func run(cfg synth.Config, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	parcels, err := os.CreateTemp(dir, ".parcels-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(parcels.Name())
	proposals, err := os.CreateTemp(dir, ".proposals-*.tmp")
	if err != nil {
		parcels.Close()
		return err
	}
	defer os.Remove(proposals.Name())
	werr := synth.Write(cfg, parcels, proposals)
	for _, f := range []*os.File{parcels, proposals} {
		if err := f.Close(); err != nil && werr == nil {
			werr = err
		}
	}
	if werr != nil {
		return werr
	}
	for _, f := range []struct{ tmp, name string }{{parcels.Name(), parcelsFile}, {proposals.Name(), proposalsFile}} {
		if err := os.Chmod(f.tmp, 0o644); err != nil {
			return err
		}
		if err := os.Rename(f.tmp, filepath.Join(dir, f.name)); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "gen: wrote %s and %s in %s\n", parcelsFile, proposalsFile, dir)
	return nil
}
