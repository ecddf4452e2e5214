package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/kgraph/kgraph/extract/ner"
	"github.com/kgraph/kgraph/extract/text"
	"github.com/kgraph/kgraph/graph"
)

// Tagged recognises the names a trained tagger (extract/ner) finds: people,
// organisations and places that no rule and no lexicon knows (a foreign
// name transliterated with no title before it, a company, a club).
//
// How it combines with the rules: it runs after the gazetteer, head-noun
// phrases and titled people, and takes only spans none of them claimed, so
// a lexicon name keeps its lexicon id and a titled person keeps their
// office. A place the lexicon knows under the span's exact words becomes
// that place. MISC (nationalities, events, works) is left to the rules.
type Tagged struct {
	Tagger *ner.Tagger
}

// ReadDocument tags the whole article at once: the tagger's document-level
// features (a name tagged elsewhere in the article) need every sentence.
func (t Tagged) ReadDocument(d *Document) {
	doc := make([][]string, len(d.sents))
	for i, s := range d.sents {
		words := make([]string, len(s.words))
		for k, w := range s.words {
			words[k] = w.Text
		}
		doc[i] = words
	}
	tags := t.Tagger.Tag(doc)
	d.splitNamedClitics(tags)
	d.tagged = true
	d.lowerWords = nil
	for i, s := range d.sents {
		s.tagged = d.dropPlaceLeads(s, ner.Spans(tags[i]))
		if d.lang == "en" {
			s.tagged = d.dropCommonOpeners(s, d.dropDemonyms(s, d.miscBeforeOrgHead(s, d.honorificsIntoPeople(s, s.tagged))))
		}
	}
}

// honorificsIntoPeople starts an English person the tagger reads after a
// capitalised honorific at the honorific when a title comes before it
// (Commissioner Sir | John Stevens), or when the tagger made the honorific
// a name of its own (Sir as ORG, then Edward Heath): left out, the
// honorific alone is taken for the name the title introduces, or for a
// body. With no title before it (Dr | Ellen Shaw said) the name stays as
// the tagger reads it.
func (d *Document) honorificsIntoPeople(s *Sentence, spans []ner.Span) []ner.Span {
	ws := s.words
	honorific := func(k int) bool {
		return ws[k].Kind == text.Latin && isUpperStart(ws[k].Text) && honorifics[ws[k].Key]
	}
	out := spans[:0]
	for _, sp := range spans {
		if sp.Type == "PER" && len(out) > 0 {
			if p := out[len(out)-1]; p.End == sp.Start && p.End-p.Start == 1 && honorific(p.Start) {
				out[len(out)-1] = ner.Span{Start: p.Start, End: sp.End, Type: "PER"}
				continue // Sir | Edward Heath: the honorific tagged apart is the person's
			}
		}
		if sp.Type == "PER" {
			k := sp.Start
			for k > 0 && honorific(k-1) && (len(out) == 0 || out[len(out)-1].End < k) {
				k--
			}
			if k < sp.Start && d.titleEndsAt(s, k) {
				sp.Start = k
			}
		}
		out = append(out, sp)
	}
	return out
}

// dropCommonOpeners drops an English one-word body the tagger reads on the
// first word of a sentence, where every word has a capital, when the word
// is a common noun: one the article writes in lower case elsewhere (Health
// analyst Jo Bloggs … health services), or the field of a post (see
// field-noun in lang/en/words.tsv). A name keeps its capital wherever it
// stands (Acme chief executive Jo Bloggs … Acme said).
func (d *Document) dropCommonOpeners(s *Sentence, spans []ner.Span) []ner.Span {
	out := spans[:0]
	for _, sp := range spans {
		if sp.Type == "ORG" && sp.End-sp.Start == 1 && s.sentenceStart(sp.Start) {
			if w := s.words[sp.Start]; w.Kind == text.Latin && !isAcronymish(w.Text) && (fieldNouns[w.Key] || d.writtenLower(w.Key)) {
				continue
			}
		}
		out = append(out, sp)
	}
	return out
}

