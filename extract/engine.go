package extract

import (
	"context"
	"fmt"
	"iter"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kgraph/kgraph/extract/dates"
	"github.com/kgraph/kgraph/extract/lexicon"
	"github.com/kgraph/kgraph/extract/ner"
	"github.com/kgraph/kgraph/extract/resolve"
	"github.com/kgraph/kgraph/extract/text"
	"github.com/kgraph/kgraph/graph"
)

// Chain is the deterministic, offline extractor: an ordered chain of
// stages per language (see chain.go) and a resolver shared across
// articles, so one real-world thing keeps one id across articles and
// scripts. The word caches below hold lexicon facts, never anything about
// one article.
//
// A Chain is safe for concurrent use; articles are resolved one at a time.
type Chain struct {
	lex   *lexicon.Lexicon
	rules *rules
	known map[string]bool // trigger, anaphor and attribute words, for clitic splitting

	languages map[string]*Language
	neutral   *Language // for text in a language the chain has no stages for

	clitics      sync.Map // folded word -> text.Split chosen for it
	factMemo     sync.Map // folded word -> *wordFacts
	infoMemo     sync.Map // folded Arabic word -> *wordInfo
	infoMemoSize atomic.Int64
	factMemoSize atomic.Int64
	cliticsSize  atomic.Int64
	// cityNamed finds the city behind a one-word name that the gazetteer
	// reads as a country (عمان: Oman, or Amman).
	cityNamed map[string]*lexicon.Entry
	heads     map[*lexicon.Entry]string // folded head noun of each gazetteer name

	mu  sync.Mutex
	res *resolve.Resolver
}

// Engine is the former name of Chain.
type Engine = Chain

// NewEngine returns a Chain with the built-in stages and data.
func NewEngine() (*Chain, error) { return New() }

// New returns a Chain with the embedded lexicons and rules and the built-in
// languages (Arabic and English), changed by opts.
func New(opts ...Option) (*Chain, error) {
	c := &chainConfig{languages: map[string]*Language{}}
	for _, o := range opts {
		if err := o(c); err != nil {
			return nil, err
		}
	}
	if c.lex == nil {
		c.lex = lexicon.Default()
	}
	if c.rules == nil {
		c.rules = dataFS
	}
	r, err := loadRules(c.rules)
	if err != nil {
		return nil, fmt.Errorf("extract: rules: %w", err)
	}
	x := &Chain{lex: c.lex, rules: r, known: map[string]bool{}, res: resolve.New()}
	x.res.KeepMentions = c.keep
	x.languages, x.neutral = defaultLanguages(c)
	for code, l := range c.languages {
		x.languages[code] = l
	}
	for _, t := range x.rules.triggers {
		x.known[t.words[0]] = true
	}
	for _, a := range x.rules.anaphors {
		x.known[a.words[0]] = true
	}
	for _, a := range x.rules.attrs {
		x.known[a.words[0]] = true
	}
	x.cityNamed = map[string]*lexicon.Entry{}
	x.heads = map[*lexicon.Entry]string{}
	for _, e := range x.lex.Entries() {
		x.heads[e] = headOf(e)
		if e.Type != graph.TypeCity {
			continue
		}
		for _, n := range e.Names {
			if ks := foldWords(n); len(ks) == 1 {
				x.cityNamed[ks[0]] = e
			}
		}
	}
	for _, w := range []string{"الذي", "التي", "الذين", "اللذين"} {
		x.known[w] = true
	}
	return x, nil
}

// defaultLanguages are the built-in stages: every rule stage for Arabic and
// English, and for any other language only the gazetteer, which needs no
// grammar.
func defaultLanguages(c *chainConfig) (map[string]*Language, *Language) {
	langs := map[string]*Language{}
	for _, code := range []string{"ar", "en"} {
		rec := []Recognizer{NumberedEvents{}, Gazetteer{}, HeadPhrases{}, TitledPeople{}}
		var tagger *ner.Tagger
		if !c.noTagger {
			tagger, _ = ner.Load(code) // no model: the rules alone
		}
		switch {
		case tagger != nil && code == "en":
			// English names are capitalised and the tagger reads them well:
			// it goes before the title rules, which then take the names it
			// found (chief executive Richard Dixey).
			rec = []Recognizer{NumberedEvents{}, Gazetteer{}, HeadPhrases{}, Tagged{Tagger: tagger}, TitledPeople{}}
		case tagger != nil:
			// Arabic names are not: the title rules find where a name starts
			// and the tagger where it ends, then takes what is left, and
			// titles left without a name take a name it found.
			rec = append(rec, Tagged{Tagger: tagger}, TitledPeople{})
		case code == "en":
			rec = append(rec, CapitalisedRuns{})
		}
		var rev []Reviser
		if code == "en" {
			rev = []Reviser{Retype{}}
		}
		langs[code] = &Language{
			Code:        code,
			Recognizers: append(rec, Sites{}, ListedBodies{}, CompanyAppositives{}, TitlesAfterNames{}),
			Linkers:     []Linker{Anaphors{}},
			Revisers:    rev,
			Finders:     []RelationFinder{Slots{}, Frames{}, EventDates{}, Affiliations{}},
			Finishers:   []Finisher{Aliases{}, Inference{}},
		}
	}
	neutral := &Language{Code: "", Recognizers: []Recognizer{Gazetteer{}}}
	return langs, neutral
}

