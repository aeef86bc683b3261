package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// runInLocale runs planportal as a process of its own (the test binary as the CLI) with only
// LANG set among the locale variables, as an officer's terminal has it.
func runInLocale(t *testing.T, lang string, args ...string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	for _, e := range os.Environ() {
		if k, _, _ := strings.Cut(e, "="); k != "LC_ALL" && k != "LC_MESSAGES" && k != "LANG" && k != "PLANPORTAL_AS_CLI" {
			cmd.Env = append(cmd.Env, e)
		}
	}
	cmd.Env = append(cmd.Env, "PLANPORTAL_AS_CLI=1", "LANG="+lang)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatalf("planportal %s: %v", strings.Join(args, " "), err)
		}
	}
	return out.String()
}

// officerSession is what an officer meets on bad input: a directory named x.md in content/, a
// document nested too deep, an import of a text that states
// neither title nor agency, check and build of a document with a bad date, values of the
// wrong type, unknown themes (in front matter and in a {themes: …} directive), a misplaced
// directive, an unknown key and an enum value not allowed; check of a site whose
// config.toml is wrong; new with a bad name, then a good one. It returns all the output.
func officerSession(t *testing.T, lang string) string {
	site := newSite(t)
	plans := filepath.Join(site, "content", "plans")
	write := func(path, text string) string {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	write(filepath.Join(plans, "bad.md"), `+++
title = 2025
published = "2025-02-30"
written = true
themes = ["no-such-theme"]
validity = "maybe"
colour = "red"
+++

{themes: +children}

## 一、总体要求 {themes: +no-such-theme}

1. 落实责任。{themes: }
`)
	// a link in content/ (where the system lets a test make one), and a document nested too
	// deep to parse
	outside := write(filepath.Join(t.TempDir(), "outside.md"), "+++\n+++\n")
	if err := os.Symlink(outside, filepath.Join(plans, "link.md")); err != nil {
		t.Logf("no symbolic link: %v", err)
	}
	write(filepath.Join(plans, "deep.md"), "+++\ntitle = \"深\"\nagency = \"甲\"\npublished = \"2025-01-02\"\n+++\n\n"+strings.Repeat("> ", 40)+"引用\n")
	text := write(filepath.Join(t.TempDir(), "notice.txt"), "一、总体要求\n\n1.落实责任。\n\n3.加强监管。\n\n附件2\n\n")
	badCfg := t.TempDir()
	write(filepath.Join(badCfg, "config.toml"), "title = \"\"\nbase_url = \"example.org\"\ncolour = \"red\"\n[[themes]]\nslug = \"TCM\"\n")
	var b strings.Builder
	for _, args := range [][]string{
		{"import", "--out", plans, text},
		{"check", "--source", site},
		{"build", "--source", site, "--dest", filepath.Join(t.TempDir(), "public"), "--no-index"},
		{"check", "--source", badCfg},
		{"check", "--source", filepath.Join(t.TempDir(), "nowhere")},
		{"new", "--source", site, "plans/Bad_Name"},
		{"new", "--source", site, "nosection/x"},
		{"new", "--source", site, "plans/fresh"},
		{"import", "--out", plans, filepath.Join(t.TempDir(), "old.doc")},
	} {
		b.WriteString(runInLocale(t, lang, args...))
	}
	return b.String()
}

var (
	// allowedASCII is what officer-facing Chinese output may hold in ASCII: quoted values the
	// officer wrote, paths, URLs, flags, commands, front matter keys and TOML syntax.
	allowedASCII = regexp.MustCompile(`"[^"]*"|\S*[/\\]\S*|\S+\.(?:md|txt|toml|docx|doc|pdf)\b|https?://\S+|--?[a-z][a-z-]*|planportal [a-z]+|Ctrl-C|\{themes:[^}]*\}|\[\[?[a-z]+\]\]?|iconv[^）)]*|[a-z0-9-]+(?:, [a-z0-9-]+)+`)
	// englishRE is an English phrase: two words of letters in a row.
	englishRE = regexp.MustCompile(`\b[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}\b`)
)

// englishIn returns the lines of out that hold an English phrase outside what allowedASCII
// allows.
func englishIn(out string) []string {
	var bad []string
	for _, l := range strings.Split(out, "\n") {
		if englishRE.MatchString(allowedASCII.ReplaceAllString(l, " ")) {
			bad = append(bad, l)
		}
	}
	return bad
}

func TestEnglishDetector(t *testing.T) {
	for _, tc := range []struct {
		line    string
		english bool
	}{
		{`content/plans/bad.md:3: 发布日期: "2025-02-30" 不是有效日期（2 月没有 30 日）`, false},
		{`content/plans/bad.md:2: title: want a string, got an integer`, true},
		{`原文中没有找到发布机构；请写发布机构, the full name of the publishing agency`, true},
		{`未知的主题 "x"（可用的主题：reform, children；见 config.toml [[themes]]）`, false},
		{`dev：正在预览 site，地址 http://127.0.0.1:1313/ （按 Ctrl-C 停止）`, false},
		{`planportal new: unknown section "x"`, true},
		{`cfg/config.toml:2: base_url: "example.org" 不是完整的 http(s) 网址`, false},
	} {
		if got := len(englishIn(tc.line)) > 0; got != tc.english {
			t.Errorf("englishIn(%q) = %v, want %v", tc.line, got, tc.english)
		}
	}
}

// TestOfficerOutputInChinese: under a Chinese locale (and with no locale at all) nothing an
// officer reads on bad input is in English; under LANG=en_US.UTF-8 it is.
func TestOfficerOutputInChinese(t *testing.T) {
	zh := officerSession(t, "zh_CN.UTF-8")
	for _, want := range []string{
		`"2025-02-30" 不是有效日期（2 月没有 30 日）`, "应为字符串（用英文双引号括起），却是整数", "应为日期（YYYY-MM-DD），却是布尔值",
		`未知的主题 "no-such-theme"（可用的主题：`, "未知的键，已忽略", `"maybe" 不是有效的有效性（应为 有效、失效、已修改 之一）`,
		"{themes: } 里没有主题", "应写在一条、一段或一个章节标题的末尾", "缺少此项（应写发布机构全称）",
		"缺少       标题、发布机构、发布日期", "请写发布机构全称", "条目序号从 1 跳到 3",
		"base_url: \"example.org\" 不是完整的 http(s) 网址", "colour: 未知的配置项", `"TCM" 不是合格的 slug`, "警告：content/plans/bad.md:7: colour: 未知的键，已忽略", "检查未通过：配置文件有问题",
		"找不到站点配置文件", "不是 ASCII 名称", `未知的栏目 "nosection"`, "已创建", "构建失败", "旧版 Word .doc", "嵌套超过 32 层",
	} {
		if !strings.Contains(zh, want) {
			t.Errorf("Chinese output lacks %q", want)
		}
	}
	if runtime.GOOS != "windows" && !strings.Contains(zh, "link.md: 是符号链接") {
		t.Error("Chinese output lacks link.md: 是符号链接")
	}
	for _, l := range englishIn(zh) {
		t.Errorf("English under a Chinese locale: %s", l)
	}
	if t.Failed() {
		t.Logf("output:\n%s", zh)
	}

	en := officerSession(t, "en_US.UTF-8")
	for _, want := range []string{
		`"2025-02-30" is not a real date (month 2 has no day 30)`, "want a string, got an integer", "unknown key, ignored",
		"missing (want 发布机构, the full name of the publishing agency)", "item numbers jump from 1 to 3",
		"colour: unknown key", "check failed: the config has problems", "no config file", `unknown section "nosection"`,
		"created ", "build failed", "an old Word .doc file", "nested deeper than 32 levels",
	} {
		if !strings.Contains(en, want) {
			t.Errorf("English output lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("English output:\n%s", en)
	}
}
