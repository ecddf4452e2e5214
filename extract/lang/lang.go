// Package lang reads what the extractor knows of a language's grammar as
// data: its closed word classes (relative pronouns, particles inside names,
// words that end a name, demonstratives …). Each language has its own
// package (lang/ar, lang/en) embedding a words.tsv; adding a language is a
// new package and its file, and no rule changes.
//
// The file format: UTF-8, one word per line as "class<TAB>word"; lines that
// start with # and blank lines are comments. Words are compared on
// text.Fold keys.
package lang

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"

	"github.com/kgraph/kgraph/extract/text"
)

// Words maps a word class to the folded words in it.
type Words map[string]map[string]bool

// Parse reads a words file; name is used in errors (file:line).
func Parse(name string, data []byte) (Words, error) {
	w := Words{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		class, word, ok := strings.Cut(line, "\t")
		class, word = strings.TrimSpace(class), text.Fold(strings.TrimSpace(word))
		if !ok || class == "" || word == "" {
			return nil, fmt.Errorf("%s:%d: want \"class<TAB>word\", got %q", name, n, line)
		}
		if w[class] == nil {
			w[class] = map[string]bool{}
		}
		w[class][word] = true
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return w, nil
}

// Merge joins several languages' words, class by class: rules read mixed
// text (a Latin name in Arabic text), so they consult every language.
func Merge(ws ...Words) Words {
	out := Words{}
	for _, w := range ws {
		for class, set := range w {
			if out[class] == nil {
				out[class] = map[string]bool{}
			}
			for k := range set {
				out[class][k] = true
			}
		}
	}
	return out
}

// Set returns the words of a class (nil if the class is unknown).
func (w Words) Set(class string) map[string]bool { return w[class] }

// Has reports whether key is in the class.
func (w Words) Has(class, key string) bool { return w[class][key] }
