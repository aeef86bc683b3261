package publish_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/planportal/planportal/generator/publish"
	"github.com/planportal/planportal/generator/search/bleveindex"
	"github.com/planportal/planportal/generator/server"
)

// publishVersion publishes a site and an index holding only the word v, in one transaction.
func publishVersion(root, v string) error {
	site, index := filepath.Join(root, "public"), filepath.Join(root, "search.bleve")
	tx, err := publish.Begin(index, site)
	if err != nil {
		return err
	}
	defer tx.Abort()
	for _, dest := range []string{site, index} {
		st, err := tx.Stage(dest)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(st.Dir(), "version"), []byte(v), 0o644); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// TestServeSettlesInterruptedPublish: a build's second swap fails and so does putting the
// first back (as renames of directories with open files can on Windows), which leaves the
// new build's index beside the old build's site, and the journal. A serve replica
// (server.SiteIndex) that finds them so settles the publish: both are the old build again.
func TestServeSettlesInterruptedPublish(t *testing.T) {
	root := t.TempDir()
	site, index := filepath.Join(root, "public"), filepath.Join(root, "search.bleve")
	if err := publishVersion(root, "v1"); err != nil {
		t.Fatal(err)
	}
	publish.SetTestHook(func(step, dest string) error {
		if (step == "swap" && dest == site) || step == "restore" {
			return errors.New("injected failure")
		}
		return nil
	})
	err := publishVersion(root, "v2")
	publish.SetTestHook(nil)
	if err == nil {
		t.Fatal("the publish with a failing swap succeeded")
	}
	if publish.ID(site) == publish.ID(index) {
		t.Fatal("the failure left no mixed outputs: the test injects nothing")
	}

	si := server.OpenSiteIndex(site, index, bleveindex.Opener, nil, t.Logf)
	defer si.Close()
	if publish.ID(site) != publish.ID(index) {
		t.Fatalf("serve did not settle the publish: site ID %q, index ID %q", publish.ID(site), publish.ID(index))
	}
	for _, dir := range []string{site, index} {
		if b, _ := os.ReadFile(filepath.Join(dir, "version")); string(b) != "v1" {
			t.Errorf("%s holds %q, want the previous build v1", dir, b)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(root, ".*.publish")); len(m) > 0 {
		t.Errorf("journals left: %v", m)
	}
}
