package engine

import (
	"io/fs"
	"syscall"
)

// readFile is os.ReadFile without the os.File machinery: for a regular
// file, os.Open also sets the descriptor non-blocking, tries to register it
// with the network poller (which refuses it) and sets it back, four fcntl
// and an epoll_ctl per file that a folder of small files pays thousands of
// times. Errors are the *fs.PathError values os.ReadFile returns.
func readFile(path string) ([]byte, error) { return readFileWith(path, exactBuffer) }

// readFileWith is readFile with the buffer from alloc, which returns an
// empty slice with room for at least n bytes (getReadBuffer, for a file
// whose buffer goes back to the pool after its check).
func readFileWith(path string, alloc func(n int) []byte) ([]byte, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	size := -1 // unknown
	var st syscall.Stat_t
	if syscall.Fstat(fd, &st) == nil && st.Mode&syscall.S_IFMT == syscall.S_IFREG && int64(int(st.Size)) == st.Size {
		size = int(st.Size)
	}
	want := size
	size++ // one byte for the final read at end of file
	if size < 512 {
		size = 512
	}
	data := alloc(size)
	for {
		buf := data[len(data):cap(data)]
		if len(buf) > maxRead {
			buf = buf[:maxRead]
		}
		n, err := syscall.Read(fd, buf)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if n <= 0 {
			return data, nil
		}
		data = data[:len(data)+n]
		if len(data) == want && n < len(buf) {
			// The whole size that fstat gave, and a read that returned
			// less than it was asked for: the file ends here, and the
			// read that would confirm it (returning 0) is saved. A file
			// whose size is not its length (those of /proc say 0) ends on
			// that zero read instead.
			return data, nil
		}
		if len(data) >= cap(data) {
			d := append(data[:cap(data)], 0)
			data = d[:len(data)]
		}
	}
}

// maxRead is the largest single read, as in package os (Linux returns
// EINVAL for some larger counts).
const maxRead = 1 << 30
