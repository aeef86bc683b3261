package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"time"
)

// A stamp records what a build was made from: a digest of every input file (content, theme,
// config), the options and the program itself. A build whose stamp matches the last one has
// nothing to do: its output would be byte for byte what is published already.
type stamp struct {
	Digest    string `json:"digest"`
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
	fmt.Fprintf(h, "planportal-build-1\ndrafts=%v\nfuture=%v\nnoindex=%v\ndest=%s\nindex=%s\n", o.Drafts, o.Future, o.NoIndex, o.Dest, o.Index)
	if exe, err := os.Executable(); err == nil {
		if err := hashFile(h, "program", exe); err != nil {
			return "", err
		}
	} else if bi, ok := debug.ReadBuildInfo(); ok {
		fmt.Fprintf(h, "program %s\n", bi.String())
	}
	if err := hashFile(h, "config", o.Config); err != nil {
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
			} else if err := hashFile(h, filepath.ToSlash(rel), f); err != nil {
				return "", err
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func hashFile(h io.Writer, name, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fh := sha256.New()
	if _, err := io.Copy(fh, f); err != nil {
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
	if _, err := os.Stat(filepath.Join(o.Dest, "index.html")); err != nil {
		return nil, false
	}
	if !o.NoIndex {
		if _, err := os.Stat(o.Index); err != nil {
			return nil, false
		}
	}
	return &st, true
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
