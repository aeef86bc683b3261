package render

import "testing"

// TestSelfClosing: a feed's empty link and category elements end in "/>", and nothing else
// changes: an end tag of another element after a quote, an attribute value that reads like
// one (escaped by encoding/xml, so never `"></link>` inside a value), text between.
func TestSelfClosing(t *testing.T) {
	for in, want := range map[string]string{
		`<link href="a"></link>`: `<link href="a"/>`,
		`<entry><link rel="alternate" href="/p/"></link><category term="a" label="甲"></category><category term="b"></category></entry>`: `<entry><link rel="alternate" href="/p/"/><category term="a" label="甲"/><category term="b"/></entry>`,
		`<title>"></title><summary>a"></links></summary>`:         `<title>"></title><summary>a"></links></summary>`,
		`<x a="&#34;&gt;&lt;/link&gt;"></x>"></link>"></category`: `<x a="&#34;&gt;&lt;/link&gt;"></x>"/>"></category`,
		``:                          ``,
		`"></`:                      `"></`,
		`"></"></link>`:             `"></"/>`,
		`"></category>"></link>end`: `"/>"/>end`,
	} {
		if got := string(selfClosing([]byte(in))); got != want {
			t.Errorf("selfClosing(%q) = %q, want %q", in, got, want)
		}
	}
}
