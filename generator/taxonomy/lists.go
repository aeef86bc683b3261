package taxonomy

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/internal/runes"
)

// span is the bytes [start, end) of a text.
type span struct{ start, end int }

// clauseEnds close a clause: a list of examples never reaches past one.
const clauseEnds = "，。；：！？,;:（）()\n"

// clauseEndSet is clauseEnds, made once for eachClause.
var clauseEndSet = runes.NewSet(clauseEnds)

// eachClause calls fn with the bytes [a, b) of each clause of text, the clauses ending at any
// stop of st (text's) of a kind in want (which fn does not see).
func eachClause(text string, st *stops, want uint8, fn func(a, b int)) {
	c := stopCursor{st: st}
	for a := 0; a < len(text); {
		b := c.index(a, want)
		if b < 0 {
			b = len(text)
		}
		fn(a, b)
		if b < len(text) {
			_, n := utf8.DecodeRuneInString(text[b:])
			b += n
		}
		a = b
	}
}

// stops are the punctuation of a passage at which the context rules split it into clauses
// and sentences (quoteOrClauseEndSet, placeEndSet, sentenceEndSet): where each stands and
// which of those sets holds it. match finds them in one pass over the passage, where each
// rule's splitting read the whole passage again. A stop is each byte at which stopSet.Index
// would stop, so the first stop of a kind at or after a is where that kind's set's Index of
// text[a:] stops.
//
// masks[k] is the mask (charMask) of the characters after stop k-1 up to stop k, stop k's
// own included, and tail that of those after the last stop: foldMask makes them as it makes
// the passage's, and the mask of a clause, their union (clauseMask), rules out far more of the
// marks a rule looks for in it than the mask of a long passage does.
type stops struct {
	at    []int
	kind  []uint8
	masks []charMask
	tail  charMask
	all   charMask // the whole text's: foldMask's mask
}

// add records a stop of kind k at byte i, the characters since the last stop having mask seg.
func (st *stops) add(i int, k uint8, seg *charMask) {
	st.at, st.kind, st.masks = append(st.at, i), append(st.kind, k), append(st.masks, *seg)
}

// clauseMask returns a mask that holds every character of text[a:b], where a is 0 or the
// byte after a stop and b is a stop or the text's end (len(text), which end is): the union
// of the masks of the stops from the first at or after a to the one at b, or tail.
func (st *stops) clauseMask(a, b, end int) charMask {
	var m charMask
	k, _ := slices.BinarySearch(st.at, a)
	for ; k < len(st.at) && st.at[k] <= b; k++ {
		m.or(&st.masks[k])
	}
	if b >= end {
		m.or(&st.tail)
	}
	return m
}

// The kinds of stop: a character of quoteOrClauseEndSet, of placeEndSet, of sentenceEndSet.
const (
	stopQuoteOrClauseEnd uint8 = 1 << iota
	stopPlaceEnd
	stopSentenceEnd
)

// stopSet holds every character of a kind of stop.
var stopSet = runes.NewSet(clauseEnds + "“”\"" + placeEnds + sentenceEnds)

// stopKinds are stopSet's characters, in order, with their kinds: a table stopKind
// searches, where asking each set costs a search of its characters.
var stopKinds = func() []stopChar {
	var out []stopChar
	for _, r := range clauseEnds + "“”\"" + placeEnds + sentenceEnds {
		var kind uint8
		if quoteOrClauseEndSet.Has(r) {
			kind |= stopQuoteOrClauseEnd
		}
		if placeEndSet.Has(r) {
			kind |= stopPlaceEnd
		}
		if sentenceEndSet.Has(r) {
			kind |= stopSentenceEnd
		}
		if _, found := slices.BinarySearchFunc(out, r, func(c stopChar, r rune) int { return cmp.Compare(c.r, r) }); !found {
			out = append(out, stopChar{r, kind})
			slices.SortFunc(out, func(a, b stopChar) int { return cmp.Compare(a.r, b.r) })
		}
	}
	return out
}()

// stopASCII holds the kinds of each ASCII stop character, 0 for other bytes; stopPages has a
// bit for each 256 characters (r>>8) that hold a three-byte stop character: foldMask asks
// stopKind only for a character of those. Made from stopKinds; a stop character of two or four
// bytes, which foldMask would not see, stops the program.
var stopASCII, stopPages = func() (ascii [utf8.RuneSelf]uint8, pages [4]uint64) {
	for _, c := range stopKinds {
		switch utf8.RuneLen(c.r) {
		case 1:
			ascii[c.r] = c.kind
		case 3:
			pages[c.r>>14] |= 1 << (c.r >> 8 & 63)
		default:
			panic(fmt.Sprintf("taxonomy: stop character %q is neither ASCII nor three bytes long", c.r))
		}
	}
	return ascii, pages
}()

// stopChar is a character of stopSet and its kinds.
type stopChar struct {
	r    rune
	kind uint8
}

// stopKind returns the kinds of r, a character of stopSet, or 0 for any other character.
func stopKind(r rune) uint8 {
	if r >= 0 && r < 0x10000 {
		if page := stopTable[r>>8]; page != nil {
			return page[r&0xFF]
		}
		return 0
	}
	if k, found := slices.BinarySearchFunc(stopKinds, r, func(c stopChar, r rune) int { return cmp.Compare(c.r, r) }); found {
		return stopKinds[k].kind
	}
	return 0
}

// stopTable holds, for each 256 characters of the Basic Multilingual Plane (r>>8) that hold a
// character of stopKinds, the kinds of each of them (0 for the others): foldMask asks
// stopKind for every punctuation mark of a passage, where a binary search of stopKinds cost
// more than the rest of its pass over the mark. Made from stopKinds.
var stopTable = func() (t [256]*[256]uint8) {
	for _, c := range stopKinds {
		if c.r >= 0x10000 {
			continue
		}
		if t[c.r>>8] == nil {
			t[c.r>>8] = new([256]uint8)
		}
		t[c.r>>8][c.r&0xFF] = c.kind
	}
	return t
}()

// stopsOf returns the stops of text.
func stopsOf(text string) *stops {
	var st stops
	foldMask(text, &st)
	return &st
}

// stopCursor reads stops from the start of their text on: a pass that asks from ever later
// bytes reads each stop once or twice.
type stopCursor struct {
	st *stops
	k  int // the stops before k are before every byte asked from since
}

// index returns the byte of the first stop of a kind in want at or after byte from, or -1:
// the set's Index of text[from:], plus from. from is never less than it was at the last call.
func (c *stopCursor) index(from int, want uint8) int {
	at := c.st.at
	for c.k < len(at) && at[c.k] < from {
		c.k++
	}
	for k := c.k; k < len(at); k++ {
		if c.st.kind[k]&want != 0 {
			return at[k]
		}
	}
	return -1
}

// exampleLists returns, in order, the lists of examples in text: enumerations (X、Y、Z) that
// end in 等 and qualify something else ("中医、口腔、老年、慢性病等科室", "向儿科、精神卫生等
// 专业倾斜"), those framed 以X、Y为重点 and the parts a range runs through (从X、Y到Z). A word in such a list names an example, a
// department or a target group of the task, not its subject. An enumeration ending 等工作,
// 等行动, 等10项行动 lists tasks, and is not one.
//
// The lists are appended to out, which may hold room from an earlier passage.
//
// m is the mask of text (charMask).
func exampleLists(out []span, text string, m *charMask, st *stops) []span {
	eachQuotedClause(text, st, func(a, b int) {
		cm := m
		if m.may(&listComma.m) || m.may(&closingQuote.m) {
			c := st.clauseMask(a, b, len(text)) // the clause's own: it rules out the clauses without 、 or ”
			cm = &c
		}
		out = clauseLists(out, text, a, b, cm)
	})
	return out
}

// eachQuotedClause is eachClause at clauseEnds, but a comma or colon inside quotation marks
// (“…”) does not end the clause: a list of quoted titles stays one list though a title holds a
// comma (开展“知晓您的血压”、“口腔健康,全身健康”、“艾滋病防治,利人利己”等健康教育知识讲座).
// The end of a sentence ends the clause and any quotation left open; a “ that no ” (or a
// plain " typed for one) closes before the sentence ends opens nothing (开展“健康宣传,加强…: a
// quotation mark lost in copying must not join the rest of the sentence into one clause).
//
// It steps from one quotation mark or clause end to the next (quoteOrClauseEndSet), not from
// character to character: the characters between change nothing.
func eachQuotedClause(text string, st *stops, fn func(a, b int)) {
	a, depth := 0, 0
	closes, checked := false, -1 // whether a “ before byte checked is closed in its sentence
	c := stopCursor{st: st}
	for i := 0; ; {
		k := c.index(i, stopQuoteOrClauseEnd)
		if k < 0 {
			break
		}
		i = k
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '“':
			if i >= checked {
				closes, checked = false, len(text)
				for j, c := range text[i+len("“"):] {
					if c == '”' || c == '"' || sentenceEndSet.Has(c) {
						closes, checked = !sentenceEndSet.Has(c), i+len("“")+j
						break
					}
				}
			}
			if closes {
				depth++
			}
		case r == '”' || (r == '"' && depth > 0):
			depth = max(0, depth-1)
		case clauseEndSet.Has(r) && (depth == 0 || sentenceEndSet.Has(r)):
			fn(a, i)
			a, depth = i+utf8.RuneLen(r), 0
		}
		i += n
	}
	if a < len(text) {
		fn(a, len(text))
	}
}

// listComma and closingQuote are 、 and ”, with their masks; otherMarkWords are the marks
// otherMarks looks for (其他, and ”…… of its ellipses), includeMarks includeWords and fromMark
// the 从 of a range, with theirs: a clause without them is not searched for them.
var (
	listComma, closingQuote = newWord(listSeps[0]), newWord("”")
	otherMarkWords          = newWords([]string{"其他", "”……"})
	includeMarks            = newWords(includeWords)
	fromMark                = newWord("从")
)

// quoteOrClauseEndSet holds the characters eachQuotedClause acts on.
var quoteOrClauseEndSet = runes.NewSet(clauseEnds + "“”\"")

// listSeps separate the items of an enumeration: 、 and, between quoted names, ”“, ”和“ or ”及“
// (“浙里急救”“浙里护理”等应用; 在“…大型义诊”和“家庭医生签约进社区义诊”等系列活动中).
var listSeps = []string{"、", "”“", "”和“", "”及“"}

