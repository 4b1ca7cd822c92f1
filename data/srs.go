package data

// SRSCGCS2000 is the srs_id of CGCS2000 longitude-latitude (EPSG:4490), the
// CRS of the parcels feature table.
const SRSCGCS2000 = 4490

// spatialRefSys is one row of gpkg_spatial_ref_sys.
type spatialRefSys struct {
	Name         string
	ID           int
	Organization string
	OrgID        int
	Definition   string
	Description  string
}

// spatialRefSystems are the rows a new database gets: the three the
// GeoPackage standard requires (EPSG:4326, -1 undefined Cartesian, 0
// undefined geographic; OGC 12-128r18 Req 11) and the CGCS2000 systems
// landplan reads and writes. The EPSG definitions are the WKT1 text that
// "gdalsrsinfo -o wkt1 EPSG:N" prints (GDAL 3.6.2, PROJ 9.1.1), on one line.
var spatialRefSystems = []spatialRefSys{
	{Name: "WGS 84", ID: 4326, Organization: "EPSG", OrgID: 4326,
		Definition:  `GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]`,
		Description: "WGS 84 longitude-latitude (EPSG:4326)"},
	{Name: "China Geodetic Coordinate System 2000", ID: 4490, Organization: "EPSG", OrgID: 4490,
		Definition:  `GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4490"]]`,
		Description: "CGCS2000 longitude-latitude (EPSG:4490)"},
	{Name: "CGCS2000 / 3-degree Gauss-Kruger CM 108E", ID: 4545, Organization: "EPSG", OrgID: 4545,
		Definition:  `PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 108E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",108],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Northing",NORTH],AXIS["Easting",EAST],AUTHORITY["EPSG","4545"]]`,
		Description: "CGCS2000 3-degree Gauss-Krüger zone, central meridian 108°E (EPSG:4545)"},
	{Name: "CGCS2000 / 3-degree Gauss-Kruger CM 111E", ID: 4546, Organization: "EPSG", OrgID: 4546,
		Definition:  `PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 111E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",111],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Northing",NORTH],AXIS["Easting",EAST],AUTHORITY["EPSG","4546"]]`,
		Description: "CGCS2000 3-degree Gauss-Krüger zone, central meridian 111°E (EPSG:4546)"},
	{Name: "Undefined cartesian SRS", ID: -1, Organization: "NONE", OrgID: -1,
		Definition: "undefined", Description: "undefined cartesian coordinate reference system"},
	{Name: "Undefined geographic SRS", ID: 0, Organization: "NONE", OrgID: 0,
		Definition: "undefined", Description: "undefined geographic coordinate reference system"},
}
