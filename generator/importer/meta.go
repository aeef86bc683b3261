package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/msg"
)

// frontMatter is the TOML front matter of an import and what went into it.
type frontMatter struct {
	toml    string
	found   []Field
	missing []string
	doubts  []string
}

var (
	anyDateRE   = regexp.MustCompile(`([0-9]{4})\s*[-年/.]\s*([0-9]{1,2})\s*[-月/.]\s*([0-9]{1,2})`)
	agencyTail  = regexp.MustCompile(`(?:卫生健康|卫健|卫生和计划生育|卫生计生|卫生|人民政府|政府|疾病预防控制|医疗保障|中医药|办公室|办公厅).*$`)
	titleUnitRE = regexp.MustCompile(`^[0-9]{4}\s*年(?:度)?\s*(\p{Han}{1,8}?(?:市|区|县|州|旗))`)
	abbrevRE    = regexp.MustCompile(`^(?:市|区|县|省|本|我)|^\p{Han}{0,3}卫健委$`)
	// minguoRE is a date of the Minguo calendar as Taiwan's pages write it (112-06-08,
	// 114年01月21日): year 1 is 1912.
	minguoRE = regexp.MustCompile(`^(?:民國|民国)?\s*([0-9]{2,3})\s*[-年/.]\s*([0-9]{1,2})\s*[-月/.]\s*([0-9]{1,2})`)
	// placeRE is the place name that ends just before an abbreviated agency in the text
	// (浙江 in 浙江省卫生健康委关于…): the Han characters that start the text or follow white
	// space or punctuation (not a year: 2023年浙江 is no place).
	placeRE = regexp.MustCompile(`(?:^|[^\p{Han}0-9])(\p{Han}{1,6})$`)
)

// unitEnds are the characters that end the name of a place (浙江省, 湖州市, 金坛区, 凉山州).
const unitEnds = "省市区县州旗盟"

// placeUnits splits the place names off the start of an agency's name: 常州市金坛区 →
// 常州市, 金坛区; 湖州市 is one place, not 湖州 and 市.
func placeUnits(s string) []string {
	rs := []rune(s)
	var out []string
	start := 0
	for i := start + 1; i < len(rs); i++ {
		if !strings.ContainsRune(unitEnds, rs[i]) || (i+1 < len(rs) && strings.ContainsRune("市区县", rs[i+1])) {
			continue
		}
		out = append(out, string(rs[start:i+1]))
		start = i + 1
		i = start // the loop's i++ makes a place at least two characters
	}
	return out
}

// provinces are the province-level divisions, for the 省份 a text names.
var provinces = []string{"北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省",
	"江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省",
	"四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省", "内蒙古自治区", "广西壮族自治区",
	"西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区"}

// provinceIn returns the one province s names, or "" for none or several.
func provinceIn(s string) string {
	found := ""
	for _, p := range provinces {
		if strings.Contains(s, p) {
			if found != "" {
				return ""
			}
			found = p
		}
	}
	return found
}

// completeAgency completes an abbreviated agency (省卫生健康委) from the text where the
// document names it in full (浙江省卫生健康委关于印发…), or returns "".
func completeAgency(a string, texts []string) string {
	if !abbrevRE.MatchString(a) || strings.HasPrefix(a, "本") || strings.HasPrefix(a, "我") {
		return ""
	}
	for _, t := range texts {
		for i := strings.Index(t, a); i >= 0; {
			if m := placeRE.FindStringSubmatch(t[:i]); m != nil {
				return m[1] + a
			}
			j := strings.Index(t[i+len(a):], a)
			if j < 0 {
				break
			}
			i += len(a) + j
		}
	}
	return ""
}

// isoDate reads a date (2025-03-24, 2025年3月4日, 2025/3/4) at the start of s as YYYY-MM-DD.
func isoDate(s string) string {
	m := anyDateRE.FindStringSubmatch(s)
	if m == nil {
		if m = minguoRE.FindStringSubmatch(strings.TrimSpace(s)); m == nil {
			return ""
		}
		y, _ := strconv.Atoi(m[1])
		m[1] = strconv.Itoa(y + 1911)
	}
	mo, _ := strconv.Atoi(m[2])
	day, _ := strconv.Atoi(m[3])
	d := fmt.Sprintf("%s-%02d-%02d", m[1], mo, day)
	if _, err := time.Parse("2006-01-02", d); err != nil {
		return ""
	}
	return d
}