// sentenceStart reports whether word i opens its sentence: nothing but
// punctuation before it.
func (s *Sentence) sentenceStart(i int) bool {
	for k := 0; k < i; k++ {
		if !s.words[k].isPunct() {
			return false
		}
	}
	return true
}

// writtenLower reports whether the article writes the Latin word key in
// lower case somewhere.
func (d *Document) writtenLower(key string) bool {
	if d.lowerWords == nil {
		d.lowerWords = map[string]bool{}
		for _, s := range d.sents {
			for _, w := range s.words {
				if w.Kind == text.Latin && !isUpperStart(w.Text) {
					d.lowerWords[w.Key] = true
				}
			}
		}
	}
	return d.lowerWords[key]
}

// acronymPlural reports whether w is an acronym with a plural s (MSCPs).
func acronymPlural(w string) bool {
	a, ok := strings.CutSuffix(w, "s")
	return ok && isAcronymish(a)
}

// miscBeforeOrgHead reads an English MISC span the tagger ends right
// before capitalised organisation heads it leaves untagged (Metropolitan |
// Police, Olympic | Committee) as the organisation those words name: the
// adjective is the body's name, not a nationality or an event of its own.
func (d *Document) miscBeforeOrgHead(s *Sentence, spans []ner.Span) []ner.Span {
	ws := s.words
	for j, sp := range spans {
		if sp.Type != "MISC" || j+1 < len(spans) && spans[j+1].Start == sp.End {
			continue
		}
		k := sp.End
		for k < len(ws) && ws[k].Kind == text.Latin && isUpperStart(ws[k].Text) && !ws[k-1].poss && d.isOrgHeadWord(ws[k].Key) && (j+1 >= len(spans) || k < spans[j+1].Start) {
			k++
		}
		if k > sp.End {
			spans[j] = ner.Span{Start: sp.Start, End: k, Type: "ORG"}
		}
	}
	return spans
}

// dropDemonyms drops the tagger's one-word names that are a demonym no
// country list holds (Welsh secretary of the BMA): the capital letter made
// them look like a body or a person. A one-word person that is the plural
// of an acronym (MSCPs) is read as a body.
func (d *Document) dropDemonyms(s *Sentence, spans []ner.Span) []ner.Span {
	out := spans[:0]
	for _, sp := range spans {
		if sp.End-sp.Start == 1 && (sp.Type == "ORG" || sp.Type == "PER") && demonyms[s.words[sp.Start].Key] {
			continue
		}
		if sp.End-sp.Start == 1 && sp.Type == "PER" && acronymPlural(s.words[sp.Start].Text) {
			sp.Type = "ORG" // MSCPs, MPs: the plural of an acronym names a group of people, no one person
		}
		out = append(out, sp)
	}
	return out
}

// dropPlaceLeads takes a leading place off the tagger's people: a name of
// three words or more does not start with a one-word place the lexicon
// knows (محافظ طرابلس | سالم الزياني), which is a title's complement.
func (d *Document) dropPlaceLeads(s *Sentence, spans []ner.Span) []ner.Span {
	for j, sp := range spans {
		if sp.Type == "PER" && sp.End-sp.Start >= 3 && !d.x.lex.IsGivenName(s.words[sp.Start].Key) {
			if e, n := d.x.lex.MatchPlace(s.keys, sp.Start); e != nil && n == 1 {
				spans[j].Start++
			}
		}
	}
	return spans
}

func (Tagged) Recognize(d *Document, s *Sentence) {
	for _, whole := range s.tagged {
		for _, sp := range d.conjuncts(s, whole) {
			d.recognizeTagged(s, sp, sp != whole)
		}
	}
}

