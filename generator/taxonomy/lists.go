package taxonomy

import (
	"strings"
	"unicode/utf8"
)

// span is the bytes [start, end) of a text.
type span struct{ start, end int }

// clauseEnds close a clause: a list of examples never reaches past one.
const clauseEnds = "，。；：！？,;:（）()\n"

// exampleLists returns, in order, the lists of examples in text: enumerations (X、Y、Z) that
// end in 等 and qualify something else ("中医、口腔、老年、慢性病等科室", "向儿科、精神卫生等
// 专业倾斜"), and those framed 以X、Y为重点. A word in such a list names an example, a
// department or a target group of the task, not its subject. An enumeration ending 等工作,
// 等行动, 等10项行动 lists tasks, and is not one.
func exampleLists(text string) []span {
	var out []span
	for a := 0; a < len(text); {
		b := strings.IndexAny(text[a:], clauseEnds)
		if b < 0 {
			b = len(text)
		} else {
			b += a
		}
		out = append(out, clauseLists(text, a, b)...)
		if b < len(text) {
			_, n := utf8.DecodeRuneInString(text[b:])
			b += n
		}
		a = b
	}
	return out
}

// clauseLists finds the lists of examples in the clause text[a:b].
func clauseLists(text string, a, b int) []span {
	clause := text[a:b]
	if !strings.Contains(clause, "、") {
		return nil
	}
	var out []span
	// A list begins after the 等 before it (中医、口腔等科室和儿科、产科等专业), which also
	// keeps the work linear in the clause's length.
	prev := 0
	for from := 0; from < len(clause); {
		e := strings.Index(clause[from:], "等")
		if e < 0 {
			break
		}
		e += from
		from = e + len("等")
		if !examplesEnd(clause[:e], clause[e+len("等"):]) {
			continue
		}
		if start, ok := listStart(clause[prev:e]); ok {
			out = append(out, span{a + prev + start, a + e})
		}
		prev = from
	}
	if i := strings.Index(clause, "以"); i >= 0 {
		if j := strings.Index(clause[i:], "为重点"); j > 0 && strings.Contains(clause[i:i+j], "、") {
			out = append(out, span{a + i, a + i + j})
		}
	}
	// Keep them in order and apart.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].start < out[j-1].start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
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
	// 等10项行动, 等十大惠民行动, 等工作: the list is the task.
	rest := strings.TrimLeft(after, "0123456789一二三四五六七八九十百几多项个大件类方面各")
	for _, task := range []string{"工作", "行动", "任务", "工程", "措施", "举措", "活动", "惠民", "动态调整", "改革"} {
		if strings.HasPrefix(rest, task) {
			return false
		}
	}
	return true
}

// listStart returns where the enumeration ending at the end of s begins: its first item is
// taken to be no longer than its longest other item and two characters (the verb before it:
// 加快中医、口腔…).
func listStart(s string) (int, bool) {
	items := strings.Split(s, "、")
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
	return start, true
}
