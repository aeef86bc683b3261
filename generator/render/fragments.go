package render

import (
	"encoding/binary"
	"html/template"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/planportal/planportal/generator/analysis"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/data"
	"github.com/planportal/planportal/generator/site"
)

// The fragments here are the parts of a page written most often, made by Go code instead of
// by executing a template: a plan page's items (itemBlock: 38,000 at 1,000 generated plans),
// the theme chips under each passage (chips: 80,000) and the rows of its table of targets
// (targetRows: 37,000), the same rows on the lists of targets (indicatorRows), a theme
// page's entries (entries: 81,000; entryRuns, with their sections' headings) and a unit
// page's (unitEntries). Each was about ten template actions per chip or entry, every one a
// reflect call (a field, a func, the escaper html/template puts after it) with its arguments
// boxed. This file is the one place their markup is written; the default theme calls them
// ({{itemBlock $p .Item}}, {{chips $p .Anchor}}, {{targetRows .}}, {{indicatorRows .Rows}},
// {{entryRuns .}} on a document's .BySection, {{unitEntries $d.Entries}}), and a theme that wants other markup uses the data funcs they are made from (labels, zhMark)
// in its own template. Each value is escaped as html/template escapes it in the same place of
// the same markup (escText, escAttr, escURL below: copies of its escapers), so a page is byte
// for byte what the template made; TestFragmentsMatchTemplates checks that against
// html/template itself, hostile text included.

// itemBlock is an item of a plan page with its sub-items, each a div.item: its number linking
// to itself, its text, its responsibility note (the theme's "note" template), its chips and
// the line that cites it.
func (r *Renderer) itemBlock(p *Page, it *content.Item) (template.HTML, error) {
	sp := scratch()
	b, err := r.appendItem(*sp, p, it)
	return done(sp, b), err
}

// The buffers fragments are made in. A fragment is returned as a string, a copy, so its
// buffer is free again at once: each was a new one sized for the worst case (4 KB an item),
// a fifth of the bytes a render allocated (270 of 1,200 MB at 1,000 plans), which the
// collector paid for with cycles that mark the whole site.
var scratchBufs = sync.Pool{New: func() any { return new([]byte) }}

// maxScratch is the largest buffer kept for the next fragment; a larger one is left to the
// collector.
const maxScratch = 1 << 20

// scratch returns an empty buffer to make a fragment in; done returns the fragment.
func scratch() *[]byte {
	sp := scratchBufs.Get().(*[]byte)
	*sp = (*sp)[:0]
	return sp
}

// done returns the fragment made in b (grown from *sp) as HTML, and puts the buffer back.
func done(sp *[]byte, b []byte) template.HTML {
	h := template.HTML(b)
	release(sp, b)
	return h
}

// release puts back the buffer *sp of scratch, grown to b, once what was made in it is no
// longer read: kept for the next user unless it grew past maxScratch. Fragments, escapers,
// rows, feeds, zhText and the comparison of a file with its previous version all take their
// buffer from scratch.
func release(sp *[]byte, b []byte) {
	if cap(b) <= maxScratch {
		*sp = b[:0]
		scratchBufs.Put(sp)
	}
}

