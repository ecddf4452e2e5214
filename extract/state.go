package extract

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kgraph/kgraph/extract/resolve"
	"github.com/kgraph/kgraph/extract/text"
	"github.com/kgraph/kgraph/graph"
)

// doc is the state of one article while it is being read: the entities it
// names so far (article-local, not yet given global ids), the facts found,
// and what anaphors and relative pronouns may point back at.
type Document struct {
	x         *Engine
	a         Article
	lang      string
	published string

	locals []*local
	byLex  map[string]*local
	byKey  map[string]*local // name keys, event keys, signatures
	// surnames lets a later bare surname (بوريطة) point at the person.
	surnames map[string]*local
	// relAnte is the antecedent of the last relative pronoun in the
	// current sentence: "، والذي …، والذي …" share it.
	relAnte *local

	slots        []fact // facts recognisers read off phrases, stated by the Slots stage
	rels         []fact
	attrs        []attrFact
	clock        int    // advances with every mention, for recency
	trigger      int    // word index of the trigger being applied, -1 outside apply
	limit        int    // arguments after a trigger stop here (next clause)
	pendingEvent *local // an event someone took part in, the someone still to come
	lastSubject  *local // subject of the last verb fact, for "كما التقى …" with its subject left out
	sentNo       int
	tagged       bool                // a tagger read the document (Sentence.tagged is its word)
	cur          *Sentence           // the sentence being read
	sents        []*Sentence         // every sentence read, to recycle their buffers
	toks         []text.Token        // the article tokens, recycled after the batch is built
	runes        []rune              // the article text
	keyMemo      map[string][]string // name -> nameKeys
	yaNames      map[string]bool     // folded key -> the article spells it as a name apart from its function word (see yaName)
	aliasMemo    map[string][]string // name -> its folded words, for Aliases
	personMemo   map[string][]string // name -> its folded words without a form of address, for Aliases
	described    bool                // a title is being read as a description of a person named before
	lowerWords   map[string]bool     // Latin keys the article writes in lower case (see writtenLower)
}

// pos is a position in the article that orders mentions.
func (d *Document) pos(word int) int { return d.sentNo*10000 + word }

// local is one entity as this article knows it.
type local struct {
	typ            string
	name           string   // display name
	names          []string // surface forms that name it (aliases)
	lexID          string
	nameEN, nameAR string
	head           string // folded head noun, for anaphors (تحالف, مجموعة)
	country        string // lexicon id of the country it belongs to, if known
	sig            string
	eventKey       string
	organiser      *mention
	count          int
	lastSeen       int
	positions      []int           // sentence*10000+word of every mention, for anaphors
	mentions       []graph.Mention // where it is named
	refs           []graph.Mention // where it is only referred to (anaphors, nisbas)
	mergedInto     *local
	raw            map[string]bool // surfaces already added
	gender         byte            // 0 until computed; 'u' unknown
	unsure         bool            // found by a weak cue only (a title the tagger did not back)
	numbered       bool            // an event named by an acronym and a number (COP28)
	id             string          // global id, set by the resolver
}

// final follows merges to the surviving entity.
func (l *local) final() *local {
	for l.mergedInto != nil {
		l = l.mergedInto
	}
	return l
}

// ref is a key for the entity inside resolution keys: its lexicon id when it
// has one, else its first name's key.
func (l *local) ref() string {
	l = l.final()
	if l.lexID != "" {
		return l.lexID
	}
	if l.id != "" {
		return l.id
	}
	return resolve.NameKey(l.name)
}

type fact struct {
	pred       string
	s, o       *local
	sent       *Sentence
	confidence float64
	title      string // HOLDS_POSITION: the office
	trigger    int    // word index of the trigger that stated it, -1 if none
}

type attrFact struct {
	name, value string
	s           *local
	sent        *Sentence
	confidence  float64
}

func (d *Document) newLocal(typ, name string) *local {
	l := &local{typ: typ, name: cleanName(name)}
	d.locals = append(d.locals, l)
	d.addName(l, name)
	return l
}

// entity finds an entity of typ by any of its names, or creates it.
func (d *Document) entity(typ, name string, extra []string) *local {
	if l := d.findByName(name, typ); l != nil {
		return l
	}
	for _, n := range extra {
		if l := d.findByName(n, typ); l != nil {
			d.addName(l, name)
			return l
		}
	}
	l := d.newLocal(typ, name)
	for _, n := range extra {
		d.addName(l, n)
	}
	return l
}

