package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxDocxPart bounds the size of a Word file's XML parts read (a plan is a few hundred KiB).
const maxDocxPart = 64 << 20

// DocxText returns the text of a Word (.docx) file as the importer reads text: a line per
// paragraph; Word's automatic numbering written out as the document shows it (一、, 1., （1）);
// a paragraph bold from end to end, or in a heading style, as **…**; table cells as lines of
// their own.
func DocxText(b []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("not a Word .docx file: %w", err)
	}
	var doc, num []byte
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			doc, err = readPart(f)
		case "word/numbering.xml":
			num, err = readPart(f)
		}
		if err != nil {
			return nil, err
		}
	}
	if doc == nil {
		return nil, errors.New("not a Word .docx file: it has no word/document.xml")
	}
	n := newNumbering(num)
	var out bytes.Buffer
	d := xml.NewDecoder(bytes.NewReader(doc))
	var (
		text             strings.Builder
		inRun, bold      bool
		allBold, anyText bool
		heading          bool
		numID, ilvl      string
		inText           bool
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("word/document.xml: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				text.Reset()
				allBold, anyText, heading, numID, ilvl = true, false, false, "", "0"
			case "r":
				inRun, bold = true, false
			case "b":
				if inRun && attr(t, "val") != "0" && attr(t, "val") != "false" {
					bold = true
				}
			case "pStyle":
				v := strings.ToLower(attr(t, "val"))
				heading = strings.HasPrefix(v, "heading") || strings.HasPrefix(v, "标题") || v == "title"
			case "numId":
				numID = attr(t, "val")
			case "ilvl":
				ilvl = attr(t, "val")
			case "t":
				inText = true
			case "tab":
				if inRun {
					text.WriteString("\t")
				}
			case "br", "cr":
				if inRun {
					text.WriteString("\n")
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "r":
				inRun = false
			case "tc":
				// a table cell ends its line
			case "p":
				s := strings.TrimSpace(text.String())
				if s == "" {
					out.WriteString("\n")
					continue
				}
				lvl, _ := strconv.Atoi(ilvl)
				marker := n.next(numID, lvl)
				if (allBold && anyText) || heading {
					s = "**" + marker + s + "**"
				} else {
					s = marker + s
				}
				out.WriteString(s + "\n")
			}
		case xml.CharData:
			if inText {
				if strings.TrimSpace(string(t)) != "" {
					anyText = true
					allBold = allBold && bold
				}
				text.Write(t)
			}
		}
	}
	return out.Bytes(), nil
}

func readPart(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxDocxPart+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxDocxPart {
		return nil, fmt.Errorf("%s is over %d MiB", f.Name, maxDocxPart>>20)
	}
	return b, nil
}

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// numbering is Word's automatic numbering (word/numbering.xml): for each list (numId) its
// levels' formats, and the counters as the document advances.
type numbering struct {
	levels map[string][]wordLevel // numId → levels (ilvl 0…)
	count  map[string][]int
}

type wordLevel struct {
	start   int
	format  string // decimal, chineseCounting …
	text    string // %1、
	suffix  string // what follows the number: Word's tab or space as a space, or nothing
	started bool
}

func newNumbering(b []byte) *numbering {
	n := &numbering{levels: map[string][]wordLevel{}, count: map[string][]int{}}
	if b == nil {
		return n
	}
	var x struct {
		Abstract []struct {
			ID  string `xml:"abstractNumId,attr"`
			Lvl []struct {
				Ilvl   int `xml:"ilvl,attr"`
				Start  val `xml:"start"`
				Format val `xml:"numFmt"`
				Text   val `xml:"lvlText"`
				Suff   val `xml:"suff"`
			} `xml:"lvl"`
		} `xml:"abstractNum"`
		Num []struct {
			ID       string `xml:"numId,attr"`
			Abstract val    `xml:"abstractNumId"`
			Override []struct {
				Ilvl  int `xml:"ilvl,attr"`
				Start val `xml:"startOverride"`
			} `xml:"lvlOverride"`
		} `xml:"num"`
	}
	if xml.Unmarshal(b, &x) != nil {
		return n
	}
	abstract := map[string][]wordLevel{}
	for _, a := range x.Abstract {
		lv := make([]wordLevel, 9)
		for _, l := range a.Lvl {
			if l.Ilvl >= 0 && l.Ilvl < 9 {
				s, _ := strconv.Atoi(l.Start.V)
				lv[l.Ilvl] = wordLevel{start: s, format: l.Format.V, text: l.Text.V, suffix: " "}
				if l.Suff.V == "nothing" {
					lv[l.Ilvl].suffix = ""
				}
			}
		}
		abstract[a.ID] = lv
	}
	for _, m := range x.Num {
		lv := append([]wordLevel(nil), abstract[m.Abstract.V]...)
		for _, o := range m.Override {
			if s, err := strconv.Atoi(o.Start.V); err == nil && o.Ilvl >= 0 && o.Ilvl < len(lv) {
				lv[o.Ilvl].start = s
			}
		}
		n.levels[m.ID] = lv
	}
	return n
}

type val struct {
	V string `xml:"val,attr"`
}

// next advances list numID at level lvl and returns the paragraph's number as Word shows it
// ("" for a paragraph not in a list).
func (n *numbering) next(numID string, lvl int) string {
	lv := n.levels[numID]
	if numID == "" || numID == "0" || lvl < 0 || lvl >= len(lv) {
		return ""
	}
	c := n.count[numID]
	if c == nil {
		c = make([]int, len(lv))
		n.count[numID] = c
	}
	if !lv[lvl].started {
		c[lvl] = lv[lvl].start
		lv[lvl].started = true
	} else {
		c[lvl]++
	}
	for i := lvl + 1; i < len(lv); i++ {
		lv[i].started = false // deeper levels start again
	}
	s := lv[lvl].text
	for i := 0; i <= lvl; i++ {
		s = strings.ReplaceAll(s, "%"+strconv.Itoa(i+1), formatNumber(c[i], lv[i].format))
	}
	return s + lv[lvl].suffix
}

func formatNumber(v int, format string) string {
	switch format {
	case "chineseCounting", "chineseCountingThousand", "ideographTraditional", "taiwaneseCounting", "taiwaneseCountingThousand":
		return chineseNumeral(v)
	case "none":
		return ""
	}
	return strconv.Itoa(v)
}
