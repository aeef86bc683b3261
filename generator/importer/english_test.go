package importer

import (
	"os"
	"testing"

	"github.com/planportal/planportal/generator/msg"
)

// TestMain runs this package's tests with English messages: the golden reports pin the
// English wording; TestReportInChinese pins the Chinese default.
func TestMain(m *testing.M) {
	msg.SetEnglish(true)
	os.Exit(m.Run())
}
