package content

import (
	"regexp"
	"strings"
)

// The lines of a cover notice (印发通知) in a document's preamble, as GB/T 9704 lays them out:
// the red header, the 文号 and the title centred, the signature and date right-aligned, and
// the 版记 (抄送, 印发机关, 印发日期) at the very end of the document.
const (
	CoverHeader = "cover-header" // 海安市卫生健康委员会文件
	CoverNumber = "cover-number" // 海卫健发〔2025〕1号
	CoverTitle  = "cover-title"  // 关于印发《…》的通知
	CoverTo     = "cover-to"     // the addressees under the title (主送), flush left
	CoverSign   = "cover-sign"   // the agency's signature, and the date under it
	CoverCopy   = "cover-copy"   // the 版记: 抄送 …, the printing office, …印发
)

var (
	coverDateRE  = regexp.MustCompile(`^[0-9]{4}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日$`)
	coverCopyRE  = regexp.MustCompile(`^(?:抄\s*送|抄\s*报)\s*[：:]`)
	coverPrintRE = regexp.MustCompile(`[0-9]{4}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日\s*印\s*发$`)
	coverTitleRE = regexp.MustCompile(`^关于.{2,80}的(?:通知|决定|意见|函|批复|通报|公告)$`)
)

// CoverRoles returns the role of each plain paragraph of the preamble that belongs to a cover
// notice, judged against the document's own 发布机构 and 文号: a paragraph that is only the
// agency's name followed by 文件, only the 文号, a 关于…的通知 title and the addressees
// under it, the agency's name as a
// signature or a date, or part of the 版记 (from 抄送 to …印发). Nil when the preamble has no
// such lines. The document is not changed.
func (d *Document) CoverRoles() map[*Block]string {
	if d.Main == nil {
		return nil
	}
	agency := strings.Join(strings.Fields(d.Meta.Agency), "")
	var roles map[*Block]string
	set := func(b *Block, role string) {
		if roles == nil {
			roles = map[*Block]string{}
		}
		roles[b] = role
	}
	inCopy, titled := false, false
	for _, b := range d.Main.Blocks {
		if b.Item != nil {
			continue
		}
		t := strings.Join(strings.Fields(b.Text()), "")
		switch {
		case inCopy || coverCopyRE.MatchString(t):
			set(b, CoverCopy)
			inCopy = !coverPrintRE.MatchString(t)
		case agency != "" && t == agency+"文件":
			set(b, CoverHeader)
		case d.Meta.DocNumber != "" && t == strings.Join(strings.Fields(d.Meta.DocNumber), ""):
			set(b, CoverNumber)
		case coverTitleRE.MatchString(t):
			set(b, CoverTitle)
			titled = true
			continue
		case titled && (strings.HasSuffix(t, "：") || strings.HasSuffix(t, ":")):
			set(b, CoverTo)
		case agency != "" && t == agency, coverDateRE.MatchString(t):
			set(b, CoverSign)
		}
		titled = false
	}
	return roles
}