// detectMeta fills the front matter from the metadata block and the text: the letterhead
// (海安市卫生健康委员会文件, 文号), the signature (agency, then date) and the 版记 (…印发).
func detectMeta(paras []*para, meta map[string]string, title string, opt Options) frontMatter {
	vals := map[string]string{}
	from := map[string]string{}
	set := func(k, v, src string) {
		if v != "" && vals[k] == "" {
			vals[k], from[k] = v, src
		}
	}
	set("title", title, "title line")
	for _, f := range content.Fields() {
		for _, label := range f.Labels {
			set(f.Key, labelled(f, meta[label]), label)
		}
	}
	var front []string // the text before the body: headline, cover notice, letterhead

	inBody := false
	for i, p := range paras {
		if p.kind == kSec1 || p.kind == kItem {
			inBody = true
		}
		if !inBody {
			front = append(front, p.text)
		}
		switch p.kind {
		case kRedHeader:
			set("agency", redHeaderRE.FindStringSubmatch(p.text)[1], "letterhead")
		case kDocNo:
			if !inBody {
				set("doc_number", strings.Join(strings.Fields(docNoRE.FindString(p.text)), ""), "letterhead")
			}
		case kOrg:
			if i+1 < len(paras) && paras[i+1].kind == kDate {
				set("agency", p.text, "signature")
				set("written", isoDate(paras[i+1].text), "signature date")
			}
		case kVersion:
			if m := printedRE.FindStringSubmatch(p.text); m != nil {
				set("published", isoDate(m[0]), "印发日期")
			}
		}
	}
	// Labels that only hint (信息来源: 省卫生健康委) come after the letterhead and signature.
	for _, f := range content.Fields() {
		for _, label := range f.Hints {
			set(f.Key, labelled(f, meta[label]), label)
		}
	}
	if a := vals["agency"]; a != "" {
		if full := completeAgency(a, append([]string{title}, front...)); full != "" {
			vals["agency"], from["agency"] = full, from["agency"]+", completed from the text"
		}
	}
	if a := vals["agency"]; a != "" {
		prefix := agencyTail.ReplaceAllString(a, "")
		if units := placeUnits(prefix); len(units) > 0 && !abbrevRE.MatchString(a) {
			set("region", units[len(units)-1], "agency")
		}
	}
	if m := titleUnitRE.FindStringSubmatchIndex(title); m != nil && !strings.HasPrefix(title[m[2]:], "全") && !strings.HasPrefix(title[m[2]:], "本") {
		end := m[3]
		if r, n := utf8.DecodeRuneInString(title[end:]); strings.ContainsRune(unitEnds, r) && r != '州' {
			end += n // 湖州 + 市
		}
		set("region", title[m[2]:end], "title")
	}
	for _, t := range [][]string{{vals["agency"]}, {title}, front} {
		if p := provinceIn(strings.Join(t, "\n")); p != "" {
			set("province", p, "text")
			break
		}
	}
	plain := rangeEndRE.ReplaceAllString(title, "")
	switch {
	case strings.Contains(title, "工作要点"):
		set("category", "工作要点", "title")
	case strings.HasSuffix(title, "通知"):
		set("category", "通知", "title")
	case strings.HasSuffix(plain, "规划") || strings.HasSuffix(plain, "计划") || strings.HasSuffix(plain, "方案"):
		set("category", "规划计划", "title")
	}
	set("source", opt.Source, "")

	var fm frontMatter
	todo := map[string]string{}
	for _, f := range content.Fields() {
		v, ok := vals[f.Key]
		switch {
		case ok && f.Key == "agency" && abbrevRE.MatchString(v):
			todo[f.Key] = msg.T("import.todo.abbreviated", v)
			fm.doubts = append(fm.doubts, msg.T("import.abbreviated", v))
			fallthrough
		case ok:
			if f.Key != "source" {
				fm.found = append(fm.found, Field{f.Key, v, from[f.Key]})
			}
		case f.Required:
			fm.missing = append(fm.missing, f.Key)
			today := opt.Today
			if today == "" {
				today = time.Now().Format("2006-01-02")
			}
			vals[f.Key] = f.Placeholder(today)
			todo[f.Key] = msg.T("import.todo.missing", f.Label, f.Want())
			if f.Kind == content.KindDate {
				todo[f.Key] = msg.T("import.todo.date", f.Label)
			}
		}
	}
	fm.toml = content.FrontMatter(func(f *content.Field) content.Entry {
		if f.Key == "draft" {
			if len(fm.missing) > 0 || len(fm.doubts) > 0 {
				return content.Entry{Value: "true", Set: true, Comment: "TODO: remove once the TODO fields above are filled in"}
			}
			return content.Entry{Value: "false"}
		}
		v, ok := vals[f.Key]
		return content.Entry{Value: v, Set: ok, Todo: todo[f.Key]}
	})
	return fm
}

// cleaners read the fields whose value a disclosure page's metadata block embeds in more
// text (发文字号：海卫健发〔2025〕1号 签发人：…) or gives in words planportal does not take.
var cleaners = map[string]func(string) string{
	"doc_number": func(s string) string { return strings.Join(strings.Fields(docNoRE.FindString(s)), "") },
	"index_number": func(s string) string {
		if v := strings.Fields(s); len(v) > 0 {
			return v[0]
		}
		return ""
	},
	"disclosure": func(s string) string {
		if s == "主动公开" || s == "依申请公开" || s == "不予公开" {
			return s
		}
		return ""
	},
}

// labelled reads field f's value from the text a disclosure page gives under one of its
// labels: a date as YYYY-MM-DD, an enum's value only if allowed; "" when there is none.
func labelled(f *content.Field, s string) string {
	if c := cleaners[f.Key]; c != nil {
		return c(s)
	}
	switch f.Kind {
	case content.KindDate:
		return isoDate(s)
	case content.KindEnum:
		if slices.Contains(f.Values, s) {
			return s
		}
	case content.KindString:
		return strings.TrimSpace(s)
	}
	return ""
}
