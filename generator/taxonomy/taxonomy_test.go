package taxonomy

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/config"
	"github.com/planportal/planportal/generator/content"
)

var themes = []config.Theme{
	{Slug: "children", Keywords: []string{"儿科", "儿童"}},
	{Slug: "elderly", Keywords: []string{"老年", "医养结合"}},
	{Slug: "digital", Keywords: []string{"AI", "互联网+", "数字健康"}},
	{Slug: "reform", Keywords: []string{"DRG", "医共体"}},
}

func TestMatch(t *testing.T) {
	tg := New(themes)
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"扩大儿科医疗服务供给", []string{"children"}},
		{"儿童与老年人", []string{"children", "elderly"}},
		{"推进医养结合，建设医共体", []string{"elderly", "reform"}},
		{"推广ai辅助诊断", []string{"digital"}},       // Latin keywords match any case
		{"DRAIN the swamp", nil},                // not inside a longer word
		{"Deepseek、AI大模型", []string{"digital"}}, // a Han character is a word edge
		{"MAIN", nil}, // AI inside MAIN
		{"推行DRG/DIP支付", []string{"reform"}},   // punctuation is an edge
		{"发展“互联网+医疗健康”", []string{"digital"}}, // keywords with punctuation
		{"", nil},
		{"与主题无关的句子。", nil},
	} {
		if got := tg.Match(tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Match(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func parse(t *testing.T, body string) *content.Document {
	t.Helper()
	src := "+++\ntitle = \"T\"\nagency = \"A\"\npublished = \"2025-03-04\"\nthemes = [\"reform\"]\n+++\n" + body
	known := func(s string) bool {
		for _, th := range themes {
			if th.Slug == s {
				return true
			}
		}
		return false
	}
	d, diags := content.NewLoader(content.Options{KnownTheme: known}).Parse("content/plans/x.md", []byte(src))
	for _, dg := range diags {
		if !dg.Warning {
			t.Fatal(dg)
		}
	}
	return d
}

// tags lists each passage as "anchor=theme,theme".
func tags(d *content.Document, tg Tags) string {
	var out []string
	d.Passages(func(p content.Passage) {
		var themes []string
		for _, t := range tg.Passages[p.Anchor()] {
			themes = append(themes, t.Theme)
		}
		out = append(out, p.Anchor()+"="+strings.Join(themes, ","))
	})
	return strings.Join(out, " ")
}

func TestTag(t *testing.T) {
	tg := New(themes)
	for _, tt := range []struct {
		name, body string
		passages   string
		weights    Weights
	}{
		{"keywords", "## 一、任务\n\n1. 发展儿科。\n\n2. 关爱老年人。\n\n3. 其他工作。\n",
			"s1-i1=children s1-i2=elderly s1-i3=", Weights{"children": 1, "elderly": 1}},
		{"item directive adds and removes", "1. 发展儿科。{themes: -children +digital}\n",
			"i1=digital", Weights{"digital": 1}},
		{"section directive reaches every item, the item's own wins",
			"## 一、一老一小 {themes: +elderly}\n\n1. 发展儿科。\n\n2. 托育。{themes: -elderly}\n\n## 二、其他\n\n3. 其他。\n",
			"s1-i1=children,elderly s1-i2= s2-i3=", Weights{"children": 1, "elderly": 1}},
		{"sub-section inside section", "## 一、甲 {themes: +elderly}\n\n### （一）乙 {themes: -elderly +digital}\n\n1. 文字。\n",
			"s1-1-i1=digital", Weights{"digital": 1}},
		{"paragraphs are passages; short ones are not", "海安市卫生健康委员会文件\n\n会议指出，要扩大儿科医疗服务供给，办好为民服务实事项目。\n",
			"p2=children", Weights{"children": 1}},
		{"sub-items are passages", "1. 发展儿科。\n   1. 关爱老年人。\n",
			"i1=children i1-1=elderly", Weights{"children": 1, "elderly": 1}},
		{"two of three items carry it", "1. 发展儿科。\n\n2. 儿童保健。\n\n3. 其他。\n",
			"i1=children i2=children i3=", Weights{"children": 2}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := parse(t, tt.body)
			got := tg.Tag(d)
			if s := tags(d, got); s != tt.passages {
				t.Errorf("passages: got %q, want %q", s, tt.passages)
			}
			if !reflect.DeepEqual(got.Weights, tt.weights) {
				t.Errorf("weights: got %v, want %v", got.Weights, tt.weights)
			}
		})
	}
}

// TestReasons: each theme found in the text names the phrase that carried it and the sentence
// holding it (sentences end at 。！？； and line ends), with offsets that mark the phrase; a
// theme a directive gave names the directive's line instead.
func TestReasons(t *testing.T) {
	tg := New(themes)
	for _, tt := range []struct {
		text, theme, phrase, sentence string
	}{
		{"发展儿科。关爱老年人；推进医养结合！", "elderly", "老年", "关爱老年人；"},
		{"发展儿科。关爱老年人；推进医养结合！", "children", "儿科", "发展儿科。"},
		{"第一句没有\n  推广AI辅助诊断？其他", "digital", "AI", "推广AI辅助诊断？"},
		{"推行DRG/DIP支付", "reform", "DRG", "推行DRG/DIP支付"},
		{"改革。建设医共体", "reform", "医共体", "建设医共体"},
		// The first keyword found carries the theme, the longest where two start together.
		{"完善数字健康和AI。", "digital", "数字健康", "完善数字健康和AI。"},
		// Upper-case Latin text keeps its offsets although it is matched folded.
		{"ÀÉ ＡＢ。推广ai", "digital", "ai", "推广ai"},
		// Traditional text is matched folded, and quoted as written.
		{"發展兒科。推進醫養結合!", "elderly", "醫養結合", "推進醫養結合!"},
	} {
		var got *Reason
		for _, m := range tg.MatchTags(tt.text) {
			if m.Theme == tt.theme {
				got = &m.Reason
			}
		}
		if got == nil {
			t.Errorf("%q: no %s", tt.text, tt.theme)
			continue
		}
		if got.Phrase(tt.text) != tt.phrase || got.Sentence(tt.text) != tt.sentence {
			t.Errorf("%q %s: phrase %q in %q, want %q in %q", tt.text, tt.theme, got.Phrase(tt.text), got.Sentence(tt.text), tt.phrase, tt.sentence)
		}
		if got.Before(tt.text)+got.Phrase(tt.text)+got.After(tt.text) != tt.sentence {
			t.Errorf("%q %s: before %q after %q", tt.text, tt.theme, got.Before(tt.text), got.After(tt.text))
		}
		if s, e := got.Runes(tt.text); string([]rune(tt.text)[s:e]) != tt.phrase {
			t.Errorf("%q %s: runes %d:%d", tt.text, tt.theme, s, e)
		}
	}

	d := parse(t, "## 一、任务 {themes: +digital}\n\n1. 发展儿科。\n\n2. 关爱老年人。{themes: +children +elderly}\n")
	got := tg.Tag(d)
	for _, tt := range []struct {
		anchor, theme string
		line          int
		phrase        string
	}{
		{"s1-i1", "digital", 7, ""},
		{"s1-i1", "children", 0, "儿科"},
		{"s1-i2", "children", 11, ""},
		{"s1-i2", "elderly", 0, "老年"}, // the text gave it already: its phrase is the reason
	} {
		var r *Reason
		for _, m := range got.Passages[tt.anchor] {
			if m.Theme == tt.theme {
				r = &m.Reason
			}
		}
		text := ""
		d.Passages(func(p content.Passage) {
			if p.Anchor() == tt.anchor {
				text = p.Text()
			}
		})
		phrase := ""
		if r != nil && r.FromText() {
			phrase = r.Phrase(text)
		}
		if r == nil || int(r.Directive) != tt.line || phrase != tt.phrase || r.FromText() != (tt.phrase != "") {
			t.Errorf("%s %s: %+v, want directive line %d, phrase %q", tt.anchor, tt.theme, r, tt.line, tt.phrase)
		}
	}
}

// TestReadsLikeAReader: the rules that keep a word from tagging a passage it does not
// describe, each with a passage that breaks without it.
func TestReadsLikeAReader(t *testing.T) {
	tg := New([]config.Theme{
		{Slug: "tcm", Keywords: []string{"中医", "中医药", "中药", "中西医"}, Exclude: []string{"中医院"}},
		{Slug: "primary-care", Keywords: []string{"家庭医生", "签约服务", "乡镇卫生院", "社区卫生服务"}, Weak: []string{"基层", "加强基层"}, Exclude: []string{"基层党组织", "机构签约服务"}},
		{Slug: "talent", Keywords: []string{"人才队伍"}, Weak: []string{"人才", "培训"}},
		{Slug: "elderly", Keywords: []string{"老年"}},
		{Slug: "children", Keywords: []string{"儿科", "儿童"}},
		{Slug: "health-promotion", Keywords: []string{"健康*行动", "健康教育"}, Aspect: true},
		{Slug: "maternal", Keywords: []string{"妇幼"}},
		{Slug: "reform", Keywords: []string{"健共体", "城市医疗集团", "医联体"}},
		{Slug: "quality", Keywords: []string{"质控"}},
		{Slug: "disease-control", Keywords: []string{"卒中防控", "疾控"}},
		{Slug: "emergency", Keywords: []string{"突发公共卫生事件", "应急演练"}, Weak: []string{"应急"}, NotWith: []string{"安全生产"}},
		{Slug: "public-hospitals", Keywords: []string{"公立医院改革"}, Weak: []string{"公立医院"}},
	})
	for _, tt := range []struct {
		text string
		want []string
	}{
		// An exclusion is another sense, or an institution named as the actor.
		{"市中医院实施先诊疗后付费。", nil},
		{"推进中医药传承创新。", []string{"tcm"}},
		{"指导基层党组织按期换届。", nil},
		{"医疗机构与托育服务机构签约服务率达100%。", nil},
		{"提高家庭医生签约服务覆盖率。", []string{"primary-care"}},
		// A weak phrase needs a second one, or a keyword.
		{"开展财务人员培训。", nil},
		{"开展财务人员培训，再培训一次。", nil}, // the same weak phrase counts once
		{"结合人才项目做好培训。", []string{"talent"}},
		{"提升基层艾滋病检测能力。", nil},
		// …unless it is the object of the task's verb, and names a thing (three characters
		// or more), not a setting.
		{"深化公立医院管理体制机制改革。", []string{"public-hospitals"}},
		{"推进全市公立医院薪酬分配。", []string{"public-hospitals"}},
		{"公立医院实施先诊疗后付费。", nil},
		{"推进基层医疗机构开设儿科门诊。", []string{"children"}},
		{"坚持公立医院公益性,推进县级公立医院管理体制改革。", []string{"public-hospitals"}}, // counted once before
		// A list of tasks may end 等综合改革.
		{"推进医联体、儿科服务等综合改革。", []string{"children", "reform"}},
		// The spirit of a line to follow is not a task of it…
		{"为深入贯彻医联体精神,制定本方案。", nil},
		{"开展医联体精神学习教育。", []string{"reform"}}, // …but a campaign about it is
		{"加强基层卫生机构建设，提升基层服务。", nil},          // 加强基层 holds 基层: one phrase
		{"加强人才队伍建设。", []string{"talent"}},
		// A list of examples ending in 等 names departments, not the subject…
		{"加快中医、口腔、老年、慢性病等科室能力建设。", nil},
		{"加快中医、老年等五大诊疗中心建设。", []string{"tcm", "elderly"}},    // centres are tasks
		{"加快补齐儿科、老年等服务短板。", []string{"elderly", "children"}}, // so are shortfalls
		{"酌情向儿科、中医、全科等专业倾斜。", nil},
		{"针对孕产妇、婴幼儿、老年人等重点人群开展宣教。", nil},
		{"以高血压患者和0—6岁儿童、老年人为重点实施服务项目。", nil},
		{"适用于重大疾控事件、群体性不明原因疾病以及其他严重影响公众健康的事件。", nil},
		{"对其他儿童、老年人及其他人群开展宣教。", nil}, // 其他 after no 及 ends no list
		// …but a list of tasks is tasks, and a list ends at its clause.
		{"开展儿童医疗、精神卫生、安宁疗护等10项行动。", []string{"children"}},
		{"做好老年健康、儿童保健等工作。", []string{"elderly", "children"}},
		{"建立老年健康评估、儿童保健服务等机制。", []string{"elderly", "children"}}, // mechanisms to build
		{"发展中医，加快口腔、眼科等专科建设。", []string{"tcm"}},
		{"推动儿科、口腔门诊在二级乙等医院全覆盖。", []string{"children"}}, // 乙等 ends no list
		// A 等 that closes its clause qualifies nothing: the items are the verb's objects.
		{"重点推进医联体建设、儿科服务能力提升等。", []string{"children", "reform"}},
		{"着力加强老年健康、妇幼保健等，推进改革。", []string{"elderly", "maternal"}},
		{"督导机构（老年护理、儿科门诊等）落实安全责任。", nil}, // a bracket ends no such list
		// Short names listed before the departments or services they qualify are examples
		// even without 等; two of them, or a longer item, are not such a list.
		{"且全部实现中医、口腔、儿科、康复服务全覆盖。", nil},
		{"推进心脑血管、儿科、口腔专科建设。", nil},
		{"开展儿科、精神卫生服务年行动。", []string{"children"}},
		{"开展老年健康、儿童保健、中医药特色服务。", []string{"tcm", "elderly", "children"}},
		// Quoted names in a row ending in 等 are examples too.
		{"推广“浙里中医”“浙里儿科”等应用。", nil},
		// Departments listed are examples even where 等 closes the clause (rule 4).
		{"义诊设有内科、中医科、儿科等,专家为市民答疑。", nil},
		{"开展儿科、中医药服务等。", []string{"tcm", "children"}},
		{"建设“儿童友好医院”“中医馆”。", []string{"tcm", "children"}},
		// An institution named after a keyword counts as a weak phrase.
		{"区儿童医院开展义诊。", nil},
		{"建设儿童友好医院。", []string{"children"}},
		// * stands for up to four characters, no punctuation.
		{"深入开展健康湖州专项行动。", []string{"health-promotion"}},
		{"健康，行动", nil},
		{"健康管理服务体系建设行动", nil},
		// An institution right before another theme's phrase is where that happens…
		{"推进5家乡镇卫生院卒中防控站建设。", []string{"disease-control"}},
		{"建设社区卫生服务中心中医馆。", []string{"tcm"}},
		{"推进社区卫生服务中心以及爱民站中医药服务能力提升。", []string{"tcm"}},
		{"推进社区卫生服务中心、村卫生室中医馆建设。", []string{"tcm"}},
		{"推进社区卫生服务中心建设，提升中医药服务能力。", []string{"tcm", "primary-care"}},
		{"推进社区卫生服务和中医药服务能力提升。", []string{"tcm", "primary-care"}}, // no institution
		// …and an aspect theme's phrase right after another theme's phrase is its aspect.
		{"建设中医健康教育基地。", []string{"tcm"}},
		{"召开疾控暨健康教育工作会议,部署疾控和健康教育工作。", []string{"health-promotion", "disease-control"}}, // two subjects joined
		{"建设中医、中药等健康教育基地。", nil},                                                        // the list qualifies the 基地
		// A quality-control measure is quality whatever field it controls (judging rule 16):
		// quality is no aspect.
		{"健全市级中医药质控体系。", []string{"tcm", "quality"}},
		{"健全中医、中药等质控小组。", []string{"quality"}},
		{"加强医疗质控。", []string{"quality"}},
		// A clause that states the line a plan follows is no task…
		{"紧扣健共体建设主题，加强人才队伍建设。", []string{"talent"}},
		{"以老年健康理念为指导，推进人才队伍建设。", []string{"talent"}},
		// …but one that implements a policy is.
		{"认真贯彻落实家庭医生签约服务政策。", []string{"primary-care"}},
		// The health-work policy recited up to its 方针 is the line a plan follows (rules 10, 19)…
		{"坚持以基层为重点,以改革创新为动力,预防为主,中西医并重,人民共建共享的卫生与健康工作方针,推进儿科建设。", []string{"children"}},
		{"遵循“以基层为重点、预防为主、中西医并重”的卫生与健康方针。", nil},
		{"以基层为重点,推进中西医协同。", []string{"tcm"}}, // no 方针 closes it: a task
		{"坚持中西医并重,推进儿科建设。", []string{"tcm", "children"}},
		// …and items counted as tasks before 等 are tasks, as in 等10项行动 (rule 4), and so are
		// the projects of a building programme.
		{"启动老年病综合楼、儿科病房等新建改造项目。", []string{"elderly", "children"}},
		{"实施中医药传承、儿童保健两大行动计划等系列政策措施。", []string{"tcm", "children"}},
		// The scope of a document names where it applies, not what it is about…
		{"本标准适用于全市公立医院，乡镇卫生院参照执行。", nil},
		// …unless it names work or events.
		{"本方案适用于全县疾控工作。", []string{"disease-control"}},
		// The means of a task about something else is not its subject.
		{"以健共体为抓手，推进区县服务能力提升。", nil},
		{"依托城市医疗集团、中医医联体帮扶社区。", nil},
		{"由健共体（城市医疗集团）牵头建立慢病防治中心。", nil},
		{"推进紧密型健共体建设。", []string{"reform"}},
		{"依托各类人才项目做好人才队伍建设。", []string{"talent"}}, // the task after the means
		{"针对老年常见病的中医药干预方案。", []string{"tcm"}},     // a target group
		{"针对老年人开展中医药健康服务。", []string{"tcm"}},
		{"通过引进儿科医生等方式充实医联体。", []string{"reform"}},
		// Clauses in a row that begin 坚持 state principles, not the subject…
		{"坚持中医药传承、疾控改革,坚持医联体联动,推进儿科建设。", []string{"children"}},
		{"坚持中医药传承创新,推进儿科建设。", []string{"tcm", "children"}}, // one is a task
		// …and what follows 是 in 是…的重要支撑 says what the subject serves.
		{"加强儿科建设是推进医联体建设的重要举措。", []string{"children"}},
		{"儿科建设,是推进医联体建设的重要支撑。", []string{"children"}},
		{"一是推进医联体建设的重要任务。", []string{"reform"}},
		// A predicate of cause says what the subject brings about, not a task on it.
		{"缺乏身体活动成为儿童肥胖发生的主要原因之一。", nil},
		{"儿科医生短缺是导致医联体运转不畅的主要原因。", []string{"children"}},
		{"推进医联体建设,成为儿科发展的重要支撑。", []string{"reform"}},
		// The people an aspect phrase is for are no aspect of it (rule 4): 老年人的健康教育 is
		// health promotion for them (round 12).
		{"提高老年人的健康教育水平。", []string{"elderly", "health-promotion"}},
		// Health education that closes its clause is the task, set on another theme's subject:
		// health promotion besides that theme (paragraph 20); before a noun it is still an aspect.
		{"加强老年健康教育。", []string{"elderly", "health-promotion"}},
		{"建设中医健康教育基地。", []string{"tcm"}}, // an aspect still
		// Items reported as done (等方面取得…) are tasks; topics of an exchange are not.
		{"在医联体建设、儿科服务等方面取得了新成效。", []string{"children", "reform"}},
		{"在医联体建设、儿科服务等方面,均取得显著成效。", []string{"children", "reform"}},
		{"在医联体建设、儿科服务等方面，都有新进展。", nil},
		{"院长从医联体建设、儿科服务等方面总结了一年的成绩。", []string{"children", "reform"}},      // a year summed up by field (rule 26)
		{"在医联体建设、儿科服务等方面做了大量基础性工作。", []string{"children", "reform"}},       // work reported done (round 26)
		{"三地代表介绍了各自在医联体建设、儿科服务等方面的进展和成效。", []string{"children", "reform"}}, // progress reported by field (round 27)
		{"围绕医联体建设、儿科服务等方面开展交流。", nil},
		// An association named as a co-organiser is an actor (rule 3): its field counts as weak.
		{"会议由中国老年保健协会协办。", nil},
		{"中国老年保健协会开展老年健康服务。", []string{"elderly"}},
		// The tiers of a network a sentence builds are its parts, not its subject (rules 3, 4)…
		{"建设以县中医院为龙头,乡镇卫生院为基础,融预防、治疗于一体的中医药服务体系。", []string{"tcm"}},
		// …but the network's own name or task keeps its theme.
		{"以县医院为龙头,乡镇卫生院为枢纽,推进家庭医生签约服务。", []string{"primary-care"}},
		// The places a visit went to are where it went (rules 3, 5).
		{"视察组先后前往中医药博物馆、儿科门诊。", nil},
		// A bracket that says what a thing includes gives examples, with or without 等…
		{"日间诊疗(含日间放化疗、中医日间诊疗)纳入付费管理。", nil},
		// …and so does 包括 ending its clause without 等, unless it counts the items as parts.
		{"受众人群包括青年人、中年人、老年人。", nil},
		{"包括健康教育、老年护理两个环节的服务体系初步建立。", []string{"elderly", "health-promotion"}},
		// A quoted slogan names the manner of the work (…模式, …原则).
		{"按照“政府主导、医联体协同、社会参与”模式建设平台。", nil},
		// A list begins after the verb before it (讲解).
		{"医务人员向大家讲解老年人常见病及慢性病预防、体重管理、老年心理健康等知识。", nil},
		// 通过 a list closed by 等 names the means.
		{"通过老年宜居环境建设、中医药展览等,展示了发展成果。", nil},
		// A time reference (…以来), a purpose (为…保驾护航, 助力…), a commendation (表彰…) and a
		// yardstick (对照…要求) set no task.
		{"医联体建设以来,群众就医更加方便。", nil},
		{"为全市妇女儿童健康保驾护航。", nil},
		{"助力医联体建设。", nil},
		{"做好婚恋服务、助力儿童保健等工作。", []string{"children"}}, // one task of a list
		{"会议表彰了10名优秀儿科医生。", nil},
		{"对照区委医联体建设要求,完善内控制度。", nil},
		// A theme's not_with in the sentence: its phrases serve another theme's work (rule 5).
		{"开展安全生产培训和应急演练。", nil},
		{"开展突发公共卫生事件应急演练。", []string{"emergency"}},
		{"开展应急演练。加强安全生产。", []string{"emergency"}}, // another sentence
		// ... only over its own clause, unless that clause frames the sentence (围绕…): a
		// not_with phrase that is one task of a list leaves the next clause's task alone.
		{"抓好安全生产和消防安全等工作,开展应急演练。", []string{"emergency"}},
		{"围绕全市安全生产工作重点,广泛开展业务培训、应急演练等活动。", nil},
		// The topics people are asked for suggestions on (就…方面提出建议) and the parts of a
		// document studied (关于…的内容) are topics, not tasks (rule 4).
		{"请您就加强中医药传承、人才队伍建设方面提出宝贵建议。", nil},
		{"学习全会中关于中医药工作的内容。", nil},
		{"就加强中医药传承提出要求。", []string{"tcm"}}, // a demand, no topics
		// Those who attended a meeting are people: 参加会议的有…, …收看了视频会议 (rule 11).
		{"参加会议的有中医药专家和社区卫生服务中心负责人。", nil},
		{"中医药专家收看了视频会议。", nil},
		// 明确 makes a weak phrase its object, as 推进 does.
		{"明确县级公立医院功能定位。", []string{"public-hospitals"}},
		// A document's title and a meeting's report name things; they set no task.
		{"落实《加强人才队伍建设实施方案》，开展无陪护病房试点。", nil},
		{"1月19日，卫生健康工作会议暨中医药、疾控工作会议召开。", nil},
		{"会议召开。推进中医药传承创新。", []string{"tcm"}},
		{"会议部署中医药工作。市儿童医院、疾控中心、医联体成员单位负责人参加会议。", []string{"tcm"}},
		// An exception in brackets names what a task leaves out, not its object (rule 1).
		{"所有县级医院全部取消加成（中药饮片除外），降低虚高药价。", nil},
		{"推进中药饮片质量提升（试点地区除外）。", []string{"tcm"}},
		{"推进中药饮片（颗粒）质量提升。", []string{"tcm"}},
		// A title counts as one weak phrase at most, however many phrases it holds.
		{"现将《突发公共卫生事件应急预案》印发给你们。", nil},
		{"根据《突发公共卫生事件应急条例》《国家突发公共卫生事件应急预案》,制定本预案。", nil},
		{"依据《应急预案》,做好突发公共卫生事件处置。", []string{"emergency"}},
		{"更加注重发挥中医药特色,以优异成绩迎接党的十九大胜利召开。", []string{"tcm"}},
		// An institution named after 在 is the place of a task about something else…
		{"在有条件的社区卫生服务中心和乡镇卫生院设立老年病床。", []string{"elderly"}},
		{"在医养结合机构、社区卫生服务中心(乡镇卫生院)开展老年护理服务。", []string{"elderly"}},
		// …unless nothing else is done there, or a verb makes it the task's object.
		{"让群众在乡镇卫生院享受到县级专家的服务。", []string{"primary-care"}},
		{"在辖区建设社区卫生服务中心,开展老年护理服务。", []string{"primary-care", "elderly"}},
		// The courtesies of a reply to deputies name the proposal's subject but set no task.
		{"您提出的“关于创建中医药博物馆的提案”收悉,现答复如下:", nil},
		{"首先,十分感谢您对中医药工作的关心并提出宝贵意见。", nil},
		{"感谢对中医药事业的关注与支持。", nil},
		{"感谢您的关心。下一步将推进中医药传承创新。", []string{"tcm"}},
		// A document number in brackets names a document and its office, as a title does.
		{"推进儿科建设(沪卫计妇幼〔2018〕10号)。", []string{"children"}},
		// A title a passage explains or follows up (解读, 督办) is what it is about; one
		// forwarded or studied stays an aside.
		{"会上对《儿科质控中心建设方案》进行了解读。", []string{"children", "quality"}},
		{"分析解读《儿科质控中心建设方案》。", []string{"children", "quality"}},
		{"对重点提案《关于加强儿科质控的建议》(第118号)进行现场督办。", []string{"children", "quality"}},
		{"现将《儿科质控中心建设方案》印发给你们。", nil},
		// A clause that opens with 如 lists examples, even where its 等 closes the clause (rule 4)…
		{"构建健康社会,如推进医联体建设、老年健康服务体系建设、儿科服务能力提升等;", nil},
		{"如期完成医联体建设、儿科服务等。", []string{"children", "reform"}}, // …but 如期 is a word
		// A signature, the issuing bodies and a date, names offices and sets no task…
		{"市卫生健康委 市疾控局 市妇幼保健院 2023年6月13日", nil},
		{"推进中医药传承创新,完成时间为2025年12月31日", []string{"tcm"}}, // …a clause is no signature
		// 中西医结合医院 is an institution, as 中医医院 is: a weak phrase.
		{"提升中西医结合医院产科能力。", nil},
		// A bare enumeration of specialties before the groups or staff drawn from them, its last
		// two names perhaps joined by 及 and a count before the head, names where they come from
		// (rule 4: departments), not the subject…
		{"大赛分为内科、外科、妇产科、儿科及全科5个专业组。", nil},
		{"选派内科、外科、骨科、儿科骨干医生4名参加义诊。", nil},
		{"加强儿科建设,选派骨干医生进修。", []string{"children"}}, // …one name is no enumeration
		// 以X为契机 names the occasion a task takes, as 以X为抓手 names its means.
		{"以疾控体系建设为契机,开展健康教育。", []string{"health-promotion"}},
		// Fields listed before the praise they earned (等不凡成绩) are work reported as done (rule
		// 26); quoted items closed by an ellipsis are samples of a whole (rule 4); a phrase in an
		// award's name is what was praised, no task (rule 27).
		{"取得了医院运营稳中向好、人才队伍持续优化、中医药服务不断提升等不凡成绩。", []string{"tcm", "talent"}},
		{"“推进中医药传承创新”“建设医联体”……各地已公布今年的报告。", nil},
		{"宣读了质控优秀集体、质控先进个人的表彰决定。", nil},
		// 针对 names a target group (针对老年人开展…), but the state of work or an arrangement a
		// report or a measure answers is its subject (针对…工作情况进行汇报).
		{"科室主任针对各自科室人才队伍建设工作情况进行了汇报。", []string{"talent"}},
		// Traditional characters read as simplified ones, exclusions too.
		{"促進中醫藥傳承創新,加強兒科建設。", []string{"tcm", "children"}},
		{"市中醫院實施先診療後付費。", nil},
	} {
		if got := tg.Match(tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Match(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	// The same with the site's phrases (config.toml), for what its exclusions and phrases say.
	cfg, err := config.Load(filepath.Join("..", "..", "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	site := New(cfg.Themes)
	for _, tt := range []struct {
		text string
		want []string
	}{
		// Institutions and departments named as the actor of a task about something else
		// (judging rule 3): a 疾控局 or a 妇幼处 carrying out a campaign or a safety check.
		{"各级卫生健康行政部门、疾控主管部门要结合本地实际制定具体的实施计划。", nil},
		{"各市州卫生健康委、疾控局要对本地区开展情况进行总结评估。", nil},
		{"委办公室、疾控局、妇幼处分别牵头组成检查组,开展安全生产督导检查。", []string{"safety"}},
		{"不再保留市卫生和计划生育局。", nil},
		{"加强疾控体系建设,做好妇幼健康服务。", []string{"disease-control", "maternal"}},
		// Paraphrases and abbreviations count as the words do (judging rule 7): 基本公卫 is
		// 基本公共卫生; breaking 以药补医 and ending 药品加成 are the core of public-hospital reform
		// (rule 18); stepping up supervision is quality, and so is a 卫生健康监督 body's task
		// (rule 16), though not the body named as a place.
		{"推动基本公卫提质。", []string{"primary-care"}},
		{"破除以药补医机制,所有县级医院全部取消药品加成。", []string{"reform", "public-hospitals"}},
		{"坚持依法行政,加大监管力度,规范公共场所经营秩序。", []string{"quality"}},
		{"各卫生健康监督机构应建立健全问题排查机制。", []string{"quality"}},
		{"在区卫生健康监督所召开会议。", nil},
		// An indicator is a target (judging rule 11): 婴儿死亡率 is children's.
		{"婴儿死亡率由20.69‰下降到16‰。", []string{"children"}},
		// A keyword inside a word of another sense gives nothing (judging rule 5): 巡视 in the rank
		// 一级巡视员, 行风 in 流行风险, 科教 in 学科教学.
		{"疾控局一级巡视员雷正龙指出,要加强疾病预防控制体系建设。", []string{"disease-control"}},
		{"做好传染病流行风险评估工作。", []string{"disease-control"}},
		{"构建学科教学与教育活动相结合的健康教育模式。", []string{"health-promotion"}},
		// Paraphrases count as the words do (judging rule 7): 疾病防控 is the theme's name, short;
		// 戒烟, 吸烟率, 无烟环境 are tobacco control; 健康县区 is the 健康城市/县城 programme (rule
		// 12); 生殖健康 and 优生 are maternal (生殖健康教育 maternal only, as 心理健康教育 is mental
		// health only); 孕妇 is weak, often the target group of another task.
		{"提升重大疾病防控能力。", []string{"disease-control"}},
		{"开展简短戒烟干预,15岁以上人群吸烟率降低至20%。", []string{"health-promotion"}},
		{"全面推进本地无烟环境建设。", []string{"health-promotion"}},
		{"持续推进全国健康县区建设工作。", []string{"health-promotion"}},
		{"切实加强生殖健康教育和优生咨询。", []string{"maternal"}},
		{"免费对早中期孕妇开展血清学筛查,落实《预防出生缺陷筛查方案》。", []string{"maternal"}},
		{"为孕妇提供营养指导。", nil},
		// A keyword made of digits is no count (judging rule 5): 120人 counts people, 120呼叫 is the
		// emergency line.
		{"共筛查出高风险人群120人。", nil},
		{"畅通120呼叫。", []string{"emergency"}},
		// A 疾控中心 or a 社区卫生服务中心 is mostly named as the actor of a task about something
		// else (judging rule 3): a weak phrase, full as the object of the task's verb.
		{"县疾控中心围绕党风廉政建设作了发言。", []string{"party"}},
		{"社区卫生服务中心开展了一次健康教育讲座。", []string{"health-promotion"}},
		{"加强疾控中心实验室能力建设。", []string{"disease-control"}},
		{"加快建设社区卫生服务中心。", []string{"primary-care"}},
		// Paraphrases count as the words do (judging rule 7): a party branch's 主题党日, its 领学
		// and 行业作风 are party; 住培, 规培, 委培 and 订单定向 training are talent; 三减三健 and 限盐
		// are health promotion; 农村医疗卫生 is 乡村医疗卫生; 三级甲等 is 三甲 (weak before 医院, an
		// institution); medical support of a
		// sports event and 医疗救援 are emergency.
		{"两个党支部联合开展主题党日活动。", []string{"party"}},
		{"党员领学党的二十大报告原文。", []string{"party"}},
		{"医疗行业作风明显转变。", []string{"party"}},
		{"200名住培学员同场竞技。", []string{"talent"}},
		{"委培学员参加临床技能竞赛。", []string{"talent"}},
		{"毕业后按订单定向培养协议到乡镇卫生院工作。", []string{"primary-care", "talent"}},
		{"开展“三减三健”宣传,发放限盐勺。", []string{"health-promotion"}},
		{"加大农村医疗卫生投入。", []string{"primary-care"}},
		{"各区设有三级甲等医院资质的公立医院。", []string{"public-hospitals"}},
		{"做好赛事医疗保障工作,沿途设置医疗站11个。", []string{"emergency"}},
		{"规范、有序、及时地做好医疗救援工作。", []string{"emergency"}},
		// …and 应急预案 is emergency, 引人才 talent, 医药体制改革 reform, 疫情应对 disease control,
		// 基层卫生人才 primary care (and talent), 体育锻炼 and 身体活动 health promotion.
		{"及时检验应急预案的合理性、有效性。", []string{"emergency"}},
		{"坚持引人才。", []string{"talent"}},
		{"建设医药体制改革先行区。", []string{"reform"}},
		{"做好疫情应对的物资储备。", []string{"disease-control"}},
		{"继续实施基层卫生人才工程。", []string{"primary-care", "talent"}},
		{"经常参加体育锻炼的比例为33.9%。", []string{"health-promotion"}},
		// Words in another sense (judging rule 5): 智慧 in 贡献智慧和力量 is no smart health; 生育保险
		// merged into medical insurance is no 生育 support.
		{"为卫生事业发展贡献智慧和力量。", nil},
		{"生育保险和职工基本医疗保险合并实施。", nil},
		// The standard vocabulary of each theme in real plans, not only the words the labelled
		// passages happened to use: the workforce's own terms (学科带头人, 职称评审, 定向培养, verbs
		// with their object: 培养…医生, and its indicators, 每千人口执业医师数), the party's (三会一课,
		// 纪律教育, 形式主义), health promotion's (健康知识, 改厕, 环境卫生, 健康步道), reform's (带量
		// 采购, 按病种, 医疗联合体, 卫生体制改革), public hospitals' (现代医院管理制度, 两个允许),
		// maternal care's (孕产期, 产前, 育儿补贴, 人口均衡) and primary care's (社区医院, 次中心).
		{"引进学科带头人3名。", []string{"talent"}},
		{"每年培养基层全科医生50名。", []string{"primary-care", "talent"}},
		{"完善卫生系列职称评审制度。", []string{"talent"}},
		{"做好医学生定向培养。", []string{"talent"}},
		{"每千人口执业（助理）医师数达到3.2人。", []string{"talent"}},
		{"严格落实“三会一课”制度。", []string{"party"}},
		{"组织观看警示教育片,开展纪律教育。", []string{"party"}},
		{"坚决纠治形式主义、官僚主义。", []string{"party"}},
		{"普及高血压防治健康知识。", []string{"health-promotion"}},
		{"推进农村改厕和环境卫生整治。", []string{"health-promotion"}},
		{"建设健康步道和健康主题公园。", []string{"health-promotion"}},
		{"推进药品耗材集中带量采购。", []string{"reform"}},
		{"推行按病种分值付费。", []string{"reform"}},
		{"推进医疗卫生体制改革。", []string{"reform"}},
		{"组建医疗联合体。", []string{"reform"}},
		{"建立健全现代医院管理制度,制定医院章程。", []string{"public-hospitals"}},
		{"落实“两个允许”要求。", []string{"public-hospitals"}},
		{"加强孕产期保健和产前筛查。", []string{"maternal"}},
		{"落实育儿补贴政策,促进人口长期均衡发展。", []string{"maternal"}},
		{"推进社区医院建设。", []string{"primary-care"}},
		{"推进县域医疗卫生次中心建设。", []string{"primary-care"}},
		{"此次中心组学习主题聚焦。", []string{"party"}}, // 次 of 此次, not 次中心
		// Knowledge of mental health spread to people is mental health and health promotion
		// (judging rule 30); health counselling is health education (rule 22); healthy habits and
		// the national nutrition plan are health promotion's subject.
		{"开展心理健康讲座。", []string{"mental-health", "health-promotion"}},
		{"开展心理健康科普宣教。", []string{"mental-health", "health-promotion"}},
		{"为群众提供健康咨询服务。", []string{"health-promotion"}},
		{"引导群众养成健康的生活习惯。", []string{"health-promotion"}},
		{"实施国民营养计划。", []string{"health-promotion"}},
		// Institutions listed together before a verb of doing are its actors (rule 3); one that
		// improves itself is still the subject.
		{"各乡镇卫生院及社区卫生服务中心充分利用宣传阵地开展控烟宣传。", []string{"health-promotion"}},
		{"乡镇卫生院和村卫生室联合开展艾滋病检测。", []string{"disease-control"}},
		{"乡镇卫生院通过标准化建设提升服务能力。", []string{"primary-care"}},
		// Counts set no task (rule 1): institutions counted by number, keyword or weak, and a
		// count of people broken down by kind after 其中; a predicate of means (是…最有效的措施之一)
		// says what the subject serves.
		{"全区共有医疗机构120家,其中乡镇卫生院20个,村卫生室94个。", nil},
		{"累计摸排重点人员35548人,其中刑满释放人员12208人(34.3%)、严重精神障碍患者22548人(63.4%)。", nil},
		{"其中严重精神障碍患者规范管理率达到90%以上。", []string{"mental-health"}},
		{"紧密型县域医共体是推进基层卫生健康事业高质量发展最有效的措施之一。", []string{"reform"}},
		{"新建乡镇卫生院3所。", []string{"primary-care"}},
		// …while the same words in another theme's phrase or another sense give nothing of their
		// own: the mental-health plans' indicator of knowledge is mental health's (心理健康 is
		// excluded from health promotion), and 产后 in 生产后 is no
		// childbirth; 健康宣教 set as a task on 孕检 is health promotion besides (paragraph 20).
		// The training of enforcement staff, 骨干 or not, stays no talent (judging rule 6).
		{"城市、农村普通人群心理健康知识知晓率达到70%。", []string{"mental-health"}},
		{"加强婚检和孕检健康宣教。", []string{"maternal", "health-promotion"}},
		{"企业恢复生产后开展检查。", nil},
		{"开展卫生监督执法骨干培训。", []string{"quality"}},
		// Round 14 (labelled.txt, paragraph 15): the clause that opens a meeting says what it was,
		// the clauses after it who attended; people's titles, rooms, the places visited, a
		// hospital's name and the departments staff come from name no task; 党建立 and 中心理论
		// are other words; quoted activities joined by 和 before 等 are examples.
		{"7月29日下午,县卫生健康局召开了安全生产暨信访稳定工作会议,全县各医疗卫生机构主要负责人参加会议。", []string{"safety"}},
		{"林军副书记、沈波副院长与何谦然总会计师参加座谈会。", nil},
		{"负责健康教育工作的相关同志参加了会议。", nil},
		{"党委中心组在会议室进行共同学习,院领导班子成员参加了此次学习。", []string{"party"}},
		{"医院在科研楼八楼学术报告厅召开医疗工作会议。", nil},
		{"这是中国共产党建立的纪念日。", nil},
		{"研究中心理论成果。", nil},
		{"会后,参观了章丘区青少年科技中心。", nil},
		{"区妇女儿童医院依次进行表态发言。", nil},
		{"在“大型义诊”和“家庭医生签约进社区义诊”等系列活动中。", nil},
		{"门诊部、体检中心、心内科、妇产科、中医科、彩超室、检验科党员医、护人员近20人参加了义诊活动。", nil},
		// …and the vocabulary of party-member practice and of health education materials.
		{"将“学党史”贯穿在为群众“办实事”上。", []string{"party"}},
		{"推动“我为群众办实事”活动走向深入。", []string{"party"}},
		{"发放健康宣传册400余份。", []string{"health-promotion"}},
		{"普及健康防病知识。", []string{"health-promotion"}},
		// The standard vocabulary of the recall-weak themes that the older tune rounds missed:
		// 专科集群, 国家…医学中心, 医院复审 (公立医院), 引人留人 (人才), 宣传资料 with another
		// weak phrase and 有利于健康的生活方式 (健康促进).
		{"加快“双中心”建设,培育专科集群。", []string{"public-hospitals"}},
		{"推进国家儿童医学中心建设。", []string{"public-hospitals", "children"}},
		{"细心筹备三级中医医院复审工作。", []string{"public-hospitals"}},
		{"全方位做实引人留人用人政策保障。", []string{"talent"}},
		// 专科、亚专科 development is clinical specialties: public hospitals (the fixture's round 14).
		{"加强人才团队建设,推动专科、亚专科发展。", []string{"public-hospitals", "talent"}},
		{"探索组建中医亚专科联盟。", []string{"tcm"}},
		{"会议听取了重点专(学)科建设情况。", []string{"public-hospitals", "talent"}},
		{"推进创建三级综合医院。", []string{"public-hospitals"}},
		{"召开了学科专业建设研讨会。", []string{"talent"}},
		{"力争全市二级及以上公立综合性医院老年医学科规范化建设率达到90%。", []string{"elderly"}},
		{"西安市健康体检质量控制中心负责我市医疗机构健康体检质量的管理工作。", []string{"quality"}},
		{"开展技术培训和质量控制等。", nil},
		{"对存在问题较多的医疗机构责令限期整改或者立案处理。", []string{"quality"}},
		{"织密基金监管网。", []string{"quality"}},
		// A meeting reported in its opening line, named for a theme's phrase, is on that theme
		// (rule 11); one of a list of subjects in a general meeting's name is not.
		{"西安市健康体检质量控制中心成立大会暨第一次专家会议隆重召开。", []string{"quality"}},
		{"全市卫生应急工作会议在市卫健委召开。", []string{"emergency"}},
		{"2025年湖南省卫生健康工作会议暨中医药、疾控工作会议召开。", nil},
		// Knowledge of another theme's subject spread to people is health promotion besides that
		// theme, not its aspect; so is health education set as a task of its own on a field's
		// subject (paragraph 20, which replaced the reading that it stays the field's).
		{"开展老年健康知识宣传活动。", []string{"elderly", "health-promotion"}},
		{"向老年人宣传普及老年健康科学知识。", []string{"elderly", "health-promotion"}},
		{"开展妇幼保健健康教育。", []string{"maternal", "health-promotion"}},
		{"多样化开展中医药科普宣传。", []string{"tcm", "health-promotion"}},
		// The disease a leaflet handed out is about is its topic, as that of knowledge is (rule 22).
		{"开展健康教育,发放艾滋病防治宣传资料。", []string{"health-promotion"}},
		{"开展健康教育,发放防治结核病宣传小册子。", []string{"health-promotion"}},
		{"开展健康教育,做好结核病防治。", []string{"disease-control", "health-promotion"}},
		// The office that runs a theme's work, named as an actor, is no task on it (rule 3), nor
		// is the unit that recruits.
		{"卫生计生行政部门会同中医药管理部门组织领导专项监督检查工作。", []string{"quality"}},
		{"报名采用网上报名和现场报名方式进行,由招聘单位自行受理。", nil},
		// The parts a range runs through (从X、Y到Z) are examples; public places' hygiene and
		// striking at violations are supervision (rule 7).
		{"从疾控预防、医疗救治到公共场所卫生,每一个环节都进行了精心谋划和周密安排。", nil},
		{"提高我市公共场所卫生管理水平。", []string{"quality"}},
		// A clause of significance (具有…意义) says what the subject serves: no task on it.
		{"新增的省级医疗质量控制中心,对加强医疗质量监管,实现医改目标具有十分重要的意义。", []string{"quality"}},
		// The title of a talk given is the talk's subject; a document's title stays its name.
		{"副主任在会上作题为《整合资源 满足群众多样化健康科普需求》的交流发言。", []string{"health-promotion"}},
		{"会上传达了《健康科普工作方案》。", nil},
		// 青少年, 学生 before a task name those it is for (rule 4): health education for them is
		// health promotion; their own theme's phrases stay theirs.
		{"颁发了青少年健康教育宣传证书。", []string{"health-promotion"}},
		{"开展学生常见病防治。", []string{"children"}},
		{"加强青少年近视防控。", []string{"children"}},
		{"深入开展重点行业领域专项整治,严厉打击各类违法行为。", []string{"quality"}},
		{"发放宣传资料1000余份,并进行健康生活指导。", []string{"health-promotion"}},
		{"逐步形成有利于健康的生活方式。", []string{"health-promotion"}},
		// The people a task is for, named right before it, are its audience (老年人群疫苗接种 is
		// 疾控 only).
		{"全面完成老年人群疫苗接种。", []string{"disease-control"}},
		{"进行常识类科普及老年人健康宣传科普等工作。", []string{"health-promotion"}},
		// A department in a person's title and a discipline are no task on their subject; a time
		// reference 在…之时 dates a meeting; a risk said to exist is why a task is done.
		{"由急诊科护士长、康复中医科副护士长带队进行培训。", nil},
		{"加强肿瘤学科建设。", []string{"talent"}},
		{"今年全国两会是在新冠肺炎疫情防控取得重大战略性成果之时召开的一次重要会议。", nil},
		{"病媒生物密度升高,存在病媒传染病传播扩散风险。", nil},
		{"排查存在的传染病传播风险。", []string{"disease-control"}},
		// A weak phrase after a task's verb that qualifies another theme's keyword is not the
		// verb's object: the keyword is (公共卫生人才队伍, 公立医院党的建设).
		{"进一步加强公共卫生人才队伍建设。", []string{"talent"}},
		{"加强公立医院党的建设。", []string{"party"}},
		// Offices and general programmes named by a theme's word are not its tasks (rules 3 and
		// 5; round 10's reading of children's development in general).
		{"不再保留市深化医药卫生体制改革领导小组办公室。", nil},
		{"实施中国儿童发展纲要。", nil},
		{"保留市老龄工作委员会,日常工作由市卫生健康局承担。", nil},
		// The task's own words still count, and a health-education week held is health-promotion
		// besides (judging rule 22, adopted after this row was written: 老年健康宣传周 is its example).
		{"市老龄办组织开展老年健康宣传周活动。", []string{"elderly", "health-promotion"}},
		// A sentence that reports a meeting names it in its last clause: the clauses before may
		// state what it is for; 护理质量 is quality's.
		{"为进一步加强医疗安全管理,保障医疗质量和医疗安全,1月9日,县医疗安全专项整治工作会议在县卫健局会议室召开。", []string{"quality"}},
		{"县护理质量控制中心工作会议在县一院举行。", []string{"quality"}},
		// Free health checkups (the basic public-health service for the old) and township
		// health centres are primary care's weak phrases: both together give it, one alone
		// does not.
		{"活动由乡卫生院负责实施,为群众提供免费健康体检。", []string{"primary-care"}},
		{"为群众提供免费健康体检。", nil},
		// Political study of the leader's speeches is party work (rule 7); conveying one on
		// another subject at that subject's meeting is not.
		{"会上,班子成员通过学习习总书记重要讲话精神,提高了认识。", []string{"party"}},
		{"会议传达学习习近平总书记关于安全生产工作的重要指示。", []string{"safety"}},
		// 公立医院绩效 (考核, 评价) is public hospitals' own subject.
		{"建立信息公开、公立医院绩效综合考核等机制。", []string{"public-hospitals"}},
		// 基层党员 is party's, and 增强基层党员 holds no 强基层.
		{"此次义诊活动,增强基层党员为民服务的意识。", nil},
		// 智慧城市 is a city's programme, not digital health; 智慧医疗 is.
		{"促进大健康与大数据、大生态及智慧城市融合发展。", nil},
		{"依托智慧城市建设推进智慧医疗服务。", []string{"digital"}},
		// Regulating clinical conduct and checking prescriptions are quality's (rule 7).
		{"加强对民营医院诊疗行为的监督管理。", []string{"quality"}},
		{"推进区域审方系统建设。", []string{"quality"}},
		{"组织专家评审方案。", nil},
		{"五是推进质量内涵建设。", []string{"quality"}},
		{"规范医疗服务行为。", []string{"quality"}},
		{"提升病案质量。", []string{"quality"}},
		{"做好卫生专业技术骨干多层次交流学习工作。", []string{"talent"}},
		{"我市召开全市基层医疗卫生工作推进会,部署下一阶段工作任务。", []string{"primary-care"}},
		// An office, a working group or the person in charge of a field, named by the field's
		// keyword, is the actor or an attendee, not the subject (rule 3); a group that does the
		// theme's work (质控小组) is.
		{"院医联体办公室组织专家到乡下义诊。", nil},
		{"镇平安建设办协助做好补贴发放。", nil},
		{"药事管理委员会、传染病防治领导小组分别汇报了工作。", nil},
		{"做好传染病防治工作。", []string{"disease-control"}},
		// Supervision of a field is quality only (judging rule 16): disease control's not_with.
		{"对全县医疗机构的传染病防控进行了监督检查。", nil},
		{"加强传染病防治监督执法。", []string{"quality"}},
		{"各单位信息化工作负责人按时报送数据。", nil},
		{"区清廉医院建设工作小组组长带队参加敬老宣传。", nil},
		{"组建区儿科质控小组。", []string{"children", "quality"}},
		{"推进清廉医院建设。", []string{"party"}},
		// The topics of an exchange (围绕…作经验交流) are topics, with or without 等 (round 11).
		{"会上,三家单位分别围绕城市医疗集团、信用监管作经验交流。", nil},
		{"会议围绕城市医疗集团建设进行交流。", nil},
		// Network security's staff, plans and bottom line are its own (rules 5 and 6), and a
		// bearing (人才风貌) is no workforce task.
		{"构建科学的网络安全人才培养新模式。", []string{"digital"}},
		{"建立健全网络安全制度、应急预案。", []string{"digital"}},
		{"坚守网络和数据安全底线。", nil},
		{"展现医疗卫生人才风貌。", nil},
		// A community health station, as a health centre, is mostly named as the actor; the
		// object of a task's verb, it is the task. Old people in a story are no task for them.
		{"海特花园社区卫生服务站举办社区义诊活动。", nil},
		{"推进社区卫生服务站标准化建设。", []string{"primary-care"}},
		{"许多老年人平常很少有机会到医院就诊。", nil},
		{"为老年人提供健康管理服务。", []string{"elderly"}},
		// An institution followed by a verb of doing is the actor of the task (rule 3), its
		// weak phrase counting nothing; without one it still counts.
		{"镇中心卫生院结合宣传月组织党员开展基层宣传活动。", nil},
		{"镇中心卫生院为群众提供免费健康体检。", []string{"primary-care"}},
		// Paraphrases: Alzheimer's is old age's dementia (rule 7); e-licences are digital.
		{"开展阿尔茨海默病早筛早治。", []string{"elderly"}},
		{"推动出生医学证明电子证照应用。", []string{"digital"}},
		// Words in another sense: an attitude (侥幸心理), people's wisdom (群众智慧), figures
		// (统计数字) and pensions (养老保险, social insurance) are no theme's work.
		{"克服麻痹思想和侥幸心理,抓好安全生产。", []string{"safety"}},
		{"汇聚群众智慧,确保统计数字真实准确。", nil},
		{"提高城乡居民基本养老保险待遇。", nil},
		// An ordinal is no 三医 (第三医院, 第三医疗健康服务集团), and a mental hospital named as
		// organiser or performer is the actor (rule 3), as 中医医院 is (round 19).
		{"县第三医疗健康服务集团院长一行深入辖区督导。", nil},
		{"由市精神卫生中心、区卫生健康委员会承办。", nil},
		{"推进三医协同发展和治理。", []string{"reform"}},
		{"加强精神卫生服务体系建设。", []string{"mental-health"}},
		// Round 20 (labelled.txt, paragraph 28). Spreading knowledge of mental health set as a
		// task is health promotion besides mental health (paragraph 20, rule 22).
		{"普及心理健康知识。", []string{"mental-health", "health-promotion"}},
		// Paraphrases: a hospital's grading and its review (复审, 复评审, 二甲) are public
		// hospitals'; a 妇幼保健院's grading is maternal; the sector's 岗位练兵 and 银龄医师 are
		// the workforce; 医疗"三监管" and 院内感染 are quality; 除“四害” is 爱国卫生.
		{"迎接三级医院复审。", []string{"public-hospitals"}},
		{"我院将以这次二甲复评审为起点。", []string{"public-hospitals"}},
		{"符合三级乙等妇幼保健院标准。", []string{"maternal"}},
		{"开展卫生行业岗位练兵、技术比武活动。", []string{"talent"}},
		{"已到岗银龄医师60余名。", []string{"talent"}},
		{"全面推进医疗“三监管”。", []string{"quality"}},
		{"重点检查院内感染管理体系。", []string{"quality"}},
		{"开展除“四害”消杀活动。", []string{"health-promotion"}},
		// The yardstick a task follows (按照…标准), what a subject bears on (事关…), a person's
		// title, a count of institutions, a research base's name, the line followed (为全面落实…
		// 要求) and the purpose (为…营造良好环境, 保障…身体健康) set no task of their own.
		{"按照三级医院评审标准,必须加强信息系统建设。", []string{"digital"}},
		{"事关患者生命安全、医务人员职业健康和社会和谐稳定。", nil},
		{"邀请复旦大学出生缺陷研究中心副主任作专题讲座。", nil},
		{"其中三级医院32所,二级医院18所,民营医院6所。", nil},
		{"共建院士肿瘤研究基地。", nil},
		{"为全面落实新冠肺炎疫情常态化防控工作要求,开展院感管理专项检查。", []string{"quality"}},
		{"为战胜新冠肺炎疫情营造良好环境。", nil},
		{"保障妇女儿童生命安全与身体健康。", nil},
		// A year in review's fields where work was praised give theirs (rule 26).
		{"对行政管理、医疗质量、医疗技术等方面的成绩进行了肯定。", []string{"quality"}},
		// 医疗安全 in 医疗安全生产, and the plans of safety work, are 安全生产's; a meeting named
		// for it in a video conference is its subject.
		{"医疗安全生产是医疗卫生事业高质量发展的基石。", []string{"safety"}},
		{"不断完善医疗卫生安全各项应急预案。", []string{"safety"}},
		{"全市医疗卫生安全工作视频会议召开。", []string{"safety"}},
		{"纠正医疗卫生方面损害群众利益行为。", []string{"party"}},
		// An institution that gives its event a theme (以…为主题) and then acts is its actor
		// (rule 3); 基层 of 基层医务工作者 is no programme (round 21).
		{"沙洋县高阳镇卫生院以“弘扬雷锋精神,践行医者担当”为主题,组织党员骨干、医护志愿者开展学雷锋志愿服务活动,践行基层医务工作者的责任与担当。", nil},
		// Standard words of the themes (round 21): the e-health record and information
		// management systems are digital, day care and homes for the aged elderly, political
		// study party.
		{"全面推行居民电子健康档案。", []string{"digital"}},
		{"全部录入疫苗信息管理系统。", []string{"disease-control", "digital"}},
		{"示范打造5处社区日间照料服务站。", []string{"elderly"}},
		{"完成6所乡镇敬老院新建。", []string{"elderly"}},
		{"二要抓牢政治学习、抓好业务学习。", []string{"party"}},
		// Smart services of other sectors (智慧就业) are no digital health, and old people
		// singled out among those a clinic pleased (特别是老年人) no task for them.
		{"智慧就业服务大厅被确定为全省“智数就业”服务创新应用场景。", nil},
		{"义诊活动一直很受社区居民特别是老年人的欢迎。", nil},
		{"义诊服务台刚一搭建,便吸引了众多老年居民前来排队。", nil},
		// The work in which a thing is to play its role (在…中的作用) is its arena, not a task.
		{"充分发挥中医药在深化医药卫生体制改革和建设健康运城中的作用。", []string{"tcm"}},
		{"深化医药卫生体制改革。", []string{"reform"}},
		// A time reference ending 期间 sets no task, and children in welfare's care (困境儿童)
		// are no children's health work (round 21).
		{"新冠疫情期间,医院工会对一线职工进行了慰问。", nil},
		{"做好新冠疫情防控。", []string{"disease-control"}},
		{"兜底保障特困供养人员,救助守护101名困境儿童。", nil},
		// A not_with context reaches over the clause that goes on with its task (并…): the
		// drills of a network-security plan are network security's (round 21).
		{"各医疗单位要制定网络安全应急预案,并定期进行应急预案演练。", []string{"digital"}},
		{"制定网络安全制度,完善突发事件应急预案。", []string{"digital", "emergency"}},
		// A keyword that runs on from a weak phrase, sharing one of the theme's weak phrases
		// with it, is still read (加强基层 and 基层服务能力 share 基层); a keyword that shares
		// only a character with a weak one is a split word (应急 and 急救 in 应急救援), and one
		// that shares a word that is no phrase of the theme is still hidden (三级医院评审).
		{"加强基层服务能力建设和人才队伍建设。", []string{"primary-care", "talent"}},
		{"推动责任、管理、投入、培训、应急救援和风险评估“六到位”。", nil},
		{"按照三级医院评审标准,必须加强信息系统建设。", []string{"digital"}},
		// An institution in which something is set up (创建, 建成, 设立…) is the place of that
		// thing: another theme's programme there is no 基层卫生 (rule 5), its own is (round 21).
		{"积极动员10县区有条件的乡镇卫生院创建艾滋病快速检测点。", []string{"disease-control"}},
		{"推进乡镇卫生院创建社区医院。", []string{"primary-care"}},
		// The state of the reform (医改形势, 医改趋势) is a background, not a task on it.
		{"新的医改形式对医院发展提出了更高的要求,要结合医改趋势明确科室发展方向。", nil},
		// A quality asked of the staff to be given posts (有良好医德医风的) is no 医德医风 task,
		// and people's pension money (养老钱, as 养老金) no old people's health work.
		{"使有资质、有能力、有良好医德医风的卫生专业技术人员能够逐步得到编制保障。", nil},
		{"加强医德医风建设。", []string{"party"}},
		{"守护好人民群众的每一分“养老钱”“保命钱”。", nil},
		// Readings of a sentence no single phrase carries (config.toml together, round 24): a
		// 卫生院's checkup of people aged 65 and over is the 基层's basic public health service
		// and old people's health (rule 23), a party branch's checkup of 五保老人 is neither, and
		// old people as one of a list of target groups give none (rule 4); 帮扶 with the 基层 as
		// the receiving end is primary-care, with a county hospital not (rule 17); the opening of
		// a health-education day is health promotion and the day's subject (rule 22).
		{"杨桥中心卫生院为65岁及以上老人进行健康体检。", []string{"primary-care", "elderly"}},
		{"为65岁以上的老人免费体检。", []string{"elderly"}},
		{"镇卫生院党支部为五保老人、特殊病患儿童等群体免费体检。", nil}, // groups in a list (rule 4); a lone 老人…体检 is elderly (i18zo)
		{"对辖区老人、儿童、孕产妇等重点人群提供免费健康体检。", nil},
		{"加强对基层医疗机构的帮扶指导。", []string{"primary-care"}},
		{"推动三级医院对县级医院的帮扶指导。", []string{"public-hospitals"}},
		{"开展第22个“全国高血压日”宣传活动。", []string{"disease-control", "health-promotion"}},
		// A reading obeys what a single phrase obeys: nothing from the line followed, a title,
		// the places a visit went to, nor a sentence set by one of the theme's not_with phrases
		// (review of round 24: each gave the reading's themes).
		{"以老人体检为指导。", nil},
		{"以卫生院为65岁以上老人体检为指导。", nil},
		{"《关于卫生院为65岁以上老人体检的通知》", nil},
		{"视察组先后前往卫生院、老人体检中心。", nil},
		{"开展结核病防治日宣传活动和监督执法。", []string{"health-promotion", "quality"}},
		// 健康镇 and 健康乡镇 are 健康村镇 (rule 12), 健康镇江 a place's 健康X; a family doctors'
		// team (家医团队) is primary-care; 农村实用人才 are farmers, not the health workforce.
		{"创建省级健康镇。", []string{"health-promotion"}},
		{"助推“健康镇江”加速跑起来。", nil},
		{"这是田家镇卫生院家医团队。", []string{"primary-care"}},
		{"举办农村实用人才带头人培训班。", nil},
		// An institution whose staff do a task is its actor (rule 3); quoted titles listed before
		// 等 are topics though a title holds a comma (rule 4).
		{"城关镇卫生院、村卫生室医务人员开展免费测血压义诊。", nil},
		{"开展“知晓您的血压”、“艾滋病防治,利人利己”等健康教育讲座。", []string{"health-promotion"}},
		// 提升医疗服务质量 set as a task is quality, as the purpose of a measure none (rule 16);
		// a supervision check of an occupational-health rule is quality only; 其中医疗机构 holds no
		// 中医.
		{"持续深化医改,加快提升医疗服务质量。", []string{"reform", "quality"}},
		{"推进专科优质资源下沉,提升医疗服务质量。", nil},
		{"工业企业职业健康制度落实情况联合抽查。", []string{"quality"}},
		{"违法案件245件,其中医疗机构219件。", nil},
		// Standard words of public hospitals and of health publicity (round 25).
		{"一是完善制度,主动监管。明确委医政科牵头负责,相关科室立足职责,大力配合,制定进一步加强公立医院监管的具体措施。", []string{"public-hospitals"}},
		{"广泛开展科普宣传、社会动员等工作。", []string{"health-promotion"}},
		// A quotation mark lost or typed plain in copying opens no quotation: the commas after
		// it still end clauses, and a list later in the sentence does not swallow them.
		{"开展“健康宣传\",加强精神卫生工作,开展高血压筛查、老年人健康管理、慢性病随访等服务。", []string{"mental-health", "health-promotion"}},
		{"开展“健康宣传,加强精神卫生工作,开展高血压筛查、老年人健康管理、慢性病随访等服务。", []string{"mental-health", "health-promotion"}},
		// Words in another sense (round 26): 巡视 as a visit or a patrol, not the party's
		// inspection tour; the results of a training or a study (培训成果转化), not research; the
		// informatization a task uses as its means; children's school enrolment.
		{"建立居家养老巡视探访服务制度。", []string{"elderly"}},
		{"做好日常安全防范和定岗定点巡视。", nil},
		{"将培训成果转化为日常写作的工具箱。", nil},
		{"用信息化手段解决长效管护问题。", nil},
		{"适龄残疾儿童入学率达97%。", nil},
		// Severe mental disorders under their older names are mental health; the social order
		// (平安建设) a mental-health measure serves is its purpose, and a 平安建设 office an actor,
		// not the health system's own safety work (rules 3, 24; round 15); a fire check of 托育机构
		// is safety only (rule 5); critical care of newborns is maternal and children (rule 8).
		{"对3-5级精神患者每周入户走访。", []string{"mental-health"}},
		{"召开重症精神病患者联合管控工作会议。", []string{"mental-health"}},
		{"严重精神障碍患者管控服务是平安建设工作的一项重要内容。", []string{"mental-health"}},
		{"传达区委平安建设工作领导小组《平安建设重点村整治工作方案》精神。", nil},
		{"对医疗机构和托育机构开展消防安全大检查。", []string{"safety"}},
		{"完善危重新生儿救治网络。", []string{"children", "maternal"}},
	} {
		if got := site.Match(tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("site Match(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestKnowledgeTopics: knowledge of preventing a disease handed to people (防治知识, 预防…知识,
// 防控知识, 防病知识) names the topic of health education, not a task on the disease (judging
// rules 4 and 22); a target of how many know it, knowledge of a skill, the health-promotion
// theme's own phrases and a disease named in another clause count as written.
func TestKnowledgeTopics(t *testing.T) {
	tg := New([]config.Theme{
		{Slug: "disease-control", Keywords: []string{"慢性病", "艾滋病", "高血压", "结核病"}},
		{Slug: "tcm", Keywords: []string{"中医药"}},
		{Slug: "emergency", Keywords: []string{"急救"}},
		{Slug: "health-promotion", Keywords: []string{"健康教育", "防病知识"}, Aspect: true},
	})
	for _, tt := range []struct {
		text string
		want []string
	}{
		// The topic, back to the verb that hands the knowledge out or to the clause's start.
		{"社区医生向居民宣传慢性病防治知识。", nil},
		{"开展健康教育,普及艾滋病防治知识。", []string{"health-promotion"}},
		{"讲座讲解了高血压的预防知识。", nil},
		{"发放结核病防控知识手册500份。", nil},
		{"义诊现场宣传中医药防病知识。", []string{"health-promotion"}},
		// A target of how many know it is the programme's own; a skill taught is no topic of
		// prevention; a disease in the clause before is a task of its own.
		{"全市居民艾滋病防治知识知晓率达到90%。", []string{"disease-control"}},
		{"培训群众掌握急救知识和技能。", []string{"emergency"}},
		{"加强慢性病综合防治,普及防病知识。", []string{"disease-control", "health-promotion"}},
	} {
		if got := tg.Match(tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Match(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestAudienceIsTheWholeNounPhrase: the people a task is for, named right before another
// theme's keyword, count nothing (judging rule 4), and that holds for every phrase of the name
// of those people, not only its last one (儿童 in 儿童青少年心理健康 as well as 青少年).
func TestAudienceIsTheWholeNounPhrase(t *testing.T) {
	tg := New([]config.Theme{
		{Slug: "children", Keywords: []string{"儿童", "青少年", "近视"}},
		{Slug: "mental-health", Keywords: []string{"心理健康"}},
		{Slug: "elderly", Keywords: []string{"高龄", "老年"}},
		{Slug: "disease-control", Keywords: []string{"疫苗接种"}},
	})
	for _, tt := range []struct {
		text string
		want []string
	}{
		// Two or three phrases of one theme name the people; all of them are the audience.
		{"开展儿童青少年心理健康服务。", []string{"mental-health"}},
		{"为儿童青少年学生心理健康提供服务。", []string{"mental-health"}},
		{"完成高龄老年人群疫苗接种。", []string{"disease-control"}},
		// A phrase of the theme apart from the people's name, or the theme's own task after the
		// people, keeps its theme.
		{"加强儿童保健,开展青少年心理健康服务。", []string{"children", "mental-health"}},
		{"开展儿童青少年近视防控。", []string{"children"}},
	} {
		if got := tg.Match(tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Match(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestPublicityFormsCount: the means of a task about something else count nothing (通过…方式,
// a list closed by 等 before 形式), but the forms a publicity takes (通过发放宣传资料、开展健康讲座
// 等形式,向群众宣传…) are the health education given at the event (judging rule 22) and count as
// written. Rows written from the rule with a toy taxonomy; the first three fail without it.
func TestPublicityFormsCount(t *testing.T) {
	tg := New([]config.Theme{
		{Slug: "primary-care", Keywords: []string{"家庭医生签约"}},
		{Slug: "mental-health", Keywords: []string{"精神卫生"}},
		{Slug: "health-promotion", Keywords: []string{"健康讲座"}, Weak: []string{"宣传资料", "宣传展板"}},
	})
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"通过发放宣传资料、开展健康讲座等形式,向群众宣传精神卫生政策。", []string{"mental-health", "health-promotion"}},
		{"本次活动通过摆放宣传展板、发放宣传资料等多种形式,深入宣传精神卫生知识。", []string{"mental-health", "health-promotion"}},
		{"通过健康讲座等方式,普及精神卫生知识。", []string{"mental-health", "health-promotion"}},
		// The means of another task, and forms that go on to no publicity, still count nothing.
		{"通过健康讲座等形式,推进家庭医生签约服务。", []string{"primary-care"}},
		{"通过发放宣传资料、开展健康讲座等方式,提高家庭医生签约率。", []string{"primary-care"}},
		{"通过健康讲座等形式,加强精神卫生服务。", []string{"mental-health"}},
	} {
		if got := tg.Match(tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Match(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestReviewedFieldsCount: the fields a report goes over, listed before 等方面 with a verb of
// review within a few characters (回顾, 汇报, 阐述, 展示, 述职), are work reported and give their
// themes (judging rule 26), as 等方面取得/总结 already do; the topics of an exchange, the points
// of a demand and a list whose report comes too late stay examples (judging rule 4). A toy
// taxonomy; the rows are written from the rule, not taken from the labelled passages; the
// first four fail without it.
func TestReviewedFieldsCount(t *testing.T) {
	tg := New([]config.Theme{
		{Slug: "quality", Keywords: []string{"医疗质量"}},
		{Slug: "talent", Keywords: []string{"人才培养"}},
		{Slug: "party", Keywords: []string{"廉政建设"}},
	})
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"院长从医疗质量、人才培养、廉政建设等方面全面回顾了去年的工作。", []string{"quality", "talent", "party"}},
		{"各科主任围绕医疗质量、人才培养等方面,进行了全面而深入的汇报。", []string{"quality", "talent"}},
		{"各部门围绕医疗质量、人才培养等方面,以PPT的形式展示全年工作开展情况。", []string{"quality", "talent"}},
		{"科室负责人从医疗质量、廉政建设等方面,用数据阐述工作成效。", []string{"quality", "party"}},
		// An exchange's topics, a demand's points, and a review beyond the look stay examples.
		{"与会代表围绕医疗质量、人才培养等方面开展交流。", nil},
		{"与会代表就医疗质量、廉政建设等方面进行了交流分享。", nil},
		{"会议要求各单位从医疗质量、人才培养等方面提出改进措施。", nil},
		{"各单位从医疗质量、人才培养等方面入手,结合本单位的实际情况和发展规划,认真总结经验后汇报。", nil},
	} {
		if got := tg.Match(tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Match(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestKnowledgeTopicIsTheNounBeforeIt: the topic of knowledge handed out (knowledgeTopics)
// stops at a conjunction or a task's closing noun before it, so another task's 防治/防控 keeps
// its theme; awareness targets however written (知识的知晓率, 知识普及率) and stores of
// knowledge (知识库, 知识图谱) have no topic. With the site's config.toml; each want is what the
// tagger gave before the rule (an independent review's cases).
func TestKnowledgeTopicIsTheNounBeforeIt(t *testing.T) {
	cfg, err := config.Load(filepath.Join("..", "..", "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	tg := New(cfg.Themes)
	for _, c := range []struct {
		text string
		want []string
	}{
		// a task on the disease, then a different knowledge joined by 和/与/及
		{"强化慢性病防治和健康知识宣传。", []string{"disease-control", "health-promotion"}},
		{"完善慢性病防治体系和健康知识传播机制。", []string{"disease-control", "health-promotion"}},
		{"做好艾滋病防治工作和健康知识宣传。", []string{"disease-control", "health-promotion"}},
		// a skill's knowledge (which the rule says counts as written) lost with the task before it
		{"推进慢性病防控和急救知识培训。", []string{"disease-control", "emergency"}},
		{"加强传染病防控及卫生应急知识培训。", []string{"disease-control", "emergency"}},
		// awareness targets: the rule keeps 知识知晓率 but not 知识的知晓率 or 知识普及率
		{"全市居民艾滋病防治知识的知晓率达到90%。", []string{"disease-control"}},
		{"公众对抑郁症防治知识的知晓率达80%。", []string{"mental-health"}}, // labelled.txt web-yiyuzheng-tese-2020#p2
		{"居民艾滋病防治知识普及率达到90%。", []string{"disease-control"}},
		// a knowledge base is no knowledge handed out
		{"构建传染病防控知识图谱。", []string{"disease-control"}},
		{"建设慢性病防治知识库。", []string{"disease-control"}},
	} {
		if got := tg.Match(c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Match(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// TestDirectivesHaveTheLastWord: an editor's directive adds a theme the rules do not give and
// removes one they do, whatever the text holds.
func TestDirectivesHaveTheLastWord(t *testing.T) {
	tg := New(themes)
	d := parse(t, "1. 区儿科医院开展义诊，儿科、口腔等科室。{themes: +children}\n\n2. 发展儿科，发展儿童保健。{themes: -children}\n")
	got := tg.Tag(d)
	if s := tags(d, got); s != "i1=children i2=" {
		t.Errorf("got %q", s)
	}
}

// BenchmarkMatch tags a long passage and the same text 10 and 100 times over, in one clause
// (no punctuation but 、 and 等, the worst case for the list rule): the time per byte should
// not grow with the length.
func BenchmarkMatch(b *testing.B) {
	tg := New([]config.Theme{
		{Slug: "tcm", Keywords: []string{"中医", "中医药"}, Exclude: []string{"中医院"}},
		{Slug: "children", Keywords: []string{"儿科", "儿童"}},
		{Slug: "talent", Keywords: []string{"人才队伍"}, Weak: []string{"人才", "培训"}},
		{Slug: "health", Keywords: []string{"健康*行动"}},
		{Slug: "public-hospitals", Weak: []string{"公立医院"}},
	})
	for _, c := range []struct{ name, unit string }{
		{"", "加快中医、口腔、老年、慢性病等科室能力建设和儿科、精神卫生等专业人才培训以及健康湖州专项行动"},
		// the marks of principles, significance (是 with no 的重要 after it), means and lists,
		// many in one clause
		{"prose", "坚持中医、儿科以及其他是推进中医药的举措通过人才培训等方式推进公立医院发展"},
		// a scope (适用于) running over many clauses, each with means, and lists of centres
		{"scope", "适用于儿科、中医等二大中心，依托人才培训推进公立医院，"},
	} {
		for _, n := range []int{1, 10, 100} {
			text := strings.Repeat(c.unit, n)
			name := fmt.Sprintf("x%d", n)
			if c.name != "" {
				name = c.name + "/" + name
			}
			b.Run(name, func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for i := 0; i < b.N; i++ {
					tg.MatchTags(text)
				}
			})
		}
	}
}

// TestReasonClause: a reason's clause is its sentence cut at the nearest ， or ： either side
// of the phrase, brackets and the list comma 、 kept, the sentence's closing mark kept.
func TestReasonClause(t *testing.T) {
	for _, tt := range []struct {
		text, phrase, before, after string
		cutBefore, cutAfter         bool
	}{
		{"加强公共卫生人才培养，大力培育公共卫生创新团队，提高专业技术高级岗位比例。", "卫生人才", "加强公共", "培养", false, true},
		{"加强培养，大力培育公共卫生创新团队，提高比例。", "创新团队", "大力培育公共卫生", "", true, true},
		{"完善机制：推进医养结合。", "医养结合", "推进", "。", true, false},
		{"扎实推进疾控体系高质量发展。", "疾控", "扎实推进", "体系高质量发展。", false, false},
		{"开设精神（心理）科门诊，做好随访。", "心理", "开设精神（", "）科门诊", false, true},
		{"抓好呼吸道、艾滋病、结核病等重点传染病防治。", "结核病", "抓好呼吸道、艾滋病、", "等重点传染病防治。", false, false},
		{"提高覆盖率,推进AI辅助诊断;其他", "AI", "推进", "辅助诊断;", true, false},
	} {
		start := strings.Index(tt.text, tt.phrase)
		r := reasonAt(tt.text, start, start+len(tt.phrase))
		b, a, cb, ca := r.Clause(tt.text)
		if b != tt.before || a != tt.after || cb != tt.cutBefore || ca != tt.cutAfter {
			t.Errorf("%q %s: clause %q|%q (cut %v %v), want %q|%q (cut %v %v)", tt.text, tt.phrase, b, a, cb, ca, tt.before, tt.after, tt.cutBefore, tt.cutAfter)
		}
	}
}
