package main

import (
	"errors"
	"os"

	"github.com/landplan/landplan/data"
)

// importBeside starts, beside the read of the input b, what the store
// needs but does not depend on the read: the input's SHA-256 and, when
// the database does not exist yet, the new database (created empty, and
// removed again by discardNewDB if the file has problems). An existing
// database is opened only after a read without problems, so that a file
// with problems leaves it untouched (not even its schema brought up to
// date). The function returned waits for both; given read, whether the
// read succeeded, it returns the hash and, when read is true, the database
// (opening it then if it existed) or the error of opening it.
func (m *Main) importBeside(b []byte) func(read bool) (string, *data.DB, error) {
	sums := make(chan string, 1)
	go func() { sums <- sha256Hex(b) }()
	type opened struct {
		db  *data.DB
		err error
	}
	var dbs chan opened
	if _, err := os.Stat(m.DBPath); m.db == nil && errors.Is(err, os.ErrNotExist) {
		dbs = make(chan opened, 1)
		go func() {
			db, err := m.openDB(true)
			dbs <- opened{db, err}
		}()
	}
	return func(read bool) (string, *data.DB, error) {
		sum := <-sums
		var o opened
		if dbs != nil {
			o = <-dbs
		} else if read {
			o.db, o.err = m.openDB(true)
		}
		return sum, o.db, o.err
	}
}
