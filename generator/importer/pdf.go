package importer

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

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
	return out.Bytes(), nil
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
