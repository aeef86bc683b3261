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

// chromePattern is one kind of page chrome, with a line of a real page it removes (the
// tests hold each pattern to its example).
type chromePattern struct {
	re      *regexp.Regexp
	example string // as a real page has it
	page    string // where the example is from
	long    bool   // chrome at any length (a breadcrumb); others only in lines of 40 characters or less
}

// chrome are the patterns of disclosure sites' page chrome: breadcrumbs, skip links, font
// and accessibility switches, share and print links, comment forms. Short lines only, except
// a breadcrumb; see isChrome.
var chrome = []chromePattern{
	{regexp.MustCompile(`^(?:当前位置|您的位置|您现在的位置|你的位置|你现在的位置|您当前的位置|所在位置|当前的位置)\s*[：:]`),
		"当前位置: 首页", "http://wjw.huzhou.gov.cn/art/2023/5/4/art_1229210319_58898184.html", true},
	{regexp.MustCompile(`首[页頁]\s*[>＞»›/]`), "首頁>要聞 要聞", "http://mkcnfr.com/c/2017-01-24/1307778.shtml", false},
	{regexp.MustCompile(`^[>＞»›]\s*\p{Han}`), ">政务频道 >政务公开 >本局文件", "http://wjw.huzhou.gov.cn/art/2023/5/4/art_1229210319_58898184.html", false},
	{regexp.MustCompile(`^\p{Han}{2,6}\s*[：:]\s*\p{Han}{1,8}(?:\s*[>＞»›]\s*\p{Han}{1,8})+$`), "法令目錄:通用 > 組織", "https://www.president.gov.tw/Page/284/1492", false},
	{regexp.MustCompile(`跳[到至转轉]\S{0,2}主要[内內]容`), "跳到主要內容區塊", "https://dounan.yunlin.gov.tw/News_Content.aspx?n=6213&s=419096", false},
	{regexp.MustCompile(`^:::$`), ":::", "https://www.president.gov.tw/Page/284/1492", false},
	{regexp.MustCompile(`您的[浏瀏][览覽]器`), "您的瀏覽器不支援JavaScript功能,若網頁功能無法正常使用時,請開啟瀏覽器JavaScript狀態 跳到主要內容",
		"https://www.laws.taipei.gov.tw/Law/LawSearch/LawHistory?lawId=A040150021002800-20140318", true},
	{regexp.MustCompile(`快速回到[页頁]首`), "快速回到頁首按鈕", "https://www.laws.taipei.gov.tw/Law/LawSearch/LawHistory?lawId=A040150021002800-20140318", false},
	{regexp.MustCompile(`^(?:适老版|適老版|无障碍|無障礙|长者模式|关怀版|關懷版)(?:\s*[|｜/]?\s*(?:适老版|無障礙|无障碍|关怀版|English|繁体|繁體|简体))*$`),
		"适老版", "issue 14: an officer's paste of a provincial disclosure page", false},
	{regexp.MustCompile(`字[体号體號]\s*[：:]?\s*[【\[]?\s*大`), "字体:[大 中 小]", "issue 14: an officer's paste of a provincial disclosure page", false},
	{regexp.MustCompile(`^政策解[读讀]$|^(?:图解|圖解|解读|解讀)[：:]`), "政策解读", "issue 14: an officer's paste of a provincial disclosure page", false},
	{regexp.MustCompile(`(?:浏览|瀏覽|阅读|閱讀|访问|訪問)次数\s*[：:]?\s*[0-9]*$|点击数[：:]`), "浏览次数:", "https://wsjkw.zj.gov.cn/art/2023/4/25/art_1229123468_5105599.html", false},
	{regexp.MustCompile(`扫一扫|发表评论|取消回复|打印本页|打印此页|关闭窗口|关闭本页|【\s*打印\s*】|【\s*关闭\s*】|收藏本页|加入收藏|保存本页|分享到|【\s*大\s*中\s*小\s*】|上一篇|下一篇|网站地图|版权所有|ICP备|网站标识码|公网安备|我要纠错|返回顶部|视力保护色|责任编辑[：:]|发表您的评论|评论内容|验证码|提交评论|相关链接|【\s*字体|^\s*(?:打印|关闭|返回|分享|评论)\s*$`),
		"【字体：大 中 小】 【打印本页】 【关闭窗口】", "testdata/web-page.txt (a disclosure page pasted by an officer)", false},
}

