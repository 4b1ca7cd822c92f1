package gpkgwkb_test

import (
	"fmt"
	"log"

	"github.com/landplan/landplan/geo/gpkgwkb"
	"github.com/paulmach/orb"
)

func ExampleEncodeGPKG() {
	parcel := orb.MultiPolygon{{{{109.40, 24.30}, {109.41, 24.30}, {109.41, 24.31}, {109.40, 24.30}}}}
	blob, err := gpkgwkb.EncodeGPKG(parcel, 4490)
	if err != nil {
		log.Fatal(err)
	}
	h, err := gpkgwkb.ParseGPKGHeader(blob)
	if err != nil {
		log.Fatal(err)
	}
	g, srs, err := gpkgwkb.DecodeGPKG(blob)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s srs %d envelope %v\n", blob[:2], h.SRSID, h.Envelope)
	fmt.Println(srs, g.(orb.MultiPolygon).Equal(parcel))
	// Output:
	// GP srs 4490 envelope {[109.4 24.3] [109.41 24.31]}
	// 4490 true
}
