// Command serveload holds `landplan serve` under load on loopback and
// prints, per address, the p50, p99 and largest latency, the errors, and
// the server's peak resident memory.
//
//	go run ./scripts/serveload -landplan BIN -db FILE [-clients 100] [-requests 2000] [-plan plan-1]
//
// It starts BIN serve --db FILE on 127.0.0.1 with a free port, waits for
// its address, then for each address sends one request alone (the first
// builds what the server keeps; its time is printed) and then -requests
// requests over -clients concurrent clients, each waiting for its answer before it asks
// again, with keep-alive and Accept-Encoding: gzip as a browser sends
// them; any status but 200 or a transport error is an error. The server's
// resident memory is read from /proc every 20 ms and its peak (VmHWM) at
// the end. It never talks to anything but the loopback server it started,
// and stops it when done. scripts/serve-load.sh builds the 3 200-parcel
// database and runs it.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	bin := flag.String("landplan", "landplan", "landplan binary")
	db := flag.String("db", "", "database to serve (required)")
	clients := flag.Int("clients", 100, "concurrent clients")
	requests := flag.Int("requests", 2000, "requests per address")
	planID := flag.String("plan", "plan-1", "plan whose map and page are asked for")
	flag.Parse()
	if *db == "" || *clients < 1 || *requests < 1 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "serveload: want -db FILE, -clients ≥ 1 and -requests ≥ 1")
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*bin, *db, *clients, *requests, *planID); err != nil {
		fmt.Fprintln(os.Stderr, "serveload:", err)
		os.Exit(1)
	}
}

var addrRE = regexp.MustCompile(`http://127\.0\.0\.1:[0-9]+/`)

func run(bin, db string, clients, requests int, planID string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "serve", "--db", db, "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "LANDPLAN_TOKEN=")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}()
	base := ""
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if base = addrRE.FindString(sc.Text()); base != "" {
			break
		}
	}
	if base == "" {
		return fmt.Errorf("%s serve printed no loopback address", bin)
	}
	go io.Copy(io.Discard, stderr)

	var peak atomic.Int64
	stop := make(chan struct{})
	var sampler sync.WaitGroup
	sampler.Add(1)
	go func() {
		defer sampler.Done()
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			if kb, err := procKB(cmd.Process.Pid, "VmRSS"); err == nil && kb > peak.Load() {
				peak.Store(kb)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()

	tr := &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	client := &http.Client{Transport: tr, Timeout: time.Minute}
	fmt.Printf("server %s (pid %d) over %s; %d clients, %d requests per address\n", base, cmd.Process.Pid, db, clients, requests)
	fmt.Printf("%-26s %9s %9s %9s %9s %9s %7s %10s\n", "address", "first ms", "p50 ms", "p99 ms", "max ms", "req/s", "errors", "KiB/answer")
	failed := 0
	for _, path := range []string{"api/map?plan=" + planID, "plans/" + planID, "map?plan=" + planID, "plans", "api/map"} {
		// The first request alone: it builds what the server then keeps
		// (the map data, the plan page). The load follows.
		first := load(client, base+path, 1, 1)
		r := load(client, base+path, clients, requests)
		failed += r.errors + first.errors
		fmt.Printf("%-26s %9.1f %9.1f %9.1f %9.1f %9.0f %7d %10.1f\n", "/"+path, ms(first.q(1)), ms(r.q(0.50)), ms(r.q(0.99)), ms(r.q(1)), r.rate, r.errors, float64(r.bytes)/float64(max(1, requests-r.errors))/1024)
		if r.firstErr != "" {
			fmt.Printf("  first error: %s\n", r.firstErr)
		}
	}
	close(stop)
	sampler.Wait()
	hwm, err := procKB(cmd.Process.Pid, "VmHWM")
	if err != nil {
		return fmt.Errorf("reading the server's peak memory: %w", err)
	}
	fmt.Printf("server peak RSS %.1f MiB (VmHWM; sampled VmRSS peak %.1f MiB)\n", float64(hwm)/1024, float64(peak.Load())/1024)
	if failed > 0 {
		return fmt.Errorf("%d requests failed", failed)
	}
	return nil
}

// result is the latencies of one address's requests.
type result struct {
	lat      []time.Duration
	errors   int
	firstErr string
	bytes    int64
	rate     float64
}

// q returns the p quantile of the latencies (nearest rank).
func (r *result) q(p float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	i := int(p*float64(len(r.lat))+0.5) - 1
	return r.lat[min(max(i, 0), len(r.lat)-1)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// load sends n GETs of url over c clients.
func load(client *http.Client, url string, c, n int) *result {
	r := &result{}
	var mu sync.Mutex
	var next atomic.Int64
	var wg sync.WaitGroup
	t0 := time.Now()
	for range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(n) {
				req, _ := http.NewRequest("GET", url, nil)
				req.Header.Set("Accept-Encoding", "gzip")
				t := time.Now()
				resp, err := client.Do(req)
				var nb int64
				if err == nil {
					nb, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("status %s", resp.Status)
					}
				}
				d := time.Since(t)
				mu.Lock()
				if err != nil {
					r.errors++
					if r.firstErr == "" {
						r.firstErr = err.Error()
					}
				} else {
					r.lat = append(r.lat, d)
					r.bytes += nb
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	r.rate = float64(n) / time.Since(t0).Seconds()
	sort.Slice(r.lat, func(i, j int) bool { return r.lat[i] < r.lat[j] })
	return r
}

// procKB reads a kB field of /proc/PID/status.
func procKB(pid int, field string) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		}
	}
	return 0, fmt.Errorf("no %s in /proc/%d/status", field, pid)
}
