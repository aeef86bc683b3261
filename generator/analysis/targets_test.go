package analysis

import (
	"bufio"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/internal/runes"
	"golang.org/x/text/width"
)

// fixtureTarget is one line of testdata/targets.tsv.
type fixtureTarget struct {
	doc, anchor, subject, cmp, value, unit, year string
}

func readFixture(t *testing.T) []fixtureTarget {
	f, err := os.Open("testdata/targets.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []fixtureTarget
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 7 {
			t.Fatalf("testdata/targets.tsv:%d: %d columns, want 7", n, len(c))
		}
		out = append(out, fixtureTarget{c[0], c[1], c[2], c[3], c[4], c[5], c[6]})
	}
	return out
}

// similar matches subjects loosely: the hand-written subject and the extracted one name the
// same thing when one contains the other or they share four characters in a row.
func similar(a, b string) bool {
	if strings.Contains(a, b) || strings.Contains(b, a) {
		return true
	}
	r := []rune(a)
	for i := 0; i+4 <= len(r); i++ {
		if strings.Contains(b, string(r[i:i+4])) {
			return true
		}
	}
	return false
}

func (f fixtureTarget) matches(doc string, t Target) bool {
	return f.doc == doc && f.anchor == t.Anchor && f.cmp == t.Comparator && f.value == t.ValueText &&
		f.unit == t.Unit && f.year == itoa(int(t.Year)) && similar(f.subject, t.Subject)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// TestTargetsFixture: the targets analysis finds in the bundled plans the fixture covers
// agree with the hand-checked ones; precision and recall are both at least 0.9.
func TestTargetsFixture(t *testing.T) {
	want := readFixture(t)
	docs := map[string]bool{}
	for _, f := range want {
		docs[f.doc] = true
	}
	if len(want) < 40 || len(docs) < 6 {
		t.Fatalf("fixture has %d targets from %d documents; want at least 40 from 6", len(want), len(docs))
	}
	cfg, err := config.Load("../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	an := New(cfg)
	type found struct {
		doc string
		t   Target
	}
	var got []found
	for doc := range docs {
		src, err := os.ReadFile(filepath.Join("../../content/plans", doc+".md"))
		if err != nil {
			t.Fatal(err)
		}
		d, _ := content.NewLoader(content.Options{}).Parse("content/plans/"+doc+".md", src)
		for _, tg := range an.Analyse(d).Targets() {
			got = append(got, found{doc, tg})
		}
	}
	used := make([]bool, len(got))
	tp := 0
	for _, f := range want {
		hit := false
		for i, g := range got {
			if !used[i] && f.matches(g.doc, g.t) {
				used[i], hit = true, true
				tp++
				break
			}
		}
		if !hit {
			t.Logf("miss: %s#%s %s %s %s%s (%s)", f.doc, f.anchor, f.subject, f.cmp, f.value, f.unit, f.year)
		}
	}
	for i, g := range got {
		if !used[i] {
			t.Logf("false: %s#%s %s %s %s%s (%d) from %q", g.doc, g.t.Anchor, g.t.Subject, g.t.Comparator, g.t.ValueText, g.t.Unit, g.t.Year, g.t.Clause)
		}
	}
	precision, recall := float64(tp)/float64(len(got)), float64(tp)/float64(len(want))
	t.Logf("%d hand-checked targets in %d documents; %d extracted; %d agree: precision %.3f, recall %.3f", len(want), len(docs), len(got), tp, precision, recall)
	if precision < 0.9 || recall < 0.9 {
		t.Errorf("precision %.3f, recall %.3f: want both at least 0.9", precision, recall)
	}
}

// The examples, and numbers that are not targets.
func TestExtractTargets(t *testing.T) {
	tests := []struct {
		text string
		want []string // subject cmp value unit year
	}{
		{"2025年家庭医生签约服务覆盖率不低于65%。", []string{"家庭医生签约服务覆盖率 ≥ 65 % 2025"}},
		{"建设家庭病床170张。", []string{"家庭病床 = 170 张 0"}},
		{"确保每千人口托位数稳定在4.65左右。", []string{"每千人口托位数 ≈ 4.65 个 0"}},
		{"人均预期寿命达到82.6岁以上。", []string{"人均预期寿命 ≥ 82.6 岁 0"}},
		{"重大慢性病过早死亡率控制在8%左右。", []string{"重大慢性病过早死亡率 ≈ 8 % 0"}},
		{"严重致残出生缺陷发生率控制在1‰以内。", []string{"严重致残出生缺陷发生率 ≤ 1 ‰ 0"}},
		{"结核病报告发病率下降至15/10万。", []string{"结核病报告发病率 ≤ 15 /10万 0"}},
		{"精神科医师提升至4.1名/10万人。", []string{"精神科医师 ≥ 4.1 名/10万人 0"}},
		{"中医阁建设覆盖率超过60%。", []string{"中医阁建设覆盖率 > 60 % 0"}},
		{"门急诊人次增长10%，投诉比例下降5%。", []string{"门急诊人次 + 10 % 0", "投诉比例 − 5 % 0"}},
		{"新建5个紧密型城市医疗集团。", []string{"紧密型城市医疗集团 = 5 个 0"}},
		{"为65岁以上老年人免费提供健康体检，推进二级以上医院建设。", nil},
		{"根据海卫健发〔2025〕1号文件，2025年3月4日起施行，第3条。", nil},
		{"开展“5.10”思廉日活动，打造“343”巡诊模式。", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, tg := range ExtractTargets(tt.text) {
			got = append(got, tg.Subject+" "+tg.Comparator+" "+tg.ValueText+" "+tg.Unit+" "+itoa(int(tg.Year)))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

// A target with a value but no unit is reported at its file:line, not dropped.
func TestTargetWithoutUnit(t *testing.T) {
	d := parse(t, "", "\n1. 推动全流程智慧服务不少于10。\n")
	an := New(cfg).Analyse(d)
	if len(an.Targets()) != 1 || an.Targets()[0].Unit != "" {
		t.Fatalf("targets %+v", an.Targets())
	}
	p := an.Problems()
	if len(p) != 1 || p[0].Line != 7 || p[0].File != "content/plans/x.md" || !p[0].Warning {
		t.Errorf("problems %v, want one warning at content/plans/x.md:7", p)
	}
}

// FuzzExtractTargets: any text gives targets or none, never a panic; a target's value is a
// number written in the text, and its comparator is one of the normalised ones.
func FuzzExtractTargets(f *testing.F) {
	for _, s := range []string{"2025年家庭医生签约服务覆盖率不低于65%", "建设家庭病床170张", "省部级项目5—10项、", "61万名孕妇、73万名新生儿",
		"其中20%达省推荐（甲级）标准", "降至8分和11分以内", "９０％以上的县域达到", "１．５", "—5", "不低于"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, tg := range ExtractTargets(text) {
			if !strings.Contains("≥≤=≈><+−", tg.Comparator) || tg.Comparator == "" {
				t.Fatalf("comparator %q", tg.Comparator)
			}
			if tg.ValueText == "" || !utf8.ValidString(tg.Subject) || tg.Subject == "" {
				t.Fatalf("target %+v", tg)
			}
		}
	})
}

// A target is compared under the configured subject whose alias it names, the longest
// alias deciding: 重点人群签约率 is not 家庭医生签约服务覆盖率 though both end in 签约率.
func TestTargetSubjects(t *testing.T) {
	c := mustConfig(`
title = "测试"
base_url = "https://example.org/"
[[subjects]]
slug = "signing"
name = "家庭医生签约服务覆盖率"
aliases = ["签约率"]
[[subjects]]
slug = "key-signing"
name = "重点人群签约率"
`)
	d := parse(t, "", "\n1. 力争全人群签约率达到45%以上，重点人群签约率达到95%以上，建设家庭病床170张。\n")
	var got []string
	for _, tg := range New(c).Analyse(d).Targets() {
		got = append(got, tg.Subject+":"+tg.SubjectSlug)
	}
	want := []string{"全人群签约率:signing", "重点人群签约率:key-signing", "家庭病床:"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %v, want %v", got, want)
	}
}

// BenchmarkExtractTargets: finding the targets of every passage of the 湖州 plan (the bundled
// plan with the most targets).
func BenchmarkExtractTargets(b *testing.B) {
	src, err := os.ReadFile("../../content/plans/huzhou-2025.md")
	if err != nil {
		b.Fatal(err)
	}
	d, _ := content.NewLoader(content.Options{}).Parse("content/plans/huzhou-2025.md", src)
	var texts []string
	size := 0
	d.Passages(func(p content.Passage) { texts = append(texts, p.Text()); size += len(p.Text()) })
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			ExtractTargets(t)
		}
	}
}

// TestNarrow: narrow is width.Narrow.String, whose copy it skips for ASCII, which that leaves
// as it is, and full-width figures and units are read as ASCII.
func TestNarrow(t *testing.T) {
	for c := 0; c < utf8.RuneSelf; c++ {
		s := string(rune(c)) + "12.5%"
		if got, want := narrow(s), width.Narrow.String(s); got != want {
			t.Errorf("narrow(%q) = %q, width.Narrow says %q", s, got, want)
		}
	}
	for _, s := range []string{"４５％", "１２．５万人", "65％", "ｋｍ"} {
		if got, want := narrow(s), width.Narrow.String(s); got != want || got == s {
			t.Errorf("narrow(%q) = %q, width.Narrow says %q", s, got, want)
		}
	}
	// Every character of the Basic Multilingual Plane, and bytes that are not UTF-8.
	for r := rune(0x80); r < 0x10000; r++ {
		for _, s := range []string{string(r), "12" + string(r) + "个", string(r) + "\xff", "\xe4\xb8" + string(r)} {
			if got, want := narrow(s), width.Narrow.String(s); got != want {
				t.Fatalf("narrow(%q) = %q, width.Narrow says %q", s, got, want)
			}
		}
	}
	// The units and numbers that have no narrow form are not copied (one copy per target).
	for _, s := range []string{"个", "万人次", "名/10万人", "4.65", "张"} {
		if n := testing.AllocsPerRun(10, func() { narrow(s) }); n != 0 {
			t.Errorf("narrow(%q) made %v allocations, want none", s, n)
		}
	}
}

// TestTargetThemes: a target is listed under the themes of its passage that its own clause
// carries (or its configured subject's, or an editor's directive gave), and under all of its
// passage's themes when it carries none of them.
func TestTargetThemes(t *testing.T) {
	c := mustConfig(`
title = "测试"
base_url = "https://example.org/"
[[themes]]
slug = "children"
name = "儿童"
keywords = ["儿科", "儿童"]
[[themes]]
slug = "elderly"
name = "老年"
keywords = ["老年"]
[[themes]]
slug = "mental"
name = "精神卫生"
keywords = ["精神科", "心理"]
[[themes]]
slug = "digital"
name = "数字健康"
keywords = ["数字健康"]
[[subjects]]
slug = "beds"
name = "家庭病床"
theme = "elderly"
`)
	an := New(c)
	d := parse(t, "", "1. 加强儿科、精神科和老年医学科建设，每千儿童儿科医师达到1.15名，精神科医师达到4.1名/10万人，新增床位200张，家庭病床170张。\n"+
		"2. 推进儿科和老年医学科建设，新增床位50张。{themes: +digital}\n"+
		"3. 儿科医师达到1000名，老年医学科10个。{themes: +digital}\n")
	r := an.Analyse(d)
	got := map[string][]string{}
	for _, tg := range r.Targets() {
		got[tg.Clause] = tg.Themes
	}
	for clause, want := range map[string][]string{
		"每千儿童儿科医师达到1.15名":  {"children"},
		"精神科医师达到4.1名/10万人": {"mental"},
		"新增床位200张":         {"children", "elderly", "mental"},  // no theme of its own: the passage's
		"家庭病床170张":         {"elderly"},                        // its subject's theme
		"新增床位50张":          {"children", "elderly", "digital"}, // none of its own: the passage's
		"儿科医师达到1000名":      {"children", "digital"},            // the directive's theme stays
	} {
		th, ok := got[clause]
		if !ok {
			t.Errorf("no target %q among %v", clause, got)
			continue
		}
		if !slices.Equal(th, want) {
			t.Errorf("target %q on %v, want %v (passage %v)", clause, th, want, r.PassageThemes(r.Targets()[0].Anchor))
		}
	}
}

// TestParts: the sentences and clauses targets are read from are the text's parts between the
// separators, trimmed, none empty; the reference splits at each character decoded, as
// strings.FieldsFunc does, where parts finds the separators byte by byte.
func TestParts(t *testing.T) {
	alphabet := []string{"。", "；", ";", "！", "？", "!", "?", "，", ",", "：", ":", " ", "  ", "\t", "\n", "、", "年", "家", "医",
		"a", "1", "１", "．", ".", "％", "“", "”", "（", "）", "\u3000", "…", "—", "x"}
	rnd := rand.New(rand.NewPCG(1, 16))
	for _, c := range []struct {
		seps string
		set  *runes.Set
	}{{sentenceBreaks, &sentenceSet}, {clauseBreaks, &clauseSet}} {
		for n := 0; n < 5000; n++ {
			s := randomText(rnd, alphabet, 20)
			var want []string
			for _, f := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(c.seps, r) }) {
				if f = strings.TrimSpace(f); f != "" {
					want = append(want, f)
				}
			}
			got := slices.Collect(parts(s, c.set))
			if !slices.Equal(got, want) {
				t.Fatalf("parts(%q, %q) = %q, want %q", s, c.seps, got, want)
			}
			for part := range parts(s, c.set) {
				if part != want[0] {
					t.Fatalf("parts(%q) began with %q, want %q", s, part, want[0])
				}
				break // a loop left early ends the walk (no panic for yielding after it)
			}
		}
	}
}

// TestNextNumber: the numbers targets are read from are the regular expression's matches
// (the reference, which the code no longer uses), in order, on text of digits, decimal
// points, full-width forms and the bytes around them (U+FF0E and U+FF10–FF19 share their
// first two bytes with other full-width characters: ＿ ｀ ＂ ．).
func TestNextNumber(t *testing.T) {
	re := regexp.MustCompile(`[0-9０-９]+(?:[.．][0-9０-９]+)?`)
	alphabet := []string{"0", "1", "9", "０", "５", "９", ".", "．", "。", "＿", "／", "：", "ｆ", "年", "万", "%", "％", "—", " ", "a", "-"}
	rnd := rand.New(rand.NewPCG(2, 16))
	for n := 0; n < 20000; n++ {
		s := randomText(rnd, alphabet, 16)
		var got [][]int
		for start, end := nextNumber(s, 0); start >= 0; start, end = nextNumber(s, end) {
			got = append(got, []int{start, end})
		}
		if want := re.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Fatalf("numbers of %q at %v, the regular expression finds %v", s, got, want)
		}
		for i := 0; i <= len(s); i++ {
			want := i
			if loc := re.FindStringIndex(s[i:]); loc != nil && loc[0] == 0 {
				want = i + loc[1]
			}
			if got := numberAt(s, i); got != want {
				t.Fatalf("numberAt(%q, %d) = %d, want %d", s, i, got, want)
			}
		}
	}
}

