package synth

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"time"
)

// Config sets the size and seed of a generated instance.
type Config struct {
	// Seed seeds the generator: the same Config gives the same bytes.
	Seed uint64
	// Parcels is the number of parcels, at least 2 (one per zone) and at
	// most MaxParcels; 60% lie in 柳州国家高新区, the rest in 河西柳州高新区.
	Parcels int
	// Proposals is the number of proposals, from 1 to MaxProposals.
	Proposals int
}

// Limits of a Config.
const (
	MaxParcels   = 5_000_000
	MaxProposals = 1_000_000
)

// AsOf is the date the generated monitoring facts describe: two in three
// idle parcels meet the idle rule of 令第53号 at this date, and the
// parcels meant not to meet it do not. It is the default policy profile's
// plan.as_of.
const AsOf = "2026-12-31"

// demandRatio is the total requested area over the available (new, idle
// and inefficient) land the generator aims at, so that the choice is real;
// it is reached as far as the 10–300 亩 range of a proposal allows.
const demandRatio = 1.75

// maxMeanProposalMu caps the mean requested area of a proposal: with many
// parcels per proposal (large benchmark instances) the demand ratio is not
// reached rather than every project asking for hundreds of 亩.
const maxMeanProposalMu = 100.0

// Shares of the parcels by status; the rest is new land.
const (
	reservedShare    = 0.08 // public facilities and infrastructure
	occupiedShare    = 0.14
	idleShare        = 0.12
	inefficientShare = 0.12
)

// Independent random streams, so that changing the number of proposals
// leaves the parcels as they were.
const (
	streamProposals = 1
	streamLayout    = 2
	streamAttrs     = 3
	// streamRequests draws the optional request and floor-area columns,
	// so that adding them left every other proposal column as it was.
	streamRequests = 4
)

// Generate returns a parcels GeoJSON FeatureCollection and a proposals CSV
// made from cfg. See Write.
func Generate(cfg Config) (parcelsGeoJSON []byte, proposalsCSV []byte, err error) {
	var pb, qb bytes.Buffer
	if err := Write(cfg, &pb, &qb); err != nil {
		return nil, nil, err
	}
	return pb.Bytes(), qb.Bytes(), nil
}

