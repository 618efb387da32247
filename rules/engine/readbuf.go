package engine

import "sync"

// File buffers are reused: a folder of news is thousands of files of a few
// kilobytes, each read, parsed (the parser keeps copies, not the bytes),
// checked and dropped. Reusing their buffers spares the collector and, more
// on a fresh process, the page faults of a heap that keeps growing. Buffers
// come in a few sizes; larger files get buffers of their own.
var readBufferPools [4]sync.Pool // of *[]byte, capacity readBufferMin << i

const readBufferMin = 8 << 10

// readBufferClass returns the pool index for a buffer of capacity n, or -1.
func readBufferClass(n int) int {
	for i, c := 0, readBufferMin; i < len(readBufferPools); i, c = i+1, c*2 {
		if n <= c {
			return i
		}
	}
	return -1
}

// exactBuffer returns an empty slice with room for n bytes: for a file whose
// bytes are kept (in the corpus pass, a file's source stays until its
// findings are placed), a pooled buffer would hold its whole size class.
func exactBuffer(n int) []byte { return make([]byte, 0, n) }

// getReadBuffer returns an empty slice with room for at least n bytes.
func getReadBuffer(n int) []byte {
	i := readBufferClass(n)
	if i < 0 {
		return make([]byte, 0, n)
	}
	if p, ok := readBufferPools[i].Get().(*[]byte); ok {
		return (*p)[:0]
	}
	return make([]byte, 0, readBufferMin<<i)
}

// putReadBuffer gives back a buffer from getReadBuffer whose bytes nothing
// refers to any more.
func putReadBuffer(b []byte) {
	if i := readBufferClass(cap(b)); i >= 0 && cap(b) == readBufferMin<<i {
		b = b[:0]
		readBufferPools[i].Put(&b)
	}
}
