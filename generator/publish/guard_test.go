package publish

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// mySite is a site someone keeps: its sources, and a folder of their own files beside it.
type mySite struct {
	root, content, themes, config, folder string
}

func newMySite(t *testing.T) mySite {
	t.Helper()
	root := t.TempDir()
	s := mySite{root: root, content: filepath.Join(root, "content"), themes: filepath.Join(root, "themes"),
		config: filepath.Join(root, "config.toml"), folder: filepath.Join(root, "我的文件")}
	writeTree(t, root, map[string]string{
		"content/plans/a.md":                 "+++\ntitle = \"a\"\n+++\n",
		"themes/default/layouts/home.html":   "{{.}}",
		"config.toml":                        "title = \"x\"\n",
		"我的文件/通知.docx":                       "Word",
		"我的文件/2024/index.html":               "<p>mine</p>",
		"themes/default/static/style.css":    "p{}",
		"content/plans/notes/readme.txt":     "keep",
		"content/plans/.hidden/draft.md.bak": "keep",
	})
	return s
}

func (s mySite) sources() []string { return []string{s.content, s.themes, s.config} }

// refused checks that err is a refusal of dest whose reason says want (in Chinese: the
// package's tests run in Chinese) and that root holds exactly what it held before: no file changed, none deleted,
// no lock, journal or staging directory left beside anything.
func refused(t *testing.T, err error, dest, want string, root string, before map[string]entry) {
	t.Helper()
	var re *RefusedError
	switch {
	case err == nil:
		t.Errorf("%s was not refused", dest)
	case !errors.As(err, &re):
		t.Errorf("%s: %v, want a *RefusedError", dest, err)
	case re.Dest != dest:
		t.Errorf("refused %s, want %s refused: %v", re.Dest, dest, err)
	case !strings.Contains(re.Reason, want) || !strings.Contains(re.Reason, "拒绝"):
		t.Errorf("the reason %q does not say %q", re.Reason, want)
	}
	if after := readTree(t, root); !reflect.DeepEqual(after, before) {
		t.Errorf("the refusal changed what is there:\nbefore %v\nafter  %v", before, after)
	}
}

// TestRefusesSources: no destination may be a site's content/, themes/ or config, hold one
// or lie inside one, whichever way it is named (a symbolic link, ..).
func TestRefusesSources(t *testing.T) {
	for _, tc := range []struct {
		name  string
		dests func(s mySite) (refused string, dests []string)
		want  string
	}{
		{"dest is content", func(s mySite) (string, []string) {
			return s.content, []string{filepath.Join(s.root, "search.bleve"), s.content}
		}, "这是站点的源文件"},
		{"index is themes", func(s mySite) (string, []string) {
			return s.themes, []string{s.themes, filepath.Join(s.root, "public")}
		}, "这是站点的源文件"},
		{"dest is the site", func(s mySite) (string, []string) {
			return s.root, []string{filepath.Join(s.root, "search.bleve"), s.root}
		}, "其中有站点的源文件"},
		{"dest is the site's parent", func(s mySite) (string, []string) {
			return filepath.Dir(s.root), []string{filepath.Dir(s.root)}
		}, "其中有站点的源文件"},
		{"dest is content by another name", func(s mySite) (string, []string) {
			p := filepath.Join(s.root, "themes", "..", "content", ".")
			return p, []string{p}
		}, "这是站点的源文件"},
		{"dest lies inside content", func(s mySite) (string, []string) {
			p := filepath.Join(s.content, "plans", "public")
			return p, []string{p}
		}, "之内"},
		{"index lies inside themes", func(s mySite) (string, []string) {
			p := filepath.Join(s.themes, "default", "static")
			return p, []string{p, filepath.Join(s.root, "public")}
		}, "之内"},
		{"dest is the config", func(s mySite) (string, []string) {
			return s.config, []string{s.config}
		}, "这是站点的源文件"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newMySite(t)
			dest, dests := tc.dests(s)
			before := readTree(t, s.root)
			_, err := BeginFrom(s.sources(), dests...)
			refused(t, err, dest, tc.want, s.root, before)
		})
	}
	t.Run("dest is a link into content", func(t *testing.T) {
		s := newMySite(t)
		link := filepath.Join(s.root, "public")
		if err := os.Symlink(filepath.Join(s.content, "plans"), link); err != nil {
			t.Skip(err)
		}
		before := readTree(t, s.root)
		_, err := BeginFrom(s.sources(), link)
		refused(t, err, link, "之内", s.root, before)
	})
}

// TestRefusesOverlappingOutputs: two destinations of one transaction may not be one
// directory, or one inside the other, even before either exists.
func TestRefusesOverlappingOutputs(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "out")
	for _, tc := range []struct {
		name    string
		dests   []string
		refused string
		want    string
	}{
		{"the same", []string{out, out}, out, "是同一目录"},
		{"the same by another name", []string{out, filepath.Join(root, "x", "..", "out")}, filepath.Join(root, "x", "..", "out"), "是同一目录"},
		{"index inside the site", []string{filepath.Join(out, "search.bleve"), out}, filepath.Join(out, "search.bleve"), "位于另一个输出目录"},
		{"site inside the index", []string{out, filepath.Join(out, "public")}, filepath.Join(out, "public"), "位于另一个输出目录"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := readTree(t, root)
			_, err := Begin(tc.dests...)
			refused(t, err, tc.refused, tc.want, root, before)
		})
	}
}

