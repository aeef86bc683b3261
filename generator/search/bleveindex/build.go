package bleveindex

import (
	"encoding/json"
	"fmt"
	"math/bits"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/engine"
)

// NewMapping returns the index mapping. Only the searchable text is indexed, through the
// planportal analyzer, without term vectors: bleve's postings give each bigram's records, and
// queries check exact matches on the records' text, which the engine holds in memory. Of the
// rest bleve stores only each record's seq: the records' values, shown for a hit and read
// once when the index opens (facet codes, the day, the kind and the document of each record),
// are kept in a file beside each shard (see storedFile), not in it.
func NewMapping() mapping.IndexMapping {
	text := bleve.NewTextFieldMapping()
	text.Analyzer = AnalyzerName
	text.Store = false
	text.IncludeTermVectors = false
	text.IncludeInAll = false
	text.DocValues = false

	stored := bleve.NewTextFieldMapping()
	stored.Index = false
	stored.Store = true
	stored.IncludeInAll = false
	stored.IncludeTermVectors = false
	stored.DocValues = false

	dm := bleve.NewDocumentStaticMapping()
	// title_s is the title again (doc records only), indexed; the title shown is stored.
	for _, f := range []string{"text", "title_s", "heading_s", "meta_s"} {
		dm.AddFieldMappingsAt(f, text)
	}
	dm.AddFieldMappingsAt("seq", stored)

	// No field goes into bleve's composite field _all: nothing queries it, and it cost a
	// field per record in every segment.
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())

	im := bleve.NewIndexMapping()
	im.DefaultMapping = dm
	im.DefaultAnalyzer = AnalyzerName
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	return im
}

// batchSize is how many records go into a shard per batch: the builder writes each batch as
// a segment file.
const batchSize = 1000

// mergeMax is how many segments the builder merges at once. bleve's default, 10, merges in
// rounds: at 5,000 plans (123 segments a shard) every record was written four times and
// three of them deleted again, which on a disk that trims what is freed costs more than the
// merging. 256 merges up to 256,000 records a shard in one round (written twice, deleted
// once) and bounds what a merge holds open: a file per segment, and a pass over every
// segment per distinct term, both of which grow with the segments merged together.
const mergeMax = 256

// manifest is what an index directory's search.ManifestName holds: shards built in parallel, searched together.
type manifest struct {
	Format  int      `json:"format"`
	Shards  []string `json:"shards"`
	Records int      `json:"records"`
	// Facets lists every facet value ("agency=…"); the index stores each as its position in
	// this list, in base 36, so that a query decodes a few bytes per hit, not whole names.
	Facets []string `json:"facets"`
	// Synonyms are the configured groups of equivalent terms the index was built with; every
	// reader of the index (serve, dev, the search command) expands queries by them.
	Synonyms [][]string `json:"synonyms,omitempty"`
	// Parts names the file that holds the records the engine keeps in memory, written after
	// the shards (engine.Index.WriteParts): an index opens from it, mapped into memory,
	// instead of reading every stored record again. Empty in an index built before it.
	Parts string `json:"parts,omitempty"`
}

// partsName is the parts file of an index directory.
const partsName = "parts.bin"

// indexFormat changes whenever tokenisation or the mapping does (2: punctuation marks are
// tokens; 5: no term vectors, stored facet codes and day; 6: paragraphs are records of their
// own, and every record has its seq; 7: traditional characters fold to simplified, a decimal
// number is one term; 8: the stored day is the date as its source states it, 2025 for a
// year alone; 9: the records are stored in a file beside each shard, bleve stores only their
// seq; 10: punctuation marks are not indexed, search.ScanIndexTerms), so an index built by an
// older planportal is rebuilt rather than queried wrongly.
const indexFormat = 10

// Shards is how many shards Build writes in parallel. It is fixed rather than taken from the
// machine's core count: scores are computed per shard, so the same content must give the same
// shards, and so the same ranking, wherever it is built.
const Shards = 2

