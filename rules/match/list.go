package match

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"strings"
)

// The word lists. Each is a text file, one entry a line:
//
//	# a comment line; blank lines are skipped
//	phrase | replacement | reason | flags
//
// Only the phrase is required; trailing fields may be left out and any field
// may be empty ("utilize | use", "as an AI language model | | chatbot
// disclaimer"). Phrases use the notation of Entry ("(a/b/)", "*"). Flags are
// words separated by spaces or commas: "case" (CaseSensitive), "start"
// (SentenceStart), "end" (SentenceEnd).
//
//go:embed lists/*.txt
var lists embed.FS

// List returns the entries of the embedded list lists/NAME.txt.
func List(name string) ([]Entry, error) {
	data, err := lists.ReadFile("lists/" + name + ".txt")
	if err != nil {
		return nil, fmt.Errorf("word list %q: %w", name, err)
	}
	return ParseList(name, data)
}

// MustList is List for built-in lists: it panics when the list is missing
// or malformed, which the rule's tests catch.
func MustList(name string) []Entry {
	es, err := List(name)
	if err != nil {
		panic("match: " + err.Error())
	}
	return es
}

// ListNames returns the names of the embedded lists, sorted.
func ListNames() []string {
	ents, _ := lists.ReadDir("lists")
	names := make([]string, 0, len(ents))
	for _, e := range ents {
		names = append(names, strings.TrimSuffix(e.Name(), ".txt"))
	}
	return names
}

// ParseList reads a list in the format above; name is used in errors.
func ParseList(name string, data []byte) ([]Entry, error) {
	var out []Entry
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "|")
		if len(fields) > 4 {
			return nil, fmt.Errorf("%s:%d: %d fields, want at most 4 (phrase | replacement | reason | flags)", name, n, len(fields))
		}
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		for len(fields) < 4 {
			fields = append(fields, "")
		}
		if fields[0] == "" {
			return nil, fmt.Errorf("%s:%d: empty phrase", name, n)
		}
		e := Entry{Phrase: fields[0], Replacement: fields[1], Reason: fields[2]}
		for _, f := range strings.FieldsFunc(fields[3], func(r rune) bool { return r == ',' || r == ' ' }) {
			switch f {
			case "case":
				e.Flags |= CaseSensitive
			case "start":
				e.Flags |= SentenceStart
			case "end":
				e.Flags |= SentenceEnd
			default:
				return nil, fmt.Errorf("%s:%d: unknown flag %q (want case, start or end)", name, n, f)
			}
		}
		if _, err := phraseSegments(e.Phrase); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read word list %s: %w", name, err)
	}
	return out, nil
}
