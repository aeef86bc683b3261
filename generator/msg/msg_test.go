package msg

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestLanguageFromLocale(t *testing.T) {
	for _, tc := range []struct {
		env     map[string]string
		english bool
	}{
		{map[string]string{}, false},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, false},
		{map[string]string{"LANG": "en_US.UTF-8"}, true},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, false}, // LC_ALL first
		{map[string]string{"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_GB"}, true},
		{map[string]string{"LANG": "C.UTF-8"}, false},
	} {
		if got := fromEnv(func(k string) string { return tc.env[k] }); got != tc.english {
			t.Errorf("%v: english = %v, want %v", tc.env, got, tc.english)
		}
	}
}

func TestDateMessage(t *testing.T) {
	defer SetEnglish(false)()
	if got, want := T("date.day", "2025-02-30", 2, 30), `"2025-02-30" 不是有效日期（2 月没有 30 日）`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	SetEnglish(true)
	if got := T("date.day", "2025-02-30", 2, 30); !strings.Contains(got, "month 2 has no day 30") {
		t.Errorf("English: %s", got)
	}
}

var verbRE = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

// TestCatalogue: both languages of a message take the same arguments, and every id the code
// asks for (msg.T("…") in generator/) is in the catalogue.
func TestCatalogue(t *testing.T) {
	for id, e := range catalogue {
		if a, b := verbRE.FindAllString(e.zh, -1), verbRE.FindAllString(e.en, -1); strings.Join(a, " ") != strings.Join(b, " ") {
			t.Errorf("%s: Chinese verbs %v, English %v", id, a, b)
		}
	}
	use := regexp.MustCompile(`msg\.T\("([^"]+)"`)
	n := 0
	_ = filepath.WalkDir("..", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || filepath.Base(filepath.Dir(p)) == "msg" {
			return nil
		}
		b, _ := os.ReadFile(p)
		for _, m := range use.FindAllStringSubmatch(string(b), -1) {
			n++
			if !Has(ID(m[1])) {
				t.Errorf("%s: msg.T(%q) is not in the catalogue", p, m[1])
			}
		}
		return nil
	})
	if n == 0 {
		t.Error("found no msg.T calls")
	}
}
