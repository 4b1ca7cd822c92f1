package plan

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"slices"
	"sort"

	"github.com/paulmach/orb/encoding/wkb"

	"github.com/landplan/landplan/planner"
)

// InputsSHA256 returns the hex SHA-256 of the canonical encoding of a
// run's inputs: a version line, then the parcels sorted by id, each as its
// JSON (every field, Extra's keys sorted) followed by its geometry as WKB
// (little-endian), then the proposals sorted by id, each as its JSON; every
// record is preceded by its length as a 64-bit big-endian integer. The
// order the inputs are given in does not matter.
func InputsSHA256(parcels []planner.Parcel, proposals []planner.Proposal) string {
	h := sha256.New()
	h.Write([]byte("landplan inputs v1\n"))
	ps := slices.Clone(parcels)
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].ID < ps[j].ID })
	qs := slices.Clone(proposals)
	sort.SliceStable(qs, func(i, j int) bool { return qs[i].ID < qs[j].ID })
	record(h, []byte(fmt.Sprintf("parcels %d", len(ps))))
	for i := range ps {
		record(h, mustJSON(ps[i]))
		g, err := wkb.Marshal(ps[i].Geometry, binary.LittleEndian)
		if err != nil {
			// orb encodes every MultiPolygon; an error is a bug.
			panic(fmt.Sprintf("plan: encoding parcel %s as WKB: %v", ps[i].ID, err))
		}
		record(h, g)
	}
	record(h, []byte(fmt.Sprintf("proposals %d", len(qs))))
	for i := range qs {
		record(h, mustJSON(qs[i]))
	}
	return hex.EncodeToString(h.Sum(nil))
}

func record(h hash.Hash, b []byte) {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(b)))
	h.Write(n[:])
	h.Write(b)
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		// Parcels and proposals hold only encodable fields; NaN cannot come
		// from the readers.
		panic(fmt.Sprintf("plan: encoding %T: %v", v, err))
	}
	return b
}

// Canonical returns the plan's canonical JSON: its JSON encoding (struct
// fields in declaration order, map keys sorted, floats in Go's shortest
// form) with ID, Created and ContentSHA256 blank.
func Canonical(p *Plan) ([]byte, error) {
	q := *p
	q.ID, q.Created, q.ContentSHA256 = "", "", ""
	b, err := json.Marshal(&q)
	if err != nil {
		return nil, fmt.Errorf("plan: encoding the plan: %w", err)
	}
	return b, nil
}

// ContentSHA256 returns the hex SHA-256 of the plan's canonical JSON
// (Canonical): the same for two plans that decided the same thing for the
// same reasons from the same inputs and policy, whatever their ids and
// creation times.
func ContentSHA256(p *Plan) (string, error) {
	b, err := Canonical(p)
	if err != nil {
		return "", err
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:]), nil
}