// TestYearShortcuts: the tests that spare the regular expressions (statedYear's, yearLead)
// never skip what they would find: the references run them on every string, on text of
// years, titles, the words before a year and the characters around them.
func TestYearShortcuts(t *testing.T) {
	alphabet := []string{"2", "0", "1", "5", "20", "2025", "年", "底", "《", "》", "到", "至", "截至", "在", "于", " ", "x", "，", "末", "计划"}
	rnd := rand.New(rand.NewPCG(3, 16))
	for n := 0; n < 50000; n++ {
		s := randomText(rnd, alphabet, 10)
		want, wantOK := 0, false
		if m := yearRE.FindStringSubmatch(titleRE.ReplaceAllString(s, "")); m != nil {
			want, _ = strconv.Atoi(m[1])
			wantOK = true
		}
		if got, ok := statedYear(s); got != want || ok != wantOK {
			t.Fatalf("statedYear(%q) = %d, %v; the regular expressions find %d, %v", s, got, ok, want, wantOK)
		}
		if yearLeadRE.MatchString(s) && !yearLead(s) {
			t.Fatalf("yearLead(%q) is false, but a year leads it", s)
		}
	}
}

// TestSubjectOfLongestFirst: subjectOf names the subject whose name or alias is the longest the
// target's subject contains, the first configured of two as long: the reference tries every
// name of every subject in config order (as subjectOf did), on subjects made of the names,
// their pieces and other characters. The names share first characters, overlap and repeat.
func TestSubjectOfLongestFirst(t *testing.T) {
	c := mustConfig(`
title = "测试"
base_url = "https://example.org/"
[[subjects]]
slug = "signing"
name = "家庭医生签约服务覆盖率"
aliases = ["签约率", "家庭医生签约率", "签约服务覆盖率"]
[[subjects]]
slug = "key-signing"
name = "重点人群签约率"
aliases = ["签约率", "重点人群家庭医生签约率"]
[[subjects]]
slug = "beds"
name = "床位数"
aliases = ["每千人口床位数", "病床数"]
[[subjects]]
slug = "same-length"
name = "人群签约率"
aliases = ["每千人口托位数"]
`)
	a := New(c)
	reference := func(subject string) string {
		best, n := "", 0
		for _, s := range c.Subjects {
			for _, name := range s.Names() {
				if len(name) > n && name != "" && strings.Contains(subject, name) {
					best, n = s.Slug, len(name)
				}
			}
		}
		return best
	}
	pieces := []string{"家庭医生", "签约", "率", "服务覆盖率", "重点人群", "每千人口", "床位数", "病床", "数", "托位数", "人群", "全", "x", "\xff", "签约率"}
	rnd := rand.New(rand.NewPCG(4, 16))
	found := map[string]bool{}
	for n := 0; n < 20000; n++ {
		s := randomText(rnd, pieces, 6)
		want := reference(s)
		if got := a.subjectOf(s); got != want {
			t.Fatalf("subjectOf(%q) = %q, want %q", s, got, want)
		}
		found[want] = true
	}
	if len(found) != 5 {
		t.Fatalf("the random subjects named %d of the 4 subjects and none: the test no longer tests what it should", len(found))
	}
}

// randomText joins up to max-1 pieces drawn from alphabet.
func randomText(rnd *rand.Rand, alphabet []string, max int) string {
	var b strings.Builder
	for k := rnd.IntN(max); k > 0; k-- {
		b.WriteString(alphabet[rnd.IntN(len(alphabet))])
	}
	return b.String()
}
