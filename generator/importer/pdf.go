package importer

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/msg"
)

// ErrNoPdftotext is returned for a PDF when poppler's pdftotext is not installed.
var ErrNoPdftotext = errors.New("pdftotext not found")

// PDFText returns the text of a PDF file through poppler's pdftotext -layout, which keeps the
// lines as the page sets them; the importer joins them as it does text copied out of a PDF.
func PDFText(path string) ([]byte, error) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil, fmt.Errorf("%w: %s", ErrNoPdftotext, msg.T("import.pdftotext"))
	}
	var out, stderr bytes.Buffer
	cmd := exec.Command(bin, "-layout", "-enc", "UTF-8", "--", path, "-")
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("pdftotext: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return []byte(layoutParagraphs(out.String())), nil
}

// layoutParagraphs joins the lines of a paragraph in pdftotext -layout's text when the
// document indents the first line of its paragraphs, as official documents do (two
// characters): a line at the left margin continues the text above it (a line that ends with
// 。 at the full width included, which the text alone cannot tell from a paragraph's end),
// unless it opens a section, an item, an annex or the 抄送 block. Text without such
// indentation is left as it is.
func layoutParagraphs(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	indent := func(l string) int {
		l = strings.TrimLeft(l, "\f")
		return len(l) - len(strings.TrimLeft(l, " "))
	}
	blank := func(l string) bool { return strings.TrimSpace(strings.Trim(l, "\f")) == "" }
	margin, text := -1, 0
	for _, l := range lines {
		if !blank(l) {
			text++
			if i := indent(l); margin < 0 || i < margin {
				margin = i
			}
		}
	}
	indented := 0
	for _, l := range lines {
		if !blank(l) && indent(l) >= margin+2 {
			indented++
		}
	}
	if text == 0 || indented*10 < text || (text-indented)*10 < text {
		return s
	}
	var out []string
	last := -1 // the index in out of the last line of text (not a page-break fragment)
	for _, l := range lines {
		t := strings.TrimSpace(strings.Trim(l, "\f"))
		if t == "" || isPageFragment(t) {
			out = append(out, l)
			continue
		}
		if indent(l) < margin+2 && last >= 0 {
			if k := classify(line{text: t}); !stops(k[0].kind) {
				prev := strings.TrimRight(out[last], " ")
				a, _ := utf8.DecodeLastRuneInString(prev)
				b, _ := utf8.DecodeRuneInString(t)
				if isASCIILetter(a) && isASCIILetter(b) {
					prev += " "
				}
				out[last] = prev + t
				continue
			}
		}
		out = append(out, l)
		last = len(out) - 1
	}
	return strings.Join(out, "\n")
}

// ReadFile reads a file to import: a Word .docx file's text (DocxText), a PDF's through
// pdftotext (PDFText), any other file as it is (text in any encoding Decode knows).
func ReadFile(path string) ([]byte, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".docx":
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		return DocxText(b)
	case ".pdf":
		return PDFText(path)
	case ".doc":
		return nil, errors.New("an old Word .doc file: save it as .docx (Word: 另存为 → Word 文档) and import that")
	}
	return os.ReadFile(path)
}
