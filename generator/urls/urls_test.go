package urls

import (
	"net/url"
	"testing"
)

func TestURLs(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Doc("content/plans/haian-2025.md"), "/plans/haian-2025/"},
		{Doc("content/notices/2025/x.md"), "/notices/2025/x/"},
		{Doc("content/about.md"), "/about/"},
		{Section("plans"), "/plans/"},
		{Theme("children"), "/themes/children/"},
		{ThemeTable("children"), "/themes/children/files/"},
		{Sorted(ThemeTable("children"), "written-asc"), "/themes/children/files/sort/written-asc/"},
		{Agency("haianshi"), "/agencies/haianshi/"},
		{Region("haianshi"), "/regions/haianshi/"},
		{Year("2025"), "/years/2025/"},
		{Page("/themes/children/", 1), "/themes/children/"},
		{Page("/themes/children/", 12), "/themes/children/page/12/"},
		{Feed("/"), "/feed.xml"},
		{Feed(Theme("children")), "/themes/children/feed.xml"},
		{Passage("/plans/x/", "s1-i6"), "/plans/x/#s1-i6"},
		{SearchWith(url.Values{"q": {"儿科"}, "theme": {"children"}}), "/search/?q=%E5%84%BF%E7%A7%91&theme=children"},
		{File("/"), "index.html"},
		{File("/plans/x/"), "plans/x/index.html"},
		{File("/themes/children/page/2/"), "themes/children/page/2/index.html"},
		{File("/feed.xml"), "feed.xml"},
		{File("/404.html"), "404.html"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if !IsFeed("themes/x/feed.xml") || IsFeed("feed.xml.bak") {
		t.Error("IsFeed")
	}
}

func TestTextFragment(t *testing.T) {
	for _, c := range []struct{ u, prefix, text, suffix, want string }{
		{"/plans/a/#s1-i26", "", "家庭医生签约", "", "/plans/a/#s1-i26:~:text=%E5%AE%B6%E5%BA%AD%E5%8C%BB%E7%94%9F%E7%AD%BE%E7%BA%A6"},
		{"/plans/a/", "", "AI", "", "/plans/a/#:~:text=AI"},
		{"/plans/a/#p1", "", "a-b,c&d e", "", "/plans/a/#p1:~:text=a%2Db%2Cc%26d%20e"},
		{"/plans/a/#p1", "", "", "", "/plans/a/#p1"},
		// Context names the occurrence: prefix-, and ,-suffix, each escaped alike.
		{"/plans/a/#p1", "推进", "签约", "服务", "/plans/a/#p1:~:text=%E6%8E%A8%E8%BF%9B-,%E7%AD%BE%E7%BA%A6,-%E6%9C%8D%E5%8A%A1"},
		{"/plans/a/#p1", "x-y", "AI", "", "/plans/a/#p1:~:text=x%2Dy-,AI"},
		{"/plans/a/#p1", "", "AI", "1,2", "/plans/a/#p1:~:text=AI,-1%2C2"},
	} {
		if got := TextFragment(c.u, c.prefix, c.text, c.suffix); got != c.want {
			t.Errorf("TextFragment(%q, %q, %q, %q) = %q, want %q", c.u, c.prefix, c.text, c.suffix, got, c.want)
		}
	}
}
