// Package synth generates landplan instances deterministically: parcels
// laid out as the city blocks of Liuzhou's two high-tech zones and
// enterprise proposals across Liuzhou's industries. Package sample embeds
// the instance it makes for the sample and re-exports Generate; the
// command data/sample/gen writes instances of any size.
//
// The layout: 柳州国家高新区 (柳东) lies east of the 3-degree Gauss-Krüger
// zone boundary at 109.5°E, around 109.52°E 24.37°N, and 河西柳州高新区
// (河西) west of it, around 109.44°E 24.33°N. Each zone is rows of blocks
// between roads; a block is cut into quadrilateral strips, or is one large
// parcel of 200–600 亩 to subdivide, or an L-shaped parcel with the corner
// beside it, or a parcel with a hole around an enclave. Parcels never
// overlap; neighbours share whole edges. Statuses, idle-land and
// inefficient-land facts, land-use codes, plot-ratio limits and prices
// follow docs/policy.md's "Liuzhou facts". The total area the proposals ask for
// is about 1.75 times the available new and stock land, as long as that
// keeps a proposal's mean request at 100 亩 or less (large benchmark
// instances, with many parcels per proposal, ask for less). The optional
// proposal columns go to fixed shares of the proposals: floor areas (a
// third, a few above clause 13's 15% facility floor-area share), a
// requested supply mode and term (a fifth, one in six of them a request a
// bureau would not grant) and an earliest year (one in twenty); see
// addRequests.
//
// Output depends on the Config alone: math/rand/v2 PCG streams seeded from
// Config.Seed, and no map is iterated.
package synth
