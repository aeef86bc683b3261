package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
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
	for _, k := range []string{"发布机构", "发文机关", "发文单位", "所属机构"} {
		set("agency", meta[k], k)
	}
	for _, k := range []string{"发布日期", "发布时间", "公开日期"} {
		set("published", isoDate(meta[k]), k)
	}
	set("written", isoDate(meta["成文日期"]), "成文日期")
	for _, k := range []string{"文件编号", "发文字号", "文号"} {
		if m := docNoRE.FindString(meta[k]); m != "" {
			set("doc_number", strings.Join(strings.Fields(m), ""), k)
		}
	}
	if v := strings.Fields(meta["索引号"]); len(v) > 0 {
		set("index_number", v[0], "索引号")
	}
	if v := meta["公开方式"]; v == "主动公开" || v == "依申请公开" || v == "不予公开" {
		set("disclosure", v, "公开方式")
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
	var b strings.Builder
	b.WriteString("+++\n")
	for _, f := range fields {
		v, ok := vals[f.key]
		switch {
		case ok && f.key == "agency" && abbrevRE.MatchString(v):
			fmt.Fprintf(&b, "# TODO: agency: the text gives %q, which looks abbreviated; write the agency's full name (发布机构全称)\n", v)
			fm.doubts = append(fm.doubts, fmt.Sprintf("agency %q looks abbreviated", v))
			fallthrough
		case ok:
			fmt.Fprintf(&b, "%s = %s\n", f.key, tomlString(v))
			if f.key != "source" {
				fm.found = append(fm.found, Field{f.key, v, from[f.key]})
			}
		case f.required:
			fm.missing = append(fm.missing, f.key)
			fmt.Fprintf(&b, "# TODO: %s: %s not found in the text; %s\n", f.key, f.what, f.todo)
			ph := "TODO"
			if f.key == "published" {
				ph = opt.Today
				if ph == "" {
					ph = time.Now().Format("2006-01-02")
				}
			}
			fmt.Fprintf(&b, "%s = %s\n", f.key, tomlString(ph))
		case f.key == "draft":
			if len(fm.missing) > 0 || len(fm.doubts) > 0 {
				b.WriteString("draft = true  # TODO: remove once the TODO fields above are filled in\n")
			} else {
				b.WriteString("# draft = false\n")
			}
		default:
			b.WriteString(f.commented + "\n")
		}
	}
	b.WriteString("+++\n")
	fm.toml = b.String()
	return fm
}

// fields are the front matter fields in the order docs/CONTENT.md lists them.
var fields = []struct {
	key       string
	required  bool
	what      string
	todo      string
	commented string
}{
	{key: "title", required: true, what: "the title", todo: "write the document's title"},
	{key: "agency", required: true, what: "发布机构", todo: "write the full name of the publishing agency"},
	{key: "published", required: true, what: "发布日期", todo: "today's date stands in for it"},
	{key: "written", commented: `# written = ""           # 成文日期, YYYY-MM-DD`},
	{key: "province", commented: `# province = ""          # 省份, e.g. 江苏省`},
	{key: "region", commented: `# region = ""            # 地区, e.g. 海安市`},
	{key: "doc_number", commented: `# doc_number = ""        # 文号, e.g. 海卫健发〔2025〕1号`},
	{key: "index_number", commented: `# index_number = ""      # 索引号`},
	{key: "category", commented: `# category = ""          # 体裁: 工作要点, 通知, 会议报道, 规划计划 …`},
	{key: "themes", commented: `# themes = []            # theme slugs from config.toml [[themes]]`},
	{key: "disclosure", commented: `# disclosure = "主动公开"  # 公开方式`},
	{key: "validity", commented: `# validity = "有效"        # 有效性: 有效, 失效 or 已修改`},
	{key: "source", commented: `# source = ""            # the original URL or file`},
	{key: "summary", commented: `# summary = ""           # 内容概述, at most 100 characters; derived from the text when absent`},
	{key: "draft"},
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
