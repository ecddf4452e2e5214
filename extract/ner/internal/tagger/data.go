package tagger

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Sentence is one tagged sentence.
type Sentence struct {
	Tokens []string
	Tags   []string
}

// Doc is a document: its sentences in order.
type Doc []Sentence

// Corpus is a read data file.
type Corpus struct {
	Header []string // the "# ..." comment lines other than "# doc"
	Docs   []Doc
}

// ReadTSV reads the token<TAB>tag format of the training data: one token a
// line, blank lines between sentences, "# doc" or -DOCSTART- between
// documents, other "# " lines comments. A file without document markers
// is one document.
func ReadTSV(r io.Reader) (*Corpus, error) {
	c := &Corpus{}
	var doc Doc
	var sent Sentence
	endSent := func() {
		if len(sent.Tokens) > 0 {
			doc = append(doc, sent)
		}
		sent = Sentence{}
	}
	endDoc := func() {
		endSent()
		if len(doc) > 0 {
			c.Docs = append(c.Docs, doc)
		}
		doc = nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		l := strings.TrimRight(sc.Text(), "\r")
		switch {
		case strings.TrimSpace(l) == "":
			endSent()
		case l == "# doc" || strings.HasPrefix(l, "-DOCSTART-"):
			endDoc()
		case strings.HasPrefix(l, "# "):
			c.Header = append(c.Header, strings.TrimPrefix(l, "# "))
		default:
			tok, tag, ok := strings.Cut(l, "\t")
			if !ok || tok == "" {
				return nil, fmt.Errorf("line %d: want token<TAB>tag, got %q", line, l)
			}
			if tag != "O" && TagIndex(tag) == 0 {
				return nil, fmt.Errorf("line %d: unknown tag %q", line, tag)
			}
			sent.Tokens = append(sent.Tokens, tok)
			sent.Tags = append(sent.Tags, tag)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	endDoc()
	return c, nil
}

// Sentences returns every sentence of the corpus in order.
func (c *Corpus) Sentences() []Sentence {
	var out []Sentence
	for _, d := range c.Docs {
		out = append(out, d...)
	}
	return out
}

// Windows groups sentences into pseudo-documents of n sentences, for data
// without document boundaries.
func Windows(sents []Sentence, n int) []Doc {
	var out []Doc
	for i := 0; i < len(sents); i += n {
		j := min(i+n, len(sents))
		out = append(out, Doc(sents[i:j]))
	}
	return out
}

// Tokens returns the token strings of a document.
func (d Doc) Tokens() [][]string {
	out := make([][]string, len(d))
	for i, s := range d {
		out[i] = s.Tokens
	}
	return out
}

// MergePossessives joins every other CoNLL-style possessive ("Germany" "'s")
// into one token ("Germany's", tagged as the word), the way text.Tokenize
// keeps it, so that the model learns both forms. Deterministic.
func MergePossessives(docs []Doc) []Doc {
	n := 0
	out := make([]Doc, len(docs))
	for d, doc := range docs {
		out[d] = make(Doc, len(doc))
		for s, sent := range doc {
			var ns Sentence
			for i, tok := range sent.Tokens {
				if (tok == "'s" || tok == "'S") && len(ns.Tokens) > 0 && isWordish(ns.Tokens[len(ns.Tokens)-1]) {
					n++
					if n%2 == 0 {
						ns.Tokens[len(ns.Tokens)-1] += tok
						continue
					}
				}
				ns.Tokens = append(ns.Tokens, tok)
				ns.Tags = append(ns.Tags, sent.Tags[i])
			}
			out[d][s] = ns
		}
	}
	return out
}

func isWordish(s string) bool {
	for _, r := range s {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r == '-' || r == '.' || r >= 0x80) {
			return false
		}
	}
	return s != ""
}
