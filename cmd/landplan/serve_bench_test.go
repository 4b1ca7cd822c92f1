package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"
)

// loadClients is the number of concurrent clients of BenchmarkServeLoad.
const loadClients = 100

// BenchmarkServeLoad holds the web interface, served over the demo
// database on loopback, under 100 concurrent clients: b.N requests per
// page spread over the clients, each client waiting for its answer before
// it asks again. It reports the p50 and p99 latency of a request.
//
//	go test ./cmd/landplan -run '^$' -bench ServeLoad -benchtime 2000x
func BenchmarkServeLoad(b *testing.B) {
	dir := b.TempDir()
	var errb syncBuffer
	if code := Run(context.Background(), []string{"demo", "--out", dir, "--time-limit", "20s"}, io.Discard, &errb); code != 0 {
		b.Fatalf("demo: exit %d\n%s", code, errb.String())
	}
	m := NewMain(io.Discard, os.Stderr)
	m.DBPath = filepath.Join(dir, "landplan.gpkg")
	defer m.Close()
	db, err := m.openDB(false)
	if err != nil {
		b.Fatal(err)
	}
	srv, err := m.newWebServer(db, serveOptions{timeLimit: 20 * time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	ts := httptest.NewServer(srv) // listens on 127.0.0.1
	defer ts.Close()
	tr := &http.Transport{MaxIdleConns: loadClients, MaxIdleConnsPerHost: loadClients}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr, Timeout: time.Minute}

	for _, page := range []struct{ name, path string }{
		{"map-data", "/api/map?plan=plan-1"},
		{"map-page", "/map?plan=plan-1"},
		{"plan-page", "/plans/plan-1"},
		{"plans-page", "/plans"},
	} {
		b.Run(page.name, func(b *testing.B) {
			lat := make([]time.Duration, b.N)
			var next int
			var mu sync.Mutex
			var wg sync.WaitGroup
			b.ResetTimer()
			for range loadClients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						mu.Lock()
						i := next
						next++
						mu.Unlock()
						if i >= b.N {
							return
						}
						t0 := time.Now()
						resp, err := c.Get(ts.URL + page.path)
						if err != nil {
							b.Error(err)
							return
						}
						io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						lat[i] = time.Since(t0)
						if resp.StatusCode != 200 {
							b.Errorf("%s: status %d", page.path, resp.StatusCode)
							return
						}
					}
				}()
			}
			wg.Wait()
			b.StopTimer()
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			q := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
			b.ReportMetric(q(0.50), "p50-ms")
			b.ReportMetric(q(0.99), "p99-ms")
		})
	}
}
