package extract

import (
	"strings"
	"unicode"

	"github.com/kgraph/kgraph/extract/lexicon"
	"github.com/kgraph/kgraph/extract/resolve"
	"github.com/kgraph/kgraph/extract/text"
	"github.com/kgraph/kgraph/graph"
)

// mention is one place in a sentence that names (or points back at) an
// entity. Mentions nest: an event's name holds its organiser's.
type mention struct {
	first, last int    // word indexes, inclusive
	phrase      int    // first word of the whole phrase (a person's title), else first
	ent         *local // the article-local entity
	parent      *mention
	aliasAt     int  // first word of a quoted alias that closes the mention, 0 if none
	anaphor     bool // هذا الاجتماع, المملكة: refers, does not name
	nisba       bool // الأميركي: an adjective that points at a country
	prep        string
}

func (m *mention) nested() bool { return m.parent != nil }

// beginRecognition prepares s for the recognisers: no word is covered yet.
func (d *Document) beginRecognition(s *Sentence) {
	s.covered = make([]*mention, len(s.words))
}

// add records a mention found in s; a top-level mention becomes the parent
// of the mentions it spans.
func (d *Document) add(s *Sentence, m *mention) *mention {
	s.mentions = append(s.mentions, m)
	if m.parent == nil {
		for i := m.phrase; i <= m.last; i++ {
			if c := s.covered[i]; c != nil && c != m && c.parent == nil {
				c.parent = m
			}
			s.covered[i] = m
		}
	}
	d.touch(m.ent, s, m)
	return m
}

// gazetteerNames finds names the lexicons know: gazetteer names, nisba adjectives, Latin-script names.
func (d *Document) gazetteerNames(s *Sentence) {
	ws := s.words
	add := func(m *mention) *mention { return d.add(s, m) }
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if w.isPunct() {
			continue
		}
		if c := s.covered[i]; c != nil {
			i = c.last // an earlier stage's name (COP28)
			continue
		}
		if w.Kind == text.Latin && isUpperStart(w.Text) && latinArticles[w.Key] && i+1 < len(ws) && ws[i+1].Kind == text.Latin && isUpperStart(ws[i+1].Text) {
			continue // "The Africa Focus Group": the article is not part of the name
		}
		if d.outsideTaggedName(s, i) {
			continue // Former Metropolitan Police …: the tagger's name starts after it, or began before it
		}
		if d.surnameAfterGivenName(s, i) || d.givenNameBeforeSurname(s, i) {
			continue // William Hague is no Hague, Dominique Perben no Dominica: a person's name, for the people stages
		}
		if d.lang == "en" && w.Kind == text.Latin && isUpperStart(w.Text) && !isAcronymish(w.Text) && d.x.lex.IsStopword(w.Key) && !latinArticles[w.Key] {
			continue // "But the Home Office", "In the US": capitalised for the sentence, not a name
		}
		if w.Kind == text.Latin && isUpperStart(w.Text) {
			// A capitalised Latin run is one name ("Africa Focus Group"),
			// even when its first word is a place.
			j := d.latinRun(s, i)
			if honorifics[w.Key] && j > i {
				i = j
				continue // Baroness Hale of Richmond: a person, for the people stages
			}
			if e, n := s.matchOrg(d.x.lex, i); e != nil && n == j-i+1 {
				m := add(&mention{first: i, last: j, phrase: i, ent: d.lexEntity(e, s, i, j)})
				d.innerGazetteer(s, m, add)
				i = j
				continue
			}
			if e, n := s.matchPlace(d.x.lex, i); e != nil && n == j-i+1 {
				add(&mention{first: i, last: j, phrase: i, ent: d.lexEntity(e, s, i, j)})
				i = j
				continue
			}
			if e, ok := d.x.lex.Acronym(w.Text); ok && j == i && e.Type == graph.TypeCountry {
				add(&mention{first: i, last: i, phrase: i, ent: d.lexEntity(e, s, i, i)}) // US, UK
				continue
			}
			if j > i {
				if m := d.latinName(s, i, j); m != nil {
					add(m)
					i = j
					continue
				}
			}
		}
		if w.Kind == text.Latin && !isUpperStart(w.Text) && d.oneWordName(s, i) {
			continue // sale is no Salé: a lower-case Latin word names nothing alone
		}
		if e, n := s.matchOrg(d.x.lex, i); e != nil {
			if pe, pn := s.matchPlace(d.x.lex, i); pe == nil || pn <= n {
				m := add(&mention{first: i, last: i + n - 1, phrase: i, ent: d.lexEntity(e, s, i, i+n-1), prep: w.pre})
				d.innerGazetteer(s, m, add)
				i += n - 1
				continue
			}
		}
		if e, n := s.matchPlace(d.x.lex, i); e != nil {
			e = d.cityInContext(e, n, w, d.sentNo == 1 && i == 0 && i+n < len(ws) && isDash(ws[i+n].Text))
			add(&mention{first: i, last: i + n - 1, phrase: i, ent: d.lexEntity(e, s, i, i+n-1), prep: w.pre})
			i += n - 1
			continue
		}
		if e := w.f.nisba; e != nil && e.Type == graph.TypeCountry && !d.surnameNisba(ws, i) && !d.givenNameNisba(ws, i) && d.surnames[w.stem] == nil {
			add(&mention{first: i, last: i, phrase: i, ent: d.lexEntity(e, s, i, i), nisba: true, prep: w.pre})
			continue
		}
		if d.lang == "en" && w.Kind == text.Latin && d.isOrgHeadWord(w.Key) && i+1 < len(ws) {
			if _, n := s.matchTitle(d.x.lex, i+1); n > 0 {
				continue // Group Economist, Group Chief Executive: the head is part of the title
			}
		}
		if w.Kind == text.Latin && (isUpperStart(w.Text) || isAcronymish(w.Text)) {
			if m := d.latinName(s, i, i); m != nil {
				add(m)
			}
		}
	}
}

