package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/planportal/planportal/generator/content"
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
	unitRE      = regexp.MustCompile(`\p{Han}+?(?:特别行政区|自治区|自治州|自治县|地区|省|市|区|县|州|旗|盟)`)
	agencyTail  = regexp.MustCompile(`(?:卫生健康|卫健|卫生和计划生育|卫生计生|卫生|人民政府|政府|疾病预防控制|医疗保障|中医药|办公室|办公厅).*$`)
	titleUnitRE = regexp.MustCompile(`^[0-9]{4}\s*年(?:度)?\s*(\p{Han}{1,8}?(?:市|区|县|州|旗))`)
	abbrevRE    = regexp.MustCompile(`^(?:市|区|县|省|本|我)|卫生健康委$|卫健委$`)
)

// isoDate reads a date (2025-03-24, 2025年3月4日, 2025/3/4) at the start of s as YYYY-MM-DD.
func isoDate(s string) string {
	m := anyDateRE.FindStringSubmatch(s)
	if m == nil {
		return ""
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

	inBody := false
	for i, p := range paras {
		if p.kind == kSec1 || p.kind == kItem {
			inBody = true
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
	if a := vals["agency"]; a != "" {
		prefix := agencyTail.ReplaceAllString(a, "")
		if units := unitRE.FindAllString(prefix, -1); len(units) > 0 && !abbrevRE.MatchString(a) {
			set("region", units[len(units)-1], "agency")
		}
	}
	if m := titleUnitRE.FindStringSubmatch(title); m != nil && !strings.HasPrefix(m[1], "全") && !strings.HasPrefix(m[1], "本") {
		set("region", m[1], "title")
	}
	switch {
	case strings.Contains(title, "工作要点"):
		set("category", "工作要点", "title")
	case strings.HasSuffix(title, "通知"):
		set("category", "通知", "title")
	case strings.HasSuffix(title, "规划") || strings.HasSuffix(title, "计划") || strings.HasSuffix(title, "方案"):
		set("category", "规划计划", "title")
	}
	set("source", opt.Source, "")

	var fm frontMatter
	todo := map[string]string{}
	for _, f := range content.Fields() {
		v, ok := vals[f.Key]
		switch {
		case ok && f.Key == "agency" && abbrevRE.MatchString(v):
			todo[f.Key] = fmt.Sprintf("the text gives %q, which looks abbreviated; write the agency's full name (发布机构全称)", v)
			fm.doubts = append(fm.doubts, fmt.Sprintf("agency %q looks abbreviated", v))
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
			todo[f.Key] = f.Label + " not found in the text; write " + f.Want()
			if f.Kind == content.KindDate {
				todo[f.Key] = f.Label + " not found in the text; today's date stands in for it"
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
