package export

import (
	"fmt"
	"image/color"
	"strings"

	"github.com/landplan/landplan/data"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
)

// WorkingStyleName names the styles landplan keeps in the working
// database's layer_styles; a style of another name (one a user saved from
// QGIS) is left alone, but ours is the layer's default.
const WorkingStyleName = "landplan"

// OtherPlans is the class of the lots of every plan but the latest in
// the working database's style: in the legend, not drawn until its box
// is ticked.
var OtherPlans = Category{Value: "other_plans", EN: "earlier plans (tick to show)", ZH: "其他方案(勾选后显示)",
	Fill: color.RGBA{0xf0, 0xf0, 0xf0, 0xff}, Stroke: color.RGBA{0x8c, 0x8c, 0x8c, 0xff}}

// WorkingStyles returns the QGIS styles of the working database's
// parcels and lots tables (data.DB.SetWorkingStyles): parcels by status
// as in the exported map, and the lots of the latest plan (latest; ""
// when none is stored) by supply mode or lot kind, the lots of earlier
// plans in a class that is not drawn. The categories and colours are the
// export's (Layers); the working tables have no category field, so the
// styles classify on an expression over their own columns.
func WorkingStyles(latest string) []data.LayerStyle {
	lotClass := fmt.Sprintf(`CASE WHEN "kind" IN ('%s', '%s') THEN "kind" WHEN coalesce("supply_mode", '') = '' THEN '%s' ELSE "supply_mode" END`,
		plan.LotReserved, plan.LotRemainder, plan.LotRemainder)
	lots := fmt.Sprintf(`CASE WHEN "plan_id" = '%s' THEN %s ELSE '%s' END`, strings.ReplaceAll(latest, "'", "''"), lotClass, OtherPlans.Value)
	return []data.LayerStyle{
		{Table: "parcels", Name: WorkingStyleName, Description: "地块(按状态)",
			QML: ClassifiedQML(`"status"`, StatusCategories, nil, policy.LangZH)},
		{Table: "lots", Name: WorkingStyleName, Description: "供地分块(最新方案 " + latest + ",按供地方式)",
			QML: workingLotsQML(lots)},
	}
}

// workingLotFields are the columns of the working database's lots table
// (data's lots feature table) as QGIS numbers them, the feature id first
// and the geometry not among them, with their Chinese names: the aliases
// of its style, so that QGIS's attribute table and identify panel name
// the term as shown, the disposal route, the free date and the year the
// lot's land is supplied in Chinese.
var workingLotFields = []Field{
	{"fid", Integer, "要素编号"},
	{"plan_id", Text, "方案"},
	{"lot_id", Text, "宗地分割编号"},
	{"parcel", Text, "宗地编号"},
	{"proposal", Text, "项目编号"},
	{"proposal_name", Text, "企业/项目名称"},
	{"kind", Text, "类型"},
	{"area_mu", Real, "面积（亩）"},
	{"supply_mode", Text, "供地方式"},
	{"term_years", Integer, "出让/租赁年期"},
	{"phase", Integer, "期次"},
	{"score", Real, "评分"},
	{"term_text", Text, "供地方式及年期（英文）"},
	{"term_text_zh", Text, "供地方式及年期"},
	{"route", Text, "存量土地处置方式"},
	{"free_from", Text, "土地腾空可供日期"},
	{"year", Integer, "供地年度"},
}

// workingLotsQML is the working lots style: classified on the expression
// lots, earlier plans hidden, with the Chinese aliases of workingLotFields.
func workingLotsQML(lots string) string {
	var b strings.Builder
	_ = writeQML(&b, lots, LotCategories, []Category{OtherPlans}, workingLotFields, policy.LangZH) // a strings.Builder does not fail
	return b.String()
}
