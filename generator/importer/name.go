package importer

import (
	"path/filepath"
	"strings"
)

// DocName derives a document name from a file name: lower case, runs of other characters as
// -, e.g. "Rugao 2025.txt" → rugao-2025; a name with no ASCII letters or digits becomes import.
func DocName(file string) string {
	base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(base) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "import"
	}
	return b.String()
}