// TestRefusesForeignDirectory: an existing, non-empty directory that no transaction published
// is never replaced, by Begin, Stage or Lock, nor once it appears during a transaction; it is
// left exactly as it was, with nothing beside it.
func TestRefusesForeignDirectory(t *testing.T) {
	const want = "不是 planportal 生成的输出目录"
	t.Run("Begin", func(t *testing.T) {
		s := newMySite(t)
		before := readTree(t, s.root)
		_, err := Begin(filepath.Join(s.root, "search.bleve"), s.folder)
		refused(t, err, s.folder, want, s.root, before)
	})
	t.Run("Stage", func(t *testing.T) {
		s := newMySite(t)
		before := readTree(t, s.root)
		_, err := Stage(s.folder)
		refused(t, err, s.folder, want, s.root, before)
	})
	t.Run("Lock", func(t *testing.T) {
		s := newMySite(t)
		before := readTree(t, s.root)
		_, err := Lock(s.folder)
		refused(t, err, s.folder, want, s.root, before)
	})
	t.Run("through a link", func(t *testing.T) {
		s := newMySite(t)
		link := filepath.Join(t.TempDir(), "public")
		if err := os.Symlink(s.folder, link); err != nil {
			t.Skip(err)
		}
		before := readTree(t, s.root)
		_, err := Begin(link)
		refused(t, err, link, want, s.root, before)
	})
	for _, when := range []string{"Stage", "Commit"} {
		t.Run("appears before "+when, func(t *testing.T) {
			root := t.TempDir()
			if _, err := publishPair(root, "v1", 3); err != nil {
				t.Fatal(err)
			}
			site, index := filepath.Join(root, siteName), filepath.Join(root, indexName)
			if err := os.RemoveAll(site); err != nil {
				t.Fatal(err)
			}
			tx, err := Begin(index, site)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Abort()
			st, err := tx.Stage(index)
			if err != nil {
				t.Fatal(err)
			}
			writeTree(t, st.Dir(), indexTree("v2", 3))
			mine := map[string]string{"通知.docx": "Word"}
			if when == "Stage" {
				writeTree(t, site, mine)
				if _, err := tx.Stage(site); !errors.As(err, new(*RefusedError)) {
					t.Errorf("Stage: %v, want a refusal", err)
				}
			} else {
				st, err := tx.Stage(site)
				if err != nil {
					t.Fatal(err)
				}
				writeTree(t, st.Dir(), siteTree("v2", 3))
				writeTree(t, site, mine)
				if err := tx.Commit(); !errors.As(err, new(*RefusedError)) {
					t.Errorf("Commit: %v, want a refusal", err)
				}
			}
			if got := readTree(t, site); len(got) != 1 || got["通知.docx"].Data != "Word" {
				t.Errorf("the folder that appeared holds %v", got)
			}
			if gi := fileContents(t, index); !reflect.DeepEqual(gi, indexTree("v1", 3)) {
				t.Errorf("the index was published without its site: %v", gi)
			}
		})
	}
}

// TestAdopts: besides what a transaction published, an empty directory and an output of a
// planportal from before IDFiles (its lock file beside it) are replaced.
func TestAdopts(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, dest string)
	}{
		{"empty directory", func(t *testing.T, dest string) {
			if err := os.Mkdir(dest, 0o755); err != nil {
				t.Fatal(err)
			}
		}},
		{"output from before IDs", func(t *testing.T, dest string) {
			writeTree(t, dest, oldSite)
			writeTree(t, filepath.Dir(dest), map[string]string{".public.lock": ""})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			tc.setup(t, dest)
			st, err := Stage(dest)
			if err != nil {
				t.Fatal(err)
			}
			writeTree(t, st.Dir(), newSite)
			if err := st.Commit(); err != nil {
				t.Fatal(err)
			}
			if got := fileContents(t, dest); !reflect.DeepEqual(got, newSite) {
				t.Errorf("the destination holds %v", got)
			}
			// Someone replaces the output with a folder of their own: that is never adopted.
			if err := os.RemoveAll(dest); err != nil {
				t.Fatal(err)
			}
			writeTree(t, dest, oldSite)
			if _, err := Stage(dest); !errors.As(err, new(*RefusedError)) {
				t.Errorf("Stage of a folder put where the output was: %v, want a refusal", err)
			}
			if got := fileContents(t, dest); !reflect.DeepEqual(got, oldSite) {
				t.Errorf("the folder holds %v", got)
			}
		})
	}
}

// TestRemoveStaleOnlyItsOwn: what Stage removes as left over by an interrupted run is only
// what a run makes: directories named as staging directories and previous versions, files
// named as half-written journals. A file or a link that merely has such a name stays.
func TestRemoveStaleOnlyItsOwn(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	writePublished(t, dest, oldSite)
	mine := filepath.Join(t.TempDir(), "mine")
	writeTree(t, mine, map[string]string{"keep.txt": "mine"})
	writeTree(t, parent, map[string]string{".public.tmp-notes.txt": "mine", ".public.old-list.txt": "mine"})
	if err := os.Mkdir(filepath.Join(parent, ".public.publish.tmp-dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(mine, filepath.Join(parent, ".public.old-link")); err != nil {
		t.Log(err) // no links here: the rest still holds
	}
	writeTree(t, filepath.Join(parent, ".public.tmp-99"), map[string]string{"index.html": "half"})
	st, err := Stage(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	got := siblings(t, parent, "public", filepath.Base(st.Dir()))
	want := []string{".public.old-link", ".public.old-list.txt", ".public.publish.tmp-dir", ".public.tmp-notes.txt"}
	if _, err := os.Lstat(filepath.Join(parent, ".public.old-link")); err != nil {
		want = want[1:]
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after Stage the parent holds %v besides public and the new staging dir, want %v", got, want)
	}
	if b, err := os.ReadFile(filepath.Join(mine, "keep.txt")); err != nil || string(b) != "mine" {
		t.Errorf("the linked directory lost its file: %q %v", b, err)
	}
}
