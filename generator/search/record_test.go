package search_test

import (
	"reflect"
	"testing"

	"github.com/planportal/planportal/generator/search"
	"github.com/planportal/planportal/generator/search/internal/searchtest"
)

// TestAppendRecordsReusesItsSlice: AppendRecords appends one document's records after those
// it is given, and a slice reused for the next document (units[:0], as the index build feeds
// them) holds exactly that document's records, the same as Records gives each alone.
func TestAppendRecordsReusesItsSlice(t *testing.T) {
	cfg, docs := searchtest.Bundled(t)
	if len(docs) < 2 {
		t.Fatalf("%d bundled documents, want at least 2", len(docs))
	}
	srcs := searchtest.Sources(cfg, docs[:2])
	first, second := search.Records(srcs[0]), search.Records(srcs[1])
	if len(first) < 2 || len(second) < 2 {
		t.Fatalf("records %d and %d, want documents with passages", len(first), len(second))
	}
	both := search.AppendRecords(search.AppendRecords(nil, srcs[0]), srcs[1])
	if want := append(append([]search.Record(nil), first...), second...); !reflect.DeepEqual(both, want) {
		t.Errorf("appending the second document's records after the first's: %d records, want %d, the first's kept", len(both), len(want))
	}
	reused := search.AppendRecords(both[:0], srcs[1])
	if !reflect.DeepEqual(reused, second) {
		t.Errorf("the slice reused for the second document holds %d records, want its %d", len(reused), len(second))
	}
}
