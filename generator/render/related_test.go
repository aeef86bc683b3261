package render_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/internal/sitetest"
)

// relatedItems carry five themes, two items each.
const relatedItems = `
1. 加强儿科建设。
2. 提升儿科服务。
3. 发展老年医学。
4. 推进老年照护。
5. 传承中医药。
6. 推广中医适宜技术。
7. 发展托育服务。
8. 扩大托育供给。
9. 加强精神卫生。
10. 完善精神卫生服务。
`

// Two plans that share five themes: both have relatedItems.
const relatedSite = `-- config.toml --
title = "测试"
base_url = "https://example.gov.cn/"
[[themes]]
slug = "children"
name = "儿科"
keywords = ["儿科"]
[[themes]]
slug = "elderly"
name = "老年"
keywords = ["老年"]
[[themes]]
slug = "tcm"
name = "中医"
keywords = ["中医"]
[[themes]]
slug = "childcare"
name = "托育"
keywords = ["托育"]
[[themes]]
slug = "mental"
name = "精神"
keywords = ["精神卫生"]
-- content/plans/a.md --
+++
title = "甲市2025年工作要点"
agency = "甲市卫生健康委员会"
region = "甲市"
published = "2025-03-01"
+++
` + relatedItems + `-- content/plans/b.md --
+++
title = "乙市2025年工作要点"
agency = "乙市卫生健康委员会"
region = "乙市"
published = "2025-04-01"
+++
` + relatedItems

// A related plan names at most three of the themes it shares, the heaviest first as the
// site lists them, and how many it shares in all.
func TestRelatedSharedThemes(t *testing.T) {
	cfg, s := loadSite(t, sitetest.Write(t, relatedSite))
	pages := readPages(t, renderSite(t, cfg, s, themeDir))
	b := s.Documents[0]
	if b.Slug != "b" {
		b = s.Documents[1]
	}
	rel := s.LinksOf(b).Related()
	if len(rel) != 1 || len(rel[0].Shared) != 5 {
		t.Fatalf("b's related plans %+v: want a, sharing the 5 themes", rel)
	}
	names := map[string]string{}
	for _, th := range cfg.Themes {
		names[th.Slug] = th.Name
	}
	var first []string
	for _, slug := range rel[0].Shared[:3] {
		first = append(first, names[slug])
	}
	want := "共同主题：" + strings.Join(first, "、") + "等5个"
	m := regexp.MustCompile(`<span class="?shared"?>(.*?)</span>`).FindStringSubmatch(pages["plans/b/index.html"])
	if m == nil || m[1] != want {
		t.Errorf("b's related plan says %v, want %q", m, want)
	}
}
