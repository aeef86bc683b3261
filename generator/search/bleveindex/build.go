package bleveindex

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"unsafe"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"

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
// seq; 10: punctuation marks are not indexed, search.ScanIndexTerms; 11: the parts file holds
// each part's bigram positions), so an index built by an
// older planportal is rebuilt rather than queried wrongly.
const indexFormat = 11

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
// once it has all its records, before it writes its segment from the postings they gave
// (zapShard): after the last call docs are no longer read, so a build that holds them for
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
	// The parts file is made from the records as the shards are fed, not read back from them.
	parts := engine.NewPartsWriter(m.Facets, n)
	// Each part's text goes to a file of the staging directory as it is fed (textSpill),
	// removed once the parts file holds it.
	spills := make([]*textSpill, n)
	defer func() {
		for _, t := range spills {
			t.remove()
		}
	}()
	for i := range spills {
		t, err := newTextSpill(filepath.Join(path, fmt.Sprintf("shard-%d%s", i, textSuffix)))
		if err != nil {
			return 0, fmt.Errorf("search index: %w", err)
		}
		spills[i] = t
		parts.Part(i).SpillText(t.w)
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
			counts[i], errs[i] = buildShard(dir, docs, part, codes, release, fed, parts.Part(i), spills[i])
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
	// The parts' text is read from its files, in order, as the parts file is written
	// (PartWriter.Text): its positions made from it and it copied, never held. Mapped, the
	// files' pages came on top of the heap's in the process's resident memory (peak 837 MB
	// for 754 at 5,000 plans, profiled); read back whole, the text and the positions made
	// from it were the index phase's largest live heap (273 MB at 5,000 plans).
	for i, t := range spills {
		fi, err := t.f.Stat()
		if err == nil {
			err = parts.Part(i).Text(t.f, fi.Size())
		}
		if err != nil {
			return 0, fmt.Errorf("search index: %w", err)
		}
	}
	// The records as the engine holds them, so that no reader has to read them.
	if err := writeParts(filepath.Join(path, partsName), parts); err != nil {
		return 0, fmt.Errorf("search index: %w", err)
	}
	m.Parts = partsName
	return m.Records, writeManifest(path, m)
}

func writeManifest(path string, m manifest) error {
	b, _ := json.Marshal(m)
	return os.WriteFile(filepath.Join(path, search.ManifestName), b, 0o644)
}

func writeParts(name string, parts *engine.PartsWriter) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := parts.Write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// buildShard writes one shard: its segment from the postings of its records, counted as they
// are fed (zapShard), and its records' stored file; and gives pw the records and their terms
// (its part of the parts file), which writes their text to text. With release it clears
// docs[j] once its records are fed (each shard has a part of its own).
func buildShard(path string, docs []search.Source, part []int, codes map[string]string, release bool, fed func(), pw *engine.PartWriter, text *textSpill) (int, error) {
	sw, err := newStoredWriter(path + storedSuffix)
	if err != nil {
		return 0, fmt.Errorf("search index: %w", err)
	}
	fail := func(n int, err error) (int, error) {
		sw.abort()
		return n, fmt.Errorf("search index: %w", err)
	}
	var zs zapShard
	zs.spillTo(path+postingsSuffix, postingsRun)
	defer zs.close()
	n := 0
	var units []search.Record // one document's records at a time, the slice reused
	for _, j := range part {
		units = search.AppendRecords(units[:0], docs[j])
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
			// One walk of the record's stored values: into the stored file and the part.
			if err := pw.Add(func(visit func(string, []byte) bool) error {
				sw.add(&u, func(field, v string) { visit(field, unsafe.Slice(unsafe.StringData(v), len(v))) })
				return nil
			}); err != nil {
				return fail(n, err)
			}
			// The segment's terms are read off the canonical text the part has just made
			// of the same values (its title a document's, title_s the same title).
			if err := zs.addCanon(&u, func(field string) string {
				if field == "title_s" && (u.Kind != search.KindDoc || u.TitleS != u.Title) {
					return ""
				}
				return pw.Canonical(field)
			}); err != nil {
				return fail(n, err)
			}
			n++
		}
		clear(units) // the next document's records must not keep this one's text alive
		if release {
			docs[j] = search.Source{}
		}
	}
	if fed != nil {
		fed()
	}
	if err := zs.writeShard(path, pw); err != nil {
		return fail(n, err)
	}
	if err := text.w.Flush(); err != nil {
		return fail(n, err)
	}
	if err := pw.Finish(); err != nil {
		return fail(n, err)
	}
	// The segment's records are in the order they were fed, as the stored file's are.
	if err := sw.finish(); err != nil {
		os.Remove(path + storedSuffix)
		return n, fmt.Errorf("search index: %w", err)
	}
	return n, nil
}

type recordField struct {
	name, value string
	indexed     bool // in the shard's segment, with frequencies and norms (NewMapping)
	stored      bool // in the stored file
}

// recordFields lists a record's single-valued fields in the order of search.Record, the
// order in which bleve's mapping walks it.
func recordFields(u *search.Record) [14]recordField {
	return [...]recordField{
		{"kind", u.Kind, false, true}, {"url", u.URL, false, true}, {"doc_url", u.DocURL, false, true},
		{"title", u.Title, false, true}, {"section", u.Section, false, true}, {"item", u.Item, false, true},
		{"text", u.Text, true, true}, {"title_s", u.TitleS, true, false}, {"heading_s", u.Heading, true, true},
		{"meta_s", u.Meta, true, true}, {"agency", u.Agency, false, true}, {"region", u.Region, false, true},
		{"day", u.Day, false, true}, {"seq", u.Seq, false, true},
	}
}

// sameSlice reports whether a and b are the same slice (not merely equal): a document's
// records share its facets unless their themes differ (see search.Records).
func sameSlice(a, b []string) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// postingsSuffix names the file a shard's postings are spilled to while it is fed
// (postingsSpill): shard-0 has shard-0.postings, which the finished index does not hold.
const postingsSuffix = ".postings"

// textSuffix names the file a part's canonical text is spilled to while the index is built:
// shard-0 has shard-0.text, which the finished index does not hold.
const textSuffix = ".text"

// textSpill is the file a part of the parts file writes its records' canonical text to as
// they are fed (engine.PartWriter.SpillText), read in order as the parts file is written:
// the text, a second copy of the corpus's (23 KiB a plan), was held in memory while the
// records were fed, the largest thing the index's builders held at the end of the feeding
// (issue 16).
type textSpill struct {
	name string
	f    *os.File
	w    *bufio.Writer
}

func newTextSpill(name string) (*textSpill, error) {
	f, err := os.Create(name)
	if err != nil {
		return nil, err
	}
	return &textSpill{name: name, f: f, w: bufio.NewWriterSize(f, 1<<16)}, nil
}

// remove closes and removes the file.
func (t *textSpill) remove() {
	if t == nil {
		return
	}
	t.f.Close()
	os.Remove(t.name)
}
