package engine

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/planportal/planportal/generator/search"
)

// occurs counts, up to limit, the records whose own fields hold term exactly (as a query
// term without synonyms would find it).
func (ix *Index) occurs(term string, limit int) int {
	ct := ix.compileTerm(search.Term{Text: term, Alternatives: []string{search.NormalizeString(term)}})
	n := 0
	ix.candidates(ct, -1, func(p *part, rec uint32) bool {
		if inOwn(p, ct, rec, allFields...) {
			n++
		}
		return n < limit
	})
	return n
}

// candidates calls fn with the candidate records of term t in every part (the records its
// postings give, deleted ones left out), at most budget of them (-1: no limit), until fn
// returns false.
func (ix *Index) candidates(t *cterm, budget int, fn func(p *part, rec uint32) bool) {
	for _, p := range ix.parts {
		pq, err := newPartQuery(p)
		if err != nil {
			continue
		}
		cands, err := pq.termCandidates(t, allFields)
		if err != nil {
			continue
		}
		if p.deleted != nil {
			cands = roaring.AndNot(cands, p.deleted) // not cands' own: the index's postings
		}
		for it := cands.Iterator(); it.HasNext(); budget-- {
			if budget == 0 || !fn(p, it.Next()) {
				return
			}
		}
	}
}

// rareReading divides the likelihood of a term for each character read in another than its
// first reading.
const rareReading = 8

// othersShare: another reading of a pinyin string is offered only when it occurs at least
// 1/othersShare as often as the one searched (zhongyi: 中医, not the 重一 of 加重一些).
const othersShare = 5

// maxPinyinChecks bounds how many Han readings of one pinyin string are checked on the text.
const maxPinyinChecks = 8

// hanFor returns the Han terms of the index that read as the letters s, most frequent first:
// the first is what s is searched as, the others (at most 3) are offered. None when s is not
// pinyin of at least two syllables, or no term of the index reads so.
func (ix *Index) hanFor(s string) []string {
	type cand struct {
		rs      []rune
		est     uint32
		rare    int // characters read in another than their usual reading
		unknown int // 0 for a term the configured synonyms name, else 1
	}
	var cands []cand
	seen := map[string]bool{}
	for _, syls := range search.SplitPinyin(s) {
		for _, rs := range ix.vocab.chains(syls) {
			if t := string(rs); !seen[t] {
				seen[t] = true
				// A character read in another than its usual reading (和 hu, 属 zhu) makes a
				// term much less likely: 互认, not the 和人 of 和人民, for huren.
				est, rare := ix.vocab.estimate(rs), 0
				for i, r := range rs {
					if rd := ix.vocab.reading(r); len(rd) > 0 && rd[0] != syls[i] {
						est /= rareReading
						rare++
					}
				}
				unknown := 1
				if ix.syn.Has(t) {
					unknown = 0
				}
				cands = append(cands, cand{rs, est, rare, unknown})
			}
		}
	}
	// Terms read in their usual readings come first (公卫, not the 公立 of 立 read wei, for
	// gongwei); of each kind, a term the configured synonyms name (a word the site's editors
	// wrote down), then the most frequent: weijianwei is 卫健委, not the 卫健蔚 of 湖州卫健蔚然成风
	// however often that sentence recurs (卫健蔚 meets a word's boundary on its left).
	slices.SortStableFunc(cands, func(a, b cand) int {
		return cmp.Or(cmp.Compare(a.rare, b.rare), cmp.Compare(a.unknown, b.unknown), cmp.Compare(b.est, a.est))
	})
	var out []string
	var top uint32
	for i, c := range cands {
		if i == maxPinyinChecks || len(out) == 4 {
			break
		}
		if len(out) > 0 && c.est < max(2, top/othersShare) {
			continue
		}
		if ix.occursAsWord(c.rs) {
			if len(out) == 0 {
				top = c.est
			}
			out = append(out, string(c.rs))
		}
	}
	if len(out) == 0 {
		// A configured synonym read so, when it or a synonym occurs (医疗共同体 finds 医共体).
		for _, m := range ix.syn.Members() {
			if utf8.RuneCountInString(m) < 2 || search.PinyinOf(m) != s {
				continue
			}
			for _, a := range ix.syn.Expand(m) {
				if ix.occurs(a, 1) > 0 {
					return []string{m}
				}
			}
		}
	}
	return out
}

