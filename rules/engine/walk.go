package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	ignore "github.com/sabhiram/go-gitignore"

	"github.com/copydesk/copydesk/rules/article"
)

// Input is one file to check, as the walk found it.
type Input struct {
	Path string // as given or found (joined to the argument), for output
	// Explicit is true for files named on the command line: they are
	// checked whatever their extension.
	Explicit bool
	// Stdin is true for "-".
	Stdin bool
}

// skipDir reports whether a folder is never walked into: hidden folders,
// .git and node_modules.
func skipDir(name string) bool {
	return name == "node_modules" || (strings.HasPrefix(name, ".") && name != "." && name != "..")
}

type gitignoreLevel struct {
	base string
	m    *ignore.GitIgnore
}

// Walk expands the arguments into inputs: files as named, folders walked
// recursively (skipping hidden folders, .git, node_modules, and what a
// .gitignore in the walked tree excludes), "-" as standard input. It calls
// emit for each input in walk order and errs for each path it cannot read;
// it goes on after errors. ignored, when set, filters files by their path.
func Walk(args []string, ignored func(path string) bool, emit func(Input), errs func(path string, err error)) {
	for _, arg := range args {
		if arg == "-" {
			emit(Input{Path: "-", Stdin: true, Explicit: true})
			continue
		}
		info, err := os.Stat(arg)
		if err != nil {
			errs(arg, describe(err))
			continue
		}
		if !info.IsDir() {
			if ignored != nil && ignored(arg) {
				continue
			}
			emit(Input{Path: arg, Explicit: true})
			continue
		}
		walkDir(arg, ignored, emit, errs)
	}
}

func walkDir(root string, ignored func(string) bool, emit func(Input), errs func(string, error)) {
	var stack []gitignoreLevel
	loadIgnore := func(dir string) {
		p := filepath.Join(dir, ".gitignore")
		if _, err := os.Stat(p); err != nil {
			return
		}
		m, err := ignore.CompileIgnoreFile(p)
		if err != nil {
			errs(p, describe(err))
			return
		}
		stack = append(stack, gitignoreLevel{base: dir, m: m})
	}
	excluded := func(path string, dir bool) bool {
		for _, lv := range stack {
			rel, err := filepath.Rel(lv.base, path)
			if err != nil || strings.HasPrefix(rel, "..") {
				continue
			}
			rel = filepath.ToSlash(rel)
			if dir {
				rel += "/"
			}
			if lv.m.MatchesPath(rel) {
				return true
			}
		}
		return false
	}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root {
				errs(path, describe(err))
				return nil
			}
			errs(path, describe(err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			// Pop .gitignore levels that this folder is not under.
			for len(stack) > 0 {
				top := stack[len(stack)-1].base
				if rel, err := filepath.Rel(top, path); err == nil && !strings.HasPrefix(rel, "..") {
					break
				}
				stack = stack[:len(stack)-1]
			}
			if path != root && (skipDir(d.Name()) || excluded(path, true)) {
				return fs.SkipDir
			}
			loadIgnore(path)
			return nil
		}
		typ := d.Type()
		if typ&fs.ModeSymlink != 0 {
			// Follow links to files, never to folders (no loops).
			info, err := os.Stat(path)
			if err != nil {
				errs(path, describe(err))
				return nil
			}
			if !info.Mode().IsRegular() {
				return nil
			}
		} else if !typ.IsRegular() {
			return nil
		}
		if _, known := article.FormatFor(path); !known {
			return nil
		}
		if excluded(path, false) || (ignored != nil && ignored(path)) {
			return nil
		}
		emit(Input{Path: path})
		return nil
	})
	if err != nil {
		errs(root, describe(err))
	}
}

// describe turns OS errors into short, clear causes.
func describe(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("no such file or directory")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied")
	}
	return fmt.Errorf("%w", err)
}
