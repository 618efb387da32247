package engine

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestReadFileMatchesOS(t *testing.T) {
	dir := t.TempDir()
	sizes := []int{0, 1, 511, 512, 513, 4096, 100_000}
	for _, n := range sizes {
		p := filepath.Join(dir, "f")
		want := bytes.Repeat([]byte("abcdefg\n"), n/8+1)[:n]
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readFile(p)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("size %d: got %d bytes, err %v", n, len(got), err)
		}
	}
	// Files whose stated size is not their length.
	for _, p := range []string{"/proc/self/cmdline", "/proc/version"} {
		want, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		if got, err := readFile(p); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: got %q, err %v; os.ReadFile gives %q", p, got, err, want)
		}
	}
	for _, tc := range []struct {
		path string
		op   string
		is   error
	}{
		{filepath.Join(dir, "missing"), "open", fs.ErrNotExist},
		{dir, "read", nil},
	} {
		_, err := readFile(tc.path)
		_, osErr := os.ReadFile(tc.path)
		var pe *fs.PathError
		if !errors.As(err, &pe) || pe.Op != tc.op || pe.Path != tc.path {
			t.Errorf("%s: err = %v, want a %s PathError", tc.path, err, tc.op)
			continue
		}
		if describe(err).Error() != describe(osErr).Error() {
			t.Errorf("%s: described as %q, os.ReadFile's as %q", tc.path, describe(err), describe(osErr))
		}
		if tc.is != nil && !errors.Is(err, tc.is) {
			t.Errorf("%s: err %v is not %v", tc.path, err, tc.is)
		}
	}
}
