package tagger

import (
	"fmt"
	"io"
)

// Span is an entity: tokens [Start, End) of one sentence and its type.
type Span struct {
	Start, End int
	Type       string
}

// Spans reads the entities of an IOB2 tag sequence the way conlleval does:
// an I- tag that does not continue an entity of its type starts one.
func Spans(tags []string) []Span {
	var out []Span
	open := -1
	typ := ""
	for i, t := range tags {
		prefix, ty := "O", ""
		if len(t) > 2 && (t[0] == 'B' || t[0] == 'I') && t[1] == '-' {
			prefix, ty = t[:1], t[2:]
		}
		if open >= 0 && (prefix != "I" || ty != typ) {
			out = append(out, Span{open, i, typ})
			open = -1
		}
		if prefix != "O" && open < 0 {
			open, typ = i, ty
		}
	}
	if open >= 0 {
		out = append(out, Span{open, len(tags), typ})
	}
	return out
}

// Counts are entity-level counts for one type.
type Counts struct{ Gold, Pred, Correct int }

// P, R and F1 are precision, recall and their harmonic mean.
func (c Counts) P() float64  { return ratio(c.Correct, c.Pred) }
func (c Counts) R() float64  { return ratio(c.Correct, c.Gold) }
func (c Counts) F1() float64 { return f1(c.P(), c.R()) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Score holds entity-level counts per type: exact span and type.
type Score map[string]*Counts

// Add scores one sentence.
func (sc Score) Add(gold, pred []string) {
	g, p := Spans(gold), Spans(pred)
	type key struct {
		s, e int
		t    string
	}
	in := map[key]bool{}
	for _, s := range g {
		sc.counts(s.Type).Gold++
		in[key{s.Start, s.End, s.Type}] = true
	}
	for _, s := range p {
		c := sc.counts(s.Type)
		c.Pred++
		if in[key{s.Start, s.End, s.Type}] {
			c.Correct++
		}
	}
}

func (sc Score) counts(t string) *Counts {
	c := sc[t]
	if c == nil {
		c = &Counts{}
		sc[t] = c
	}
	return c
}

// Over sums the counts of types.
func (sc Score) Over(types ...string) Counts {
	var s Counts
	for _, t := range types {
		if c := sc[t]; c != nil {
			s.Gold += c.Gold
			s.Pred += c.Pred
			s.Correct += c.Correct
		}
	}
	return s
}

// Write prints a table of P/R/F1 per type, over PER/LOC/ORG, and over all four.
func (sc Score) Write(w io.Writer, title string) {
	fmt.Fprintf(w, "%s\n  %-12s %6s %6s %6s %6s %6s\n", title, "type", "gold", "pred", "P", "R", "F1")
	row := func(name string, c Counts) {
		fmt.Fprintf(w, "  %-12s %6d %6d %6.4f %6.4f %6.4f\n", name, c.Gold, c.Pred, c.P(), c.R(), c.F1())
	}
	for _, t := range []string{"PER", "LOC", "ORG", "MISC"} {
		row(t, sc.Over(t))
	}
	row("PER+LOC+ORG", sc.Over("PER", "LOC", "ORG"))
	row("all four", sc.Over("PER", "LOC", "ORG", "MISC"))
}

// Evaluate tags docs with m and scores the result against their tags.
func Evaluate(m *Model, docs []Doc) Score {
	sc := Score{}
	for _, d := range docs {
		tags := m.Tag(d.Tokens())
		for s, sent := range d {
			pred := make([]string, len(tags[s]))
			for i, t := range tags[s] {
				pred[i] = Tags[t]
			}
			sc.Add(sent.Tags, pred)
		}
	}
	return sc
}