// findByName looks an entity up by a name's key (and, for foreign names, by
// its consonant skeleton). typ "" matches any type.
func (d *Document) findByName(name, typ string) *local {
	for _, k := range d.nameKeys(name) {
		if l := d.byKey[k]; l != nil {
			l = l.final()
			if typ == "" || resolve.Coarse(l.typ) == resolve.Coarse(typ) {
				if l.typ == graph.TypePerson && otherGivenName(name, l) {
					continue // سهل خاشقجي and صلاح خاشقجي share a skeleton, not a person
				}
				return l
			}
		}
	}
	return nil
}

// otherGivenName reports whether name and one of person l's names are
// full names (two words or more) in the same script that start with
// different given names: two people, whatever key they share.
func otherGivenName(name string, l *local) bool {
	first := func(n string) (string, bool) {
		ks := foldWords(withoutHonorific(n))
		if len(ks) < 2 {
			return "", false
		}
		return ks[0], true
	}
	g, ok := first(name)
	if !ok {
		return false
	}
	for _, n := range append([]string{l.name}, l.names...) {
		if h, ok := first(n); ok && h != g && resolve.IsLatin(n) == resolve.IsLatin(name) {
			return true
		}
	}
	return false
}

func (d *Document) addName(l *local, name string) {
	l = l.final()
	if l.raw[name] {
		return // the same surface again: nothing new to learn
	}
	if l.raw == nil {
		l.raw = map[string]bool{}
	}
	l.raw[name] = true
	name = cleanName(name)
	if name == "" {
		return
	}
	for _, n := range l.names {
		if n == name {
			return
		}
	}
	l.names = append(l.names, name)
	for _, k := range d.nameKeys(name) {
		if strings.HasPrefix(k, "psk:") && l.typ != graph.TypePerson {
			continue // people's names only: two words of consonants is too loose for the rest
		}
		if _, taken := d.byKey[k]; !taken {
			d.byKey[k] = l
		}
	}
	if l.nameEN == "" && resolve.IsLatin(name) && l.typ != graph.TypeEvent {
		l.nameEN = name
	}
}

// merge folds b into a: both names turned out to be one entity.
func (d *Document) merge(a, b *local) {
	a, b = a.final(), b.final()
	if a == b {
		return
	}
	if a.lexID == "" && b.lexID != "" {
		a, b = b, a
	}
	b.mergedInto = a
	if b.numbered && !a.numbered {
		// COP28 is the strongest name an event has: its key goes along.
		a.numbered, a.eventKey = true, b.eventKey
	}
	for _, n := range b.names {
		d.addName(a, n)
	}
	a.count += b.count
	a.mentions = append(a.mentions, b.mentions...)
	a.refs = append(a.refs, b.refs...)
	a.lastSeen = max(a.lastSeen, b.lastSeen)
	for k, l := range d.byKey {
		if l == b {
			d.byKey[k] = a
		}
	}
}

// touch records a mention of l in s.
func (d *Document) touch(l *local, s *Sentence, m *mention) {
	l = l.final()
	d.clock++
	if m == nil || !m.nisba {
		l.count++ // an adjective (البرتغالي) does not make a country the topic
	}
	l.lastSeen = d.clock
	if m != nil {
		l.positions = append(l.positions, d.pos(m.first))
	}
	if m == nil {
		return
	}
	w0, w1 := s.words[m.first], s.words[m.last]
	start := w0.Start + len([]rune(w0.pre))
	if w0.pre != "" && strings.HasSuffix(w0.pre, "ل") && strings.HasPrefix(w0.stem, "ال") && !strings.HasPrefix(w0.Key, "ال") {
		start = w0.Start + len([]rune(w0.pre)) - 1
	}
	if m.first == m.last && w0.pre == "" {
		start = w0.Start
	}
	r := d.runes
	if start < 0 || w1.End > len(r) || start >= w1.End {
		return
	}
	at := graph.Mention{Article: d.a.ID, Start: start, End: w1.End, Text: string(r[start:w1.End])}
	if m.anaphor || m.nisba {
		// المملكة، الأميركية: it points at the entity but does not name it.
		if !slices.Contains(l.refs, at) { // a nisba read by two stages is one ref
			l.refs = append(l.refs, at)
		}
		return
	}
	l.mentions = append(l.mentions, at)
}

// mainEvent is the event the article is mostly about so far.
func (d *Document) mainEvent() *local {
	var best *local
	for _, l := range d.locals {
		if l.mergedInto != nil || l.typ != graph.TypeEvent {
			continue
		}
		if best == nil || l.count > best.count {
			best = l
		}
	}
	return best
}

// focus is the most-named entity of typ so far (ties: the earliest).
func (d *Document) focus(typ string) *local {
	var best *local
	for _, l := range d.locals {
		if l.mergedInto != nil || l.typ != typ {
			continue
		}
		if best == nil || l.count > best.count {
			best = l
		}
	}
	return best
}

