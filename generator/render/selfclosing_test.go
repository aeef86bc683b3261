package render

import (
	"bytes"
	"encoding/xml"
	"math/rand/v2"
	"strings"
	"testing"
)

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

// selfClosing ends each link and category element of an encoded feed in "/>", not
// encoding/xml's "></link>" (a document's entry has a dozen categories), in place. Attribute
// values are escaped, so `"></link>` ends a link element only. It made the feeds, after
// encoding/xml, until appendFeed wrote them directly: with the encoder it is the reference
// appendFeed is checked against (TestAppendFeedAsEncoder).
func selfClosing(b []byte) []byte {
	out := b[:0] // written behind what is read: the text only shrinks
	for {
		i := bytes.Index(b, []byte(`"></`))
		if i < 0 {
			return append(out, b...)
		}
		name := 0
		switch rest := b[i+4:]; {
		case bytes.HasPrefix(rest, []byte("link>")):
			name = len("link>")
		case bytes.HasPrefix(rest, []byte("category>")):
			name = len("category>")
		}
		if name == 0 {
			out, b = append(out, b[:i+4]...), b[i+4:]
			continue
		}
		out = append(append(out, b[:i]...), `"/>`...)
		b = b[i+4+name:]
	}
}

// TestAppendFeedAsEncoder: appendFeed writes what encoding/xml's Encoder writes for the type
// feed (after xml.Header, a newline at the end, through selfClosing), the way feeds were made
// before it, on random feeds whose texts hold markup characters, quotes, tabs, newlines,
// carriage returns, control characters XML cannot hold, U+FFFD, bytes that are not UTF-8,
// "\"></link>", and Chinese; with and without each optional part.
func TestAppendFeedAsEncoder(t *testing.T) {
	pieces := []string{"卫生", "健康", "a", "Z", "9", " ", "<", ">", "&", "&amp;", `"`, "'", "\t", "\n", "\r", "\x00",
		"\x01", "\x1f", "\x7f", "\u0085", "\ufffd", "\uffff", "\ufffe", "\U0001f600", "\xff", "\xe4\xb8", "\xed\xa0\x80",
		`"></link>`, `"></category>`, "</feed>", "]]>", "http://127.0.0.1:8080/plans/a/"}
	rng := rand.New(rand.NewPCG(5, 6))
	text := func() string {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	maybe := func() string {
		if rng.IntN(3) == 0 {
			return ""
		}
		return text()
	}
	link := func() atomLink { return atomLink{Rel: maybe(), Type: maybe(), Href: text()} }
	var enc bytes.Buffer
	e := xml.NewEncoder(&enc)
	for range 3000 {
		f := feed{Lang: maybe(), ID: text(), Title: text(), Sub: maybe(), Updated: text(), Author: atomPerson{Name: text()}, Gen: text()}
		for range rng.IntN(3) {
			f.Links = append(f.Links, link())
		}
		for range rng.IntN(4) {
			a := atomEntry{ID: text(), Title: text(), Updated: text(), Link: link(), Summary: maybe()}
			if rng.IntN(2) == 0 {
				a.Author = &atomPerson{Name: text()}
			}
			for range rng.IntN(4) {
				a.Categories = append(a.Categories, atomCategory{Term: text(), Label: maybe()})
			}
			f.Entries = append(f.Entries, a)
		}
		enc.Reset()
		enc.WriteString(xml.Header)
		if err := e.Encode(f); err != nil {
			t.Fatal(err)
		}
		enc.WriteByte('\n')
		want := string(selfClosing(enc.Bytes()))
		if got := string(appendFeed(nil, &f)); got != want {
			t.Fatalf("appendFeed(%+v) =\n%q\nwant (encoding/xml)\n%q", f, got, want)
		}
	}
}
