package gpkgwkb

import (
	"testing"

	"github.com/paulmach/orb"
)

func TestGPKGRoundTrip(t *testing.T) {
	mp := orb.MultiPolygon{{{{109.4, 24.3}, {109.5, 24.3}, {109.5, 24.4}, {109.4, 24.3}}}}
	b, err := EncodeGPKG(mp, 4490)
	if err != nil {
		t.Fatal(err)
	}
	if string(b[:2]) != "GP" || b[3] != 0x03 {
		t.Fatalf("header % x: want magic GP and flags 0x03 (little-endian, xy envelope)", b[:4])
	}
	h, err := ParseGPKGHeader(b)
	if err != nil {
		t.Fatal(err)
	}
	if h.SRSID != 4490 || !h.HasEnv || h.Envelope != mp.Bound() || h.Size != 40 {
		t.Fatalf("header %+v", h)
	}
	g, srs, err := DecodeGPKG(b)
	if err != nil {
		t.Fatal(err)
	}
	if srs != 4490 || !orb.Equal(g, mp) {
		t.Fatalf("decoded %v srs %d", g, srs)
	}
}

func TestGPKGEmpty(t *testing.T) {
	b, err := EncodeGPKG(orb.MultiPolygon{}, 4326)
	if err != nil {
		t.Fatal(err)
	}
	h, err := ParseGPKGHeader(b)
	if err != nil {
		t.Fatal(err)
	}
	if !h.Empty || h.HasEnv || h.Size != 8 {
		t.Fatalf("empty header %+v", h)
	}
}

func TestGPKGRejects(t *testing.T) {
	for name, b := range map[string][]byte{
		"short":     {'G', 'P'},
		"magic":     []byte("XX\x00\x01\x00\x00\x00\x00"),
		"envelope":  []byte("GP\x00\x03\x00\x00\x00\x00\x01"),
		"badenvcod": []byte("GP\x00\x0f\x00\x00\x00\x00"),
	} {
		if _, _, err := DecodeGPKG(b); err == nil {
			t.Errorf("%s: decoded without error", name)
		}
	}
}
