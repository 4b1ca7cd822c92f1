package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/landplan/landplan/planner/assign"
)

// orlibGAP reads a file of generalised assignment problems in the layout
// of Beasley's OR-Library (gap1.txt … gap12.txt: the number of problems,
// then for each "m n", m rows of n profits, m rows of n weights, m
// capacities), solves each as a maximisation in which every job must be
// placed, and prints one line per problem: name, objective, bound,
// status, nodes, seconds. Every job must take an agent: each profit is
// raised by a constant M larger than any total profit, so that an
// assignment of every job beats any other, and M·n is taken off again.
func orlibGAP(file string, limit time.Duration, gap float64) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	tok := strings.Fields(string(b))
	pos := 0
	next := func() (int, error) {
		if pos >= len(tok) {
			return 0, fmt.Errorf("%s: unexpected end of file", file)
		}
		v, err := strconv.Atoi(tok[pos])
		pos++
		if err != nil {
			return 0, fmt.Errorf("%s: word %d: %w", file, pos, err)
		}
		return v, nil
	}
	read := func(dst []int) error {
		for j := range dst {
			v, err := next()
			if err != nil {
				return err
			}
			dst[j] = v
		}
		return nil
	}
	count, err := next()
	if err != nil {
		return err
	}
	name := strings.TrimSuffix(file[strings.LastIndex(file, "/")+1:], ".txt")
	for k := 1; k <= count; k++ {
		var mn [2]int
		if err := read(mn[:]); err != nil {
			return err
		}
		m, n := mn[0], mn[1]
		prof := make([]int, m*n)
		w := make([]int, m*n)
		caps := make([]int, m)
		for _, s := range [][]int{prof, w, caps} {
			if err := read(s); err != nil {
				return err
			}
		}
		big := 1
		for _, v := range prof {
			big += max(v, 0)
		}
		p := &assign.Problem{Items: n}
		for i := 0; i < m; i++ {
			p.Bins = append(p.Bins, assign.Bin{Capacity: float64(caps[i])})
			for j := 0; j < n; j++ {
				p.Pairs = append(p.Pairs, assign.Pair{Item: j, Bin: i, Value: float64(prof[i*n+j] + big), Weight: float64(w[i*n+j])})
			}
		}
		res, err := assign.Solve(context.Background(), p, &assign.Settings{TimeLimit: limit, TargetGap: gap})
		if err != nil {
			return err
		}
		off := float64(n * big)
		placed := len(res.Chosen) == n
		fmt.Printf("%s-%d %dx%d objective %.0f bound %.3f all_placed %v %s nodes %d %.3fs\n", name, k, m, n,
			res.Objective-off, res.Bound-off, placed, strings.ReplaceAll(res.Stopped.String(), " ", "_"),
			res.Stats.Nodes, res.Stats.Elapsed.Seconds())
	}
	return nil
}
