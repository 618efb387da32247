package article

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// parseFrontMatter reads YAML ("---" ... "---" or "...") or, when toml is
// true, also TOML ("+++" ... "+++") front matter at the very start of content.
// It fills doc.Meta and returns the offset where the body starts (0 when there
// is no front matter).
//
// This is a small scanner for the top-level "key: value" and key = "value"
// lines that articles use (quoted and plain scalars, block scalars, flow and
// block lists), not a full YAML or TOML implementation: nested maps and
// tables are skipped.
func parseFrontMatter(doc *Document, content []byte, toml bool) int {
	first, next := lineAt(content, 0)
	delim := string(bytes.TrimRight(first, " \t"))
	isTOML := false
	switch delim {
	case "---":
	case "+++":
		if !toml {
			return 0
		}
		isTOML = true
	default:
		return 0
	}
	if next == len(content) && !bytes.HasSuffix(content, []byte("\n")) && !bytes.HasSuffix(content, []byte("\r")) {
		return 0
	}
	// Find the closing delimiter line.
	var lines [][]byte
	end := -1
	for pos := next; pos < len(content); {
		line, nxt := lineAt(content, pos)
		t := string(bytes.TrimRight(line, " \t"))
		if t == delim || (!isTOML && t == "...") {
			end = nxt
			break
		}
		lines = append(lines, line)
		pos = nxt
	}
	if end < 0 || !looksLikeFields(lines, isTOML) {
		return 0
	}
	fields := make(map[string]string)
	firsts := make(map[string]string) // first value of list and scalar keys
	if isTOML {
		scanTOML(lines, fields, firsts)
	} else {
		scanYAML(lines, fields, firsts)
	}
	m := &doc.Meta
	m.Fields = fields
	m.Src, m.SrcEnd = 0, end
	pick := func(keys ...string) string {
		for _, k := range keys {
			if v := firsts[k]; v != "" {
				return v
			}
		}
		return ""
	}
	m.Title = pick("title")
	m.Author = pick("author", "authors", "byline")
	m.Section = pick("section", "category", "categories", "desk")
	m.Date = pick("date", "published", "pubdate", "publishdate")
	m.Type = pick("type", "kind", "genre", "format")
	return end
}

// lineAt returns the line starting at pos without its terminator, and the
// offset of the next line.
func lineAt(content []byte, pos int) ([]byte, int) {
	end := lineEnd(content, pos)
	next := end
	if next < len(content) {
		if content[next] == '\r' && next+1 < len(content) && content[next+1] == '\n' {
			next += 2
		} else {
			next++
		}
	}
	return content[pos:end], next
}

// looksLikeFields reports whether the first non-blank, non-comment line of a
// candidate front matter block is a key, so that a text file opening with a
// "---" rule is not taken for front matter.
func looksLikeFields(lines [][]byte, isTOML bool) bool {
	for _, l := range lines {
		t := bytes.TrimSpace(l)
		if len(t) == 0 || t[0] == '#' {
			continue
		}
		if isTOML {
			return bytes.IndexByte(t, '=') > 0 || t[0] == '['
		}
		k, _, ok := splitYAMLKey(l)
		return ok && k != ""
	}
	return true // an empty block is still front matter
}

// splitYAMLKey splits a top-level "key: value" line.
func splitYAMLKey(line []byte) (key string, value []byte, ok bool) {
	if len(line) == 0 || line[0] == ' ' || line[0] == '\t' || line[0] == '-' || line[0] == '#' {
		return "", nil, false
	}
	if line[0] == '"' || line[0] == '\'' {
		q := line[0]
		j := bytes.IndexByte(line[1:], q)
		if j < 0 {
			return "", nil, false
		}
		rest := line[j+2:]
		if len(rest) == 0 || rest[0] != ':' {
			return "", nil, false
		}
		return string(line[1 : j+1]), bytes.TrimSpace(rest[1:]), true
	}
	for i := 0; i < len(line); i++ {
		if line[i] == ':' && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t') {
			return strings.TrimSpace(string(line[:i])), bytes.TrimSpace(line[i+1:]), true
		}
	}
	return "", nil, false
}

func scanYAML(lines [][]byte, fields, firsts map[string]string) {
	for i := 0; i < len(lines); i++ {
		key, val, ok := splitYAMLKey(lines[i])
		if !ok || key == "" {
			continue
		}
		lk := strings.ToLower(key)
		// Skip tags and anchors: "!!str x", "&a x".
		for len(val) > 0 && (val[0] == '!' || val[0] == '&') {
			sp := bytes.IndexAny(val, " \t")
			if sp < 0 {
				val = nil
				break
			}
			val = bytes.TrimSpace(val[sp:])
		}
		switch {
		case len(val) == 0 || val[0] == '#':
			// A block list or a nested map follows.
			for i+1 < len(lines) {
				t := bytes.TrimSpace(lines[i+1])
				if len(lines[i+1]) > 0 && lines[i+1][0] != ' ' && lines[i+1][0] != '\t' && lines[i+1][0] != '-' {
					break
				}
				i++
				if len(t) >= 1 && t[0] == '-' && (len(t) == 1 || t[1] == ' ') {
					if _, seen := firsts[lk]; !seen {
						if v := yamlScalar(bytes.TrimSpace(t[1:])); v != "" {
							firsts[lk] = v
						}
					}
				}
			}
		case val[0] == '|' || val[0] == '>':
			sep := " "
			if val[0] == '|' {
				sep = "\n"
			}
			var parts []string
			for i+1 < len(lines) {
				l := lines[i+1]
				if len(bytes.TrimSpace(l)) > 0 && l[0] != ' ' && l[0] != '\t' {
					break
				}
				i++
				if t := bytes.TrimSpace(l); len(t) > 0 {
					parts = append(parts, string(t))
				}
			}
			v := strings.Join(parts, sep)
			fields[lk] = v
			firsts[lk] = v
		case val[0] == '[':
			if v := firstFlowItem(val, yamlScalar); v != "" {
				firsts[lk] = v
			}
		case val[0] == '{':
			// A nested map: not a scalar.
		default:
			v := yamlScalar(val)
			fields[lk] = v
			firsts[lk] = v
		}
	}
}

