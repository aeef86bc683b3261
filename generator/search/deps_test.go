package search_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/internal/sitetest"
)

// TestOnlyTheAdapterTouchesBleve: package bleveindex is the only one that imports bleve
// (github.com/blevesearch/...), in its code or its tests; the domain (search), the engine and
// the pages that show results (render) and the HTTP server (server) do not depend on it even through another package, and
// render does not depend on the engine either.
func TestOnlyTheAdapterTouchesBleve(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to list packages with")
	}
	const mod = "github.com/planportal/planportal/generator/"
	list := func(args ...string) []string {
		t.Helper()
		cmd := exec.Command(goTool, append([]string{"list"}, args...)...)
		cmd.Dir = sitetest.Root()
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list %s: %v", strings.Join(args, " "), err)
		}
		return strings.Fields(string(out))
	}
	importers := map[string]bool{}
	// One field a package: its path, then what it and its tests import.
	for _, line := range list("-f", `{{.ImportPath}}:{{join .Imports ","}},{{join .TestImports ","}},{{join .XTestImports ","}}`, "./generator/...") {
		pkg, imports, _ := strings.Cut(line, ":")
		for _, imp := range strings.Split(imports, ",") {
			if strings.HasPrefix(imp, "github.com/blevesearch/") {
				importers[pkg] = true
			}
		}
	}
	if len(importers) != 1 || !importers[mod+"search/bleveindex"] {
		t.Errorf("packages importing bleve: %v, want only %ssearch/bleveindex", importers, mod)
	}
	for _, pkg := range []string{"search", "search/engine", "render", "server"} {
		for _, dep := range list("-deps", "./generator/"+pkg) {
			if strings.HasPrefix(dep, "github.com/blevesearch/") || pkg == "render" && dep == mod+"search/engine" {
				t.Errorf("%s depends on %s", pkg, dep)
			}
		}
	}
}
