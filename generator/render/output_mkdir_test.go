package render

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestDirOutputMakesEachDirectoryOnce: each directory of the output is made with one Mkdir,
// parents before children, and nothing is stated but a name a Mkdir found taken (here the
// one directory that was there before), whatever order the files come in and however many
// workers write them at once.
func TestDirOutputMakesEachDirectoryOnce(t *testing.T) {
	defer func(m func(string, fs.FileMode) error, s func(string) (fs.FileInfo, error)) { osMkdir, osStat = m, s }(osMkdir, osStat)
	var mu sync.Mutex
	made, failed, stated := map[string]int{}, 0, 0
	osMkdir = func(dir string, perm fs.FileMode) error {
		err := os.Mkdir(dir, perm)
		mu.Lock()
		defer mu.Unlock()
		if err == nil {
			made[dir]++
		} else {
			failed++
		}
		return err
	}
	osStat = func(name string) (fs.FileInfo, error) {
		mu.Lock()
		stated++
		mu.Unlock()
		return os.Stat(name)
	}
	names := []string{
		"units/a/b/page/2/index.html", "units/a/b/index.html", "index.html", "plans/old/index.html",
		"plans/x/index.html", "plans/x/data.json", "units/a/c/index.html", "themes/t/page/3/index.html",
		"themes/t/page/2/index.html", "themes/t/index.html", "units/a/b/page/3/index.html",
	}
	for _, workers := range []int{1, 4} {
		root := filepath.Join(t.TempDir(), "public")
		if err := os.MkdirAll(filepath.Join(root, "plans"), 0o755); err != nil {
			t.Fatal(err)
		}
		clear(made)
		failed, stated = 0, 0
		out := &DirOutput{Dir: root}
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i, name := range names {
					if i%workers != w {
						continue
					}
					f, err := out.Create(name)
					if err == nil {
						err = f.Close()
					}
					if err != nil {
						t.Error(err)
					}
				}
			}()
		}
		wg.Wait()
		var dirs []string
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() && p != root && p != filepath.Join(root, "plans") {
				dirs = append(dirs, p)
			}
			return err
		})
		for _, d := range dirs {
			if made[d] != 1 {
				t.Errorf("%d workers: %s made by %d Mkdir calls, want 1", workers, d, made[d])
			}
		}
		if len(made) != len(dirs) {
			t.Errorf("%d workers: %d directories made, want the %d new ones: %v", workers, len(made), len(dirs), made)
		}
		if stated != failed {
			t.Errorf("%d workers: %d Stat calls for %d Mkdir calls that found the name taken", workers, stated, failed)
		}
		if failed != 1 {
			t.Errorf("%d workers: %d Mkdir calls found the name taken, want 1 (plans, there before)", workers, failed)
		}
	}
}