// recognizeTagged adds the name of one tagger span; split is true for one
// conjunct of a span the tagger ran across "and", whose type the tagger
// gave the whole and which is checked against the lexicon and given names.
func (d *Document) recognizeTagged(s *Sentence, sp ner.Span, split bool) {
	if r, ok := d.personAfterKnownBody(s, sp); ok {
		sp = r
	}
	if sp.Type == "PER" {
		var ok bool
		if sp, ok = d.personBounds(s, sp); !ok {
			return
		}
	}
	i, j := sp.Start, sp.End-1
	if !d.unclaimed(s, i, j) || i == j && d.monthOfDate(s, i) {
		return // في ماي 2019: a date, whoever else is called ماي
	}
	if sp.Type != "PER" && d.headedBody(s, i, j) {
		return
	}
	if split {
		if e, n := s.matchOrg(d.x.lex, i); e != nil && n == j-i+1 {
			d.add(s, &mention{first: i, last: j, phrase: i, ent: d.lexEntity(e, s, i, j)})
			return
		}
		if e, n := s.matchPlace(d.x.lex, i); e != nil && n == j-i+1 {
			d.add(s, &mention{first: i, last: j, phrase: i, ent: d.lexEntity(e, s, i, j)})
			return
		}
		if d.personLike(s, i) {
			sp.Type = "PER"
		}
	}
	// A name met before in the article is that entity, whatever the
	// tagger calls it here: a bare surname is the person named in full
	// earlier (Shigeru Ishiba … Ishiba), also behind an honorific (Mr
	// Ishiba).
	name := s.surfaceStem(i, j)
	if l := d.knownAs(name); l != nil {
		d.add(s, &mention{first: i, last: j, phrase: i, ent: l, prep: s.words[i].pre})
		return
	}
	if h := d.afterHonorific(s, i, j); h > i && sp.Type == "PER" {
		if l := d.knownAs(s.surfaceStem(h, j)); l != nil && l.final().typ == graph.TypePerson {
			d.add(s, &mention{first: i, last: j, phrase: i, ent: l})
			return
		}
	}
	if e, ok := d.x.lex.Acronym(name); ok && sp.Type != "PER" {
		d.add(s, &mention{first: i, last: j, phrase: i, ent: d.lexEntity(e, s, i, j)})
		return
	}
	var l *local
	switch sp.Type {
	case "PER":
		l = d.person(s.surfaceStem(i, j))
	case "ORG":
		l = d.entity(graph.TypeOrganization, s.surfaceStem(i, j), nil)
	case "LOC":
		if e, n := s.matchPlace(d.x.lex, i); e != nil && n == j-i+1 {
			l = d.lexEntity(e, s, i, j)
		} else {
			l = d.entity(graph.TypeCity, s.surfaceStem(i, j), nil)
		}
	default:
		return
	}
	if l == nil || l.name == "" {
		return
	}
	d.add(s, &mention{first: i, last: j, phrase: i, ent: l, prep: s.words[i].pre})
}

// personAfterKnownBody reads an English tagger name that runs from a body
// the gazetteer knows into a person's name (Liberal Democrat Paul Tyler,
// as one ORG): two or three plain capitalised words after the body are
// the person's name.
func (d *Document) personAfterKnownBody(s *Sentence, sp ner.Span) (ner.Span, bool) {
	if d.lang != "en" || sp.Type == "PER" {
		return sp, false
	}
	c := s.covered[sp.Start]
	if c == nil || c.first != sp.Start || c.ent.final().typ != graph.TypeOrganization {
		return sp, false
	}
	k := c.last + 1
	if sp.End-k < 2 || sp.End-k > 3 || !d.unclaimed(s, k, sp.End-1) {
		return sp, false
	}
	if s.words[c.last].poss && !d.taggedSurname(s.words[sp.End-1].Key) {
		// BBC's Westminster Hour: what a body's possessive names is its
		// own, unless the tagger ends a person on its last word elsewhere
		// in the article (Labour's Robin Cook … Mr Cook).
		return sp, false
	}
	for j := k; j < sp.End; j++ {
		// Only plain capitalised words: no head of a body or an event
		// (Labour Party Conference), no title (Tory Home Secretary).
		w := s.words[j]
		if w.Kind != text.Latin || !isUpperStart(w.Text) || w.poss || d.isOrgHeadWord(w.Key) || d.isEventHeadWord(w.Key) || d.x.lex.IsStopword(w.Key) || d.x.rules.numbers[w.Key] != "" {
			return sp, false
		}
		if _, n := s.matchTitle(d.x.lex, j); n > 0 {
			return sp, false
		}
	}
	return ner.Span{Start: k, End: sp.End, Type: "PER"}, true
}

