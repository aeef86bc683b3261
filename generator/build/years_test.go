package build

import (
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/config"
)

// TestLoaderYearsFromConfig checks that config.toml's [content] year range reaches the loader:
// year 0000 is refused by default, and a range configured wider lets 1900 in.
func TestLoaderYearsFromConfig(t *testing.T) {
	doc := func(date string) []byte {
		return []byte("+++\ntitle = \"T\"\nagency = \"A\"\npublished = \"" + date + "\"\n+++\n正文。\n")
	}
	cfg, err := config.Parse("config.toml", []byte("title = \"t\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, diags := NewLoader(cfg).Parse("content/plans/x.md", doc("0000-01-01"))
	if len(diags) != 1 || !strings.HasPrefix(diags[0].Error(), `content/plans/x.md:4: published: "0000-01-01" is out of the range 1949–2100`) {
		t.Errorf("year 0000 with the default range: %v", diags)
	}
	cfg, err = config.Parse("config.toml", []byte("title = \"t\"\n[content]\nmin_year = 1900\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, diags := NewLoader(cfg).Parse("content/plans/x.md", doc("1900-01-01")); len(diags) != 0 {
		t.Errorf("1900 with min_year = 1900: %v", diags)
	}
}
