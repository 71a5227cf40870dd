package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// strictYAML decodes one YAML document into a struct with the YAML library's strict
// mode (unknown keys are errors) and words each problem the way a person fixing the file
// wants it: the full key path, what is wrong, a near key when one was probably meant, and
// the line.
type strictYAML struct {
	// on, if set, is called with each top-level key the file has, before decoding and
	// again after it: a section that is off unless present turns itself on there, with its
	// defaults, so that the file only overrides them.
	on func(key string)
	// hint, if set, returns advice to add to the problem of an unknown key.
	hint func(key string) string
}

// decode decodes data into out, a pointer to a struct, and returns the problems found;
// nil means none. An empty document leaves out as it is.
func (s strictYAML) decode(data []byte, out any) []string {
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return nil
		}
		return []string{strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return []string{"the file holds more than one YAML document"}
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return []string{fmt.Sprintf("want a mapping of keys, got %s (line %d)", describe(doc), doc.Line)}
	}
	s.turnOn(doc)
	strict := yaml.NewDecoder(bytes.NewReader(data))
	strict.KnownFields(true)
	err := strict.Decode(out)
	s.turnOn(doc) // a key with no value ("slack:") may have reset its section
	idx := newNodeIndex(doc)
	var problems []string
	var te *yaml.TypeError
	switch {
	case errors.As(err, &te):
		for _, msg := range te.Errors {
			problems = append(problems, s.explain(msg, idx, reflect.TypeOf(out)))
		}
	case err != nil:
		problems = append(problems, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	problems = append(problems, fractions(idx, reflect.TypeOf(out))...)
	if len(problems) > 20 {
		problems = append(problems[:20], fmt.Sprintf("and %d more problems", len(problems)-20))
	}
	return problems
}

func (s strictYAML) turnOn(doc *yaml.Node) {
	if s.on == nil {
		return
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		s.on(doc.Content[i].Value)
	}
}

// The messages of the YAML library that explain names for.
var (
	unknownField = regexp.MustCompile("^line ([0-9]+): field (.+) not found in type (.+)$")
	repeatedKey  = regexp.MustCompile(`^line ([0-9]+): mapping key "(.*)" already defined at line [0-9]+$`)
	wrongKind    = regexp.MustCompile("^line ([0-9]+): cannot unmarshal (!![a-z]+)(?: `(.*)`)? into (.+)$")
)

// explain words one of the library's type errors.
func (s strictYAML) explain(msg string, idx *nodeIndex, root reflect.Type) string {
	if m := unknownField.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		e := idx.key(line, m[2])
		advice := ""
		if s.hint != nil {
			advice = s.hint(m[2])
		}
		if advice == "" {
			advice = suggest(yamlKeys(typeAt(root, e.path[:len(e.path)-1])), m[2])
		}
		return fmt.Sprintf("%s: unknown key%s (line %d)", e.name(), advice, line)
	}
	if m := repeatedKey.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return fmt.Sprintf("%s: the key appears twice (line %d)", idx.key(line, m[2]).name(), line)
	}
	if m := wrongKind.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		e := idx.value(line, m[2], m[3])
		return fmt.Sprintf("%s: want %s, got %s (line %d)", e.name(), wanted(typeAt(root, e.path)), describe(e.node), line)
	}
	return msg
}

// fractions reports the numbers with a fraction given for whole-number keys, which the
// library would silently truncate ("words: 1.5" gives 1).
func fractions(idx *nodeIndex, root reflect.Type) []string {
	var out []string
	for _, e := range idx.values {
		if e.node.Kind != yaml.ScalarNode || e.node.ShortTag() != "!!float" {
			continue
		}
		if t := typeAt(root, e.path); t != nil && t != reflect.TypeFor[time.Duration]() && isInteger(t) {
			out = append(out, fmt.Sprintf("%s: want %s, got %s (line %d)", e.name(), wanted(t), describe(e.node), e.node.Line))
		}
	}
	return out
}

func isInteger(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return true
	}
	return false
}

// wanted says what a value of type t looks like in YAML.
func wanted(t reflect.Type) string {
	switch {
	case t == nil:
		return "another kind of value"
	case t == reflect.TypeFor[time.Duration]():
		return "a duration such as 30s or 5m"
	case isInteger(t):
		return "a whole number"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "a string"
	case reflect.Slice:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "a mapping of keys"
	}
	return "another kind of value"
}

