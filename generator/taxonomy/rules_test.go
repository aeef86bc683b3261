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
//
// Branch i18zze added a row for each example the header's rules give (their words and
// constructions, in new sentences), rules 1 and 7-27 included, and guards for its fixes: 132
// rows. Of all 234 rows, main 661f3cb's tagger reads 193 as the rules say, i18zze's 206. Its
// fixes, each a slip where the code read a rule's own example otherwise: 工作会 and 专家座谈会
// as meetings (rule 11); a list of departments after an institution (rule 4); 对接…要求 as a
// yardstick (rule 18's reading); a pledge's title read out (rule 27: 2 fixed, 0 made on the tune
// part); 消防安全/消防应急 as 卫生应急's not_with (rule 5); 托育服务人才 out of talent (rule 25);
// newborn screening as maternal (rule 8). All but the pledge were 0 fixed, 0 made on tune.
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
	// The agent a task names after 由 (branch i18zzi): its own work keeps its theme.
	{3, "由经过培训的乡村医生负责慢性病患者随访管理。", []string{"disease-control"}, false},
	{3, "由村卫生室负责辖区儿童预防接种。", []string{"disease-control", "children"}, false},
	{3, "由全科医生承担首诊。", []string{"primary-care"}, false},
	{3, "由乡镇卫生院负责辖区基本公共卫生服务。", []string{"primary-care"}, false},
	// The institutions a check is done on (对…进行/开展…检查, branch i18zzi): the same.
	{3, "对辖区妇幼保健机构开展消防安全检查。", []string{"safety"}, false},
	{3, "对全市精神卫生医疗机构开展消防安全检查。", []string{"safety"}, false},
	{3, "对全市乡镇卫生院开展基本公共卫生服务项目考核。", []string{"primary-care"}, false},
	{3, "对全市各级妇幼保健院进行母婴安全专项检查。", []string{"maternal"}, false},
	// A place named after 在 that closes its clause is the setting of the next (branch i18zzi).
	{3, "在乡镇卫生院,检查组重点查看了消防通道和灭火器配置。", []string{"safety"}, false},
	{3, "在乡镇卫生院,群众就能享受到县级专家的诊疗服务。", []string{"primary-care"}, false},
	// A phrase that begins a person's title before a name names the person's field or employer
	// (branch i18zzi); what the person reports still counts.
	{3, "急诊科带教护士王丽在现场示范了心肺复苏操作。", []string{"emergency"}, false},
	{3, "国家卫生健康委基层卫生健康司司长王强在发布会上介绍了家庭医生签约服务进展。", []string{"primary-care"}, false},
	{3, "加强护士队伍建设。", []string{"talent"}, false},
	// Rule 4: a list of examples, departments, specialties, target groups or sub-projects of a
	// task about something else gives no theme, whatever marks it (等, 包括, 如, 涵盖, 以及其他);
	// when the listed things are themselves the tasks, each gives its theme.
	{4, "提升乡镇卫生院儿科、中医、精神科等科室服务能力。", []string{"primary-care"}, false},
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
	{5, "组织开展消防应急演练。", []string{"safety"}, false},
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
	// The header's own examples (branch i18zze): for each judging rule, the words and
	// constructions its text gives, in sentences composed for this table.
	{1, "县中医院全面推行先诊疗后付费服务模式。", nil, false},
	// Rule 1 and round 10's reading of 以…为契机: the work a task is combined with (a clause
	// that opens with 结合, before a comma) is its occasion; the state of things a plan is fitted
	// to (结合…现状/实际/规划) is its subject.
	{1, "结合党史学习教育,开展医疗质量安全专项检查。", []string{"quality"}, false},
	{1, "结合全国爱国卫生月活动,在各村开展预防接种查漏补种。", []string{"disease-control"}, false},
	{1, "结合本县公立医院改革现状,制定本实施方案。", []string{"public-hospitals", "reform"}, false},
	{1, "坚持医防结合,推进慢性病综合防控。", []string{"disease-control"}, false},
	// Rule 1, paragraph 41's reading: a body's disclosure counts the kinds of information it
	// published (countedClauses); the kinds are no task. Work counted without a disclosure
	// word, and a count of what was done, keep their themes.
	{1, "全年通过门户网站公开政府信息136条,其中中医药工作信息15条、医疗质量管理信息8条。", nil, false},
	{1, "委网站设置党建工作、疾病预防控制、妇幼健康等专栏,累计更新信息260余条。", nil, false},
	{1, "依申请公开政府信息12件,涉及医保基金监管、托育机构备案等事项。", nil, false},
	{1, "政务公开栏目全年更新心理健康服务、家庭医生签约信息40余条。", nil, false},
	{1, "全年查处欺诈骗保案件15件,追回医保基金80万元。", []string{"quality"}, false},
	{1, "主动公开基层医疗卫生服务能力提升工作方案,推进乡镇卫生院提标扩能。", []string{"primary-care"}, false},
	{1, "通过公众号发布健康科普文章150篇,普及合理膳食知识。", []string{"health-promotion"}, false},
	{1, "全年受理医疗纠纷投诉35件,全部办结。", nil, false},
	{3, "各县级公立医院均要开设儿科门诊。", []string{"children"}, false},
	{3, "由公立医院承担辖区儿童健康体检任务。", []string{"children"}, false},
	{3, "村（居）公共卫生委员会协助开展爱国卫生运动。", []string{"health-promotion"}, false},
	{4, "加强社区卫生服务中心中医、康复、口腔、老年病等科室建设。", []string{"primary-care"}, false},
	{4, "针对青少年、孕产妇、婴幼儿等群体开展健康科普。", []string{"health-promotion"}, false},
	{4, "重点实施安宁疗护、儿童医疗、精神卫生等6项行动。", []string{"children", "mental-health", "elderly"}, false},
	{4, "围绕强基工程,今年推进基层设施提升、医疗人才选育、数智医疗联通三项任务。", []string{"primary-care", "digital", "talent"}, false},
	{5, "推进社区卫生服务中心中医馆建设。", []string{"tcm"}, false},
	{5, "推动医疗机构与托育机构签约服务全覆盖。", []string{"childcare"}, false},
	{5, "开展安全生产知识培训和应急疏散演练。", []string{"safety"}, false},
	{5, "医院组织消防安全培训和应急演练。", []string{"safety"}, false},
	{5, "持续加强基层党组织建设,严格落实三会一课。", []string{"party"}, false},
	{5, "在基层医疗机构设立艾滋病快速检测点。", []string{"disease-control"}, false},
	{5, "医联体牵头医院向基层预留专家号源。", []string{"reform"}, false},
	{5, "加快建设婴幼儿照护服务指导中心。", []string{"childcare"}, false},
	{6, "着力加强全县卫生健康人才队伍建设。", []string{"talent"}, false},
	{6, "实施西学中人才培养项目。", []string{"talent", "tcm"}, false},
	{6, "每年组织乡村医生培训不少于两次。", []string{"talent", "primary-care"}, false},
	{6, "加强护理队伍建设,提升护理服务水平。", []string{"talent"}, false},
	{6, "组织卫生监督执法人员参加业务培训。", []string{"quality"}, false},
	{6, "规范干部选拔任用,加强干部日常管理监督。", []string{"party"}, true},
	{6, "医院举行拜师仪式,援疆老师与学员签订帮带协议。", []string{"talent"}, false},
	{6, "市第二人民医院博士工作站正式成立。", []string{"talent"}, false},
	{6, "确保巡察整改成果转化为医院治理效能。", []string{"party"}, false},
	{6, "第二批市首席医学专家人选名单进入公示期。", []string{"talent"}, false},
	{6, "与会领导为县总医院特聘专家颁发证书。", []string{"talent"}, false},
	{7, "统筹推进一老一幼健康服务。", []string{"elderly", "childcare"}, false},
	{7, "加强对老老人的健康关爱。", []string{"elderly"}, false},
	{7, "开展老年期痴呆防治促进行动。", []string{"elderly"}, false},
	{7, "梯度建设高水平医院,打造区域医疗高地。", []string{"public-hospitals"}, false},
	{7, "积极争创国家区域医疗中心。", []string{"public-hospitals"}, false},
	{7, "加强临床重点专科建设。", []string{"public-hospitals"}, false},
	{7, "牢牢掌握意识形态工作领导权。", []string{"party"}, false},
	{7, "持续正风肃纪,纠治医疗领域不正之风。", []string{"party"}, false},
	{7, "开展医疗领域腐败问题集中整治。", []string{"party"}, false},
	{7, "统筹发展和安全,守牢卫生健康领域安全底线。", []string{"safety"}, false},
	{7, "做好信访维稳工作,确保行业安全稳定。", []string{"safety"}, false},
	{7, "加强病原微生物实验室生物安全管理。", []string{"safety"}, false},
	{7, "创新监管手段,推行信用监管。", []string{"quality"}, false},
	{7, "严厉打击欺诈骗保行为。", []string{"quality"}, false},
	{7, "建设传染病智能监测预警平台。", []string{"disease-control", "digital"}, false},
	{7, "推进医疗机构检查检验结果互认。", []string{"digital"}, false},
	{7, "加强数据安全和网络安全防护。", []string{"digital"}, false},
	{7, "推进健康城镇和健康乡村建设。", []string{"health-promotion"}, false},
	{7, "全面实施健康宁波2030行动。", []string{"health-promotion"}, true},
	{7, "开展全民体重管理年活动,倡导合理膳食。", []string{"health-promotion"}, false},
	{7, "深入实施强基工程。", []string{"primary-care"}, false},
	{7, "完善生育支持政策体系。", []string{"maternal"}, false},
	{7, "加强出生人口监测和形势分析。", []string{"maternal"}, false},
	{8, "做好传染病疫情的应急处置和流行病学调查。", []string{"disease-control"}, false},
	{8, "加强卫生应急能力建设,定期开展应急演练。", []string{"emergency"}, false},
	{8, "提升急诊急救能力,建设胸痛中心、卒中中心和创伤中心。", []string{"emergency"}, false},
	{8, "开展心脑血管疾病早期筛查和干预。", []string{"disease-control"}, false},
	{8, "做好职业病危害因素监测。", []string{"disease-control"}, false},
	{8, "开展食品安全风险监测。", []string{"disease-control"}, false},
	{8, "开展学生常见病和近视防控。", []string{"children"}, false},
	{8, "开展新生儿疾病筛查。", []string{"maternal", "children"}, false},
	{8, "提升危重新生儿救治能力。", []string{"maternal", "children"}, false},
	{8, "新生儿听力筛查率达到95%以上。", []string{"maternal", "children"}, false},
	{8, "做好新生儿预防接种。", []string{"children", "disease-control"}, false},
	{8, "推进适龄妇女宫颈癌筛查。", []string{"maternal"}, false},
	{9, "二、重点任务", nil, false},
	{9, "始终坚持以人民健康为中心的发展思想。", nil, false},
	{9, "今年重点抓好三项工作:推进紧密型医共体建设,加强人才队伍建设,提升院前急救能力。", []string{"reform", "talent", "emergency"}, false},
	{10, "现将《健康宁海行动实施方案》印发你们,望结合实际贯彻执行。", nil, false},
	{10, "为加强我县院前医疗急救体系建设,结合实际,制定本实施方案。", []string{"emergency"}, false},
	{10, "指导思想:以健康促进为主线,推动健康教育融入各项工作。", []string{"health-promotion"}, false},
	{11, "市爱卫会办公室会议召开。", []string{"health-promotion"}, false},
	{11, "全县老龄工作会召开。", []string{"elderly"}, false},
	{11, "全市中医药专家座谈会召开。", []string{"tcm"}, false},
	{11, "全市中医药专家收看了视频会议。", nil, false},
	{11, "中医药专家出席会议。", nil, false},
	{11, "全市孕产妇死亡率控制在10/10万以下。", []string{"maternal"}, false},
	{11, "婴儿死亡率下降到3‰以下。", []string{"children"}, false},
	{11, "全县卫生健康工作会议在县行政中心召开。", nil, false},
	{12, "高水平推进健康昆山建设。", nil, false},
	{12, "迈出健康江宁建设新征程。", nil, false},
	{12, "实施健康昆山专项行动。", []string{"health-promotion"}, false},
	{12, "开展健康社区、健康细胞建设。", []string{"health-promotion"}, false},
	{12, "创建省级卫生县城。", []string{"health-promotion"}, false},
	{13, "完善公共卫生应急管理体系。", []string{"emergency"}, false},
	{13, "加强突发公共卫生事件应急物资储备。", []string{"emergency"}, false},
	{13, "做好传染病流调和核酸检测。", []string{"disease-control"}, false},
	{14, "推进妇幼健康服务能力提升。", []string{"maternal"}, false},
	{14, "加快妇幼保健院标准化建设,加强儿童保健服务。", []string{"maternal", "children"}, false},
	{15, "合理核定公立医院绩效工资总量,落实两个允许要求。", []string{"public-hospitals"}, false},
	{15, "落实薪酬激励政策,引进急需紧缺人才。", []string{"talent"}, false},
	{16, "推进城市医院专科资源下沉,进一步提升医疗服务质量。", nil, false},
	{16, "持续提升医疗服务质量。", []string{"quality"}, false},
	{16, "开展医养结合机构服务质量提升行动。", []string{"elderly"}, false},
	{16, "加强学校卫生监督执法。", []string{"quality"}, false},
	{17, "组织医疗队赴乡镇开展巡回医疗。", []string{"primary-care"}, true},
	{17, "推动优质医疗资源下沉到村。", []string{"primary-care"}, true},
	{17, "坚持以基层为重点,推动专家团队下沉。", []string{"primary-care"}, true},
	{17, "城市三级医院对口帮扶县级医院。", nil, false},
	{18, "推进公立医院管理体制机制改革。", []string{"public-hospitals", "reform"}, false},
	{18, "深化公立医院放管服改革。", []string{"public-hospitals", "reform"}, false},
	{18, "建立健全现代医院管理制度,完善法人治理结构。", []string{"public-hospitals", "reform"}, true},
	{18, "主动对接DRG支付方式改革要求,调整病种结构。", nil, false},
	{18, "推进DRG支付方式改革,对接医保结算要求。", []string{"reform"}, false},
	{19, "各党支部要认真学习领会全会精神。", []string{"party"}, false},
	{19, "组织党员干部集中学习新修订的党纪处分条例。", []string{"party"}, false},
	{19, "指导思想是坚持以人民为中心的发展思想。", nil, false},
	{20, "规划建设慢病管理、肿瘤防治等临床诊疗中心。", []string{"disease-control"}, false},
	{21, "落实计划生育奖励扶助和特别扶助制度。", []string{"maternal"}, false},
	{21, "做好计生特殊家庭帮扶关怀。", []string{"maternal"}, false},
	{22, "义诊现场,医务人员发放保健宣传册并提供健康咨询。", []string{"health-promotion"}, false},
	{22, "全民健康生活方式日宣传活动在市民广场举行。", []string{"health-promotion"}, false},
	{22, "世界无烟日当天,组织志愿者开展控烟宣传。", []string{"health-promotion"}, false},
	{22, "高血压日主题宣传活动在社区启动。", []string{"disease-control", "health-promotion"}, false},
	{22, "宣传医养结合政策措施。", []string{"elderly"}, false},
	{22, "世界家庭医生日当天,开展签约服务宣传。", []string{"primary-care"}, false},
	{22, "宣传周期间,专家为老人讲解高血压防治知识。", []string{"health-promotion"}, true},
	{22, "通过免费筛查发现高血压患者并纳入规范管理。", []string{"disease-control"}, true},
	{23, "村卫生室为65岁及以上老人免费体检。", []string{"elderly", "primary-care"}, false},
	{23, "做优做实老年人健康体检。", []string{"elderly"}, false},
	{24, "部署全系统平安建设工作。", []string{"safety"}, false},
	{24, "印发平安建设考评办法。", []string{"safety"}, false},
	{24, "助力平安金坛建设。", nil, false},
	{24, "祝大家度过平安、祥和的春节。", nil, false},
	{25, "1995年成立县妇幼保健所,同时加强人才队伍建设。", []string{"maternal", "talent"}, false},
	{25, "通过公开招聘、引进人才等方式,充实了院前急救队伍。", []string{"emergency"}, false},
	{25, "聚焦乡镇卫生院人才短板,建立常态化对口帮扶机制。", []string{"primary-care"}, false},
	{25, "加强托育服务人才队伍建设。", []string{"childcare"}, false},
	{25, "做好托育服务人才培养和岗前培训。", []string{"childcare"}, false},
	{25, "开展养老护理员职业技能培训。", []string{"elderly"}, false},
	{26, "过去一年,全院在人才队伍建设、临床重点专科建设等方面取得了新成效。", []string{"public-hospitals", "talent"}, false},
	{26, "近年来,医院学科建设、人才培养、医疗质量与安全等都有了质的飞跃。", []string{"talent", "quality"}, true},
	{26, "医院综合服务能力明显提升。", nil, false},
	{26, "通过综合医改,推动人才资源更加优化。", []string{"reform"}, false},
	{27, "会上宣读了《年度重点工作任务清单》,要求各单位巩固县域医共体建设成果。", []string{"reform"}, false},
	{27, "会上宣读了创建国家健康促进区承诺书。", []string{"health-promotion"}, false},
	{27, "会议宣读了《全区创建国家卫生城市承诺书》。", []string{"health-promotion"}, false},
	// Rule 26 and round 33's reading: a public hospital's own management in the fields its year
	// in review names, or set as a task by the hospital itself (config.toml's together reading).
	{26, "院长在职代会上从医院管理、后勤服务等方面回顾了全年工作。", []string{"public-hospitals"}, false},
	{26, "医院在党的建设、医院管理、学科建设等方面取得新成效。", []string{"party", "public-hospitals", "talent"}, true},
	{1, "全院要加强运营管理,推进成本核算和全面预算。", []string{"public-hospitals"}, false},
	{1, "乡镇卫生院院长要加强卫生院规范化管理。", []string{"primary-care"}, false},
	{1, "推进医院长远发展,落实科室绩效考核。", nil, false},
	{27, "各单位负责人签订了《2024年度安全生产目标责任书》。", []string{"safety"}, false},
	{27, "会议宣读了《全区卫生城市创建工作方案》。", nil, false},
	{27, "会议通报了年度考核结果并表彰先进。", nil, false},
	// Rule 22 and round 32's reading, round 34: a disease or a vaccine named as the topic of the
	// knowledge handed out, with no 防治 word, is the topic too; a skill's knowledge is left as
	// written.
	{22, "向居民宣传艾滋病知识,发放健康教育处方。", []string{"health-promotion"}, false},
	{22, "普及疫苗接种知识,提升居民健康素养。", []string{"health-promotion"}, false},
	{22, "在社区开展慢性病知识宣传,倡导健康生活方式。", []string{"health-promotion"}, false},
	{22, "组织志愿者学习急救知识。", []string{"emergency"}, false},
	// Round 34: knowledge lectured or handed out in leaflets at an event is health education.
	{22, "卫生院到小学开展结核病防治知识宣讲活动。", []string{"health-promotion"}, false},
	{22, "活动现场发放宣传手册和宣传彩页200余份。", []string{"health-promotion"}, false},
	{22, "举办糖尿病防控知识讲座。", []string{"health-promotion"}, false},
	// Rule 28 (paragraph 42, the lead's decision): what a visit examined carries its theme as a
	// task's object does (an institution's own building); a place merely visited, whose
	// inspection was about something else, gives none.
	{28, "副县长到县中医医院检查门诊综合楼建设进度。", []string{"tcm"}, false},
	{28, "县委常委督导城郊镇卫生院迁建工程。", []string{"primary-care"}, false},
	{28, "县长到县妇幼保健院新址调研迁建项目。", []string{"maternal"}, false},
	{28, "副县长到县中医医院检查安全生产工作。", []string{"safety"}, false},
	{28, "省调研组一行到城关镇中医卫生室调研。", nil, false},
	{28, "视察组先后在县中医医院、城关镇卫生院、县妇幼保健院开展视察。", nil, false},
	{28, "检查组到县疾控中心督查疫苗冷链管理。", []string{"disease-control"}, false},
	{28, "县委书记专题调研县人民医院新院区建设。", []string{"public-hospitals"}, false},
	{29, "县人民医院东区已建成投入使用,第一批病区整体搬迁。", []string{"public-hospitals"}, false},
	{29, "县总医院新院区启用揭牌仪式举行。", []string{"public-hospitals"}, false},
	{29, "县中医院整体搬迁工程着力提高中医诊疗水平。", []string{"tcm"}, false},
	{29, "县委书记到县中医院搬迁项目进行实地调研。", []string{"tcm"}, true},
	{29, "县妇幼保健院迁建项目加快推进。", []string{"maternal"}, true},
	{29, "县妇幼保健院整体搬迁,提升母婴安全保障能力。", []string{"maternal"}, false},
	{29, "县人民医院传染病区建设项目完工。", []string{"disease-control"}, false},
	{18, "实施医院管理体制创新行动。", []string{"public-hospitals", "reform"}, true},
	{5, "理顺民营医院管理体制机制。", nil, false},
	// Branch i18zzn (round 36), each kept for fixing tune errors and making none: an institution's
	// heads named (rule 3), an expert's title before a name (rule 3, as 副院长 and 主任 are), an
	// honour named for a phrase (rule 27) and the security staff's 人才 (rule 6).
	{3, "召集全县各乡镇卫生院和社区卫生服务中心的主要负责人,在县人民医院开展消防安全培训。", []string{"safety"}, false},
	{3, "村卫生室负责同志和乡镇卫生院负责人一同观看了火灾警示教育片。", nil, false},
	{3, "座谈会上,儿科专家刘晓东作交流发言。", nil, false},
	{27, "省卫生健康委授予20名同志“优秀乡村医生”荣誉称号。", nil, false},
	{6, "县卫健局举办网络与信息安全管理人才培训班。", []string{"digital"}, false},
	{5, "加强对基层卫生健康监督协管工作的指导。", []string{"quality"}, false},
	{3, "社区网格员联合村医上门随访严重精神障碍患者。", []string{"mental-health"}, false},
	{3, "镇卫生院指导村卫生室结合家庭医生签约服务,为辖区儿童开展视力筛查。", []string{"children"}, false},
	{11, "县卫健局召开安全生产工作会议。各乡镇分管领导、家庭医生团队代表参加了会议.", []string{"safety"}, false},
	// Round 37 (branch i18zzo): a regional centre named with its kind in brackets is rule 7's
	// 区域医疗中心, and a meeting named 洽谈会 or 协调会 is a meeting as a 座谈会 is (rule 11); the
	// training of health workers in their work is talent (rule 6), a training on something else
	// is that subject's; a department's discipline level set as a task is talent; another word
	// order of 健康生活方式 is health promotion (rule 7).
	{7, "加快推进省级区域(专科)医疗中心项目落地。", []string{"public-hospitals"}, false},
	{11, "省级区域（专科）医疗中心合作洽谈会在市人民医院召开。", []string{"public-hospitals"}, false},
	{6, "分批对全县500名护理人员开展专科护理技能培训。", []string{"talent"}, false},
	{6, "对新入职医师进行为期一年的临床能力培训。", []string{"talent"}, false},
	{6, "组织全院医务人员开展消防安全知识培训。", []string{"safety"}, false},
	{25, "各临床科室要努力提高学科能力。", []string{"talent"}, false},
	{7, "引导群众践行健康文明的生活方式。", []string{"health-promotion"}, false},
	// The same branch's standard vocabulary: a grade in quotation marks is the grade (rule 29),
	// a county's leading hospitals are its public hospitals, 继续教育 trains the workforce (rule 6),
	// a health lecture is health education (rule 22).
	{29, "全力推进县人民医院创建“三级综合医院”。", []string{"public-hospitals"}, false},
	{7, "充分发挥县级龙头医院的辐射带动作用。", []string{"public-hospitals"}, false},
	{6, "落实卫生专业技术人员继续教育制度。", []string{"talent"}, false},
	{22, "深入村组开展健康讲座12场。", []string{"health-promotion"}, false},
	// A TCM hospital's grade is its field's (rule 29), said with the grade before 中医医院 too;
	// the topics of a discussion are topics, as those of an exchange are (round 11).
	{29, "县中医院全力创建三级乙等中医医院。", []string{"tcm"}, false},
	{4, "与会人员围绕学科建设、分级诊疗等方面进行了深入讨论。", nil, false},
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
