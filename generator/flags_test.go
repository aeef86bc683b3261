package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// TestUsageParseArgs: flags and positional arguments in any order, "--" ends the flags, and
// only search takes -word as a positional argument.
func TestUsageParseArgs(t *testing.T) {
	type result struct {
		pos   []string
		code  int
		name  string
		force bool
		limit int
	}
	for _, c := range []struct {
		args      []string
		dashWords bool
		want      result
	}{
		{[]string{"a.txt", "--name", "x", "b.txt"}, false, result{[]string{"a.txt", "b.txt"}, -1, "x", false, 0}},
		{[]string{"--force", "a.txt", "--name=y"}, false, result{[]string{"a.txt"}, -1, "y", true, 0}},
		{[]string{"a.txt", "-force=false", "-name", "z"}, false, result{[]string{"a.txt"}, -1, "z", false, 0}},
		{[]string{"a.txt", "--", "--force", "-b.txt"}, false, result{[]string{"a.txt", "--force", "-b.txt"}, -1, "", false, 0}},
		{[]string{"-"}, false, result{[]string{"-"}, -1, "", false, 0}},
		{[]string{"--limit", "-5", "q"}, false, result{[]string{"q"}, -1, "", false, -5}},
		{[]string{"--force", "--name", "--force"}, false, result{nil, -1, "--force", true, 0}},
		{nil, false, result{nil, -1, "", false, 0}},
		// usage errors and help
		{[]string{"a.txt", "--nosuch"}, false, result{nil, 2, "", false, 0}},
		{[]string{"-精神卫生"}, false, result{nil, 2, "", false, 0}},
		{[]string{"a.txt", "--name"}, false, result{nil, 2, "", false, 0}},
		{[]string{"--limit", "many"}, false, result{nil, 2, "", false, 0}},
		{[]string{"a.txt", "--help"}, false, result{nil, 0, "", false, 0}},
		{[]string{"-h"}, true, result{nil, 0, "", false, 0}},
		// search: a word that starts with - and is not a flag excludes it
		{[]string{"儿科", "-精神卫生", "--limit", "3", "-x"}, true, result{[]string{"儿科", "-精神卫生", "-x"}, -1, "", false, 3}},
	} {
		fs := newFlags("test", "test", io.Discard)
		name := fs.String("name", "", "")
		force := fs.Bool("force", false, "")
		limit := fs.Int("limit", 0, "")
		pos, code := parseArgs(fs, c.args, c.dashWords)
		got := result{pos, code, *name, *force, *limit}
		if code >= 0 {
			got = result{pos, code, "", false, 0} // flag values are not read after a stop
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("parseArgs(%q, dashWords %v) = %+v, want %+v", c.args, c.dashWords, got, c.want)
		}
	}
}

// TestUsageInterleaved: every command reads flags after its arguments too.
func TestUsageInterleaved(t *testing.T) {
	dir := newSite(t)
	if code, _, errs := runCLI(t, "new", "plans/late-flag", "--source", dir); code != 0 {
		t.Errorf("new SECTION/NAME --source DIR = %d: %s", code, errs)
	}
	// --name names one document: given between two files it is still seen.
	if code, _, errs := runCLI(t, "import", "a.txt", "--name", "x", "b.txt"); code != 2 || !strings.Contains(errs, "--name names one document") {
		t.Errorf("import a.txt --name x b.txt = %d: %s", code, errs)
	}
	if code, _, errs := runCLI(t, "check", "check/testdata/good", "--source", "check/testdata/good"); code != 2 || !strings.Contains(errs, `unexpected argument "check/testdata/good"`) {
		t.Errorf("check with an argument = %d: %s", code, errs)
	}
}

// TestUsageCommandList: every command run dispatches is in the usage message and in the
// command list at the top of main.go.
func TestUsageCommandList(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	doc := f.Doc.Text()
	var commands []string
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Name.Name == "run" {
			ast.Inspect(fn, func(n ast.Node) bool {
				if cc, ok := n.(*ast.CaseClause); ok {
					for _, e := range cc.List {
						if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
							s, _ := strconv.Unquote(lit.Value)
							commands = append(commands, s)
						}
					}
				}
				return true
			})
		}
	}
	if len(commands) < 10 {
		t.Fatalf("found %d commands in run: %q", len(commands), commands)
	}
	for _, c := range commands {
		if strings.HasPrefix(c, "-") || c == "help" {
			continue // aliases: --version, --help
		}
		line := "planportal " + c
		listed := strings.Contains(doc, line+" ") || strings.Contains(doc, line+"\n")
		if !listed {
			t.Errorf("the comment at the top of main.go does not list %s", c)
		}
		if !strings.Contains(usage, "\n  "+c+" ") {
			t.Errorf("the usage message does not list %s", c)
		}
	}
}