// slot records a fact a recogniser read off a phrase (an office, an
// organiser, a place); the Slots stage states it.
func (d *Document) slot(f fact) { d.slots = append(d.slots, f) }

// slotFacts states the slots filled in s.
func (d *Document) slotFacts(s *Sentence) {
	for _, f := range d.slots {
		if f.sent != s {
			continue
		}
		n := len(d.rels)
		d.relate(f.pred, f.s, f.o, s, f.confidence)
		if len(d.rels) > n {
			d.rels[n].title = f.title
		}
	}
}

// relate records a fact, checking the vocabulary's argument types.
func (d *Document) relate(pred string, s, o *local, sent *Sentence, conf float64) {
	if s == nil || o == nil {
		return
	}
	s, o = s.final(), o.final()
	if s == o {
		return
	}
	if pred == graph.Hosts && s.typ == graph.TypeCity { // a city that hosts an event: the event is held there
		pred, s, o = graph.HeldIn, o, s
	}
	if pred == graph.Hosts && s.typ == graph.TypeOrganization && o.typ == graph.TypeEvent {
		pred, s, o = graph.OrganizedBy, o, s // an organisation that hosts a meeting organises it
	}
	at, ok := d.x.rules.args[pred]
	if !ok || !at.subject[s.typ] || !at.object[o.typ] {
		return
	}
	if s.unsure || o.unsure {
		conf *= 0.75
	}
	if d.trigger >= 0 {
		switch negated, expected := d.stance(sent, d.trigger); {
		case negated:
			return // لن يشارك، will not attend: the sentence denies it
		case expected:
			conf *= 0.6 // يرتقب أن يشارك، is expected to attend: not yet so
		}
	}
	d.rels = append(d.rels, fact{pred: pred, s: s, o: o, sent: sent, confidence: conf, trigger: d.trigger})
}

// stance reads the words right before the trigger at word i of s: a
// negation there denies the fact; a modal leaves it only expected, and
// denied too when the sentence says the event was called off.
func (d *Document) stance(s *Sentence, i int) (negated, expected bool) {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		w := s.words[k]
		if w.comma || w.stop {
			break
		}
		bare := strings.TrimPrefix(strings.TrimPrefix(w.Key, "و"), "ف") // ويرتقب: the conjunction is not the word
		if negations[w.Key] || negations[w.stem] || negations[bare] {
			return true, false
		}
		if modals[w.Key] || modals[w.stem] || modals[bare] {
			expected = true
		}
	}
	if !expected {
		return false, false
	}
	for _, w := range s.words {
		if cancelWord(w) {
			return true, true
		}
	}
	return false, true
}

// cancelWord reports whether w says an event is called off: a cancel word,
// or in Arabic a word that starts with one behind its clitics (إلغائها).
func cancelWord(w word) bool {
	if cancels[w.Key] || cancels[w.stem] {
		return true
	}
	if w.Kind != text.Word {
		return false
	}
	keys := []string{w.Key}
	for _, p := range []string{"و", "ف", "ب", "ل", "وب", "ول", "فب"} {
		if k, ok := strings.CutPrefix(w.Key, p); ok {
			keys = append(keys, k)
		}
	}
	for c := range cancels {
		if len(c) < 6 {
			continue
		}
		stem := c[:len(c)-len("ء")] // less its last letter: الغاء → الغا, which الغائها starts with
		for _, k := range keys {
			if strings.HasPrefix(k, stem) {
				return true
			}
		}
	}
	return false
}

// cleanName drops quote marks and stray punctuation around a surface form.
func cleanName(name string) string {
	if isClean(name) {
		return name
	}
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(quoteMarks, r) {
			return -1
		}
		return r
	}, name)
	return strings.Trim(strings.Join(strings.Fields(name), " "), " ،,.:;؛")
}

// nameKeys memoises nameKeys for one article: the same names recur.
func (d *Document) nameKeys(name string) []string {
	if d.keyMemo == nil {
		return resolve.NameKeys(name)
	}
	ks, ok := d.keyMemo[name]
	if !ok {
		ks = resolve.NameKeys(name)
		d.keyMemo[name] = ks
	}
	return ks
}

// isClean reports whether cleanName would return name unchanged: no quote
// marks, no doubled or odd white space, nothing to trim at the ends.
func isClean(name string) bool {
	if name == "" || name[0] == ' ' || strings.ContainsAny(name, quoteMarks+"\t\n\r") || strings.Contains(name, "  ") {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(name)
	return !strings.ContainsRune(" ،,.:;؛", r)
}

// memoLimit bounds each memo so that years of odd input cannot grow it
// without end; past it, values are computed and not kept.
const memoLimit = 1 << 18
