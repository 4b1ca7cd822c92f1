// Command lazycmd generates an instance with assign.GenerateLazy (pairs
// computed on demand, never held), solves it with assign.SolveLazy and
// prints one line of JSON: objective, bound, gap, pairs eligible and
// held, pricing passes, timings and the Go runtime's peak memory.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"time"

	"github.com/landplan/landplan/planner/assign"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "lazycmd:", err)
		os.Exit(1)
	}
}

func run() error {
	var cfg assign.InstanceConfig
	flag.IntVar(&cfg.Bins, "bins", 100000, "parcels")
	flag.IntVar(&cfg.Items, "items", 10000, "proposals")
	flag.IntVar(&cfg.Candidates, "cand", 2300, "candidate parcels per proposal")
	flag.Uint64Var(&cfg.Seed, "seed", 1, "generator seed")
	flag.Float64Var(&cfg.LandPressure, "pressure", 2.5, "land requested / land the quota and stock land can supply")
	limit := flag.Duration("time", 120*time.Second, "time limit of the whole run")
	gap := flag.Float64("gap", 0.01, "target relative gap")
	keep := flag.Int("keep", 0, "pairs added per item and pricing pass (0: the default)")
	maxHeld := flag.Int("max-held", 0, "most pairs held (0: the default)")
	progress := flag.Bool("progress", false, "print the restricted solves' progress on stderr")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile to this file")
	flag.Parse()

	var peak uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64()-s[1].Value.Uint64())
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
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
	t0 := time.Now()
	lp, err := assign.GenerateLazy(cfg)
	if err != nil {
		return err
	}
	gen := time.Since(t0)
	s := &assign.LazySettings{Settings: assign.Settings{TimeLimit: *limit - gen, TargetGap: *gap}, Keep: *keep, MaxHeld: *maxHeld}
	if *progress {
		s.Progress = func(p assign.Progress) { fmt.Fprintln(os.Stderr, p) }
	}
	res, err := assign.SolveLazy(context.Background(), lp, s)
	if err != nil {
		return err
	}
	close(stop)
	<-done
	var solves []map[string]any
	for _, r := range res.Solves {
		solves = append(solves, map[string]any{"pairs": r.Stats.Pairs, "objective": r.Objective, "bound": r.Bound, "stopped": r.Stopped.String(), "seconds": r.Stats.Elapsed.Seconds()})
	}
	out := map[string]any{
		"bins": cfg.Bins, "items": cfg.Items, "candidates": cfg.Candidates, "pressure": cfg.LandPressure, "seed": cfg.Seed,
		"objective": res.Objective, "bound": res.Bound, "gap": res.Gap, "bound_method": res.BoundMethod, "pricing_bound": res.PricingBound,
		"status": res.Status.String(), "stopped": res.Stopped.String(),
		"pairs_eligible": res.PairsEligible, "pairs_held": res.PairsHeld, "passes": res.Passes, "rounds": res.Rounds,
		"generate_s": gen.Seconds(), "solve_s": res.Elapsed.Seconds(), "total_s": time.Since(t0).Seconds(),
		"peak_go_mib": peak >> 20, "gomaxprocs": runtime.GOMAXPROCS(0), "solves": solves,
	}
	return json.NewEncoder(os.Stdout).Encode(out)
}
