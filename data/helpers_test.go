package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/landplan/landplan/planner"
)

// fixedNow is the clock of test databases, so that stored times are
// reproducible.
var fixedNow = time.Date(2024, 3, 15, 8, 30, 0, 123e6, time.UTC)

// openTest opens a new database in a temporary directory with a fixed
// clock.
func openTest(t *testing.T) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "landplan.gpkg"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	db.now = func() time.Time { return fixedNow }
	t.Cleanup(func() { db.Close() })
	return db
}

// requireTool returns the path of a command-line tool, failing the test
// with the Debian package to install when it is missing.
func requireTool(t *testing.T, name, debPackage string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not installed: install the Debian package %s (apt-get install %s)", name, debPackage, debPackage)
	}
	return p
}

// validatorPath returns the path of GDAL's GeoPackage validator, failing
// the test when python3-gdal is missing.
func validatorPath(t *testing.T) string {
	t.Helper()
	requireTool(t, "python3", "python3")
	for _, p := range []string{
		"/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py",
		"/usr/share/doc/python3-gdal/examples/validate_gpkg.py",
	} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Fatalf("validate_gpkg.py is not installed: install the Debian package python3-gdal")
	return ""
}

// runTool runs a command and returns its combined output, failing the test
// when it fails.
func runTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

func ptr[T any](v T) *T { return &v }

// square returns a lon/lat quadrilateral parcel boundary of side d degrees
// with its south-west corner at (x, y), counter-clockwise.
func square(x, y, d float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{x, y}, {x + d, y}, {x + d, y + d}, {x, y + d}, {x, y}}}}
}

// sampleParcels returns parcels in Liuzhou's zones covering every field:
// some with all optional values, some with none, one with a hole and one
// of two polygons, with Chinese zone names and extra properties.
func sampleParcels() []planner.Parcel {
	hole := orb.MultiPolygon{{
		{{109.40, 24.30}, {109.41, 24.30}, {109.41, 24.31}, {109.40, 24.31}, {109.40, 24.30}},
		{{109.402, 24.302}, {109.402, 24.304}, {109.404, 24.304}, {109.404, 24.302}, {109.402, 24.302}},
	}}
	two := append(square(109.42, 24.30, 0.004), square(109.43, 24.30, 0.002)...)
	return []planner.Parcel{
		{
			ID: "L0001", Zone: "柳州国家高新区", LandUse: "100101", Status: planner.StatusNew,
			MinPlotRatio: ptr(1.0), MaxPlotRatio: ptr(2.5), Serviced: ptr(true), Price: ptr(336.0),
			Geometry: hole, AreaM2: 95432.125,
			Extra: map[string]any{"owner": "柳州市自然资源和规划局", "survey_year": 2021.0, "tags": []any{"北片", "A"}},
		},
		{
			ID: "L0002", Zone: "河西柳州高新区", LandUse: "M2", Status: planner.StatusIdle,
			Serviced: ptr(false), AgreedStart: "2019-05-01", HaltedSince: "2021-07-15",
			DevelopedShare: ptr(0.2), InvestedShare: ptr(0.15),
			Geometry: two, AreaM2: 20480.5,
		},
		{
			ID: "L0003", Zone: "柳州国家高新区", LandUse: "100102", Status: planner.StatusInefficient,
			CurrentPlotRatio: ptr(0.6), CurrentTaxPerMu: ptr(4.2),
			Geometry: square(109.45, 24.32, 0.003), AreaM2: 91234.75,
			Extra: map[string]any{"备注": "厂房老旧", "nested": map[string]any{"a": 1.5, "b": nil}},
		},
		{
			ID: "L0004", LandUse: "0601", Status: planner.StatusReserved,
			Geometry: square(109.46, 24.33, 0.001), AreaM2: 10137.0,
		},
		{
			ID: "L0005", Zone: "河西柳州高新区", LandUse: "1101", Status: planner.StatusOccupied,
			Price: ptr(0.0), Geometry: square(109.47, 24.28, 0.002), AreaM2: 40548.0,
		},
	}
}

// sampleProposals returns proposals covering every field, the optional
// ones both given (P001; P003 some, with a zero facility floor area) and
// absent (P002).
func sampleProposals() []planner.Proposal {
	return []planner.Proposal{
		{
			ID: "P001", Name: "柳州新能源汽车零部件项目", Industry: "nev", LandClass: 2,
			AreaMu: 120, MinAreaMu: 100, Phases: 2, Phase1Share: 0.6,
			Investment: 150000, Output: 300000, Tax: 12000, Jobs: 800,
			RDShare: ptr(0.05), PlotRatio: ptr(1.5), BuildingCoverage: ptr(0.45),
			FacilityShare: ptr(0.07), DormitoryShare: ptr(0.5), LifecycleYears: ptr(30.0),
			EnterpriseTypes: []string{"large", "high_tech"}, PreferredZone: "柳州国家高新区",
			RequestedMode: planner.ModeTransfer, RequestedTermYears: ptr(50),
			FloorAreaM2: ptr(120000.0), FacilityFloorAreaM2: ptr(9600.5), EarliestYear: 2026,
		},
		{
			ID: "P002", Industry: "ict", AreaMu: 30, MinAreaMu: 30, Phases: 1, Phase1Share: 1,
			Investment: 20000, Output: 40000, Tax: 1500, Jobs: 120,
		},
		{
			ID: "P003", Name: "装备制造", Industry: "nev", LandClass: 1,
			AreaMu: 55.5, MinAreaMu: 40, Phases: 1, Phase1Share: 1,
			Investment: 45000, Output: 90000, Tax: 3600, Jobs: 260,
			EnterpriseTypes: []string{"specialized"},
			RequestedMode:   planner.ModeLongLease, RequestedTermYears: ptr(30),
			FloorAreaM2: ptr(37000.0), FacilityFloorAreaM2: ptr(0.0),
		},
	}
}

// tableChecksum returns a SHA-256 of the contents of the named tables,
// every column of every row in rowid order, with the type of each value.
func tableChecksum(t *testing.T, db *DB, tables ...string) string {
	t.Helper()
	h := sha256.New()
	for _, table := range tables {
		rows, err := db.sql.QueryContext(context.Background(), `SELECT * FROM `+quoteIdent(table)+` ORDER BY rowid`)
		if err != nil {
			t.Fatalf("checksum %s: %v", table, err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		fmt.Fprintf(h, "table %s %v\n", table, cols)
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatalf("checksum %s: %v", table, err)
			}
			for _, v := range vals {
				switch v := v.(type) {
				case float64:
					fmt.Fprintf(h, "f%x|", math.Float64bits(v))
				default:
					fmt.Fprintf(h, "%T:%q|", v, fmt.Sprint(v))
				}
			}
			h.Write([]byte("\n"))
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("checksum %s: %v", table, err)
		}
		rows.Close()
	}
	return hex.EncodeToString(h.Sum(nil))
}

// allTables are the tables whose contents a store call may change.
var allTables = []string{"parcels", "rtree_parcels_geom", "proposals", "imports", "gpkg_contents", "sqlite_sequence", "landplan_schema"}

// fileSum returns the SHA-256 of a file's bytes.
func fileSum(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// rawDB opens a database file with go-sqlite3's plain driver, without
// landplan's checks, for tests that prepare or inspect files directly.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	d, err := sql.Open(DriverName, "file:"+escapePath(path))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}
