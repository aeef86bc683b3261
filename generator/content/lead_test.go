package content

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// The texts are items and paragraphs of the bundled content/plans, as the loader reads them
// (the item's number is the Marker, not the text); "from" names where. The expected leads
// were written by hand from the rule (Lead's comment), not taken from the program.
func TestLead(t *testing.T) {
	for _, tt := range []struct{ from, in, want string }{
		// A bold opening phrase is the lead.
		{"haian 13", "深化薪酬制度改革。加强与人社、财政部门的沟通协调，合理确定公立医院薪酬水平，完善内部绩效考核办法，逐步实现公立医院收入分配的科学化和规范化。",
			"深化薪酬制度改革。"},
		{"jintan 五 2, Latin letters", "加快AI医疗建设。完成区域平台国家医疗健康信息互联互通五级乙等测评，建立区域互联网医院，部署医疗AI本地化应用，对接DeepSeek、OpenAI等大模型。",
			"加快AI医疗建设。"},
		{"haian 83, an English word", "加快推进全民健康信息平台 and 基层卫生信息系统建设，实现医疗、家医、公卫深度融合。开展系统内信息专员培训，提升各单位对系统模块功能使用质效。",
			"加快推进全民健康信息平台 and 基层卫生信息系统建设，实现医疗、家医、公卫深度融合。"},
		// A sentence closed by ； is the first of several: … says so.
		{"haian 33", "开展学生常见病和健康影响因素监测，提出合理改进建议与策略；持续实施脊柱侧弯筛查，加大近视、肥胖影响因素防控干预力度，促进学校卫生工作落细落实。",
			"开展学生常见病和健康影响因素监测，提出合理改进建议与策略…"},
		// A leading number is not part of the lead; ASCII punctuation stays as written.
		{"hunan p2, 一、 in a paragraph", "一、坚持以基层为重点,推动优质医疗资源扩容下沉和均衡布局。发挥高水平医院辐射带动作用,推进紧密型医联体建设,常态化组织开展巡回医疗,加强基层医疗卫生机构标准化建设。",
			"坚持以基层为重点,推动优质医疗资源扩容下沉和均衡布局。"},
		{"haian 13 with its number", "13. 深化薪酬制度改革。加强与人社、财政部门的沟通协调，合理确定公立医院薪酬水平，完善内部绩效考核办法，逐步实现公立医院收入分配的科学化和规范化。",
			"深化薪酬制度改革。"},
		{"huzhou 3, number without a blank", "3.深化数字化改革赋能。持续推进数字化改革赋能卫生健康事业高质量发展,力争信息化发展指数继续位列全国地级市前三。建设以“1平台9中心”为内核的市级“健康大脑”,打造面向监管、医护、居民三方的统一入口,高品质建成全域数据中心。",
			"深化数字化改革赋能。"},
		// 一是 is prose, not a number.
		{"hubei p7", "六是坚持中西医并重,健全中医药服务体系。促进中西医协同发展,增强中医药服务能力,提升中医药产业价值,唱响李时珍中医药文化品牌。",
			"六是坚持中西医并重,健全中医药服务体系。"},
		// Short texts are whole, however many sentences.
		{"haian p1 of 一, opens with a number", "100%，进一步拓展诊疗服务病种、技术项目和用药目录范围，不断提高常见疾病诊治能力。",
			"100%，进一步拓展诊疗服务病种、技术项目和用药目录范围，不断提高常见疾病诊治能力。"},
		{"haian p3, no punctuation", "关于印发《2025年海安市卫生健康工作要点》的通知",
			"关于印发《2025年海安市卫生健康工作要点》的通知"},
		{"guizhou p1, two sentences", "1月24日,2025年贵州省卫生健康工作会议召开。会议部署了2025年任务。",
			"1月24日,2025年贵州省卫生健康工作会议召开。会议部署了2025年任务。"},
		// A first sentence longer than LeadMax is cut at its last clause end within it…
		{"haian 1, quotes", "推进紧密型县域医共体建设，健全医共体“五大高质量管理中心”“五大资源共享中心”运行机制，建设“五大临床服务中心”，提高资源配置和使用效率。强化医共体内资源整合，推动人员、财务、业务、信息统筹管理。",
			"推进紧密型县域医共体建设，健全医共体“五大高质量管理中心”“五大资源共享中心”运行机制，建设“五大临床服务中心”…"},
		{"haian 24, opens with a title in 《》", "按照《江苏省村卫生室服务能力建设标准（2021版）》，结合“三年行动方案”，开展村卫生室服务能力建设评价工作，力争年内省基本标准村卫生室建成率达100%，其中20%达省推荐（甲级）标准。",
			"按照《江苏省村卫生室服务能力建设标准（2021版）》，结合“三年行动方案”，开展村卫生室服务能力建设评价工作…"},
		// … not at a comma inside quotes or brackets…
		{"haian 27", "紧扣“质量优先，优绩优效”目标，构建完整的基本公共卫生服务督查机制，利用信息化手段，建立全过程动态绩效考核机制，做到“两覆盖两到位”（所有项目全覆盖，推进过程全覆盖，巡查督导到位，闭环整改到位）。",
			"紧扣“质量优先，优绩优效”目标，构建完整的基本公共卫生服务督查机制，利用信息化手段，建立全过程动态绩效考核机制…"},
		// … and a ； inside brackets ends no sentence.
		{"haian 附件 p, from its bracket", "（时间、专家、地点三固定；诊疗、随访、宣教、帮扶四到位；卫生院诊疗水平、县级医院影响力、群众满意度三提升），建立“提前预约、服务到镇，镇村吹哨、专家报到”机制，推动医疗资源均衡布局与高效利用。",
			"（时间、专家、地点三固定；诊疗、随访、宣教、帮扶四到位；卫生院诊疗水平、县级医院影响力、群众满意度三提升）…"},
		// ，： before 、, even nearer the start.
		{"haian 12", "以省级公立医院高质量发展试点为引领，以公立医院综合评价为导向，推动公立医院提升服务能力、转变服务方式、优化收支结构、落实功能定位，逐步实现“三个转变”（发展方式从规模扩张转向提质增效、运行模式从粗放管理转向精细化管理、资源配置从注重物质要素转向更加注重人才技术要素）。",
			"以省级公立医院高质量发展试点为引领，以公立医院综合评价为导向…"},
		{"fujian p3, ASCII commas", "二是因地制宜深化医改,“清单式”深入推广三明医改经验,健全 “实施健康优先发展战略”长效机制,落实公立医院“控增量、调结构、严监管、优服务”要求,促进“三医”协同发展和治理,切实保障公益性。",
			"二是因地制宜深化医改,“清单式”深入推广三明医改经验,健全 “实施健康优先发展战略”长效机制…"},
		// A clause end in the first third is too near; 、 is used when nothing else is.
		{"huzhou 二 (六) p, ASCII brackets", "全力抓好党的建设(见党建工作要点),统筹做好民生实事项目实施、重大项目建设、“十五五”规划编制、行业安全稳定、两会建议提案办理、法治建设、信息宣传、督查督办、政务公开、保密、工青妇、老干部、档案、对口支援和卫生扶贫等各项工作。",
			"全力抓好党的建设(见党建工作要点),统筹做好民生实事项目实施、重大项目建设、“十五五”规划编制、行业安全稳定…"},
		// No clause end: cut at LeadMax, but not in a number with its unit or in a Latin
		// word (haian 24 and jintan 五 2 without their commas).
		{"haian 24 without commas", "按照江苏省村卫生室服务能力建设标准结合三年行动方案开展村卫生室服务能力建设评价工作力争年内省基本标准村卫生室建成率达100%其中20%达省推荐甲级标准。",
			"按照江苏省村卫生室服务能力建设标准结合三年行动方案开展村卫生室服务能力建设评价工作力争年内省基本标准村卫生室建成率达…"},
		{"jintan 五 2 without punctuation", "加快AI医疗建设完成区域平台国家医疗健康信息互联互通五级乙等测评建立区域互联网医院部署医疗AI本地化应用对接DeepSeek等大模型。",
			"加快AI医疗建设完成区域平台国家医疗健康信息互联互通五级乙等测评建立区域互联网医院部署医疗AI本地化应用对接…"},
		// Quotes open near the start and past LeadMax: cut inside at a 、 and closed.
		{"heilongjiang p2, its second sentence", "要实施“优质医疗资源带动、优质医疗资源下沉、紧密型县域医共体升级、基层医疗卫生服务提质、数智医疗联通、医疗人才选育、科创成果转化”七项医疗卫生强基工程,筑牢卫生健康高质量发展根基。",
			"要实施“优质医疗资源带动、优质医疗资源下沉、紧密型县域医共体升级、基层医疗卫生服务提质、数智医疗联通、医疗人才选育…”"},
		{"blank", "  ", ""},
	} {
		got := Lead(tt.in)
		if got != tt.want {
			t.Errorf("%s:\n Lead(%q)\n = %q\nwant %q", tt.from, tt.in, got, tt.want)
		}
		if n := utf8.RuneCountInString(got); n > LeadMax {
			t.Errorf("%s: %d characters, LeadMax %d", tt.from, n, LeadMax)
		}
		if !strings.HasSuffix(got, "…") && !strings.HasSuffix(got, "…”") && !strings.Contains(tt.in, got) {
			t.Errorf("%s: an uncut lead %q is not the text's", tt.from, got)
		}
		// Kept to the end of a build (a unit's entries): a lead without … is a part of its
		// text, not a copy.
		if !strings.Contains(got, "…") && !within(got, tt.in) {
			t.Errorf("%s: the lead %q is a copy, not a part of the text", tt.from, got)
		}
	}
}
