// Package gpkgwkb encodes and decodes GeoPackage geometry blobs: the
// "GP" header with its SRS id and envelope, followed by the geometry as
// little-endian WKB (GeoPackage 1.3, clause 2.1.3).
package gpkgwkb
