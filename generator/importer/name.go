package importer

import (
	"path/filepath"
	"regexp"
	"strings"

	"github.com/planportal/planportal/generator/site"
)

// DocName derives a document name from a file name: the pinyin of the place it starts with
// (湖州市2025年卫生健康工作要点.txt → huzhou-2025), then its ASCII letters and digits, lower
// case, runs of other characters as -, e.g. "Rugao 2025.txt" → rugao-2025; a name with none
// of these becomes import.
func DocName(file string) string {
	base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	var b strings.Builder
	if m := leadPlaceRE.FindString(base); m != "" {
		if units := placeUnits(m); len(units) > 0 {
			b.WriteString(placeSlug(units[len(units)-1]))
		}
	}
	dash := false
	for _, r := range strings.ToLower(base) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "import"
	}
	return b.String()
}

// placeSuffixRE is the administrative suffix a file name leaves out (湖州市 → huzhou).
var placeSuffixRE = regexp.MustCompile(`(?:特别行政区|自治区|自治州|自治县|地区|省|市|区|县|州|旗|盟)$`)

// Name is the file name the import suggests for the document: the pinyin of its region (or
// province) and its year, huzhou-2025 for 2025年湖州市卫生健康工作要点; "" when the text
// states no place. The year is the one the title starts with, else the year of 发布日期 or
// 成文日期, else one the title names. A one-character place keeps its suffix (乙县 → yixian).
func (r *Result) Name() string {
	found := map[string]string{}
	for _, f := range r.Report.Found {
		found[f.Key] = f.Value
	}
	place := found["region"]
	if place == "" {
		place = found["province"]
	}
	name := placeSlug(place)
	if name == "" {
		return ""
	}
	year := ""
	if m := yearInTitleRE.FindStringSubmatchIndex(found["title"]); m != nil && m[0] == 0 {
		year = found["title"][m[2]:m[3]]
	}
	for _, k := range []string{"published", "written"} {
		if v := found[k]; year == "" && len(v) >= 4 {
			year = v[:4]
		}
	}
	if m := yearInTitleRE.FindStringSubmatch(found["title"]); year == "" && m != nil {
		year = m[1]
	}
	if year != "" {
		name += "-" + year
	}
	return name
}

// leadPlaceRE is the place a file name starts with (湖州市 in 湖州市2025年卫生健康工作要点).
var leadPlaceRE = regexp.MustCompile(`^\p{Han}{2,12}`)

// placeSlug is a place's name in a file name: its pinyin without the administrative suffix,
// which a one-character place keeps (湖州市 → huzhou, 乙县 → yixian); "" for none.
func placeSlug(place string) string {
	if p := placeSuffixRE.ReplaceAllString(place, ""); runeLen(p) >= 2 {
		place = p
	}
	if place == "" {
		return ""
	}
	return site.Slugify(place)
}

// yearInTitleRE is the year a title names (2025年…工作要点, …三年行动计划(2023—2025年)).
var yearInTitleRE = regexp.MustCompile(`((?:19|20)[0-9]{2})\s*年`)
