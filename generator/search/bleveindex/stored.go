package bleveindex

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"os"

	"github.com/blevesearch/mmap-go"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/planportal/planportal/generator/search"
)

// A shard's records, as a hit shows them and as the engine reads them once when the index
// opens without its parts file, are kept in a file of their own beside the shard (its name
// and storedSuffix), not as bleve's stored fields: those were written, compressed, merged
// and read back again at every build (most of each shard's bytes, a tenth of the index
// phase's time), where this file is written once as the records are fed, uncompressed, and
// read where it lies, mapped into memory. The shard stores only each record's seq; its
// segment holds the records in the order they were fed, as this file does.
//
// The format: storedMagic; the records in the order they were fed, each a sequence of values
// (a byte, the field's place in storedNames, a uvarint length and the value's bytes); then
// the table, for every record of the shard in that order the start and end of
// its values (two uint64); then the number of records and where the table starts (two
// uint64), all little-endian.

const storedMagic = "planportal-stored-1\n"

// storedSuffix names a shard's stored records: shard-0 has shard-0.stored.
const storedSuffix = ".stored"

// storedNames are the fields a record's values are of, as search.Record's stored fields are
// named (see recordFields), by their place here.
var storedNames = [...]string{"kind", "url", "doc_url", "title", "section", "item", "text", "heading_s",
	"meta_s", "agency", "region", "day", "seq", "themes", "facets"}

var storedID = func() map[string]byte {
	m := map[string]byte{}
	for i, n := range storedNames {
		m[n] = byte(i)
	}
	return m
}()

// storedWriter writes a shard's stored records as they are fed.
type storedWriter struct {
	f   *os.File
	w   *bufio.Writer
	pos uint64
	off []uint64 // where each record fed starts, and where the last ends
	// head is a value's head as it is written: a local array passed to the bufio.Writer
	// escaped to the heap, an allocation per value (2.2 million at 2,000 plans).
	head [1 + binary.MaxVarintLen64]byte
}

func newStoredWriter(name string) (*storedWriter, error) {
	f, err := os.Create(name)
	if err != nil {
		return nil, err
	}
	s := &storedWriter{f: f, w: bufio.NewWriterSize(f, 1<<20)}
	s.str(storedMagic)
	return s, nil
}

func (s *storedWriter) str(v string) {
	s.w.WriteString(v)
	s.pos += uint64(len(v))
}

func (s *storedWriter) value(field string, v string) {
	b := s.head[:]
	b[0] = storedID[field]
	n := binary.PutUvarint(b[1:], uint64(len(v)))
	s.w.Write(b[:1+n])
	s.pos += uint64(1 + n)
	s.str(v)
}

// add writes record u: its stored values (storedValues), in their order, each passed on to
// also as it is written.
func (s *storedWriter) add(u *search.Record, also func(field, value string)) {
	s.off = append(s.off, s.pos)
	storedValues(u, func(field, v string) {
		s.value(field, v)
		also(field, v)
	})
}

// storedValues calls visit with every stored value of record u, in the order the stored file
// holds them: its non-empty stored fields (recordFields), its themes, its facets.
func storedValues(u *search.Record, visit func(field, value string)) {
	for _, f := range recordFields(u) {
		if f.value != "" && f.stored {
			visit(f.name, f.value)
		}
	}
	for _, v := range u.Themes {
		visit("themes", v)
	}
	for _, v := range u.Facets {
		visit("facets", v)
	}
}

// finish writes the table: the shard's segment holds the records in the order they were fed.
func (s *storedWriter) finish() error {
	n := len(s.off)
	s.off = append(s.off, s.pos)
	table := s.pos
	var b [16]byte
	for k := range n {
		binary.LittleEndian.PutUint64(b[:8], s.off[k])
		binary.LittleEndian.PutUint64(b[8:], s.off[k+1])
		s.w.Write(b[:])
	}
	binary.LittleEndian.PutUint64(b[:8], uint64(n))
	binary.LittleEndian.PutUint64(b[8:], table)
	s.w.Write(b[:])
	if err := s.w.Flush(); err != nil {
		s.f.Close()
		return err
	}
	return s.f.Close()
}

