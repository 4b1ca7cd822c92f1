package crs

// SRS is one row of a GeoPackage gpkg_spatial_ref_sys table.
type SRS struct {
	// Name is the human-readable name (srs_name).
	Name string
	// Organization is the defining organisation, "EPSG".
	Organization string
	// ID is the organisation's code (organization_coordsys_id), also used
	// as srs_id.
	ID int
	// Definition is the OGC WKT1 definition, on one line as
	// `gdalsrsinfo --single-line -o wkt1 EPSG:N` prints it.
	Definition string
	// Description says in words what the system is.
	Description string
}

// SRSDefinition returns the gpkg_spatial_ref_sys row for one of the EPSG
// codes ParseCRS accepts (4326, 4490, 4545, 4546, 4524, 4525); ok is false
// for any other code.
func SRSDefinition(epsg int) (srs SRS, ok bool) {
	s, ok := srsDefs[epsg]
	return s, ok
}

var srsDefs = map[int]SRS{
	4326: {
		Name:         "WGS 84",
		Organization: "EPSG",
		ID:           4326,
		Definition:   `GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]`,
		Description:  "WGS 84 longitude/latitude in degrees",
	},
	4490: {
		Name:         "China Geodetic Coordinate System 2000",
		Organization: "EPSG",
		ID:           4490,
		Definition:   `GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4490"]]`,
		Description:  "CGCS2000 longitude/latitude in degrees",
	},
	4545: {
		Name:         "CGCS2000 / 3-degree Gauss-Kruger CM 108E",
		Organization: "EPSG",
		ID:           4545,
		Definition:   `PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 108E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",108],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Northing",NORTH],AXIS["Easting",EAST],AUTHORITY["EPSG","4545"]]`,
		Description:  "CGCS2000 3-degree Gauss-Kruger, central meridian 108E, false easting 500000 m; metres, easting then northing in GeoJSON",
	},
	4546: {
		Name:         "CGCS2000 / 3-degree Gauss-Kruger CM 111E",
		Organization: "EPSG",
		ID:           4546,
		Definition:   `PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 111E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",111],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Northing",NORTH],AXIS["Easting",EAST],AUTHORITY["EPSG","4546"]]`,
		Description:  "CGCS2000 3-degree Gauss-Kruger, central meridian 111E, false easting 500000 m; metres, easting then northing in GeoJSON",
	},
	4524: {
		Name:         "CGCS2000 / 3-degree Gauss-Kruger zone 36",
		Organization: "EPSG",
		ID:           4524,
		Definition:   `PROJCS["CGCS2000 / 3-degree Gauss-Kruger zone 36",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",108],PARAMETER["scale_factor",1],PARAMETER["false_easting",36500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Northing",NORTH],AXIS["Easting",EAST],AUTHORITY["EPSG","4524"]]`,
		Description:  "CGCS2000 3-degree Gauss-Kruger zone 36, central meridian 108E, false easting 36500000 m (zone number prefixed); metres",
	},
	4525: {
		Name:         "CGCS2000 / 3-degree Gauss-Kruger zone 37",
		Organization: "EPSG",
		ID:           4525,
		Definition:   `PROJCS["CGCS2000 / 3-degree Gauss-Kruger zone 37",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",111],PARAMETER["scale_factor",1],PARAMETER["false_easting",37500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Northing",NORTH],AXIS["Easting",EAST],AUTHORITY["EPSG","4525"]]`,
		Description:  "CGCS2000 3-degree Gauss-Kruger zone 37, central meridian 111E, false easting 37500000 m (zone number prefixed); metres",
	},
}
