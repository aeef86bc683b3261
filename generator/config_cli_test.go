package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildEmptyConfig checks that build with an empty config.toml says so in one line naming
// the file, instead of a line per document about its "unknown theme".
func TestBuildEmptyConfig(t *testing.T) {
	site := copySite(t)
	cfg := filepath.Join(site, "config.toml")
	if err := os.WriteFile(cfg, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCLI(t, "build", "--source", site)
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if code != 1 || len(lines) != 2 || !strings.HasPrefix(lines[0], cfg+": the config is empty") ||
		lines[1] != "build failed: nothing was published" {
		t.Errorf("build with an empty config exited %d:\n%s", code, errs)
	}
}
