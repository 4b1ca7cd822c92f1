// Package sample holds the Liuzhou sample that the landplan binary embeds
// (ParcelsGeoJSON, ProposalsCSV) and re-exports the generator of package
// synth that made it (Generate, Write), which also makes large benchmark
// instances.
//
// The sample has 320 parcels in 柳州国家高新区 and 河西柳州高新区 and 120
// proposals; see package synth for how it is laid out. Regenerate it with
// `go generate ./data/sample`; make a benchmark instance with
//
//	go run ./data/sample/gen -parcels 100000 -proposals 10000 -seed 1 -out DIR
package sample
