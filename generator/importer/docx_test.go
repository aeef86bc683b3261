package importer

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/content"
)

// wordListRE reads the numbers a Word file would number automatically: 一、 sections and 1.
// or 1、 items, at the start of a line.
var wordListRE = regexp.MustCompile(`^(?:([一二三四五六七八九十]+)(、)|([0-9]{1,3})([.、．]))`)

// makeDocx builds a Word file from text the way an officer's Word file has it: a paragraph
// per line, 一、 and 1. numbers as Word's automatic numbering (a list restarts where the
// numbers do), section headings bold.
func makeDocx(t *testing.T, text string) []byte {
	t.Helper()
	var body, nums, abstracts strings.Builder
	abstractOf := map[string]int{} // format+suffix → abstractNumId
	numID, expect := 0, map[string]int{}
	for _, l := range strings.Split(normalizeText(text), "\n") {
		l = strings.TrimSpace(l)
		m := wordListRE.FindStringSubmatch(l)
		if m == nil {
			fmt.Fprintf(&body, `<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>`, html.EscapeString(l))
			continue
		}
		format, suffix, v := "decimal", m[4], 0
		if m[1] != "" {
			format, suffix, v = "chineseCounting", m[2], content.ChineseNumber(m[1])
		} else {
			fmt.Sscan(m[3], &v)
		}
		rest := l[len(m[0]):]
		suff := "nothing"
		if strings.HasPrefix(rest, " ") {
			suff, rest = "space", rest[1:]
		}
		key := format + suffix + suff
		a, ok := abstractOf[key]
		if !ok {
			a = len(abstractOf) + 1
			abstractOf[key] = a
			fmt.Fprintf(&abstracts, `<w:abstractNum w:abstractNumId="%d"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="%s"/><w:lvlText w:val="%%1%s"/><w:suff w:val="%s"/></w:lvl></w:abstractNum>`, a, format, suffix, suff)
		}
		if expect[key] != v { // the numbers jump or restart: a new list from v
			numID++
			fmt.Fprintf(&nums, `<w:num w:numId="%d"><w:abstractNumId w:val="%d"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="%d"/></w:lvlOverride></w:num>`, numID, a, v)
			expect["id"+key] = numID
		}
		expect[key] = v + 1
		rest = html.EscapeString(rest)
		rpr := ""
		if format == "chineseCounting" {
			rpr = `<w:rPr><w:b/></w:rPr>`
		}
		fmt.Fprintf(&body, `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr></w:pPr><w:r>%s<w:t xml:space="preserve">%s</w:t></w:r></w:p>`,
			expect["id"+key], rpr, rest)
	}
	const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml":   `<?xml version="1.0" encoding="UTF-8"?><w:document ` + ns + `><w:body>` + body.String() + `</w:body></w:document>`,
		"word/numbering.xml":  `<?xml version="1.0" encoding="UTF-8"?><w:numbering ` + ns + `>` + abstracts.String() + nums.String() + `</w:numbering>`,
	} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bodyOf is an import's Markdown without its source line (the file names differ).
func bodyOf(md []byte) string {
	var out []string
	for _, l := range strings.Split(string(md), "\n") {
		if !strings.HasPrefix(l, "source = ") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestDocxFromSeed: a Word file made from a seed, with Word's numbering and bold headings,
// imports to the same Markdown as the seed's text.
func TestDocxFromSeed(t *testing.T) {
	raw := readSeed(t, "001_bb61ea8165d77bf6.txt")
	text, _, err := Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	docx := makeDocx(t, text)
	got, err := DocxText(docx)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(docx, []byte(">一、")) {
		t.Fatal("the test's Word file spells out a number Word should number")
	}
	sameImport(t, "the Word file", got, raw, "content/plans/haian-2025.md")
}

// sameImport checks that the text of a converted file (what) imports to the same Markdown as
// the raw text it was made from.
func sameImport(t *testing.T, what string, got, raw []byte, path string) {
	t.Helper()
	opt := Options{Path: path, Today: "2025-01-01"}
	want, err := Import(raw, opt)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import(got, opt)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := bodyOf(res.Markdown), bodyOf(want.Markdown); a != b {
		t.Errorf("%s imports differently from the text:\n%s", what, diffLines(strings.Split(a, "\n"), strings.Split(b, "\n")))
	}
}

// TestPDFFromSeed: a PDF printed from a seed's text, its paragraphs' first lines indented as
// official documents have them, imports through pdftotext -layout to the same Markdown as the
// seed's text.
func TestPDFFromSeed(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (Debian: poppler-utils)")
	}
	browser, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not installed: it prints the test's PDF")
	}
	raw := readSeed(t, "000_9c6f27234411dbae.txt")
	text, _, err := Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var page strings.Builder
	page.WriteString(`<!DOCTYPE html><meta charset="utf-8"><style>@page{size:A4;margin:2cm} body{font:16px sans-serif} p{margin:0 0 .5em;text-indent:2em}</style>`)
	for _, l := range strings.Split(normalizeText(text), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			page.WriteString("<p>" + html.EscapeString(l) + "</p>\n")
		}
	}
	in, pdf := filepath.Join(dir, "seed.html"), filepath.Join(dir, "seed.pdf")
	if err := os.WriteFile(in, []byte(page.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--print-to-pdf="+pdf, "file://"+in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("chromium could not print the PDF: %v\n%s", err, out)
	}
	got, err := ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	sameImport(t, "the PDF", got, raw, "content/plans/jintan-2025.md")
}

// TestDocxText: Word's multi-level numbering (一、 then （一） then 1.), a heading style, a
// line break inside a paragraph and a table's cells, as the text an officer would see.
func TestDocxText(t *testing.T) {
	const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	p := func(num, lvl int, style, text string) string {
		ppr := ""
		if style != "" {
			ppr += `<w:pStyle w:val="` + style + `"/>`
		}
		if num > 0 {
			ppr += fmt.Sprintf(`<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>`, lvl, num)
		}
		return `<w:p><w:pPr>` + ppr + `</w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	doc := `<w:document ` + ns + `><w:body>` +
		p(0, 0, "Heading1", "2025年甲市卫生健康工作要点") +
		p(1, 0, "", "总体要求") + p(1, 1, "", "指导思想") + p(1, 2, "", "坚持人民至上。") + p(1, 2, "", "坚持预防为主。") +
		p(1, 1, "", "工作目标") + p(1, 2, "", "目标一。") +
		p(1, 0, "", "重点任务") +
		`<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>` +
		`<w:tbl><w:tr><w:tc>` + p(0, 0, "", "指标") + `</w:tc><w:tc>` + p(0, 0, "", "目标值") + `</w:tc></w:tr></w:tbl>` +
		`</w:body></w:document>`
	numbering := `<w:numbering ` + ns + `><w:abstractNum w:abstractNumId="0">` +
		`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>` +
		`<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:suff w:val="nothing"/></w:lvl>` +
		`</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range map[string]string{"word/document.xml": doc, "word/numbering.xml": numbering} {
		w, _ := zw.Create(name)
		w.Write([]byte(data))
	}
	zw.Close()
	got, err := DocxText(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := "**2025年甲市卫生健康工作要点**\n一、总体要求\n（一）指导思想\n1.坚持人民至上。\n2.坚持预防为主。\n（二）工作目标\n1.目标一。\n二、重点任务\n第一行\n第二行\n指标\n目标值\n"
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if _, err := DocxText([]byte("not a zip")); err == nil || !strings.Contains(err.Error(), ".docx") {
		t.Errorf("not a Word file: %v", err)
	}
}
