package content

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/planportal/planportal/generator/msg"
)

// planportal new and import create documents in the content tree with these.

// ParseName validates SECTION/NAME: two ASCII slugs, nothing that could leave content/.
func ParseName(arg string) (section, name string, err error) {
	a := strings.TrimSuffix(strings.TrimPrefix(filepath.ToSlash(arg), "content/"), ".md")
	parts := strings.Split(a, "/")
	if len(parts) != 2 || strings.Contains(arg, `\`) || filepath.IsAbs(arg) {
		return "", "", errors.New(msg.T("new.arg", arg))
	}
	for _, p := range parts {
		if !ValidName(p) || strings.Contains(p, "..") {
			return "", "", errors.New(msg.T("new.name", arg, p))
		}
	}
	return parts[0], parts[1], nil
}

// Scaffold is a new document's source, dated today: every field of the registry, the required
// ones with a "# TODO" placeholder (published is today), the others commented out.
func Scaffold(today string, themes []string) []byte {
	return []byte(FrontMatter(func(f *Field) Entry {
		switch {
		case f.Key == "draft":
			return Entry{Value: "true", Set: true, Comment: "TODO: " + msg.T("new.todo.draft")}
		case f.Required && f.Kind == KindDate:
			return Entry{Value: today, Set: true, Comment: f.Describe()}
		case f.Required:
			return Entry{Value: f.Placeholder(today), Set: true, Todo: msg.T("new.todo.write", f.Want(), f.Example)}
		case f.Kind == KindDate:
			return Entry{Value: today}
		case f.Kind == KindThemes && len(themes) > 0:
			return Entry{Comment: f.Describe() + ": " + strings.Join(themes, ", ")}
		}
		return Entry{}
	}) + "\n")
}

// Create writes a file that must not exist yet (O_EXCL, so two writers cannot both
// succeed), or, with force, replaces it atomically through a temporary file beside it.
func Create(dest string, data []byte, force bool) error {
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return err
	}
	if !force {
		f, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			return errors.New(msg.T("create.exists", dest))
		}
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			os.Remove(dest)
			return err
		}
		return f.Close()
	}
	tmp, err := os.CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dest)
}
