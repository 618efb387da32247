//go:build !linux

package engine

import "os"

func readFile(path string) ([]byte, error) { return os.ReadFile(path) }

func readFileWith(path string, _ func(n int) []byte) ([]byte, error) { return os.ReadFile(path) }