// Write generates the instance of cfg and writes the parcels, an RFC 7946
// FeatureCollection with one feature a line, to parcels and the proposals,
// a UTF-8 CSV with the docs/product.md "Proposals" headers, to proposals. Output depends on
// cfg alone. Parcel geometry is held in memory (about 1 KB a parcel) and
// written feature by feature.
func Write(cfg Config, parcels, proposals io.Writer) error {
	if cfg.Parcels < 2 || cfg.Parcels > MaxParcels {
		return fmt.Errorf("synth: %d parcels: want 2 to %d", cfg.Parcels, MaxParcels)
	}
	if cfg.Proposals < 1 || cfg.Proposals > MaxProposals {
		return fmt.Errorf("synth: %d proposals: want 1 to %d", cfg.Proposals, MaxProposals)
	}
	layoutRNG := rand.New(rand.NewPCG(cfg.Seed, streamLayout))
	var lots []lot
	projs := make([]projector, len(zones))
	left := cfg.Parcels
	for z, spec := range zones {
		n := left
		if z < len(zones)-1 {
			n = max(1, int(math.Round(float64(cfg.Parcels)*spec.Share)))
			n = min(n, left-(len(zones)-1-z))
		}
		left -= n
		zl := layoutZone(layoutRNG, z, n)
		projs[z] = newProjector(spec, zl)
		lots = append(lots, zl...)
	}
	attrs := assignAttributes(rand.New(rand.NewPCG(cfg.Seed, streamAttrs)), lots)
	available := 0.0
	for i, a := range attrs {
		switch a.status {
		case "new", "idle", "inefficient":
			available += lots[i].area / muM2
		}
	}
	ps := makeProposals(newRNG(cfg.Seed), cfg.Proposals, math.Min(demandRatio*available, maxMeanProposalMu*float64(cfg.Proposals)))
	addRequests(rand.New(rand.NewPCG(cfg.Seed, streamRequests)), ps)

	bw := bufio.NewWriterSize(parcels, 1<<16)
	if err := writeParcels(bw, lots, attrs, projs); err != nil {
		return fmt.Errorf("synth: write parcels: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("synth: write parcels: %w", err)
	}
	qw := bufio.NewWriterSize(proposals, 1<<16)
	if err := writeProposals(qw, ps); err != nil {
		return fmt.Errorf("synth: write proposals: %w", err)
	}
	if err := qw.Flush(); err != nil {
		return fmt.Errorf("synth: write proposals: %w", err)
	}
	return nil
}

// attributes are a parcel's properties other than its id and zone.
type attributes struct {
	status, landUse, note                 string
	agreedStart, haltedSince              string
	minPR, maxPR, price                   float64
	developed, invested, currentPR, taxMu float64
	hasPR, hasPrice, hasShares, hasCurr   bool
	serviced                              bool
}

// Land-use codes and their weights for industrial and storage parcels.
var (
	landUses       = []string{"100101", "100102", "100103", "M1", "M2", "M3", "1101", "W1"}
	landUseWeights = []float64{0.22, 0.38, 0.12, 0.06, 0.08, 0.04, 0.06, 0.04}
)

// Notes that some parcels carry, as a land bureau's listing would.
var notes = []string{
	"地块内有10kV架空线需迁改",
	"临近柳江防洪堤，注意防洪标高",
	"南侧规划道路未建成",
	"土壤污染状况调查已完成",
	"原企业已停产",
	"需先完成场地平整",
}

// The statuses assignAttributes gives the lots.
const (
	stNew = iota
	stIdle
	stInefficient
	stOccupied
	stReserved
)

// assignAttributes gives each lot a status and the facts that go with it.
// Large parcels and A-8-1 are new land; enclaves are public facilities or
// in use; the other parcels, in a random order, are reserved, occupied,
// idle and inefficient by the shares above, and new for the rest.
func assignAttributes(rng *rand.Rand, lots []lot) []attributes {
	attrs := make([]attributes, len(lots))
	st := lotStatuses(rng, lots)
	idleSeen := 0
	for i, l := range lots {
		a := &attrs[i]
		if st[i] == stReserved {
			reservedFacts(rng, a, l)
			continue
		}
		usedFacts(rng, a, l)
		switch st[i] {
		case stNew:
			a.status = "new"
			if rng.Float64() < 0.12 {
				a.serviced, a.note = false, "三通一平未完成"
			}
		case stIdle:
			a.status = "idle"
			idleFacts(rng, a, idleSeen)
			idleSeen++
		case stInefficient:
			inefficientFacts(rng, a)
		case stOccupied:
			a.status = "occupied"
			a.agreedStart = randomDate(rng, 2005, 2020)
			a.hasShares, a.developed, a.invested = true, 1, 1
			a.hasCurr = true
			a.currentPR, a.taxMu = round(uniform(rng, 0.8, 2.2), 2), round(uniform(rng, 10, 70), 1)
		}
		if l.kind == kindListed {
			a.landUse, a.minPR, a.maxPR, a.price, a.serviced = "100102", 1.12, 3.0, 236, true
			a.note = "参照柳土交告字〔2025〕28号：河西工业四区A-8-1，汽车制造，起始价1455万元"
		}
	}
	return attrs
}

// lotStatuses gives each lot its status: enclaves reserved or occupied,
// large and listed lots new, the others in a random order by the shares'
// quotas, new for the rest.
func lotStatuses(rng *rand.Rand, lots []lot) []int {
	n := float64(len(lots))
	quota := [...]int{
		stIdle:        int(math.Round(idleShare * n)),
		stInefficient: int(math.Round(inefficientShare * n)),
		stOccupied:    int(math.Round(occupiedShare * n)),
		stReserved:    int(math.Round(reservedShare * n)),
	}
	st := make([]int, len(lots))
	var cand []int
	for i, l := range lots {
		switch l.kind {
		case kindEnclave:
			st[i] = stOccupied
			if rng.Float64() < 0.7 {
				st[i] = stReserved
			}
			quota[st[i]] = max(0, quota[st[i]]-1)
		case kindLarge, kindListed:
			st[i] = stNew
		default:
			cand = append(cand, i)
		}
	}
	rng.Shuffle(len(cand), func(a, b int) { cand[a], cand[b] = cand[b], cand[a] })
	k := 0
	for _, s := range []int{stReserved, stOccupied, stIdle, stInefficient} {
		for q := quota[s]; q > 0 && k < len(cand); q-- {
			st[cand[k]] = s
			k++
		}
	}
	for _, i := range cand[k:] {
		st[i] = stNew
	}
	return st
}

// reservedFacts fills a lot reserved for public facilities: utilities
// (always on an enclave) or a park.
func reservedFacts(rng *rand.Rand, a *attributes, l lot) {
	a.status, a.serviced = "reserved", true
	if l.kind == kindEnclave || rng.Float64() < 0.55 {
		a.landUse = "13"
		a.note = []string{"110kV变电站", "污水提升泵站", "消防站", "公交首末站"}[rng.IntN(4)]
	} else {
		a.landUse = "1401"
		a.note = "公园绿地"
	}
}

// usedFacts fills what every industrial lot has: land use, plot ratio
// limits, price in its zone's range, servicing and now and then a note.
func usedFacts(rng *rand.Rand, a *attributes, l lot) {
	spec := zones[l.zone]
	a.landUse = landUses[pickWeighted(rng, landUseWeights)]
	if l.kind == kindLarge {
		a.landUse = []string{"100102", "100103"}[rng.IntN(2)]
	}
	a.hasPR = true
	a.minPR, a.maxPR = plotRatioLimits(rng, a.landUse)
	a.hasPrice = true
	a.price = math.Round(uniform(rng, spec.PriceLo, spec.PriceHi))
	a.serviced = true
	if rng.Float64() < 0.12 {
		a.note = notes[rng.IntN(len(notes))]
	}
}

// inefficientFacts fills an inefficiently used lot: low plot ratio, low
// tax per 亩, or flagged but above both thresholds.
func inefficientFacts(rng *rand.Rand, a *attributes) {
	a.status = "inefficient"
	a.agreedStart = randomDate(rng, 2006, 2015)
	a.hasShares, a.developed, a.invested = true, 1, 1
	a.hasCurr = true
	switch u := rng.Float64(); {
	case u < 0.35: // low plot ratio
		a.currentPR, a.taxMu = round(uniform(rng, 0.2, 0.48), 2), round(uniform(rng, 2, 12), 1)
	case u < 0.6: // low tax per 亩
		a.currentPR, a.taxMu = round(uniform(rng, 0.6, 1.1), 2), round(uniform(rng, 0.5, 4.8), 1)
	default: // flagged, but above both thresholds
		a.currentPR, a.taxMu = round(uniform(rng, 0.6, 1.4), 2), round(uniform(rng, 8, 30), 1)
	}
}

// idleFacts fills the idle-land facts: two in three idle parcels meet the
// idle rule of 令第53号 (not started a year after the agreed start, or less
// than 1/3 developed or under 25% invested and halted for a year, at AsOf)
// and one in three does not.
func idleFacts(rng *rand.Rand, a *attributes, n int) {
	a.hasShares = true
	switch n % 6 {
	case 0, 3: // never started
		a.agreedStart = randomDate(rng, 2019, 2024)
		a.developed, a.invested = 0, round(uniform(rng, 0, 0.08), 2)
	case 1, 4: // started, then halted early
		a.agreedStart = randomDate(rng, 2016, 2021)
		a.haltedSince = randomDate(rng, 2020, 2024)
		a.developed, a.invested = round(uniform(rng, 0.08, 0.3), 2), round(uniform(rng, 0.06, 0.24), 2)
	case 2: // well advanced before the halt: not idle by the rule
		a.agreedStart = randomDate(rng, 2018, 2022)
		a.haltedSince = randomDate(rng, 2023, 2025)
		a.developed, a.invested = round(uniform(rng, 0.4, 0.8), 2), round(uniform(rng, 0.3, 0.7), 2)
	case 5: // agreed start less than a year before AsOf: not idle yet
		a.agreedStart = randomDateBetween(rng, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC))
		a.developed, a.invested = 0, 0
	}
}

