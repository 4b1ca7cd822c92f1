package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/landplan/landplan/planner"
)

// slowStore counts and slows the reads of the parcels, so that requests
// arriving together overlap one build of the map.
type slowStore struct {
	*memStore
	reads   atomic.Int64
	version atomic.Value
}

func (s *slowStore) Parcels(ctx context.Context) ([]planner.Parcel, error) {
	s.reads.Add(1)
	time.Sleep(50 * time.Millisecond)
	return s.memStore.Parcels(ctx)
}

func (s *slowStore) ParcelsVersion(ctx context.Context) (string, error) {
	v, _ := s.version.Load().(string)
	return v, nil
}

func TestMapDataIsBuiltOncePerPlanAndLanguage(t *testing.T) {
	st := &slowStore{memStore: fixtureStore()}
	st.version.Store("v1")
	ts := newTestServer(t, nil, func(c *Config) { c.Store = st })

	// 40 requests at once: one build.
	var wg sync.WaitGroup
	bodies := make([]string, 40)
	for i := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := ts.do("GET", "/api/map?plan=plan-1&lang=en", "", "", false, nil)
			if w.Code != http.StatusOK {
				t.Errorf("status %d", w.Code)
			}
			bodies[i] = w.Body.String()
		}()
	}
	wg.Wait()
	if n := st.reads.Load(); n != 1 {
		t.Errorf("40 concurrent requests read the parcels %d times, want 1", n)
	}
	for _, b := range bodies[1:] {
		if b != bodies[0] {
			t.Fatal("concurrent requests got different map data")
		}
	}
	// Another language and another plan are other builds; the same again
	// is none.
	ts.do("GET", "/api/map?plan=plan-1&lang=zh", "", "", false, nil)
	ts.do("GET", "/api/map?plan=plan-2&lang=en", "", "", false, nil)
	ts.do("GET", "/api/map?plan=plan-1&lang=en", "", "", false, nil)
	if n := st.reads.Load(); n != 3 {
		t.Errorf("after two other maps and a repeat, %d builds, want 3", n)
	}
	// New parcels: built again.
	st.version.Store("v2")
	ts.do("GET", "/api/map?plan=plan-1&lang=en", "", "", false, nil)
	if n := st.reads.Load(); n != 4 {
		t.Errorf("after the parcels changed, %d builds, want 4", n)
	}
}

func TestCachedAnswersRevalidateAndCompress(t *testing.T) {
	ts := newTestServer(t, nil, nil)
	for _, target := range []string{"/api/map?plan=plan-1", "/plans/plan-1?lang=en"} {
		w := ts.do("GET", target, "", "", false, nil)
		etag := w.Header().Get("ETag")
		if w.Code != http.StatusOK || len(etag) < 10 || w.Header().Get("Cache-Control") != "private, no-cache" {
			t.Fatalf("%s: status %d, ETag %q, Cache-Control %q", target, w.Code, etag, w.Header().Get("Cache-Control"))
		}
		plain := w.Body.Bytes()
		if w := ts.do("GET", target, "", "", false, map[string]string{"If-None-Match": etag}); w.Code != http.StatusNotModified || w.Body.Len() != 0 {
			t.Errorf("%s with If-None-Match: status %d, %d bytes", target, w.Code, w.Body.Len())
		}
		if w := ts.do("GET", target, "", "", false, map[string]string{"If-None-Match": `"other"`}); w.Code != http.StatusOK {
			t.Errorf("%s with another ETag: status %d", target, w.Code)
		}
		w = ts.do("GET", target, "", "", false, map[string]string{"Accept-Encoding": "gzip, br"})
		if w.Header().Get("Content-Encoding") != "gzip" {
			t.Fatalf("%s: Content-Encoding %q", target, w.Header().Get("Content-Encoding"))
		}
		zr, err := gzip.NewReader(w.Body)
		if err != nil {
			t.Fatal(err)
		}
		unz, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(unz, plain) {
			t.Errorf("%s: the gzipped answer is not the plain one (%v)", target, err)
		}
		if w := ts.do("GET", target, "", "", false, map[string]string{"Accept-Encoding": "gzip", "If-None-Match": w.Header().Get("ETag")}); w.Code != http.StatusNotModified {
			t.Errorf("%s gzipped with If-None-Match: status %d", target, w.Code)
		}
	}
}

func TestBlobCacheRetriesAFailedBuild(t *testing.T) {
	var c blobCache
	calls := 0
	build := func() (*blob, error) {
		calls++
		if calls == 1 {
			return nil, io.ErrUnexpectedEOF
		}
		return newBlob([]byte("ok"), "text/plain"), nil
	}
	if _, err := c.get("k", build); err == nil {
		t.Fatal("the failed build gave no error")
	}
	if b, err := c.get("k", build); err != nil || string(b.body) != "ok" || calls != 2 {
		t.Fatalf("after a failed build: %v, %d calls", err, calls)
	}
	for i := range blobCacheSize + 5 {
		c.get(string(rune('a'+i)), func() (*blob, error) { return newBlob([]byte{byte(i)}, "x"), nil })
	}
	if len(c.m) > blobCacheSize || len(c.order) != len(c.m) {
		t.Errorf("%d entries kept, %d in order; at most %d", len(c.m), len(c.order), blobCacheSize)
	}
}
