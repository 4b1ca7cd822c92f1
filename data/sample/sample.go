package sample

import (
	_ "embed"
	"io"

	"github.com/landplan/landplan/data/sample/synth"
)

//go:generate go run ./gen -parcels 320 -proposals 120 -seed 2022 -out .

// The file names of the embedded sample.
const (
	ParcelsFile   = "parcels.geojson"
	ProposalsFile = "proposals.csv"
)

// Config sets the size and seed of a generated instance (see synth.Config).
type Config = synth.Config

// SampleConfig is the configuration the embedded sample was generated with.
var SampleConfig = Config{Seed: 2022, Parcels: 320, Proposals: 120}

// AsOf is the date the sample's monitoring facts (agreed start dates,
// halts, development and investment shares) describe: idle-land durations
// in the sample are meant to be reckoned at it. It is the default policy
// profile's plan.as_of.
const AsOf = synth.AsOf

// ParcelsGeoJSON is the sample's parcels, an RFC 7946 FeatureCollection.
//
//go:embed parcels.geojson
var ParcelsGeoJSON []byte

// ProposalsCSV is the sample's proposals, a UTF-8 CSV with the docs/product.md "Proposals"
// English headers.
//
//go:embed proposals.csv
var ProposalsCSV []byte

// Generate returns a parcels GeoJSON FeatureCollection and a proposals CSV
// made from cfg; the same cfg gives the same bytes (see synth.Generate).
func Generate(cfg Config) (parcelsGeoJSON []byte, proposalsCSV []byte, err error) {
	return synth.Generate(cfg)
}

// Write generates the instance of cfg into the two writers (see synth.Write).
func Write(cfg Config, parcels, proposals io.Writer) error {
	return synth.Write(cfg, parcels, proposals)
}
