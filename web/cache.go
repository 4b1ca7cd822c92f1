package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"sync"
)

// ParcelsVersioner is implemented by a Store that can tell cheaply when
// its parcels change (package data's DB does). The map data is cached
// per plan and language and, with a ParcelsVersioner, per version of the
// parcels; without one the parcels are taken to stay as they are while
// the server runs.
type ParcelsVersioner interface {
	// ParcelsVersion returns a text that changes whenever the parcels do.
	ParcelsVersion(ctx context.Context) (string, error)
}

// blob is a built answer kept in memory: its body, the body gzipped, its
// content type and its entity tag.
type blob struct {
	body  []byte
	gz    []byte
	ctype string
	etag  string // quoted, of the body; the gzipped body's is etag with "-gz"
}

// newBlob makes a blob of body: it hashes and gzips it once.
func newBlob(body []byte, ctype string) *blob {
	sum := sha256.Sum256(body)
	b := &blob{body: body, ctype: ctype, etag: hex.EncodeToString(sum[:12])}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(body)
	zw.Close()
	if buf.Len() < len(body) {
		b.gz = buf.Bytes()
	}
	return b
}

// blobCacheSize bounds the answers kept: map data of a large database is
// a few megabytes, gzipped a few hundred kilobytes.
const blobCacheSize = 24

// blobCache keeps built answers by key, least recently used dropped
// first, and builds each key once however many requests ask for it at the
// same time: the first builds, the others wait for its result.
type blobCache struct {
	mu    sync.Mutex
	m     map[string]*blobEntry
	order []string // least recently used first
}

// blobEntry is a cached answer, or one being built (done open).
type blobEntry struct {
	done chan struct{}
	b    *blob
	err  error
}

// get returns the answer of key, building it with build when it is not
// kept. A build that fails is not kept: the next request tries again.
func (c *blobCache) get(key string, build func() (*blob, error)) (*blob, error) {
	c.mu.Lock()
	if c.m == nil {
		c.m = map[string]*blobEntry{}
	}
	if e, ok := c.m[key]; ok {
		c.touch(key)
		c.mu.Unlock()
		<-e.done
		return e.b, e.err
	}
	e := &blobEntry{done: make(chan struct{})}
	c.m[key] = e
	c.order = append(c.order, key)
	for len(c.order) > blobCacheSize {
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
	c.mu.Unlock()

	func() {
		defer func() {
			if v := recover(); v != nil {
				e.err = errPanic{v}
			}
		}()
		e.b, e.err = build()
	}()
	close(e.done)
	if e.err != nil {
		c.mu.Lock()
		if c.m[key] == e {
			delete(c.m, key)
			c.drop(key)
		}
		c.mu.Unlock()
		if p, ok := e.err.(errPanic); ok {
			panic(p.v)
		}
	}
	return e.b, e.err
}

// errPanic carries a build's panic to its waiters as an error; the
// builder panics again after them.
type errPanic struct{ v any }

func (e errPanic) Error() string { return "web: building a cached answer panicked" }

// touch moves key to the most recently used end (c.mu held).
func (c *blobCache) touch(key string) {
	c.drop(key)
	c.order = append(c.order, key)
}

// drop removes key from the order (c.mu held).
func (c *blobCache) drop(key string) {
	for i, k := range c.order {
		if k == key {
			c.order = append(c.order[:i], c.order[i+1:]...)
			return
		}
	}
}

// serveBlob answers with b: 304 when the request's If-None-Match names
// it, gzipped when the client accepts gzip, always revalidated
// (Cache-Control: no-cache) since a new import may change it.
func serveBlob(w http.ResponseWriter, r *http.Request, b *blob) {
	h := w.Header()
	h.Set("Cache-Control", "private, no-cache")
	h.Set("Vary", "Accept-Encoding, Cookie")
	h.Set("Content-Type", b.ctype)
	body, etag := b.body, `"`+b.etag+`"`
	if b.gz != nil && acceptsGzip(r) {
		body, etag = b.gz, `"`+b.etag+`-gz"`
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("ETag", etag)
	if inm := r.Header.Get("If-None-Match"); inm != "" && etagMatch(inm, b.etag) {
		h.Del("Content-Encoding")
		h.Del("Content-Type")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Write(body)
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") {
			return strings.ReplaceAll(strings.TrimSpace(q), " ", "") != "q=0"
		}
	}
	return false
}

// etagMatch reports whether an If-None-Match header names the entity tag
// tag (bare) in either of its encodings, or is "*".
func etagMatch(inm, tag string) bool {
	for _, t := range strings.Split(inm, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == `"`+tag+`"` || t == `"`+tag+`-gz"` {
			return true
		}
	}
	return false
}
