package data

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"math"
	"slices"

	sqlite3 "github.com/mattn/go-sqlite3"
	"github.com/paulmach/orb"
)

// Inserting many rows through the R-tree triggers costs one R-tree insert
// (a node rewrite) and five SQL function calls per row, most of the time
// of a large import. For a large batch PutParcels instead drops the insert
// and delete triggers, writes the rows, and rebuilds the index in one go:
// it packs all entries into a tree by sort-tile-recursive bulk loading and
// writes that tree directly into the R-tree's shadow tables, in the format
// SQLite's rtree module documents (sqlite3.c, "Database Format of R-Tree
// Tables"), then creates the triggers again, all in the same transaction.
// GDAL builds its GeoPackage spatial indexes the same way.

// bulkIndexThreshold is the batch size from which PutParcels rebuilds the
// spatial index in one go rather than through the triggers.
var bulkIndexThreshold = 1000

// rtreeMaxCells is the most cells in one node of SQLite's rtree module
// (RTREE_MAXCELLS), and rtreeCellBytes the size of one 2-D cell: an int64
// id and four float32 coordinates.
const (
	rtreeMaxCells  = 51
	rtreeCellBytes = 8 + 4*4
)

// rtreeEntry is one cell: a row id (or child node number) and its box as
// the rtree module stores it, in float32.
type rtreeEntry struct {
	id                     int64
	minX, maxX, minY, maxY float32
}

// newRtreeEntry rounds a box outward to float32 exactly as the rtree
// module does on insert (rtreeValueDown, rtreeValueUp), so that a bulk
// built index holds the same values the triggers would have written.
func newRtreeEntry(id int64, b orb.Bound) rtreeEntry {
	return rtreeEntry{id: id,
		minX: float32Down(b.Min[0]), maxX: float32Up(b.Max[0]),
		minY: float32Down(b.Min[1]), maxY: float32Up(b.Max[1])}
}

// float32Down returns the float32 the rtree module stores for a minimum.
func float32Down(d float64) float32 {
	f := float32(d)
	if float64(f) > d {
		x := math.Float32bits(f)
		if x&0x80000000 != 0 {
			x++
		} else {
			x--
		}
		f = math.Float32frombits(x)
	}
	return f
}

// float32Up returns the float32 the rtree module stores for a maximum.
func float32Up(d float64) float32 {
	f := float32(d)
	if float64(f) < d {
		x := math.Float32bits(f)
		if x&0x80000000 != 0 {
			x--
		} else {
			x++
		}
		f = math.Float32frombits(x)
	}
	return f
}

// spatialIndex names the R-tree of one geometry column and its triggers.
type spatialIndex struct {
	table, geom, pk string
}

// name returns the R-tree table name, rtree_<t>_<c>.
func (s spatialIndex) name() string { return "rtree_" + s.table + "_" + s.geom }

// readEntries returns the entries of the R-tree, by id.
func (s spatialIndex) readEntries(ctx context.Context, tx *sql.Tx) ([]rtreeEntry, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, minx, maxx, miny, maxy FROM `+quoteIdent(s.name())+` ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read spatial index %s: %w", s.name(), err)
	}
	defer rows.Close()
	var out []rtreeEntry
	for rows.Next() {
		var e rtreeEntry
		var b [4]float64
		if err := rows.Scan(&e.id, &b[0], &b[1], &b[2], &b[3]); err != nil {
			return nil, fmt.Errorf("read spatial index %s: %w", s.name(), err)
		}
		e.minX, e.maxX, e.minY, e.maxY = float32(b[0]), float32(b[1]), float32(b[2]), float32(b[3])
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read spatial index %s: %w", s.name(), err)
	}
	return out, nil
}

