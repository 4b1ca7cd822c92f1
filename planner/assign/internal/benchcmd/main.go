// Command benchcmd generates an instance with assign.GenerateInstance,
// optionally writes it as MPS, solves it with assign.Solve and prints one
// line of JSON with the objective, bound, gap, status and timings. The
// script scripts/bench-assign.sh runs it beside HiGHS, cbc and glpsol.
// With -orlib it solves the problems of an OR-Library GAP file instead.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/landplan/landplan/planner/assign"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "benchcmd:", err)
		os.Exit(1)
	}
}

// run generates an instance from the flags, solves it and prints the
// result.
//
// Complexity: the benchmark command's flags and output, one after another;
// a tool, not the product.
func run() error {
	var cfg assign.InstanceConfig
	flag.IntVar(&cfg.Bins, "bins", 1000, "parcels")
	flag.IntVar(&cfg.Items, "items", 300, "proposals")
	flag.IntVar(&cfg.Candidates, "cand", 170, "candidate parcels per proposal")
	flag.Uint64Var(&cfg.Seed, "seed", 1, "generator seed")
	flag.Float64Var(&cfg.LandPressure, "pressure", 0, "land requested / land the quota and stock land can supply (0: quota share 0.35 of the request)")
	flag.Float64Var(&cfg.Breadth, "breadth", 0, "share of all parcels each proposal is eligible on (overrides -cand)")
	trace := flag.String("trace", "", "write \"seconds objective bound\" lines to this file as they move")
	mps := flag.String("mps", "", "write the instance as free MPS to this file")
	solve := flag.Bool("solve", true, "solve the instance")
	limit := flag.Duration("time", 10*time.Second, "time limit")
	gap := flag.Float64("gap", 0, "target relative gap (0: the package default, assign.DefaultTargetGap; negative: prove to 1e-9)")
	threads := flag.Int("threads", 2, "goroutines for the knapsacks")
	progress := flag.Bool("progress", false, "print progress lines on stderr")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the solve to this file")
	line := flag.Bool("line", false, "print one line \"objective bound gap seconds status\" instead of JSON")
	orlib := flag.String("orlib", "", "instead of generating, solve the OR-Library GAP file (gap1.txt … gap12.txt layout), one line per problem")
	flag.Parse()
	if *orlib != "" {
		return orlibGAP(*orlib, *limit, *gap)
	}

	t0 := time.Now()
	p, err := assign.GenerateInstance(cfg)
	if err != nil {
		return err
	}
	gen := time.Since(t0)
	if *mps != "" {
		f, err := os.Create(*mps)
		if err != nil {
			return err
		}
		if err := assign.WriteMPS(f, p); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	out := map[string]any{
		"bins": cfg.Bins, "items": cfg.Items, "pairs": len(p.Pairs), "seed": cfg.Seed,
		"generate_s": gen.Seconds(),
	}
	supply, requested := assign.LandSupply(p)
	out["land_pressure"] = requested / supply
	if *solve {
		s := &assign.Settings{TimeLimit: *limit, TargetGap: *gap, Threads: *threads}
		var tr *os.File
		if *trace != "" {
			if tr, err = os.Create(*trace); err != nil {
				return err
			}
			defer tr.Close()
		}
		s.Progress = func(pr assign.Progress) {
			if *progress {
				fmt.Fprintln(os.Stderr, pr)
			}
			if tr != nil {
				fmt.Fprintf(tr, "%.3f %.6f %.6f\n", pr.Elapsed.Seconds(), pr.Objective, pr.Bound)
			}
		}
		runtime.GC()
		if *cpuprofile != "" {
			f, err := os.Create(*cpuprofile)
			if err != nil {
				return err
			}
			defer f.Close()
			if err := pprof.StartCPUProfile(f); err != nil {
				return err
			}
			defer pprof.StopCPUProfile()
		}
		res, err := assign.Solve(context.Background(), p, s)
		if err != nil {
			return err
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		out["objective"] = res.Objective
		out["bound"] = res.Bound
		out["gap"] = res.Gap
		out["status"] = res.Status.String()
		out["solve_s"] = res.Stats.Elapsed.Seconds()
		out["root_bound"] = res.Stats.RootBound
		out["iterations"] = res.Stats.Iterations
		out["nodes"] = res.Stats.Nodes
		out["free_pairs"] = res.Stats.FreePairs
		out["fixed_by_reduced_cost"] = res.Stats.FixedByReducedCost
		out["chosen"] = len(res.Chosen)
		out["heap_sys_mib"] = float64(ms.HeapSys) / (1 << 20)
		if *line {
			_, err := fmt.Printf("%.6f %.6f %.6g %.3f %s\n", res.Objective, res.Bound, res.Gap,
				res.Stats.Elapsed.Seconds(), strings.ReplaceAll(res.Status.String(), " ", "_"))
			return err
		}
	}
	return json.NewEncoder(os.Stdout).Encode(out)
}
