package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/planportal/planportal/generator/publish"
	"github.com/planportal/planportal/generator/render"
)

// A stamp records what a build was made from: a digest of every input file (content, theme,
// config), the options and the program itself, and of what the build published. A build
// whose inputs match the last one's, and whose outputs are still as that build left them, has
// nothing to do: its output would be byte for byte what is published already.
type stamp struct {
	Digest string `json:"digest"`
	// Outputs is outputDigest of what the build published: a page deleted or edited by hand
	// since makes the next build a real one.
	Outputs string `json:"outputs"`
	// Files are the output files Outputs covers, one a line.
	Files     string `json:"files"`
	Documents int    `json:"documents"`
	Pages     int64  `json:"pages"`
	Records   int    `json:"records"`
	Bytes     int64  `json:"bytes"`
	// Release is the date (YYYY-MM-DD) of the first document held back as dated in the
	// future: from that day on the same inputs make a different site.
	Release string `json:"release,omitempty"`
	// HeldBack are those documents, for the summary of an up-to-date build.
	HeldBack []HeldBack `json:"held_back,omitempty"`
}

// stampPath is where the stamp of dest is kept: beside it, like its lock and staging dirs, so
// that it is neither published nor served.
func stampPath(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".stamp")
}

// inputDigest hashes the build's inputs: the content and theme files by content, the config,
// the options that change the output, and the running program (a new planportal renders
// differently).
func inputDigest(o Options, theme string) (string, error) {
	h := sha256.New()
	buf := make([]byte, 64<<10)
	fmt.Fprintf(h, "planportal-build-1\ndrafts=%v\nfuture=%v\nnoindex=%v\ndest=%s\nindex=%s\n", o.Drafts, o.Future, o.NoIndex, o.Dest, o.Index)
	if exe, err := os.Executable(); err == nil {
		if err := hashFile(h, "program", exe, buf); err != nil {
			return "", err
		}
	} else if bi, ok := debug.ReadBuildInfo(); ok {
		fmt.Fprintf(h, "program %s\n", bi.String())
	}
	if err := hashFile(h, "config", o.Config, buf); err != nil {
		return "", err
	}
	for _, dir := range []string{filepath.Join(o.Source, "content"), filepath.Join(o.Source, "themes", theme)} {
		var files []string
		other := map[string]fs.FileMode{} // pipes, devices …: never opened (a pipe would block)
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			files = append(files, p)
			if fi, err := os.Stat(p); err != nil || !fi.Mode().IsRegular() {
				other[p] = d.Type() // a link to a regular file (in a theme) is hashed through
			}
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			return "", err
		}
		sort.Strings(files)
		for _, f := range files {
			rel, _ := filepath.Rel(o.Source, f)
			if mode, ok := other[f]; ok {
				fmt.Fprintf(h, "%s %v\n", filepath.ToSlash(rel), mode)
			} else if err := hashFile(h, filepath.ToSlash(rel), f, buf); err != nil {
				return "", err
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashFile writes name and the SHA-256 of the file at path to h, reading the file through buf:
// io.Copy made a 32 KB buffer for each file (*os.File's WriteTo hands it to a generic copy),
// 160 MB and some 45 collections of a heap of a few MB before loading began at 5,000 plans
// (issue 16).
func hashFile(h io.Writer, name, path string, buf []byte) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fh := sha256.New()
	if _, err := io.CopyBuffer(fh, struct{ io.Reader }{f}, buf); err != nil {
		return err
	}
	fmt.Fprintf(h, "%s %x\n", name, fh.Sum(nil))
	return nil
}

// upToDate reports the stamp of the last build if it was made from the same inputs and its
// output is still there.
func upToDate(o Options, digest string) (*stamp, bool) {
	b, err := os.ReadFile(stampPath(o.Dest))
	if err != nil {
		return nil, false
	}
	var st stamp
	if json.Unmarshal(b, &st) != nil || st.Digest != digest {
		return nil, false
	}
	if st.Release != "" && time.Now().Format("2006-01-02") >= st.Release {
		return nil, false // a held-back document is due
	}
	if out, err := outputDigest(strings.Split(st.Files, "\n")); err != nil || out != st.Outputs {
		return nil, false // an output is missing or was changed since
	}
	return &st, true
}

// outputFiles lists every file of the outputs (o.Dest and, unless NoIndex, o.Index), as the
// paths a later build finds them by: under o.Dest and o.Index, whichever build those lead to.
// pages, when not nil, are the files of o.Dest as the build wrote them (site-relative slash
// paths, recorded by recorder, and publish.IDFile): o.Dest is not walked again. A 5,000-plan
// public/ is some 30,000 directories, one a page, each opened and read to be listed; the
// index is a few dozen files.
func outputFiles(o Options, pages []string) ([]string, error) {
	var files []string
	dirs := []string{o.Dest}
	if pages != nil {
		files = make([]string, 0, len(pages)+1)
		for _, name := range pages {
			files = append(files, filepath.Join(o.Dest, filepath.FromSlash(name)))
		}
		files = append(files, filepath.Join(o.Dest, publish.IDFile))
		slices.Sort(files)
		files = slices.Compact(files) // a name created twice is one file
		dirs = nil
	}
	if !o.NoIndex {
		dirs = append(dirs, o.Index)
	}
	for _, dir := range dirs {
		root, err := filepath.EvalSymlinks(dir)
		if err != nil {
			return nil, err
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			files = append(files, filepath.Join(dir, rel))
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// recorder is the render's output, recording the name of each file created through it for
// outputFiles.
type recorder struct {
	render.Output
	mu    sync.Mutex
	names []string
}

func (r *recorder) Create(name string) (io.WriteCloser, error) {
	w, err := r.Output.Create(name)
	if err == nil {
		r.mu.Lock()
		r.names = append(r.names, name)
		r.mu.Unlock()
	}
	return w, err
}

// outputDigest hashes the name, size, mode and modification time of each of the files: one
// deleted or rewritten since changes it, for a stat per file (no directory is read, and a
// published page is a directory of its own). Two halves are stated at once.
func outputDigest(files []string) (string, error) {
	const parts = 2
	sums := make([][]byte, parts)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for i := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := sha256.New()
			var line []byte
			for _, f := range files[i*len(files)/parts : (i+1)*len(files)/parts] {
				fi, err := os.Stat(f)
				if err != nil {
					errs[i] = err
					return
				}
				line = append(line[:0], f...)
				line = fmt.Appendf(line, " %d %v %d\n", fi.Size(), fi.Mode(), fi.ModTime().UnixNano())
				h.Write(line)
			}
			sums[i] = h.Sum(nil)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return "", err
	}
	h := sha256.New()
	for _, sum := range sums {
		h.Write(sum)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// writeStamp records a published build; clearStamp forgets it before the output changes, so
// that an interrupted build is never taken for an up-to-date one.
func writeStamp(o Options, st stamp) error {
	b, _ := json.Marshal(st)
	tmp := stampPath(o.Dest) + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, stampPath(o.Dest))
}

func clearStamp(o Options) error {
	if err := os.Remove(stampPath(o.Dest)); err != nil && !os.IsNotExist(err) {
		return err
	}
	return nil
}