func (x *Chain) entryHead(e *lexicon.Entry) string {
	if h, ok := x.heads[e]; ok {
		return h
	}
	return headOf(e)
}

// dateHit is a date expression found in a sentence.
type dateHit struct {
	dates.Date
	used bool
}

// Extract returns the facts one article contributes, with entity ids
// resolved against every article seen before.
func (x *Chain) Extract(ctx context.Context, a Article) (graph.Batch, error) {
	d, err := x.Read(ctx, a)
	if err != nil {
		return graph.Batch{}, err
	}
	return x.Resolve(ctx, d)
}

// Read runs every per-article stage (sentences, recognisers, linkers,
// relation finders). It touches no shared state: articles may be read on
// several goroutines at once.
func (x *Chain) Read(ctx context.Context, a Article) (*Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return x.read(ctx, a)
}

// Resolve gives a read document's entities their global ids and returns
// its batch. Documents must be resolved one at a time, in input order, for
// ids not to depend on timing; d may not be used afterwards.
func (x *Chain) Resolve(ctx context.Context, d *Document) (graph.Batch, error) {
	if err := ctx.Err(); err != nil {
		return graph.Batch{}, err
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	b := x.batch(d)
	for _, s := range d.sents {
		s.release()
	}
	putTokens(d.toks)
	return b, nil
}

// newDocument splits an article into sentences and words and finds its
// dates: what every later stage reads.
func (x *Chain) newDocument(a Article) *Document {
	d := &Document{x: x, a: a, lang: a.Lang, trigger: -1, byLex: map[string]*local{}, byKey: map[string]*local{}, surnames: map[string]*local{}}
	if d.lang == "" {
		d.lang = guessLang(a.Text)
	}
	d.runes = []rune(a.Text)
	d.keyMemo = map[string][]string{}
	var pub time.Time
	if a.Published != "" {
		for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01"} {
			if t, err := time.Parse(layout, a.Published); err == nil {
				pub = t
				break
			}
		}
	}
	// Tokenise the article once and hand each sentence its share: one pass
	// over the text instead of one per sentence.
	d.toks = getTokens()
	all := text.AppendTokens(d.toks, a.Text)
	d.toks = all
	next := 0
	for _, st := range text.Sentences(a.Text) {
		for next < len(all) && all[next].Start < st.Start {
			next++
		}
		first := next
		for next < len(all) && all[next].End <= st.End {
			all[next].Start -= st.Start
			all[next].End -= st.Start
			next++
		}
		s := x.sentenceOf(st, d.runes, all[first:next:next])
		d.sents = append(d.sents, s)
		if x.mayHoldDate(s, !pub.IsZero()) {
			for _, dt := range dates.FindTokens(x.lex, s.toks, pub) {
				dt.Start += s.Start
				dt.End += s.Start
				s.dates = append(s.dates, &dateHit{Date: dt})
			}
		}
	}
	return d
}

// eachSentence yields every sentence in order, with the sentence number,
// current sentence and clause limit that positions and lookups use set
// for it.
func (d *Document) eachSentence() iter.Seq2[int, *Sentence] {
	return func(yield func(int, *Sentence) bool) {
		for i, s := range d.sents {
			d.sentNo, d.cur = i+1, s
			d.limit = len(s.words)
			if !yield(i, s) {
				return
			}
		}
	}
}

// mayHoldDate reports whether s has a date cue, a number or a month name:
// with none a sentence holds no date and the date finder is not run.
func (x *Chain) mayHoldDate(s *Sentence, published bool) bool {
	for i, w := range s.words {
		if w.Kind == text.Number || published && (dateCues[w.Key] || dateCues[w.stem]) {
			return true
		}
		if m, _ := s.month(x.lex, i); m > 0 {
			return true
		}
	}
	return false
}

