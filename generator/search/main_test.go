package search_test

import (
	"os"
	"testing"
)

var tmpRoot string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "planportal-search-")
	if err != nil {
		panic(err)
	}
	tmpRoot = dir
	code := m.Run()
	if bundled.ix != nil {
		bundled.ix.Close()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}
