package analysis

import (
	"iter"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/internal/runes"
	"golang.org/x/text/width"
)

// Target is a quantitative target (指标) a passage states: "2025年家庭医生签约服务覆盖率不低于
// 65%" is 家庭医生签约服务覆盖率 ≥ 65 %, 2025.
type Target struct {
	// Subject is what is measured, as written (家庭医生签约服务覆盖率, 家庭病床).
	Subject string
	// Comparator is the promise, normalised: ≥ ≤ = ≈ > < for a level, + or − for a change.
	Comparator string
	// Value is the number; ValueText the number as written (4.65, 5—10).
	Value     float64
	ValueText string
	// Unit is the unit as written after the number (%, ‰, 个, 家, 万名, 名/10万人); for a
	// count written without one (每千人口托位数稳定在4.65左右) the unit its subject counts in.
	// Empty when the text gives none and none can be told: such a target is reported.
	Unit string
	// Clause is the clause the target was read from, as written.
	Clause string
	// Anchor and Line are the passage's, and SubjectSlug the configured subject
	// (config.toml [[subjects]]) the subject names, or "" (set by Analyse; ExtractTargets
	// leaves them empty).
	Anchor      string
	SubjectSlug string
	// Year is the target year the sentence states (到2025年底 …), or 0.
	Year int32
	// Line is int32 and beside Year, so that a Target is 152 bytes, not 160 (kept to the end
	// of a build, one per target: issue 16).
	Line int32
	// Themes are the themes of the passage the target itself is about (set by Analyse; see
	// Analyser.targetThemes): a list shared with other targets, not to be changed.
	Themes []string
}

// own gives the target copies of its strings cut from a passage's text (its clause, subject,
// value and unit), so that it keeps none of the document's text alive: one copy of the clause,
// and the subject, value and unit cut from that copy where the clause holds them (as it does
// for nearly every target), each a copy of its own otherwise. clause is the copy the target
// before it made of the same clause, or "" (a clause often holds several targets: 35,016
// targets of the 1,000-plan generated corpus are in 25,405 clauses; issue 16). The anchor is
// the passage's, a string of its own that holds nothing else (content's anchors are made one
// by one), and kept by the analysis' passages anyway: it is not copied.
func (t *Target) own(clause string) {
	if clause == "" || clause != t.Clause {
		clause = strings.Clone(t.Clause)
	}
	t.Clause = clause
	for _, f := range []*string{&t.Subject, &t.ValueText, &t.Unit} {
		if i := strings.Index(t.Clause, *f); i >= 0 && *f != "" {
			*f = t.Clause[i : i+len(*f)]
		} else {
			*f = strings.Clone(*f)
		}
	}
}

// Comparators, normalised.
const (
	AtLeast   = "≥"
	AtMost    = "≤"
	Equal     = "="
	About     = "≈"
	Above     = ">"
	Below     = "<"
	Increase  = "+"
	Decrease  = "−"
	noCompare = ""
)

// comparators are the words that, written right before a number, say what it promises;
// longest first, so that 不低于 wins over 低于.
var comparators = []struct{ word, cmp string }{
	{"至少为", AtLeast}, {"至少达到", AtLeast}, {"至少达", AtLeast}, {"扩展到", AtLeast}, {"扩展至", AtLeast}, {"不低于", AtLeast}, {"不少于", AtLeast}, {"不小于", AtLeast}, {"至少", AtLeast},
	{"提高到", AtLeast}, {"提高至", AtLeast}, {"提升到", AtLeast}, {"提升至", AtLeast},
	{"增加到", AtLeast}, {"增加至", AtLeast}, {"增至", AtLeast}, {"扩大到", AtLeast}, {"扩大至", AtLeast},
	{"不高于", AtMost}, {"不超过", AtMost}, {"不多于", AtMost}, {"不大于", AtMost},
	{"控制在", AtMost}, {"降低到", AtMost}, {"降低至", AtMost}, {"下降到", AtMost}, {"下降至", AtMost},
	{"缩短到", AtMost}, {"缩短至", AtMost}, {"降至", AtMost}, {"降到", AtMost}, {"减少到", AtMost}, {"减少至", AtMost},
	{"超过", Above}, {"高于", Above}, {"多于", Above}, {"超", Above},
	{"低于", Below}, {"少于", Below},
	{"稳定在", Equal}, {"保持在", Equal}, {"维持在", Equal}, {"达到", Equal}, {"达", Equal}, {"为", Equal}, {"保持", Equal},
	{"增幅", Increase}, {"增长", Increase}, {"提高", Increase}, {"提升", Increase}, {"增加", Increase},
	{"下降", Decrease}, {"降低", Decrease}, {"减少", Decrease},
}