// Build creates a new index directory at path holding every record of docs, as Shards shards
// built in parallel, and the synonym groups queries of it are expanded by.
func Build(path string, docs []search.Source, synonyms [][]string) (int, error) {
	return BuildShards(path, docs, synonyms, Shards)
}

// BuildShards builds the index with n shards (documents dealt round robin), all at once.
func BuildShards(path string, docs []search.Source, synonyms [][]string, n int) (int, error) {
	return BuildWorkers(path, docs, synonyms, n, n, false, nil)
}

// BuildWorkers builds the index with n shards, at most workers of them at a time: the live
// preview builds one at a time, leaving the other core to the pages being previewed. The
// index is the same whatever the number of workers. fed, if not nil, is called by each shard
// once it has all its records, before its builder writes them (merging and mapping its
// segments): after the last call docs are no longer read, so a build that holds them for
// nothing else can give their memory back there. With release, docs is the caller's to give
// up: each element is cleared once its records are fed, so that a document and its analysis
// that nothing else holds are freed as the shards are fed, not once they all are (a build's
// content and analysis, 57 MB at 1,000 plans, were live to the end of the feeding, where the
// index phase's heap peaks).
func BuildWorkers(path string, docs []search.Source, synonyms [][]string, n, workers int, release bool, fed func()) (int, error) {
	if n < 1 {
		n = 1
	}
	if n > len(docs) && len(docs) > 0 {
		n = len(docs)
	}
	if err := os.MkdirAll(path, 0o755); err != nil {
		return 0, err
	}
	m := manifest{Format: indexFormat, Synonyms: synonyms}
	codes := map[string]string{}
	for _, d := range docs {
		for _, f := range d.Facets() {
			codes[f] = ""
		}
	}
	for f := range codes {
		m.Facets = append(m.Facets, f)
	}
	sort.Strings(m.Facets)
	for i, f := range m.Facets {
		codes[f] = strconv.FormatInt(int64(i), 36)
	}
	counts := make([]int, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, workers))
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("shard-%d", i)
		m.Shards = append(m.Shards, name)
		var part []int // positions in docs
		for j := i; j < len(docs); j += n {
			part = append(part, j)
		}
		wg.Add(1)
		go func(i int, dir string, part []int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			counts[i], errs[i] = buildShard(dir, docs, part, codes, release, fed)
		}(i, filepath.Join(path, name), part)
	}
	wg.Wait()
	for i := range errs {
		if errs[i] != nil {
			return 0, errs[i]
		}
		m.Records += counts[i]
	}
	if err := writeManifest(path, m); err != nil {
		return 0, err
	}
	// The records as the engine holds them, read once now so that no reader has to.
	ix, _, err := openManifest(path, m, nil)
	if err != nil {
		return 0, err
	}
	err = writeParts(filepath.Join(path, partsName), ix)
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, fmt.Errorf("search index: %w", err)
	}
	m.Parts = partsName
	return m.Records, writeManifest(path, m)
}

func writeManifest(path string, m manifest) error {
	b, _ := json.Marshal(m)
	return os.WriteFile(filepath.Join(path, search.ManifestName), b, 0o644)
}