// describe names what a node holds, for messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		if n.Alias != nil {
			return describe(n.Alias)
		}
	case yaml.ScalarNode:
		v := n.Value
		if len(v) > 40 {
			v = v[:40] + "…"
		}
		return strconv.Quote(v)
	}
	return "nothing usable"
}

// nodeIndex finds the key path of the node a library message points at by its line.
type nodeIndex struct {
	keys, values []indexed
}

// indexed is a key or a value node with its key path ("slack", "mode"; "channels", "[0]").
type indexed struct {
	path []string
	node *yaml.Node
}

// name is the key path as the messages spell it: "slack.mode", "channels[0].id".
func (e indexed) name() string {
	var sb strings.Builder
	for i, p := range e.path {
		if i > 0 && !strings.HasPrefix(p, "[") {
			sb.WriteByte('.')
		}
		sb.WriteString(p)
	}
	return sb.String()
}

func newNodeIndex(doc *yaml.Node) *nodeIndex {
	idx := &nodeIndex{}
	idx.add(doc, nil, 0)
	return idx
}

func (idx *nodeIndex) add(n *yaml.Node, path []string, depth int) {
	if depth > 32 {
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := append(path[:len(path):len(path)], k.Value)
			idx.keys = append(idx.keys, indexed{p, k})
			idx.values = append(idx.values, indexed{p, v})
			idx.add(v, p, depth+1)
		}
	case yaml.SequenceNode:
		for i, v := range n.Content {
			p := append(path[:len(path):len(path)], fmt.Sprintf("[%d]", i))
			idx.values = append(idx.values, indexed{p, v})
			idx.add(v, p, depth+1)
		}
	}
}

// key returns the key named name on line, or a placeholder naming only the key.
func (idx *nodeIndex) key(line int, name string) indexed {
	for _, e := range idx.keys {
		if e.node.Line == line && e.node.Value == name {
			return e
		}
	}
	return indexed{path: []string{name}, node: &yaml.Node{Kind: yaml.ScalarNode, Value: name, Line: line}}
}

// value returns the value node on line that the library's message describes: of its
// tag, and for a scalar, with a text that starts as shown (the library cuts long values
// short); the innermost when several are (a flow mapping inside a mapping).
func (idx *nodeIndex) value(line int, tag, shown string) indexed {
	shown = strings.TrimSuffix(shown, "...")
	found := indexed{node: &yaml.Node{Kind: yaml.ScalarNode, Value: shown, Line: line}}
	for _, e := range idx.values {
		n := e.node
		if n.Line != line || n.ShortTag() != tag || (n.Kind == yaml.ScalarNode && !strings.HasPrefix(n.Value, shown)) {
			continue
		}
		if found.path == nil || len(e.path) > len(found.path) {
			found = e
		}
	}
	return found
}

// typeAt returns the Go type that holds the value at path below root, or nil.
func typeAt(root reflect.Type, path []string) reflect.Type {
	t := root
	for _, p := range path {
		for t != nil && t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		switch {
		case t == nil:
			return nil
		case strings.HasPrefix(p, "["):
			if t.Kind() != reflect.Slice {
				return nil
			}
			t = t.Elem()
		case t.Kind() == reflect.Map:
			t = t.Elem()
		case t.Kind() == reflect.Struct:
			f, ok := fieldOf(t, p)
			if !ok {
				return nil
			}
			t = f.Type
		default:
			return nil
		}
	}
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// fieldOf returns the field of struct type t whose yaml key is name.
func fieldOf(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); tag == name && tag != "" {
			return t.Field(i), true
		}
	}
	return reflect.StructField{}, false
}

// yamlKeys lists the yaml keys of struct type t.
func yamlKeys(t reflect.Type) []string {
	if t == nil || t.Kind() != reflect.Struct {
		return nil
	}
	var keys []string
	for i := range t.NumField() {
		if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	return keys
}

// suggest returns `; did you mean "X"?` when one of keys is close to name, or a list of
// the keys.
func suggest(keys []string, name string) string {
	for _, k := range keys {
		if editDistance(strings.ToLower(name), k) <= 2 {
			return fmt.Sprintf("; did you mean %q?", k)
		}
	}
	if len(keys) == 0 {
		return ""
	}
	return "; the keys here are " + strings.Join(keys, ", ")
}

// editDistance is the Levenshtein distance of short strings (capped for long ones).
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