// quotedNames finds a quoted name met earlier in the article (على هامش "تيكاد 8").
func (d *Document) quotedNames(s *Sentence) {
	ws, covered := s.words, s.covered
	add := func(m *mention) *mention { return d.add(s, m) }
	for i := 0; i < len(ws); i++ {
		if !ws[i].quoteOpen || covered[i] != nil {
			continue
		}
		j := i
		for j < len(ws) && j-i < 5 && !ws[j].quoteClose && !ws[j].isPunct() {
			j++
		}
		if j < len(ws) && ws[j].quoteClose && !ws[j].isPunct() {
			if l := d.findByName(s.surface(i, j), ""); l != nil {
				add(&mention{first: i, last: j, phrase: i, ent: l, prep: ws[i].pre})
				i = j
			}
		}
	}
}

// headPhrases finds organisations and events built around a head noun.
func (d *Document) headPhrases(s *Sentence) {
	ws, covered := s.words, s.covered
	add := func(m *mention) *mention { return d.add(s, m) }
	for i := 0; i < len(ws); i++ {
		if covered[i] != nil && covered[i].first != i {
			continue
		}
		if covered[i] != nil { // a gazetteer name already starts here
			continue
		}
		if w := ws[i]; d.lang == "ar" && w.Kind == text.Word && regionHeads[stripAl(w.stem)] && !strings.HasPrefix(w.stem, "ال") && i+1 < len(ws) {
			if m := d.regionName(s, i); m != nil { // جهة الدار البيضاء- سطات
				i = m.last
				continue
			}
		}
		if m := d.headPhrase(s, i, covered, add); m != nil {
			i = m.last
		}
	}
}

// people finds people: a title phrase and the name after it, or a given name.
func (d *Document) people(s *Sentence) {
	ws, covered := s.words, s.covered
	add := func(m *mention) *mention { return d.add(s, m) }
	for i := 0; i < len(ws); i++ {
		if covered[i] != nil {
			continue
		}
		if m := d.titledPerson(s, i, covered, add); m != nil {
			i = m.last
			continue
		}
		if m := d.namedPerson(s, i, covered); m != nil {
			add(m)
			i = m.last
		}
	}
}

// anaphors finds anaphors: هذا الاجتماع، المملكة، التحالف.
func (d *Document) anaphors(s *Sentence) {
	ws, covered := s.words, s.covered
	add := func(m *mention) *mention { return d.add(s, m) }
	for i := 0; i < len(ws); i++ {
		if covered[i] != nil || ws[i].isPunct() {
			continue
		}
		if m := d.describedPerson(s, i); m != nil {
			i = m.last // The Tory leader said: the person named before
			continue
		}
		if m := d.anaphorAt(s, i, covered); m != nil {
			add(m)
			i = m.last
		}
	}
}