// buildVerbs promise a count of things: 建设家庭病床170张, 新建5个紧密型城市医疗集团.
var buildVerbs = []string{"建设", "新建", "建成", "创建", "培育", "打造", "开展", "新增", "完成", "招聘", "引进",
	"培养", "培训", "配备", "设置", "遴选", "认定", "举办", "组建", "争创", "评选", "改造", "扩建", "招录", "选派", "派驻", "确定", "建立",
	"推进", "支持", "获批", "获得", "获", "打响", "备案", "制定", "申报", "拥有"}

// units follow a number; longest first. A multiplier (万, 亿, 千) may come before them.
var units = []string{"个月", "名/10万人", "/10万人口", "/10万人", "/10万", "/万人", "个百分点", "万人次", "人次", "场次", "平方米", "分钟", "小时",
	"%", "％", "‰", "个", "家", "张", "名", "人", "项", "元", "岁", "台", "所", "支", "辆", "次", "天", "分", "床", "户",
	"套", "处", "座", "批", "种", "篇", "门", "条", "期", "倍", "件", "亩", "公里", "例", "份", "间", "轮", "届", "周", "辆"}

var (
	yearRE = regexp.MustCompile(`(20[0-9]{2})\s*年`)
	// titleRE finds the titles a clause cites (《2025年…清单》): their years are not targets'.
	titleRE = regexp.MustCompile(`《[^》]*》`)
)

// fullStop reads a full-width decimal point.
var fullStop = strings.NewReplacer("．", ".")

// clauseBreaks end a clause; sentence breaks end the reach of a stated year.
const (
	sentenceBreaks = "。；;！？!?"
	clauseBreaks   = sentenceBreaks + "，,：:"
)

var (
	sentenceSet, clauseSet = runes.NewSet(sentenceBreaks), runes.NewSet(clauseBreaks)
	digits                 = runes.NewSet("0123456789０１２３４５６７８９")
)

// ExtractTargets finds the quantitative targets in a passage's text. It never fails: text
// without targets gives none.
func ExtractTargets(text string) []Target { return appendTargets(nil, text) }

// appendTargets appends the targets of text (ExtractTargets) to out: a document's targets
// are read into one buffer, not a list per passage and per clause (issue 16).
func appendTargets(out []Target, text string) []Target {
	// A target has a number: more than half of the passages have none (issue 16). Taking out
	// bytes that are not UTF-8 (below) cannot make a digit, so the test holds before it too.
	if digits.Index(text) < 0 {
		return out
	}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "") // loaded text is UTF-8; other callers' may not be
	}
	for sentence := range parts(text, &sentenceSet) {
		if digits.Index(sentence) < 0 {
			continue
		}
		year, built := 0, false
		for clause := range parts(sentence, &clauseSet) {
			if y, ok := statedYear(clause); ok {
				year = y
			}
			out, built = clauseTargets(out, clause, year, built)
		}
	}
	return out
}

// statedYear is the year a clause states (到2025年底), its titles (《2025年…清单》) left out;
// ok is false when it states none. A clause without 年 states no year (taking titles out
// cannot bring one): the regular expressions run only on those with one, and each only where
// what it must find is there (a title's 《, a year's 20), which spares most clauses a copy and
// a run of the machine (issue 16).
func statedYear(clause string) (year int, ok bool) {
	if !strings.Contains(clause, "年") {
		return 0, false
	}
	stripped := clause
	if strings.Contains(clause, "《") {
		stripped = titleRE.ReplaceAllString(clause, "")
	}
	if !strings.Contains(stripped, "20") {
		return 0, false
	}
	m := yearRE.FindStringSubmatch(stripped)
	if m == nil {
		return 0, false
	}
	year, _ = strconv.Atoi(m[1])
	return year, true
}

