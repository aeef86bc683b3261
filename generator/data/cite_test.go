package data

import (
	"testing"
	"time"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
	"github.com/planportal/planportal/generator/site"
)

// TestItemCitationForms: an item's and a document's GB/T 7714 reference in each of its forms,
// written out by hand: a document of an agency with its 文号, an item of it, a report (佚名,
// with its source), and a document without a date or an agency.
func TestItemCitationForms(t *testing.T) {
	s := &site.Site{Config: &config.Config{BaseURL: "https://wjw.example.gov.cn/"}}
	pub := content.Date{Time: time.Date(2025, 3, 7, 0, 0, 0, 0, time.UTC)}
	plan := &content.Document{URL: "/plans/haian-2025/", Meta: content.Meta{Title: "2025年卫生健康工作要点", Agency: "海安市卫生健康委员会",
		DocNumber: "海卫发〔2025〕3号", Published: pub, Nature: content.NatureOriginal}}
	report := &content.Document{URL: "/plans/report/", Meta: content.Meta{Title: "某市部署今年卫生健康工作", Agency: "某市卫健委",
		Published: pub, Nature: content.NatureReport, SourceName: "某市日报"}}
	bare := &content.Document{URL: "/plans/bare/", Meta: content.Meta{Title: "无日期的文件"}}
	item := &content.Item{Number: "12", Anchor: "s2-i12"}
	for _, c := range []struct {
		d      *content.Document
		anchor string
		it     *content.Item
		want   string
	}{
		{plan, "", nil, "海安市卫生健康委员会. 2025年卫生健康工作要点: 海卫发〔2025〕3号[EB/OL]. (2025-03-07)[引用日期]. https://wjw.example.gov.cn/plans/haian-2025/."},
		{plan, "s2-i12", item, "海安市卫生健康委员会. 2025年卫生健康工作要点: 第12条[EB/OL]. (2025-03-07)[引用日期]. https://wjw.example.gov.cn/plans/haian-2025/#s2-i12."},
		{report, "s2-i12", item, "佚名. 某市部署今年卫生健康工作: 第12条[EB/OL]//某市日报. (2025-03-07)[引用日期]. https://wjw.example.gov.cn/plans/report/#s2-i12."},
		{report, "", nil, "佚名. 某市部署今年卫生健康工作[EB/OL]//某市日报. (2025-03-07)[引用日期]. https://wjw.example.gov.cn/plans/report/."},
		{bare, "", nil, "无日期的文件[EB/OL]. [引用日期]. https://wjw.example.gov.cn/plans/bare/."},
	} {
		if got := ItemCitation(s, c.d, c.anchor, c.it); got != c.want {
			t.Errorf("ItemCitation(%s, %q):\n got %s\nwant %s", c.d.URL, c.anchor, got, c.want)
		}
	}
}
