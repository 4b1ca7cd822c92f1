package planner

import "sort"

// Tally is a count with an area.
type Tally struct {
	Count  int     `json:"count"`
	AreaMu float64 `json:"area_mu"`
}

// Add counts one more item of areaMu.
func (t *Tally) Add(areaMu float64) {
	t.Count++
	t.AreaMu += areaMu
}

// ZoneSummary is the land pool of one zone by status.
type ZoneSummary struct {
	Zone     string           `json:"zone"`
	Total    Tally            `json:"total"`
	ByStatus map[Status]Tally `json:"by_status"`
}

// IndustrySummary is the proposals of one industry.
type IndustrySummary struct {
	Industry   string  `json:"industry"`
	Count      int     `json:"count"`
	AreaMu     float64 `json:"area_mu"`
	Investment float64 `json:"investment"`
	Output     float64 `json:"output"`
	Tax        float64 `json:"tax"`
	Jobs       int     `json:"jobs"`
}

// Summary is what a database holds: the land pool by zone and status and
// the proposals by industry.
type Summary struct {
	Parcels    Tally             `json:"parcels"`
	ByStatus   map[Status]Tally  `json:"by_status"`
	Zones      []ZoneSummary     `json:"zones"`
	Proposals  IndustrySummary   `json:"proposals"`
	Industries []IndustrySummary `json:"industries"`
}

// Summarize tallies parcels by zone and status and proposals by industry,
// zones and industries in name order.
func Summarize(parcels []Parcel, proposals []Proposal) Summary {
	s := Summary{ByStatus: map[Status]Tally{}}
	zones := map[string]*ZoneSummary{}
	for _, p := range parcels {
		mu := p.AreaMu()
		s.Parcels.Add(mu)
		t := s.ByStatus[p.Status]
		t.Add(mu)
		s.ByStatus[p.Status] = t
		z := zones[p.Zone]
		if z == nil {
			z = &ZoneSummary{Zone: p.Zone, ByStatus: map[Status]Tally{}}
			zones[p.Zone] = z
		}
		z.Total.Add(mu)
		zt := z.ByStatus[p.Status]
		zt.Add(mu)
		z.ByStatus[p.Status] = zt
	}
	for _, z := range zones {
		s.Zones = append(s.Zones, *z)
	}
	sort.Slice(s.Zones, func(i, j int) bool { return s.Zones[i].Zone < s.Zones[j].Zone })

	inds := map[string]*IndustrySummary{}
	s.Proposals.Industry = "all"
	for _, p := range proposals {
		for _, x := range []*IndustrySummary{&s.Proposals, inds[p.Industry]} {
			if x == nil {
				x = &IndustrySummary{Industry: p.Industry}
				inds[p.Industry] = x
			}
			x.Count++
			x.AreaMu += p.AreaMu
			x.Investment += p.Investment
			x.Output += p.Output
			x.Tax += p.Tax
			x.Jobs += p.Jobs
		}
	}
	for _, x := range inds {
		s.Industries = append(s.Industries, *x)
	}
	sort.Slice(s.Industries, func(i, j int) bool { return s.Industries[i].Industry < s.Industries[j].Industry })
	return s
}
