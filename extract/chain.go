package extract

import (
	"context"
	"fmt"
	"io/fs"
	"sort"

	"github.com/kgraph/kgraph/extract/lexicon"
)

// The chain reads an article in a fixed order of stages, each one a small
// interface, in the manner of an analysis chain:
//
//	sentences and words -> Recognizers -> Linkers   (per sentence, in order)
//	                    -> Revisers                  (once per document)
//	                    -> RelationFinders           (per sentence, in order)
//	                    -> Finishers                 (once per document)
//	                    -> the Resolver              (shared across articles)
//
// Recognisers and linkers run on one sentence before the next sentence is
// read, so an anaphor only ever sees what came before it. Relation finders
// run once every sentence has its mentions, and turn mentions and the slots
// recognisers filled (a title, an organiser, a place) into facts. Revisers
// stand between: they read every sentence's mentions at once and may
// change what the sentences alone decided (a name's type), before any fact
// depends on it. Only the resolver keeps state across articles.

// A Recognizer adds mentions to one sentence of a document.
type Recognizer interface {
	Recognize(d *Document, s *Sentence)
}

// A DocumentReader is a Recognizer that first reads the whole document, as a
// tagger with document-level features does. The chain finds it by type
// assertion and calls ReadDocument before any sentence is recognised.
type DocumentReader interface {
	ReadDocument(d *Document)
}

// A Linker points a sentence's anaphors, descriptions and pronouns at
// entities named before them.
type Linker interface {
	Link(d *Document, s *Sentence)
}

// A Reviser revises the mentions of the whole document once every sentence
// has them, before any relation is found: the type of a name, from what the
// whole article says of it.
type Reviser interface {
	Revise(d *Document)
}

// A RelationFinder adds the facts one sentence states.
type RelationFinder interface {
	FindRelations(d *Document, s *Sentence)
}

// A Finisher adds what follows from the facts of the whole document.
type Finisher interface {
	Finish(d *Document)
}

// Language is the set of stages a chain runs on text of one language.
type Language struct {
	Code        string // ISO 639-1: ar, en
	Recognizers []Recognizer
	Linkers     []Linker
	Revisers    []Reviser
	Finders     []RelationFinder
	Finishers   []Finisher
}

// Option configures a Chain.
type Option func(*chainConfig) error

type chainConfig struct {
	lex       *lexicon.Lexicon
	rules     fs.FS
	languages map[string]*Language
	neutral   *Language
	noTagger  bool
	keep      bool
}

// WithLexicon replaces the embedded word lists.
func WithLexicon(l *lexicon.Lexicon) Option {
	return func(c *chainConfig) error { c.lex = l; return nil }
}

// WithRules replaces the embedded relation triggers, argument types and
// anaphors (the files under extract/data/).
func WithRules(fsys fs.FS) Option {
	return func(c *chainConfig) error { c.rules = fsys; return nil }
}

// WithLanguage sets the stages for one language, replacing the built-in
// ones if the language has them. Adding French is a Language and its data.
func WithLanguage(l *Language) Option {
	return func(c *chainConfig) error {
		if l == nil || l.Code == "" {
			return fmt.Errorf("extract: a language needs a code")
		}
		c.languages[l.Code] = l
		return nil
	}
}

// WithoutTagger leaves the trained NER tagger out of the built-in languages,
// so that only the rules recognise names (for comparisons and tests).
func WithoutTagger() Option {
	return func(c *chainConfig) error { c.noTagger = true; return nil }
}

// KeepMentions keeps every article's mentions and article ids on the
// merged entities that Entities returns, for writing one entity record
// per entity (kgraph extract). Without it the resolver keeps only names
// and keys, and its memory does not grow with the articles.
func KeepMentions() Option {
	return func(c *chainConfig) error { c.keep = true; return nil }
}

// Languages lists the languages the chain has stages for.
func (x *Chain) Languages() []string {
	out := make([]string, 0, len(x.languages))
	for code := range x.languages {
		out = append(out, code)
	}
	sort.Strings(out)
	return out
}

// Supports reports whether text in lang gets a language's full set of
// stages; any other text gets only the language-neutral ones.
func (x *Chain) Supports(lang string) bool {
	_, ok := x.languages[lang]
	return ok
}

// languageOf returns the stages for lang: the language's own, or the
// language-neutral ones.
func (x *Chain) languageOf(lang string) *Language {
	if l, ok := x.languages[lang]; ok {
		return l
	}
	return x.neutral
}

// read runs every per-article stage; it touches no shared state, so
// articles may be read concurrently.
func (x *Chain) read(ctx context.Context, a Article) (*Document, error) {
	d := x.newDocument(a)
	lang := x.languageOf(d.lang)
	for _, r := range lang.Recognizers {
		if dr, ok := r.(DocumentReader); ok {
			dr.ReadDocument(d)
		}
	}
	for _, s := range d.eachSentence() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		d.beginRecognition(s)
		for _, r := range lang.Recognizers {
			r.Recognize(d, s)
		}
		for _, l := range lang.Linkers {
			l.Link(d, s)
		}
	}
	for _, r := range lang.Revisers {
		r.Revise(d)
	}
	for _, s := range d.eachSentence() {
		for _, f := range lang.Finders {
			f.FindRelations(d, s)
		}
	}
	for _, f := range lang.Finishers {
		f.Finish(d)
	}
	return d, nil
}