// capitalisedRuns finds English: a capitalised run nobody claimed, of two or three words, is a person's name (Ian McCary).
func (d *Document) capitalisedRuns(s *Sentence) {
	ws, covered := s.words, s.covered
	add := func(m *mention) *mention { return d.add(s, m) }
	if d.lang == "en" {
		for i := 0; i < len(ws); i++ {
			if covered[i] != nil || ws[i].Kind != text.Latin || !isUpperStart(ws[i].Text) {
				continue
			}
			j := i
			for j+1 < len(ws) && covered[j+1] == nil && ws[j+1].Kind == text.Latin && isUpperStart(ws[j+1].Text) && j-i < 3 {
				j++
			}
			if j > i && (i > 0 || d.x.lex.IsGivenName(ws[i].Key)) {
				add(&mention{first: i, last: j, phrase: i, ent: d.person(s.surface(i, j))})
			}
			i = j
		}
	}
}

// titlesAfter finds a title after the name: خالد بن سلمان، وزير الدفاع السعودي.
func (d *Document) titlesAfter(s *Sentence) {
	d.titlesAfterNames(s, s.covered, func(m *mention) *mention { return d.add(s, m) })
}

// bareTitleAfter reports whether a title starts at word k and names its
// country or body (a nisba, or a body right after it) with no person's name
// after it, so that it can only be the office of the name before.
func (d *Document) bareTitleAfter(s *Sentence, k int) bool {
	ws := s.words
	_, n := s.matchTitle(d.x.lex, k)
	if n == 0 || strings.HasPrefix(ws[k].pre, "و") {
		return false
	}
	names := false
	j := k + n
	for ; j < len(ws) && j-k < 10; j++ {
		if ws[j].comma || ws[j].stop {
			break
		}
		c := s.covered[j]
		if c == nil {
			if _, ok := d.x.lex.Nisba(ws[j].Key); ok {
				names = true
				continue
			}
			if d.bodyAnaphorAt(s, j) != nil {
				names = true // أمين عام الاتحاد: the union named before
				continue
			}
			if ws[j].fs != nil && ws[j].fs.orgHead {
				continue // a ministry named without its head's mention
			}
			if d.fieldWord(ws, j) {
				continue // أستاذ العلوم السياسية بجامعة …: what the office is in
			}
			break
		}
		if c.ent.final().typ == graph.TypePerson {
			return false // the title introduces the next name
		}
		names = true
		j = c.last
	}
	for k := k; k < k+n && k < len(ws); k++ {
		if _, ok := d.x.lex.Nisba(ws[k].Key); ok {
			names = true // نائب وزير الخارجية الكويتي
		}
	}
	if j < len(ws) && (d.x.lex.IsGivenName(ws[j].stem) || d.x.lex.IsGivenName(ws[j].Key)) {
		return false
	}
	return names
}

// bodyAnaphorAt is an anaphor mention at word j for an organisation named
// before (الاتحاد، اللجنة), resolved, or nil.
func (d *Document) bodyAnaphorAt(s *Sentence, j int) *mention {
	a := d.matchAnaphor(s.words, j)
	if a == nil || a.typ != graph.TypeOrganization {
		return nil
	}
	l := d.resolveAnaphor(a, d.pos(j))
	if l == nil {
		return nil
	}
	m := &mention{first: j, last: j + len(a.words) - 1, phrase: j, ent: l, anaphor: true}
	if _, ok := matchPhrase(s.words, j, a.words); !ok {
		m.last = j
	}
	return m
}

// titleAfterModifiers skips up to three words that qualify a title after
// a name's comma (Ann Reid, Welsh secretary of …; Ann Reid, international
// division secretary of …): words no earlier stage claimed, with no
// punctuation, connector or trigger among them. It returns the title's
// first word, or k when none follows.
func (d *Document) titleAfterModifiers(s *Sentence, k int) int {
	ws := s.words
	for t := k; t < len(ws) && t < k+4; t++ {
		if _, n := s.matchTitle(d.x.lex, t); n > 0 {
			return t
		}
		w := ws[t]
		if w.isPunct() || w.Kind != text.Latin || s.covered[t] != nil || latinConnectors[w.Key] || d.startsTrigger(ws, t) {
			break
		}
	}
	return k
}

// professionAt reports whether the title at word t is a trade, whose
// nisba is a nationality (Lynton Crosby, the Australian strategist).
func professionAt(s *Sentence, lex *lexicon.Lexicon, t int) bool {
	title, _ := s.matchTitle(lex, t)
	return title != nil && nationalityOnly(title)
}

// fieldWord reports whether word j can name the field of an office
// (العلوم السياسية in أستاذ العلوم السياسية): a plain Arabic word, not a
// stop word, a given name, a trigger or the start of another title.
func (d *Document) fieldWord(ws []word, j int) bool {
	w := ws[j]
	if w.Kind != text.Word || w.pre != "" || d.x.lex.IsStopword(w.Key) || d.x.lex.IsGivenName(w.Key) || d.startsTrigger(ws, j) || d.isRelative(w) {
		return false
	}
	_, n := d.cur.matchTitle(d.x.lex, j)
	return n == 0 && !timeWords[w.stem] && !dateCues[w.Key] && !calendarWords[w.Key] && !complementizers[w.Key]
}

