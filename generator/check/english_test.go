package check

import (
	"os"
	"testing"

	"github.com/planportal/planportal/generator/msg"
)

// TestMain runs the tests in English: they pin the English wording of the messages (the
// Chinese default has tests of its own that set it).
func TestMain(m *testing.M) { os.Exit(msg.RunInEnglish(m)) }