// bytesView is b read as a string, without a copy: only while b is not changed (a scratch
// buffer's fragment read before the buffer is released).
func bytesView(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// scratchWriter is a scratch buffer as an io.Writer, for a template executed into one (row).
type scratchWriter []byte

func (w *scratchWriter) Write(p []byte) (int, error) {
	*w = append(*w, p...)
	return len(p), nil
}

func (r *Renderer) appendItem(b []byte, p *Page, it *content.Item) ([]byte, error) {
	b = append(b, `<div class="item" id="`...)
	b = escAttr(b, it.Anchor)
	b = append(b, `"><a class="num" href="#`...)
	b = escURLPart(b, it.Anchor)
	b = append(b, `" title="本条链接" tabindex="-1">`...)
	b = escText(b, it.Marker)
	b = append(b, `</a><div class="item-text">`...)
	hp := scratch()
	h := it.AppendHTML(*hp)
	b = appendZhHTML(b, bytesView(h))
	release(hp, h)
	if it.Annotation != nil {
		var err error
		if b, err = r.appendNote(b, p, r.note(p, it.Annotation)); err != nil {
			return b, err
		}
	}
	b = r.appendLabels(b, p, it.Anchor)
	b = append(b, `<p class="cite">引用本条：<span class="citation">`...)
	cp := scratch()
	c := data.AppendItemCitation(*cp, p.Site, p.Doc, it.Anchor, p.itemAt(it.Anchor))
	b = escText(b, c)
	release(cp, c)
	b = append(b, `</span></p>`...)
	for _, sub := range it.Items {
		var err error
		if b, err = r.appendItem(b, p, sub); err != nil {
			return b, err
		}
	}
	return append(b, `</div></div>`...), nil
}

// docBody is the text of a plan page, the inside of its div.doc-body: the preamble (laid out as
// a cover notice where it is one: blocks' roles, preamble), each section with its heading,
// note and sub-sections, each annex with its title and sections, and a cover notice's 版记
// (copyBlocks). It is the markup of the theme's former "blocks" and "section" templates and
// document.html's loops over them: about eight template actions a paragraph or a section, every
// one a reflect call with its arguments boxed, and the blocks (template "blocks") and sections
// (template "section") of every part were a template call with a struct made for it each. The
// paragraphs are written as blocks wrote them (zhHTML), the items by appendItem (itemBlock),
// a note by the theme's "note" template (appendNote).
func (r *Renderer) docBody(p *Page) (template.HTML, error) {
	sp := scratch()
	b, err := r.appendDocBody(*sp, p)
	if err != nil {
		release(sp, b)
		return "", err
	}
	return done(sp, b), nil
}

// appendDocBody appends the markup of docBody to b.
func (r *Renderer) appendDocBody(b []byte, p *Page) ([]byte, error) {
	d := p.Doc
	var err error
	if d.Main != nil {
		pre := preamble(p)
		if b, err = r.appendBlocks(b, p, pre.Blocks, pre.roles); err != nil {
			return b, err
		}
		for _, s := range d.Main.Sections {
			if b, err = r.appendSection(b, p, s, 1); err != nil {
				return b, err
			}
		}
	}
	for _, a := range d.Annexes {
		b = append(b, `<section class="annex" id="`...)
		b = append(escAttr(b, a.Anchor), `" aria-labelledby="`...)
		b = append(escAttr(b, a.Anchor), `-h"><h2 id="`...)
		b = append(escAttr(b, a.Anchor), `-h" class="annex-title">`...)
		b = append(escZhText(b, a.Title), `<a class="anchor" href="#`...)
		b = append(escURLPart(b, a.Anchor), `" aria-label="附件链接">#</a></h2>`...)
		if b, err = r.appendBlocks(b, p, a.Blocks, nil); err != nil {
			return b, err
		}
		for _, s := range a.Sections {
			if b, err = r.appendSection(b, p, s, 2); err != nil {
				return b, err
			}
		}
		b = append(b, `</section>`...)
	}
	if cb := copyBlocks(p); len(cb) > 0 {
		b = append(b, `<div class="cover-copy" role="note" aria-label="版记">`...)
		for _, bl := range cb {
			b = appendZhHTML(b, string(bl.HTML))
		}
		b = append(b, `</div>`...)
	}
	return b, nil
}

// appendBlocks appends the blocks bl of a part or section: an item by appendItem; any other
// block as it was rendered (zhHTML), in a div of its cover-notice role where roles give it
// one, with its responsibility note and its chips.
func (r *Renderer) appendBlocks(b []byte, p *Page, bl []*content.Block, roles map[*content.Block]string) ([]byte, error) {
	var err error
	for _, bk := range bl {
		if bk.Item != nil {
			if b, err = r.appendItem(b, p, bk.Item); err != nil {
				return b, err
			}
			continue
		}
		role := roles[bk]
		if role != "" {
			b = append(escAttr(append(b, `<div class="`...), role), `">`...)
		}
		b = appendZhHTML(b, string(bk.HTML))
		if role != "" {
			b = append(b, `</div>`...)
		}
		if bk.Annotation != nil {
			if b, err = r.appendNote(b, p, r.note(p, bk.Annotation)); err != nil {
				return b, err
			}
		}
		b = r.appendLabels(b, p, bk.Anchor)
	}
	return b, nil
}

// appendSection appends the section s, its heading at level base plus its own (h2 to h4: a
// heading level never skips), its note, blocks and sub-sections (nest).
func (r *Renderer) appendSection(b []byte, p *Page, s *content.Section, base int) ([]byte, error) {
	h := "h4"
	switch base + s.Level { // 4 and deeper: h4
	case 2:
		h = "h2"
	case 3:
		h = "h3"
	}
	b = strconv.AppendInt(append(b, `<section class="sec level`...), int64(s.Level), 10)
	b = append(escAttr(append(b, `" id="`...), s.Anchor), `" aria-labelledby="`...)
	b = append(escAttr(b, s.Anchor), `-h"><`...)
	b = append(append(b, h...), ` id="`...)
	b = append(escAttr(b, s.Anchor), `-h">`...)
	b = append(escZhText(b, s.Heading), `<a class="anchor" href="#`...)
	b = append(escURLPart(b, s.Anchor), `" aria-label="本节链接">#</a></`...)
	b = append(append(b, h...), '>')
	var err error
	if s.Annotation != nil {
		if b, err = r.appendNote(b, p, r.note(p, s.Annotation)); err != nil {
			return b, err
		}
	}
	if b, err = r.appendBlocks(b, p, s.Blocks, nil); err != nil {
		return b, err
	}
	for _, sub := range s.Sections {
		if b, err = r.appendSection(b, p, sub, base); err != nil {
			return b, err
		}
	}
	return append(b, `</section>`...), nil
}

// tocSections is a plan page's table of contents of the sections ss: an ol of links to them,
// each with the ol of its sub-sections (the theme's former "toc-sections" template).
func tocSections(ss []*content.Section) template.HTML {
	sp := scratch()
	return done(sp, appendTOC(*sp, ss))
}

func appendTOC(b []byte, ss []*content.Section) []byte {
	b = append(b, `<ol>`...)
	for _, s := range ss {
		b = append(escURLPart(append(b, `<li><a href="#`...), s.Anchor), `">`...)
		b = append(escZhText(b, s.Heading), `</a>`...)
		if len(s.Sections) > 0 {
			b = appendTOC(b, s.Sections)
		}
		b = append(b, `</li>`...)
	}
	return append(b, `</ol>`...)
}

// appendNote appends the theme's "note" template executed with rows, reusing what an earlier
// item of this Render made for the same rows (kept as the template's rows, by appendNoteKey):
// the template reads nothing but its rows, so the same rows make the same note. A page
// rendered alone (RenderPage) executes it every time.
func (r *Renderer) appendNote(b []byte, p *Page, rows []noteRow) ([]byte, error) {
	cache := p.rows
	name := rowName{p.Layout, "note"}
	var key string
	if cache != nil {
		k := scratch()
		*k = appendNoteKey(*k, rows)
		key = string(*k)
		release(k, *k)
		if h, ok := cache.get(name, key); ok {
			return append(b, h...), nil
		}
		if h, ok := p.notes[key]; ok {
			return append(b, h...), nil
		}
	}
	start := len(b)
	w := appendWriter{b}
	if err := r.pages[p.Layout].ExecuteTemplate(&w, "note", rows); err != nil {
		return w.b, err
	}
	if cache != nil {
		if h := template.HTML(w.b[start:]); !cache.put(name, key, h, r.notesMax) {
			// The Render keeps r.notesMax notes already: this page keeps its own (a page is
			// rendered by one worker).
			if p.notes == nil {
				p.notes = map[string]template.HTML{}
			}
			p.notes[key] = h
		}
	}
	return w.b, nil
}

// appendNoteKey appends to k everything a note's rows hold, each string after its length, so
// that no two different notes share a key.
func appendNoteKey(k []byte, rows []noteRow) []byte {
	str := func(s string) { k = append(binary.AppendUvarint(k, uint64(len(s))), s...) }
	for _, row := range rows {
		str(row.Label)
		str(row.Value)
		k = binary.AppendUvarint(k, uint64(len(row.Names)))
		for _, nn := range row.Names {
			str(nn.Name)
			str(nn.URL)
		}
	}
	return k
}

// appendWriter appends what is written to b.
type appendWriter struct{ b []byte }

func (w *appendWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

// chips is the list of the theme chips of the passage with the anchor on the page's document
// (labels), each linking to the passage on its theme's page, with the reason it carries the
// theme (依据“phrase”) in the link after the theme's name, visually hidden until the chip is
// hovered (style.css): a screen reader reads it with the name. It is the markup of the
// theme's former "labels" template, empty when the passage has none. The reason was a span
// beside the link, which described it (aria-describedby) by an id of its own: 46 bytes a chip,
// 7 MB of plan pages at 2,000 generated plans. A chip stays out of the tab order
// (tabindex=-1): the 海安 plan has 122 chips and the page keeps to 100 tab stops (适老化); a
// keyboard shows every reason at once with the page's 显示依据 option, and reaches each theme's
// page from the metadata's 主题分类.
func (r *Renderer) chips(p *Page, anchor string) template.HTML {
	return chipsOf(r.labels(p, anchor))
}

// chipsOf is the markup of the chips ls.
func chipsOf(ls []themeLabel) template.HTML {
	if len(ls) == 0 {
		return ""
	}
	sp := scratch()
	return done(sp, appendChips(*sp, ls))
}

// appendLabels appends the chips of the passage's labels, if it has any.
func (r *Renderer) appendLabels(b []byte, p *Page, anchor string) []byte {
	var arr [8]themeLabel
	if ls := r.labelsTo(arr[:0], p, anchor); len(ls) > 0 {
		b = appendChips(b, ls)
	}
	return b
}

// appendChips appends the markup of the chips ls, at least one, to b.
func appendChips(b []byte, ls []themeLabel) []byte {
	b = append(b, `<ul class="labels" aria-label="本条主题">`...)
	for _, l := range ls {
		b = append(b, `<li><a href="`...)
		b = escURL(b, l.URL)
		b = append(b, `" tabindex="-1">`...)
		b = escText(b, l.Name)
		b = append(b, `<span class="why">`...)
		if l.Why.Directive {
			b = append(b, `编辑标注的主题`...)
		} else {
			b = append(b, `依据“`...)
			b = escText(b, l.Why.Phrase)
			b = append(b, `”`...)
		}
		b = append(b, `</span></a></li>`...)
	}
	return append(b, `</ul>`...)
}

// entries is a theme page's list items of one document's entries (in its ul.entries): each
// links to its passage, with the item's number, and either the sentence that carries the theme,
// its phrase marked and … where it is cut, or, untagged or put there by the author, the
// passage's opening.
func entries(es []site.Entry) template.HTML {
	if len(es) == 0 {
		return ""
	}
	sp := scratch()
	return done(sp, appendEntries(*sp, es))
}

// entryRuns is a theme page's entries of one document, run by run (site.ThemeDoc.BySection):
// each run's section heading, where it has one, as a p.entry-sec, then its entries (entries)
// in a ul.entries. It is the loop theme.html wrote as {{range .BySection}}, four template
// calls a run (16,421 documents in 42,088 runs on the theme pages at 1,000 generated plans).
func entryRuns(runs []site.EntryRun) template.HTML {
	if len(runs) == 0 {
		return ""
	}
	sp := scratch()
	return done(sp, appendEntryRuns(*sp, runs))
}

// appendEntryRuns appends the markup of entryRuns to b.
func appendEntryRuns(b []byte, runs []site.EntryRun) []byte {
	for i := range runs {
		run := &runs[i]
		if run.Section != "" {
			b = append(b, `<p class="entry-sec">`...)
			b = escZhText(b, run.Section)
			b = append(b, `</p>`...)
		}
		b = append(b, `<ul class="entries">`...)
		b = appendEntries(b, run.Entries)
		b = append(b, `</ul>`...)
	}
	return b
}

// themeGroups is the body of a theme page (its site.ThemePage's groups): each region's or
// agency's section, headed by the places it is in, its name linking to its listing and 续
// where it began on the previous page; in it each document's article, its title linking to
// it and its date (the theme's former "theme-doc-title" row), then its entries run by run
// (entryRuns), or a note that the document's own themes alone put it on the theme. It is
// theme.html's former loop over the groups and their documents: about a dozen template
// actions a document (a row looked up, a method, entryRuns) and a group, at 2,000 generated
// plans 32,000 documents on 2,900 theme pages. The entries are made from the documents' text
// (site.ThemeDoc.Entries): the error is the site's once it has let a document's text go.
func themeGroups(gs []*site.ThemeGroup) (template.HTML, error) {
	sp := scratch()
	b, err := appendThemeGroups(*sp, gs)
	if err != nil {
		release(sp, b)
		return "", err
	}
	return done(sp, b), nil
}

// appendThemeGroups appends the markup of themeGroups to b.
func appendThemeGroups(b []byte, gs []*site.ThemeGroup) ([]byte, error) {
	for _, g := range gs {
		b = append(escAttr(append(b, `<section class="theme-group" id="`...), g.ID), `"><h2>`...)
		if len(g.Within) > 0 {
			b = append(b, `<span class="within">`...)
			for _, w := range g.Within {
				b = append(escText(b, w.Place), ` · `...)
			}
			b = append(b, `</span>`...)
		}
		if g.URL != "" {
			b = append(escURL(append(b, `<a href="`...), g.URL), `">`...)
			b = append(escText(b, g.Name), `</a>`...)
		} else {
			b = escText(b, g.Name)
		}
		if g.Continued {
			b = append(b, `<span class="cont">（续）</span>`...)
		}
		b = append(b, `</h2>`...)
		for _, td := range g.Documents {
			b = append(escAttr(append(b, `<article class="theme-doc" id="`...), td.ID), `"><h3><a href="`...)
			b = append(escURL(b, td.Doc.URL), `">`...)
			b = append(escZhText(b, td.Doc.Meta.Title), `</a> <time>`...)
			b = append(escText(b, td.Doc.Meta.Published.String()), `</time></h3>`...)
			var err error
			if b, err = appendDocEntries(b, td); err != nil {
				return b, err
			}
			b = append(b, `</article>`...)
		}
		b = append(b, `</section>`...)
	}
	return b, nil
}

// appendDocEntries appends a document's entries on a theme page, or the note that the
// document's own themes alone put it on the theme: what appendEntryRuns writes of the runs
// td.BySection() makes, each entry written as it is made (site.ThemeDoc.EachEntry), with no
// list of the entries or of their runs (a theme page's entries were 27 of the 980 MB a render
// allocated at 2,000 generated plans).
func appendDocEntries(b []byte, td *site.ThemeDoc) ([]byte, error) {
	inRun, section := false, ""
	err := td.EachEntry(func(e *site.Entry) {
		if !inRun || e.Section != section {
			if inRun {
				b = append(b, `</ul>`...)
			}
			if e.Section != "" {
				b = append(b, `<p class="entry-sec">`...)
				b = escZhText(b, e.Section)
				b = append(b, `</p>`...)
			}
			b = append(b, `<ul class="entries">`...)
			inRun, section = true, e.Section
		}
		b = appendEntry(b, e)
	})
	if err != nil {
		return b, err
	}
	if !inRun {
		return append(b, `<p class="entry-none">文件的主题分类标注了本主题，正文中没有单独涉及本主题的条目。</p>`...), nil
	}
	return append(b, `</ul>`...), nil
}

// appendEntries appends the list items of the entries es to b.
func appendEntries(b []byte, es []site.Entry) []byte {
	for i := range es {
		b = appendEntry(b, &es[i])
	}
	return b
}

// appendEntry appends the list item of the entry e to b.
func appendEntry(b []byte, e *site.Entry) []byte {
	b = append(b, `<li id="`...)
	b = escAttr(b, e.ID)
	b = append(b, `"><a href="`...)
	b = escURL(b, e.URL)
	b = append(b, `">`...)
	if e.Marker != "" {
		b = append(b, `<b>`...)
		b = escText(b, e.Marker)
		b = append(b, `</b>`...)
	}
	if e.Phrase != "" {
		sp := scratch()
		before, phrase, after, buf := zhMarkTo(*sp, e)
		if e.CutBefore {
			b = append(b, `…`...)
		}
		b = escText(b, before)
		b = append(b, `<mark>`...)
		b = escText(b, phrase)
		b = append(b, `</mark>`...)
		b = escText(b, after)
		release(sp, buf)
		if e.CutAfter {
			b = append(b, `…`...)
		}
	} else {
		b = escZhText(b, e.Text)
	}
	b = append(b, `</a>`...)
	if e.ByHand {
		b = append(b, ` <span class="by-hand">（作者标注）</span>`...)
	}
	b = append(b, `</li>`...)
	return b
}

// targetRows are the rows of a plan page's table of targets (指标一览), one a target: its
// subject, the promise (comparator, number and unit), the year, and the item it is read from
// (第2条, ItemNames; 原文 in a paragraph), linking to its passage on the page. The item's text
// stands on the page once, in the body: the clause a target was read from was a second copy
// of it in the table (7 of 155 MB of plan pages at 2,000 generated plans). An item that states
// several targets is linked once, in a cell that spans their consecutive rows (appendItemCell),
// as on the lists of targets.
//
// A row of targetRows and indicatorRows is written without its cells' and its own end tags
// (</td>, </tr>), which HTML lets a page leave out when the next cell or row follows, or the
// row group ends (the tables' templates close each tbody right after the rows): the browser
// builds the same table. At 1,000 generated plans they were 5.3 MB, 12% of the lists of
// targets (a target is on four to five of them: all, its themes, region, year, subject).
func targetRows(p *Page, ts []analysis.Target) template.HTML {
	return targetRowsNamed(ts, site.ItemNames(p.Doc))
}

// targetRowsNamed is targetRows with the items' names (ItemNames) given.
func targetRowsNamed(ts []analysis.Target, names map[string]string) template.HTML {
	sp := scratch()
	b := *sp
	span := 0 // rows left in the current item's spanning cell
	for i := range ts {
		t := &ts[i]
		b = appendTargetCells(append(b, `<tr>`...), t)
		b = append(b, `<td>`...)
		if t.Year != 0 {
			b = strconv.AppendInt(b, int64(t.Year), 10)
		}
		if span > 0 {
			span--
			continue
		}
		n := 1
		for n < len(ts)-i && ts[i+n].Anchor == t.Anchor {
			n++
		}
		span = n - 1
		b = append(appendItemCell(b, n), `<a href="#`...)
		b = escURLPart(b, t.Anchor)
		b = append(b, `" tabindex="-1">`...)
		if name := names[t.Anchor]; name != "" {
			b = escText(b, name)
		} else {
			b = append(b, `原文`...)
		}
		b = append(b, `</a>`...)
	}
	return done(sp, b)
}

// appendItemCell appends the start of a table of targets' cell that links an item, spanning
// the n rows of its targets.
func appendItemCell(b []byte, n int) []byte {
	b = append(b, `<td`...)
	if n > 1 {
		b = append(b, ` rowspan="`...)
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, '"')
	}
	return append(b, '>')
}

// indicatorRows are the rows of a list of targets (the indicators pages: all, by theme,
// region and year; a subject's comparison page has its own table, subject.html), one a target:
// its subject, the promise, its year (or its document's), and the item it is in, linking to
// it. They are made on each list the target is on, not cached (row): written by
// Go, a row costs less than looking it up did.
//
// An item that states several targets is linked once, in a cell that spans their
// consecutive rows (rowspan), not in each: the table still gives every row its item (a
// screen reader reads the spanning cell with each row), and the link is the same one. At
// 1,000 generated plans 65% of the rows repeated the link of the row above: 6.5 MB.
func indicatorRows(inds []*site.Indicator) template.HTML {
	sp := scratch()
	return done(sp, appendIndicatorRows(*sp, inds))
}

// appendIndicatorRows appends the markup of indicatorRows to b.
func appendIndicatorRows(b []byte, inds []*site.Indicator) []byte {
	span := 0 // rows left in the current item's spanning cell
	for i, ind := range inds {
		b = appendTargetCells(append(b, `<tr>`...), ind.Target)
		b = append(b, `<td>`...)
		b = escText(b, ind.Year)
		if span > 0 {
			span--
			continue
		}
		n := 1
		for n < len(inds)-i && sameItem(inds[i+n], ind) {
			n++
		}
		span = n - 1
		b = append(appendItemCell(b, n), `<a href="`...)
		b = escURL(b, ind.URL())
		b = append(b, `">`...)
		if ind.Item != "" {
			b = escText(b, ind.Item)
		} else {
			b = append(b, `原文`...)
		}
		b = append(b, `</a>`...)
	}
	return b
}

// sameItem tells whether targets a and b are read from one passage, which a list links once.
func sameItem(a, b *site.Indicator) bool {
	return a.Target.Anchor == b.Target.Anchor && a.Doc.URL == b.Doc.URL
}

// appendTargetCells appends a target's first two cells, as both tables of targets show them:
// its subject and its promise.
func appendTargetCells(b []byte, t *analysis.Target) []byte {
	b = append(b, `<td>`...)
	b = escZhText(b, t.Subject)
	b = append(b, `<td>`...)
	b = escText(b, t.Comparator)
	b = append(b, ' ')
	b = escText(b, t.ValueText)
	b = escText(b, t.Unit)
	return b
}

// unitEntries are the list items of one document's entries on a unit's or leader's page: each
// links to its passage with the item's number and the passage's lead, says when the unit only
// cooperates (co_units), and gives the note's deadline.
func unitEntries(es []site.UnitEntry) template.HTML {
	sp := scratch()
	return done(sp, appendUnitEntries(*sp, es))
}

// unitDocs is the body of a unit's or leader's page: for each document of its entries (newest
// first, as site.Unit.ByDocument groups them), an article headed by the document's title
// linking to it, its agency and date, then the list of its entries (unitEntries). It is
// unit.html's former loop over ByDocument: about ten template actions a document, on each of
// the 8,200 unit pages at 2,000 generated plans.
func unitDocs(u *site.Unit) template.HTML {
	sp := scratch()
	return done(sp, appendUnitDocs(*sp, u))
}

// appendUnitDocs appends the markup of unitDocs to b.
func appendUnitDocs(b []byte, u *site.Unit) []byte {
	es := u.Entries
	for i, n := 0, 0; i < len(es); n++ {
		j := i + 1
		for j < len(es) && es[j].Doc == es[i].Doc {
			j++
		}
		d := es[i].Doc
		b = strconv.AppendInt(append(b, `<article class="theme-doc" aria-labelledby="ud`...), int64(n), 10)
		b = strconv.AppendInt(append(b, `-h"><h2 id="ud`...), int64(n), 10)
		b = append(b, `-h"><a href="`...)
		b = append(escURL(b, d.URL), `">`...)
		b = append(escText(b, d.Meta.Title), `</a></h2><p class="doc-info"><span>`...)
		date := d.Meta.Published.String()
		b = append(escText(b, d.Meta.Agency), `</span><time datetime="`...)
		b = append(escAttr(b, date), `">`...)
		b = append(escText(b, date), `</time></p><ul class="entries">`...)
		b = append(appendUnitEntries(b, es[i:j]), `</ul></article>`...)
		i = j
	}
	return b
}

// appendUnitEntries appends the markup of unitEntries to b.
func appendUnitEntries(b []byte, es []site.UnitEntry) []byte {
	for _, e := range es {
		b = append(b, `<li><a class="entry-link" href="`...)
		b = escURL(b, e.URL)
		b = append(b, `">`...)
		if e.Marker != "" {
			b = append(b, `<span class="num">`...)
			b = escText(b, e.Marker)
			b = append(b, `</span>`...)
		}
		b = escZhText(b, e.Lead)
		b = append(b, `</a>`...)
		if e.Role == content.FieldCoUnits {
			b = append(b, ` <span class="role">（配合）</span>`...)
		}
		if e.Deadline != "" {
			b = append(b, ` <span class="role">完成时限：`...)
			b = escText(b, e.Deadline)
			b = append(b, `</span>`...)
		}
		b = append(b, `</li>`...)
	}
	return b
}

// headLinks is the part of a page's head (partials/head.html) before its theme-color: the
// title, the description, the canonical link (or, on a page kept out of search engines, the
// robots tag), the links to the theme's assets (the layout's "head-assets" template, made once
// a build for each layout, row) and to the page's feeds (feedsOf). headMeta is the part after
// it: the tags for sharing (Open Graph, article:tag for each of a document's themes) and those
// a government site's pages carry (SiteName, ColumnName, ArticleTitle, Keywords…). Together
// they were about thirty template actions on every page of the site (17,500 at 2,000 plans).
func (r *Renderer) headLinks(p *Page) (template.HTML, error) {
	sp := scratch()
	b, err := r.appendHeadLinks(*sp, p)
	if err != nil {
		release(sp, b)
		return "", err
	}
	return done(sp, b), nil
}

// appendHeadLinks appends the markup of headLinks to b.
func (r *Renderer) appendHeadLinks(b []byte, p *Page) ([]byte, error) {
	assets, err := r.row(p, "head-assets", chromeOf(p))
	if err != nil {
		return b, err
	}
	b = append(b, `<title>`...)
	if p.Title != "" {
		b = append(escText(b, p.Title), ` - `...)
	}
	b = append(escText(b, p.Config.Title), `</title>`...)
	if p.Description != "" {
		b = append(b, `<meta name="description" content="`...)
		b = append(escZhText(b, p.Description), `">`...)
	}
	if p.NoIndex {
		b = append(b, `<meta name="robots" content="noindex">`...)
	} else {
		b = append(b, `<link rel="canonical" href="`...)
		b = append(escURL(b, r.absURL(p.URL)), `">`...)
	}
	b = append(b, assets...)
	for _, f := range feedsOf(p) {
		b = append(b, `<link rel="alternate" type="application/atom+xml" title="`...)
		b = append(escAttr(b, f.Title), `" href="`...)
		b = append(escURL(b, f.URL), `">`...)
	}
	return b, nil
}

// headMeta is the part of a page's head after its theme-color (headLinks).
func (r *Renderer) headMeta(p *Page) template.HTML {
	sp := scratch()
	return done(sp, r.appendHeadMeta(*sp, p))
}

// appendHeadMeta appends the markup of headMeta to b.
func (r *Renderer) appendHeadMeta(b []byte, p *Page) []byte {
	meta := func(attr, name, value string) {
		b = append(append(append(b, `<meta `...), attr...), `="`...)
		b = append(append(b, name...), `" content="`...)
		b = append(escAttr(b, value), `">`...)
	}
	title := p.Title
	if title == "" {
		title = p.Config.Title
	}
	meta("property", "og:site_name", p.Config.Title)
	b = append(b, `<meta property="og:locale" content="zh_CN">`...)
	meta("property", "og:title", title)
	meta("property", "og:url", r.absURL(p.URL))
	if p.Description != "" {
		meta("property", "og:description", zhText(p.Description))
	}
	var themes []MetaValue
	if p.Doc != nil {
		themes = p.DocThemes()
		b = append(b, `<meta property="og:type" content="article">`...)
		meta("property", "article:published_time", p.Doc.Meta.Published.String())
		for _, t := range themes {
			meta("property", "article:tag", t.Text)
		}
	} else {
		b = append(b, `<meta property="og:type" content="website">`...)
	}
	meta("name", "SiteName", p.Config.Title)
	meta("name", "SiteDomain", p.Config.SiteDomain)
	if p.ColumnName != "" {
		meta("name", "ColumnName", p.ColumnName)
	}
	if p.Doc != nil {
		meta("name", "ArticleTitle", p.Doc.Meta.Title)
		meta("name", "PubDate", p.Doc.Meta.Published.String())
		meta("name", "ContentSource", p.Doc.Meta.Agency)
		if len(themes) > 0 {
			b = append(b, `<meta name="Keywords" content="`...)
			for i, t := range themes {
				if i > 0 {
					b = append(b, ',')
				}
				b = escAttr(b, t.Text)
			}
			b = append(b, `">`...)
		}
	}
	return b
}

// docLinks is a plan page's aside of related documents (partials/doc-links.html): the
// related plans (site.Links.Related), each with its region, date and the first three themes it
// shares (共同主题：甲、乙、丙等14个), and the region's newer and older documents; empty when
// it has none. It was about 25 template actions for each related plan, 5 a page.
func (r *Renderer) docLinks(p *Page) template.HTML {
	if p.Links == nil {
		return ""
	}
	return r.docLinksOf(p.Links.Related(), p.Links.Newer, p.Links.Older)
}

// docLinksOf is docLinks of a document with the related plans and neighbours given.
func (r *Renderer) docLinksOf(related []site.Related, newer, older *content.Document) template.HTML {
	if len(related) == 0 && newer == nil && older == nil {
		return ""
	}
	sp := scratch()
	b := append(*sp, `<aside class="doc-links" aria-label="相关文件">`...)
	if len(related) > 0 {
		b = append(b, `<section aria-labelledby="related-h"><h2 id="related-h">相关文件</h2><ul class="related">`...)
		for _, rel := range related {
			d := rel.Doc
			b = append(b, `<li><a href="`...)
			b = append(escURL(b, d.URL), `">`...)
			b = append(escText(b, d.Meta.Title), `</a> <span class="doc-info"><span>`...)
			b = append(escText(b, d.Meta.Region), `</span><time datetime="`...)
			date := d.Meta.Published.String()
			b = append(escAttr(b, date), `">`...)
			b = append(escText(b, date), `</time></span>`...)
			if len(rel.Shared) > 0 {
				b = append(b, `<span class="shared">共同主题：`...)
				for i, slug := range rel.Shared[:min(3, len(rel.Shared))] {
					if i > 0 {
						b = append(b, `、`...)
					}
					b = escText(b, r.cfg.ThemeName(slug))
				}
				if len(rel.Shared) > 3 {
					b = append(strconv.AppendInt(append(b, `等`...), int64(len(rel.Shared)), 10), `个`...)
				}
				b = append(b, `</span>`...)
			}
			b = append(b, `</li>`...)
		}
		b = append(b, `</ul></section>`...)
	}
	if newer != nil || older != nil {
		b = append(b, `<nav class="prev-next" aria-label="同地区文件">`...)
		if d := newer; d != nil {
			b = append(b, `<a class="newer" href="`...)
			b = append(escURL(b, d.URL), `" rel="prev"><span class="pn-label">同地区较新</span>`...)
			b = append(escText(b, d.Meta.Title), `</a>`...)
		}
		if d := older; d != nil {
			b = append(b, `<a class="older" href="`...)
			b = append(escURL(b, d.URL), `" rel="next"><span class="pn-label">同地区较早</span>`...)
			b = append(escText(b, d.Meta.Title), `</a>`...)
		}
		b = append(b, `</nav>`...)
	}
	return done(sp, append(b, `</aside>`...))
}

// metaTable is the rows of a plan page's metadata table (partials/doc-meta.html, inside its
// dl.doc-meta): a div for each front matter key named (metaRows), its label and values, each
// linked to its page where the site has one (the agency's, the region's, the themes'), a date
// in a time element, 未注明 where the source does not state it, and a note where the editor
// supplied it. It was about ten template actions a row and five a value: 250 a plan page.
func (r *Renderer) metaTable(p *Page, keys ...string) (template.HTML, error) {
	rows, err := r.metaRows(p, keys...)
	if err != nil {
		return "", err
	}
	sp := scratch()
	b := *sp
	for _, row := range rows {
		b = append(b, `<div`...)
		if row.Key == "themes" {
			b = append(b, ` class="meta-themes"`...)
		}
		b = append(b, `><dt>`...)
		b = append(escText(b, row.Label), `</dt><dd>`...)
		for i, v := range row.Values {
			if i > 0 {
				b = append(b, `、`...)
			}
			switch {
			case v.URL != "":
				b = append(b, `<a href="`...)
				b = append(escURL(b, v.URL), '"')
				if p.Doc.Meta.Source == v.URL {
					b = append(b, ` rel="noopener"`...)
				}
				b = append(escText(append(b, '>'), v.Text), `</a>`...)
			case v.Date != "":
				b = append(b, `<time datetime="`...)
				b = append(escAttr(b, v.Date), `">`...)
				b = append(escText(b, v.Text), `</time>`...)
			default:
				b = escText(b, v.Text)
			}
		}
		if len(row.Values) == 0 {
			b = append(b, `<span class="unstated">未注明</span>`...)
		} else if row.Inferred {
			b = append(b, ` <span class="unstated">（来源未注明，编者推定）</span>`...)
		}
		b = append(b, `</dd></div>`...)
	}
	return done(sp, b), nil
}

// htmlEscapes are the characters html/template escapes in text and in a quoted attribute's
// value (its htmlReplacementTable), by byte: a NUL becomes U+FFFD.
var htmlEscapes = [...]string{0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;"}

// escText appends s escaped as html/template escapes a string in text (htmlEscaper).
func escText[T string | []byte](b []byte, s T) []byte {
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if int(c) < len(htmlEscapes) && htmlEscapes[c] != "" {
			b = append(b, s[written:i]...)
			b = append(b, htmlEscapes[c]...)
			written = i + 1
		}
	}
	return append(b, s[written:]...)
}

// escZhText appends zhText(s) escaped as escText escapes it, without a string of zhText's: the
// text is set in a scratch buffer and escaped from there.
func escZhText(b []byte, s string) []byte {
	if !hasHalfWidth(s) {
		return escText(b, s)
	}
	sp := scratch()
	z := appendZhText(*sp, s)
	b = escText(b, z)
	release(sp, z)
	return b
}

// hexDigits spell the bytes escURL and escURLPart percent-encode.
const hexDigits = "0123456789abcdef"

// escAttr appends s escaped as html/template escapes a string in a quoted attribute's value
// (attrEscaper): as in text.
func escAttr(b []byte, s string) []byte { return escText(b, s) }

// escURL appends s escaped as html/template escapes a string that is a whole quoted href
// value (urlFilter, urlNormalizer, attrEscaper): a URL whose scheme is not http, https or
// mailto becomes #ZgotmplZ; bytes a URL may not hold are %-encoded (valid %xx escapes kept);
// then & and the like as in an attribute.
func escURL(b []byte, s string) []byte {
	if !isSafeURL(s) {
		return append(b, "#ZgotmplZ"...)
	}
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '&' || c == '+': // kept in the URL, escaped in the attribute
			b = append(b, s[written:i]...)
			b = append(b, htmlEscapes[c]...)
		case urlKeeps(c) || c == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]):
			continue
		default:
			b = append(b, s[written:i]...)
			b = append(b, '%', hexDigits[c>>4], hexDigits[c&15])
		}
		written = i + 1
	}
	return append(b, s[written:]...)
}

// escURLPart appends s escaped as html/template escapes a string in a quoted href after its
// # (urlEscaper, then attrEscaper, which finds nothing left to escape): every byte but letters,
// digits and -._~ %-encoded.
func escURLPart(b []byte, s string) []byte {
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			continue
		}
		b = append(b, s[written:i]...)
		b = append(b, '%', hexDigits[c>>4], hexDigits[c&15])
		written = i + 1
	}
	return append(b, s[written:]...)
}

// urlKeeps is whether html/template's urlNormalizer leaves the byte c as it is.
func urlKeeps(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// isSafeURL is html/template's: a relative URL, or one whose scheme is http, https or mailto.
func isSafeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		return strings.EqualFold(protocol, "http") || strings.EqualFold(protocol, "https") || strings.EqualFold(protocol, "mailto")
	}
	return true
}
