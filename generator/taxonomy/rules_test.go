package taxonomy

import (
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/planportal/planportal/generator/config"
)

// ruleRow is one sentence written from a judging rule's text (testdata/labelled.txt's header):
// another natural way a plan writes the construction the rule names (another verb, marker,
// order or a nested list), composed for this table and not taken from the labelled passages.
// want is what the rule says a reader gives it, in any order. open marks a row
// the tagger still reads otherwise: it is reported, and the test fails when such a row comes
// to be read right (so that the mark is dropped and the row guards from then on).
type ruleRow struct {
	rule int
	text string
	want []string
	open bool
}

// ruleRows: the judging rules that name a construction, each with rows of it.
//
// Branch i18zza widened the code for the open rows of rules 3 (负责/承担/配合 after an
// institution, read as hostVerbs are), 4 (a clause opened by 如 without 等; a qualifier between
// 等 and its task word, 等十大专项行动; 包括/涉及 before a list whose 等 closes the clause), 19
// (认真学习*精神, 组织*学习), 22 and 25 (以/采取/利用… as 通过 before 方式/形式; 防治知识 handed
// out as health education) and 26 (等方面有较大提升; 总结了/回顾了 before the list) and measured
// each on the tune part (2,078 passages). None fixed clearly more errors than it made (0/0 for
// rules 3, 4 (如, qualifiers) and 26: the tune part holds the construction in 0-9 passages and no
// label turns on it; 1/5 for 包括/涉及, 0/1 for rule 19, 1/2 for the means openers, 1/3 for 防治
// 知识), so none was kept; the rows stay open. Kept: rule 11's meeting named for a phrase with
// more of its name between them (妇幼健康工作会议, 中医药传承创新发展大会): 1 fixed, 0 made; and
// a link word that begins the meeting's own word (安全生产推进会, …工作推进会): 1 fixed, 0 made.
// Kept: rule 22's 健康宣传周/月/日 as a health-education week held (config.toml): 1 fixed, 0
// made. Tried and not kept: 以基层为重点 (rule 17's words) as a primary-care phrase, 0 fixed, 1
// made (以基层为重点的分级诊疗体系).
var ruleRows = []ruleRow{
	// Rule 3: an institution that only carries out a task about something else gives no theme,
	// whatever verb names it (由…牵头, 依托, 承担, 组织, 联合).
	{3, "市中医院负责辖区胸痛中心建设。", []string{"emergency"}, false},
	{3, "由县中医院承担全县院前急救任务。", []string{"emergency"}, false},
	{3, "县妇幼保健院组织开展安全生产大检查。", []string{"safety"}, false},
	{3, "依托县中医院建设区域消毒供应中心。", nil, false},
	{3, "各公立医院要落实安全生产主体责任。", []string{"safety"}, false},
	{3, "市儿童医院开展医保基金监管自查自纠。", []string{"quality"}, false},
	{3, "联合市精神卫生中心开展消防安全检查。", []string{"safety"}, false},
	{3, "疾控中心、妇幼保健院、中医院等单位参与健康科普宣传。", []string{"health-promotion"}, false},
	// The same with the verbs that put a task on an institution (负责, 承担, 配合): the task's
	// own theme only; the institution's own service keeps its theme.
	{3, "乡镇卫生院负责开展辖区内安全生产隐患排查。", []string{"safety"}, true},
	{3, "村卫生室承担艾滋病快速检测任务。", []string{"disease-control"}, true},
	{3, "各乡镇卫生院要配合做好新冠疫苗接种工作。", []string{"disease-control"}, true},
	{3, "村卫生室承担常见病、多发病的诊疗服务。", []string{"primary-care"}, false},
	{3, "乡镇卫生院负责辖区基本公共卫生服务。", []string{"primary-care"}, false},
	// Rule 4: a list of examples, departments, specialties, target groups or sub-projects of a
	// task about something else gives no theme, whatever marks it (等, 包括, 如, 涵盖, 以及其他);
	// when the listed things are themselves the tasks, each gives its theme.
	{4, "提升乡镇卫生院儿科、中医、精神科等科室服务能力。", []string{"primary-care"}, true},
	{4, "针对老年人、孕产妇、儿童等重点人群开展健康教育。", []string{"health-promotion"}, false},
	{4, "面向重点人群,如老年人、孕产妇、儿童,开展健康教育。", []string{"health-promotion"}, true},
	{4, "为老年人、儿童以及其他重点人群开展健康教育。", []string{"health-promotion"}, false},
	{4, "开展健康教育,对象包括老年人、孕产妇和儿童。", []string{"health-promotion"}, false},
	{4, "家庭医生签约服务重点人群包括老年人、孕产妇、儿童和慢性病患者。", []string{"primary-care"}, false},
	{4, "家庭医生签约服务涵盖老年人、孕产妇、儿童等重点人群。", []string{"primary-care"}, false},
	{4, "开展健康讲座,内容涉及心理健康、老年保健、儿童营养等。", []string{"health-promotion"}, true},
	{4, "实施妇幼健康、心理健康、中医药服务等五项提升行动。", []string{"mental-health", "maternal", "tcm"}, true},
	{4, "重点推进公立医院综合改革、家庭医生签约服务、智慧医院建设。", []string{"reform", "public-hospitals", "primary-care", "digital"}, true},
	{4, "开展儿童医疗、精神卫生、安宁疗护等十大专项行动。", []string{"children", "mental-health", "elderly"}, true},
	{4, "重点抓好托育服务、医养结合、卫生应急等工作。", []string{"childcare", "elderly", "emergency"}, false},
	// Rule 5: a word in another sense, or 基层 as the setting of another programme, gives no
	// theme of its own.
	{5, "在乡镇卫生院设立艾滋病快速检测点。", []string{"disease-control"}, false},
	{5, "在社区卫生服务中心设置艾滋病自愿咨询检测门诊。", []string{"disease-control"}, false},
	{5, "依托村卫生室开展艾滋病快速检测。", []string{"disease-control"}, false},
	{5, "三级医院为基层预留专家号源。", nil, false},
	{5, "推动基层党组织标准化规范化建设。", []string{"party"}, false},
	{5, "各医疗机构与托育机构签订签约服务协议。", []string{"childcare"}, true},
	{5, "组织开展消防应急演练。", []string{"safety"}, true},
	{5, "发展普惠性婴幼儿照护服务。", []string{"childcare"}, false},
	// Rules 6 and 25: training of finance, safety or IT staff, and a workforce named as the
	// input or means of another task, give no talent; workforce building set as a task in a
	// clause of its own does, however short.
	{6, "加强财务人员业务培训。", nil, false},
	{6, "组织网络安全管理人员开展专题培训。", []string{"digital"}, false},
	{6, "开展安全生产知识培训。", []string{"safety"}, false},
	{6, "加强年轻干部培养,优化领导班子结构。", []string{"party"}, false},
	{25, "完善急救站点人才培养、设备配置。", []string{"emergency"}, true},
	{25, "通过公开招聘、柔性引进等方式,充实疾控中心专业力量。", []string{"disease-control"}, true},
	{25, "在人才引进、资金保障、项目建设等方面协同发力。", nil, false},
	{25, "加强急救站点人才培养和设备配置。", []string{"emergency"}, true},
	{25, "以讲座、义诊等形式,推进家庭医生签约服务。", []string{"primary-care"}, false},
	{25, "抓好队伍建设,守牢廉洁底线。", []string{"party"}, false},
	{25, "要扩大服务供给,进一步加强人才队伍建设。", []string{"talent"}, false},
	{25, "健全精神卫生服务网络,加强专业人才队伍建设。", []string{"mental-health", "talent"}, false},
	// Rule 10: a cover letter that only forwards a document gives none, whatever its title; one
	// that states the document's purpose carries the themes of that purpose.
	{10, "现将《全市心理健康促进行动实施方案》印发给你们,请认真贯彻执行。", nil, false},
	{10, "现将《关于加强托育服务体系建设的实施意见》转发你们,请结合实际抓好落实。", nil, false},
	{10, "为进一步加强全市院前医疗急救体系建设,制定本方案。", []string{"emergency"}, false},
	{10, "为切实做好老年健康服务工作,结合我县实际,制定本实施方案。", []string{"elderly"}, false},
	// Rule 11: a meeting on one theme carries it in its opening line; a general meeting and
	// lists of attendees carry none.
	{11, "全市妇幼健康工作会议召开。", []string{"maternal"}, false},
	{11, "3月5日,全县中医药传承创新发展大会在县行政中心召开。", []string{"tcm"}, false},
	{11, "全市精神卫生综合管理工作会议召开。", []string{"mental-health"}, false},
	{11, "全区家庭医生签约服务工作推进会召开。", []string{"primary-care"}, false},
	{11, "全市卫生健康暨中医药工作会议召开。", nil, true},
	{11, "全县安全生产工作推进会在县政府召开。", []string{"safety"}, false},
	{11, "院领导班子成员及村卫生室负责人参加会议。", nil, false},
	{11, "全县卫生健康工作会议召开。", nil, false},
	{11, "疾控中心、妇幼保健院、中医院主要负责人参加会议。", nil, false},
	// Rule 12: 健康X建设 with X a place, as the aim another measure serves, gives none; 健康X
	// 行动 and the 爱国卫生 programmes are health-promotion.
	{12, "以高质量发展助力健康泰州建设。", nil, false},
	{12, "为推进健康中国建设贡献卫健力量。", nil, false},
	{12, "深入开展健康泰州行动。", []string{"health-promotion"}, false},
	{12, "积极创建国家卫生城市。", []string{"health-promotion"}, false},
	// Rule 13: a plan's scope listing kinds of events is a list of examples.
	{13, "本预案适用于本市行政区域内发生的重大传染病疫情、群体性不明原因疾病、重大食物和职业中毒等突发公共卫生事件的应急处置工作。", []string{"emergency"}, false},
	{13, "做好突发公共卫生事件应急处置和传染病疫情监测预警。", []string{"disease-control", "emergency"}, false},
	// Rule 16: supervision and enforcement in a field is quality only.
	{16, "开展托育机构卫生监督专项检查。", []string{"quality"}, true},
	{16, "加大中医医疗机构监督执法力度。", []string{"quality"}, true},
	{16, "开展职业卫生监督执法检查。", []string{"quality"}, false},
	// Rule 17: resources sent down are primary-care when the receiving end is 基层, not when
	// it is a county hospital or an unnamed 薄弱区.
	{17, "推动城市优质医疗资源下沉乡镇卫生院。", []string{"primary-care"}, false},
	{17, "组织二级以上医院医师到村卫生室开展巡回医疗。", []string{"primary-care"}, false},
	{17, "选派专家到县级医院开展帮扶。", nil, false},
	{17, "推动优质医疗资源向薄弱地区下沉。", nil, false},
	// Rule 19: a task or report of political study is party; a guiding idea or framing clause
	// is not.
	{19, "组织全体党员认真学习党的二十大精神。", []string{"party"}, true},
	{19, "会议专题学习了党的二十届三中全会精神。", []string{"party"}, false},
	{19, "以习近平新时代中国特色社会主义思想为指导,推动卫生健康事业高质量发展。", nil, false},
	{19, "全面贯彻党的二十大精神,推进卫生健康高质量发展。", nil, false},
	// Rule 20: a list of centres to be built is a list of tasks, each giving its theme.
	{20, "推进胸痛、卒中、创伤、危重孕产妇救治等中心建设。", []string{"maternal", "emergency"}, false},
	{20, "建成卒中、胸痛和危重新生儿救治中心。", []string{"children", "maternal", "emergency"}, false},
	// Rule 22: health education at an event is health-promotion; the subject a week or day is
	// named for gives its theme; free measurements give none.
	{22, "活动现场,医务人员为群众提供健康咨询,发放健康宣传资料500余份。", []string{"health-promotion"}, false},
	{22, "副县长宣布精神卫生日宣传活动正式启动。", []string{"mental-health", "health-promotion"}, false},
	{22, "以讲座、展板、短视频等形式普及心理健康知识。", []string{"mental-health", "health-promotion"}, false},
	{22, "义诊活动为群众免费测量血压、血糖。", nil, false},
	{22, "2024年老年健康宣传周活动在市民广场启动。", []string{"elderly", "health-promotion"}, false},
	{22, "副县长宣布心理健康宣传月活动正式启动。", []string{"mental-health", "health-promotion"}, false},
	{22, "活动中,医务人员向群众讲解传染病防治知识。", []string{"health-promotion"}, true},
	{22, "采取健康讲座、发放宣传资料等方式,向群众宣传精神卫生政策。", []string{"mental-health", "health-promotion"}, false},
	// Rule 23: checkups of people 65 and over are elderly, and primary-care where the 基层 run
	// them.
	{23, "镇卫生院为辖区65岁以上老年人开展免费健康体检。", []string{"primary-care", "elderly"}, false},
	{23, "老年人健康体检率达到70%以上。", []string{"elderly"}, false},
	// Rule 24: building 平安医院 is safety; 平安X建设 as an aim and a wish of 平安 give none.
	{24, "深入推进平安医院建设。", []string{"safety"}, false},
	{24, "为平安中国建设贡献卫健力量。", nil, false},
	{24, "确保群众度过一个平安祥和的春节。", nil, false},
	{24, "把社会心理服务体系建设作为推进平安中国建设的重要抓手。", []string{"mental-health"}, false},
	// Rule 26: the fields a year in review lists are work reported, each giving its theme,
	// whatever verb reports them; an outcome naming no theme's subject gives none.
	{26, "医院在学科建设、医疗质量、党风廉政建设等方面取得了新成效。", []string{"talent", "party", "quality"}, false},
	{26, "一年来,医院在人才培养、医疗质量等方面均有较大提升。", []string{"talent", "quality"}, true},
	{26, "过去一年,人才引进、学科建设、医院等级评审各项工作稳步推进。", []string{"public-hospitals", "talent"}, false},
	{26, "医疗质量持续提升,人才队伍不断壮大,中医药服务能力明显增强。", []string{"tcm", "talent", "quality"}, false},
	{26, "院长总结了过去一年在医疗质量、学科建设等方面的工作。", []string{"talent", "quality"}, true},
	{26, "会上回顾了一年来在医疗质量、人才培养等方面取得的成绩。", []string{"talent", "quality"}, false},
	{26, "各科主任分别就医疗质量、人才培养等方面工作进行了述职。", []string{"talent", "quality"}, false},
	{26, "全院各项工作取得新成效。", nil, false},
	// Rule 27: a document read out or conveyed gives no theme by its title; the meeting's own
	// act on its subject counts as that act; results and commendations give none.
	{27, "会议宣读了《关于表彰2023年度爱国卫生工作先进集体的决定》。", nil, false},
	{27, "会议传达了《全市卫生应急工作要点》。", nil, false},
	{27, "会上,各镇卫生院院长签订了家庭医生签约服务责任书。", []string{"primary-care"}, false},
}

