package content

import (
	"os"
	"testing"

	"github.com/planportal/planportal/generator/msg"
)

// TestMain runs this package's tests with English messages: they pin the English wording;
// the Chinese default is pinned in msg's tests and in the tests that set it (msg.SetEnglish).
func TestMain(m *testing.M) {
	msg.SetEnglish(true)
	os.Exit(m.Run())
}