// bodyThenTitle reads an English appositive that names a body and then an
// office in it: "Liberal Democrat home affairs spokesman", "BBC political
// correspondent". It returns the body's mention and the title's first word
// and length, or nil.
func (d *Document) bodyThenTitle(s *Sentence, k int) (*mention, int, int) {
	if d.lang != "en" || k >= len(s.words) {
		return nil, 0, 0
	}
	body := s.covered[k]
	if body == nil || body.first != k {
		return nil, 0, 0
	}
	if t := body.ent.final().typ; t != graph.TypeOrganization && t != graph.TypeCountry {
		return nil, 0, 0
	}
	for t := body.last + 1; t < len(s.words) && t <= body.last+4; t++ {
		w := s.words[t]
		if _, n := s.matchTitle(d.x.lex, t); n > 0 {
			return body, t, n
		}
		if w.isPunct() || w.Kind != text.Latin || isUpperStart(w.Text) || s.covered[t] != nil {
			break // only lower-case words (home affairs) stand between
		}
	}
	return nil, 0, 0
}

// innerGazetteer records names nested inside a gazetteer organisation
// (داعش in التحالف الدولي لهزيمة تنظيم داعش), so relations inside the name
// can be read.
func (d *Document) innerGazetteer(s *Sentence, outer *mention, add func(*mention) *mention) {
	keys := s.keys
	for i := outer.first + 1; i <= outer.last; i++ {
		if e, n := d.x.lex.MatchOrg(keys[:outer.last+1], i); e != nil && e.ID != outer.ent.lexID {
			inner := add(&mention{first: i, last: i + n - 1, phrase: i, ent: d.lexEntity(e, s, i, i+n-1), parent: outer})
			if d.opposesBefore(s.words, i) {
				// Remember what the organisation opposes: a shorter name
				// of it (التحالف ضد داعش) is known by head and target.
				sig := "sig:" + stripAl(s.words[outer.first].stem) + "|" + inner.ent.ref()
				if _, taken := d.byKey[sig]; !taken {
					d.byKey[sig] = outer.ent.final()
					outer.ent.final().sig = sig
				}
			}
			i += n - 1
		} else if e, n := d.x.lex.MatchPlace(keys[:outer.last+1], i); e != nil {
			add(&mention{first: i, last: i + n - 1, phrase: i, ent: d.lexEntity(e, s, i, i+n-1), parent: outer})
			i += n - 1
		}
	}
}