// taggedSurname reports whether the tagger ends a person's name on the
// English word key somewhere in the article.
func (d *Document) taggedSurname(key string) bool {
	for _, s := range d.sents {
		for _, sp := range s.tagged {
			if sp.Type == "PER" && s.words[sp.End-1].Key == key {
				return true
			}
		}
	}
	return false
}

// personBounds corrects where an Arabic person's name the tagger read
// begins and ends, or reports false when it is no person's name: a name
// right after a place word (في قصر رغدان) is a place's.
func (d *Document) personBounds(s *Sentence, sp ner.Span) (ner.Span, bool) {
	if sp.Start > 0 && placeWords[s.words[sp.Start-1].stem] {
		return sp, false
	}
	ws := s.words
	if d.lang == "ar" {
		// What the tagger runs a name into, and no name holds: a
		// demonstrative or a kinship noun before it (هذا، وزوجته أمينة), a
		// word glued to a preposition and the article or a reporting verb
		// after it (هاري للكنيسة، عمر يقول).
		for sp.End-sp.Start > 1 && (demonstratives[ws[sp.Start].stem] || kinNouns[ws[sp.Start].Key] || kinNouns[strings.TrimPrefix(ws[sp.Start].Key, "و")]) {
			sp.Start++
		}
		for sp.End-sp.Start > 1 && d.endsNoName(ws[sp.End-1]) {
			sp.End--
		}
		if w := ws[sp.Start]; sp.End-sp.Start == 1 && (d.x.lex.IsCommonWord(w.Key) || d.x.lex.IsStopword(w.Key) || d.endsNoName(w) || demonstratives[w.stem]) && !d.x.lex.IsGivenName(w.Key) {
			return sp, false // ميدانيا، هذا: a common word alone is no one's name
		}
	}
	sp.Start = d.nameBeforeParticle(s, sp.Start)
	if e := sp.End; e < len(s.words) && e-1 > sp.Start && d.x.lex.IsGivenName(s.words[e-1].Key) && d.familyWord(s.words[e]) && s.covered[e] == nil {
		sp.End++ // محمد علي | الحوثي: a name does not end on a given name
	}
	return sp, true
}

// tanween are the Arabic signs of an indefinite ending (ً ٌ ٍ).
const tanween = "\u064B\u064C\u064D"

// endsNoName reports whether an Arabic word cannot be the last word of a
// person's name: a preposition and the article glued on a known word
// (للكنيسة، بالمدينة), a reporting verb (يقول) or a word written with
// tanween.
func (d *Document) endsNoName(w word) bool {
	k := w.Key
	if reportVerbs[k] || reportVerbs[strings.TrimPrefix(k, "و")] {
		return true
	}
	if strings.ContainsAny(w.Text, tanween) {
		return true // ميتاً: an indefinite noun's ending, which no name takes
	}
	if utf8.RuneCountInString(k) <= 4 || d.x.lex.IsGivenName(k) {
		return false
	}
	// Only where the rest is a word the lists know: بالمدينة, but not
	// بالمه (Olof Palme) or بالودان (Paludan).
	var rest string
	switch {
	case strings.HasPrefix(k, "لل"):
		rest = "ال" + strings.TrimPrefix(k, "لل")
	case strings.HasPrefix(k, "بال"):
		rest = strings.TrimPrefix(k, "ب")
	default:
		return false
	}
	return d.x.lex.IsKnownWord(rest) || d.x.strictKnown(rest)
}