// plotRatioLimits draws the detailed plan's plot-ratio limits for a use.
func plotRatioLimits(rng *rand.Rand, use string) (lo, hi float64) {
	pick := func(xs ...float64) float64 { return xs[rng.IntN(len(xs))] }
	switch use {
	case "100101", "M1":
		return pick(1.0, 1.2, 1.5), pick(2.5, 3.0, 3.5)
	case "100103", "M3":
		return pick(0.6, 0.7, 0.8), pick(1.5, 2.0)
	case "1101", "W1":
		return pick(0.7, 1.0), pick(2.0, 2.5)
	}
	return pick(0.8, 1.0, 1.12, 1.2), pick(2.0, 2.5, 3.0)
}

// randomDate draws a day in the years from..to (inclusive).
func randomDate(rng *rand.Rand, from, to int) string {
	return randomDateBetween(rng, time.Date(from, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(to, 12, 31, 0, 0, 0, 0, time.UTC))
}

func randomDateBetween(rng *rand.Rand, from, to time.Time) string {
	days := int(to.Sub(from).Hours()/24) + 1
	return from.AddDate(0, 0, rng.IntN(days)).Format(time.DateOnly)
}

// writeParcels writes the FeatureCollection, one feature a line, with the
// properties in a fixed order.
func writeParcels(w *bufio.Writer, lots []lot, attrs []attributes, projs []projector) error {
	if _, err := w.WriteString("{\"type\":\"FeatureCollection\",\"name\":\"parcels\",\"features\":[\n"); err != nil {
		return err
	}
	buf := make([]byte, 0, 2048)
	for i, l := range lots {
		a := attrs[i]
		buf = buf[:0]
		buf = append(buf, `{"type":"Feature","properties":{"id":`...)
		buf = appendString(buf, l.id)
		buf = append(buf, `,"zone":`...)
		buf = appendString(buf, zones[l.zone].Name)
		buf = append(buf, `,"land_use":`...)
		buf = appendString(buf, a.landUse)
		buf = append(buf, `,"status":`...)
		buf = appendString(buf, a.status)
		if a.hasPR {
			buf = appendNumber(buf, "min_plot_ratio", a.minPR)
			buf = appendNumber(buf, "max_plot_ratio", a.maxPR)
		}
		buf = append(buf, `,"serviced":`...)
		buf = strconv.AppendBool(buf, a.serviced)
		if a.hasPrice {
			buf = appendNumber(buf, "price", a.price)
		}
		if a.agreedStart != "" {
			buf = append(buf, `,"agreed_start":`...)
			buf = appendString(buf, a.agreedStart)
		}
		if a.haltedSince != "" {
			buf = append(buf, `,"halted_since":`...)
			buf = appendString(buf, a.haltedSince)
		}
		if a.hasShares {
			buf = appendNumber(buf, "developed_share", a.developed)
			buf = appendNumber(buf, "invested_share", a.invested)
		}
		if a.hasCurr {
			buf = appendNumber(buf, "current_plot_ratio", a.currentPR)
			buf = appendNumber(buf, "current_tax_per_mu", a.taxMu)
		}
		buf = append(buf, `,"road":`...)
		buf = appendString(buf, l.road)
		if a.note != "" {
			buf = append(buf, `,"note":`...)
			buf = appendString(buf, a.note)
		}
		buf = append(buf, `},"geometry":{"type":"Polygon","coordinates":[`...)
		p := projs[l.zone]
		for ri, ring := range l.rings {
			if ri > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, '[')
			for pi, pt := range ring {
				if pi > 0 {
					buf = append(buf, ',')
				}
				lon, lat := p.lonLat(pt)
				buf = append(buf, '[')
				buf = strconv.AppendFloat(buf, lon, 'f', -1, 64)
				buf = append(buf, ',')
				buf = strconv.AppendFloat(buf, lat, 'f', -1, 64)
				buf = append(buf, ']')
			}
			buf = append(buf, ']')
		}
		buf = append(buf, "]}}"...)
		if i < len(lots)-1 {
			buf = append(buf, ',')
		}
		buf = append(buf, '\n')
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	_, err := w.WriteString("]}\n")
	return err
}

// appendString appends s as a JSON string (UTF-8 kept as it is).
func appendString(b []byte, s string) []byte {
	q, err := json.Marshal(s)
	if err != nil {
		panic(errors.New("synth: a string that does not encode as JSON")) // cannot happen for a Go string
	}
	return append(b, q...)
}

// appendNumber appends `,"key":v`.
func appendNumber(b []byte, key string, v float64) []byte {
	b = append(b, ',', '"')
	b = append(b, key...)
	b = append(b, '"', ':')
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}