// narrow is width.Narrow.String(s), which copies s even when it changes nothing: when it
// holds only ASCII, as most numbers do, or only characters without a narrow form, as most
// units do (个, 家, 万人次: issue 16, a copy for every target). It copies only when a
// character of s has a narrow form (％, ４, the ideographic space).
func narrow(s string) string {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		if r, n := utf8.DecodeRuneInString(s[i:]); r == utf8.RuneError && n == 1 {
			return width.Narrow.String(s) // not UTF-8: as width.Narrow reads it
		}
		p, n := width.LookupString(s[i:])
		if p.Narrow() != 0 {
			return width.Narrow.String(s)
		}
		i += n
	}
	return s
}

// parts are the parts of s (UTF-8) between the characters of seps, trimmed of spaces, empty
// ones left out. The separators are found byte by byte (runes.Set.Index: a Han character's
// first byte begins no separator), not by decoding every character, and the parts are
// yielded, not collected: sentences and clauses of every passage with a digit (issue 16).
func parts(s string, seps *runes.Set) iter.Seq[string] {
	return func(yield func(string) bool) {
		rest := s
		for {
			i := seps.Index(rest)
			if i < 0 {
				break
			}
			if part := strings.TrimSpace(rest[:i]); part != "" && !yield(part) {
				return
			}
			_, n := utf8.DecodeRuneInString(rest[i:])
			rest = rest[i+n:]
		}
		if part := strings.TrimSpace(rest); part != "" {
			yield(part)
		}
	}
}

// countUnits count things; a clause that only names them and their number continues the
// build verb of the clause before (新增县域医疗卫生次中心1家，社区医院3家).
func isCount(unit string) bool {
	switch strings.TrimLeft(unit, "万亿千") {
	case "个", "家", "张", "名", "人", "项", "台", "所", "支", "辆", "床", "套", "处", "座", "批", "种", "门", "期", "场次", "件", "间", "例", "份":
		return true
	}
	return false
}

