package engine

import (
	"path/filepath"
	"testing"
)

func TestReadBufferClasses(t *testing.T) {
	for _, tc := range []struct{ n, class int }{
		{0, 0}, {1, 0}, {8 << 10, 0}, {8<<10 + 1, 1}, {16 << 10, 1}, {32 << 10, 2}, {64 << 10, 3}, {64<<10 + 1, -1}, {1 << 30, -1},
	} {
		if got := readBufferClass(tc.n); got != tc.class {
			t.Errorf("readBufferClass(%d) = %d, want %d", tc.n, got, tc.class)
		}
	}
	for _, n := range []int{0, 100, 8 << 10, 20 << 10, 64 << 10, 100 << 10} {
		b := getReadBuffer(n)
		if len(b) != 0 || cap(b) < n {
			t.Errorf("getReadBuffer(%d): len %d cap %d", n, len(b), cap(b))
		}
		putReadBuffer(append(b, 'x')) // given back with bytes in it
		if b2 := getReadBuffer(n); len(b2) != 0 || cap(b2) < n {
			t.Errorf("getReadBuffer(%d) after a put: len %d cap %d", n, len(b2), cap(b2))
		}
	}
	// A slice of another capacity (a file that outgrew its buffer) is not
	// pooled, so a later get never gets less room than its class promises.
	putReadBuffer(make([]byte, 0, 12<<10))
	for range 10 {
		if b := getReadBuffer(16 << 10); cap(b) < 16<<10 {
			t.Fatalf("getReadBuffer(16 KiB) gave capacity %d", cap(b))
		}
	}
}

// Reused buffers must not leak one file's bytes into another's check.
func TestReadFileReusedBuffers(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"long.txt":  "A long story that fills more of the buffer than the next one does.\n",
		"short.txt": "Short.\n",
	})
	long, short := filepath.Join(dir, "long.txt"), filepath.Join(dir, "short.txt")
	for range 3 {
		b, err := readFileWith(long, getReadBuffer)
		if err != nil {
			t.Fatal(err)
		}
		putReadBuffer(b)
		b, err = readFileWith(short, getReadBuffer)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != "Short.\n" {
			t.Fatalf("readFileWith(short) after a reused buffer = %q", b)
		}
		putReadBuffer(b)
	}
}

// readFile, used where the bytes are kept (the corpus pass keeps every
// file with findings until they are placed), allocates the file's size,
// not a pooled buffer's size class.
func TestReadFileExactSize(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": "A short file.\n"})
	b, err := readFile(filepath.Join(dir, "a.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if cap(b) >= readBufferMin {
		t.Errorf("readFile of a 14-byte file has capacity %d", cap(b))
	}
}
