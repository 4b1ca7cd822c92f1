package planner

import (
	"fmt"
	"regexp"
)

// CodeSystem names the land-use classification a code belongs to.
type CodeSystem string

// The code systems landplan reads.
const (
	// CodeSystem2023 is 国土空间调查、规划、用途管制用地用海分类指南 (2023):
	// 1001 工业用地 (100101–100103), 1101 物流仓储用地 (110101–110103).
	CodeSystem2023 CodeSystem = "gb2023"
	// CodeSystemGB50137 is GB 50137-2011 城市用地分类: M1–M3, W1–W3.
	CodeSystemGB50137 CodeSystem = "gb50137"
)

// LandUse is a parsed planned-use code.
type LandUse struct {
	Code   string     `json:"code"`
	System CodeSystem `json:"system"`
	// IndustrialClass is 1, 2 or 3 for industrial land of that class, 0 for
	// industrial land whose class the code does not say (1001), -1 otherwise.
	IndustrialClass int `json:"industrial_class"`
	// Storage is true for logistics and storage land (1101…, W…).
	Storage bool `json:"storage"`
}

// Industrial reports whether the code is industrial land of any class.
func (u LandUse) Industrial() bool { return u.IndustrialClass >= 0 }

var (
	code2023    = regexp.MustCompile(`^(0[1-9]|1[0-9]|2[0-4])([0-9]{2}([0-9]{2})?)?$`)
	codeGB50137 = regexp.MustCompile(`^(R|A|B|M|W|S|U|G|H|E)([1-9][0-9]?)?$`)
)

// ParseLandUse parses a planned-use code of either code system. Codes of the
// 2023 classification that are not industrial or storage (e.g. 13 public
// utilities, 1401 parks) are valid and simply not industrial land; a string
// that is a code of neither system is an error.
func ParseLandUse(code string) (LandUse, error) {
	switch {
	case code2023.MatchString(code):
		u := LandUse{Code: code, System: CodeSystem2023, IndustrialClass: -1}
		switch {
		case code == "1001":
			u.IndustrialClass = 0
		case code == "100101":
			u.IndustrialClass = 1
		case code == "100102":
			u.IndustrialClass = 2
		case code == "100103":
			u.IndustrialClass = 3
		case code == "1101" || code == "110101" || code == "110102" || code == "110103":
			u.Storage = true
		}
		return u, nil
	case codeGB50137.MatchString(code):
		u := LandUse{Code: code, System: CodeSystemGB50137, IndustrialClass: -1}
		switch code {
		case "M":
			u.IndustrialClass = 0
		case "M1":
			u.IndustrialClass = 1
		case "M2":
			u.IndustrialClass = 2
		case "M3":
			u.IndustrialClass = 3
		case "W", "W1", "W2", "W3":
			u.Storage = true
		}
		return u, nil
	}
	return LandUse{}, fmt.Errorf("unknown land_use code %q (want a 用地用海 2023 code such as 100101/100102/100103/1101, or a GB 50137 code such as M1/M2/M3/W1)", code)
}
