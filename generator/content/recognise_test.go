package content

import (
	"testing"
	"unicode/utf8"
)

// TestRecognise is the recogniser's specification: a trimmed line of a plan → the marker it
// starts with. Every row is checked by hand against how 工作要点 number their parts.
func TestRecognise(t *testing.T) {
	const (
		sec  = SectionMarker
		sub  = SubsectionMarker
		item = ItemMarker
	)
	type want struct {
		kind           MarkerKind
		text, number   string
		value          int
		paren, heading bool
	}
	cases := []struct {
		line string
		want *want // nil: no marker
	}{
		// Sections: 一、 第一章 行动一.
		{"一、总体要求", &want{sec, "一、", "一", 1, false, true}},
		{"十二、其他事项", &want{sec, "十二、", "十二", 12, false, true}},
		{"二十三、附则", &want{sec, "二十三、", "二十三", 23, false, true}},
		{"第一章 总则", &want{sec, "第一章", "一", 1, false, true}},
		{"第三部分 重点任务", &want{sec, "第三部分", "三", 3, false, true}},
		{"第二节", &want{sec, "第二节", "二", 2, false, true}},
		{"行动一：托育服务扩容行动", &want{sec, "行动一：", "一", 1, false, true}},
		{"行动十 健康促进行动", &want{sec, "行动十", "十", 10, false, true}},
		{"行动二", &want{sec, "行动二", "二", 2, false, true}},
		{"行动派", nil},
		{"行动方案", nil},
		{"第1章", nil},
		{"第三部门参与社会办医", nil},
		{"第二分院开诊", nil},
		{"一是加强领导", nil},
		// A section number at the start of a paragraph is not a heading.
		{"一、加强领导。各单位要把卫生健康工作摆上重要议事日程。", &want{sec, "一、", "一", 1, false, false}},
		{"一、总体要求。", &want{sec, "一、", "一", 1, false, true}},
		{"一、强化组织领导；压实各方责任", &want{sec, "一、", "一", 1, false, false}},
		{"一、坚持以人民健康为中心，深入推进健康中国建设，全面深化医药卫生体制改革，推动卫生健康事业高质量发展", &want{sec, "一、", "一", 1, false, false}},
		// Sub-sections: （一） (一), with Chinese numerals only.
		{"（一）加强领导", &want{sub, "（一）", "一", 1, true, true}},
		{"(三)完善机制", &want{sub, "(三)", "三", 3, true, true}},
		{"（十一）其他", &want{sub, "（十一）", "十一", 11, true, true}},
		{"（一）加强领导。成立工作专班。", &want{sub, "（一）", "一", 1, true, false}},
		// Items: 1. 1、 1． and （1） (1), ASCII or full-width digits.
		{"（1）建立制度", &want{item, "（1）", "1", 1, true, false}},
		{"(12)推进项目", &want{item, "(12)", "12", 12, true, false}},
		{"（１）全角", &want{item, "（１）", "１", 1, true, false}},
		{"1.推进分级诊疗", &want{item, "1.", "1", 1, false, false}},
		{"1. 推进分级诊疗", &want{item, "1.", "1", 1, false, false}},
		{"12、加强队伍建设", &want{item, "12、", "12", 12, false, false}},
		{"3．全面推进", &want{item, "3．", "3", 3, false, false}},
		{"１２．全角数字", &want{item, "１２．", "１２", 12, false, false}},
		{"０７、全角", &want{item, "０７、", "０７", 7, false, false}},
		{"1.", &want{item, "1.", "1", 1, false, false}},
		{"100.第一百项", &want{item, "100.", "100", 100, false, false}},
		// 、 always ends a marker, even before a digit.
		{"1、5G网络覆盖全部乡镇卫生院", &want{item, "1、", "1", 1, false, false}},
		// A dot before a digit is a decimal point.
		{"2.5亿元用于基层医疗机构建设", nil},
		{"１．５万人次", nil},
		{"1.5", nil},
		// Not markers.
		{"1234.四位数", nil},
		{"2025年全市卫生健康工作要点", nil},
		{"（a）其他", nil},
		{"附件1：重点任务清单", nil},
		{"", nil},
	}
	for _, c := range cases {
		m, ok := Recognise(c.line)
		if c.want == nil {
			if ok {
				t.Errorf("Recognise(%q) = %+v, want no marker", c.line, m)
			}
			continue
		}
		w := c.want
		got := want{m.Kind, m.Text, m.Number, m.Value, m.Parenthesised, m.Heading}
		if !ok || got != *w {
			t.Errorf("Recognise(%q) = %+v, %v\nwant %+v", c.line, got, ok, *w)
		}
	}
}

func TestMarkerLevel(t *testing.T) {
	for line, level := range map[string]int{"一、总体要求": 1, "第二章": 1, "行动三：": 1, "（四）": 2, "5.": 0, "（6）": 0} {
		if m, _ := Recognise(line); m.Level() != level {
			t.Errorf("Recognise(%q).Level() = %d, want %d", line, m.Level(), level)
		}
	}
}

// TestNumbersWithoutAllocating: an item's or a section's number is read from its digits as
// written, ASCII or full-width, without a copy or a table made per call (every item of every
// plan is read through them).
func TestNumbersWithoutAllocating(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
	}{{"1", 1}, {"012", 12}, {"１２", 12}, {"１2３", 123}, {"999", 999}, {"", 0}, {"1a", 0}} {
		if got := arabicValue(tt.in); got != tt.want {
			t.Errorf("arabicValue(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { arabicValue("１２") }); n != 0 {
		t.Errorf("arabicValue allocates %v times a call, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() { ChineseNumber("一百二十三") }); n != 0 {
		t.Errorf("ChineseNumber allocates %v times a call, want 0", n)
	}
}

// TestMarkerStart: Recognise looks at a line with its expressions only when it begins with a
// character of markerStart, so every character a match of theirs can begin with must be in
// it: each character of the Basic Multilingual Plane, followed by what ends a marker of each
// kind, is matched by none of them unless markerStart has it.
func TestMarkerStart(t *testing.T) {
	ends := []string{"", "、", ".", "．", "．a", ". ", "）", ")", "1）", "１)", "一）", "(一)", "、x", "：", " ", "章", "节", "部分", "一、", "1、", "12.", "一章", "三部分"}
	for r := rune(0); r <= 0xFFFF; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		for _, e := range ends {
			line := string(r) + e
			if (itemRE.MatchString(line) || sectionRE.MatchString(line) || subsectionRE.MatchString(line)) && !markerStart.Has(r) {
				t.Errorf("%q is a marker, but markerStart does not have %q", line, r)
			}
		}
	}
}
