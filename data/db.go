package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"github.com/landplan/landplan/planner"
)

// DriverName is the database/sql driver name under which this package
// registers go-sqlite3 with the GeoPackage SQL functions on every
// connection. It is distinct from go-sqlite3's own "sqlite3".
const DriverName = "sqlite3_landplan_gpkg"

// BusyTimeout is how long a statement waits for a lock held by another
// connection or process before it fails.
const BusyTimeout = 10 * time.Second

func init() {
	sql.Register(DriverName, &sqlite3.SQLiteDriver{ConnectHook: registerFunctions})
}

// sqliteMagic starts every SQLite 3 database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// DB is a landplan database: an SQLite file that is also a GeoPackage 1.3.
// It implements planner.ParcelStore and planner.ProposalStore. A DB is safe
// for concurrent use.
type DB struct {
	path string
	sql  *sql.DB
	// now gives the time recorded with imports and migrations.
	now func() time.Time
	// styles gives the QGIS styles kept in layer_styles (styles.go).
	styles WorkingStyles
}

var (
	_ planner.ParcelStore   = (*DB)(nil)
	_ planner.ProposalStore = (*DB)(nil)
)

// Open opens the landplan database at path, creating it (and bringing its
// schema up to date) when the file does not exist or is empty. A file that
// is not an SQLite database, an SQLite database or GeoPackage that landplan
// did not create, or a database written by a newer landplan is refused with
// a planner.Error of KindInvalid; such a file is never modified.
func Open(path string) (*DB, error) {
	if path == "" {
		return nil, planner.ErrorfZH(planner.KindInvalid, "database path is empty", "数据库路径为空")
	}
	if err := checkFileHeader(path); err != nil {
		return nil, err
	}
	sdb, err := sql.Open(DriverName, dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db := &DB{path: path, sql: sdb, now: time.Now}
	if err := db.migrate(context.Background(), migrations); err != nil {
		sdb.Close()
		return nil, err
	}
	return db, nil
}

// Close closes the database.
func (db *DB) Close() error {
	if err := db.sql.Close(); err != nil {
		return fmt.Errorf("close database %s: %w", db.path, err)
	}
	return nil
}

// Path returns the file name the database was opened with.
func (db *DB) Path() string { return db.path }

// checkFileHeader refuses an existing non-empty file that is not an SQLite
// database, before SQLite gets to see it.
func checkFileHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return planner.ErrorfZH(planner.KindInvalid, "open database %s: %w", "无法打开数据库 %[1]s", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return planner.ErrorfZH(planner.KindInvalid, "open database %s: %w", "无法打开数据库 %[1]s", path, err)
	}
	if st.IsDir() {
		return planner.ErrorfZH(planner.KindInvalid, "database %s is a directory", "数据库 %s 是一个目录", path)
	}
	if st.Size() == 0 {
		return nil
	}
	head := make([]byte, len(sqliteMagic))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, sqliteMagic) {
		return planner.ErrorfZH(planner.KindInvalid, "%s is not a landplan database: it is not an SQLite file (a GeoPackage .gpkg is)", "%s 不是 landplan 数据库：它不是 SQLite 文件（GeoPackage .gpkg 才是）", path)
	}
	return nil
}

// dsn returns the go-sqlite3 data source name for path: a file: URI with
// foreign keys on, a busy timeout and immediate write transactions, or a
// read-only URI for readOnly.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Set("_busy_timeout", fmt.Sprint(BusyTimeout.Milliseconds()))
	q.Set("_cache_size", "-65536")
	if readOnly {
		q.Set("mode", "ro")
	} else {
		q.Set("_foreign_keys", "1")
		q.Set("_txlock", "immediate")
	}
	return "file:" + escapePath(path) + "?" + q.Encode()
}

// escapePath percent-encodes the characters that would end or change the
// path part of an SQLite file: URI.
func escapePath(path string) string {
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return r.Replace(path)
}
