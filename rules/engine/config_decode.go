package engine

import (
	"encoding"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// posError is a configuration error at a place in a file; it prints as the
// one line editors and problem matchers read: file:line:col: message.
type posError struct {
	file      string
	line, col int
	msg       string
}

func (e *posError) Error() string {
	switch {
	case e.line > 0 && e.col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.file, e.line, e.col, e.msg)
	case e.line > 0:
		return fmt.Sprintf("%s:%d: %s", e.file, e.line, e.msg)
	}
	return fmt.Sprintf("%s: %s", e.file, e.msg)
}

func errAt(file string, n *yaml.Node, format string, args ...any) error {
	e := &posError{file: file, msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.line, e.col = n.Line, n.Column
	}
	return e
}

// field is a struct field as a YAML key.
type field struct {
	name  string
	index int
}

// yamlFields lists a struct type's fields by their YAML key: the yaml tag's
// name, or the lower-cased field name. Fields tagged "-" and unexported
// fields are left out.
func yamlFields(t reflect.Type) []field {
	var fs []field
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name := strings.ToLower(f.Name)
		if tag, ok := f.Tag.Lookup("yaml"); ok {
			tn, _, _ := strings.Cut(tag, ",")
			if tn == "-" {
				continue
			}
			if tn != "" {
				name = tn
			}
		}
		fs = append(fs, field{name: name, index: i})
	}
	return fs
}

func fieldNames(fs []field) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.name
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// mapEntry is one key of a YAML mapping, with the file it came from.
type mapEntry struct {
	file       string
	key, value *yaml.Node
}

// entries lists a mapping node's keys, rejecting duplicates.
func entries(file string, n *yaml.Node) ([]mapEntry, error) {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		return nil, errAt(file, n, "expected a mapping, found %s", describeNode(n))
	}
	seen := map[string]bool{}
	var out []mapEntry
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return nil, errAt(file, k, "a key must be a plain string")
		}
		if seen[k.Value] {
			return nil, errAt(file, k, "duplicate key %q", k.Value)
		}
		seen[k.Value] = true
		out = append(out, mapEntry{file: file, key: k, value: v})
	}
	return out, nil
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func describeNode(n *yaml.Node) string {
	n = resolve(n)
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!str":
			return fmt.Sprintf("string %q", n.Value)
		case "!!int":
			return "number " + n.Value
		case "!!float":
			return "number " + n.Value
		case "!!bool":
			return "boolean " + n.Value
		case "!!null":
			return "nothing (null)"
		}
		return fmt.Sprintf("%s %q", n.ShortTag(), n.Value)
	}
	return "nothing"
}

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

// decodeEntries fills the struct *into from mapping entries (possibly from
// several files: configuration layers merged key by key), strictly: an
// unknown key or a value of the wrong type is an error at its place.
func decodeEntries(es []mapEntry, into any, what string) error {
	v := reflect.ValueOf(into)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return fmt.Errorf("decode %s: need a non-nil pointer, got %T", what, into)
	}
	v = v.Elem()
	if v.Kind() == reflect.Map && v.Type().Key().Kind() == reflect.String {
		if v.IsNil() {
			v.Set(reflect.MakeMap(v.Type()))
		}
		for _, e := range es {
			ev := reflect.New(v.Type().Elem()).Elem()
			if err := decodeStrict(e.file, e.value, ev, what+"."+e.key.Value); err != nil {
				return err
			}
			v.SetMapIndex(reflect.ValueOf(e.key.Value).Convert(v.Type().Key()), ev)
		}
		return nil
	}
	if v.Kind() != reflect.Struct {
		return fmt.Errorf("decode %s: options must be a struct or a map with string keys, got %T", what, into)
	}
	fs := yamlFields(v.Type())
	for _, e := range es {
		idx := -1
		for _, f := range fs {
			if f.name == e.key.Value {
				idx = f.index
			}
		}
		if idx < 0 {
			return errAt(e.file, e.key, "unknown key %q in %s (known: %s)", e.key.Value, what, fieldNames(fs))
		}
		if err := decodeStrict(e.file, e.value, v.Field(idx), what+"."+e.key.Value); err != nil {
			return err
		}
	}
	return nil
}

// decodeStrict decodes node n into v (settable) without YAML's usual
// leniency: a string is not a number, a scalar is not a list.
func decodeStrict(file string, n *yaml.Node, v reflect.Value, what string) error {
	n = resolve(n)
	wrong := func(want string) error {
		return errAt(file, n, "%s: want %s, found %s", what, want, describeNode(n))
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		v.SetZero()
		return nil
	}
	if v.CanAddr() && v.Addr().Type().Implements(textUnmarshaler) {
		if n.Kind != yaml.ScalarNode {
			return wrong("a string")
		}
		if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(n.Value)); err != nil {
			return errAt(file, n, "%s: %v", what, err)
		}
		return nil
	}
	if v.Type() == reflect.TypeFor[time.Duration]() {
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" {
			return wrong("a duration such as \"1.5s\"")
		}
		d, err := time.ParseDuration(n.Value)
		if err != nil {
			return errAt(file, n, "%s: %v", what, err)
		}
		v.SetInt(int64(d))
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		if err := decodeStrict(file, n, p.Elem(), what); err != nil {
			return err
		}
		v.Set(p)
	case reflect.String:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" {
			return wrong("a string")
		}
		v.SetString(n.Value)
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
			return wrong("true or false")
		}
		b, err := strconv.ParseBool(n.Value)
		if err != nil {
			var bv bool
			if derr := n.Decode(&bv); derr != nil {
				return wrong("true or false")
			}
			b = bv
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" {
			return wrong("a whole number")
		}
		var i int64
		if err := n.Decode(&i); err != nil || v.OverflowInt(i) {
			return wrong("a whole number in range")
		}
		v.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" {
			return wrong("a whole number")
		}
		var i uint64
		if err := n.Decode(&i); err != nil || v.OverflowUint(i) {
			return wrong("a non-negative whole number in range")
		}
		v.SetUint(i)
	case reflect.Float32, reflect.Float64:
		if n.Kind != yaml.ScalarNode || (n.ShortTag() != "!!float" && n.ShortTag() != "!!int") {
			return wrong("a number")
		}
		var f float64
		if err := n.Decode(&f); err != nil {
			return wrong("a number")
		}
		v.SetFloat(f)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return wrong("a list")
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			if err := decodeStrict(file, c, s.Index(i), fmt.Sprintf("%s[%d]", what, i)); err != nil {
				return err
			}
		}
		v.Set(s)
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return fmt.Errorf("decode %s: map keys must be strings", what)
		}
		es, err := entries(file, n)
		if err != nil {
			return err
		}
		m := reflect.MakeMapWithSize(v.Type(), len(es))
		for _, e := range es {
			ev := reflect.New(v.Type().Elem()).Elem()
			if err := decodeStrict(file, e.value, ev, what+"."+e.key.Value); err != nil {
				return err
			}
			m.SetMapIndex(reflect.ValueOf(e.key.Value).Convert(v.Type().Key()), ev)
		}
		v.Set(m)
	case reflect.Struct:
		es, err := entries(file, n)
		if err != nil {
			return err
		}
		return decodeEntries(es, v.Addr().Interface(), what)
	case reflect.Interface:
		var x any
		if err := n.Decode(&x); err != nil {
			return errAt(file, n, "%s: %v", what, err)
		}
		if x != nil {
			v.Set(reflect.ValueOf(x))
		}
	default:
		return fmt.Errorf("decode %s: unsupported option type %s", what, v.Type())
	}
	return nil
}
