package search

import "html/template"

// SnippetMatchEager is SnippetMatch normalising the whole text first, as it once did.
func SnippetMatchEager(text string, marks []string, n int) (template.HTML, Match) {
	return snippetMatch(text, marks, n, true)
}
