// Package ner is a trained named-entity tagger for Arabic and English news:
// IOB2 tags over PER, LOC, ORG and MISC from an averaged perceptron with
// first-order tag transitions, Viterbi decoding and document-level
// consistency features (a second pass sees what the first tagged elsewhere
// in the same document). It is pure Go; the models are embedded.
//
// The models are trained by one command (see the train sub-package):
//
//	go run ./extract/ner/train -data ../shared/data/ner -out extract/ner/model
package ner

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"sync"

	"github.com/kgraph/kgraph/extract/ner/internal/tagger"
)

//go:embed model
var models embed.FS

// ErrNoModel is returned by Load for a language without a model.
var ErrNoModel = errors.New("ner: no model for this language")

// Tagger tags documents in one language. It is immutable and safe for
// concurrent use.
type Tagger struct {
	m *tagger.Model
}

var (
	mu     sync.Mutex
	loaded = map[string]*Tagger{}
)

// Load returns the embedded model for lang ("ar" or "en"), read once.
func Load(lang string) (*Tagger, error) {
	if lang != "ar" && lang != "en" {
		return nil, fmt.Errorf("load %q: %w", lang, ErrNoModel)
	}
	mu.Lock()
	defer mu.Unlock()
	if t := loaded[lang]; t != nil {
		return t, nil
	}
	b, err := models.ReadFile("model/" + lang + ".gz")
	if err != nil {
		return nil, fmt.Errorf("load %q: %w", lang, ErrNoModel)
	}
	m, err := tagger.Read(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("load %q model: %w", lang, err)
	}
	if m.Lang != lang {
		return nil, fmt.Errorf("load %q model: file holds a %q model", lang, m.Lang)
	}
	t := &Tagger{m: m}
	loaded[lang] = t
	return t, nil
}

// Tag returns the IOB2 tag of every token of doc, a document given as its
// sentences of raw tokens (as extract/text tokenises them). Document-level
// features are computed across the whole of doc, so pass whole articles.
func (t *Tagger) Tag(doc [][]string) [][]string {
	idx := t.m.Tag(doc)
	out := make([][]string, len(idx))
	for s, tags := range idx {
		out[s] = make([]string, len(tags))
		for i, x := range tags {
			out[s][i] = tagger.Tags[x]
		}
	}
	return out
}

// Span is an entity: tokens [Start, End) of one sentence and its type
// (PER, LOC, ORG or MISC).
type Span struct {
	Start, End int
	Type       string
}

// Spans returns the entities of one sentence's IOB2 tags. As in conlleval,
// an I- tag that does not continue an entity of its type starts one.
func Spans(tags []string) []Span {
	ss := tagger.Spans(tags)
	if len(ss) == 0 {
		return nil
	}
	out := make([]Span, len(ss))
	for i, s := range ss {
		out[i] = Span(s)
	}
	return out
}
