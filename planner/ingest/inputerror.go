package ingest

import "github.com/landplan/landplan/geo"

// ParcelsInputError is the error of a parcel import for the problems a
// geometry reader found before the parcels' properties could be read (a
// GeoPackage layer's reader, data.ReadGeoPackageLayer): bad input
// (planner.KindInvalid), each problem a diagnostic with its feature, in
// English and Chinese, as ReadParcels reports them.
func ParcelsInputError(ie *geo.InputError) error {
	return mergeProblems(ie, &collector{file: ie.File}).err("parcels")
}
