package main

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"time"
)

// solverFlags are the flags that bound a planning run: --time-limit,
// --gap and --max-memory, shared by plan, demo and serve.
type solverFlags struct {
	timeLimit time.Duration
	gap       float64
	maxMemory byteSize
}

// add defines the flags on fs with the defaults defaultTime and
// defaultGap.
func (f *solverFlags) add(fs *flag.FlagSet, defaultTime time.Duration, defaultGap float64, what string) {
	fs.DurationVar(&f.timeLimit, "time-limit", defaultTime, "solver time limit"+what)
	fs.Float64Var(&f.gap, "gap", defaultGap, "stop once the proven relative gap is at most this (0 ≤ gap < 1; 0: proven optimal)")
	fs.Var(&f.maxMemory, "max-memory", "memory budget of a run, e.g. 4GiB or 512MiB (default: three quarters of the memory available when the run starts; 0: none)")
}

// check refuses a non-positive time limit and a gap outside [0, 1).
func (f *solverFlags) check() error {
	if err := checkTimeLimit(f.timeLimit); err != nil {
		return err
	}
	return checkGap(f.gap)
}

// checkGap refuses a --gap below 0, at or above 1, or not a number.
func checkGap(g float64) error {
	if math.IsNaN(g) || g < 0 || g >= 1 {
		return usageBoth("--gap %v: want a relative gap of at least 0 and below 1, e.g. 0.0001 for 0.01%% (0: proven optimal)", "--gap %v 无效：相对间隙应不小于 0 且小于 1，如 0.0001 即 0.01%%（0：证明最优）", g)
	}
	return nil
}

// targetGap is plan.Settings.TargetGap for a --gap: 0 asks for a proof.
func targetGap(g float64) float64 {
	if g == 0 {
		return -1
	}
	return g
}

// byteSize is a --max-memory value in bytes. Until the flag is given it
// holds nothing, and bytes gives the default of the moment the run starts,
// so that help texts do not change with the memory free.
type byteSize struct {
	n   int64
	set bool
}

// String is the size given, in MiB, or "" when none was given.
func (b *byteSize) String() string {
	switch {
	case b == nil || !b.set:
		return ""
	case b.n == 0:
		return "0"
	}
	return fmt.Sprintf("%dMiB", b.n>>20)
}

// bytes is the budget in bytes: the size given, or three quarters of the
// memory available now when none was given (0: no budget).
func (b *byteSize) bytes() int64 {
	if b.set {
		return b.n
	}
	return defaultMaxMemory()
}

// Set reads a size: a number with an optional unit B, K/KiB, M/MiB, G/GiB
// or T/TiB (powers of 1024; KB, MB, GB and TB read alike).
func (b *byteSize) Set(s string) error {
	t := strings.TrimSpace(s)
	i := len(t)
	for i > 0 && (t[i-1] < '0' || t[i-1] > '9') && t[i-1] != '.' {
		i--
	}
	num, unit := t[:i], strings.ToUpper(strings.TrimSpace(t[i:]))
	mult := map[string]float64{"": 1, "B": 1, "K": 1 << 10, "KB": 1 << 10, "KIB": 1 << 10, "M": 1 << 20, "MB": 1 << 20, "MIB": 1 << 20,
		"G": 1 << 30, "GB": 1 << 30, "GIB": 1 << 30, "T": 1 << 40, "TB": 1 << 40, "TIB": 1 << 40}[unit]
	x, err := strconv.ParseFloat(num, 64)
	if err != nil || mult == 0 || x < 0 || math.IsInf(x*mult, 0) || x*mult > math.MaxInt64/2 {
		return fmt.Errorf("%q: want a size such as 4GiB, 512MiB or 0 for none", s)
	}
	if x > 0 && x*mult < 64<<20 {
		return fmt.Errorf("%q: a budget below 64MiB leaves no room for a run", s)
	}
	*b = byteSize{n: int64(x * mult), set: true}
	return nil
}

// defaultMaxMemory is three quarters of the memory the system reports
// available (MemAvailable in /proc/meminfo), or 0 (no budget) where it
// cannot be read.
func defaultMaxMemory() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "MemAvailable:" {
			kb, err := strconv.ParseInt(fields[1], 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10 / 4 * 3
		}
	}
	return 0
}
