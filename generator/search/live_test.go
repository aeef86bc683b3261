package search_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/planportal/planportal/generator/search"
)

// stubIndex answers nothing; it stands for an opened index in Live's bookkeeping.
type stubIndex struct{}

func (stubIndex) Search(context.Context, search.Request) (*search.Response, error) {
	return &search.Response{}, nil
}
func (stubIndex) Close() error { return nil }

// TestLiveLogsWhatItServes: when a build's index cannot be opened, the log says whether the
// previous version is still served or none is: an operator reading "still serving the
// previous one" on a server that never had an index looks for a version that does not exist.
func TestLiveLogsWhatItServes(t *testing.T) {
	dir := t.TempDir()
	writeManifest := func(body string) {
		t.Helper()
		// A new file each time: Live tells versions apart by the manifest file.
		tmp := filepath.Join(dir, search.ManifestName+".new")
		if err := os.WriteFile(tmp, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, filepath.Join(dir, search.ManifestName)); err != nil {
			t.Fatal(err)
		}
	}
	fail := true
	open := func(string, *search.Synonyms) (search.Index, error) {
		if fail {
			return nil, errors.New("damaged")
		}
		return stubIndex{}, nil
	}
	var logged []string
	l := search.NewLive(dir, nil, open)
	l.Log = func(format string, a ...any) { logged = append(logged, fmt.Sprintf(format, a...)) }
	defer l.Close()

	writeManifest("1")
	if l.Reload() {
		t.Fatal("Reload opened an index that fails to open")
	}
	if len(logged) != 1 || !strings.Contains(logged[0], "暂无可用索引") || strings.Contains(logged[0], "previous") {
		t.Errorf("first failed open logged %q, want that no index is served", logged)
	}

	fail = false
	writeManifest("2")
	if !l.Reload() {
		t.Fatal("Reload did not open a good index")
	}
	fail = true
	time.Sleep(10 * time.Millisecond) // a modification time of its own for the next version
	writeManifest("33")
	logged = nil
	if l.Reload() {
		t.Fatal("Reload opened an index that fails to open")
	}
	if len(logged) != 1 || !strings.Contains(logged[0], "继续使用上一版本") || !strings.Contains(logged[0], "still serving the previous one") {
		t.Errorf("failed open with a version served logged %q, want that the previous one is still served", logged)
	}
}
