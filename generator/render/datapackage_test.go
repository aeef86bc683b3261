package render_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The Frictionless Data Package v1 rules checked here, from the specifications
// (specs.frictionlessdata.io: Data Package, Data Resource, Tabular Data Resource, Table
// Schema, CSV Dialect):
//   - the descriptor is a JSON object with a non-empty resources array;
//   - name (package and resource) is lower-case alphanumeric with ., _ or -; resource names
//     are unique;
//   - a resource has path (or data); a path is a POSIX path relative to the descriptor,
//     neither absolute nor climbing with ..;
//   - profile, where given, is data-package / data-resource / tabular-data-resource;
//   - a tabular-data-resource has a schema whose fields each have a name (unique) and a type
//     from the Table Schema list, and its file's header row is those names in order;
//   - encoding, where given, is an IANA character set name; mediatype a MIME type;
//   - a dialect's delimiter is one character and header a boolean;
//   - a compressed resource (recipe "Compression of Resources") has a path that tells its
//     compression, and says it in compression where given.
var (
	dpNameRE     = regexp.MustCompile(`^[a-z0-9._-]+$`)
	mediaTypeRE  = regexp.MustCompile(`^[a-z]+/[a-z0-9.+-]+$`)
	ianaCharsets = map[string]bool{"utf-8": true, "utf-16": true, "us-ascii": true, "iso-8859-1": true, "gb18030": true, "gbk": true}
	fieldTypes   = map[string]bool{"string": true, "number": true, "integer": true, "boolean": true, "object": true, "array": true,
		"date": true, "time": true, "datetime": true, "year": true, "yearmonth": true, "duration": true, "geopoint": true, "geojson": true, "any": true}
)

func checkDataPackage(t *testing.T, dir string) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "datapackage.json"))
	if err != nil {
		t.Fatal(err)
	}
	var dp map[string]any
	if err := json.Unmarshal(raw, &dp); err != nil {
		t.Fatalf("datapackage.json: %v", err)
	}
	fail := func(format string, a ...any) { t.Helper(); t.Errorf("datapackage.json: "+format, a...) }
	if n, ok := dp["name"].(string); !ok || !dpNameRE.MatchString(n) {
		fail("name %v", dp["name"])
	}
	if p, ok := dp["profile"]; ok && p != "data-package" && p != "tabular-data-package" {
		fail("profile %v", p)
	}
	res, ok := dp["resources"].([]any)
	if !ok || len(res) == 0 {
		t.Fatalf("datapackage.json: resources %v", dp["resources"])
	}
	seen := map[string]bool{}
	tabular := 0
	for i, x := range res {
		r, ok := x.(map[string]any)
		if !ok {
			fail("resource %d is not an object", i)
			continue
		}
		name, _ := r["name"].(string)
		if !dpNameRE.MatchString(name) || seen[name] {
			fail("resource %d name %q", i, name)
		}
		seen[name] = true
		p, ok := r["path"].(string)
		if !ok || p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || path.Clean(p) != p || strings.HasPrefix(p, "..") {
			fail("resource %s path %v", name, r["path"])
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
			fail("resource %s: %v", name, err)
		}
		if e, ok := r["encoding"].(string); ok && !ianaCharsets[strings.ToLower(e)] {
			fail("resource %s encoding %q is not an IANA charset name", name, e)
		}
		if m, ok := r["mediatype"].(string); ok && !mediaTypeRE.MatchString(m) {
			fail("resource %s mediatype %q", name, m)
		}
		switch r["profile"] {
		case nil, "data-resource":
			continue
		case "tabular-data-resource":
		default:
			fail("resource %s profile %v", name, r["profile"])
			continue
		}
		tabular++
		if d, ok := r["dialect"].(map[string]any); ok {
			if del, _ := d["delimiter"].(string); len([]rune(del)) != 1 {
				fail("resource %s delimiter %v", name, d["delimiter"])
			}
			if _, ok := d["header"].(bool); !ok {
				fail("resource %s header %v", name, d["header"])
			}
		}
		sc, _ := r["schema"].(map[string]any)
		fields, _ := sc["fields"].([]any)
		if len(fields) == 0 {
			fail("resource %s has no schema fields", name)
			continue
		}
		var names []string
		fseen := map[string]bool{}
		for _, f := range fields {
			fm, _ := f.(map[string]any)
			fn, _ := fm["name"].(string)
			ft, _ := fm["type"].(string)
			if fn == "" || fseen[fn] || !fieldTypes[ft] {
				fail("resource %s field %v", name, f)
			}
			fseen[fn] = true
			names = append(names, fn)
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			continue
		}
		// A compressed resource's compression can be told from its path, and its file is
		// that archive, holding the CSV file the rest of the resource describes (Data
		// Package recipe "Compression of Resources": gz or zip).
		switch c, _ := r["compression"].(string); {
		case c == "" && strings.HasSuffix(p, ".zip"), c != "" && c != "zip" && c != "gz", c == "zip" && !strings.HasSuffix(p, ".zip"):
			fail("resource %s: path %s, compression %q", name, p, c)
			continue
		case c == "zip":
			b = unzipOne(t, filepath.Join(dir, filepath.FromSlash(p)), b)
		}
		rd := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))))
		header, err := rd.Read()
		if err != nil || strings.Join(header, ",") != strings.Join(names, ",") {
			fail("resource %s: header %v (%v), schema %v", name, header, err, names)
		}
		recs, err := rd.ReadAll()
		if err != nil {
			fail("resource %s: %v", name, err)
		}
		// A field's constraints.pattern (an XML Schema regular expression, matched whole;
		// the ones used here mean the same in Go) holds for every value but the missing "".
		patterns := make([]*regexp.Regexp, len(fields))
		for j, f := range fields {
			c, _ := f.(map[string]any)["constraints"].(map[string]any)
			if p, ok := c["pattern"].(string); ok {
				re, err := regexp.Compile(`^(?:` + p + `)$`)
				if err != nil {
					fail("resource %s: %s pattern %q: %v", name, names[j], p, err)
					continue
				}
				patterns[j] = re
			}
		}
		for _, rec := range recs {
			for j, f := range fields {
				if ft := f.(map[string]any)["type"]; ft == "date" && rec[j] != "" && !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(rec[j]) {
					fail("resource %s: %s %q is not a date", name, names[j], rec[j])
				}
				if patterns[j] != nil && rec[j] != "" && !patterns[j].MatchString(rec[j]) {
					fail("resource %s: %s %q does not match its pattern %s", name, names[j], rec[j], patterns[j])
				}
			}
		}
	}
	if tabular < 3 {
		fail("%d tabular resources, want items, indicators and units", tabular)
	}
}