// eventDates gives an event the date its clause states: the date nearest
// after a trigger whose fact involves the event, else an event named right
// after the date.
func (d *Document) eventDates(s *Sentence) {
	for _, dt := range s.dates {
		if dt.used || dt.Value == "" || (dt.Relative && d.a.Published == "" && dt.Value[0] != '-') {
			continue
		}
		var ev *local
		if d.relativeRightBefore(s, dt.Start) {
			ev = d.clauseEvent(s, dt.Start) // مؤتمر بروكسل السادس الذي عقد في أيار 2022
		}
		if ev == nil {
			ev = d.triggerEvent(s, dt.Start)
		}
		if ev == nil {
			ev = d.eventRightAfter(s, dt.End)
		}
		if ev == nil {
			ev = d.clauseEvent(s, dt.Start)
		}
		if ev != nil {
			dt.used = true
			d.attrs = append(d.attrs, attrFact{name: graph.AttrDate, value: dt.Value, s: ev, sent: s, confidence: 0.7})
		}
	}
}

// triggerEvent is the event of the fact whose trigger stands closest before
// pos in s (نظم، في حزيران 2018، اجتماع … / استضافته مدينة مراكش، في ماي).
func (d *Document) triggerEvent(s *Sentence, pos int) *local {
	var ev *local
	bestWord := -1
	for _, f := range d.rels {
		if f.sent != s || f.trigger < 0 || s.words[f.trigger].Start >= pos || f.trigger < bestWord {
			continue
		}
		switch {
		case f.s.final().typ == graph.TypeEvent:
			ev, bestWord = f.s.final(), f.trigger
		case f.o.final().typ == graph.TypeEvent:
			ev, bestWord = f.o.final(), f.trigger
		}
	}
	if bestWord >= 0 {
		// Too far back and the date belongs to something else.
		words := 0
		for _, w := range s.words[bestWord:] {
			if w.Start >= pos {
				break
			}
			words++
		}
		if words > 10 {
			return nil
		}
	}
	return ev
}

// relativeRightBefore reports whether a relative pronoun stands at most
// three words before pos: the date is then the relative clause's.
func (d *Document) relativeRightBefore(s *Sentence, pos int) bool {
	n := 0
	for k := len(s.words) - 1; k >= 0; k-- {
		if s.words[k].Start >= pos {
			continue
		}
		if d.isRelative(s.words[k]) {
			return true
		}
		if n++; n >= 3 {
			return false
		}
	}
	return false
}

// eventRightAfter is an event named within a few words after pos.
func (d *Document) eventRightAfter(s *Sentence, pos int) *local {
	for _, m := range s.mentions {
		if m.first < 0 || m.ent.final().typ != graph.TypeEvent {
			continue
		}
		if dist := s.words[m.first].Start - pos; dist >= 0 && dist < 6 {
			return m.ent.final()
		}
	}
	return nil
}

// clauseEvent is the event of the relative clause that a position falls in:
// the antecedent of the nearest relative pronoun before it.
func (d *Document) clauseEvent(s *Sentence, pos int) *local {
	ws := s.words
	for k := len(ws) - 1; k >= 0; k-- {
		if ws[k].Start >= pos || !d.isRelative(ws[k]) {
			continue
		}
		if m := d.before(s, k, map[string]bool{graph.TypeEvent: true}, genderOfWord(ws[k].stem)); m != nil {
			return m.ent.final()
		}
		return nil
	}
	return nil
}

// infer adds facts that follow from two facts of one sentence: a delegate
// of a country that attends an event attends it too. (That an event a
// country hosts is held there is true but left out: annotators do not count
// it as stated.)
func (d *Document) infer() {
	n := len(d.rels)
	for i := 0; i < n; i++ {
		r := d.rels[i]
		if r.pred != graph.Represents {
			continue
		}
		for j := 0; j < n; j++ {
			a := d.rels[j]
			if a.pred == graph.Attended && a.s.final() == r.o.final() && a.sent == r.sent {
				d.relate(graph.Attended, r.s, a.o, r.sent, min(r.confidence, a.confidence)*0.95)
			}
		}
	}
}

// guessLang tells Arabic from English by script.
func guessLang(s string) string {
	ar, lat := 0, 0
	for _, r := range s {
		switch {
		case r >= 0x0600 && r <= 0x06FF:
			ar++
		case r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z':
			lat++
		}
	}
	if lat > ar {
		return "en"
	}
	return "ar"
}

// tokenBufs recycles the article token slices (see wordBufs).
var tokenBufs sync.Pool

func getTokens() []text.Token {
	if b, ok := tokenBufs.Get().(*[]text.Token); ok {
		return (*b)[:0]
	}
	return nil
}

func putTokens(t []text.Token) {
	if cap(t) == 0 || cap(t) > 1<<16 {
		return
	}
	clear(t[:cap(t)])
	t = t[:0]
	tokenBufs.Put(&t)
}