// clauseTargets appends the targets of one clause to out. built says whether the clause
// before, in the same sentence, promised a count with a build verb; the second result says it
// of this one.
func clauseTargets(out []Target, clause string, year int, built bool) ([]Target, bool) {
	prevEnd, prevCmp, prevSubject := -1, noCompare, ""
	consumed := 0 // the end of what the last value read
	prevFromAfter, builtHere := false, false
	for start, end := nextNumber(clause, 0); start >= 0; start, end = nextNumber(clause, end) {
		// A subject is at most 40 characters: reading further back would make a long clause
		// of many numbers quadratic.
		before, after := tailOf(clause[:start], 240), clause[end:]
		if start < consumed {
			continue // the upper end of a range (5—10项), read with its lower end
		}
		if skipNumber(before, after) {
			prevEnd = -1
			continue
		}
		valueText := clause[start:end]
		// A range: 5—10项.
		ranged := false
		if sep := rangePrefix(after); sep != "" {
			if n := numberAt(after, len(sep)); n > len(sep) {
				valueText += after[:n] // the dash and the upper end
				after = after[n:]
				ranged = true
			}
		}
		consumed = len(clause) - len(after)
		afterSpace := strings.TrimLeft(after, " ")
		unit := unitAt(afterSpace)
		rest := strings.TrimLeft(afterSpace[len(unit):], " ")
		post, postCmp := postfixAt(rest)
		tail := rest[len(post):]
		// A share of a population: 90%以上的县域达到…, 90%的基层医疗卫生机构能够提供儿科服务.
		share := (unit == "%" || unit == "％") && strings.HasPrefix(tail, "的")
		// 65岁以上老年人, 二级以上医院: a number describing a population.
		if post != "" && !share {
			next, _ := utf8.DecodeRuneInString(tail)
			if unicode.Is(unicode.Han, next) && !strings.HasPrefix(tail, "且") && !strings.HasPrefix(tail, "并") {
				prevEnd = -1
				continue
			}
		}
		if unit == "岁" && post == "" {
			prevEnd = -1
			continue // 满6岁, 3岁儿童: an age, not a target
		}
		trimmed := strings.TrimRight(before, " ")
		cmp, word := comparatorBefore(trimmed)
		subject := ""
		between := ""
		if prevEnd >= 0 && prevEnd <= start {
			between = clause[prevEnd:start]
		}
		switch {
		case share:
			cmp, subject = Equal, strings.TrimPrefix(tail, "的")
		case word != "":
			subject = strings.TrimSuffix(trimmed, word)
			if verb := buildVerbSuffix(subject); verb != "" {
				subject = strings.TrimSuffix(subject, verb) // 建设不少于20家社区记忆门诊
			}
		case between != "" && (joinedToPrevious(between) || prevFromAfter && (endsJoin(between) || strings.TrimSpace(between) == prevSubject)):
			cmp, subject = prevCmp, prevSubject // 分别增长10%和5%以上, 降至8分和11分以内
			if prevFromAfter {
				subject = "" // 61万名孕妇、73万名新生儿: each counts what follows it
			}
		case between != "" && strings.HasPrefix(between, "、") && isNoun(between[len("、"):]):
			cmp, subject = prevCmp, between[len("、"):] // 国家级项目不少于2项、省部级项目5—10项
		case unit != "" && isRatio(trimTail(trimmed)):
			cmp, subject = Equal, trimmed // 监督完成率、任务完结率100%
		case isAchieve(tail) && isCount(unit) || isAchieve(tail) && (unit == "%" || unit == "％"):
			cmp, subject = Equal, tail // 其中20%达省推荐（甲级）标准, 1800家达到国家基本标准
		default:
			if verb, at := buildVerbIn(trimmed); verb != "" {
				cmp = Equal
				subject = trimmed[at+len(verb):] // 建设家庭病床170张
				if strings.HasSuffix(subject, "、") {
					subject = "" // 推进卒中减残中心、5家卒中防控站: the count's object follows it
				} else if i := strings.LastIndex(subject, "、"); i >= 0 && strings.ContainsAny(subject[:i], "0123456789") {
					subject = subject[i+len("、"):] // 新增…5名、省级临床创新团队4个
				}
				if strings.HasSuffix(strings.TrimSpace(trimmed[:at]), "至少") || strings.HasSuffix(strings.TrimSpace(trimmed[:at]), "不少于") {
					cmp = AtLeast // 至少新增县域医疗卫生次中心1家
				}
				builtHere = true
			} else if strings.HasSuffix(trimmed, "等") && isCount(unit) && hasBuildVerb(trimmed) {
				cmp = Equal // 开展儿童医疗、…等10项行动
				builtHere = true
			} else if built && isCount(unit) && (isNoun(trimmed) || strings.TrimSpace(trimmed) == "") {
				cmp, subject = Equal, trimmed // …1家，社区医院3家; 建成9个…，12个…
				builtHere = true
			} else if post != "" {
				cmp = Equal
				subject = trimmed
			}
		}
		if cmp == noCompare {
			prevEnd = -1
			continue
		}
		if ranged && cmp != Increase && cmp != Decrease {
			cmp = Equal // 5—10项: the range says it all
		}
		if postCmp != "" && cmp != Increase && cmp != Decrease {
			cmp = combine(cmp, postCmp)
		}
		subject = cleanSubject(subject)
		fromAfter := false
		if subject == "" {
			// 新建5个紧密型城市医疗集团: what is counted follows the number.
			subject, fromAfter = cleanSubject(objectAfter(tail)), true
		}
		if subject == "" {
			prevEnd = -1
			continue
		}
		if unit == "" {
			unit = impliedUnit(subject)
		}
		// A bare number is a target only where a comparator says so (不少于10): after 达到 or
		// 为 it is as often a name (5.10思廉日, “1平台+9应用”).
		if unit == "" && (cmp == Equal || fromAfter) {
			prevEnd = -1
			continue
		}
		v, _ := strconv.ParseFloat(narrow(fullStop.Replace(clause[start:end])), 64)
		out = append(out, Target{Subject: subject, Comparator: cmp, Value: v, ValueText: narrow(valueText),
			Unit: narrow(unit), Year: int32(year), Clause: clause})
		prevEnd = len(clause) - len(tail)
		prevCmp, prevSubject, prevFromAfter = cmp, subject, fromAfter
	}
	return out, builtHere
}

// nextNumber finds the first number (digits, ASCII or full-width, and a decimal part: 4.65,
// １．５) in s at or after from, as the regular expression [0-9０-９]+(?:[.．][0-9０-９]+)?
// would, without its machinery (issue 16: it read every clause with a digit, and allocated
// the list of matches); start is -1 when there is none.
func nextNumber(s string, from int) (start, end int) {
	for i := from; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' || c == 0xEF {
			if end := numberAt(s, i); end > i {
				return i, end
			}
		}
	}
	return -1, -1
}