func isUpperStart(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

// latinRun returns the last index of the capitalised Latin name starting at i.
func (d *Document) latinRun(s *Sentence, i int) int {
	ws := s.words
	j := i
	for k := i + 1; k < len(ws); k++ {
		w := ws[k]
		if calendarWords[w.Key] {
			break // "in Baghdad on Sunday", "Yokohama in August"
		}
		if m, _ := s.month(d.x.lex, k); m > 0 {
			break
		}
		if w.Kind == text.Latin && (isUpperStart(w.Text) || isAcronymish(w.Text)) && !ws[k-1].quoteClose {
			j = k
			continue
		}
		if w.Kind == text.Latin && latinConnectors[w.Key] && k+1 < len(ws) && ws[k+1].Kind == text.Latin && isUpperStart(ws[k+1].Text) && !w.quoteClose {
			if conjunctions[w.Key] && d.wholeKnownName(s, i, j) {
				break // "Egypt and Iraq", "Japanese and African": two names
			}
			continue
		}
		if w.Kind == text.Number && k == j+1 && romanOrNumber(w.Text) {
			j = k
			continue
		}
		break
	}
	return d.firstConjunct(s, i, j)
}

// firstConjunct ends the run i..j before an "and" that joins two names
// (Barclays and Santander): the name after it is a run of its own.
func (d *Document) firstConjunct(s *Sentence, i, j int) int {
	for k := i + 1; k < j; k++ {
		if s.words[k].Key == "and" && d.namesBothSides(s, i, k, j) {
			return k - 1
		}
	}
	return j
}

// namesBothSides reports whether words from..and-1 and and+1..last read as
// two names joined by the "and" at word and.
func (d *Document) namesBothSides(s *Sentence, from, and, last int) bool {
	ws := s.words
	for k := from; k < and; k++ {
		if ws[k].Kind != text.Latin || !isUpperStart(ws[k].Text) {
			return false // of, for: "and" joins words inside one name
		}
	}
	if !isUpperStart(ws[and+1].Text) {
		return false
	}
	if d.isOrgHeadWord(ws[last].Key) && !d.isOrgHeadWord(ws[and-1].Key) {
		return false // Foreign and Commonwealth Office: one head for both
	}
	return true
}

// surnameAfterGivenName reports whether the capitalised Latin word at i
// ends a person's name that starts before it, as the tagger reads it
// (William Hague, Jack London): in English it is that person's family
// name, whatever place it also names.
func (d *Document) surnameAfterGivenName(s *Sentence, i int) bool {
	if d.lang != "en" || i == 0 || !isUpperStart(s.words[i].Text) || s.covered[i-1] != nil {
		return false
	}
	for _, sp := range s.tagged {
		if sp.Type == "PER" && sp.Start < i && i < sp.End {
			return true
		}
	}
	return false
}

// outsideTaggedName reports whether the capitalised English word at i,
// which no lexicon name starts, is left out by the tagger's name next to
// it: a word the tagger leaves out right before its organisation or
// person (Former | Metropolitan Police, Sentence-initial words), or a later
// word of the tagger's organisation whose first word no stage took
// (Metropolitan | Police): that name is the tagger's to read whole.
func (d *Document) outsideTaggedName(s *Sentence, i int) bool {
	ws := s.words
	if d.lang != "en" || !d.tagged || ws[i].Kind != text.Latin || !isUpperStart(ws[i].Text) {
		return false
	}
	if e, _ := s.matchOrg(d.x.lex, i); e != nil {
		return false
	}
	if e, _ := s.matchPlace(d.x.lex, i); e != nil {
		return false
	}
	for _, sp := range s.tagged {
		if sp.Start <= i && i < sp.End {
			return sp.Type == "ORG" && sp.Start < i && s.covered[i-1] == nil && s.covered[sp.Start] == nil
		}
	}
	for _, sp := range s.tagged {
		if sp.Start == i+1 && (sp.Type == "ORG" || sp.Type == "PER") && !d.x.lex.IsGivenName(ws[i].Key) {
			return true
		}
	}
	return false
}

// givenNameBeforeSurname reports whether the capitalised Latin word at i
// starts a person's name of two or more words, as the tagger reads it,
// while the gazetteer knows it only as a one-word place (Dominique Perben,
// Georgia Smith): in English it is that person's given name. A second
// word the gazetteer knows too (Iraq Iran) keeps the place.
func (d *Document) givenNameBeforeSurname(s *Sentence, i int) bool {
	ws := s.words
	if d.lang != "en" || i+1 >= len(ws) || !isUpperStart(ws[i].Text) || ws[i+1].Kind != text.Latin || !isUpperStart(ws[i+1].Text) {
		return false
	}
	if e, n := s.matchPlace(d.x.lex, i); e == nil || n != 1 {
		return false
	}
	if e, _ := s.matchOrg(d.x.lex, i); e != nil {
		return false
	}
	if e, _ := s.matchPlace(d.x.lex, i+1); e != nil {
		return false
	}
	if e, _ := s.matchOrg(d.x.lex, i+1); e != nil {
		return false
	}
	for _, sp := range s.tagged {
		if sp.Type == "PER" && sp.Start == i && sp.End > i+1 {
			return true
		}
	}
	return false
}

// oneWordName reports whether the gazetteer's longest name at word i is
// that word alone.
func (d *Document) oneWordName(s *Sentence, i int) bool {
	_, no := s.matchOrg(d.x.lex, i)
	_, np := s.matchPlace(d.x.lex, i)
	return max(no, np) == 1
}

// wholeKnownName reports whether words i..j are exactly one gazetteer name
// or a demonym.
func (d *Document) wholeKnownName(s *Sentence, i, j int) bool {
	if e, n := s.matchPlace(d.x.lex, i); e != nil && n == j-i+1 {
		return true
	}
	if e, n := s.matchOrg(d.x.lex, i); e != nil && n == j-i+1 {
		return true
	}
	if i == j {
		_, ok := d.x.lex.Nisba(s.keys[i])
		return ok
	}
	return false
}

func isAcronymish(s string) bool { return len(s) > 1 && strings.ToUpper(s) == s }

func romanOrNumber(s string) bool { return len(s) <= 3 }

// surface is the article text of words[i..j].
func (s *Sentence) surface(i, j int) string {
	if i > j || i < 0 || j >= len(s.words) {
		return ""
	}
	r := s.art
	a, b := s.words[i].Start, s.words[j].End
	if a < 0 || b > len(r) || a > b {
		return ""
	}
	return strings.TrimSpace(string(r[a:b]))
}

// surfaceStem is like surface but drops the first word's proclitic (the و
// of والمبعوث, the ب of بنيامي), which is not part of the name.
func (s *Sentence) surfaceStem(i, j int) string {
	full := s.surface(i, j)
	pre := []rune(s.words[i].pre)
	if len(pre) == 0 {
		return full
	}
	r := []rune(full)
	// The written prefix may carry diacritics or a tatweel the key lost.
	k := 0
	for n := 0; k < len(r) && n < len(pre); k++ {
		if isArabicLetter(r[k]) {
			n++
		}
	}
	for k < len(r) && !isArabicLetter(r[k]) && !unicode.IsLetter(r[k]) {
		k++
	}
	out := string(r[k:])
	if strings.HasPrefix(s.words[i].stem, "ال") && !strings.HasPrefix(s.words[i].Key, s.words[i].pre+"ال") && strings.HasPrefix(out, "ل") {
		out = "ا" + out // للتحالف: the preposition swallowed the alef of التحالف
	}
	return strings.TrimSpace(out)
}

func isArabicLetter(r rune) bool {
	return (r >= 0x0621 && r <= 0x063A) || (r >= 0x0641 && r <= 0x064A) || r == 0x0671
}

// latinName turns a capitalised Latin run into a mention: a known name, an
// alias learned earlier in the article, or a new organisation/event/person.
func (d *Document) latinName(s *Sentence, i, j int) *mention {
	name := s.surface(i, j)
	if name == "" {
		return nil
	}
	if e, ok := d.x.lex.Acronym(name); ok {
		return &mention{first: i, last: j, phrase: i, ent: d.lexEntity(e, s, i, j)}
	}
	if l := d.findByName(name, ""); l != nil {
		d.addName(l, name)
		return &mention{first: i, last: j, phrase: i, ent: l}
	}
	if l := d.bodyLessDesignator(name); l != nil {
		d.addName(l, name)
		return &mention{first: i, last: j, phrase: i, ent: l}
	}
	if !d.x.Supports(d.lang) {
		return nil // no grammar to tell a person from a body: only what the lexicon knows
	}
	if d.lang != "en" && !(s.words[i].quoteOpen || (i > 0 && (s.words[i-1].Key == "ل" || s.words[i-1].Key == "لـ"))) {
		// A stray Latin word inside Arabic text is usually a brand or a
		// quote; only quoted or governed ones name entities.
		if j == i {
			return nil
		}
	}
	typ := d.latinRunType(s, i, j)
	if typ == "" {
		return nil // people and titles are read by later passes
	}
	l := d.entity(typ, name, nil)
	last := j
	// "Tokyo International Conference on African Development (TICAD 9)":
	// the parenthesis holds another name of the same thing.
	if ws := s.words; j+3 < len(ws) && ws[j+1].Text == "(" {
		k := j + 2
		for k < len(ws) && k < j+6 && ws[k].Text != ")" && (ws[k].Kind == text.Latin || ws[k].Kind == text.Number) {
			k++
		}
		if k < len(ws) && ws[k].Text == ")" && k > j+2 {
			d.addName(l, s.surface(j+2, k-1))
			last = k
		}
	}
	return &mention{first: i, last: last, phrase: i, ent: l}
}

// bodyLessDesignator finds the English organisation of the article that
// name calls with its designator left out (Brightwater Group, then
// Brightwater): the shorter name is that body wherever it stands, even
// first in its sentence where its capital says nothing. A word that is no
// designator (Orion Pictures, then Orion) finds nothing.
func (d *Document) bodyLessDesignator(name string) *local {
	if d.lang != "en" || !resolve.IsLatin(name) {
		return nil
	}
	for _, l := range d.locals {
		if l.mergedInto != nil || l.typ != graph.TypeOrganization || l.lexID != "" {
			continue
		}
		for _, n := range l.names {
			if n != name && len(d.foldName(name)) < len(d.foldName(n)) && d.shortBodyName(name, n) {
				return l
			}
		}
	}
	return nil
}

// latinRunType classifies a capitalised Latin run: an event or organisation
// by its head nouns ("Tokyo International Conference on African
// Development", "Alliance of Small Island States"), any other run with a
// connector inside as an organisation, and nothing for titles and names.
func (d *Document) latinRunType(s *Sentence, i, j int) string {
	ws := s.words
	if honorifics[ws[i].Key] {
		return "" // Baroness Royall of Blaisdon, Lord Butler of Brockwell: a person
	}
	event, org, orgOnly, connector := false, false, false, false
	for k := i; k <= j; k++ {
		if _, n := s.matchTitle(d.x.lex, k); n > 0 && !d.isOrgHeadWord(ws[k].Key) {
			return ""
		}
		if personParticles[ws[k].Key] {
			return "" // Hamad bin Isa Al Khalifa is a person
		}
		switch {
		case latinConnectors[ws[k].Key] && k > i && k < j:
			connector = true
		case d.isEventHeadWord(ws[k].Key):
			event = true // Conference, Summit: an event even where it could head a body
		case d.isOrgHeadWord(ws[k].Key):
			org, orgOnly = true, true
		}
	}
	switch {
	case d.isEventHeadWord(ws[j].Key) && !d.isOrgHeadWord(ws[j].Key):
		return graph.TypeEvent
	case event && !orgOnly:
		return graph.TypeEvent
	case org:
		return graph.TypeOrganization
	case connector && j-i >= 2, d.lang != "en":
		return graph.TypeOrganization
	}
	return ""
}

func (d *Document) isOrgHeadWord(k string) bool   { _, ok := d.x.lex.OrgHead(k); return ok }
func (d *Document) isEventHeadWord(k string) bool { _, ok := d.x.lex.EventHead(k); return ok }

// lexEntity returns the article-local entity for a gazetteer entry.
func (d *Document) lexEntity(e *lexicon.Entry, s *Sentence, i, j int) *local {
	if l, ok := d.byLex[e.ID]; ok {
		if !d.isNisbaAt(s, i, j) {
			d.addName(l, s.surfaceStem(i, j))
		}
		return l
	}
	l := d.newLocal(e.Type, firstNonEmpty(e.NameEN, e.NameAR, s.surfaceStem(i, j)))
	l.lexID, l.nameEN, l.nameAR = e.ID, e.NameEN, e.NameAR
	l.head = d.x.entryHead(e)
	l.country = e.Country
	d.byLex[e.ID] = l
	if !d.isNisbaAt(s, i, j) {
		d.addName(l, s.surfaceStem(i, j))
	}
	return l
}

// cityInContext reads a one-word country name as the city of the same
// spelling when the article speaks of the city's country (زار عمان in a
// story about Jordan is Amman).
func isDash(s string) bool { return s == "-" || s == "–" || s == "—" }

func (d *Document) cityInContext(e *lexicon.Entry, n int, w word, dateline bool) *lexicon.Entry {
	if n != 1 || e.Type != graph.TypeCountry {
		return e
	}
	city := d.x.cityNamed[w.stem]
	if city == nil {
		city = d.x.cityNamed[w.Key]
	}
	if city == nil || city.Country == "" {
		return e
	}
	if _, ok := d.byLex["country:"+city.Country]; ok || dateline {
		return city // "عمّان –" opening a story is a dateline: a city
	}
	return e
}

// isNisbaAt reports whether words i..j are a single nisba adjective, which
// points at a country but is not one of its names.
func (d *Document) isNisbaAt(s *Sentence, i, j int) bool {
	if i != j {
		return false
	}
	_, ok := d.x.lex.Nisba(s.words[i].Key)
	return ok
}

func headOf(e *lexicon.Entry) string {
	if e.Type == graph.TypeOrganization && e.Kind == "political" {
		return "حزب" // a party whose name has no حزب (التجمع الوطني الديمقراطي) is still "the party"
	}
	if e.NameAR != "" {
		if ks := foldWords(e.NameAR); len(ks) > 0 {
			return stripAl(ks[0])
		}
	}
	return ""
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}

// surnameNisba reports whether the nisba at i is the last part of a
// person's name (محمد شياع السوداني): it follows a given name and at most
// one more name word, not a title or a noun.
func (d *Document) surnameNisba(ws []word, i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		w := ws[k]
		if w.isPunct() || d.x.lex.IsStopword(w.Key) {
			return false
		}
		if d.x.lex.IsGivenName(w.stem) || d.x.lex.IsGivenName(w.Key) {
			return true
		}
	}
	return false
}