func (s *storedWriter) abort() {
	s.f.Close()
	os.Remove(s.f.Name())
}

// storedFile is a shard's stored records, mapped into memory.
type storedFile struct {
	name  string
	data  mmap.MMap
	n     uint64
	table uint64
}

// errStored is what opening an index whose stored records are missing or do not match its
// shards says: such an index cannot answer, and is rebuilt.
func errStored(name string, why string) error {
	return fmt.Errorf("搜索索引的记录文件 %s %s，请用 'planportal build' 重新构建索引；the search index's records file %s is missing or damaged (%s): rebuild it with 'planportal build'", name, why, name, why)
}

// openStored maps the stored records of a shard of count records.
func openStored(name string, count uint64) (*storedFile, error) {
	data, err := mapFile(name)
	if err != nil {
		return nil, errStored(name, "无法读取")
	}
	s := &storedFile{name: name, data: data}
	bad := func() (*storedFile, error) {
		data.Unmap()
		return nil, errStored(name, "与索引不符")
	}
	size := uint64(len(data))
	if size < uint64(len(storedMagic))+16 || string(data[:len(storedMagic)]) != storedMagic {
		return bad()
	}
	s.n = binary.LittleEndian.Uint64(data[size-16:])
	s.table = binary.LittleEndian.Uint64(data[size-8:])
	if s.n != count || s.table < uint64(len(storedMagic)) || s.table > size-16 || (size-16-s.table)/16 != s.n || (size-16-s.table)%16 != 0 {
		return bad()
	}
	return s, nil
}

// visit calls visit with every stored value of the shard's record rec (counted across its
// segments), until visit returns false.
func (s *storedFile) visit(rec uint64, visit func(field string, value []byte) bool) error {
	if rec >= s.n {
		return errStored(s.name, fmt.Sprintf("已损坏（第 %d 条记录，共 %d 条）", rec, s.n))
	}
	t := s.data[s.table+16*rec:]
	start, end := binary.LittleEndian.Uint64(t), binary.LittleEndian.Uint64(t[8:])
	if start < uint64(len(storedMagic)) || start > end || end > s.table {
		return errStored(s.name, fmt.Sprintf("已损坏（第 %d 条记录的位置）", rec))
	}
	b := s.data[start:end]
	for len(b) > 0 {
		id := int(b[0])
		l, n := binary.Uvarint(b[1:])
		if id >= len(storedNames) || n <= 0 || l > uint64(len(b)-1-n) {
			return errStored(s.name, fmt.Sprintf("已损坏（第 %d 条记录的值）", rec))
		}
		v := b[1+n : 1+n+int(l)]
		b = b[1+n+int(l):]
		if !visit(storedNames[id], v) {
			return nil
		}
	}
	return nil
}

func (s *storedFile) Close() error { return s.data.Unmap() }

// matches reports whether the stored records of seg, from base on, are its own: the seq its
// first and last records store in bleve is theirs in the file too. A file of another build
// or shard (of as many records) gives other seqs; reading two records costs nothing.
func (s *storedFile) matches(seg segment.Segment, base uint64) bool {
	n := seg.Count()
	if n == 0 {
		return true
	}
	for _, rec := range []uint64{0, n - 1} {
		var a, b string
		if err := seg.VisitStoredFields(rec, func(field string, _ byte, v []byte, _ []uint64) bool {
			return !takeSeq(field, v, &a)
		}); err != nil {
			return false
		}
		if err := s.visit(base+rec, func(field string, v []byte) bool { return !takeSeq(field, v, &b) }); err != nil {
			return false
		}
		if a == "" || a != b {
			return false
		}
	}
	return true
}

// takeSeq sets *seq to v and reports true if field is the seq.
func takeSeq(field string, v []byte, seq *string) bool {
	if field != "seq" {
		return false
	}
	*seq = string(v)
	return true
}
