package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// PlansVersioner is implemented by a Store that can tell cheaply when a
// plan or a scenario is stored (package data's DB does). With one, the
// map and plans pages are rendered once per version, language and
// address and kept; without one they are rendered for every request.
type PlansVersioner interface {
	// PlansVersion returns a text that changes whenever a plan or a
	// scenario is stored.
	PlansVersion(ctx context.Context) (string, error)
}

// newCSRFMark returns the random text that a kept page carries where the
// reader's CSRF token goes; serving the page puts the token in its place.
func newCSRFMark() []byte {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err))
	}
	return []byte(hex.EncodeToString(b))
}

// listsVersion returns the store's plans version, or ok false when the
// store cannot tell it (the page is then rendered afresh).
func (s *Server) listsVersion(ctx context.Context) (string, bool, error) {
	v, ok := s.cfg.Store.(PlansVersioner)
	if !ok {
		return "", false, nil
	}
	// The pages list plans and scenarios only (the map data comes in a
	// request of its own), so the parcels' version is not asked for.
	ver, err := v.PlansVersion(ctx)
	if err != nil {
		return "", false, err
	}
	return ver, true, nil
}

// servePage answers with a page kept under key (built by fill on a page
// whose CSRF token is the server's mark) or renders it afresh when key is
// "". The reader's CSRF token replaces the mark; the entity tag is the
// kept page's with a digest of the token, so that 304 answers only a
// reader who has this very page.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request, key, name, nav, titleKey string, fill func(p *page) error) {
	if key == "" {
		p := s.newPage(w, r, nav, titleKey)
		if err := fill(p); err != nil {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, name, p)
		return
	}
	rememberLang(w, r)
	lang := langOf(r)
	b, err := s.pages.get("page\x00"+name+"\x00"+string(lang)+"\x00"+key+"\x00"+r.URL.RequestURI(), func() (*blob, error) {
		p := &page{Lang: lang, CSRF: string(s.csrfMark), Nav: nav, Path: r.URL.RequestURI(), prof: s.cfg.Profile}
		p.Title = p.T(titleKey)
		if err := fill(p); err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if err := pages.ExecuteTemplate(&buf, name, p); err != nil {
			return nil, fmt.Errorf("web: rendering %s for %s: %w", name, r.URL.Path, err)
		}
		sum := sha256.Sum256(buf.Bytes())
		return &blob{body: buf.Bytes(), ctype: "text/html; charset=utf-8", etag: hex.EncodeToString(sum[:12])}, nil
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	tok := pageCSRF(r)
	ts := sha256.Sum256([]byte(tok))
	etag := `"` + b.etag + "-" + hex.EncodeToString(ts[:6]) + `"`
	h := w.Header()
	h.Set("Cache-Control", "private, no-cache")
	h.Set("Vary", "Cookie")
	h.Set("ETag", etag)
	if inm := r.Header.Get("If-None-Match"); inm != "" && etagIn(inm, etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", b.ctype)
	w.Write(bytes.ReplaceAll(b.body, s.csrfMark, []byte(tok)))
}

// etagIn reports whether an If-None-Match header names etag (quoted).
func etagIn(inm, etag string) bool {
	for _, t := range bytes.Split([]byte(inm), []byte(",")) {
		t = bytes.TrimPrefix(bytes.TrimSpace(t), []byte("W/"))
		if string(t) == "*" || string(t) == etag {
			return true
		}
	}
	return false
}

// Warm builds, in the background, the map data of the latest stored plan
// (or of the parcels alone when there is none) in both languages, first
// in first (the language the readers most likely ask for), so that the
// first reader of the map does not wait for it. Close stops it.
func (s *Server) Warm(first policy.Lang) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		sums, err := s.cfg.Store.Plans(s.ctx)
		if err != nil {
			return
		}
		var p *plan.Plan
		if len(sums) > 0 {
			if p, err = s.plan(s.ctx, sums[len(sums)-1].ID); err != nil {
				return
			}
		}
		langs := []policy.Lang{policy.LangEN, policy.LangZH}
		if first == policy.LangZH {
			langs[0], langs[1] = langs[1], langs[0]
		}
		for _, lang := range langs {
			if s.ctx.Err() != nil {
				return
			}
			// An error here is the first reader's to see: the build is
			// not kept and the request tries again.
			s.mapBlob(s.ctx, p, lang)
		}
	}()
}

// mapBlob returns the map data of plan p (nil: the parcels alone) in
// lang, built once per plan, language and version of the parcels.
func (s *Server) mapBlob(ctx context.Context, p *plan.Plan, lang policy.Lang) (*blob, error) {
	version := ""
	if v, ok := s.cfg.Store.(ParcelsVersioner); ok {
		var err error
		if version, err = v.ParcelsVersion(ctx); err != nil {
			return nil, err
		}
	}
	key := "map\x00" + string(lang) + "\x00" + version
	if p != nil {
		key += "\x00" + p.ID + "\x00" + p.ContentSHA256
	}
	return s.blobs.get(key, func() (*blob, error) {
		fc, err := s.mapData(s.ctx, p, lang)
		if err != nil {
			return nil, err
		}
		body, err := json.Marshal(fc)
		if err != nil {
			return nil, fmt.Errorf("web: encoding the map: %w", err)
		}
		return newBlob(body, "application/geo+json; charset=utf-8"), nil
	})
}
