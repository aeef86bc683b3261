package site

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
)

// placePinyin reads the place names whose characters have another reading alone (重 zhong,
// 长 zhang, 厦 sha): go-pinyin reads character by character.
var placePinyin = map[string]string{
	"重庆": "chongqing", "长沙": "changsha", "长春": "changchun", "长治": "changzhi",
	"长宁": "changning", "长兴": "changxing", "长乐": "changle", "长白": "changbai",
	"长丰": "changfeng", "长汀": "changting", "长垣": "changyuan", "长安": "changan",
	"厦门": "xiamen", "蚌埠": "bengbu", "六安": "luan", "亳州": "bozhou", "乐山": "leshan",
	"乐清": "yueqing", "番禺": "panyu", "解放": "jiefang", "大理": "dali", "莘县": "shenxian",
	"单县": "shanxian", "东阿": "donge", "铅山": "yanshan", "台州": "taizhou", "尉氏": "yushi",
	"陕西": "shaanxi", // the official spelling, apart from 山西 shanxi
}

var pinyinArgs = func() pinyin.Args {
	a := pinyin.NewArgs()
	a.Fallback = func(r rune, _ pinyin.Args) []string { return nil }
	return a
}()

// slugified remembers Slugify's results: a site has a few hundred names, asked for on every
// build (and on every rebuild of a live preview).
var slugified sync.Map

// Slugify turns a Chinese name into a stable ASCII URL slug: its pinyin without tones
// (海安市 → haianshi), Latin letters and digits kept, lower-cased.
func Slugify(name string) string {
	if s, ok := slugified.Load(name); ok {
		return s.(string)
	}
	s := slugify(name)
	slugified.Store(name, s)
	return s
}

func slugify(name string) string {
	var b strings.Builder
	dash := false
	for i := 0; i < len(name); {
		if p, n := placeAt(name[i:]); n > 0 {
			b.WriteString(p)
			i += n
			dash = false
			continue
		}
		r, n := utf8.DecodeRuneInString(name[i:])
		i += n
		switch {
		case unicode.Is(unicode.Han, r):
			if py := pinyin.LazyPinyin(string(r), pinyinArgs); len(py) > 0 {
				b.WriteString(py[0])
				dash = false
			}
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
			dash = false
		default:
			if b.Len() > 0 && !dash {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.Trim(b.String(), "-")
}

func placeAt(s string) (string, int) {
	for k, v := range placePinyin {
		if strings.HasPrefix(s, k) {
			return v, len(k)
		}
	}
	return "", 0
}

// slugs assigns each name its slug: the configured override, else its pinyin. Names whose
// slugs collide (or that have none, being all punctuation) get a short hash of the name
// appended, all but the first in name order, so a slug never changes when others are added
// unless they collide with it.
func slugs(names []string, overrides map[string]string) map[string]string {
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	out := map[string]string{}
	taken := map[string]bool{}
	for _, n := range sorted {
		s, ok := overrides[n]
		if !ok {
			s = Slugify(n)
		}
		if s == "" || taken[s] {
			sum := sha256.Sum256([]byte(n))
			s = strings.TrimPrefix(s+"-"+hex.EncodeToString(sum[:3]), "-")
		}
		taken[s] = true
		out[n] = s
	}
	return out
}