// dropWriteTriggers drops the insert and delete triggers, for a bulk
// write after which the index is rebuilt.
func (s spatialIndex) dropWriteTriggers(ctx context.Context, tx *sql.Tx) error {
	for _, suffix := range []string{"_insert", "_delete"} {
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER `+quoteIdent(s.name()+suffix)); err != nil {
			return fmt.Errorf("bulk write of %s: %w", s.table, err)
		}
	}
	return nil
}

// write replaces the R-tree with the packed tree and creates its insert
// and delete triggers again. The R-tree table is created afresh (its
// update triggers are not dropped with it). tx must be open on conn: the
// shadow table rows go through conn's driver connection (batch.go).
func (s spatialIndex) write(ctx context.Context, tx *sql.Tx, conn *sql.Conn, pack rtreePack) error {
	rt := quoteIdent(s.name())
	for _, q := range []string{
		`DROP TABLE ` + rt,
		`CREATE VIRTUAL TABLE ` + rt + ` USING rtree(id, minx, maxx, miny, maxy)`,
		`DELETE FROM ` + quoteIdent(s.name()+"_node"),
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("rebuild spatial index %s: %w", s.name(), err)
		}
	}
	err := withRawConn(conn, func(sc *sqlite3.SQLiteConn) error {
		if err := insertNodes(sc, s.name()+"_node", pack.nodes); err != nil {
			return err
		}
		if err := insertPairs(sc, s.name()+"_parent", "nodeno", "parentnode", pack.parents); err != nil {
			return err
		}
		return insertPairs(sc, s.name()+"_rowid", "rowid", "nodeno", pack.leafOf)
	})
	if err != nil {
		return fmt.Errorf("rebuild spatial index %s: %w", s.name(), err)
	}
	for _, q := range s.writeTriggers() {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("rebuild spatial index %s: %w", s.name(), err)
		}
	}
	return nil
}

// insertNodes writes the node blobs of a packed tree, node i+1 being
// nodes[i], into the R-tree's node table.
func insertNodes(sc *sqlite3.SQLiteConn, table string, nodes [][]byte) error {
	t := &rawTable{name: table, cols: []string{"nodeno", "data"}}
	ins, err := newRawInserter(sc, t)
	if err != nil {
		return err
	}
	defer ins.close()
	b := newRawBatch(t)
	for i, n := range nodes {
		b.set(0, int64(i+1))
		b.set(1, n)
		b.endRow()
		if b.full() || i == len(nodes)-1 {
			if err := ins.exec(b); err != nil {
				return err
			}
			b.reset()
		}
	}
	return nil
}

// insertPairs writes integer pairs into a two-column table.
func insertPairs(sc *sqlite3.SQLiteConn, table, col0, col1 string, pairs [][2]int64) error {
	t := &rawTable{name: table, cols: []string{col0, col1}}
	ins, err := newRawInserter(sc, t)
	if err != nil {
		return err
	}
	defer ins.close()
	b := newRawBatch(t)
	for i, p := range pairs {
		b.set(0, p[0])
		b.set(1, p[1])
		b.endRow()
		if b.full() || i == len(pairs)-1 {
			if err := ins.exec(b); err != nil {
				return err
			}
			b.reset()
		}
	}
	return nil
}

// rtreePack is an R-tree packed for writing into its shadow tables: the
// node blobs (node i+1 is nodes[i]; node 1 is the root and records the
// depth), the (node, parent) pairs of every node but the root, and the
// (row id, leaf node) pairs of every entry.
type rtreePack struct {
	nodes           [][]byte
	parents, leafOf [][2]int64
	// extent is the box of all entries as the index stores it (the
	// root's cell bounds), or nil when there are none.
	extent *rtreeEntry
}

// packRtree packs entries into R-tree nodes by sort-tile-recursive bulk
// loading, full nodes of rtreeMaxCells.
func packRtree(entries []rtreeEntry) rtreePack {
	var nodes [][]byte
	var parents, leafOf [][2]int64
	const nodeSize = 4 + rtreeCellBytes*rtreeMaxCells
	level := entries
	// Each level's groups become the cells of the next; node numbers are
	// given once the root is known, so groups are kept per level.
	var levels [][][]rtreeEntry
	for {
		groups := strGroups(level)
		levels = append(levels, groups)
		if len(groups) <= 1 {
			break
		}
		level = make([]rtreeEntry, len(groups))
		for i, g := range groups {
			level[i] = boxOf(g)
			level[i].id = int64(i)
		}
	}
	// Number the nodes: the root is 1, then level by level from the top.
	depth := len(levels) - 1
	numbers := make([][]int64, len(levels))
	next := int64(1)
	for l := depth; l >= 0; l-- {
		numbers[l] = make([]int64, len(levels[l]))
		for i := range levels[l] {
			numbers[l][i] = next
			next++
		}
	}
	nodes = make([][]byte, next-1)
	for l := depth; l >= 0; l-- {
		for i, g := range levels[l] {
			no := numbers[l][i]
			blob := make([]byte, nodeSize)
			if no == 1 {
				binary.BigEndian.PutUint16(blob[0:], uint16(depth))
			}
			binary.BigEndian.PutUint16(blob[2:], uint16(len(g)))
			for j, e := range g {
				id := e.id
				if l > 0 {
					// A cell of an inner node holds a child node number:
					// the child is group e.id of the level below.
					id = numbers[l-1][e.id]
					parents = append(parents, [2]int64{id, no})
				} else {
					leafOf = append(leafOf, [2]int64{id, no})
				}
				c := blob[4+j*rtreeCellBytes:]
				binary.BigEndian.PutUint64(c[0:], uint64(id))
				binary.BigEndian.PutUint32(c[8:], math.Float32bits(e.minX))
				binary.BigEndian.PutUint32(c[12:], math.Float32bits(e.maxX))
				binary.BigEndian.PutUint32(c[16:], math.Float32bits(e.minY))
				binary.BigEndian.PutUint32(c[20:], math.Float32bits(e.maxY))
			}
			nodes[no-1] = blob
		}
	}
	slices.SortFunc(parents, func(a, b [2]int64) int { return cmp.Compare(a[0], b[0]) })
	slices.SortFunc(leafOf, func(a, b [2]int64) int { return cmp.Compare(a[0], b[0]) })
	pack := rtreePack{nodes: nodes, parents: parents, leafOf: leafOf}
	if len(entries) > 0 {
		box := boxOf(entries)
		pack.extent = &box
	}
	return pack
}

// strGroups tiles entries into groups of at most rtreeMaxCells by the
// sort-tile-recursive rule: sort by x centre, cut into vertical slices of
// about sqrt(groups) groups each, sort each slice by y centre and cut it
// into groups. Ties are broken by id so that the packing is deterministic.
// An empty input gives one empty group (an empty root). entries is not
// modified.
func strGroups(entries []rtreeEntry) [][]rtreeEntry {
	n := len(entries)
	if n <= rtreeMaxCells {
		return [][]rtreeEntry{entries}
	}
	groups := (n + rtreeMaxCells - 1) / rtreeMaxCells
	slicesN := int(math.Ceil(math.Sqrt(float64(groups))))
	perSlice := slicesN * rtreeMaxCells
	keyed := make([]keyedEntry, n)
	for i, e := range entries {
		keyed[i] = keyedEntry{key: float64(e.minX) + float64(e.maxX), e: e}
	}
	sortKeyed(keyed)
	out := make([][]rtreeEntry, 0, groups)
	for s := 0; s < n; s += perSlice {
		sl := keyed[s:min(s+perSlice, n)]
		for i := range sl {
			sl[i].key = float64(sl[i].e.minY) + float64(sl[i].e.maxY)
		}
		sortKeyed(sl)
		for g := 0; g < len(sl); g += rtreeMaxCells {
			grp := make([]rtreeEntry, min(rtreeMaxCells, len(sl)-g))
			for i := range grp {
				grp[i] = sl[g+i].e
			}
			out = append(out, grp)
		}
	}
	return out
}

// keyedEntry is an entry with the sort key of strGroups: twice the centre
// of its box on one axis.
type keyedEntry struct {
	key float64
	e   rtreeEntry
}

// sortKeyed sorts by key, then id.
func sortKeyed(s []keyedEntry) {
	slices.SortFunc(s, func(a, b keyedEntry) int {
		return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.e.id, b.e.id))
	})
}

// boxOf returns the box of a group as a cell whose id is left for the
// caller: packRtree sets it to the group's index.
func boxOf(g []rtreeEntry) rtreeEntry {
	b := g[0]
	for _, e := range g[1:] {
		b.minX = min(b.minX, e.minX)
		b.maxX = max(b.maxX, e.maxX)
		b.minY = min(b.minY, e.minY)
		b.maxY = max(b.maxY, e.maxY)
	}
	return b
}

// setContentsExtent sets the last change and the extent of a feature
// table in gpkg_contents to the box of its spatial index, NULL when the
// index is empty.
func setContentsExtent(ctx context.Context, tx *sql.Tx, table, now string, extent *rtreeEntry) error {
	var box [4]any
	if extent != nil {
		box = [4]any{float64(extent.minX), float64(extent.maxX), float64(extent.minY), float64(extent.maxY)}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE gpkg_contents SET last_change = ?, min_x = ?, max_x = ?, min_y = ?, max_y = ?
		WHERE table_name = ?`, now, box[0], box[1], box[2], box[3], table); err != nil {
		return fmt.Errorf("update gpkg_contents for %s: %w", table, err)
	}
	return nil
}
