// Package jsonl reads and writes the exchange format of shared/eval/README.md:
// JSON Lines, one record a line, its "kind" saying what it is.
package jsonl

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/kgraph/kgraph/graph"
)

// Record kinds.
const (
	KindArticle   = "article"
	KindEntity    = "entity"
	KindRelation  = "relation"
	KindAttribute = "attribute"
)

// Record is one line of an exchange file. Exactly one field is set.
type Record struct {
	Article   *graph.Article
	Entity    *graph.Entity
	Relation  *graph.Relation
	Attribute *graph.Attribute
}

// Writer writes records as JSON Lines.
type Writer struct {
	w   *bufio.Writer
	enc *json.Encoder
}

// NewWriter returns a Writer on w. Call Flush when done.
func NewWriter(w io.Writer) *Writer {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false) // keep Arabic and quotes readable
	return &Writer{w: bw, enc: enc}
}

type (
	articleLine struct {
		Kind string `json:"kind"`
		*graph.Article
	}
	entityLine struct {
		Kind string `json:"kind"`
		*graph.Entity
	}
	relationLine struct {
		Kind string `json:"kind"`
		*graph.Relation
	}
	attributeLine struct {
		Kind string `json:"kind"`
		*graph.Attribute
	}
)

func (w *Writer) Article(a graph.Article) error { return w.enc.Encode(articleLine{KindArticle, &a}) }
func (w *Writer) Entity(e graph.Entity) error   { return w.enc.Encode(entityLine{KindEntity, &e}) }
func (w *Writer) Relation(r graph.Relation) error {
	return w.enc.Encode(relationLine{KindRelation, &r})
}
func (w *Writer) Attribute(a graph.Attribute) error {
	return w.enc.Encode(attributeLine{KindAttribute, &a})
}

// Facts writes the article line, relations and attributes of b; entities are
// written apart (see WriteEntities) because one entity line spans articles.
func (w *Writer) Facts(b graph.Batch) error {
	if err := w.Article(b.Article); err != nil {
		return err
	}
	for _, r := range b.Relations {
		if err := w.Relation(r); err != nil {
			return err
		}
	}
	for _, a := range b.Attributes {
		if err := w.Attribute(a); err != nil {
			return err
		}
	}
	return nil
}

// Flush writes any buffered data.
func (w *Writer) Flush() error { return w.w.Flush() }

// Reader reads records one line at a time.
type Reader struct {
	sc   *bufio.Scanner
	line int
}

// NewReader returns a Reader on r.
func NewReader(r io.Reader) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 64*1024*1024)
	return &Reader{sc: sc}
}

// LineError is a malformed line; reading may go on past it.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// Next returns the next record, io.EOF at the end, or a *LineError for a bad
// line (the caller may report it and call Next again). Lines of unknown kind
// are skipped, as the format allows.
func (r *Reader) Next() (Record, error) {
	for r.sc.Scan() {
		r.line++
		rec, ok, err := parseLine(r.sc.Bytes())
		if err != nil {
			return Record{}, &LineError{r.line, err}
		}
		if ok {
			return rec, nil
		}
	}
	if err := r.sc.Err(); err != nil {
		return Record{}, err
	}
	return Record{}, io.EOF
}

// parseLine decodes one line. ok is false for a blank line or one of an
// unknown kind, which the format allows and readers skip.
func parseLine(b []byte) (rec Record, ok bool, err error) {
	if len(trimSpace(b)) == 0 {
		return Record{}, false, nil
	}
	var head struct {
		Kind string `json:"kind"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return Record{}, false, fmt.Errorf("not JSON: %w", err)
	}
	switch head.Kind {
	case KindArticle:
		rec.Article = new(graph.Article)
		err = json.Unmarshal(b, rec.Article)
		if err == nil && rec.Article.ID == "" {
			err = errors.New("article record without id")
		}
	case KindEntity:
		rec.Entity = new(graph.Entity)
		err = json.Unmarshal(b, rec.Entity)
		if err == nil && rec.Entity.ID == "" {
			err = errors.New("entity record without id")
		}
	case KindRelation:
		rec.Relation = new(graph.Relation)
		err = json.Unmarshal(b, rec.Relation)
		if err == nil && (rec.Relation.Article == "" || rec.Relation.Subject == "" || rec.Relation.Object == "") {
			err = errors.New("relation record needs subject, object and article")
		}
	case KindAttribute:
		rec.Attribute = new(graph.Attribute)
		err = json.Unmarshal(b, rec.Attribute)
		if err == nil && (rec.Attribute.Article == "" || rec.Attribute.Subject == "") {
			err = errors.New("attribute record needs subject and article")
		}
	default:
		return Record{}, false, nil
	}
	if err != nil {
		return Record{}, false, err
	}
	return rec, true, nil
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r') {
		b = b[1:]
	}
	return b
}

// ReadBatches reads a whole exchange file and regroups it into one Batch per
// article, in the order the articles first appear (see Index). It holds
// every batch; a loader should stream with Index instead.
func ReadBatches(r io.Reader, onError func(error)) ([]graph.Batch, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	ra := bytes.NewReader(data)
	ix, err := NewIndex(ra, onError)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	var out []graph.Batch
	err = ix.Batches(ra, 1<<30, func(bs []graph.Batch) error {
		out = append(out, bs...)
		return nil
	}, onError)
	return out, err
}

// ForArticle returns e with its mentions and articles cut to one article.
func ForArticle(e graph.Entity, article string) graph.Entity {
	var ms []graph.Mention
	for _, m := range e.Mentions {
		if m.Article == article {
			ms = append(ms, m)
		}
	}
	e.Mentions = ms
	e.Articles = []string{article}
	return e
}

func articlesOf(e *graph.Entity) []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range e.Articles {
		if !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	for _, m := range e.Mentions {
		if !seen[m.Article] {
			seen[m.Article] = true
			out = append(out, m.Article)
		}
	}
	return out
}

// dropMissing removes facts whose entities have no record.
func dropMissing(b *graph.Batch) {
	have := map[string]bool{}
	for _, e := range b.Entities {
		have[e.ID] = true
	}
	rels := b.Relations[:0]
	for _, r := range b.Relations {
		if have[r.Subject] && have[r.Object] {
			rels = append(rels, r)
		}
	}
	b.Relations = rels
	attrs := b.Attributes[:0]
	for _, a := range b.Attributes {
		if have[a.Subject] {
			attrs = append(attrs, a)
		}
	}
	b.Attributes = attrs
}
