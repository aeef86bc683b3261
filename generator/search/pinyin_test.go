package search_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"

	"github.com/planportal/planportal/generator/search"
)

// TestPinyinQueries: a Han term typed as toneless pinyin finds what the term finds. Two sets
// of queries, each term typed as go-pinyin reads each character: A, every keyword of the theme
// taxonomy in config.toml that occurs in the content (seen while tuning how readings are
// weighed: rareReading, and the synonym fallback); B, every term of the configured synonym
// groups not in A, held out until that tuning was done. B's misses (yibao read as 议报,
// gongwei as 共卫) were then seen, and led to the fragment rule and to usual readings first
// (issue 13, 2026-12-02): B is no longer held out. Precision over each set's hits must be at
// least 0.9.
func TestPinyinQueries(t *testing.T) {
	ix, _ := bundledIndex(t)
	var setA, setB []string
	inA := map[string]bool{}
	for _, th := range bundled.cfg.Themes {
		for _, kw := range th.Keywords {
			if !inA[kw] {
				inA[kw] = true
				setA = append(setA, kw)
			}
		}
	}
	for _, g := range bundled.cfg.Search.Synonyms {
		for _, m := range g {
			if !inA[m] {
				inA[m] = true
				setB = append(setB, m)
			}
		}
	}
	var setC []string
	for _, term := range heldOutPinyin {
		if !inA[term] {
			setC = append(setC, term)
		}
	}
	for _, set := range []struct {
		name  string
		terms []string
		least int
	}{{"A (theme keywords)", setA, 50}, {"B (synonyms, no longer held out)", setB, 10}, {"C (held out)", setC, 15}} {
		var tp, fp, fn, queries, exact int
		for _, kw := range set.terms {
			han := true
			for _, r := range kw {
				han = han && search.ClassOf(r) == search.Han
			}
			if !han || utf8.RuneCountInString(kw) < 2 {
				continue
			}
			want := urlSet(allHits(t, ix, search.Request{Q: kw}))
			if len(want) == 0 {
				continue
			}
			py := search.PinyinOf(kw)
			resp := allHits(t, ix, search.Request{Q: py})
			got := urlSet(resp)
			queries++
			for u := range got {
				if want[u] {
					tp++
				} else {
					fp++
				}
			}
			fn += len(minus(want, got))
			if len(resp.Pinyin) == 1 && resp.Pinyin[0].Term == kw {
				exact++
			} else {
				t.Logf("%s: %s (%s): read as %+v; %d hits, want %d", set.name, py, kw, resp.Pinyin, len(got), len(want))
			}
		}
		if queries < set.least {
			t.Fatalf("%s: only %d queries", set.name, queries)
		}
		precision, recall := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
		t.Logf("pinyin %s: %d queries, %d read as their term; precision %.3f, recall %.3f", set.name, queries, exact, precision, recall)
		if precision < 0.9 {
			t.Errorf("pinyin %s: precision %.3f < 0.9", set.name, precision)
		}
	}
}

// heldOutPinyin (set C of TestPinyinQueries) are terms a journalist might type, written down
// on 2026-12-02 after the tuning of set B and before any run on them, from the subjects of
// health plans rather than from the content or the config: whichever occur in the bundled
// content (and are not in set A or B) are queried. Do not tune on their misses; add a fresh
// set instead.
var heldOutPinyin = []string{
	"疫苗接种", "慢性病", "高血压", "糖尿病", "健康扶贫", "分级诊疗", "集中带量采购", "乡村医生",
	"卫生院", "妇幼保健", "传染病", "托育", "医养结合", "癌症筛查", "免疫规划", "爱国卫生",
	"健康教育", "院前急救", "无偿献血", "职业病", "食品安全", "医疗废物", "护士", "全科医生",
	"住院医师", "互联网医院", "电子病历", "智慧医院", "公共卫生", "重大疾病", "出生缺陷",
	"老年人", "健康体检", "中医馆", "药品", "医疗保障", "结核病", "艾滋病", "精神障碍", "控烟",
	"健康素养", "母婴安全", "儿童保健", "救护车", "远程医疗", "县域医共体", "信息化", "应急处置",
}

// TestPinyinNotAFragment: yibao is read as 医保, not as 议报, which the content holds in more
// records but only inside 会议报道 (checked on the content here): a reading that occurs only
// across two words is no term.
func TestPinyinNotAFragment(t *testing.T) {
	ix, docs := bundledIndex(t)
	ui := newUnitIndex(t, docs)
	frag, word := 0, 0
	for url, u := range ui.units {
		all := strings.Join([]string{u.Text, u.TitleS, u.Heading, u.Meta}, "\n")
		if strings.Contains(all, "议报") {
			frag++
			if strings.Count(all, "议报") != strings.Count(all, "会议报道") {
				t.Fatalf("%s holds 议报 outside 会议报道: the case no longer holds in the content", url)
			}
		}
		if strings.Contains(all, "医保") {
			word++
		}
	}
	if frag <= word || word == 0 {
		t.Fatalf("议报 in %d records, 医保 in %d: the case needs 议报 the more frequent", frag, word)
	}
	resp := allHits(t, ix, search.Request{Q: "yibao"})
	if len(resp.Pinyin) != 1 || resp.Pinyin[0].Term != "医保" {
		t.Errorf("yibao: read as %+v, want 医保", resp.Pinyin)
	}
	sameSet(t, "yibao", urlSet(resp), urlSet(allHits(t, ix, search.Request{Q: "医保"})))
}