// numberAt is the end of the number that begins at s[i], or i when none does.
func numberAt(s string, i int) int {
	end := digitsEnd(s, i)
	if end == i {
		return i
	}
	dot := 0
	switch {
	case end < len(s) && s[end] == '.':
		dot = 1
	case strings.HasPrefix(s[end:], "．"):
		dot = len("．")
	}
	if dot > 0 {
		if frac := digitsEnd(s, end+dot); frac > end+dot {
			return frac
		}
	}
	return end
}

// digitsEnd is the end of the run of digits (0–9, ０–９) that begins at s[i]; i when none does.
func digitsEnd(s string, i int) int {
	for i < len(s) {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			i++
		case c == 0xEF && i+2 < len(s) && s[i+1] == 0xBC && s[i+2] >= 0x90 && s[i+2] <= 0x99: // ０–９ are U+FF10–FF19
			i += 3
		default:
			return i
		}
	}
	return i
}

// tailOf is the end of s, at most n bytes, cut at a character boundary.
func tailOf(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

// isNoun reports whether s is a short name of a thing, without a verb that would make it a
// sentence of its own (社区医院, 省级临床创新团队).
func isNoun(s string) bool {
	s = strings.ReplaceAll(strings.TrimSpace(s), "建设项目", "项目")
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 16 || !containsHan(s) {
		return false
	}
	for _, v := range []string{"推进", "开展", "实施", "加强", "提供", "完成", "实现", "达到", "建设", "提升", "推动", "落实", "覆盖", "保持"} {
		if strings.Contains(s, v) {
			return false
		}
	}
	for _, v := range buildVerbs {
		if strings.HasPrefix(s, v) {
			return false
		}
	}
	return true
}

// isAchieve reports whether the text after a count says what the counted reach: 达到国家基本标准.
func isAchieve(tail string) bool {
	return strings.HasPrefix(tail, "达到") || strings.HasPrefix(tail, "达省") || strings.HasPrefix(tail, "达国家") || strings.HasPrefix(tail, "达市")
}

// rangeSep is the range dash before the end of before (5—10), or "".
func rangeSep(before string) string {
	for _, s := range []string{"—", "-", "~", "～", "－", "至", "到"} {
		if strings.HasSuffix(before, s) {
			return s
		}
	}
	return ""
}

func rangePrefix(after string) string {
	for _, s := range []string{"—", "-", "~", "～", "－"} {
		if strings.HasPrefix(after, s) {
			return s
		}
	}
	return ""
}

// skipNumber tells numbers that are not values: years and dates (2025年, 6月), document
// numbers (〔2025〕1号), ordinals (第3), levels (二级, 3A), versions (5G), ages in a range
// (0-6岁), and numbers inside Latin words or codes.
func skipNumber(before, after string) bool {
	last, _ := utf8.DecodeLastRuneInString(before)
	next, _ := utf8.DecodeRuneInString(after)
	switch {
	case last == '第' || last == '〔' || last == '[' || last == '【' || last == '.' || last == '．':
		return true
	case last < utf8.RuneSelf && unicode.IsLetter(last), next < utf8.RuneSelf && unicode.IsLetter(next):
		return true
	}
	a := strings.TrimLeft(after, " ")
	for _, p := range []string{"年", "月", "日", "号", "〕", "]", "】", "级", "时", "点", "届", "期间", "周岁", "版", "号文"} {
		if strings.HasPrefix(a, p) {
			return true
		}
	}
	if rangeSep(before) != "" {
		return false
	}
	return false
}

// unitAt returns the unit (with its multiplier) after.
func unitAt(after string) string {
	mult := ""
	for _, m := range []string{"万", "亿", "千"} {
		if strings.HasPrefix(after, m) {
			mult = m
			break
		}
	}
	rest := after[len(mult):]
	for _, u := range units {
		if strings.HasPrefix(rest, u) {
			return mult + u
		}
	}
	return mult
}

// postfixAt returns the qualifier after a value (以上, 以内, 左右 …) and what it means.
func postfixAt(rest string) (string, string) {
	for _, p := range []struct{ word, cmp string }{
		{"及以上", AtLeast}, {"以上", AtLeast}, {"以内", AtMost}, {"以下", AtMost}, {"左右", About}, {"上下", About},
	} {
		if strings.HasPrefix(rest, p.word) {
			return p.word, p.cmp
		}
	}
	return "", ""
}

// combine applies a postfix (以上, 以内, 左右) to the comparator before the number: 达到 65%以上
// is ≥, 控制在8%左右 is ≈.
func combine(cmp, post string) string {
	switch {
	case post == About:
		return About
	case cmp == Equal:
		return post
	}
	return cmp
}

// comparatorBefore finds a comparator word ending before, allowing a few modifiers between
// (均, 分别, 累计, 总数).
func comparatorBefore(before string) (cmp, word string) {
	core := before
	for _, mod := range []string{"均", "分别", "累计", "总数", "总量", "每年", "力争", "全部", "各"} {
		if mod == "均" && (strings.HasSuffix(core, "人均") || strings.HasSuffix(core, "年均") || strings.HasSuffix(core, "平均")) {
			continue // 人均不低于108元: 人均 is part of what is measured
		}
		core = strings.TrimSuffix(core, mod)
	}
	for _, c := range comparators {
		if strings.HasSuffix(core, c.word) {
			// 为 only as "为65%", not inside a word (作为, 成为 …).
			if c.word == "为" && (strings.HasSuffix(core, "作为") || strings.HasSuffix(core, "成为") || strings.HasSuffix(core, "认为") || strings.HasSuffix(core, "以为")) {
				return noCompare, ""
			}
			return c.cmp, before[len(core)-len(c.word):]
		}
	}
	return noCompare, ""
}

// hasBuildVerb reports whether s holds a build verb.
func hasBuildVerb(s string) bool {
	for _, v := range buildVerbs {
		if strings.Contains(s, v) {
			return true
		}
	}
	return false
}

// buildVerbSuffix returns the build verb s ends with, or "".
func buildVerbSuffix(s string) string {
	for _, v := range buildVerbs {
		if strings.HasSuffix(s, v) {
			return v
		}
	}
	return ""
}

// buildVerbIn finds the first build verb in s with a short object between it and the end of
// s (新增国家级临床重点专科建设项目: 新增, not 建设). 建设项目 is a noun, not a verb and its object.
func buildVerbIn(s string) (string, int) {
	best, at := "", -1
	for _, v := range buildVerbs {
		for off := 0; off < len(s); {
			i := strings.Index(s[off:], v)
			if i < 0 {
				break
			}
			i += off
			off = i + len(v)
			if v == "建设" && strings.HasPrefix(s[off:], "项目") {
				continue
			}
			if utf8.RuneCountInString(s[off:]) <= 16 && (at < 0 || i < at || i == at && len(v) > len(best)) {
				best, at = v, i
			}
			break
		}
	}
	return best, at
}

// joinedToPrevious reports whether the text between two numbers joins them as one list
// (和, 、, 或, 及): the second takes the first's comparator and subject.
func joinedToPrevious(between string) bool {
	b := strings.TrimSpace(between)
	return b == "和" || b == "、" || b == "或" || b == "及" || b == "与"
}

// trimTail removes the words a subject may end with before its number (均, 分别, 同比 …),
// cheaply: cleanSubject does it fully, once a target is found.
func trimTail(s string) string {
	for {
		t := s
		for _, w := range []string{"均", "分别", "同比", "要", "达", "继续", "保持", "稳定"} {
			t = strings.TrimSuffix(t, w)
		}
		if t == s {
			return s
		}
		s = t
	}
}

// isRatio reports whether a subject is a rate or a share, which a bare percentage after it
// sets: 任务完结率100%.
func isRatio(s string) bool {
	for _, suf := range []string{"率", "比例", "占比", "比重"} {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// endsJoin reports whether text ends with a list separator (孕妇、).
func endsJoin(text string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(text))
	return r == '、' || r == '和' || r == '及' || r == '与'
}

// objectAfter is what a count counts when it follows the number: 新建5个紧密型城市医疗集团.
func objectAfter(rest string) string {
	rest = strings.TrimPrefix(rest, "的")
	for _, sep := range []string{"并", "和", "与", "、", "及"} {
		if i := strings.Index(rest, sep); i > 0 && !strings.HasPrefix(rest[i:], "及以上") {
			rest = rest[:i]
		}
	}
	for _, v := range []string{"实施", "提供", "免费", "开展", "达到", "实现", "参加", "完成", "纳入", "全面", "取得", "能够"} {
		if i := strings.Index(rest, v); i > 0 {
			rest = rest[:i]
		}
	}
	end := len(rest)
	for i, r := range rest {
		if !unicode.Is(unicode.Han, r) && r != '（' && r != '）' && r != '(' && r != ')' && r != '“' && r != '”' {
			end = i
			break
		}
	}
	return rest[:end]
}

var (
	// yearLeadRE is a year a subject may begin with: 到2025年底, 2025年.
	yearLeadRE = regexp.MustCompile(`^(?:到|至|截至|在|于)?20[0-9]{2}\s*年(?:底|末|前|内)?`)
	// leadWords are words a subject may begin with that are not what is measured.
	leadWords = []string{"力争", "确保", "争取", "努力", "推动", "推进", "全市", "全省", "全区", "全县", "全国", "年内", "今年", "其中",
		"并", "且", "让", "将", "要", "进一步", "持续", "继续", "基本", "实现", "各地", "以上", "同时", "逐步", "稳步", "完成", "全面",
		"所有", "每年", "落实", "分别", "累计", "以及", "和", "及", "申报", "开展", "新增", "新建", "建成", "培育", "引进", "招聘", "创建",
		"打造", "为", "对"}
	// tailWords are words a subject may end with that are not what is measured.
	tailWords = []string{"分别", "要", "稳步", "逐步", "持续", "继续", "进一步", "同比", "较上年度", "较上年", "比上年", "力争", "的",
		"总数", "累计", "每年", "全部", "确保", "年均", "各", "再", "争取", "达", "建设", "保持"}
)

// yearLead reports whether s may begin with a year (yearLeadRE): its 20 is at the start or
// after one of the words before it (到, 截至 …: 3 or 6 bytes). The regular expression runs
// only then: cleanSubject tries it up to eight times per target (issue 16).
func yearLead(s string) bool {
	for _, at := range []int{0, 3, 6} {
		if len(s) >= at+2 && s[at:at+2] == "20" {
			return true
		}
	}
	return false
}

// trimLead removes one leading word that is not what is measured.
func trimLead(s string) string {
	if yearLead(s) {
		if loc := yearLeadRE.FindStringIndex(s); loc != nil {
			return s[loc[1]:]
		}
	}
	for _, w := range leadWords {
		if strings.HasPrefix(s, w) {
			return s[len(w):]
		}
	}
	return s
}

// cleanSubject trims a subject of the words around it that are not what is measured.
func cleanSubject(s string) string {
	s = strings.TrimSpace(s)
	// 多措并举将群众健康素养水平: what follows 将 is the subject.
	if i := strings.LastIndex(s, "将"); i >= 0 && i+len("将") < len(s) {
		s = s[i+len("将"):]
	}
	for i := 0; i < 8; i++ {
		t := strings.TrimSpace(trimLead(s))
		for _, w := range tailWords {
			if strings.HasSuffix(t, w) {
				t = strings.TrimSpace(strings.TrimSuffix(t, w))
				break
			}
		}
		if strings.HasSuffix(t, "均") && !strings.HasSuffix(t, "人均") && !strings.HasSuffix(t, "年均") && !strings.HasSuffix(t, "平均") {
			t = strings.TrimSuffix(t, "均") // 同比均下降10%
		}
		t = strings.Trim(t, "、 ")
		if strings.HasPrefix(t, "“") && strings.HasSuffix(t, "”") && strings.Count(t, "“") == 1 {
			t = strings.TrimSuffix(strings.TrimPrefix(t, "“"), "”")
		}
		if t == s {
			break
		}
		s = t
	}
	if r := []rune(s); len(r) > 40 {
		s = string(r[len(r)-40:])
	}
	if utf8.RuneCountInString(s) < 2 || !containsHan(s) {
		return ""
	}
	return s
}

func containsHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// impliedUnit is the unit of a count written without one: 每千人口托位数稳定在4.65左右 counts
// 个; a ratio or an index (… 率, 指数) has none to tell.
func impliedUnit(subject string) string {
	for _, u := range []struct{ suffix, unit string }{
		{"医师数", "名"}, {"医生数", "名"}, {"护士数", "名"}, {"人员数", "名"}, {"人才数", "名"}, {"药师数", "名"},
		{"床位数", "张"}, {"病床数", "张"}, {"托位数", "个"}, {"数", "个"},
	} {
		if strings.HasSuffix(subject, u.suffix) {
			return u.unit
		}
	}
	return ""
}
