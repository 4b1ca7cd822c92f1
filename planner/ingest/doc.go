// Package ingest reads the planner's inputs: parcels from GeoJSON
// FeatureCollections (docs/product.md, "Parcels") and project proposals from CSV or XLSX
// spreadsheets (docs/product.md, "Proposals") and the yearly performance
// rows of the awards from CSV or XLSX (docs/product.md, "Performance"),
// and checks them.
//
// Readers collect every problem they find, up to MaxProblems, into one
// *planner.Error of kind planner.KindInvalid whose Diagnostics say the file,
// the feature ("feature N", counted from 1) or the row ("row N", numbered as
// a spreadsheet shows it, the header being row 1), the id, the property or
// column, and what is wrong. Each diagnostic has a stable Code:
//
//	parcel.id_missing          a feature has no id
//	parcel.id_duplicate        two features share an id
//	parcel.value_missing       a required property (land_use, status) is absent
//	parcel.property_duplicate  a property is given twice under names differing in case
//	parcel.land_use_invalid    land_use is not a known planned-use code
//	parcel.status_invalid      status is not one of the five statuses
//	parcel.type                a property has the wrong JSON type
//	parcel.range               a number is out of its range
//	parcel.plot_ratio_order    min_plot_ratio is greater than max_plot_ratio
//	parcel.date_invalid        a date is not a real YYYY-MM-DD date
//	parcel.bool_invalid        serviced is not a recognised yes/no value
//	parcel.geometry_empty      the geometry has no area
//	parcel.value_invalid       evaluation_class is not A–D, or class_years without it
//
//	proposal.file_empty        the file holds no rows
//	proposal.no_rows           the file holds a header but no data rows
//	proposal.encoding          bytes that are neither UTF-8 nor GB18030 text
//	proposal.format            a malformed CSV or XLSX file
//	proposal.column_missing    a required column (id, industry, area_mu) is absent
//	proposal.column_duplicate  two header cells name the same column
//	proposal.column_unknown    (warning) a column landplan does not read
//	proposal.value_missing     a required value is empty
//	proposal.number_invalid    a value is not a number, or not a whole number
//	proposal.range             a number is out of its range
//	proposal.land_class        land_class is not 1, 2 or 3
//	proposal.phases            phases or phase1_share do not agree
//	proposal.min_area          min_area_mu is greater than area_mu
//	proposal.enterprise_type   an enterprise type that is not known
//	proposal.requested_mode    requested_mode is not one of the supply modes
//	proposal.term              requested_term_years is not a whole number of years from 1 to the statutory 50
//	proposal.floor_area        facility_floor_area_m2 without floor_area_m2, or greater than it
//	proposal.id_duplicate      two rows share an id
//	proposal.extra_values      (warning) a row has values beyond the last header cell
//	performance.file_empty     the file holds no rows
//	performance.no_rows        the file holds a header but no data rows
//	performance.encoding       bytes that are neither UTF-8 nor GB18030 text
//	performance.format         a malformed CSV or XLSX file
//	performance.column_missing a required column is absent
//	performance.column_duplicate two header cells name the same column
//	performance.column_unknown (warning) a column landplan does not read
//	performance.value_missing  a required figure or id is empty
//	performance.number_invalid a figure is not a number, or jobs not a whole number
//	performance.range          a figure is negative, or the year is outside 2000–2100
//	performance.date_invalid   a date is not a real date
//	performance.date_order     dates out of order, or after the row's year
//	performance.value_invalid  output without a start, or government_delay not 是/否
//	performance.duplicate      two rows for the same project, parcel and year
//
// Whether a performance row's project, enterprise and parcel are stored,
// and its award made by a stored plan, is checked against the database by
// monitor.CheckRows (codes performance.project_unknown,
// performance.enterprise_unknown, performance.parcel_unknown,
// performance.not_awarded, performance.stored).
//
// Problems reported by package geo/valid keep their own codes (geometry.*).
//
// Industry keys are only lower-cased and required here; they are checked
// against the policy profile later.
package ingest