// yamlScalar decodes a one-line YAML scalar: double-quoted (with escapes),
// single-quoted (a doubled quote is a quote), or plain (a " #" starts a comment).
func yamlScalar(v []byte) string {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return ""
	}
	switch v[0] {
	case '"':
		s := doubleQuoted(v)
		return s
	case '\'':
		var b strings.Builder
		for i := 1; i < len(v); i++ {
			if v[i] == '\'' {
				if i+1 < len(v) && v[i+1] == '\'' {
					b.WriteByte('\'')
					i++
					continue
				}
				break
			}
			b.WriteByte(v[i])
		}
		return b.String()
	}
	return string(stripComment(v))
}

// stripComment removes a trailing " # comment" from a plain value.
func stripComment(v []byte) []byte {
	for i := 1; i < len(v); i++ {
		if v[i] == '#' && (v[i-1] == ' ' || v[i-1] == '\t') {
			return bytes.TrimSpace(v[:i])
		}
	}
	return bytes.TrimSpace(v)
}

// doubleQuoted decodes a double-quoted string starting at v[0] == '"' with
// backslash escapes.
func doubleQuoted(v []byte) string {
	var b strings.Builder
	i := 1
	for i < len(v) {
		c := v[i]
		if c == '"' {
			return b.String()
		}
		if c != '\\' || i+1 >= len(v) {
			b.WriteByte(c)
			i++
			continue
		}
		e := v[i+1]
		i += 2
		switch e {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '0':
			b.WriteByte(0)
		case 'u', 'U', 'x':
			n := 2
			switch e {
			case 'u':
				n = 4
			case 'U':
				n = 8
			}
			if i+n <= len(v) {
				if r, err := strconv.ParseUint(string(v[i:i+n]), 16, 32); err == nil && utf8.ValidRune(rune(r)) {
					b.WriteRune(rune(r))
					i += n
					continue
				}
			}
			b.WriteByte('\\')
			b.WriteByte(e)
		default:
			b.WriteByte(e) // \" \\ \/ and anything else: the character itself
		}
	}
	return b.String()
}

// firstFlowItem returns the first item of a one-line flow list "[a, b]" or
// TOML array.
func firstFlowItem(v []byte, scalar func([]byte) string) string {
	v = bytes.TrimSpace(v[1:])
	if len(v) == 0 || v[0] == ']' {
		return ""
	}
	if v[0] == '"' {
		s := doubleQuoted(v)
		return s
	}
	if v[0] == '\'' {
		if j := bytes.IndexByte(v[1:], '\''); j >= 0 {
			return string(v[1 : j+1])
		}
		return string(v[1:])
	}
	end := bytes.IndexAny(v, ",]")
	if end < 0 {
		end = len(v)
	}
	return scalar(v[:end])
}

func scanTOML(lines [][]byte, fields, firsts map[string]string) {
	for i := 0; i < len(lines); i++ {
		t := bytes.TrimSpace(lines[i])
		if len(t) == 0 || t[0] == '#' {
			continue
		}
		if t[0] == '[' {
			return // a table: the keys after it are not top-level
		}
		eq := bytes.IndexByte(t, '=')
		if eq <= 0 {
			continue
		}
		key := strings.TrimSpace(string(t[:eq]))
		if len(key) >= 2 && (key[0] == '"' || key[0] == '\'') && key[len(key)-1] == key[0] {
			key = key[1 : len(key)-1]
		}
		lk := strings.ToLower(key)
		val := bytes.TrimSpace(t[eq+1:])
		switch {
		case len(val) == 0:
		case bytes.HasPrefix(val, []byte(`"""`)) || bytes.HasPrefix(val, []byte(`'''`)):
			q := val[:3]
			rest := val[3:]
			var parts []string
			for {
				if j := bytes.Index(rest, q); j >= 0 {
					parts = append(parts, string(rest[:j]))
					break
				}
				parts = append(parts, string(rest))
				if i+1 >= len(lines) {
					break
				}
				i++
				rest = lines[i]
			}
			v := strings.TrimSpace(strings.Join(parts, "\n"))
			fields[lk] = v
			firsts[lk] = v
		case val[0] == '"':
			v := doubleQuoted(val)
			fields[lk] = v
			firsts[lk] = v
		case val[0] == '\'':
			v := string(val[1:])
			if j := strings.IndexByte(v, '\''); j >= 0 {
				v = v[:j]
			}
			fields[lk] = v
			firsts[lk] = v
		case val[0] == '[':
			if v := firstFlowItem(val, func(b []byte) string { return string(stripComment(b)) }); v != "" {
				firsts[lk] = v
			}
			// Skip the continuation lines of a multi-line array.
			depth := bytes.Count(val, []byte("[")) - bytes.Count(val, []byte("]"))
			for depth > 0 && i+1 < len(lines) {
				i++
				depth += bytes.Count(lines[i], []byte("[")) - bytes.Count(lines[i], []byte("]"))
			}
		case val[0] == '{':
		default:
			v := string(stripComment(val))
			fields[lk] = v
			firsts[lk] = v
		}
	}
}
