package export

import (
	"context"
	"time"

	"github.com/landplan/landplan/data"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
)

// GPKGOptions tunes WriteGPKG.
type GPKGOptions struct {
	// Lang is the language of the style labels and field aliases; empty
	// means Chinese.
	Lang policy.Lang
	// Time is recorded as the tables' last change in gpkg_contents and as
	// the styles' update time; the zero value means the time of the call.
	Time time.Time
}

// GeoPackageFile returns the content of the GeoPackage of layers: one
// feature table per layer, described in Chinese and English, and per
// layer a QGIS style (QML) in lang, so that QGIS opens each layer
// coloured by its category field with a legend.
func GeoPackageFile(layers []Layer, lang policy.Lang) data.GeoPackageFile {
	var f data.GeoPackageFile
	for i := range layers {
		l := &layers[i]
		t := data.FeatureTable{Name: l.Name, Description: l.TitleZH + " / " + l.Title,
			Columns: make([]data.Column, len(l.Fields)), Rows: make([]data.FeatureRow, len(l.Features))}
		for k, fd := range l.Fields {
			t.Columns[k] = data.Column{Name: fd.Name, Type: string(fd.Type)}
		}
		for k, ft := range l.Features {
			t.Rows[k] = data.FeatureRow{Geometry: ft.Geometry, Values: ft.Values}
		}
		f.Tables = append(f.Tables, t)
		desc := l.Title
		if lang == policy.LangZH {
			desc = l.TitleZH
		}
		f.Styles = append(f.Styles, data.LayerStyle{Table: l.Name, Name: "landplan " + l.Name,
			QML: QML(l.Categories, l.Fields, lang), Description: desc})
	}
	return f
}

// WriteGPKG writes layers (Layers) as a standalone GeoPackage 1.3 at path
// (data.WriteGeoPackage): one MULTIPOLYGON feature table per layer in
// CGCS2000 lon/lat (EPSG:4490), with its R-tree spatial index, and a
// layer_styles table holding, per layer, a QGIS style (QML) in o.Lang
// marked as default. A failed export leaves nothing, and an existing file
// at path is replaced only by a complete one.
func WriteGPKG(ctx context.Context, path string, layers []Layer, o GPKGOptions) error {
	if o.Lang == "" {
		o.Lang = policy.LangZH
	}
	f := GeoPackageFile(layers, o.Lang)
	f.Time = o.Time
	return data.WriteGeoPackage(ctx, path, f)
}

// WritePlanGPKG exports the stored plan planID with the parcels of db to
// a standalone GeoPackage at path (WriteGPKG), its attribute values in
// o.Lang (LocalizeLayers; Chinese when empty): every part of each term
// (lease_years, transfer_years, term_text) and, on stock land, the
// disposal route and the date the land is free. An unknown plan is a
// planner.Error of KindNotFound, and nothing is written.
func WritePlanGPKG(ctx context.Context, db *data.DB, planID, path string, o GPKGOptions) error {
	p, err := db.Plan(ctx, planID)
	if err != nil {
		return err
	}
	parcels, err := db.Parcels(ctx)
	if err != nil {
		return err
	}
	if len(parcels) == 0 {
		return planner.Errorf(planner.KindInvalid, "%s holds no parcels to export", db.Path())
	}
	if o.Lang == "" {
		o.Lang = policy.LangZH
	}
	return WriteGPKG(ctx, path, LocalizeLayers(Layers(p, parcels), o.Lang), o)
}