// occursAsWord reports whether the Han string rs occurs as a word, in the first wordBudget
// candidate records, not only inside other words: some occurrence has, before it, a character
// that forms with its first one, or after it, one that forms with its last one, a bigram no
// more frequent in the index than rs's own bigram at that end (a mark, a space and a field's
// edge form none). yibao reads as 议报, which occurs only in 会议报道 (会议 and 报道 are both
// more frequent): it is no term, and 医保 is searched; gongwei reads as 共卫 only inside 公共卫
// 生, and 公卫 is searched. A word has occurrences at a boundary (医保基金, 居民医保、), and the
// first one found ends the scan. It is isWord's question asked of a reading of letters, none of
// whose ends the user typed in characters: a rare word met once inside a run of characters is
// told from a fragment by how common the bigrams it would be cut from are.
func (ix *Index) occursAsWord(rs []rune) bool {
	df := ix.vocab.df
	first, last := df[[2]rune{rs[0], rs[1]}], df[[2]rune{rs[len(rs)-2], rs[len(rs)-1]}]
	word := false
	ix.eachOccurrence(search.NormalizeString(string(rs)), wordBudget, false, func(before, after rune) bool {
		word = df[[2]rune{before, rs[0]}] <= first || df[[2]rune{rs[len(rs)-1], after}] <= last
		return !word
	})
	return word
}

// eachOccurrence calls fn with the characters before and after each occurrence of the
// canonical string s in the fields of the first budget candidate records of s (-1: all),
// utf8.RuneError at a field's edge, until fn returns false. With overlap, an occurrence may
// begin inside the one before (哈哈 twice in 哈哈哈), else the next is looked for after it.
// occursAsWord and isWord read a string's neighbours through it.
func (ix *Index) eachOccurrence(s string, budget int, overlap bool, fn func(before, after rune) bool) {
	more := true
	ix.candidates(ix.compileTerm(search.Term{Text: s, Alternatives: []string{s}}), budget, func(p *part, rec uint32) bool {
		for _, f := range allFields {
			text := p.field(rec, f)
			for i := strings.Index(text, s); i >= 0 && more; {
				before, _ := utf8.DecodeLastRuneInString(text[:i])
				after, _ := utf8.DecodeRuneInString(text[i+len(s):])
				more = fn(before, after)
				step := len(s)
				if overlap {
					_, step = utf8.DecodeRuneInString(text[i:])
				}
				next := strings.Index(text[i+step:], s)
				if next < 0 {
					break
				}
				i += step + next
			}
			if !more {
				return false
			}
		}
		return true
	})
}

// pinyinWord returns the normalised letters of a term that may be pinyin: unquoted, letters
// only, and not a word of the index (ai and covid are searched as they are).
func (ix *Index) pinyinWord(t search.Term) (string, bool) {
	if t.Quoted {
		return "", false
	}
	w := search.NormalizeString(t.Text)
	if len(w) < 2 || search.SplitPinyin(w) == nil || ix.occurs(w, 1) > 0 {
		return "", false
	}
	return w, true
}

// readPinyin rewrites the terms of q typed in pinyin into the Han terms of the index they read
// as, and reports each. Consecutive pinyin words are read together first (jiating yisheng →
// 家庭医生), each alone if that fails. A word that reads as nothing is left as it is.
func (ix *Index) readPinyin(q *search.Query) []search.PinyinMatch {
	var notes []search.PinyinMatch
	var out [][]search.Term
	groups := q.Groups
	for i := 0; i < len(groups); {
		var words []string
		j := i
		for j < len(groups) && len(groups[j]) == 1 {
			w, ok := ix.pinyinWord(groups[j][0])
			if !ok {
				break
			}
			words = append(words, w)
			j++
		}
		if len(words) == 0 {
			out = append(out, groups[i])
			i++
			continue
		}
		// use searches han[0] for the pinyin typed, or keeps the terms when han is empty.
		use := func(typed string, han []string, orig [][]search.Term) {
			if len(han) == 0 {
				out = append(out, orig...)
				return
			}
			notes = append(notes, search.PinyinMatch{Pinyin: typed, Term: han[0], Others: han[1:]})
			out = append(out, []search.Term{{Text: han[0], Alternatives: ix.syn.Expand(han[0])}})
		}
		var typed []string
		for k := i; k < j; k++ {
			typed = append(typed, groups[k][0].Text)
		}
		if han := ix.hanFor(strings.Join(words, "")); len(words) > 1 && len(han) > 0 {
			use(strings.Join(typed, " "), han, groups[i:j])
		} else {
			for k, w := range words {
				h := han
				if len(words) > 1 {
					h = ix.hanFor(w)
				}
				use(typed[k], h, groups[i+k:i+k+1])
			}
		}
		i = j
	}
	q.Groups = out
	return notes
}