// clauseLists appends to out the lists of examples in the clause text[a:b]; m is the mask of a
// part of text that holds the clause (the passage's or the clause's own).
func clauseLists(out []span, text string, a, b int, m *charMask) []span {
	clause := text[a:b]
	if inclusion(text[:a], clause) {
		return append(out, span{a, b})
	}
	// Each separator but 、 holds ”: most clauses hold neither, and are searched twice at
	// most (not at all in a passage that holds neither).
	if listComma.in(m, clause) < 0 && !(closingQuote.in(m, clause) >= 0 && hasAnyPart(clause, listSeps[1:])) {
		return out
	}
	base := len(out) // the clause's lists begin there
	// A list begins after the 等 before it (中医、口腔等科室和儿科、产科等专业), which also
	// keeps the work linear in the clause's length.
	prev := 0
	var others []span
	if mayAny(m, otherMarkWords) {
		others = otherMarks(clause)
	}
	for from := 0; from < len(clause); {
		for len(others) > 0 && others[0].start < from {
			others = others[1:]
		}
		e, n := index(clause[from:], "等"), len("等")
		if e >= 0 {
			e += from
		}
		if len(others) > 0 && (e < 0 || others[0].start < e) {
			e, n = others[0].start, others[0].end-others[0].start
		}
		if e < 0 {
			break
		}
		from = e + n
		after := clause[e+n:]
		if after == "方面" || after == "领域" {
			// 在…等方面,均取得显著成效: what the fields achieved is in the next clause (its
			// first few characters: achieved reads no further, and no copy of the text is made).
			after += text[b:min(len(text), b+achievedLook)]
		}
		if forms(after) && publicized(text[b:]) {
			continue // …等形式,向群众宣传…: the forms publicity takes, each as written
		}
		if !examplesEnd(clause[:e], after) || (e+n == len(clause) && closesClause(text[b:]) && !exampleOpening(clause) && !departments(clause[prev:e])) {
			continue
		}
		if prev == 0 && exampleOpening(clause) {
			out = append(out, span{a, a + e}) // 如…、…等: every item is an example
		} else if start, ok := listStart(clause[prev:e]); ok {
			out = append(out, span{a + prev + start, a + e})
		}
		prev = from
	}
	if mayAny(m, includeMarks) {
		if i := includes(clause); i >= 0 {
			out = append(out, span{a + i, b})
		}
	}
	if i := with.in(m, clause); i >= 0 {
		if j := index(clause[i:], "为重点"); j > 0 && contains(clause[i:i+j], "、") {
			out = append(out, span{a + i, a + i + j})
		}
	}
	// 从X、Y到Z runs through the parts of a whole (从疾控预防、医疗救治到公共场所卫生,每一个
	// 环节都…): every part is an example, to the clause's end.
	if i := fromMark.in(m, clause); i >= 0 {
		if j := index(clause[i:], "到"); j > 0 && contains(clause[i:i+j], "、") {
			out = append(out, span{a + i, b})
		}
	}
	out = unitLists(out, clause, a)
	// Keep them in order and apart.
	for i := base + 1; i < len(out); i++ {
		for j := i; j > base && out[j].start < out[j-1].start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// inclusions begin a bracket that says what a thing includes: 日间诊疗（含日间放化疗、中医日间
// 诊疗）, 国家区域医疗中心(均含中医), 公立医疗机构(包括三级公立医院), 特殊体质人群(如肥胖、孕妇等).
var inclusions = []string{"含", "均含", "包括", "包含", "涵盖", "如", "例如"}

// inclusion reports whether clause, after before, opens a bracket with one of inclusions: what
// it names are examples of the thing before the bracket, not the subject of the task (judging
// rule 4), with or without 等.
func inclusion(before, clause string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	return (r == '（' || r == '(') && hasAnyPrefix(clause, inclusions)
}

// includeWords begin an enumeration of the members of what the clause names: 受众人群包括青年人、
// 中年人、老年人; 本报告包括总体情况、….
var includeWords = []string{"包括", "涵盖"}

// includes returns where, in clause, an enumeration that one of includeWords begins starts,
// when it runs to the end of the clause without a 等 (a list with 等 is found as any other) and
// without counting its items as parts of one thing (包括健康教育、…、安宁疗护六个环节的老年健康服务
// 体系, where the items are the system's parts, tasks each); or -1. Its items are members or
// examples, not the subject of a task (judging rule 4).
func includes(clause string) int {
	for _, w := range includeWords {
		i := index(clause, w)
		if i < 0 {
			continue
		}
		rest := clause[i+len(w):]
		if !contains(rest, "、") || contains(rest, "等") || counted(rest) {
			return -1
		}
		return i
	}
	return -1
}

// counted reports whether s counts the items of an enumeration: a numeral followed by 个, 大, 项,
// 类, 种 or 方面 (六个环节, 三大业务领域).
func counted(s string) bool {
	for i, r := range s {
		if !strings.ContainsRune("0123456789一二两三四五六七八九十", r) {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
		if strings.ContainsRune("个大项类种方", next) {
			return true
		}
	}
	return false
}

// exampleOpenings begin a clause that gives examples of what the clause before it names: 二是建设
// 健康环境,如做好垃圾处理、…、厕所卫生整治等;
var exampleOpenings = []string{"如", "例如", "比如", "诸如", "譬如"}

// exampleOpening reports whether clause begins with one of exampleOpenings: its enumeration is a
// list of examples even where its 等 closes the clause (judging rule 4), so that 三是构建健康社会,
// 如推进健康细胞建设、医养结合、一老一小健康服务…等; is health promotion only.
func exampleOpening(clause string) bool {
	clause = trimBlanksLeft(clause)
	if rest, ok := strings.CutPrefix(clause, "如"); ok {
		// 如期, 如实, 如下, 如何, 如此, 如同 are other words.
		r, _ := utf8.DecodeRuneInString(rest)
		return !strings.ContainsRune("期实下何此同", r)
	}
	return hasAnyPrefix(clause, exampleOpenings[1:])
}

// maxDepartment is how many characters a department's name in a list may have (心理科, 中医科).
const maxDepartment = 4

// departments reports whether the enumeration s names departments only (义诊设有内科、骨科、中医
// 科、心理科、眼科等): a list of them is a list of examples even where its 等 closes the clause
// (judging rule 4), as the departments a clinic or a team is made of are not its tasks.
func departments(s string) bool {
	items := splitList(s)
	if len(items) < 2 || !strings.HasSuffix(items[0], "科") {
		return false
	}
	for _, it := range items[1:] {
		if !strings.HasSuffix(it, "科") || utf8.RuneCountInString(it) > maxDepartment {
			return false
		}
	}
	return true
}

// closesClause reports whether rest, the text after a clause, begins with the punctuation that
// ends a sentence or a clause (or is empty): a 等 just before it qualifies nothing, so the
// items before it are the objects of the verb, tasks each (重点推进公立医院综合改革、…、“放管服”
// 改革等。). A bracket or a colon there ends no such list: 机构（医养结合、托育等）.
func closesClause(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	return rest == "" || strings.ContainsRune("。；;，,！？!?", r)
}

// otherMarks returns, in order, the marks 以及其他 (及其他, 和其他) of clause, which close a list
// of examples as 等 does (重大传染病疫情、群体性不明原因疾病以及其他…事件), and the ellipses that
// close a run of quoted items (“争创国家医学中心”“提升百县中医药服务能力”……): samples of a larger
// whole, quoted to open a report on it (judging rule 4). One pass each.
func otherMarks(clause string) []span {
	var out []span
	for from := 0; ; {
		i := index(clause[from:], "其他")
		if i < 0 {
			break
		}
		i += from
		from = i + len("其他")
		for _, and := range []string{"以及", "及", "和"} {
			if strings.HasSuffix(clause[:i], and) {
				out = append(out, span{i - len(and), from})
				break
			}
		}
	}
	const quoted = "”……"
	if i := index(clause, quoted); i >= 0 {
		out = append(out, span{i + len("”"), i + len(quoted)})
		slices.SortFunc(out, byStart)
	}
	return out
}

// examplesEnd reports whether 等, between before and after, closes a list of examples: it
// follows an enumeration and is not 等级, 平等, nor a list of tasks (等工作, 等3项行动).
func examplesEnd(before, after string) bool {
	prev, _ := utf8.DecodeLastRuneInString(before)
	next, _ := utf8.DecodeRuneInString(after)
	if strings.ContainsRune("平同相均对甲乙丙初高中优", prev) || strings.ContainsRune("级待候同于", next) {
		return false
	}
	// 等10项行动, 等十大惠民行动, 等工作: the list is the task; so are projects started or built
	// (启动人民医院传染病区、中医院老年病综合楼、疾控中心等新建改造项目, round 23).
	rest := strings.TrimLeft(after, "0123456789一二三四五六七八九十百几多项个大件类方面各")
	for _, task := range []string{"工作", "行动", "任务", "工程", "措施", "举措", "活动", "惠民", "动态调整", "改革", "综合改革", "机制", "项目", "新建", "改扩建", "建设项目"} {
		if strings.HasPrefix(rest, task) {
			return false
		}
	}
	return !centres(rest) && !countedTasks(before) && !achieved(after)
}

// achievedLook is how many bytes of the clause after a clause ending 等方面 achieved may read:
// a comma and what reviewed reads (maxReview characters and the longest of reviews), which is
// more than 都/均/也/上 and the longest of achievements.
const achievedLook = 1 + (maxReview+2)*3

// achievements follow 等方面 (等领域) in a sentence that reports work done or to be done in each
// item: 在医药卫生体制改革、…、人才队伍建设等方面取得了新成效; 在人才引进、人事体制改革等方面下
// 工夫; the 成绩 or 成效 praised there counts as achieved (对…医疗质量、医疗技术等方面的成绩进行了
// 肯定), and so does a report that sums up the year field by field (从医院规范化管理、医疗质量管理、
// …等方面总结了医院过去一年所取得的成就, round 23). The items are tasks (judging rules 4, 9 and 26:
// a year in review carries the themes it reports), unlike the topics of 围绕…等方面开展交流 or the
// fields of 等领域专家. So does work said to be done there (在完善制度体系、…深化支付方式改革、…加强基金监管
// 等方面做了大量基础性工作, round 26: a review of the years before a plan), and the progress a meeting
// hears reported field by field (介绍了各自在推进控烟立法、强化控烟执法…等方面的进展和成效, round 27).
var achievements = []string{"取得", "下功夫", "下工夫", "发力", "实现", "的成绩", "的成效", "的进展", "成绩", "成效", "总结", "做了", "做出了"}

// achieved reports whether rest, the text after a list's 等, is 方面 or 领域 followed by one of
// achievements (perhaps after a comma and 都, 均 or 也: 等方面,均取得显著成效).
func achieved(rest string) bool {
	for _, field := range []string{"方面", "领域"} {
		if r, ok := strings.CutPrefix(rest, field); ok {
			return hasAnyPrefix(strings.TrimLeft(r, ",，都均也上"), achievements) || field == "方面" && reviewed(r)
		}
	}
	return praised(rest)
}

// reviews are the verbs of a report that goes over work field by field: 回顾, 汇报, 阐述, 展示,
// 述职.
var reviews = []string{"回顾", "汇报", "阐述", "展示", "述职"}

// maxReview is how many characters may stand between 等方面 and the verb of the report (全面系统地;
// ,进行了全面而深入的; ,以PPT的形式全面).
const maxReview = 12

// reviewed reports whether rest, the text after a list's 等方面, goes on within maxReview
// characters of its sentence to one of reviews: the list names the fields a report goes over
// (院长的《行政工作报告》从医院管理、医疗质量与医疗安全…等方面全面系统地回顾了2014年医院工作;
// 各科室负责人围绕…医疗质量的提升、人才队伍建设、学科发展的成果…等方面,进行了全面而深入的汇报,
// rounds 30 and 31), and each field is work reported, giving its theme (judging rule 26), as in
// 等方面总结了医院过去一年所取得的成就. The topics of an exchange (围绕…等方面开展交流, 就…等方面
// 进行了交流分享) and the points of a demand or a lecture name no report and stay examples.
func reviewed(rest string) bool {
	n := 0
	for i, r := range rest {
		if hasAnyPrefix(rest[i:], reviews) {
			return true
		}
		if n++; n > maxReview || strings.ContainsRune("。；;！!？?", r) {
			return false
		}
	}
	return false
}

// praises name what a year's work won, after a list of its fields and 等 (取得了…学科建设竿头日上、
// 人才结构持续优化…等不凡成绩).
var praises = []string{"成绩", "成效", "佳绩"}

// maxPraise is how many characters may qualify the praise after 等 (不凡, 显著, 可喜).
const maxPraise = 3

// praised reports whether rest, the text after a list's 等, names the list's items as what the
// work achieved (等不凡成绩, 等显著成效): each item is a field reported as done, and gives its
// theme (judging rule 26), as in 等方面取得了新成效.
func praised(rest string) bool {
	n := 0
	for i, r := range rest {
		if hasAnyPrefix(rest[i:], praises) {
			return true
		}
		if n++; n > maxPraise || !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return false
}

// countedTasks reports whether before, the enumeration before a 等, ends by counting its items
// as tasks (实施全民健康素养促进、…、全民健身普及五大行动计划等系列政策措施): the items are the
// tasks, as in 等10项行动 (judging rule 4, second sentence).
func countedTasks(before string) bool {
	for _, task := range []string{"行动计划", "行动", "工程", "任务", "举措"} {
		if rest, ok := strings.CutSuffix(before, task); ok {
			rest = strings.TrimSuffix(strings.TrimSuffix(rest, "大"), "项")
			r, _ := utf8.DecodeLastRuneInString(rest)
			return strings.ContainsRune("0123456789一二两三四五六七八九十百", r)
		}
	}
	return false
}

// maxCentre is how many characters may name the kind of centre a list of centres builds.
const maxCentre = 4

// centres reports whether after, the text after a list's 等 and its count, names centres (等五大
// 急救中心, 等急诊急救中心标准化建设) or shortfalls (等服务短板): centres to be built and
// shortfalls to make up are tasks, each on its own subject (胸痛、卒中、创伤和危重孕产妇、危重
// 新生儿等急诊急救中心: emergency, maternal and children; 补齐儿科、精神卫生等服务短板).
func centres(after string) bool {
	for n := 0; n <= maxCentre; n++ {
		if strings.HasPrefix(after, "中心") || strings.HasPrefix(after, "短板") {
			return true
		}
		r, size := utf8.DecodeRuneInString(after)
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		after = after[size:]
	}
	return false
}

// listStart returns where the enumeration ending at the end of s begins: its first item is
// taken to be no longer than its longest other item and two characters (the verb before it:
// 加快中医、口腔…).
func listStart(s string) (int, bool) {
	items := splitList(s)
	if len(items) < 2 {
		return 0, false
	}
	longest := 0
	for _, it := range items[1:] {
		longest = max(longest, utf8.RuneCountInString(it))
	}
	first := items[0]
	start := len(first)
	for n := 0; start > 0 && n < longest+2; n++ {
		_, size := utf8.DecodeLastRuneInString(first[:start])
		start -= size
	}
	// A longer first item (老年人常见病及慢性病预防 in 讲解老年人常见病及慢性病预防、体重管理、
	// 老年心理健康等知识) begins right after the verb before the list, when one stands within
	// twice that length.
	back := start
	for n := 0; back > 0 && n < longest+2; n++ {
		_, size := utf8.DecodeLastRuneInString(first[:back])
		back -= size
	}
	if v := lastVerbEnd(first[back:start]); v >= 0 {
		start = back + v
	}
	// An institution that the list's first item begins with is not an item: the list names its
	// departments or services (提升乡镇卫生院儿科、中医、精神科等科室服务能力, judging rule 4).
	if k := lastEnd(first[start:], listHosts); k > 0 && start+k < len(first) {
		start += k
	}
	return start, true
}

// listHosts end the name of an institution whose departments or services a list names.
var listHosts = []string{"卫生院", "医院", "保健院", "服务中心", "卫生室", "服务站", "卫生站"}

// listVerbs stand right before an enumeration and name what is done with its items (讲解, 宣传,
// 包括), so that the list begins after them.
var listVerbs = append([]string{"讲解", "宣传", "普及", "介绍", "讲授", "包括", "涉及", "围绕", "聚焦", "涵盖", "提供", "学习"}, taskVerbs...)

// lastVerbEnd returns where the last of listVerbs in s ends, or -1.
func lastVerbEnd(s string) int {
	end := -1
	for _, v := range listVerbs {
		if i := strings.LastIndex(s, v); i >= 0 {
			end = max(end, i+len(v))
		}
	}
	return end
}

// The marks meansSpans looks for in each clause, with their masks.
var (
	appliesTo   = newWord("适用于")
	through     = newWord("通过")
	with        = newWord("以")
	meansFrames = newWords([]string{"为抓手", "为载体", "为依托", "为平台", "为纽带", "为契机"})
	tierMark    = newWord("为") // every one of networkTiers begins with it
	commended   = newWord("表彰")
	yardsticks  = newWords([]string{"对照", "按照", "对接"})
	yards       = newWords([]string{"要求", "标准"})
	relying     = newWord("依托")
	aimedAt     = newWord("针对")
	ledBy       = newWord("由")
	toward      = newWord("对")
	leads       = newWord("牵头")
	combine     = newWord("结合")
)

// meansSpans returns, in order, the means and the target groups of tasks named in text:
// 以X为抓手 (为载体, 为依托, 为平台, 为纽带; 为契机, the occasion a task takes: 以健康县城、
// 慢性病综合防控示范区建设为契机,开展…健康细胞建设), 依托X up to the task's verb or the end of the
// clause, 由X牵头, and 针对X up to its 的 or the task's verb. A phrase in X names the
// instrument or the audience of a task about something else (以健共体为抓手，推进区县服务能力
// 提升; 针对“一老一小”常见病的中医药干预方案), so it counts nothing there. Brackets do not end
// these clauses: 由健共体（城市医疗集团）牵头.
//
// So does the scope of a document, from 适用于 to the end of its sentence: the institutions
// and events it applies to (适用于全市二级及以上公立医院，乡镇卫生院…参照执行) are where it
// applies, not what it is about, which the words before 适用于 say (本标准是全市清廉医院建设的
// 统一标准; 本预案). A scope that ends in work or events (适用于…新型冠状病毒感染的肺炎预防与控制的
// 各项工作) names the document's subject, and counts. So does a clause that states the line a
// plan follows (frame): 以…为指导, 紧扣医药卫生体制改革主题.
//
// The spans are appended to sc.means, which may hold room from an earlier passage, and
// returned; sc.mask is text's mask (charMask).
func meansSpans(sc *scratch, text string) []span {
	out := sc.means[:0]
	sc.actors = sc.actors[:0]
	if signature(text) {
		return append(out, span{0, len(text)})
	}
	principles := sc.principles[:0] // the clauses in a row so far that begin 坚持
	scope := false                  // the sentence so far has said 适用于
	scopes := sc.scopes[:0]         // where its clauses from 适用于 are in out
	m := &sc.mask                   // a passage holds few of the marks: most searches end at once
	eachClause(text, &sc.stops, stopPlaceEnd, func(a, b int) {
		clause := text[a:b]
		cm := sc.stops.clauseMask(a, b, len(text))
		m := &cm // the clause's: every search here is in the clause
		if scope {
			scopes = append(scopes, len(out))
			out = append(out, span{a, b})
		} else if i := appliesTo.in(m, clause); i >= 0 {
			scopes = append(scopes, len(out))
			out = append(out, span{a + i, b})
			scope = true
		}
		if r, _ := utf8.DecodeRuneInString(text[b:]); scope && r != '，' && r != ',' {
			if hasAnySuffix(trimBlanksRight(clause), scopeSubjects) {
				for _, k := range scopes {
					out[k].end = out[k].start // empty, in its place: it covers nothing
				}
			}
			scope, scopes = false, scopes[:0]
		}
		if frame(clause) || since(clause) {
			out = append(out, span{a, b})
		}
		if i, j := occasion(clause, m); j > i {
			out = append(out, span{a + i, a + j})
		}
		if m.may(&combine.m) {
			if r, _ := utf8.DecodeRuneInString(text[b:]); r == '，' || r == ',' {
				if i := combinedWith(clause); i >= 0 {
					out = append(out, span{a + i, b})
				}
			}
		}
		if i := riskStated(clause); i >= 0 {
			out = append(out, span{a + i, b})
		}
		if i := purpose(clause, m); i >= 0 {
			out = append(out, span{a + i, b})
		}
		if strings.HasPrefix(trimBlanksLeft(clause), "坚持") {
			principles = append(principles, span{a, b})
		} else {
			out = principleRun(out, principles)
			principles = principles[:0]
		}
		if i := significance(clause, m); i >= 0 {
			out = append(out, span{a + i, b})
		}
		if i := through.in(m, clause); i >= 0 {
			found := false
			for _, way := range []string{"方式", "途径", "渠道", "手段", "形式"} {
				if j := index(clause[i:], way); j > 0 {
					if !publicized(text[a+i+j+len(way):]) {
						out = append(out, span{a + i, a + i + j})
					}
					found = true
					break
				}
			}
			// 通过老年宜居环境建设、智慧健康养老应用展览等,展示了…: a list of means that
			// closes its clause with 等 is the means too.
			if !found && strings.HasSuffix(trimBlanksRight(clause), "等") && contains(clause[i:], "、") {
				out = append(out, span{a + i, b})
			}
		}
		if i := with.in(m, clause); i >= 0 {
			for _, frame := range meansFrames {
				if j := frame.in(m, clause[i:]); j > 0 {
					out = append(out, span{a + i, a + i + j})
					break
				}
			}
		}
		// 以市中医院为龙头,各区县中医医院为骨干,基层医疗卫生机构…为基础,…的中医药服务体系: a
		// clause that names one tier of the network its sentence builds (…为龙头, 为骨干, 为基础)
		// names the network's parts, not the subject, which the network's own name says
		// (judging rules 3 and 4; round 23).
		if m.may(&tierMark.m) && hasAnySuffix(trimBlanksRight(clause), networkTiers) {
			out = append(out, span{a, b})
		}
		if i := visit(clause, m); i >= 0 {
			out = append(out, span{a + i, b})
		}
		if i, j := visited(clause, m); j > i {
			out = append(out, span{a + i, a + j})
		}
		// 表彰了28名优秀医师、10名优秀乡村医生: the people commended are no task (a commendation
		// of health workers carries no theme).
		if i := commended.in(m, clause); i >= 0 {
			out = append(out, span{a + i, b})
		}
		// 对照2023年区委巡视整改要求, 按照三级医院评审标准(,必须加强信息系统建设): the yardstick a
		// task is measured against or follows, up to its 要求 or 标准, is not the task's subject; nor
		// is a programme the task must align with (主动对接…DRG支付方式改革要求, judging rule 18's
		// reading in the fixture's paragraph 17).
		for _, by := range yardsticks {
			if i := by.in(m, clause); i >= 0 {
				for _, yard := range yards {
					if j := yard.in(m, clause[i:]); j > 0 {
						out = append(out, span{a + i, a + i + j})
						break
					}
				}
			}
		}
		if i := relying.in(m, clause); i >= 0 {
			out = append(out, span{a + i, a + i + meansEnd(clause[i:])})
		}
		if i := aimedAt.in(m, clause); i >= 0 {
			// 针对各自科室学科建设工作情况…汇报, 针对三级医院复审安排修订…: the state of work or an
			// arrangement a report or a measure answers is its subject, not a target group.
			if !hasAnyPart(clause[i:], answered) {
				out = append(out, span{a + i, a + i + targetEnd(clause[i:])})
			}
		}
		if i := ledBy.in(m, clause); i >= 0 {
			if j := leads.in(m, clause[i:]); j > 0 {
				out = append(out, span{a + i, a + i + j})
			} else if j := agentEnd(clause[:i], clause[i:]); j > 0 {
				sc.actors = append(sc.actors, span{a + i, a + i + j})
			}
		}
		if i := toward.in(m, clause); i >= 0 {
			if j := inspectedEnd(clause[:i], clause[i:]); j > 0 {
				sc.actors = append(sc.actors, span{a + i, a + i + j})
				if n := len(sc.actors); n > 1 && sc.actors[n-1].start < sc.actors[n-2].start {
					sc.actors[n-1], sc.actors[n-2] = sc.actors[n-2], sc.actors[n-1] // 对… before 由… in one clause
				}
			}
		}
	})
	out = principleRun(out, principles)
	out = policyRecitals(out, text, m)
	if openQuote.may(m) { // (slogans finds none in a text without “)
		out = slogans(out, text)
	}
	out = topics(out, text, m, &sc.stops)
	// Keep them in order; a later span inside an earlier one adds nothing.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].start < out[j-1].start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	sc.principles, sc.scopes = principles, scopes
	return out
}

// agentVerbs end the agent that 由 names (由经过培训的医务人员或社工进行…筛查, 由乡镇卫生院负责…).
var agentVerbs = []string{"进行", "负责", "承担", "实施", "开展", "组织", "提供"}

// notAgent begin words in which 由 names no agent.
var notAgent = []string{"由于", "由此", "由来", "由衷"}

// maxAgent is how many bytes (twenty characters) the agent after 由 may take.
const maxAgent = 60

// agentEnd returns where, in s (由…, after before), the agent it names ends: at the first of
// agentVerbs within maxAgent bytes; 0 if none is there. The agent does the task: like a place
// named after 在 (located), it counts nothing when the task is about something else (由经过培训的
// 医务人员或社工进行孕期和产后抑郁的筛查: judging rule 3), and counts when the task is its own work
// (由全科医生承担首诊: unplace).
func agentEnd(before, s string) int {
	if hasAnyPrefix(s, notAgent) || strings.ContainsRune("自理经缘因", lastRune(before)) {
		return 0 // 由于, 由此; 自由, 理由, 经由: no agent
	}
	head := s[:min(len(s), maxAgent)]
	best := 0
	for _, v := range agentVerbs {
		if j := index(head, v); j > 0 && (best == 0 || j < best) {
			best = j
		}
	}
	return best
}

// checkVerbs do a check on what 对 names (对全市7家妇幼保健机构进行了院感管理专项检查).
var checkVerbs = []string{"进行", "开展"}

// checks name a check of an institution's work (检查, 抽检, 暗访, 考核, 校验).
var checks = []string{"检查", "督查", "抽查", "抽检", "暗访", "排查", "整治", "考核", "校验", "评审", "评估", "巡查", "督导"}

// notToward begin words in which 对 names nothing checked (对照, 对接, 对口, 对于).
var notToward = []string{"对照", "对接", "对口", "对于", "对象", "对策", "对标", "对应", "对话"}

// inspectedEnd returns where, in s (对…, after before), the institutions a check is done on
// end: at the first of checkVerbs within maxAgent bytes, right after a name that ends as an
// institution's does (institutionSetting, or 机构), when the rest of the clause names one of
// checks; 0 otherwise. The institutions checked are where the check is done: like a place named
// after 在 (located), they count nothing when the check is about something else (对全市7家妇幼
// 保健机构进行了院感管理专项检查: judging rule 3), and count when it is their own work (对全市乡镇
// 卫生院开展基本公共卫生服务项目考核: unplace).
func inspectedEnd(before, s string) int {
	if hasAnyPrefix(s, notToward) || strings.ContainsRune("针面绝相核比应反", lastRune(before)) {
		return 0
	}
	head := s[:min(len(s), maxAgent)]
	j := -1
	for _, v := range checkVerbs {
		if k := index(head, v); k > 0 && (j < 0 || k < j) {
			j = k
		}
	}
	if j <= 0 || !(institutionSetting(s[:j]) || strings.HasSuffix(s[:j], "机构")) || !hasAnyPart(s[j:], checks) {
		return 0
	}
	return j
}

// signature reports whether text is a document's signature: the issuing bodies and the date, no
// sentence or clause (茂名市公共卫生与重大疾病防治工作领导小组办公室(代章)2022年6月7日;
// 国家卫生健康委办公厅 全国爱卫办 2023年6月13日). It names offices, the actors of the document
// (judging rules 3 and 10), and sets no task, so it counts nothing.
func signature(text string) bool {
	text = strings.TrimRight(text, " 　\n")
	if !strings.HasSuffix(text, "日") || strings.ContainsAny(text, "。，；：！？,;:!?") {
		return false
	}
	// …年…月…日, the figures in Arabic or Chinese numerals.
	day := strings.TrimRight(strings.TrimSuffix(text, "日"), "0123456789〇一二三四五六七八九十")
	month := strings.TrimRight(strings.TrimSuffix(day, "月"), "0123456789〇一二三四五六七八九十")
	return len(month) < len(day)-len("月") && strings.HasSuffix(month, "年") && len(day) < len(text)-len("日")
}

// combinedWith returns where, in clause, a 结合 that opens it or follows its actor begins (结合“不忘初心、牢记使命”
// 主题教育,继续…; 结合家庭医生签约履约工作,在…村开展…): the work a task is combined with, before
// the comma, is its occasion, not the task (as 以…为契机, round 10); or -1. The state of things a
// plan starts from (结合我县公立医院改革现状,修订本实施方案: basisEnds) is its subject, and counts.
func combinedWith(clause string) int {
	c := trimBlanksLeft(clause)
	for _, adv := range combineAdverbs {
		c = strings.TrimPrefix(c, adv)
	}
	if !strings.HasPrefix(c, "结合") {
		// 指导基层医疗卫生机构结合家庭医生签约服务、老年人健康体检,每年为…开展…: a 结合 right after
		// the actor that combines (round 36).
		k := index(c, "结合")
		if k <= 0 || !hasAnySuffix(c[:k], combiners) {
			return -1
		}
		c = c[k:]
	}
	if hasAnySuffix(trimBlanksRight(c), basisEnds) {
		return -1
	}
	return len(clause) - len(c)
}

// combiners end the name of an actor that may combine its task with other work (机构, 单位…结合).
var combiners = []string{"机构", "单位", "部门", "医院", "卫生院", "中心", "站", "室"}

// combineAdverbs may stand before a 结合 that opens its clause.
var combineAdverbs = []string{"同时", "并", "要", "应", "积极", "紧密", "充分", "主动"}

// basisEnds close the state of things or the plan a task is fitted to (结合…实际, …现状, …规划).
var basisEnds = []string{"现状", "实际", "规划", "情况", "特点"}

// occasionEnds close a time reference that opens with 在 (在新冠肺炎疫情防控取得重大战略性成果之时, 在…
// 之际): it dates what the clause reports, it sets no task (judging rule 1).
var occasionEnds = newWords([]string{"之时", "之际"})

// occasion returns the bytes [i, j) of clause that such a time reference covers, from its 在 to
// its closing word; j <= i when there is none. m is the mask of the passage.
func occasion(clause string, m *charMask) (int, int) {
	for _, e := range occasionEnds {
		j := e.in(m, clause)
		if j < 0 {
			continue
		}
		if i := strings.LastIndex(clause[:j], "在"); i >= 0 {
			return i, j
		}
	}
	return 0, 0
}

// riskVerbs are the tasks done about a risk (排查, 防范, 化解): a clause with one sets a task.
var riskVerbs = []string{"排查", "防范", "化解", "整改", "消除", "防控", "降低", "评估", "监测", "应对", "处置"}

// riskStated returns where, in clause, a statement that a risk exists begins (存在病媒传染病传播扩散
// 风险): it says why a task is done, not the task (judging rule 1); or -1. A clause that also
// names what is done about the risk (排查存在的风险) sets a task.
func riskStated(clause string) int {
	c := trimBlanksRight(clause)
	if !strings.HasSuffix(c, "风险") || hasAnyPart(c, riskVerbs) {
		return -1
	}
	return index(c, "存在")
}

// since reports whether clause is a time reference ending 以来 (2009年新一轮医改以来, 深化医改以来,
// 入汛以来) or 期间 (新冠疫情期间, round 21): it dates what follows, it sets no task (judging
// rule 1).
func since(clause string) bool {
	clause = trimBlanksRight(clause)
	return strings.HasSuffix(clause, "以来") || strings.HasSuffix(clause, "期间")
}

// purposeEnds close a clause that states what the work serves (为全市妇女儿童健康保驾护航, 为…奠定
// 了坚实基础, 为…提供有力保障, 为…作出贡献, 为战胜新冠肺炎疫情营造良好环境), and 助力 begins one
// (助力健康县城、慢病示范区建设, 助力疫情防控): the purpose of the passage's task, not a task
// (judging rules 1 and 16).
var purposeEnds = []string{"保驾护航", "基础", "保障", "贡献", "环境", "氛围"}

// purpose returns where, in clause, a statement of purpose begins, or -1: the whole clause when
// it begins 为 and ends in one of purposeEnds after 奠定, 提供, 作出, 营造 or 保驾护航, or when it
// begins 保障 and ends in 身体健康 or 生命安全 (保障妇女儿童生命安全与身体健康), or from a 助力 that
// is not one item of an enumeration.
func purpose(clause string, m *charMask) int {
	c := trimBlanks(clause)
	if strings.HasPrefix(c, "为") && hasAnySuffix(c, purposeEnds) {
		for _, v := range []string{"奠定", "提供", "作出", "做出", "保驾护航", "营造"} {
			if contains(c, v) {
				return index(clause, "为")
			}
		}
	}
	if strings.HasPrefix(c, "保障") && hasAnySuffix(c, []string{"生命安全与身体健康", "生命安全和身体健康", "身体健康", "生命安全"}) {
		return index(clause, "保障")
	}
	if i := boosts.in(m, clause); i >= 0 && !contains(clause[:i], "、") && !strings.HasSuffix(clause[:i], "、") {
		return i
	}
	return -1
}

// boosts (助力) begins a statement of purpose.
var boosts = newWord("助力")

// frames begin, and lines end, a clause that states the line a plan follows, not a task
// (judging rule 10): 全面贯彻党的二十大精神, 贯彻落实…三年行动计划, 紧扣医药卫生体制改革主题;
// 认真贯彻落实家庭医生签约服务政策 is a task.
var (
	frames = []string{"全面贯彻", "深入贯彻", "认真贯彻", "贯彻落实", "紧扣", "全面落实"}
	lines  = []string{"精神", "思想", "方针", "部署", "计划", "主题", "要求", "思路"}
)

// frame reports whether clause states the line a plan follows: it begins with one of frames
// and ends with one of lines, or it is 以…为指导, or it is 为 and one of frames up to a closing
// 要求 (为全面落实新冠肺炎疫情常态化防控工作要求; 为贯彻落实…大会精神 states a plan's own purpose).
func frame(clause string) bool {
	clause = trimBlanks(clause)
	if strings.HasPrefix(clause, "以") && strings.HasSuffix(clause, "为指导") {
		return true
	}
	if c, ok := strings.CutPrefix(clause, "为"); ok && hasAnyPrefix(c, frames) && strings.HasSuffix(c, "要求") {
		return true
	}
	return hasAnyPrefix(clause, frames) && hasAnySuffix(clause, lines)
}

// networkTiers close a clause that names one tier of a network (以县医院为龙头, 乡镇卫生院为枢纽,
// 村卫生室为网底).
var networkTiers = []string{"为龙头", "为骨干", "为基础", "为网底", "为枢纽", "为核心"}

// policyOpenings begin the health-work policy (卫生与健康工作方针) as plans recite it: 以基层为重点,
// 以改革创新为动力,预防为主,中西医并重,将健康融入所有政策,人民共建共享 (and its 1997 form, 以农村为
// 重点…). Recited up to its 方针, it is the line a plan follows, as 以…为指导 is (judging rules 10
// and 19): its 中西医并重 or 融入所有政策 sets no task, so the recital counts nothing.
var policyOpenings = []string{"以基层为重点", "以农村为重点"}

var policyWords = newWords(policyOpenings)

// policyRecitals returns, in order, the recitals of the health-work policy in text: from one of
// policyOpenings to the 方针 that closes it in the same sentence. Each byte is looked at a
// bounded number of times, so the work is linear in the length of text.
//
// m is the mask of text (charMask).
func policyRecitals(out []span, text string, m *charMask) []span {
	for a := 0; a < len(text); {
		i, open := -1, ""
		for k := range policyWords {
			o := policyWords[k].s
			if j := policyWords[k].in(m, text[a:]); j >= 0 && (i < 0 || j < i) {
				i, open = j, o
			}
		}
		if i < 0 {
			break
		}
		i += a
		rest := text[i+len(open):]
		end := len(rest)
		if k := strings.IndexAny(rest, "。；;！？!?\n"); k >= 0 {
			end = k
		}
		if k := index(rest[:end], "方针"); k >= 0 {
			out = append(out, span{i, i + len(open) + k + len("方针")})
			a = i + len(open) + k + len("方针")
			continue
		}
		a = i + len(open)
	}
	return out
}

// sloganHeads follow a quoted slogan that names the manner of the work, not its subject:
// “政府主导、市场运营、行业监管、社会参与”模式, “控增量、调结构、严监管”要求, “统一指挥、反应及时”的原则.
var sloganHeads = []string{"模式", "机制", "格局", "原则", "理念", "思路", "方针", "要求"}

// slogans returns, in order, the quoted enumerations (“A、B、C”) of text that one of sloganHeads
// follows, perhaps after 的: like a statement of principles (principleRun), they set how a task
// is done, so a phrase in them counts nothing (行业监管 there is no task of supervision). Each
// quotation mark is looked at once, so the work is linear in the length of text.
func slogans(out []span, text string) []span {
	for a := 0; a < len(text); {
		i := index(text[a:], "“")
		if i < 0 {
			break
		}
		i += a
		j := index(text[i:], "”")
		if j < 0 {
			break
		}
		j += i
		rest := strings.TrimPrefix(text[j+len("”"):], "的")
		if contains(text[i:j], "、") && hasAnyPrefix(rest, sloganHeads) {
			out = append(out, span{i, j})
		}
		a = j + len("”")
	}
	return out
}

// scopeSubjects end a scope that names a document's subject rather than where it applies.
var scopeSubjects = []string{"工作", "事件", "活动", "行动"}

// principleRun returns the clauses of a run of clauses that each begin 坚持, when there are at
// least two: a statement of principles (坚持政府主导、公益性主导,坚持医防融合、平急结合、中西医并重,
// 坚持改革创新、“三医”联动), which sets the manner of the work, not its subject.
func principleRun(out, clauses []span) []span {
	if len(clauses) < 2 {
		return out
	}
	return append(out, clauses...)
}

// significance returns where, in clause, a predicate of significance begins (是…的重要支撑,
// 是…的重大举措, 是…的关键): what follows 是 there says what the subject serves, not a task; or
// -1. So does a predicate of cause (是导致…的主要原因, 成为慢性病发生的主要原因之一): what
// follows says what the subject brings about, not a task on it (judging rule 1). 成为 serves
// as 是. A 是 that counts (一是, 二是) or stands in 就是, 还是 begins none. A clause that ends
// 具有…意义 or 意义重大 (…,实现医改目标具有十分重要的意义) says so as a whole; 事关, 关乎 or 关系到
// begins what the subject bears on (事关患者生命安全、医务人员职业健康), to the clause's end.
//
// m is the mask of the passage.
func significance(clause string, m *charMask) int {
	if c := trimBlanksRight(clause); strings.HasSuffix(c, "意义重大") || (strings.HasSuffix(c, "意义") && contains(c, "具有")) {
		return 0 // (对)…具有十分重要的意义, …意义重大: what the subject serves, the whole clause
	}
	for i := range bearsOn {
		if i := bearsOn[i].in(m, clause); i >= 0 {
			return i // (…是…基石,)事关患者生命安全、医务人员职业健康: what the subject bears on
		}
	}
	if is.in(m, clause) < 0 && becomes.in(m, clause) < 0 {
		return -1 // most clauses: no need to look for the marks
	}
	last := -1 // where the last mark of significance begins
	for i := range weights {
		if m.may(&weights[i].m) {
			last = max(last, strings.LastIndex(clause, weights[i].s))
		}
	}
	for from := 0; from < last; {
		i, n := index(clause[from:last], "是"), len("是")
		if j := index(clause[from:last], "成为"); j >= 0 && (i < 0 || j < i) {
			i, n = j, len("成为")
		}
		if i < 0 {
			return -1
		}
		i += from
		from = i + n
		if prev, _ := utf8.DecodeLastRuneInString(clause[:i]); i > 0 && n == len("是") && strings.ContainsRune("一二三四五六七八九十就还即", prev) {
			continue
		}
		return i
	}
	return -1
}

// The marks of significance, with their masks: 事关, 关乎 and 关系到 begin what the subject
// bears on, 是 and 成为 a predicate, weights its significance.
var (
	bearsOn     = newWords([]string{"事关", "关乎", "关系到"})
	is, becomes = newWord("是"), newWord("成为")
	weights     = newWords([]string{"的重要", "的重大", "的关键", "的基础", "的根本", "的主要原因", "的有效", "有效的", "的措施", "的举措", "的抓手", "的途径"})
)

// visitVerbs begin the places a visit or an inspection went to (先后前往新城区嗨妈贝童托育园、
// 海西路社区卫生服务中心、市中医蒙医医院): they are where it went, not its subject (judging
// rules 3 and 5), up to the end of the clause; so are the places 参观 names (会后,参观了…青少年科技中心).
var visitVerbs = []string{"前往", "来到", "走访", "参观"}

var visitWords = newWords(visitVerbs)

// visit returns where, in clause, one of visitVerbs begins, or -1. m is the mask of the passage.
func visit(clause string, m *charMask) int {
	for k := range visitWords {
		if i := visitWords[k].in(m, clause); i >= 0 {
			return i
		}
	}
	return -1
}

// inspections name what a visit does where it went (到宜路镇卫生院检查环境卫生, 到…中医卫生室调研,
// 在县中医医院、华胥卫生院…开展视察, 到兴宁鸿惠医院督查).
var inspections = newWords([]string{"调研", "检查", "视察", "督导", "督查", "察看", "查看", "考察"})

// visitGoes begin the place a visit went to before its verb: 到 and 在.
var visitGoes = []string{"到", "在"}

// visitLinks may stand between the place and the verb (在…开展视察, 到…进行实地检查), longest
// first.
var visitLinks = []string{"开展实地", "进行实地", "开展", "进行", "实地"}

// visitPlaceEnds end the name of a place a visit goes to: an institution (院, 室, 站, 中心, 所),
// an office (局, 委, 办) or a firm (公司).
var visitPlaceEnds = []string{"院", "室", "站", "中心", "所", "局", "委", "办", "公司"}

// maxVisited is how many bytes (sixty characters) the place a visit went to, or the list of
// places, may hold.
const maxVisited = 60 * 3

// visited returns the bytes [i, j) of clause that name the place a visit went to before the
// verb of what it did there (到X检查, 到X调研, 在X开展视察), or 0, 0: where a visit went is not
// what it examined (judging rule 28, paragraph 42: 到中医院检查安全生产 is safety only), as the
// places after visitVerbs are not. When what it examined there is the place's own building
// (到县中医医院检查门诊综合楼…项目建设情况), the place is the object and counts (examined).
// m is the mask of the clause.
func visited(clause string, m *charMask) (int, int) {
	for k := range inspections {
		if !m.may(&inspections[k].m) {
			continue
		}
		for v, from := 0, 0; ; from = v + len(inspections[k].s) {
			if v = index(clause[from:], inspections[k].s); v < 0 {
				break
			}
			v += from
			if i, j := visitedBefore(clause, v); j > i {
				return i, j
			}
		}
	}
	return 0, 0
}

// visitedBefore returns the bytes [i, j) of clause that name the place a visit went to before
// its verb at byte v, or 0, 0 (visited).
func visitedBefore(clause string, v int) (int, int) {
	before := clause[:v]
	for _, l := range visitLinks {
		if strings.HasSuffix(before, l) {
			before = before[:len(before)-len(l)]
			break
		}
	}
	if !hasAnySuffix(before, visitPlaceEnds) {
		return 0, 0
	}
	from, at := max(0, len(before)-maxVisited), -1
	for _, g := range visitGoes {
		if i := strings.LastIndex(before[from:], g); i >= 0 && from+i+len(g) > at {
			at = from + i + len(g)
		}
	}
	if at < 0 || at >= len(before) || building(clause[v:]) {
		return 0, 0
	}
	return at, len(before)
}

// buildings name an institution's own building or building project: what a visit examined
// there, when they follow it closely (judging rule 28).
var buildings = []string{"迁建", "改扩建", "扩建", "新建", "综合楼", "病房楼", "门诊楼", "住院楼", "项目建设", "建设项目", "新院区", "基础设施建设", "工程"}

// buildingMarks are buildings with their masks.
var buildingMarks = newWords(buildings)

// maxBuilding is how many bytes (twenty-four characters) may stand between an institution, or
// the verb of a visit to it, and the building that is its own.
const maxBuilding = 24 * 3

// buildingsAt appends to out where each building of text, a passage of mask m, begins; a
// building whose characters the passage lacks is not looked for.
func buildingsAt(out []int, text string, m *charMask) []int {
	for k := range buildingMarks {
		b := &buildingMarks[k]
		for from := 0; ; {
			i := b.in(m, text[from:])
			if i < 0 {
				break
			}
			out = append(out, from+i)
			from += i + len(b.s)
		}
	}
	return out
}

// nearBuilding reports whether one of the buildings at builds begins within maxBuilding bytes
// after byte end.
func nearBuilding(builds []int, end int) bool {
	for _, b := range builds {
		if b >= end && b < end+maxBuilding {
			return true
		}
	}
	return false
}

// building reports whether s, the text after an institution or after the verb of a visit to
// it, names a building within maxBuilding bytes, before the sentence ends.
func building(s string) bool {
	if len(s) > maxBuilding {
		s = s[:maxBuilding]
	}
	if i := strings.IndexAny(s, "。;；！？!?"); i >= 0 {
		s = s[:i]
	}
	for _, b := range buildings {
		if strings.Contains(s, b) {
			return true
		}
	}
	return false
}

// examined reports whether the institution text[i:end] is what a visit examined: a verb of
// inspection stands in its sentence and its own building follows it closely (督导石桥镇卫生院
// 迁建工程, 到县中医医院检查门诊综合楼…建设, 到县妇幼保健院新址…调研迁建项目): the examined
// thing carries its theme as a task's object does (judging rule 28).
func examined(text string, i, end int) bool {
	if !building(text[end:]) {
		return false
	}
	start := strings.LastIndexAny(text[:i], "。;；！？!?\n") + 1
	stop := end + maxBuilding
	if stop > len(text) {
		stop = len(text)
	}
	for len(text[:stop]) > 0 && !utf8.RuneStart(text[stop-1]) {
		stop--
	}
	s := text[start:stop]
	for k := range inspections {
		if strings.Contains(s, inspections[k].s) {
			return true
		}
	}
	return false
}

// taskVerbs begin the task after 依托X (依托各类人才项目做好人才培养工作).
var taskVerbs = []string{"做好", "开展", "推进", "推动", "建设", "建立", "组织", "实施", "加强", "加快", "提升", "打造", "构建", "帮扶", "完善", "落实", "促进", "强化"}

// meansEnd returns where the means that s (依托…) begins ends: at its first task verb, or at
// the end of s.
func meansEnd(s string) int {
	end := len(s)
	for _, v := range taskVerbs {
		if i := index(s, v); i >= 0 && i < end {
			end = i
		}
	}
	return end
}

// asideSpans returns, in order, the parts of text that name a thing rather than set a task:
// the titles of documents (《…》: 落实《加强护士队伍建设实施方案》, 配合开展无陪护病房试点) and
// sentences that report a meeting (…工作会议召开。) or list those who attended it (…参加会议。),
// and the courtesies of a reply to deputies (courtesy).
// A keyword there counts as a weak phrase.
// A sentence that closes on a greeting to a coming congress (以优异成绩迎接党的二十大胜利召开)
// reports no meeting: it states a year's tasks.
//
// The spans fill room, a slice whose room an earlier passage left (its contents are lost).
func asideSpans(room []span, text string, st *stops) []span {
	// brackets and courtesy find nothing in a text without their marks (st.all says whether it
	// holds them): most texts are not searched for them.
	out := room[:0]
	if mayAny(&st.all, titleOpenMarks) {
		out = brackets(out, text, titleOpens, titleCloses, func(string) bool { return true })
	}
	kept := out[:0]
	for _, s := range out {
		if !explained(text, s) {
			kept = append(kept, s)
		}
	}
	out = kept
	// An exception in brackets, （…除外）, names what a task leaves out (所有县级公立医院全部
	// 取消药品加成（中药饮片除外）), not its object (judging rule 1); a document number in
	// brackets, （沪卫计妇幼〔2018〕10号）, names a document and its issuing office (rule 3), as a
	// title does.
	if mayAny(&st.all, bracketOpenMarks) {
		out = brackets(out, text, bracketOpens, bracketCloses, exceptionOrNumber)
	}
	mayCourtesy := mayAny(&st.all, courtesyMarks)
	start := 0
	c := stopCursor{st: st}
	for a := 0; a < len(text); {
		i := c.index(a, stopSentenceEnd)
		end := len(text)
		if i >= 0 {
			end = i
		}
		if s := text[start:end]; meetingReport(s) {
			// The clause that reports the meeting: a clause before it may state what the
			// meeting is for (为进一步加强医疗安全管理,…,…会议在…召开).
			out = append(out, span{start + meetingClause(s), end})
		} else if hasAnyPrefix(trimBlanksLeft(s), attendees) || mayCourtesy && courtesy(s) {
			out = append(out, span{start, end})
		} else if hasAnySuffix(strings.TrimSuffix(trimBlanksRight(s), "."), attendance) {
			// (An ASCII full stop may close the passage's last sentence: …参加了会议., round 36.)
			// Only the clause that lists those who attended: the clauses before it may say
			// what the meeting was (召开了安全生产暨信访稳定工作会议,全县…负责人参加会议).
			out = append(out, span{start + attendeeClause(s), end})
		}
		if i < 0 {
			break
		}
		_, n := utf8.DecodeRuneInString(text[end:])
		a = end + n
		start = a
	}
	slices.SortFunc(out, byStart)
	return out
}

// The marks that open and close a title and a bracket, for brackets.
var (
	titleOpens, titleCloses     = []string{"《"}, []string{"》"}
	bracketOpens, bracketCloses = []string{"（", "("}, []string{"）", ")"}
)

// titleOpenMarks, bracketOpenMarks and courtesyMarks (收悉, and 感谢, which begins 感谢您) are the
// marks brackets and courtesy look for first, with their masks; openQuote is slogans'.
var (
	titleOpenMarks, bracketOpenMarks = newWords(titleOpens), newWords(bracketOpens)
	courtesyMarks                    = newWords([]string{"收悉", "感谢"})
	openQuote                        = newWord("“")
)

// exceptionOrNumber reports whether in, the text inside brackets, is an exception or a document
// number.
func exceptionOrNumber(in string) bool { return strings.HasSuffix(in, "除外") || docNumber(in) }

// byStart orders spans by where they start, as sort.Slice ordered them (the same algorithm,
// without the allocation of its swapper).
func byStart(a, b span) int { return cmp.Compare(a.start, b.start) }

// explainVerbs say that a passage explains or follows up a document (对《…》进行解读, 分析解读
// 《…》, 对重点提案《…》进行现场督办): its title is then what the passage is about, and counts as
// its words do (judging rule 1); a document only forwarded (印发), passed (讨论通过) or studied
// (学习) stays an aside (rules 10 and 19).
var explainVerbs = []string{"解读", "督办"}

// pledges end the title of a document by which those who sign it or read it out take on the task
// it names (创建国家健康促进区承诺书, 安全生产目标责任书): the meeting's own act on its subject, which
// counts as that act (judging rule 27), not a title named in passing.
var pledges = []string{"承诺书", "责任书", "倡议书", "责任状"}

// maxExplain is how many bytes (forty characters) after a title are searched for one of
// explainVerbs in its clause, so that tagging stays linear.
const maxExplain = 120

// explained reports whether the title text[s.start:s.end] (from 《) is the object of one of
// explainVerbs: right before it, or later in its clause (a bracket, 《…》（第118号）, does not
// end the clause).
func explained(text string, s span) bool {
	if hasAnySuffix(text[s.start:s.end], pledges) {
		return true // 宣读了《区政府创建国家健康促进区承诺书》: the meeting's own act (judging rule 27)
	}
	if hasAnySuffix(text[:s.start], explainVerbs) || strings.HasSuffix(text[:s.start], "题为") {
		return true // also the title of a talk given (作题为《…》的交流发言): the talk's subject
	}
	rest := text[s.end:min(s.end+maxExplain, len(text))]
	if i := placeEndSet.Index(rest); i >= 0 {
		rest = rest[:i]
	}
	return hasAnyPart(rest, explainVerbs)
}

// docNumber reports whether in, the text inside brackets, is a document number: an office's
// abbreviation, the year in 〔〕 (or [] or 【】) and the number, 号 (国卫妇幼发〔2022〕32号).
func docNumber(in string) bool {
	return strings.HasSuffix(in, "号") && strings.ContainsAny(in, "〔[【")
}

// brackets returns, in order, the brackets of text, from one of opens to the next of closes,
// whose inner text keep accepts; the span starts at the opening bracket and ends before the
// closing one. Each kind of bracket is searched for with strings.Index, and a search is only
// made again once the text has passed what it found, so the work is linear in the length of
// text.
func brackets(out []span, text string, opens, closes []string, keep func(inner string) bool) []span {
	var no, nc [2]int // room for newNexts: no more than two marks of a kind
	nextOpen, nextClose := newNexts(no[:0], len(opens)), newNexts(nc[:0], len(closes))
	for a := 0; a < len(text); {
		i, open := nextOpen.first(text, a, opens)
		if i < 0 {
			break
		}
		j, _ := nextClose.first(text, i+len(open), closes)
		if j < 0 {
			break
		}
		if keep(text[i+len(open) : j]) {
			out = append(out, span{i, j})
		}
		a = j
	}
	return out
}

// nexts remembers where each of a set of strings next occurs in a text (-1: nowhere after).
type nexts []int

func newNexts(room []int, n int) nexts {
	ns := nexts(append(room[:0], make([]int, n)...))
	for k := range ns {
		ns[k] = -2 // not searched yet
	}
	return ns
}

// first returns the first occurrence at or after a of any of subs, and which one it is; -1 if
// none occurs.
func (ns nexts) first(text string, a int, subs []string) (int, string) {
	best, which := -1, ""
	for k, sub := range subs {
		if ns[k] == -2 || (ns[k] >= 0 && ns[k] < a) {
			ns[k] = -1
			if i := index(text[a:], sub); i >= 0 {
				ns[k] = a + i
			}
		}
		if ns[k] >= 0 && (best < 0 || ns[k] < best) {
			best, which = ns[k], sub
		}
	}
	return best, which
}

// meetingReport reports whether sentence s reports a meeting: it ends 召开, and not 迎接…胜利召开
// (顺利召开), which greets a coming congress.
func meetingReport(s string) bool {
	return strings.HasSuffix(s, "召开") && !strings.HasSuffix(s, "胜利召开") && !strings.HasSuffix(s, "顺利召开")
}

// courtesy reports whether sentence s is a courtesy of a reply to deputies' proposals: it
// acknowledges receipt (您提出的“…提案”收悉,现答复如下) or thanks (感谢您对中医药工作的关心…,
// 感谢对…事业的关注与支持). It names the proposal's subject but sets no task (rules 1 and 10).
func courtesy(s string) bool {
	return contains(s, "收悉") || contains(s, "感谢您") || strings.HasPrefix(s, "感谢")
}

// attendance ends a sentence that lists who attended a meeting (…负责同志等参加会议, …参加座谈会): it names
// people and their offices, not a task.
var attendance = []string{"参加会议", "出席会议", "列席会议", "参会", "参加", "收看了视频会议", "收看视频会议", "参加了会议", "参加座谈会", "参加了座谈会", "参加会", "出席了会议", "参加了此次学习", "参加了学习"}

// meetingClause returns where, in a sentence s that reports a meeting, the clause that names it
// begins: after the last clause end before it.
func meetingClause(s string) int {
	i := strings.LastIndexAny(s, "，,")
	if i < 0 {
		return 0
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	return i + n
}

// meetingVerbs open the clause that says what a meeting was (召开, 举行, 举办, 进行 a study).
var meetingVerbs = []string{"召开", "举行", "举办", "进行"}

// attendeeClause returns where, in sentence s, the list of those who attended begins: after the
// clause that opens the meeting (召开了安全生产暨信访稳定工作会议,全县…负责人参加会议), which says
// what the meeting was, or at the start of s.
func attendeeClause(s string) int {
	i := -1
	for _, v := range meetingVerbs {
		i = max(i, strings.LastIndex(s, v))
	}
	if i < 0 {
		return 0
	}
	j := strings.IndexAny(s[i:], "，,")
	if j < 0 {
		return 0
	}
	_, n := utf8.DecodeRuneInString(s[i+j:])
	return i + j + n
}

// attendees open a sentence that lists who attended (参加会议的有浙江大学医学院肿瘤学…教授,…人才
// 代表等): the offices and titles named there are people, not tasks.
var attendees = []string{"参加会议的有", "出席会议的有", "参会人员有", "参会的有"}

// hasAnySuffix reports whether s ends with one of suffixes. Like hasAnyPrefix, it compares a
// suffix's last byte before calling for the rest.
func hasAnySuffix(s string, suffixes []string) bool {
	if s == "" {
		return slices.Contains(suffixes, "")
	}
	last := s[len(s)-1]
	for _, x := range suffixes {
		if len(x) > 0 && x[len(x)-1] != last {
			continue
		}
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// answered end what 针对 names when it is the state of work or an arrangement a report or a
// measure answers (针对…工作情况, 针对…复审安排), not a target group.
var answered = []string{"情况", "安排", "部署"}

// targetEnd returns where the target group that s (针对…) begins ends: at its first 的 or
// task verb, or at the end of s.
func targetEnd(s string) int {
	end := meansEnd(s)
	if i := index(s, "的"); i >= 0 && i < end {
		end = i
	}
	return end
}

// splitList splits s at the separators of an enumeration.
func splitList(s string) []string {
	for _, sep := range listSeps[1:] {
		s = strings.ReplaceAll(s, sep, listSeps[0])
	}
	return strings.Split(s, listSeps[0])
}

// unitHeads name the departments, specialties or services that a bare enumeration of short
// names qualifies (实现中医、口腔、儿科、康复服务全覆盖), or the groups and staff drawn from
// them (内科、外科、妇产科、儿科及全科5个专业组; 内科、外科、骨科、儿科骨干医生4名; …心内科、妇产科、
// 中医科、彩超室、检验科党员医、护人员: the departments the staff come from).
var unitHeads = []string{"服务", "科室", "专科", "门诊", "诊室", "专业", "骨干", "医生", "医师", "专家", "党员", "医护", "医务", "护士", "主任"}

// unitJoins join the last two names of such an enumeration: 儿科及全科.
const unitJoins = "及和与"

// unitEnd returns where the last item of a bare enumeration, beginning at clause[prev:], ends
// when one of unitHeads follows it, perhaps after a count; 0 if none does. The item is a short
// name, or two joined by one of unitJoins; at most 2*maxUnitItem+1 characters are looked at.
func unitEnd(clause string, prev int) int {
	joined := false
	for n, k := 1, prev; n <= maxUnitItem && k < len(clause); n++ {
		r, size := utf8.DecodeRuneInString(clause[k:])
		if !unicode.Is(unicode.Han, r) {
			return 0
		}
		k += size
		if hasAnyPrefix(strings.TrimLeft(clause[k:], countChars), unitHeads) {
			return k
		}
		if next, size := utf8.DecodeRuneInString(clause[k:]); !joined && strings.ContainsRune(unitJoins, next) {
			joined, n = true, 0
			k += size
		}
	}
	return 0
}

// countChars make up a count before a head: 5个, 十名.
const countChars = "0123456789一二两三四五六七八九十百个名位支"

// maxUnitItem is the longest item, in characters, of such an enumeration.
const maxUnitItem = 4

// unitLists returns the enumerations of the clause (starting at byte a of the text) that list,
// without 等, at least three short names of departments or services before one of unitHeads
// (中医、口腔、儿科、康复服务): like a list of examples, they name where a task applies, not its
// subject. Each 、 of the clause is looked at once, so the work is linear in its length.
func unitLists(out []span, clause string, a int) []span {
	items, from := 0, -1 // the short items seen so far in a row, and where the first began
	prev := 0            // the start of the current item
	for i := 0; i <= len(clause); {
		j := index(clause[i:], "、")
		end := len(clause)
		if j >= 0 {
			end = i + j
		}
		item := clause[prev:end]
		if j >= 0 {
			if n := utf8.RuneCountInString(item); n <= maxUnitItem && n > 0 && hanOnly(item) {
				if items == 0 {
					from = prev
				}
				items++
			} else {
				// A long item may be the list's last one and what it qualifies, before
				// another 、 (…中医科、彩超室、检验科党员医、护人员).
				if items >= 2 {
					if k := unitEnd(clause, prev); k > 0 {
						out = append(out, span{a + from, a + k})
					}
				}
				// A long first item holds the verb before the list (实现中医): start afresh
				// with its last maxUnitItem characters as the list's first item.
				items, from = 1, lastRunes(clause, prev, end, maxUnitItem)
			}
			i = end + len("、")
			prev = i
			continue
		}
		// The last item: a short name, or two joined by 及, 和 or 与 (儿科及全科), and a head
		// right after it, perhaps after a count (5个专业组).
		if items >= 2 {
			if k := unitEnd(clause, prev); k > 0 {
				out = append(out, span{a + from, a + k})
			}
		}
		break
	}
	return out
}

// lastRunes returns where the last n characters of s[a:b] begin.
func lastRunes(s string, a, b, n int) int {
	for ; n > 0 && b > a; n-- {
		_, size := utf8.DecodeLastRuneInString(s[a:b])
		b -= size
	}
	return b
}

func hanOnly(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// hasAnyPart reports whether s holds any of parts.
func hasAnyPart(s string, parts []string) bool {
	for _, p := range parts {
		if contains(s, p) {
			return true
		}
	}
	return false
}

// hasAnyPrefix reports whether s begins with one of prefixes. The rules ask it of nearly every
// phrase found, and most prefixes fail at their first character: a Han character's first byte
// is shared by thousands, so it compares a prefix's second byte, then calls for the rest.
func hasAnyPrefix(s string, prefixes []string) bool {
	if len(s) < 2 {
		for _, p := range prefixes {
			if strings.HasPrefix(s, p) {
				return true
			}
		}
		return false
	}
	second := s[1]
	for _, p := range prefixes {
		if len(p) > 1 && p[1] != second {
			continue
		}
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// topicFrames are the openings and closings of the topics a sentence asks about or studies, not
// tasks it sets (judging rule 4, and round 11's reading of 围绕…等方面开展交流): the subjects on
// which people are asked for suggestions (请您就着力优化医疗资源布局,…加强中医药传承和作用发挥方面
// 提出您的宝贵建议) and the parts of a document studied (学习领会…全会中关于教育、健康、科技强国和
// 中医药工作的内容), and the work in which a thing is to play its role (充分发挥中医药在深化医药
// 卫生体制改革…中的作用: the arena of 中医药's role, not a task on it, round 21). The closing must
// follow within the sentence. Frames that share an opening stand in a row (topics looks for each
// opening once).
var topicFrames = []struct{ open, close string }{
	{"在", "中的作用"},
	{"在", "中的重要作用"},
	{"就", "方面提出"},
	{"就", "方面的意见"},
	{"就", "方面的建议"},
	{"关于", "的内容"},
	{"围绕", "作经验交流"},
	{"围绕", "进行经验交流"},
	{"围绕", "开展经验交流"},
	{"围绕", "作交流发言"},
	{"围绕", "进行交流发言"},
	{"围绕", "作典型发言"},
	{"围绕", "进行交流"},
	{"围绕", "开展交流"},
	{"围绕", "进行了深入讨论"},
	{"围绕", "进行深入讨论"},
	{"围绕", "进行了讨论"},
	{"围绕", "进行讨论"},
	{"围绕", "展开讨论"},
	{"围绕", "开展讨论"},
	{"围绕", "进行研讨"},
	{"围绕", "开展研讨"},
}

// topicWords are topicFrames with their masks.
var topicWords = func() []struct{ open, close word } {
	out := make([]struct{ open, close word }, len(topicFrames))
	for i, f := range topicFrames {
		out[i].open, out[i].close = newWord(f.open), newWord(f.close)
	}
	return out
}()

// topics returns the spans of text, sentence by sentence, from a topicFrames opening to its
// closing. Each sentence is searched once for each distinct opening and, where it holds one,
// once for each of its frames' closings, so the work is linear in the length of text.
//
// m is the mask of text (charMask). A passage whose mask holds none of the closings (most
// passages) holds no topic, and is not split into sentences at all.
func topics(out []span, text string, m *charMask, st *stops) []span {
	if !slices.ContainsFunc(topicWords, func(f struct{ open, close word }) bool { return m.may(&f.close.m) }) {
		return out
	}
	c := stopCursor{st: st}
	for a := 0; a < len(text); {
		b := c.index(a, stopSentenceEnd)
		if b < 0 {
			b = len(text)
		}
		s := text[a:b]
		open, hasOpen := "", false // frames sharing an opening are in a row: look for it once
		for k := range topicWords {
			f := &topicWords[k]
			if f.open.s != open {
				open, hasOpen = f.open.s, f.open.in(m, s) >= 0
			}
			if !hasOpen {
				continue
			}
			j := f.close.in(m, s)
			if j < 0 {
				continue
			}
			if i := strings.LastIndex(s[:j], open); i >= 0 {
				out = append(out, span{a + i, a + j})
			}
		}
		if b >= len(text) {
			break
		}
		_, n := utf8.DecodeRuneInString(text[b:])
		a = b + n
	}
	return out
}

// index is strings.Index(s, sub), the same result, faster on Chinese text: strings.Index looks
// for sub's first byte, and the lead byte of a Chinese character (0xE4-0xE9 for most) starts
// nearly every character of a plan, so it stops at almost each one; the last byte of a
// character is one of 64 continuation bytes, much rarer, so index looks for sub's last byte and
// compares the bytes before it. The first end at which sub matches is the end of its first
// occurrence. Short texts (64 bytes or fewer) and short subs go to strings.Index, which
// compares them in one pass.
func index(s, sub string) int {
	n := len(sub)
	if n < 3 || len(s) <= 64 {
		return strings.Index(s, sub)
	}
	c := sub[n-1]
	for i := n - 1; i < len(s); i++ {
		j := strings.IndexByte(s[i:], c)
		if j < 0 {
			return -1
		}
		i += j
		if s[i-n+1:i+1] == sub {
			return i - n + 1
		}
	}
	return -1
}

// contains is strings.Contains(s, sub) through index.
func contains(s, sub string) bool { return index(s, sub) >= 0 }

// trimBlanksRight is strings.TrimRight(s, " 　"), the same result without the cutset's
// decoding: the spaces and ideographic spaces at the end of s removed.
func trimBlanksRight(s string) string {
	for {
		if strings.HasSuffix(s, " ") {
			s = s[:len(s)-len(" ")]
		} else if strings.HasSuffix(s, "　") {
			s = s[:len(s)-len("　")]
		} else {
			return s
		}
	}
}

// trimBlanksLeft is strings.TrimLeft(s, " 　"), the same result without the cutset's decoding.
func trimBlanksLeft(s string) string {
	for {
		if strings.HasPrefix(s, " ") {
			s = s[len(" "):]
		} else if strings.HasPrefix(s, "　") {
			s = s[len("　"):]
		} else {
			return s
		}
	}
}

// trimBlanks is strings.Trim(s, " 　").
func trimBlanks(s string) string { return trimBlanksRight(trimBlanksLeft(s)) }

// knowledgeVerbs hand knowledge to people or say what is done with it (宣传慢性病防治知识, 讲解…知识).
var knowledgeVerbs = append([]string{"传播", "宣讲", "科普", "发放", "知晓", "了解", "掌握", "学习", "讲座"}, listVerbs...)

// preventions name the knowledge of preventing and treating a disease (防治知识, 预防…知识).
var preventions = []string{"防治", "防控", "预防", "防病"}

// handVerbs hand knowledge out to people (宣传艾滋病知识, 普及疫苗接种知识), and knowledgeSpread
// follow knowledge that is handed out (慢性病知识宣传, 结核病知识讲座): a topic with no 防治 word
// before or after one of them is a topic too (round 34).
var handVerbs = []string{"宣传", "普及", "科普", "宣讲", "讲解", "传播", "发放"}

var knowledgeSpread = []string{"宣传", "普及", "讲座", "宣讲", "讲解", "折页", "手册"}

// knowledgeSkills name a skill or a field, whose knowledge is left as written (急救知识: readers
// file first-aid training under emergency; 心理健康知识 lectures are mental health's, round 30).
var knowledgeSkills = []string{"急救", "救护", "救援", "自救", "互救", "心肺复苏", "养生", "中医", "技能", "心理", "精神"}

// field reports whether topic, the topic of knowledge with no 防治 word, names a skill or a field
// of health (老年健康知识, 口腔健康知识), whose knowledge counts as written.
func field(topic string) bool {
	return hasAnyPart(topic, knowledgeSkills) || strings.HasSuffix(topic, "健康")
}

// maxTopic is how many characters before 知识 its topic may take.
const maxTopic = 16

// knowledgeTopics returns, in order, the bytes [start, end) of text that name the topic of the
// knowledge of preventing a disease handed to people (普及了心血管病…等慢性病的防治知识, 宣传疾病
// 防控知识, 讲解高血压的预防知识): what a lecture, a leaflet or a campaign teaches is its topic,
// not a task on the disease (judging rules 4 and 22). The topic runs back from 知识 to the last
// of knowledgeVerbs before it, or to the start of its clause, at most maxTopic characters, and
// holds one of preventions. Knowledge of a skill or a field (急救知识, 中医药养生知识) is left as
// written: readers file first-aid training under emergency. A target of how many know it
// (防治知识知晓率达90%) is the programme's own target, and 知识产权, 知识分子 are no knowledge
// handed out: neither has a topic.
//
// The spans are appended to out, which may hold room from an earlier passage.
func knowledgeTopics(out []span, text string) []span {
	for from := 0; ; {
		k := index(text[from:], "知识")
		if k < 0 {
			return out
		}
		k += from
		from = k + len("知识")
		if hasAnyPrefix(text[from:], knowledgeNot) {
			continue
		}
		start, window := topicStart(text, k)
		if hasAnyPart(text[start:k], preventions) || (hasAnyPrefix(text[from:], knowledgeSpread) || lastEnd(text[window:k], handVerbs) >= 0) && !field(text[start:k]) {
			out = append(out, span{start, k})
		}
	}
}

// topicStart returns where the topic of what is handed out, ending at byte k (before 知识 or a
// leaflet), begins: back from k to the last of knowledgeVerbs, or to the start of its clause, at
// most maxTopic characters, and after a task joined before it (慢性病防治和健康知识宣传, 艾滋病防治
// 工作和健康知识: a task of its own). window is where a verb that hands it out may stand.
func topicStart(text string, k int) (start, window int) {
	start = k
	for n := 0; n < maxTopic && start > 0; n++ {
		r, size := utf8.DecodeLastRuneInString(text[:start])
		if clauseEndSet.Has(r) {
			break
		}
		start -= size
	}
	window = start
	if v := lastKnowledgeVerbEnd(text[start:k]); v >= 0 {
		start += v
	}
	if v := lastEnd(text[start:k], topicBreaks); v >= 0 {
		start += v
	}
	return start, window
}

// leaflets are printed advice handed out (发放防治结核病宣传小册子, 艾滋病防治宣传资料), with their
// masks: the disease a leaflet is about, named with one of preventions, is its topic, as the
// topic of knowledge is (judging rule 22; round 34's 新北).
var leaflets = newWords([]string{"宣传小册子", "宣传册", "宣传单", "宣传折页", "宣传资料", "宣传材料", "宣传画", "宣传品"})

// leafletTopics appends to out, in order, the topics of the leaflets text names (see leaflets
// and knowledgeTopics). m is the mask of text.
func leafletTopics(out []span, text string, m *charMask) []span {
	for i := range leaflets {
		for from := 0; ; {
			k := leaflets[i].in(m, text[from:])
			if k < 0 {
				break
			}
			k += from
			from = k + len(leaflets[i].s)
			if start, _ := topicStart(text, k); hasAnyPart(text[start:k], preventions) {
				out = append(out, span{start, k})
			}
		}
	}
	return out
}

// countEnds close a clause that counts what a body disclosed: a parenthesis or a colon inside it
// (栏目(…)更新政务信息196条) does not.
const countEnds = "，。；！？,;!?\n"

var countEndSet = runes.NewSet(countEnds)

// disclosureWords name a body's disclosure of its own information, where a count counts what was
// disclosed (公开…7件, 栏目(…)更新政务信息196条, 专题专栏36条), not what was done.
var disclosureWords = []string{"公开", "栏目", "专栏", "政务信息"}

// disclosureMarks and countMarks are disclosureWords and the count words with their masks.
var disclosureMarks, countMarks = newWords(disclosureWords), newWords([]string{"条", "件"})

// mayAny reports whether a passage of mask m may hold one of words.
func mayAny(m *charMask, words []word) bool {
	for i := range words {
		if words[i].may(m) {
			return true
		}
	}
	return false
}

// countedClauses appends the bytes [start, end) of each clause of text that counts the items a
// body disclosed by kind (公开行政规范性文件7件、…疫情防控及健康科普信息13条; 其中工作动态68条、…
// 健康促进29条、专题专栏36条; 栏目(…健康教育与促进…)更新政务信息196条): the kinds are what was
// published, no task (judging rule 1), and read as a list of examples. A clause counts them when
// a number in it is followed by 条 or 件 and a disclosure word stands in it, or it opens with 其中
// right after such a clause (公开政府信息136条,其中…信息15条); a count of cases or documents
// without one (查处欺诈骗保案件15件) is work done.
//
// m is text's mask (charMask): a passage that cannot hold 条 or 件 and a disclosure word, as most
// cannot, is not searched.
func countedClauses(out []span, text string, m *charMask) []span {
	if !mayAny(m, countMarks) || !mayAny(m, disclosureMarks) || !countsItems(text) || !hasAnyPart(text, disclosureWords) {
		return out
	}
	last := false // whether the clause before counted what was disclosed
	for start := 0; start < len(text); {
		end, next := len(text), len(text)
		if k := countEndSet.Index(text[start:]); k >= 0 {
			end = start + k
			_, size := utf8.DecodeRuneInString(text[end:])
			next = end + size
		}
		c := text[start:end]
		last = countsItems(c) && (hasAnyPart(c, disclosureWords) || last && strings.HasPrefix(c, "其中"))
		if last {
			out = append(out, span{start, end})
		}
		start = next
	}
	return out
}

// breakdownMark opens a clause that breaks a count down by kind (其中).
var breakdownMark = newWord("其中")

// breakdowns appends the bytes [start, end) of each clause of text that opens with 其中 and breaks
// a count of people down by kind, each kind of a list with its number (其中刑满释放人员12208人
// (34.3%)、严重精神障碍患者22548人(63.4%)、…): the kinds are who was counted, no task on them
// (judging rules 1 and 4), and read as a list of examples.
//
// m is text's mask: a passage that cannot hold 其中, as most cannot, is not searched.
func breakdowns(out []span, text string, m *charMask) []span {
	for from := 0; ; {
		k := breakdownMark.in(m, text[from:])
		if k < 0 {
			return out
		}
		start := from + k
		end := len(text)
		if e := countEndSet.Index(text[start:]); e >= 0 {
			end = start + e
		}
		from = end
		if r := lastRune(text[:start]); start > 0 && !countEndSet.Has(r) {
			continue // 其中 inside a clause (集中, 其中医): no breakdown opens there
		}
		clause := text[start:end]
		if !contains(clause, "、") {
			continue
		}
		counted := true
		for rest, more := clause, true; more && counted; {
			var it string
			it, rest, more = strings.Cut(rest, "、")
			counted = countsPeople(it)
		}
		if counted {
			out = append(out, span{start, end})
		}
	}
}

// countsPeople reports whether a number in s is followed by 人, 名 or 例 (12208人, 300余名).
func countsPeople(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < '0' || c > '9' {
			continue
		}
		r := strings.TrimPrefix(strings.TrimPrefix(s[i+1:], "余"), "多")
		if strings.HasPrefix(r, "人") || strings.HasPrefix(r, "名") || strings.HasPrefix(r, "例") {
			return true
		}
	}
	return false
}

// countsItems reports whether a number in s is followed by 条 or 件 (7件, 196条, 100余条). It
// looks after each digit, which few passages hold many of.
func countsItems(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < '0' || c > '9' {
			continue
		}
		r := s[i+1:]
		if strings.HasPrefix(r, "余") || strings.HasPrefix(r, "多") {
			r = r[len("余"):]
		}
		if strings.HasPrefix(r, "条") || strings.HasPrefix(r, "件") {
			return true
		}
	}
	return false
}

// knowledgeNot follow a 知识 that is no knowledge handed out on a topic: how many know it
// (防治知识知晓率, 防治知识的知晓率, 防治知识普及率: the programme's own target), a store of it
// (知识库, 知识图谱), 知识产权, 知识分子.
var knowledgeNot = []string{"知晓", "的知晓", "普及率", "库", "图谱", "产权", "分子"}

// knowledgeMark is 知识 with its mask: a passage without it has no knowledge topic.
var knowledgeMark = newWord("知识")

// topicBreaks end a phrase before a knowledge topic: a conjunction (not 、, which lists the
// topics of one knowledge: 普及中医养生、健康防病知识) and the nouns that close a task (防治
// 工作, 防治体系).
var topicBreaks = []string{"和", "与", "及", "并", "工作", "体系"}

// lastKnowledgeVerbEnd returns where the last of knowledgeVerbs in s ends, or -1.
func lastKnowledgeVerbEnd(s string) int { return lastEnd(s, knowledgeVerbs) }

// lastEnd returns where the last of words in s ends, or -1.
func lastEnd(s string, words []string) int {
	end := -1
	for _, v := range words {
		if i := strings.LastIndex(s, v); i >= 0 && i+len(v) > end {
			end = i + len(v)
		}
	}
	return end
}

// publicityVerbs open a task that spreads knowledge or a message to people (宣传, 普及, 科普).
var publicityVerbs = []string{"宣传", "普及", "科普", "宣讲", "讲解", "传播"}

// maxPublicized is how many bytes (twelve characters) of the clause after a means frame may
// hold the publicity verb: the audience and an adverb before it (向广大群众宣传, 深入宣传).
const maxPublicized = 36

// publicized reports whether rest, the text after a means frame's 方式 or 形式, goes on to a task
// of publicity (通过悬挂标语、发放宣传资料、开展知识讲座等形式,向广大群众宣传…): the means are then
// the forms the publicity takes, the health education given at an event (judging rule 22), not
// the means of a task about something else, and count as written.
func publicized(rest string) bool {
	rest = strings.TrimLeft(rest, ",，")
	rest = rest[:min(len(rest), maxPublicized)]
	if k := strings.IndexAny(rest, clauseEnds); k >= 0 {
		rest = rest[:k]
	}
	return hasAnyPart(rest, publicityVerbs)
}

// maxForms is how many bytes (four characters) may name the forms after a list's 等 (多种形式).
const maxForms = 12

// forms reports whether after, the rest of a clause after a list's 等, names the list's items
// as the forms or ways something is done (等形式, 等多种形式, 等方式).
func forms(after string) bool {
	return len(after) <= maxForms && (strings.HasSuffix(after, "形式") || strings.HasSuffix(after, "方式"))
}
