package data

import (
	"context"
	"database/sql"
	"fmt"
	"image/color"
	"strings"

	"github.com/landplan/landplan/export"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// workingStyleName names the styles landplan keeps in the working
// database's layer_styles; a style of another name (one a user saved from
// QGIS) is left alone, but ours is the layer's default.
const workingStyleName = "landplan"

// otherPlans is the class of the lots of every plan but the latest: in
// the legend, not drawn until its box is ticked.
var otherPlans = export.Category{Value: "other_plans", EN: "earlier plans (tick to show)", ZH: "其他方案(勾选后显示)",
	Fill: color.RGBA{0xf0, 0xf0, 0xf0, 0xff}, Stroke: color.RGBA{0x8c, 0x8c, 0x8c, 0xff}}

// workingStyles returns the QGIS styles of the working database's
// parcels and lots layers: parcels by status as in the exported map, and
// the lots of the latest plan (latest; "" when none is stored) by supply
// mode or lot kind, the lots of earlier plans in a class that is not
// drawn. The categories and colours are the export's (export.Layers);
// the working tables have no category field, so the styles classify on
// an expression over their own columns.
func workingStyles(latest string) map[string]string {
	lotClass := fmt.Sprintf(`CASE WHEN "kind" IN ('%s', '%s') THEN "kind" WHEN coalesce("supply_mode", '') = '' THEN '%s' ELSE "supply_mode" END`,
		plan.LotReserved, plan.LotRemainder, plan.LotRemainder)
	lots := fmt.Sprintf(`CASE WHEN "plan_id" = '%s' THEN %s ELSE '%s' END`, strings.ReplaceAll(latest, "'", "''"), lotClass, otherPlans.Value)
	return map[string]string{
		"parcels": export.ClassifiedQML(`"status"`, export.StatusCategories, nil, policy.LangZH),
		"lots":    export.ClassifiedQML(lots, export.LotCategories, []export.Category{otherPlans}, policy.LangZH),
	}
}

// writeWorkingStyles keeps QGIS's layer_styles table in the working
// database current, inside the caller's transaction: it creates the table
// when missing (registered as attributes, as QGIS creates it) and writes
// the default style of the parcels and lots layers (workingStyles) where
// it is missing or differs, so that QGIS opens landplan.gpkg styled, with
// the latest plan's lots coloured. It changes nothing when the styles are
// current.
func writeWorkingStyles(ctx context.Context, tx *sql.Tx, now string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'layer_styles'`).Scan(&n); err != nil {
		return fmt.Errorf("layer styles: %w", err)
	}
	if n == 0 {
		if err := createAttributesTable(ctx, tx, attributesTable{
			Name:        "layer_styles",
			Identifier:  "layer_styles",
			Description: "QGIS layer styles",
			Columns:     layerStylesColumns,
		}); err != nil {
			return err
		}
	}
	var latest sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT plan_id FROM plans ORDER BY fid DESC LIMIT 1`).Scan(&latest); err != nil && err != sql.ErrNoRows {
		return fmt.Errorf("layer styles: %w", err)
	}
	changed := n == 0
	for _, table := range []string{"parcels", "lots"} {
		qml := workingStyles(latest.String)[table]
		var old sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT styleQML FROM layer_styles WHERE f_table_name = ? AND styleName = ?`, table, workingStyleName).Scan(&old)
		if err != nil && err != sql.ErrNoRows {
			return fmt.Errorf("layer styles of %s: %w", table, err)
		}
		if old.Valid && old.String == qml {
			continue
		}
		changed = true
		desc := "地块(按状态)"
		if table == "lots" {
			desc = "供地分块(最新方案 " + latest.String + ",按供地方式)"
		}
		if _, err := tx.ExecContext(ctx, `UPDATE layer_styles SET useAsDefault = 0 WHERE f_table_name = ?`, table); err != nil {
			return fmt.Errorf("layer styles of %s: %w", table, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM layer_styles WHERE f_table_name = ? AND styleName = ?`, table, workingStyleName); err != nil {
			return fmt.Errorf("layer styles of %s: %w", table, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO layer_styles
			(f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, styleQML, styleSLD,
			 useAsDefault, description, owner, ui, update_time)
			VALUES ('', '', ?, 'geom', ?, ?, '', 1, ?, '', NULL, ?)`, table, workingStyleName, qml, desc, now); err != nil {
			return fmt.Errorf("layer styles of %s: %w", table, err)
		}
	}
	if !changed {
		return nil
	}
	return updateContents(ctx, tx, "layer_styles", "", now)
}
