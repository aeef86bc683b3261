package search

import (
	"slices"
	"strings"
	"sync"

	"github.com/mozillazg/go-pinyin"
)

// Pinyin: people type toneless pinyin when the input method is off, or when they only heard a
// term (erke, jiating yisheng, jiatingyisheng). The readings of characters come from go-pinyin's
// dictionary (every reading of a character with several: 行 xing and hang); the index decides
// which Han terms a reading may stand for (package engine), so a pinyin query never expands to
// a homophone that occurs nowhere.

// The readings are go-pinyin's dictionary's with their tones taken off as its Normal style takes
// them off (ā, á, ǎ, à as a; ü and its toned forms as v; ń, ň, ǹ as n; ḿ as m), but without its
// regular expressions: through go-pinyin, reading the dictionary's 41,000 characters for their
// syllables, and a replica's vocabulary for its readings, took 130 ms of the replica's start.
// TestReadingsAreGoPinyins checks every character of the dictionary against go-pinyin.

// tonelessLetter maps each tone-marked letter of the dictionary to its letter without the tone.
var tonelessLetter = map[rune]string{
	'ā': "a", 'á': "a", 'ǎ': "a", 'à': "a",
	'ē': "e", 'é': "e", 'ě': "e", 'è': "e",
	'ō': "o", 'ó': "o", 'ǒ': "o", 'ò': "o",
	'ī': "i", 'í': "i", 'ǐ': "i", 'ì': "i",
	'ū': "u", 'ú': "u", 'ǔ': "u", 'ù': "u",
	'ü': "v", 'ǘ': "v", 'ǚ': "v", 'ǜ': "v",
	'ń': "n", 'ň': "n", 'ǹ': "n", 'ḿ': "m",
}

// toneless takes the tones off one syllable of the dictionary.
func toneless(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if l, ok := tonelessLetter[r]; ok {
			b.WriteString(l)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Readings returns the toneless pinyin readings of a Han character (ü written v, as on a
// keyboard: 绿 lv), in the dictionary's order (the usual one first), or none. It is safe for
// concurrent use.
func Readings(r rune) []string {
	value, ok := pinyin.PinyinDict[int(r)]
	if !ok {
		return nil
	}
	var out []string
	for _, syl := range strings.Split(value, ",") {
		if syl = toneless(syl); !slices.Contains(out, syl) {
			out = append(out, syl)
		}
	}
	return out
}

// pinyinSyllables are the toneless syllables of the dictionary's readings (420), what
// SplitPinyin splits into: the readings with a vowel (嗯 n, ng, hm would split xian into xia
// n). They are listed rather than gathered from the dictionary's 41,000 characters at the first
// pinyin query, which took 20 ms; TestSyllablesAreTheDictionarys checks the list against the
// dictionary.
const pinyinSyllables = "" +
	"a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bong " +
	"bu ca cai can cang cao ce cei cen ceng cha chai chan chang chao che chen cheng chi chong " +
	"chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai " +
	"dan dang dao de dei den deng di dia dian diao die din ding diu dong dou du duan dui dun " +
	"duo e ei en eng er fa fan fang fei fen feng fiao fo fou fu ga gai gan gang gao ge gei " +
	"gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng " +
	"hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong " +
	"jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang " +
	"kui kun kuo la lai lan lang lao le lei len leng li lia lian liang liao lie lin ling liu " +
	"lo long lou lu luan lun luo lv lve ma mai man mang mao me mei men meng mi mian miao mie " +
	"min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nia nian niang niao nie " +
	"nin ning niu nong nou nu nuan nun nuo nv nve o ou pa pai pan pang pao pei pen peng pi " +
	"pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan " +
	"que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao " +
	"se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan " +
	"shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te tei teng ti " +
	"tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wong wu " +
	"xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin " +
	"ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang " +
	"zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi " +
	"zong zou zu zuan zui zun zuo"

var syllables struct {
	once    sync.Once
	set     map[string]bool
	longest int
}

func loadSyllables() {
	t := &syllables
	t.set = map[string]bool{}
	for _, s := range strings.Fields(pinyinSyllables) {
		t.set[s] = true
		t.longest = max(t.longest, len(s))
	}
}

// maxSplits bounds how many ways SplitPinyin splits one string (xian: xian or xi an).
const maxSplits = 16

// SplitPinyin returns the ways a string of letters reads as toneless pinyin syllables, fewest
// syllables first (jiating: jia ting, ji a ting …); none when it is not pinyin. Letters only,
// lower case (a normalised term).
func SplitPinyin(s string) [][]string {
	if s == "" || len(s) > MaxQueryLen {
		return nil
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return nil
		}
	}
	syllables.once.Do(loadSyllables)
	t := &syllables
	// ok[i]: s[i:] splits into syllables.
	ok := make([]bool, len(s)+1)
	ok[len(s)] = true
	for i := len(s) - 1; i >= 0; i-- {
		for j := i + 1; j <= min(len(s), i+t.longest); j++ {
			if ok[j] && t.set[s[i:j]] {
				ok[i] = true
				break
			}
		}
	}
	if !ok[0] {
		return nil
	}
	var out [][]string
	var walk func(i int, acc []string)
	walk = func(i int, acc []string) {
		if len(out) >= maxSplits {
			return
		}
		if i == len(s) {
			out = append(out, append([]string(nil), acc...))
			return
		}
		for j := min(len(s), i+t.longest); j > i; j-- { // longest syllable first
			if ok[j] && t.set[s[i:j]] {
				walk(j, append(acc, s[i:j]))
			}
		}
	}
	walk(0, nil)
	sortByLen(out)
	return out
}

func sortByLen(ss [][]string) {
	for i := 1; i < len(ss); i++ {
		for j := i; j > 0 && len(ss[j]) < len(ss[j-1]); j-- {
			ss[j], ss[j-1] = ss[j-1], ss[j]
		}
	}
}

// PinyinOf reads a Han term as toneless pinyin, one reading per character (the first), joined
// without spaces: 儿科 → erke. Characters without a reading are kept as they are.
func PinyinOf(term string) string {
	var b strings.Builder
	for _, r := range term {
		if rs := Readings(r); len(rs) > 0 {
			b.WriteString(rs[0])
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// PinyinMatch tells that a query term in pinyin was searched as a Han term of the index whose
// reading it is (按拼音 erke 搜索：儿科), and which other terms of the index read alike.
type PinyinMatch struct {
	Pinyin string   `json:"pinyin"`
	Term   string   `json:"term"`
	Others []string `json:"others,omitempty"`
}

// Suggestion is a query offered when a search finds nothing (您是不是要找): the query with
// one term replaced by a term that occurs in the index.
type Suggestion struct {
	Query string `json:"query"`
	// For and Term name the replacement: the term typed and the one suggested.
	For  string `json:"for"`
	Term string `json:"term"`
}