var (
	breadcrumbRE = chrome[0].re
	// Page-break fragments left by PDF extraction: — 3 —, - 3 -, 第 3 页 共 9 页, 3/9, lone numbers.
	pageRE = regexp.MustCompile(`^(?:[-—–－―‒_~·•\s]*[0-9０-９]{1,3}[-—–－―‒_~·•\s]*|第\s*[0-9]+\s*页\s*[,，/／]?\s*(?:共\s*[0-9]+\s*页)?|共\s*[0-9]+\s*页\s*[,，/／]?\s*第\s*[0-9]+\s*页|[0-9]{1,3}\s*[/／]\s*[0-9]{1,3}|(?i:page)\s*[0-9]+(?:\s*(?:of|/)\s*[0-9]+)?)$`)
	// Disclosure metadata: 索引号: … 成文日期: … on the lines above a scraped document. Labels
	// match in a copy of the line with traditional characters simplified (NormalizeLabel),
	// with white space between their characters (索 引 号, 文  号), after white space or at
	// the start of the line.
	metaKeyRE = regexp.MustCompile(`(?:^|\s)(` + metaLabels() + `)\s*[：:]`)
	// bulletRE is the bullet of a list item (• 时间:…, · 发布机构:…).
	bulletRE = regexp.MustCompile(`^[•·▪●◆■◇○]\s*`)
	// columnRE is a line at the top of a page naming the column (计划总结, 法令內容).
	columnRE = regexp.MustCompile(`^\p{Han}{2,8}$`)
)

// otherLabels are labels of a disclosure page's metadata block that no front matter field
// takes; their lines are metadata all the same, removed from the text.
var otherLabels = []string{"公开时限", "公开范围", "主题分类", "服务对象分类", "主题词",
	"生效日期", "废止日期", "失效日期", "关键词", "生成日期", "更新时间", "作者", "内容", "浏览次数", "访问次数", "字号"}

// metaLabels is the regexp alternation of every metadata label: the front matter fields'
// (content.Field.Labels and Hints) and the others, longest first, white space allowed
// between the characters.
func metaLabels() string {
	var all []string
	for _, f := range content.Fields() {
		all = append(all, f.Labels...)
		all = append(all, f.Hints...)
	}
	all = append(all, otherLabels...)
	slices.SortFunc(all, func(a, b string) int {
		if n, m := utf8.RuneCountInString(a), utf8.RuneCountInString(b); n != m {
			return m - n
		}
		return strings.Compare(a, b)
	})
	all = slices.Compact(all)
	for i, l := range all {
		var q []string
		for _, r := range l {
			q = append(q, regexp.QuoteMeta(string(r)))
		}
		all[i] = strings.Join(q, `[ \t　]*`)
	}
	return strings.Join(all, "|")
}

// isChrome reports whether a line is page chrome of a disclosure site.
func isChrome(s string) bool {
	short := runeLen(s) <= 40
	for _, c := range chrome {
		if (short || c.long) && c.re.MatchString(s) {
			return true
		}
	}
	return false
}

func isPageFragment(s string) bool { return pageRE.MatchString(s) }

// tidyLine removes what a web page's layout adds around a line of text: a list bullet
// (• 时间:…) and the borders of a table (索引号: | 0025… | 组配分类: | 规划计划 |), whose cells
// become separated by spaces when the line is metadata.
func tidyLine(s string) string {
	s = bulletRE.ReplaceAllString(s, "")
	s = strings.TrimSpace(strings.Trim(s, "|｜ \t"))
	if strings.ContainsAny(s, "|｜") && metaStart(s) {
		s = strings.Join(strings.Fields(strings.NewReplacer("|", " ", "｜", " ").Replace(s)), " ")
	}
	return s
}

// normalizeLabels simplifies the traditional characters of labels in s, keeping every byte
// offset (content.SimplifyLabelRune keeps a character's length).
func normalizeLabels(s string) string {
	return strings.Map(content.SimplifyLabelRune, s)
}

func metaStart(s string) bool {
	loc := metaKeyRE.FindStringIndex(normalizeLabels(s))
	return loc != nil && loc[0] == 0
}

// parseMetaLine splits a metadata line (索引号: 002564395/2025-00051 成文日期: 2025-03-24)
// into its labels (as the registry writes them) and values; ok is false when the line is not
// one. A label without a value (文号: 成文日期: …) has "": it never takes the next label.
func parseMetaLine(s string, head bool) (kv map[string]string, ok bool) {
	locs := metaKeyRE.FindAllStringSubmatchIndex(normalizeLabels(s), -1)
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
		key := content.NormalizeLabel(s[loc[2]:loc[3]])
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

// isBreadcrumb reports whether a line is a breadcrumb (当前位置: 首页 > …, >政务频道 >…): the
// first patterns of chrome. Column names above one are chrome too.
func isBreadcrumb(s string) bool {
	for _, c := range chrome[:4] {
		if c.re.MatchString(s) {
			return true
		}
	}
	return false
}
