package msg

// catalogue holds every message, Chinese first. Keep the verbs of both in the same order.
var catalogue = map[ID]entry{
	// content: front matter values
	"date.shape":     {`%q 不是日期（应写作 YYYY-MM-DD，如 2025-03-04）`, `%q is not a date (want YYYY-MM-DD)`},
	"date.month":     {`%q 不是有效日期（没有 %d 月）`, `%q is not a real date (there is no month %d)`},
	"date.day":       {`%q 不是有效日期（%d 月没有 %d 日）`, `%q is not a real date (month %d has no day %d)`},
	"theme.unknown":  {`未知的主题 %q（可用的主题：%s；见 config.toml [[themes]]）`, `unknown theme %q (want one of %s, from config.toml [[themes]])`},
	"theme.unknown0": {`未知的主题 %q（应为 config.toml [[themes]] 中的 slug）`, `unknown theme %q (want one of the slugs in config.toml [[themes]])`},

	"date.range":    {`%q 不在 %d–%d 年之间（可在 config.toml 的 [content] min_year/max_year 中修改）`, `%q is out of the range %d–%d (set [content] min_year/max_year in config.toml)`},
	"field.enum":    {`%q 不是有效的%s（应为 %s 之一）`, `%q is not a %s (want one of %s)`},
	"field.empty":   {`不能为空（应写 %s）`, `must not be empty (want %s)`},
	"field.long":    {`有 %d 个字，超过上限 %d 个`, `is %d characters long (want at most %d)`},
	"link.nodoc":    {`链接 %s 无效：%s 没有文件`, `broken link %s: no document at %s`},
	"link.noanchor": {`链接 %s 无效：%s 没有锚点 #%s`, `broken link %s: %s has no anchor #%s`},

	// build
	"build.failed": {"构建失败：什么也没有发布，已发布的站点保持原样", "build failed: nothing was published"},

	// check
	"check.todo":    {`还有待办（TODO）：%s`, `TODO left: %s`},
	"check.warning": {`%s（警告）`, `%s (warning)`},
	"check.failed":  {`检查未通过：%s，涉及 %d 个文件`, `check failed: %s in %d documents`},
	"check.ok":      {`已检查 %s（%s，%s）：没有问题`, `checked %s (%s, %s): no problems`},
	"n.problem":     {"%d 个问题", "%d problems"},
	"n.problem.1":   {"%d 个问题", "%d problem"},
	"n.document":    {"%d 个文件", "%d documents"},
	"n.document.1":  {"%d 个文件", "%d document"},
	"n.link":        {"%d 个站内链接", "%d internal links"},
	"n.link.1":      {"%d 个站内链接", "%d internal link"},

	"unique.used": {`%q 已被 %s 使用`, `%q is already used by %s`},
	"unique.url":  {`URL %s 已被 %s 使用`, `URL %s is already used by %s`},

	// import
	"import.report.encoding":  {"  编码       %s\n", "  encoding   %s\n"},
	"import.report.found":     {"  找到       %s\n", "  found      %s\n"},
	"import.report.nothing":   {"无", "nothing"},
	"import.report.missing":   {"  缺少       %s：已填占位值并标 # TODO，draft = true\n", "  missing    %s: placeholders marked # TODO, and draft = true\n"},
	"import.report.check":     {"  请核对     %s（已标 # TODO，draft = true）\n", "  check      %s (marked # TODO, and draft = true)\n"},
	"import.report.structure": {"  结构       %s，%s，%s（含附件中的），%s\n", "  structure  %s, %s, %s (annexes' included), %s\n"},
	"import.report.cleaned":   {"  清理       页面杂项 %s，元数据 %s，%s；%s\n", "  cleaned    %s of page chrome, %s of metadata, %s removed; %s joined\n"},
	"n.section":               {"%d 个部分", "%d sections"},
	"n.section.1":             {"%d 个部分", "%d section"},
	"n.subsection":            {"%d 个小节", "%d sub-sections"},
	"n.subsection.1":          {"%d 个小节", "%d sub-section"},
	"n.item":                  {"%d 条", "%d items"},
	"n.item.1":                {"%d 条", "%d item"},
	"n.annex":                 {"%d 个附件", "%d annexes"},
	"n.annex.1":               {"%d 个附件", "%d annex"},
	"n.line":                  {"%d 行", "%d lines"},
	"n.line.1":                {"%d 行", "%d line"},
	"n.pagebreak":             {"分页残留 %d 处", "%d page-break fragments"},
	"n.pagebreak.1":           {"分页残留 %d 处", "%d page-break fragment"},
	"n.joined":                {"接续断行 %d 处", "%d broken lines"},
	"n.joined.1":              {"接续断行 %d 处", "%d broken line"},
	"import.report.note":      {"  说明       %s\n", "  note       %s\n"},
	"import.report.problem":   {"  问题       %s\n", "  problem    %s\n"},
	"import.report.duplicate": {"  重复       %s\n", "  duplicate  %s\n"},
	"import.abbreviated":      {"发布机构 %q 像是简称", "agency %q looks abbreviated"},
	"import.todo.abbreviated": {"原文写作 %q，像是简称；请写发布机构全称", "the text gives %q, which looks abbreviated; write the agency's full name (发布机构全称)"},
	"import.todo.missing":     {"原文中没有找到%s；请写%s", "%s not found in the text; write %s"},
	"import.todo.date":        {"原文中没有找到%s；暂用今天的日期", "%s not found in the text; today's date stands in for it"},
	"import.exists.same":      {"%s 已存在，是同一文件的上次导入；加 --force 用这次的导入替换它", "%s exists, imported from the same file before; add --force to replace it with this import"},
	"import.exists.other":     {"%s 已存在，是另一份文件（%s）；没有覆盖。请换一个 --name，或不给 --name 由导入自动取名", "%s exists and is another document (%s); not overwritten. Give another --name, or none to let import choose one"},
	"import.pdftotext":        {"读取 PDF 需要 poppler 的 pdftotext：请安装 Debian/Ubuntu 软件包 poppler-utils（sudo apt-get install poppler-utils），Windows 和 macOS 上安装 poppler；或把 PDF 的文字另存为 .txt 再导入", "reading a PDF needs poppler's pdftotext: install the Debian/Ubuntu package poppler-utils (sudo apt-get install poppler-utils), or poppler on Windows and macOS; or save the PDF's text as .txt and import that"},

	// dev
	"dev.overlay.failed": {"构建失败：以下问题修正并保存后页面自动刷新；此处仍显示上一次成功构建的页面。", "Build failed: fix the problems below and save, and the page reloads; this is still the last good build."},
	"dev.overlay.nosite": {"构建失败：以下问题修正并保存后页面自动刷新。还没有成功构建过，所以没有页面可显示。", "Build failed: fix the problems below and save, and the page reloads. Nothing has built yet, so there is no page to show."},
	"dev.nosite.title":   {"站点尚未构建成功", "The site has not built yet"},
	"dev.draft":          {"草稿：不会发布", "Draft: not published"},
	"dev.render.failed":  {"页面渲染失败", "The page failed to render"},
}
