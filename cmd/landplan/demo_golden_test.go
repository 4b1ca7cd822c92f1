package main

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/landplan/landplan/data"
)

// demoContentSHA pins the content of every file the demo writes: the
// SHA-256 of each file with its creation times replaced by a fixed text
// (timeStamp), and, for a GeoPackage, of its tables' content (gpkgDump).
// A change to how plans are exported that changes an output shows here;
// a deliberate change of an output updates its line (go test -run
// TestDemoFilesUnchanged -v prints the values seen).
var demoContentSHA = map[string]string{
	"compare-plan-1-plan-2.html":  "907734b2fd960cda2922b42a45536efdab2aa31bb98e3a87761b1e61902350f5",
	"compare-plan-1-plan-2.png":   "1560f8bd8b795f2b9df8eb191cab4e241f8abcc84d30486c69ab7edda2d18c9f",
	"compare-plan-1-plan-2.svg":   "85e2fd4764e4eeafcfc5c13532741a48caa919441c49e369a9b8fd305766a83a",
	"compare-plan-1-plan-3.html":  "7745be386ecf812d6b7dc00d1c626909b80963da877adc8f2082894d619e6191",
	"compare-plan-1-plan-3.png":   "7eeae6fc5aa9fe15fd0a33df8bdd15e5ae9a412b84240bc1f1b8e157b309de81",
	"compare-plan-1-plan-3.svg":   "411763986036d163614c8ee897f909303599c2c956254787367d90af52d82729",
	"compare.txt":                 "c9a52c6a7aae0cdd8d3c6dcc27571b165859bbc112de539d4f705bd88f612f27",
	"covenants.html":              "0fe24b1b8ba85f9c3cf7f63fee2621d402c15ae12d11eb61d6e6614b0bcaec71",
	"covenants.xlsx":              "9c333a7cb4073182929ec4f2dc67e5a41edc3f67ad20470d5235d05b46fcb2d8",
	"landplan.gpkg":               "2f8aa16a4525e42ff30213c886222895a05e1d4017cba16c2873ce895c319223",
	"monitor-2029.html":           "4f838b1815e7863657b610d0e3a2b27d5c4fce875dba87153627fe267e4393c7",
	"monitor-2029.xlsx":           "5251247ffe8f6dd9be867423f48a7d335f33a372b761605658eb3e884558d8d3",
	"performance-sample-2029.csv": "28c5d5e6f52b307fabda758dba0b80060745038d7addfc4f4754cd0e25f2f9f0",
	"plan-1-map.gpkg":             "bc3068f151cb0554711ee21626bd01717893be9ef0eccdf904f1052bfa363c99",
	"plan-1-柳州国家高新区.png":          "9e37d941dc2fdcd7ddf96724735c8224d016a2a3645696df48abf7769b3d3aca",
	"plan-1-河西柳州高新区.png":          "27f9f79909020a88a9e333b682b848761bd59e986fda44d4bd08c6ccde577e2b",
	"plan-1.csv":                  "e5bb2d0494ef2b5689dff80400caf1a73254b2f8211ada289177938298c5c981",
	"plan-1.geojson":              "44e716770ff7e6d35a136abcaabf5f0747c4550d8556861f557fb395573de46a",
	"plan-1.html":                 "e8ea0d7c39b0c5779047b385fbc13fbfebcbd54e316fea681a86ae370ce3d352",
	"plan-1.json":                 "4452c87b158e2548d1b3f7f504f9db15211c1925f0faa234d1c9b992b3aa3b1c",
	"plan-1.png":                  "d9c445c941f11ff69af5a3abf50a3e1ac85f36309b236417d0fa3ac732003775",
	"plan-1.qml":                  "ece1a4cf7448671e241b418a37bb44b05dd2eabc0f5852df60ae66ed0798bde5",
	"plan-1.svg":                  "67baace98c2e29b77a28635716b9f949ebb104cfac97cf64ab1e9fbc98ed66d3",
	"plan-1.txt":                  "b895f4c9b15de753ff72b06c263a92814cd9f40a62335ed5acfbec59e77abe52",
	"plan-2.json":                 "9f38f6140c34dc1a853207adb25c3e1980901485018b9af8fbbb4eaf726ef3c6",
	"plan-2.txt":                  "51899f9b431bece35f37baaf34d5885dcd1bc29be7ce778cc9c7014884a27581",
	"plan-3.json":                 "d99a8f894faa153be64d45891cccba52eaf7f696e58a62547046e8ebd94a5cc7",
	"plan-3.txt":                  "47d0094892ce97993019b02efdf4db4099ce45a237d207fae78838030bf42e1a",
}

// timeStamp matches the times the demo records: when a plan was made,
// when a table last changed, when a style was written.
var timeStamp = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z`)

// TestDemoFilesUnchanged runs the demo and compares every file it writes
// with demoContentSHA: text, maps, tables and workbooks byte for byte
// (times apart), GeoPackages table by table, row by row.
func TestDemoFilesUnchanged(t *testing.T) {
	dir := demoDB(t)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		var b []byte
		if strings.HasSuffix(e.Name(), ".gpkg") {
			b = gpkgDump(t, path)
		} else if b, err = os.ReadFile(path); err != nil {
			t.Fatal(err)
		}
		s := sha256.Sum256(timeStamp.ReplaceAll(b, []byte("TIME")))
		got[e.Name()] = hex.EncodeToString(s[:])
	}
	names := make([]string, 0, len(got))
	for n := range got {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		t.Logf("%q: %q,", n, got[n])
		if want, ok := demoContentSHA[n]; !ok {
			t.Errorf("the demo wrote %s, which it did not write before", n)
		} else if want != got[n] {
			t.Errorf("%s differs from before: content SHA-256 %s, want %s", n, got[n], want)
		}
	}
	for n := range demoContentSHA {
		if _, ok := got[n]; !ok {
			t.Errorf("the demo no longer writes %s", n)
		}
	}
}

// gpkgDump lists the content of a GeoPackage: each table and index by
// name with its SQL, and each table's rows in rowid order, values as Go
// formats them (a time as RFC 3339, so that timeStamp finds it).
func gpkgDump(t *testing.T, path string) []byte {
	t.Helper()
	db, err := sql.Open(data.DriverName, "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name`)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var buf bytes.Buffer
	var tables []string
	for rows.Next() {
		var typ, name, ddl string
		if err := rows.Scan(&typ, &name, &ddl); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&buf, "%s %s\n%s\n", typ, name, ddl)
		if typ == "table" {
			tables = append(tables, name)
		}
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	for _, table := range tables {
		rs, err := db.Query(`SELECT * FROM "` + strings.ReplaceAll(table, `"`, `""`) + `" ORDER BY rowid`)
		if err != nil {
			t.Fatalf("%s: table %s: %v", path, table, err)
		}
		cols, _ := rs.Columns()
		fmt.Fprintf(&buf, "rows of %s (%s)\n", table, strings.Join(cols, ", "))
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rs.Next() {
			if err := rs.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				if i > 0 {
					buf.WriteByte('|')
				}
				if tv, ok := v.(time.Time); ok {
					v = tv.UTC().Format("2006-01-02T15:04:05.000Z")
				}
				fmt.Fprintf(&buf, "%T:%v", v, v)
			}
			buf.WriteByte('\n')
		}
		if err := rs.Err(); err != nil {
			t.Fatal(err)
		}
		rs.Close()
	}
	return buf.Bytes()
}
