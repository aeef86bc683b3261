// Package msg is the one catalogue of the messages planportal's users read (officers at the
// import, check, build and dev commands): each message once, keyed by an id, in Chinese and in
// English. Chinese is the default; English when the locale asks for it (LC_ALL, LC_MESSAGES or
// LANG, the first one set, as POSIX reads them, beginning with "en").
package msg

import (
	"fmt"
	"os"
	"strings"
	"sync/atomic"
)

// ID names a message of the catalogue.
type ID string

// entry is a message's format (fmt verbs) in both languages; the arguments are the same.
type entry struct{ zh, en string }

var english atomic.Bool

func init() { english.Store(fromEnv(os.Getenv)) }

// fromEnv reads the language from the locale variables.
func fromEnv(getenv func(string) string) bool {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			return strings.HasPrefix(strings.ToLower(v), "en")
		}
	}
	return false
}

// English reports whether messages are in English.
func English() bool { return english.Load() }

// SetEnglish sets the language (tests, and a command line flag if one is ever wanted) and
// returns a function that restores the previous one.
func SetEnglish(on bool) (restore func()) {
	old := english.Swap(on)
	return func() { english.Store(old) }
}

// RunInEnglish runs a test binary's tests (a *testing.M) with English messages, for the
// packages whose tests pin the English wording: func TestMain(m *testing.M) {
// os.Exit(msg.RunInEnglish(m)) }.
func RunInEnglish(m interface{ Run() int }) int {
	defer SetEnglish(true)()
	return m.Run()
}

// T formats the message id with args in the current language. An id that is not in the
// catalogue is a programming error: T returns the id and the arguments, so that nothing is
// lost, and a test holds every id used to the catalogue.
func T(id ID, args ...any) string {
	e, ok := catalogue[id]
	if !ok {
		return fmt.Sprint(append([]any{string(id)}, args...)...)
	}
	if English() {
		return fmt.Sprintf(e.en, args...)
	}
	return fmt.Sprintf(e.zh, args...)
}

// N formats a count: the message id, or id+".1" when n is 1 and the catalogue has it (1
// section, 2 sections).
func N(id ID, n int) string {
	if n == 1 && Has(id+".1") {
		return T(id+".1", n)
	}
	return T(id, n)
}

// Has reports whether id is in the catalogue.
func Has(id ID) bool { _, ok := catalogue[id]; return ok }