// headedBody adds, and reports, the body made of an Arabic head noun right
// before the tagger's name at i..j (بجامعة بجاية: a university).
func (d *Document) headedBody(s *Sentence, i, j int) bool {
	h := i - 1
	if d.lang == "en" || h < 0 || s.covered[h] != nil {
		return false
	}
	w := s.words[h]
	if w.Kind != text.Word || w.fs == nil || !w.fs.orgHead {
		return false
	}
	l := d.entity(graph.TypeOrganization, s.surfaceStem(h, j), nil)
	l.head = stripAl(w.stem)
	d.add(s, &mention{first: h, last: j, phrase: h, ent: l, prep: w.pre})
	return true
}

// conjuncts splits an English span the tagger ran across "and" (Deutsche
// Bank and Citigroup, Mr Abbasi and Mr Mubanga) into its names. A span
// whose words before "and" hold a connector (Institute for Health and
// Social Care) or share the head noun after it (Foreign and Commonwealth
// Office) is one name and stays whole.
func (d *Document) conjuncts(s *Sentence, sp ner.Span) []ner.Span {
	if d.lang != "en" || sp.End-sp.Start < 3 {
		return []ner.Span{sp}
	}
	var out []ner.Span
	start := sp.Start
	for k := start + 1; k < sp.End-1; k++ {
		if s.words[k].Key == "and" && d.namesBothSides(s, start, k, sp.End-1) {
			out = append(out, ner.Span{Start: start, End: k, Type: sp.Type})
			start = k + 1
		}
	}
	if start == sp.Start {
		return []ner.Span{sp}
	}
	return append(out, ner.Span{Start: start, End: sp.End, Type: sp.Type})
}

// personLike reports whether a name starting at word i opens with an
// honorific (Mr, Baroness) or a given name.
func (d *Document) personLike(s *Sentence, i int) bool {
	w := s.words[i]
	return honorifics[w.Key] || d.x.lex.IsGivenName(w.Key)
}

// afterHonorific returns the first word after the honorifics that open
// words i..j (Mr Blair: Blair), or i when there are none.
func (d *Document) afterHonorific(s *Sentence, i, j int) int {
	k := i
	for k < j && honorifics[s.words[k].Key] {
		k++
	}
	return k
}

// knownAs finds an entity of the article already called name: by that
// name, or a person by that surname.
func (d *Document) knownAs(name string) *local {
	if ks := foldWords(name); len(ks) == 1 {
		if l := d.surnames[ks[0]]; l != nil {
			return l.final()
		}
	}
	return d.findByName(name, "")
}

// unclaimed reports whether words i..j hold a name no earlier stage took:
// none is covered, none is punctuation.
func (d *Document) unclaimed(s *Sentence, i, j int) bool {
	if i < 0 || j >= len(s.words) || i > j {
		return false
	}
	for k := i; k <= j; k++ {
		if s.covered[k] != nil || s.words[k].isPunct() {
			return false
		}
	}
	return true
}

// monthOfDate reports whether word i is a month name next to a number.
func (d *Document) monthOfDate(s *Sentence, i int) bool {
	if m, _ := s.month(d.x.lex, i); m == 0 {
		return false
	}
	ws := s.words
	return i > 0 && ws[i-1].Kind == text.Number || i+1 < len(ws) && ws[i+1].Kind == text.Number
}

// nameBeforeParticle moves the start of a person's name at word i back
// over "X بن" (سهل بن أحمد خاشقجي, which the tagger may read from أحمد):
// a word right before a name particle is the name's first part, unless
// no name can start there (a title, a stop word, another name).
func (d *Document) nameBeforeParticle(s *Sentence, i int) int {
	ws := s.words
	for i >= 2 && nameParticles[ws[i-1].Key] && ws[i-1].Kind == text.Word && s.covered[i-1] == nil && d.nameWord(ws, i-2, s.covered) && ws[i-2].Kind == text.Word {
		i -= 2
	}
	return i
}