// sameSet reports whether a and b hold the same themes, in any order.
func sameSet(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return reflect.DeepEqual(x, y) || len(x)+len(y) == 0
}

// TestJudgingRuleRows tags each row with the site's taxonomy (config.toml) and reports, rule by
// rule, how many rows it reads as the rule says.
func TestJudgingRuleRows(t *testing.T) {
	cfg, err := config.Load(filepath.Join("..", "..", "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	tg := New(cfg.Themes)
	right, all := map[int]int{}, map[int]int{}
	for _, r := range ruleRows {
		got := tg.Match(r.text)
		ok := sameSet(got, r.want)
		all[r.rule]++
		if ok {
			right[r.rule]++
		}
		switch {
		case !ok && !r.open:
			t.Errorf("rule %d: Match(%q) = %v, want %v", r.rule, r.text, got, r.want)
		case ok && r.open:
			t.Errorf("rule %d: Match(%q) = %v as the rule says: drop the row's open mark", r.rule, r.text, got)
		case !ok:
			t.Logf("rule %d (open): Match(%q) = %v, want %v", r.rule, r.text, got, r.want)
		}
	}
	rules := make([]int, 0, len(all))
	for n := range all {
		rules = append(rules, n)
	}
	sort.Ints(rules)
	sum, n := 0, 0
	for _, k := range rules {
		t.Logf("rule %2d: %d of %d rows read as the rule says", k, right[k], all[k])
		sum, n = sum+right[k], n+all[k]
	}
	t.Log(fmt.Sprintf("all rules: %d of %d rows", sum, n))
}