// givenNameNisba reports whether the nisba at i is a given name that
// opens a person's name (العقيد تركي المالكي: Turki, not Turkish): right
// after a definite title an adjective would be definite too, so a bare
// nisba there, before a family name, is the name's first word.
func (d *Document) givenNameNisba(ws []word, i int) bool {
	if d.lang != "ar" || i == 0 || i+1 >= len(ws) || ws[i].f == nil || ws[i].f.nisba == nil || ws[i].pre != "" || strings.HasPrefix(ws[i].Key, "ال") {
		return false
	}
	titled := false
	for k := max(0, i-4); k < i; k++ {
		// The title ends right before it, or one definite word (a rank's
		// qualifier: العقيد الركن) before it.
		if _, n := d.cur.matchTitle(d.x.lex, k); n > 0 && (k+n == i || k+n == i-1) && strings.HasPrefix(ws[i-1].Key, "ال") {
			titled = true
		}
	}
	return titled && (d.familyWord(ws[i+1]) || d.taggerSees(i+1, "PER"))
}

// titlesAfterNames reads an appositive title after a person's name: "X،
// وزير الدفاع السعودي" / "X, Chairperson of the African Union Commission".
func (d *Document) titlesAfterNames(s *Sentence, covered []*mention, add func(*mention) *mention) {
	ws := s.words
	for _, m := range append([]*mention(nil), s.mentions...) {
		if m.ent.final().typ != graph.TypePerson || m.parent != nil || m.anaphor || m.last+1 >= len(ws) {
			continue
		}
		k := m.last + 2
		if !ws[m.last+1].comma {
			// ميخائيل بوغدانوف نائب وزير الخارجية الروسي: in Arabic a title
			// may follow the name with no comma, if no other name follows it.
			if d.lang == "en" || !d.bareTitleAfter(s, m.last+1) {
				continue
			}
			k = m.last + 1
		}
		if k >= len(ws) {
			continue
		}
		for k < len(ws) && (latinArticles[ws[k].Key] || ws[k].Key == "current" || ws[k].Key == "then") {
			k++
		}
		if body, t, n := d.bodyThenTitle(s, k); body != nil && !(body.nisba && professionAt(s, d.x.lex, t)) {
			// Mark Oaten, Liberal Democrat home affairs spokesman: the body
			// comes first, then the office.
			d.relateTitled(m.ent, body.ent, s.surfaceStem(t, t+n-1), s, 0.75)
			if body.parent == nil {
				body.parent = m
			}
			continue
		}
		if d.lang == "en" {
			k = d.titleAfterModifiers(s, k)
		}
		title, n := s.matchTitle(d.x.lex, k)
		if title == nil || strings.HasPrefix(ws[k].pre, "و") || conjunctions[ws[k].Key] {
			continue // "X، ووزير …": the next person of a list, not X's title
		}
		if c := covered[k]; c != nil && c.ent.final().typ == graph.TypePerson {
			continue // the title introduces a name of its own
		}
		titleText := s.surfaceStem(k, k+n-1)
		for t := k; t < k+n && !nationalityOnly(title); t++ { // وزير الخارجية الأميركي
			if e, ok := d.x.lex.Nisba(ws[t].Key); ok && e.Type == graph.TypeCountry {
				d.relateTitled(m.ent, d.lexEntity(e, s, t, t), titleText, s, 0.8)
			}
		}
		for j := k + n; j < len(ws) && j-k < 14; j++ {
			if ws[j].comma || ws[j].stop || complementizers[ws[j].Key] {
				break // … نائب وزير الخارجية الكويتي أن موقف الكويت: a new clause
			}
			if covered[j] == nil {
				if a := d.bodyAnaphorAt(s, j); a != nil {
					// عبد المجيد سيدي السعيد أمين عام الاتحاد: the body named before.
					s.mentions = append(s.mentions, a)
					d.relateTitled(m.ent, a.ent, titleText, s, 0.8*anaphorConfidence)
					break
				}
			}
			c := covered[j]
			if c != nil && j == k+n && c.phrase == j && c.first > j && c.ent.final().typ == graph.TypePerson {
				// مستشار الرئيس الأمريكي دونالد ترامب: the title serves the
				// holder of the title after it, and so that holder's country.
				for _, in := range s.mentions {
					if in.parent == c && in.nisba && in.ent.final().typ == graph.TypeCountry {
						d.relateTitled(m.ent, in.ent, titleText, s, 0.75)
					}
				}
				break
			}
			if c == nil || c.first != j {
				continue
			}
			if c.nisba && j > 0 && covered[j-1] != nil && covered[j-1].last == j-1 && covered[j-1].ent.final().typ == graph.TypeOrganization {
				j = c.last
				continue // الرئيس التنفيذي لشركة جيستامب الإسبانية: the company is Spanish, not its chief's post
			}
			if c.ent.typ == graph.TypeOrganization || c.ent.typ == graph.TypeCountry {
				d.relateTitled(m.ent, c.ent, titleText, s, 0.8)
				if c.parent == nil {
					c.parent = m // part of the person's appositive, not of the clause
				}
			}
			j = c.last
		}
	}
}
