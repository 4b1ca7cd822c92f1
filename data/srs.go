package data

import (
	"fmt"

	"github.com/landplan/landplan/geo/crs"
)

// SRSCGCS2000 is the srs_id of CGCS2000 longitude-latitude (EPSG:4490), the
// CRS of the parcels feature table.
const SRSCGCS2000 = 4490

// storedEPSG are the EPSG systems a new database defines in
// gpkg_spatial_ref_sys: WGS 84 (which the GeoPackage standard requires),
// CGCS2000 longitude-latitude, and the two CGCS2000 3-degree Gauss-Krüger
// zones of Liuzhou (central meridians 108°E and 111°E).
var storedEPSG = []int{4326, 4490, 4545, 4546}

// spatialRefSys is one row of gpkg_spatial_ref_sys.
type spatialRefSys struct {
	Name         string
	ID           int
	Organization string
	OrgID        int
	Definition   string
	Description  string
}

// spatialRefSystems returns the rows a new database gets: the EPSG
// systems of storedEPSG with the WKT1 definitions of crs.SRSDefinition,
// and the two undefined systems the standard requires (OGC 12-128r18
// Req 11: -1 undefined Cartesian, 0 undefined geographic).
func spatialRefSystems() ([]spatialRefSys, error) {
	var out []spatialRefSys
	for _, code := range storedEPSG {
		s, ok := crs.SRSDefinition(code)
		if !ok {
			return nil, fmt.Errorf("no definition of EPSG:%d", code)
		}
		out = append(out, spatialRefSys{Name: s.Name, ID: s.ID, Organization: s.Organization, OrgID: s.ID,
			Definition: s.Definition, Description: s.Description})
	}
	return append(out,
		spatialRefSys{Name: "Undefined cartesian SRS", ID: -1, Organization: "NONE", OrgID: -1,
			Definition: "undefined", Description: "undefined cartesian coordinate reference system"},
		spatialRefSys{Name: "Undefined geographic SRS", ID: 0, Organization: "NONE", OrgID: 0,
			Definition: "undefined", Description: "undefined geographic coordinate reference system"},
	), nil
}
