package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/publish"
)

// userFolder makes a folder of someone's own files (no planportal output) at dir.
func userFolder(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, "2024"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"通知.docx": "Word 文档", "2024/总结.md": "# 总结\n", "index.html": "<p>我的主页</p>"} {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBuildRefusesUserFiles: an output flag (--dest, --index) naming what planportal did not
// make (the site's content/, themes/, the site itself, someone's folder), a place inside the
// site's sources, or the other output, is refused with exit status 2 and a message naming the
// flag, the path and why, in Chinese and then English; and nothing at all changes: not the
// site (no lock or stamp left beside anything), not the folder.
func TestBuildRefusesUserFiles(t *testing.T) {
	for _, tc := range []struct {
		name string
		// args returns the build's output flags for a copy of the site at site and an empty
		// directory other, and the flag and path the refusal must name.
		args func(t *testing.T, site, other string) (args []string, flag, path string)
		en   string // what the message must say (in English: the tests run in English)
	}{
		{"--dest content", func(t *testing.T, site, other string) ([]string, string, string) {
			p := filepath.Join(site, "content")
			return []string{"--dest", p}, "--dest", p
		}, "the site's source"},
		{"--index themes", func(t *testing.T, site, other string) ([]string, string, string) {
			p := filepath.Join(site, "themes")
			return []string{"--index", p}, "--index", p
		}, "the site's source"},
		{"--dest the site itself", func(t *testing.T, site, other string) ([]string, string, string) {
			return []string{"--dest", site}, "--dest", site
		}, "holds the site's source"},
		{"--dest a folder of one's own", func(t *testing.T, site, other string) ([]string, string, string) {
			p := filepath.Join(other, "我的文件")
			userFolder(t, p)
			return []string{"--dest", p}, "--dest", p
		}, "not a planportal output directory"},
		{"--index a folder of one's own", func(t *testing.T, site, other string) ([]string, string, string) {
			p := filepath.Join(other, "docs")
			userFolder(t, p)
			return []string{"--index", p}, "--index", p
		}, "not a planportal output directory"},
		{"--dest a link to a folder of one's own", func(t *testing.T, site, other string) ([]string, string, string) {
			p := filepath.Join(other, "docs")
			userFolder(t, p)
			link := filepath.Join(t.TempDir(), "public")
			if err := os.Symlink(p, link); err != nil {
				t.Skip(err)
			}
			return []string{"--dest", link}, "--dest", link
		}, "not a planportal output directory"},
		{"--dest inside content", func(t *testing.T, site, other string) ([]string, string, string) {
			p := filepath.Join(site, "content", "public")
			return []string{"--dest", p}, "--dest", p
		}, "lies inside the site's source"},
		{"--index inside themes", func(t *testing.T, site, other string) ([]string, string, string) {
			p := filepath.Join(site, "themes", "default", "search.bleve")
			return []string{"--index", p}, "--index", p
		}, "lies inside the site's source"},
		{"--dest holding the config", func(t *testing.T, site, other string) ([]string, string, string) {
			cfg := filepath.Join(other, "etc", "config.toml")
			if err := os.MkdirAll(filepath.Dir(cfg), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(filepath.Join(site, "config.toml"), cfg); err != nil {
				t.Fatal(err)
			}
			return []string{"--config", cfg, "--dest", filepath.Join(other, "etc")}, "--dest", filepath.Join(other, "etc")
		}, "holds the site's source"},
		{"--dest and --index the same", func(t *testing.T, site, other string) ([]string, string, string) {
			p := filepath.Join(other, "out")
			return []string{"--dest", p, "--index", p}, "--dest", p
		}, "same directory"},
		{"--index inside --dest", func(t *testing.T, site, other string) ([]string, string, string) {
			p := filepath.Join(other, "out", "search.bleve")
			return []string{"--dest", filepath.Join(other, "out"), "--index", p}, "--index", p
		}, "lies inside the other output"},
		{"--dest inside --index", func(t *testing.T, site, other string) ([]string, string, string) {
			p := filepath.Join(other, "idx", "public")
			return []string{"--dest", p, "--index", filepath.Join(other, "idx")}, "--dest", p
		}, "lies inside the other output"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site, other := copySite(t), t.TempDir()
			args, flag, path := tc.args(t, site, other)
			beforeSite, beforeOther := treeHash(t, site), treeHash(t, other)
			code, out, errs := runCLI(t, append([]string{"build", "--source", site}, args...)...)
			if code != 2 {
				t.Errorf("build %s exited %d, want 2\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errs)
			}
			want := "planportal build: " + flag + " " + path + ": "
			if !strings.Contains(errs, want) {
				t.Errorf("the message does not begin with %q:\n%s", want, errs)
			}
			if !strings.Contains(errs, tc.en) || !strings.Contains(errs, "refusing") {
				t.Errorf("the message does not say %q (the tests run in English):\n%s", tc.en, errs)
			}
			if treeHash(t, site) != beforeSite {
				t.Error("the site's files changed (or something was left among them)")
			}
			if treeHash(t, other) != beforeOther {
				t.Error("the other directory's files changed (or something was left in it)")
			}
			if entries, _ := os.ReadDir(filepath.Join(site, "content", "plans")); len(entries) != 19 {
				t.Errorf("content/plans holds %d files, want the 19 documents", len(entries))
			}
		})
	}
}

// TestBuildAdoptsOwnOutputs: what a build may replace besides its own published outputs: an
// empty directory, and outputs of a planportal from before .publish-id (their lock files are
// beside them).
func TestBuildAdoptsOwnOutputs(t *testing.T) {
	t.Run("empty directory", func(t *testing.T) {
		site, out := copySite(t), t.TempDir()
		dest := filepath.Join(out, "public")
		if err := os.Mkdir(dest, 0o755); err != nil {
			t.Fatal(err)
		}
		if code, _, errs := runCLI(t, "build", "--source", site, "--dest", dest); code != 0 {
			t.Fatalf("build into an empty directory exited %d: %s", code, errs)
		}
		if publish.ID(dest) == "" {
			t.Error("nothing was published into the empty directory")
		}
	})
	t.Run("outputs from before .publish-id", func(t *testing.T) {
		site := copySite(t)
		if code, _, errs := runCLI(t, "build", "--source", site); code != 0 {
			t.Fatalf("first build exited %d: %s", code, errs)
		}
		// What a planportal from before .publish-id left: the outputs without it, and
		// empty lock files beside them.
		public, index := filepath.Join(site, "public"), filepath.Join(site, "search.bleve")
		for _, dir := range []string{public, index} {
			if err := os.Remove(filepath.Join(dir, publish.IDFile)); err != nil {
				t.Fatal(err)
			}
			lock := filepath.Join(site, "."+filepath.Base(dir)+".lock")
			if err := os.WriteFile(lock, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		const word = "升级后发布测试词"
		editPlan(t, site, word)
		if code, _, errs := runCLI(t, "build", "--source", site); code != 0 {
			t.Fatalf("the build over outputs without .publish-id exited %d: %s", code, errs)
		}
		if p := readFile(t, public, "plans/haian-2025/index.html"); !strings.Contains(p, word) {
			t.Error("the edit was not published")
		}
		if id := publish.ID(public); id == "" || id != publish.ID(index) {
			t.Errorf("site ID %q, index ID %q", id, publish.ID(index))
		}
	})
}