// TestPinyinWordNotFragment: gongwei is read as 公卫, a word of the content (met beside a
// mark: 家医、公卫), and 共卫 is not even offered, though the content holds it in more records:
// it occurs only inside 公共卫生 (checked on the content here). The vocabulary once counted
// 共卫's records as 2 (one shard) or 4 (three) of 21 (zapx's DictionaryIterator), and gongwei
// was read as 共卫 on the bundled site.
func TestPinyinWordNotFragment(t *testing.T) {
	ix, docs := bundledIndex(t)
	ui := newUnitIndex(t, docs)
	frag, word, alone := 0, 0, 0
	for url, u := range ui.units {
		for _, f := range []string{u.Text, u.TitleS, u.Heading, u.Meta} {
			if strings.Contains(f, "共卫") {
				frag++
				if strings.Count(f, "共卫") != strings.Count(f, "公共卫生") {
					t.Fatalf("%s holds 共卫 outside 公共卫生: the case no longer holds in the content", url)
				}
			}
			if strings.Contains(f, "公卫") {
				word++
			}
			for i := strings.Index(f, "公卫"); i >= 0; i = next(f, "公卫", i) {
				before, _ := utf8.DecodeLastRuneInString(f[:i])
				after, _ := utf8.DecodeRuneInString(f[i+len("公卫"):])
				if search.ClassOf(before) != search.Han || search.ClassOf(after) != search.Han {
					alone++
				}
			}
		}
	}
	if frag <= word || alone == 0 {
		t.Fatalf("共卫 in %d fields, 公卫 in %d, %d times beside a mark: the case needs 共卫 the more frequent, 公卫 a word", frag, word, alone)
	}
	resp := allHits(t, ix, search.Request{Q: "gongwei"})
	if len(resp.Pinyin) != 1 || resp.Pinyin[0].Term != "公卫" || slices.Contains(resp.Pinyin[0].Others, "共卫") {
		t.Errorf("gongwei: read as %+v, want 公卫 and no 共卫", resp.Pinyin)
	}
	sameSet(t, "gongwei", urlSet(resp), urlSet(allHits(t, ix, search.Request{Q: "公卫"})))
}

// next returns where s occurs in f after the occurrence at i, or -1.
func next(f, s string, i int) int {
	j := strings.Index(f[i+len(s):], s)
	if j < 0 {
		return -1
	}
	return i + len(s) + j
}

// TestPinyinSpaces: pinyin with spaces between words or syllables reads as one term, and
// the page is told what was searched.
func TestPinyinSpaces(t *testing.T) {
	ix, _ := bundledIndex(t)
	want := urlSet(allHits(t, ix, search.Request{Q: "家庭医生"}))
	for _, q := range []string{"jiatingyisheng", "jiating yisheng", "jia ting yi sheng", "JiaTing YiSheng"} {
		resp := allHits(t, ix, search.Request{Q: q})
		sameSet(t, q, urlSet(resp), want)
		if len(resp.Pinyin) != 1 || resp.Pinyin[0].Term != "家庭医生" {
			t.Errorf("%s: pinyin %+v, want 家庭医生", q, resp.Pinyin)
		}
	}
	// A Latin word of the index is searched as it is, not as pinyin.
	if resp := doSearch(t, ix, search.Request{Q: "ai"}); len(resp.Pinyin) != 0 || resp.Total == 0 {
		t.Errorf("ai: read as %+v, %d hits", resp.Pinyin, resp.Total)
	}
}

// TestReadingsAreGoPinyins: Readings takes the tones off go-pinyin's dictionary itself; every
// character of the dictionary must read as go-pinyin reads it (toneless, every reading), and a
// character it lacks as nothing.
func TestReadingsAreGoPinyins(t *testing.T) {
	args := pinyin.NewArgs()
	args.Heteronym = true
	args.Fallback = func(rune, pinyin.Args) []string { return nil }
	bad := 0
	for r := range pinyin.PinyinDict {
		got, want := search.Readings(rune(r)), pinyin.SinglePinyin(rune(r), args)
		if !slices.Equal(got, want) {
			if bad++; bad <= 10 {
				t.Errorf("Readings(%q) = %q, go-pinyin reads %q", rune(r), got, want)
			}
		}
	}
	if bad > 10 {
		t.Errorf("... %d characters in all", bad)
	}
	for _, r := range []rune{'a', '，', 0x2FFFF} {
		if got := search.Readings(r); got != nil {
			t.Errorf("Readings(%q) = %q, want none", r, got)
		}
	}
}
