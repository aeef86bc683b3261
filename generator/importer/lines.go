package importer

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/planportal/planportal/generator/content"
)

// line is one non-empty line of the decoded text, trimmed, with its 1-based line number.
type line struct {
	no   int
	text string
}

func splitLines(s string) []line {
	var out []line
	for i, l := range strings.Split(s, "\n") {
		l = strings.TrimFunc(l, unicode.IsSpace)
		if l != "" {
			out = append(out, line{i + 1, l})
		}
	}
	return out
}

var (
	// Page chrome of disclosure sites: breadcrumbs, share and print links, comment forms.
	breadcrumbRE = regexp.MustCompile(`^(?:当前位置|您的位置|您现在的位置|你的位置|你现在的位置|您当前的位置|所在位置|当前的位置)\s*[：:]|首页\s*[>＞»›/]`)
	chromeRE     = regexp.MustCompile(`扫一扫|发表评论|取消回复|打印本页|打印此页|关闭窗口|关闭本页|【\s*打印\s*】|【\s*关闭\s*】|收藏本页|加入收藏|保存本页|分享到|字体[：:]?\s*[【\[]?\s*大|字号[：:]?\s*[【\[]?\s*大|【\s*大\s*中\s*小\s*】|上一篇|下一篇|网站地图|版权所有|ICP备|网站标识码|公网安备|浏览次数|阅读次数|访问次数|点击数[：:]|我要纠错|返回顶部|视力保护色|责任编辑[：:]|发表您的评论|评论内容|验证码|提交评论|相关链接|【\s*字体|^\s*(?:打印|关闭|返回|分享|评论)\s*$`)
	// Page-break fragments left by PDF extraction: — 3 —, - 3 -, 第 3 页 共 9 页, 3/9, lone numbers.
	pageRE = regexp.MustCompile(`^(?:[-—–－―‒_~·•\s]*[0-9０-９]{1,3}[-—–－―‒_~·•\s]*|第\s*[0-9]+\s*页\s*[,，/／]?\s*(?:共\s*[0-9]+\s*页)?|共\s*[0-9]+\s*页\s*[,，/／]?\s*第\s*[0-9]+\s*页|[0-9]{1,3}\s*[/／]\s*[0-9]{1,3}|(?i:page)\s*[0-9]+(?:\s*(?:of|/)\s*[0-9]+)?)$`)
	// Disclosure metadata: 索引号: … 成文日期: … on the lines above a scraped document.
	metaKeys  = metaLabels()
	metaKeyRE = regexp.MustCompile(`(` + metaKeys + `)\s*[：:]`)
	metaLine  = regexp.MustCompile(`^(?:` + metaKeys + `)\s*[：:]`)
)

// otherLabels are labels of a disclosure page's metadata block that no front matter field
// takes; their lines are metadata all the same, removed from the text.
var otherLabels = []string{"公开时限", "公开范围", "信息来源", "来源", "主题分类", "体裁分类", "组配分类", "服务对象分类",
	"生效日期", "废止日期", "关键词", "时效", "生成日期", "更新时间", "作者"}

// metaLabels is the regexp alternation of every metadata label: the front matter fields'
// (content.Field.Labels) and the others, longest first.
func metaLabels() string {
	var all []string
	for _, f := range content.Fields() {
		all = append(all, f.Labels...)
	}
	all = append(all, otherLabels...)
	slices.SortFunc(all, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	all = slices.Compact(all)
	for i, l := range all {
		all[i] = regexp.QuoteMeta(l)
	}
	return strings.Join(all, "|")
}

// isChrome reports whether a line is page chrome of a disclosure site.
func isChrome(s string) bool {
	if breadcrumbRE.MatchString(s) {
		return true
	}
	return runeLen(s) <= 40 && chromeRE.MatchString(s)
}

func isPageFragment(s string) bool { return pageRE.MatchString(s) }

// parseMetaLine splits a metadata line (索引号: 002564395/2025-00051 成文日期: 2025-03-24)
// into its keys and values; ok is false when the line is not one.
func parseMetaLine(s string, head bool) (kv map[string]string, ok bool) {
	locs := metaKeyRE.FindAllStringSubmatchIndex(s, -1)
	if len(locs) == 0 || locs[0][0] != 0 {
		return nil, false
	}
	// Outside the head a single key: value is text (来源：… in a sentence), not metadata.
	if !head && len(locs) < 2 {
		return nil, false
	}
	if len(locs) == 1 && runeLen(s) > 80 {
		return nil, false
	}
	kv = map[string]string{}
	for i, loc := range locs {
		end := len(s)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		key := s[loc[2]:loc[3]]
		val := strings.TrimFunc(s[loc[1]:end], unicode.IsSpace)
		if _, dup := kv[key]; !dup {
			kv[key] = val
		}
	}
	return kv, true
}

// breadcrumbLeaf returns the last element of a breadcrumb line (计划总结 in
// "当前位置:首页 > 信息公开 > 规划计划 > 计划总结").
func breadcrumbLeaf(s string) string {
	f := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(">＞»›/", r) })
	if len(f) == 0 {
		return ""
	}
	return strings.TrimFunc(f[len(f)-1], unicode.IsSpace)
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// isWide reports whether r is a Han character or full-width punctuation, between which a
// line break joins without a space.
func isWide(r rune) bool {
	if unicode.Is(unicode.Han, r) {
		return true
	}
	switch {
	case r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF, r >= 0x2010 && r <= 0x2027:
		return true
	}
	return false
}
