package sitetest

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	got := Parse("comment\n-- a.md --\nline 1\nline 2\n-- dir/b.toml --\nx = 1\n-- empty --\n")
	want := []File{{"a.md", "line 1\nline 2\n"}, {"dir/b.toml", "x = 1\n"}, {"empty", ""}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestWrite(t *testing.T) {
	dir := Write(t, "-- config.toml --\ntitle = \"t\"\n-- themes/default/layouts/404.html --\noverride\n")
	if b, _ := os.ReadFile(filepath.Join(dir, "themes", "default", "layouts", "404.html")); string(b) != "override\n" {
		t.Errorf("override not written: %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "themes", "default", "layouts", "baseof.html")); err != nil {
		t.Errorf("the repository's theme was not copied: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "config.toml")); string(b) != "title = \"t\"\n" {
		t.Errorf("config: %q", b)
	}
}