func writeParts(name string, ix *engine.Index) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := ix.WriteParts(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// buildShard writes one shard with bleve's offline builder: it indexes batches into segments
// and merges them once at the end, rather than merging continuously as a live index does.
// With release it clears docs[j] once its records are fed (each shard has a part of its own).
func buildShard(path string, docs []search.Source, part []int, codes map[string]string, release bool, fed func()) (int, error) {
	// The builder's segments are made beside the shard, not in the system's temporary
	// directory: it moves the last one into place with a rename, which fails across file
	// systems (a site on D: with TEMP on C:, or /tmp on tmpfs).
	b, err := newShardBuilder(path, map[string]interface{}{"batchSize": batchSize, "mergeMax": mergeMax,
		"buildPathPrefix": filepath.Dir(path)})
	if err != nil {
		return 0, fmt.Errorf("search index: %w", err)
	}
	sw, err := newStoredWriter(path + storedSuffix)
	if err != nil {
		b.Close()
		return 0, fmt.Errorf("search index: %w", err)
	}
	fail := func(n int, err error) (int, error) {
		sw.abort()
		return n, fmt.Errorf("search index: %w", err)
	}
	bySeq := map[uint64]uint32{} // a record's place in the feeding, by its seq
	n := 0
	for _, j := range part {
		units := search.Records(docs[j])
		encode := func(fs []string) []string {
			c := make([]string, len(fs))
			for i, f := range fs {
				c[i] = codes[f]
			}
			return c
		}
		docFacets := units[len(units)-1].Facets
		coded := encode(docFacets)
		for k, u := range units {
			seq := uint64(j)<<24 | uint64(k)
			u.Seq = strconv.FormatUint(seq, 36)
			if sameSlice(u.Facets, docFacets) {
				u.Facets = coded
			} else {
				u.Facets = encode(u.Facets)
			}
			if err := b.Index(u.URL, &u); err != nil {
				b.Close()
				return fail(n, fmt.Errorf("%s: %w", u.URL, err))
			}
			bySeq[seq] = uint32(n)
			sw.add(&u)
			n++
		}
		if release {
			docs[j] = search.Source{}
		}
	}
	if fed != nil {
		fed()
	}
	if err := b.Close(); err != nil {
		return fail(n, err)
	}
	order, err := shardOrder(path, bySeq)
	if err != nil {
		return fail(n, err)
	}
	if err := sw.finish(order); err != nil {
		os.Remove(path + storedSuffix)
		return n, fmt.Errorf("search index: %w", err)
	}
	return n, nil
}

// shardBuilder is bleve's offline builder with recordMapping, and the arena its fields'
// frequencies are made in, reset before each call to the builder (see termArena).
type shardBuilder struct {
	b     bleve.Builder
	terms *termArena
}

func newShardBuilder(path string, config map[string]interface{}) (shardBuilder, error) {
	m := recordMapping{NewMapping().(*mapping.IndexMappingImpl), &termArena{}}
	b, err := bleve.NewBuilder(path, m, config)
	return shardBuilder{b, m.terms}, err
}

func (sb shardBuilder) Index(id string, data interface{}) error {
	sb.terms.reset()
	return sb.b.Index(id, data)
}

func (sb shardBuilder) Close() error {
	sb.terms.reset()
	return sb.b.Close()
}

// recordMapping is NewMapping, which the index stores and readers check, with a faster way
// to map a search.Record: straight to the fields the mapping would give it, not by walking
// the record by reflection, and with its text analysed straight into term frequencies
// (textField), not through a token stream. A record's segment is the same either way
// (TestRecordMappingAsMapping). Its fields' frequencies are made in terms (shardBuilder).
type recordMapping struct {
	*mapping.IndexMappingImpl
	terms *termArena
}

func (m recordMapping) MapDocument(doc *document.Document, data interface{}) error {
	u, ok := data.(*search.Record)
	if !ok {
		return m.IndexMappingImpl.MapDocument(doc, data)
	}
	mapRecord(doc, u, m.terms)
	return nil
}

// Options of the mapping's fields in bleve: text, title_s, heading_s and meta_s are indexed,
// seq stored; the others are not bleve's (0), only in the stored file.
const (
	indexedOnly = index.IndexField
	storedOnly  = index.StoreField
)

// mapRecord adds a record's fields to doc as NewMapping maps them, but for the empty ones: an
// empty field is read as one (the engine takes a missing field as empty), and leaving it out
// spares bleve a field to analyse and merge (a passage has no heading or title_s, most have
// no meta_s, a paragraph no item).
func mapRecord(doc *document.Document, u *search.Record, terms *termArena) {
	fields := recordFields(u)
	// The fields' slice at its size: the record's, and the _id the builder adds (appended
	// one by one, it grew four times a record).
	n := 1
	for _, f := range fields {
		if f.value != "" && f.opts != 0 {
			n++
		}
	}
	doc.Fields = slices.Grow(doc.Fields, n)
	for _, f := range fields {
		switch {
		case f.value == "" || f.opts == 0:
		case f.opts&index.IndexField != 0:
			// An indexed field is not stored: bleve reads its terms (Analyze), never its value,
			// which would be a copy of the record's text for nothing.
			doc.AddField(&textField{TextField: document.NewTextFieldWithIndexingOptions(f.name, nil, nil, f.opts), text: f.value, terms: terms})
		default:
			doc.AddField(document.NewTextFieldWithIndexingOptions(f.name, nil, []byte(f.value), f.opts))
		}
	}
	doc.SetIndexed()
}

type recordField struct {
	name, value string
	opts        index.FieldIndexingOptions // in bleve (NewMapping)
	stored      bool                       // in the stored file
}

// recordFields lists a record's single-valued fields in the order of search.Record, the
// order in which bleve's mapping walks it.
func recordFields(u *search.Record) [14]recordField {
	return [...]recordField{
		{"kind", u.Kind, 0, true}, {"url", u.URL, 0, true}, {"doc_url", u.DocURL, 0, true},
		{"title", u.Title, 0, true}, {"section", u.Section, 0, true}, {"item", u.Item, 0, true},
		{"text", u.Text, indexedOnly, true}, {"title_s", u.TitleS, indexedOnly, false}, {"heading_s", u.Heading, indexedOnly, true},
		{"meta_s", u.Meta, indexedOnly, true}, {"agency", u.Agency, 0, true}, {"region", u.Region, 0, true},
		{"day", u.Day, 0, true}, {"seq", u.Seq, storedOnly, true},
	}
}

// textField is an indexed text field analysed as the planportal analyzer would, straight
// into term frequencies.
type textField struct {
	*document.TextField
	text   string     // the field's value, as the record holds it
	terms  *termArena // where its frequencies are made
	length int
	freqs  index.TokenFrequencies
}

// termCounts is the scratch a field's terms are counted in before its frequencies are
// made: each distinct term's place in count, keyed by the term's bytes in buf. Reused field
// after field (termPool), so that a field's frequencies are made once, at their size.
type termCounts struct {
	at    map[string]int32
	buf   []byte
	count []int32
}

var termPool = sync.Pool{New: func() any { return &termCounts{at: map[string]int32{}} }}

func (f *textField) Analyze() {
	c := termPool.Get().(*termCounts)
	defer termPool.Put(c)
	// clear costs the map's size, not its entries: a map grown by a long field is dropped,
	// not cleared for every short one after it.
	if len(c.at) > 512 {
		c.at = map[string]int32{}
	} else {
		clear(c.at)
	}
	c.count = c.count[:0]
	// A term takes at most twice its text's bytes (see tokenizer.Tokenize). The keys of c.at
	// are the bytes of buf, which are written once each: a term that does not fit starts a
	// new buf, and the keys so far keep the old one.
	if need := 2*len(f.text) + 2*utf8.UTFMax; cap(c.buf) < need {
		c.buf = make([]byte, 0, need)
	}
	c.buf = c.buf[:0]
	size := 0 // of the distinct terms
	f.length = 0
	search.ScanIndexTerms(f.text, func(term []byte, _, _, _ int) {
		f.length++
		if i, ok := c.at[string(term)]; ok {
			c.count[i]++
			return
		}
		if len(c.buf)+len(term) > cap(c.buf) {
			c.buf = make([]byte, 0, max(len(term), 2*cap(c.buf)))
		}
		i := len(c.buf)
		c.buf = append(c.buf, term...)
		c.at[unsafe.String(&c.buf[i], len(term))] = int32(len(c.count))
		c.count = append(c.count, 1)
		size += len(term)
	})
	// The field's terms, each once in the arena's bytes, and their TokenFreqs.
	n := len(c.count)
	f.freqs = f.terms.freqs(n)
	if n == 0 {
		return
	}
	tfs := f.terms.tokenFreqs(n)
	terms := f.terms.bytes(size)
	for term, i := range c.at {
		b := terms[:len(term):len(term)]
		terms = terms[len(term):]
		copy(b, term)
		tf := &tfs[i]
		tf.Term, tf.Locations = b, nil
		tf.SetFrequency(int(c.count[i]))
		f.freqs[unsafe.String(&b[0], len(b))] = tf
	}
}

// termArena holds the term frequencies of a shard's fields (their maps, TokenFreqs and
// terms' bytes) and makes them again, batch after batch, from the memory of the batch before:
// made anew for each field they were a third of what a build's index allocated (0.55 of 1.6
// GB at 1,000 plans), and the collector's work grows with that. The builder analyses a
// batch's fields (textField.Analyze) only inside the call (Index or Close) that writes the
// batch as a segment, and the segment is written, its frequencies read for the last time,
// when that call returns; so whoever calls the builder resets the arena before each call, and
// what the arena handed out since the last reset is free again. A nil arena allocates.
type termArena struct {
	used []index.TokenFrequencies   // handed out since the last reset
	free [][]index.TokenFrequencies // by size class: a map made for 1<<class terms
	tfs  arenaChunks[index.TokenFreq]
	buf  arenaChunks[byte]
}

// reset makes everything the arena handed out free again.
func (a *termArena) reset() {
	for _, m := range a.used {
		c := sizeClass(len(m))
		for len(a.free) <= c {
			a.free = append(a.free, nil)
		}
		a.free[c] = append(a.free[c], m)
	}
	clear(a.used) // no reference to a map kept twice
	a.used = a.used[:0]
	a.tfs.reset()
	a.buf.reset()
}

// sizeClass is the class of a map of n terms: 1<<class holds n.
func sizeClass(n int) int { return bits.Len(uint(max(n, 1) - 1)) }

// freqs returns an empty map for n terms.
func (a *termArena) freqs(n int) index.TokenFrequencies {
	if a == nil {
		return make(index.TokenFrequencies, n)
	}
	var m index.TokenFrequencies
	if c := sizeClass(n); c < len(a.free) && len(a.free[c]) > 0 {
		k := len(a.free[c]) - 1
		m, a.free[c][k] = a.free[c][k], nil
		a.free[c] = a.free[c][:k]
		clear(m) // costs the map's size, which is n's class
	} else {
		m = make(index.TokenFrequencies, 1<<c)
	}
	a.used = append(a.used, m)
	return m
}

// tokenFreqs returns n TokenFreqs (their values left from an earlier use).
func (a *termArena) tokenFreqs(n int) []index.TokenFreq {
	if a == nil {
		return make([]index.TokenFreq, n)
	}
	return a.tfs.take(n)
}

// bytes returns n bytes (their values left from an earlier use).
func (a *termArena) bytes(n int) []byte {
	if a == nil {
		return make([]byte, n)
	}
	return a.buf.take(n)
}

// arenaChunks hands out slices of chunks, which reset makes free again.
type arenaChunks[T any] struct {
	chunks [][]T
	i, at  int // the chunk being taken from, and how much of it is taken
}

// arenaChunk is how many values a chunk holds; a take of more gets a slice of its own.
const arenaChunk = 8192

func (c *arenaChunks[T]) take(n int) []T {
	if n > arenaChunk {
		return make([]T, n)
	}
	for c.i < len(c.chunks) && c.at+n > len(c.chunks[c.i]) {
		c.i, c.at = c.i+1, 0
	}
	if c.i == len(c.chunks) {
		c.chunks = append(c.chunks, make([]T, arenaChunk))
	}
	s := c.chunks[c.i][c.at : c.at+n : c.at+n]
	c.at += n
	return s
}

func (c *arenaChunks[T]) reset() { c.i, c.at = 0, 0 }

func (f *textField) AnalyzedLength() int                              { return f.length }
func (f *textField) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }

// sameSlice reports whether a and b are the same slice (not merely equal): a document's
// records share its facets unless their themes differ (see search.Records).
func sameSlice(a, b []string) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}
