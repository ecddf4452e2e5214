package extract

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/kgraph/kgraph/extract/lexicon"
	"github.com/kgraph/kgraph/extract/text"
	"github.com/kgraph/kgraph/graph"
)

// Title kinds whose holder belongs to the country the sentence is about even
// when the title names none (الملك محمد السادس).
// Presidents and prime ministers are not on the list: stories name them
// next to the countries they visit as often as next to their own.
var headOfStateKinds = map[string]bool{"king": true, "emir": true, "crown-prince": true, "monarch": true, "royal": true, "sultan": true}

// titledPerson reads "title [complement] [,] Name": وزير الخارجية الأميركي
// أنتوني بلينكن / الكاتب العام لوزارة ... بالنيجر، أدو الهادجي أبو. The
// complement's organisations and countries become HOLDS_POSITION facts.
func (d *Document) titledPerson(s *Sentence, i int, covered []*mention, add func(*mention) *mention) *mention {
	ws := s.words
	title, n := s.matchTitle(d.x.lex, i)
	if title != nil && notTitle(ws[i]) {
		return nil // أمام الكونغو: in front of, not an imam
	}
	pt, pn, pg := d.possessiveTitle(s, i)
	if pt != nil && (title == nil || pn >= n) {
		title, n = pt, pn // أمينه العام: his party's secretary general
	} else {
		pg = 0
	}
	if title == nil || (n == 1 && i+1 < len(ws) && nameParticles[ws[i+1].Key]) {
		return nil // سلطان بن أحمد: a name, not the title sultan
	}
	if d.lang == "ar" && i > 0 && ws[i-1].comma && i+n < len(ws) {
		if t2, _ := s.matchTitle(d.x.lex, i+n); t2 != nil {
			// X، مستشار الرئيس الأمريكي دونالد ترامب: a title set off after a
			// name, whose complement is another title, is X's; the name after
			// holds the second title (see titlesAfterNames).
			return nil
		}
	}
	var compl []*mention
	phrase := i
	if c := d.bodyBeforeTitle(s, i); c != nil {
		// Jordanian Foreign Minister / US Secretary of State / Phytopharm
		// chief executive / IHRC chairman: in English the country or body
		// comes before the title.
		compl = append(compl, c)
		phrase = c.phrase
	}
	j := i + n
	comma := false
	afterNisba := false
	var named *mention
	complEnd := i + n - 1 // the title's last word, then its complement's
	for ; j < len(ws) && j-i < 16; j++ {
		w := ws[j]
		if w.comma {
			comma = true
			break
		}
		if w.stop || d.lang == "en" && j == i+n && w.Key == "at" {
			return nil // Lisa Power, head of policy at …: the title of the name before
		}
		if d.lang == "ar" && j == complEnd+1 && complEnd >= i+n {
			if rank, rn := s.matchTitle(d.x.lex, j); rank != nil && rank.Kind == "military" {
				// قائد القوات البرية لروسيا الجنرال فاسيلي …: a rank between
				// the office and the name belongs to the same person.
				complEnd = j + rn - 1
				j = complEnd
				continue
			}
		}
		if d.lang == "ar" && j == complEnd+1 && formerWords[w.Key] {
			// الرئيس الفرنسي السابق نيكولا …: "former" after the
			// complement closes the title, and the name follows.
			complEnd = j
			if j+1 < len(ws) && covered[j+1] == nil && d.taggerSees(j+1, "PER") {
				j++ // the name the tagger reads right after it
				break
			}
			continue
		}
		if d.lang == "ar" && j == complEnd+1 && locatives[w.Key] && d.placeOfPost(s, j+1) {
			// النائب العام في اسطنبول عرفان فيدان، المسؤول في لجنة …: the
			// city or body after في is where the post is.
			continue
		}
		if j > i+n && covered[j] == nil && (timeWords[w.stem] || dateCues[w.Key] || w.quoteOpen || d.x.lex.IsStopword(w.Key) && !nameInnerWords[w.Key] && !d.x.lex.IsGivenName(w.Key) && !(postings[w.Key] && envoy(title))) {
			return nil // رئيس المجلس نبيه بري يوم الأحد: the clause went on, no name was met
		}
		if c := covered[j]; c != nil {
			if c.first != j && c.first < i {
				return nil
			}
			// A body that starts inside the title (رئيس [مجلس النواب
			// اللبناني]) is its complement like one that follows it.
			if c.ent.typ == graph.TypePerson {
				if j != complEnd+1 || c.nested() {
					return nil // a person further on is someone else
				}
				named = c // a name an earlier stage read (the tagger's), right after the title and its complement
				break
			}
			compl = append(compl, c)
			j = c.last
			complEnd = c.last
			if c.nisba && c.prep == "" && j+1 < len(ws) && d.nameStart(ws, j+1, covered, true) {
				afterNisba = true
				j++
				break
			}
			continue
		}
		if d.x.lex.IsGivenName(w.stem) || d.x.lex.IsGivenName(w.Key) || d.givenNameNisba(ws, j) {
			break // العقيد تركي المالكي: a nisba that is the name's first word
		}
		if d.lang == "en" && w.Kind == text.Latin && (isUpperStart(w.Text) || arabicArticleName(w.Text)) && !d.isOrgHeadWord(w.Key) {
			break // Foreign Minister Nasser Bourita
		}
		if d.startsTrigger(ws, j) || d.isRelative(w) {
			return nil
		}
		if a := d.matchAnaphor(ws, j); a != nil && a.typ == graph.TypeOrganization {
			// الأمين العام للتحالف: the body named earlier.
			if l := d.resolveAnaphor(a, d.pos(j)); l != nil {
				c := &mention{first: j, last: j + len(a.words) - 1, phrase: j, ent: l, anaphor: true}
				if _, ok := matchPhrase(ws, j, a.words); !ok {
					c.last = j
				}
				s.mentions = append(s.mentions, c)
				compl = append(compl, c)
				j = c.last
			}
		}
	}
	if n == 1 && rankOrNoun[ws[i].stem] && len(compl) > 0 {
		return nil // الفريق أمام الكونغو، الفريق الوطني: the team, not a general
	}
	if pg != 0 && len(compl) == 0 {
		if b := d.possessorBody(s, i, pg); b != nil {
			compl = append(compl, b)
		}
	}
	if named != nil {
		if phrase < named.phrase {
			// The title is part of the name's phrase, as when this stage
			// reads the name itself: what governs the phrase (مع, with)
			// governs the titled name.
			for x := phrase; x < named.phrase; x++ {
				if covered[x] == nil {
					covered[x] = named
				}
			}
			named.phrase = phrase
		}
		return d.titled(s, i, n, title, phrase, named.ent, named, compl, named.first-1, false)
	}
	if j >= len(ws) {
		return nil
	}
	k := j
	if comma {
		k = j + 1
		if d.lang == "ar" && k < len(ws) && strings.HasPrefix(ws[k].pre, "و") {
			// X، زعيم الحركة السابق، وY: "and" after the comma starts the
			// next item of a list; the title set off before it is X's.
			return nil
		}
		if k < len(ws) && covered[k] != nil && covered[k].first == k && !covered[k].nested() && covered[k].ent.typ == graph.TypePerson {
			// his Iraqi counterpart, Fuad Hussein: an appositive name an
			// earlier stage read.
			return d.titled(s, i, n, title, phrase, covered[k].ent, covered[k], compl, j-1, true)
		}
	}
	end := -1
	if !comma && k < len(ws) && (d.x.lex.IsGivenName(ws[k].stem) || d.x.lex.IsGivenName(ws[k].Key)) {
		// وزير الموارد المائية عون ذياب عبد الله: unknown words right
		// before the given name that ended the complement are the name's
		// first words.
		if a := d.unknownTail(ws, i+n, k-1, covered); a >= 0 {
			k = a
		} else if a := k - 1; a >= i+n && d.unknownWord(ws[a], covered[a]) {
			k = a
		}
		if k-2 >= i+n && nameParticles[ws[k-1].Key] && covered[k-2] == nil && !ws[k-2].isPunct() {
			k -= 2 // سلطان بن أحمد: the particle joins the name before it
		} else if k-1 >= i+n && nameParticles[ws[k].Key] && covered[k-1] == nil && !ws[k-1].isPunct() {
			k-- // the tail above stopped on the particle itself
		}
	}
	if comma && !d.nameStart(ws, k, covered, true) {
		// No name after the comma: the name may close the complement
		// (مفوض الاتحاد الأفريقي للشؤون السياسية بانكولي أديوي،) — two or
		// three words at its end that no word list knows.
		if a := d.unknownTail(ws, i+n, j-1, covered); a >= 0 {
			k, end = a, j-1
		}
	}
	if end < 0 && !comma && !afterNisba && !d.nameStart(ws, k, covered, true) {
		return nil
	}
	if end < 0 && comma {
		end = d.appositiveName(ws, k, covered)
	}
	if end < 0 {
		end = d.nameEnd(ws, k, covered)
		if !comma {
			// An appositive name runs to its comma; one in running text
			// ends where the tagger says.
			end = d.taggerBound(ws, k, end, !afterNisba)
		}
	}
	if end < k && afterNisba && d.foreignNameWithFamily(ws, k, covered) {
		end = k + 1 // وزير الإعلام اليمني معمر الإرياني: a name the tagger missed
	}
	if end < k {
		return nil
	}
	// An appositive name runs to the next comma; a name in running text must
	// not swallow the sentence: cap it.
	if comma && end+1 < len(ws) && !ws[end+1].comma && !ws[end+1].stop && !d.startsTrigger(ws, end+1) && end+1 < len(ws) && !ws[end+1].isPunct() {
		if d.lang != "en" && !d.x.lex.IsGivenName(ws[k].stem) {
			return nil // "title, words" that do not end at a comma: not an appositive name
		}
	}
	name := s.surfaceStem(k, end)
	p := d.person(name)
	if d.tagged && !comma && !d.taggerSees(k, "PER") {
		// Only the title says this is a name: what it states is less sure.
		p.unsure = true
	}
	m := add(&mention{first: k, last: end, phrase: phrase, ent: p, prep: ws[i].pre})
	return d.titled(s, i, n, title, phrase, p, m, compl, min(j, k)-1, comma)
}

// notTitles are raw spellings that fold to a title but are another word
// (data/not_titles.tsv).
var notTitles = func() map[string]bool {
	b, err := dataFS.ReadFile("data/not_titles.tsv")
	if err != nil {
		panic(fmt.Sprintf("extract: embedded data/not_titles.tsv: %v", err))
	}
	m := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if w := strings.TrimSpace(line); w != "" && !strings.HasPrefix(w, "#") {
			m[w] = true
		}
	}
	return m
}()

// notTitle reports whether w, its proclitic off, is spelt as a word that
// only folds to a title.
func notTitle(w word) bool {
	raw := w.Text
	if w.pre != "" {
		rs := []rune(raw)
		if n := utf8.RuneCountInString(w.pre); n < len(rs) {
			raw = string(rs[n:])
		}
	}
	return notTitles[raw]
}

// describedPerson reads an English definite title with no name after it
// as the person named just before (Michael Howard … The Tory leader said):
// the person it describes, when exactly one person was named in this
// sentence or the one before, and the title says whose office it is (a
// body or a nationality before it). What it states is less sure than a
// title before a name. Arabic is left out: there الرئيس الجزائري or المدعي
// العام السعودي with no name mostly brings in someone new (measured on the
// dev articles: 1 right, 6 wrong).
func (d *Document) describedPerson(s *Sentence, i int) *mention {
	ws := s.words
	title, n := s.matchTitle(d.x.lex, i)
	if title == nil || nationalityOnly(title) || title.Kind == "profession" {
		return nil
	}
	var compl []*mention
	start, last := i, i+n-1
	switch d.lang {
	case "en":
		c := d.bodyBeforeTitle(s, i)
		if c == nil || c.first == 0 || ws[c.first-1].Key != "the" {
			return nil
		}
		compl = append(compl, c)
		start = c.first - 1
	default:
		return nil
	}
	if k := last + 1; k < len(ws) && (s.covered[k] != nil && s.covered[k].ent.final().typ == graph.TypePerson || isUpperStart(ws[k].Text)) {
		return nil // a name follows: the title stage's, not a description
	}
	var who *local
	from := (d.sentNo - 1) * 10000
	for _, l := range d.locals {
		if l.mergedInto != nil || l.typ != graph.TypePerson || len(strings.Fields(l.name)) < 2 {
			continue // only someone named in full is described later
		}
		for _, p := range l.positions {
			if p >= from && p < d.pos(start) {
				if who != nil && who != l {
					return nil // two people named: which one is not said
				}
				who = l
			}
		}
	}
	if who == nil {
		return nil
	}
	m := d.add(s, &mention{first: start, last: last, phrase: start, ent: who, anaphor: true})
	d.described = true
	defer func() { d.described = false }()
	return d.titled(s, i, n, title, start, who, m, compl, last, false)
}

// taggerSees reports whether the tagger read word k of the current
// sentence as part of a name of type typ.
// taggerStarts reports whether the tagger read a name of type typ that
// starts at word k of the current sentence.
func (d *Document) taggerStarts(k int, typ string) bool {
	if !d.tagged || d.cur == nil {
		return false
	}
	for _, sp := range d.cur.tagged {
		if sp.Type == typ && sp.Start == k {
			return true
		}
	}
	return false
}

func (d *Document) taggerSees(k int, typ string) bool {
	for _, sp := range d.cur.tagged {
		if sp.Type == typ && sp.Start <= k && k < sp.End {
			return true
		}
	}
	return false
}

// bodyBeforeTitle is the country or organisation named right before the
// title at i, with or without a possessive (Menatep Group's managing
// director), in English text.
func (d *Document) bodyBeforeTitle(s *Sentence, i int) *mention {
	if d.lang != "en" || i == 0 {
		return nil
	}
	k := i - 1 // the possessive is already off the word (see sentenceOf)
	for n := 0; n < 2; n++ {
		// BBC political correspondent, UN emergency relief coordinator, EU
		// Humanitarian Aid Commissioner: up to two words of the post's
		// field before the title (capitalised ones only right after the
		// body or another such word).
		w := s.words[k]
		if k == 0 || w.Kind != text.Latin || s.covered[k] != nil || latinConnectors[w.Key] || verbLike(w) || w.poss || d.x.lex.IsStopword(w.Key) {
			break
		}
		if isUpperStart(w.Text) && !(s.covered[k-1] != nil || n == 0 && k >= 2 && s.covered[k-2] != nil && isUpperStart(s.words[k-1].Text)) {
			break
		}
		if isUpperStart(w.Text) && !d.bodyStartsRun(s, k) {
			break // Stop Stansted Expansion chairman: the capitalised run is the body, not Stansted
		}
		k--
	}
	if possessivePronouns[s.words[k].Key] {
		return d.possessorBody(s, k, 0) // its chief executive: the body named last
	}
	c := s.covered[k]
	if c == nil || c.last != k {
		return nil
	}
	if strings.HasPrefix(s.words[c.first].Key, "ex-") {
		return nil // Ex-Labour MP: a body the person has left
	}
	if d.guessedBody(c.ent) {
		c.ent.typ = graph.TypeOrganization
	}
	if b := d.regionalArm(s, c); b != nil {
		return b
	}
	switch c.ent.typ {
	case graph.TypeCountry, graph.TypeOrganization:
		return c
	}
	return nil
}

// possessorBody is the body a possessive pronoun at k stands for (its
// finance director, أمينه العام): the organisation named last before it in
// this sentence or the one before, when no other one was named between;
// nil when there is none.
// An Arabic pronoun agrees with the body: أمينه (masculine: الحزب),
// رئيستها (feminine: الجمعية).
func (d *Document) possessorBody(s *Sentence, k int, gender byte) *mention {
	var best *local
	bestPos := -1
	for _, l := range d.locals {
		if l.mergedInto != nil || l.typ != graph.TypeOrganization && l.typ != graph.TypeCountry || gender != 0 && !agrees(l, gender) {
			continue // its president: a body's or a country's (Kazakhstan … its president)
		}
		for _, p := range l.positions {
			if p < d.pos(k) && p > bestPos {
				best, bestPos = l, p
			}
		}
	}
	if best == nil || bestPos < (d.sentNo-1)*10000 {
		return nil // named too long ago to be what "its" means
	}
	return &mention{first: k, last: k, phrase: k, ent: best, anaphor: true}
}

// possessiveTitle reads an Arabic title that carries a possessive pronoun
// (أمينه العام، رئيسه، مديرتها): the title without the pronoun, its length
// in words, and the gender of the body the pronoun stands for.
func (d *Document) possessiveTitle(s *Sentence, i int) (*lexicon.Entry, int, byte) {
	w := s.words[i]
	if d.lang != "ar" || w.pre != "" && w.pre != "و" || !strings.HasSuffix(w.Text, "ه") {
		return nil, 0, 0
	}
	// The raw text tells the pronoun ه from a taa marbuta, which folds to ه.
	suffix, g := "ه", byte('m')
	if strings.HasSuffix(w.Text, "ها") {
		suffix, g = "ها", 'f'
	}
	bare, ok := strings.CutSuffix(w.stem, suffix)
	if !ok || utf8.RuneCountInString(bare) < 2 {
		return nil, 0, 0
	}
	cands := []string{bare, "ال" + bare}
	if t, ok := strings.CutSuffix(bare, "ت"); ok {
		cands = append(cands, t+"ه", "ال"+t+"ه") // رئيستها: the taa marbuta of رئيسة is written ت before a pronoun
	}
	for _, c := range cands {
		if d.x.lex.StartsOf(c)&lexicon.StartsTitle == 0 {
			continue
		}
		keys := append([]string{c}, s.keys[i+1:]...)
		if t, n := d.x.lex.MatchTitle(keys, 0); t != nil {
			return t, n, g
		}
	}
	return nil, 0, 0
}

// bodyStartsRun reports whether the capitalised word k of a post's field
// follows a body (with at most one more such word between) whose name no
// capitalised word precedes, the article and the sentence's start aside:
// EU Humanitarian Aid Commissioner, not Stop Stansted Expansion chairman.
func (d *Document) bodyStartsRun(s *Sentence, k int) bool {
	ws := s.words
	b := k - 1
	if s.covered[b] == nil && b > 0 {
		b--
	}
	c := s.covered[b]
	if c == nil || c.last != b {
		return false
	}
	if c.first == 0 {
		return true
	}
	p := ws[c.first-1]
	return p.isPunct() || p.Kind != text.Latin || !isUpperStart(p.Text) || latinArticles[p.Key]
}

// regionalArm reads "GM Europe president", "HSBC Asia chief": a company
// and a region right before a title name the company's arm there, a body
// of its own that is part of the company. It returns the arm's mention,
// or nil when c, the region, does not follow a body.
func (d *Document) regionalArm(s *Sentence, c *mention) *mention {
	if c.ent.final().typ != graph.TypeLocation || c.first == 0 || c.nested() {
		return nil
	}
	o := s.covered[c.first-1]
	if o == nil && d.taggerSees(c.first-1, "ORG") {
		// The tagger read "GM Europe" as one name, which the region's
		// gazetteer name cut short: its first words are the company.
		k := c.first - 1
		for k > 0 && s.covered[k-1] == nil && d.taggerSees(k-1, "ORG") {
			k--
		}
		if d.unclaimed(s, k, c.first-1) {
			name := s.surfaceStem(k, c.first-1)
			parent := d.knownAs(name)
			if parent == nil || parent.final().typ != graph.TypeOrganization {
				parent = d.entity(graph.TypeOrganization, name, nil)
			}
			o = d.add(s, &mention{first: k, last: c.first - 1, phrase: k, ent: parent})
		}
	}
	if o == nil || o.last != c.first-1 || o.ent.final().typ != graph.TypeOrganization || s.words[o.last].poss {
		return nil
	}
	arm := d.entity(graph.TypeOrganization, s.surface(o.first, c.last), nil)
	d.slot(fact{pred: graph.PartOf, s: arm, o: o.ent, sent: s, confidence: 0.75})
	return d.add(s, &mention{first: o.first, last: c.last, phrase: o.phrase, ent: arm})
}

// verbLike reports whether a lower-case English word reads as a verb
// (accepted, says) rather than an adjective between a body and a title:
// "the Conservatives accepted Prime Minister Tony Blair's promise".
func verbLike(w word) bool {
	if postFields[w.Key] {
		return false // home affairs spokesman: a plural noun, not "says"
	}
	return strings.HasSuffix(w.Key, "ed") || strings.HasSuffix(w.Key, "s") || auxiliaries[w.Key] || modals[w.Key]
}

// guessedBody reports whether l, named right before a title, is a body
// the tagger took for something else: a place no lexicon knows (places
// hold no offices in English news: Acme chief executive …) or a one-word
// "person" that no full name or given name backs (a company's name).
func (d *Document) guessedBody(l *local) bool {
	if l.lexID != "" {
		return false
	}
	switch l.typ {
	case graph.TypeCity:
		return true
	case graph.TypePerson:
		for _, n := range append([]string{l.name}, l.names...) {
			ks := foldWords(n)
			if len(ks) != 1 || d.x.lex.IsGivenName(ks[0]) {
				return false
			}
		}
		return true
	}
	return false
}

// titled states the offices a title gives person p (mention m): what the
// title names (a nisba, a body's head noun, an implied ministry) and the
// bodies and countries in its complement compl, which ends at word
// complEnd (at a comma if comma).
// placeOfPost reports whether a city, a country or a body starts at word
// k, where the title before في is held.
func (d *Document) placeOfPost(s *Sentence, k int) bool {
	if k >= len(s.words) {
		return false
	}
	c := s.covered[k]
	if c == nil || c.first != k || c.nisba {
		return false
	}
	switch c.ent.final().typ {
	case graph.TypeCity, graph.TypeCountry, graph.TypeOrganization:
		return true
	}
	return false
}

func (d *Document) titled(s *Sentence, i, n int, title *lexicon.Entry, phrase int, p *local, m *mention, compl []*mention, complEnd int, comma bool) *mention {
	ws := s.words
	add := func(m *mention) *mention { return d.add(s, m) }
	titleText := s.surfaceStem(i, i+n-1)
	conf := 0.85
	found := false
	for k := i; k < i+n && !nationalityOnly(title); k++ { // وزير الخارجية الأميركي: the title names the country
		if e, ok := d.x.lex.Nisba(ws[k].Key); ok && e.Type == graph.TypeCountry {
			nm := add(&mention{first: k, last: k, phrase: k, ent: d.lexEntity(e, s, k, k), nisba: true, parent: m})
			d.relateTitled(p, nm.ent, titleText, s, conf)
			found = true
		}
	}
	for _, c := range compl {
		c.parent = m
		if c.nisba && nationalityOnly(title) {
			continue
		}
		conf := conf
		if c.anaphor {
			conf *= 0.85 // the body is only referred to (its, الأمين العام للتحالف)
		}
		if found && d.postedAt(s, title, c) {
			continue // السفير الفرنسي لدى الولايات المتحدة: he serves France, in the US
		}
		switch c.ent.typ {
		case graph.TypeOrganization, graph.TypeCountry:
			d.relateTitled(p, c.ent, titleText, s, conf)
			found = true
		case graph.TypeLocation:
			if regionHeads[c.ent.final().head] && !envoy(title) {
				d.relateTitled(p, c.ent, titleText, s, conf) // رئيس جهة الدار البيضاء- سطات
				found = true
			}
		case graph.TypeCity:
			if cityOffice(title) || !envoy(title) && c.first > 0 && locatives[ws[c.first-1].Key] {
				d.relateTitled(p, c.ent, titleText, s, conf) // محافظ الحديدة، mayor of Paris، النائب العام في اسطنبول
				found = true
			}
		}
		// A country named inside the organisation (وزارة ... بالنيجر) is
		// where the person serves too.
		for _, inner := range s.mentions {
			if inner.parent == c && inner.ent.typ == graph.TypeCountry {
				d.relateTitled(p, inner.ent, titleText, s, conf*0.9)
			}
		}
		if c.ent.typ == graph.TypeOrganization && c.ent.country != "" {
			if l, ok := d.byLex[c.ent.country]; ok {
				d.relateTitled(p, l, titleText, s, conf*0.9)
			}
		}
	}
	for k := i + 1; k < i+n && !found; k++ {
		// رئيس مجلس النواب: the title names the body the person heads.
		if _, ok := d.x.lex.OrgHead(ws[k].stem); ok {
			org := d.entity(graph.TypeOrganization, s.surfaceStem(k, i+n-1), nil)
			org.head = stripAl(ws[k].stem)
			d.relateTitled(p, org, titleText, s, 0.8)
			found = true
		}
	}
	if !found && isMinister(title) && complEnd >= i+n-1 {
		// وزير الشؤون الخارجية والتعاون … names a ministry without saying وزارة.
		if org := d.impliedMinistry(s, i, complEnd, comma); org != nil {
			d.relateTitled(p, org, titleText, s, 0.75)
			found = true
		}
	}
	if !found && headOfStateKinds[title.Kind] {
		if c := d.soleCountryBefore(s, phrase); c != nil {
			d.relateTitled(p, c, titleText, s, 0.6)
		}
	}
	if body := d.bodyAtAfter(s, m); body != nil && !found {
		d.relateTitled(p, body.ent, titleText, s, 0.75) // analyst Ann Reid at Acme
	}
	return m
}

// bodyAtAfter is the body an English titled name works "at" (analyst Ann
// Reid at Acme), or nil; a one-off place or person the tagger guessed
// there is taken for a body (see guessedBody).
func (d *Document) bodyAtAfter(s *Sentence, m *mention) *mention {
	k := m.last + 1
	if d.lang != "en" || k+1 >= len(s.words) || s.words[k].Key != "at" {
		return nil
	}
	k++
	if latinArticles[s.words[k].Key] {
		k++
	}
	c := d.mentionAt(s, k)
	if c == nil || c.anaphor {
		return nil
	}
	if d.guessedBody(c.ent) {
		c.ent.typ = graph.TypeOrganization
	}
	if c.ent.typ != graph.TypeOrganization {
		return nil
	}
	return c
}

// relateTitled fills a person's office slot: the Slots stage makes it a
// HOLDS_POSITION fact. A co-chair's title (Tory co-chairman, الرئيس
// المشارك) says they co-chair the body too.
func (d *Document) relateTitled(p, where *local, title string, s *Sentence, conf float64) {
	if d.described {
		conf *= anaphorConfidence // The Tory leader said: the person only described
	}
	d.slot(fact{pred: graph.HoldsPosition, s: p, o: where, sent: s, confidence: conf, title: title})
	if t, n := d.x.lex.MatchTitle(foldWords(title), 0); t != nil && n == len(foldWords(title)) && t.Kind == "co-chair" && where.final().typ == graph.TypeOrganization {
		d.slot(fact{pred: graph.CoChairs, s: p, o: where, sent: s, confidence: conf, title: title})
	}
}

// postedAt reports whether complement c of an envoy's title names where
// the envoy is posted (لدى الأمم المتحدة, بالرباط, to Japan) rather than
// whom they serve.
func (d *Document) postedAt(s *Sentence, title *lexicon.Entry, c *mention) bool {
	if !envoy(title) {
		return false
	}
	if strings.Contains(c.prep, "ب") {
		return true
	}
	k := c.first - 1
	if k >= 0 && latinArticles[s.words[k].Key] {
		k--
	}
	return k >= 0 && postings[s.words[k].Key]
}

// envoy reports whether title t is held abroad, serving one country or
// body in another (ambassador, envoy, representative).
func envoy(t *lexicon.Entry) bool {
	return t.Kind == "ambassador" || t.Kind == "envoy" || t.Kind == "representative"
}

// cityOffice reports whether title t is held in a city (a governor, a
// mayor): the city it names is where the post is.
func cityOffice(t *lexicon.Entry) bool { return t.Kind == "governor" || t.Kind == "mayor" }

// nationalityOnly reports whether title t is a trade, not an office
// (الصحافي السعودي, the Saudi journalist): the country its nisba names is
// where the person is from, no post they hold.
func nationalityOnly(t *lexicon.Entry) bool { return t.Kind == "profession" }

func isMinister(t *lexicon.Entry) bool {
	return t.Kind == "minister" || strings.HasPrefix(text.Fold(t.NameAR), "وزير")
}

// impliedMinistry builds "وزارة …" from a minister's title "وزير …".
func (d *Document) impliedMinistry(s *Sentence, i, last int, comma bool) *local {
	ws := s.words
	first := i
	for first <= last && !strings.HasPrefix(ws[first].stem, "وزير") {
		first++
	}
	for last > first && formerWords[ws[last].Key] {
		last-- // وزير الخارجية الأسبق: the minister is former, not the ministry
	}
	if first >= last {
		return nil
	}
	// Stop before a given name that the complement loop ended on.
	rest := s.surface(first+1, last)
	if rest == "" || len(strings.Fields(rest)) < 2 {
		return nil
	}
	name := "وزارة " + rest
	l := d.entity(graph.TypeOrganization, name, nil)
	l.head = "وزاره"
	return l
}

// soleCountryBefore is the one country the sentence names before word i
// (التي طورها المغرب، تحت القيادة … الملك محمد السادس), or nil when there is
// none or more than one: a king's or president's country is not guessed.
func (d *Document) soleCountryBefore(s *Sentence, i int) *local {
	var c *local
	for _, m := range s.mentions {
		if m.ent.final().typ != graph.TypeCountry || m.first < 0 || m.parent != nil {
			continue // a country inside another person's title is theirs
		}
		if m.first >= i && !m.nisba {
			return nil // a country after the title may be where a visitor is
		}
		if m.first < i {
			if c != nil && c != m.ent.final() {
				return nil
			}
			c = m.ent.final()
		}
	}
	return c
}

// unknownTail returns the first of the last two or three words of
// ws[from..to] when they are all unknown to the word lists (a foreign name),
// or -1.
func (d *Document) unknownTail(ws []word, from, to int, covered []*mention) int {
	first := -1
	for k := to; k >= from && to-k < 3; k-- {
		if !d.unknownWord(ws[k], covered[k]) {
			break
		}
		first = k
	}
	if first < 0 || to-first < 1 {
		return -1
	}
	return first
}

// unknownWord reports whether w is an Arabic word no list knows, free, with
// no article or proclitic (لل, "for the", too): the stuff foreign names
// are made of.
func (d *Document) unknownWord(w word, c *mention) bool {
	return c == nil && !w.isPunct() && w.Kind == text.Word && !d.x.lex.IsKnownWord(w.Key) && !d.x.lex.IsKnownWord(w.stem) &&
		!d.x.lex.IsStopword(w.Key) && !strings.HasPrefix(w.Key, "ال") && !strings.HasPrefix(w.Key, "وال") && w.pre == "" &&
		!strings.HasPrefix(w.Key, "لل") // للجاسوسية: "for the", no foreign name's start
}

// nameStart reports whether a person's name can start at word k.
func (d *Document) nameStart(ws []word, k int, covered []*mention, strict bool) bool {
	if k >= len(ws) || !d.nameWord(ws, k, covered) {
		return false
	}
	w := ws[k]
	if d.x.lex.IsGivenName(w.stem) || d.x.lex.IsGivenName(w.Key) {
		return true
	}
	if w.Kind == text.Latin {
		return isUpperStart(w.Text) || arabicArticleName(w.Text)
	}
	// An Arabic name rarely starts with the article.
	return !strings.HasPrefix(w.Key, "ال") || !strict
}

// nameWord reports whether word k can be part of a person's name.
func (d *Document) nameWord(ws []word, k int, covered []*mention) bool {
	w := ws[k]
	if w.isPunct() || (w.Kind != text.Word && w.Kind != text.Latin) || covered[k] != nil {
		return false
	}
	if d.x.lex.IsStopword(w.Key) && !d.yaName(w) || timeWords[w.stem] || calendarWords[w.Key] || dateCues[w.Key] {
		return false // يومي الاثنين، أمس: time, not a name
	}
	if d.startsTrigger(ws, k) || d.isRelative(w) || kinNouns[w.Key] || kinNouns[strings.TrimPrefix(w.Key, "و")] || d.lang == "ar" && d.endsNoName(w) {
		return false
	}
	if _, n := d.cur.matchTitle(d.x.lex, k); n > 0 && !(k+1 < len(ws) && nameParticles[ws[k+1].Key]) {
		return false
	}
	if w.fs.orgHead || w.fs.eventHead {
		return false
	}
	if m, _ := d.cur.month(d.x.lex, k); m > 0 {
		return false
	}
	if d.lang == "en" && w.Kind == text.Latin && !isUpperStart(w.Text) && !arabicArticleName(w.Text) {
		return false
	}
	if d.matchAnaphor(ws, k) != nil {
		return false
	}
	return true
}

// particlePart reports whether word k, right after a name particle, is the
// part the particle joins on even though it reads as a common word (آل
// ثاني، بن سعيد): a plain word without a proclitic, no time word, not
// claimed by another name.
func (d *Document) particlePart(ws []word, k int, covered []*mention) bool {
	w := ws[k]
	return covered[k] == nil && w.Kind == text.Word && w.pre == "" && !d.startsTrigger(ws, k) && !timeWords[w.stem] && !calendarWords[w.Key]
}

// nameEnd returns the last word of a name starting at k (up to four words).
func (d *Document) nameEnd(ws []word, k int, covered []*mention) int {
	end := k - 1
	limit := 4
	for t := k; t < len(ws) && t-k < limit; t++ {
		if t > k && (nameParticles[ws[t].Key] || foreignParticles[ws[t].Key]) && t+1 < len(ws) && d.nameWord(ws, t+1, covered) {
			limit += 2 // خالد بن سلمان بن عبدالعزيز, Hamad bin Isa Al Khalifa, جان إيف لو دريان
			continue
		}
		if t > k && nameParticles[ws[t].Key] && t+1 < len(ws) && d.particlePart(ws, t+1, covered) {
			end = t + 1 // تميم بن حمد آل ثاني: the part after a particle, whatever else it reads as
			break
		}
		if t > k && d.lang == "ar" && d.endsNoName(ws[t]) {
			break // هاري للكنيسة، عمر يقول
		}
		if !d.nameWord(ws, t, covered) && !(t > k && d.innerNameWord(ws, t, covered)) && !(t > k && d.titleInTaggedName(ws, t, covered)) || knownAsWords[ws[t].Key] {
			break // … علي حداد المعروف بقربه: "known" opens what follows the name
		}
		if t > k && ws[t].pre == "و" && !d.x.lex.IsGivenName(ws[t].Key) {
			break // "X وY": a second name, not part of this one
		}
		if t > k && d.tagged && d.cur != nil && len(d.cur.words) == len(ws) && accusative(ws[t]) && !d.x.lex.IsGivenName(ws[t].Key) && !d.taggerSees(t, "PER") {
			break // مولاي رشيد متزوجا: a participle the tagger reads as no name ends it
		}
		end = t
		if ws[t].quoteClose {
			break
		}
	}
	return end
}

// appositiveName returns the last word of a name set off by commas after
// a title (رئيس الأركان، أحمد قايد صالح،): from a given name at k to the
// next comma, two to four plain words, whatever else each might read as
// alone. It returns -1 when the words up to the comma are no such name.
func (d *Document) appositiveName(ws []word, k int, covered []*mention) int {
	if k >= len(ws) || !(d.x.lex.IsGivenName(ws[k].Key) || d.x.lex.IsGivenName(ws[k].stem)) {
		return -1
	}
	for t := k; t < len(ws) && t < k+4; t++ {
		w := ws[t]
		if w.comma && t > k+1 {
			return t - 1
		}
		if covered[t] != nil || w.Kind != text.Word || (t > k && w.pre != "") || d.startsTrigger(ws, t) || d.isRelative(w) {
			return -1
		}
	}
	return -1
}

// foreignNameWithFamily reports whether words k and k+1 read as a first
// name and a family name no list knows: a bare word (or a given name),
// then the article on a word no list knows (معمر الإرياني). After a
// title and its nisba that is a name even where the tagger saw none.
func (d *Document) foreignNameWithFamily(ws []word, k int, covered []*mention) bool {
	if k+1 >= len(ws) || covered[k+1] != nil {
		return false
	}
	first := d.unknownWord(ws[k], covered[k]) || covered[k] == nil && (d.x.lex.IsGivenName(ws[k].Key) || d.x.lex.IsGivenName(ws[k].stem))
	return first && d.familyWord(ws[k+1]) && !d.startsTrigger(ws, k+1)
}

// familyWord reports whether an Arabic word can be a family name: the
// article on a word no list knows (الحوثي، الإرياني), with no proclitic.
func (d *Document) familyWord(w word) bool {
	return w.Kind == text.Word && w.pre == "" && strings.HasPrefix(w.Key, "ال") && !d.x.lex.IsKnownWord(w.Key) && !d.x.lex.IsStopword(w.Key) &&
		!calendarWords[w.Key] && !dateCues[w.Key] && !timeWords[w.stem]
}

// familyAfterGivenName is familyWord for the word right after a name that
// stops on a given name (محمد علي | الحوثي): a word met only inside a
// longer lexicon name (جماعة الحوثي) is still a family name there.
func (d *Document) familyAfterGivenName(w word) bool {
	if d.familyWord(w) {
		return true
	}
	return w.Kind == text.Word && w.pre == "" && strings.HasPrefix(w.Key, "ال") && !d.x.lex.IsCommonWord(w.Key) && !d.x.lex.IsStopword(w.Key) &&
		w.fs.starts == 0 && !w.fs.orgHead && !w.fs.eventHead && !calendarWords[w.Key] && !dateCues[w.Key] && !timeWords[w.stem]
}

// innerNameWord reports whether word t, inside a name already begun, goes
// on with it though it reads as something else on its own: a given name
// spelt like a preposition (محمد علي الهاشمي: علي, not على), a family-name
// suffix (جاويش أوغلو), a month name with no number by it (تيريزا ماي).
func (d *Document) innerNameWord(ws []word, t int, covered []*mention) bool {
	w := ws[t]
	if covered[t] != nil || w.Kind != text.Word || w.pre != "" {
		return false
	}
	switch {
	case nameSuffixes[w.Key]:
		return true
	case d.x.lex.IsGivenName(w.Key) && !strings.HasSuffix(w.Text, "ى"):
		return true
	}
	if m, _ := d.cur.month(d.x.lex, t); m > 0 {
		return ws[t-1].Kind != text.Number && (t+1 >= len(ws) || ws[t+1].Kind != text.Number)
	}
	return false
}

// taggerBound trims a rule's name k..end to what the tagger read as a
// person there: rules find where a name starts (after a title, at a given
// name) and the tagger knows better where it ends (جمال خاشقجي | طلب).
// Where the tagger saw no person, a name after a title stands as the rule
// read it (titled is true: the title is the stronger evidence) if it
// starts with a given name or a bare word no list knows (a name carries no
// preposition: الوزير الفرنسي بعلاقات … is no name), and any other name is
// dropped (k-1 is returned). Without a tagger the rule's
// reading stands.
func (d *Document) taggerBound(ws []word, k, end int, titled bool) int {
	if !d.tagged || end < k || d.cur == nil || len(d.cur.words) != len(ws) {
		return end
	}
	particle := func(w word) bool { return nameParticles[w.Key] || foreignParticles[w.Key] }
	for _, sp := range d.cur.tagged {
		if sp.Type == "PER" && sp.Start == k+1 && k+1 <= end && ws[k].Kind == text.Word && ws[k].pre == "" &&
			!particle(ws[k]) && !d.x.lex.IsKnownWord(ws[k].Key) && !d.x.lex.IsKnownWord(ws[k].stem) {
			// The tagger's name starts one word after the rule's, on a word
			// no list knows (خواجة | نعيم الدين سلطاني): the rule says where
			// the name starts, the tagger where it ends.
			sp.Start = k
		}
		if sp.Type == "PER" && sp.Start <= k && k < sp.End {
			last := min(end, sp.End-1)
			// A particle ends no name: a span that stops on one takes the
			// part after it, where the rule's name goes on (أورسولا فون دير |
			// لاين), or else leaves it (سعيد الكتاني لو | كان).
			for last > k && particle(ws[last]) {
				if last+1 <= end && !particle(ws[last+1]) {
					last++
					break
				}
				last--
			}
			for last+2 <= end && (nameParticles[ws[last+1].Key] || foreignParticles[ws[last+1].Key]) {
				last += 2 // عبد الله بن الحسين | آل هاشم: a particle joins the next part on
			}
			if last == k+1 && last < end && d.x.lex.StartsCompoundName(ws[k].Key) {
				// The tagger stopped after a compound given name (عبد اللطيف |
				// وهبي): the family name is the next word, and a particle
				// joins a part more on; what follows is no longer the name
				// (عبد العزيز بوتفليقة | المترشح).
				last++
				for last+2 <= end && nameParticles[ws[last+1].Key] {
					last += 2
				}
				return last
			}
			if last == k && last < end && ws[k].Kind == text.Word && !d.x.lex.IsKnownWord(ws[k+1].Key) &&
				!(accusative(ws[k+1]) && !d.x.lex.IsGivenName(ws[k+1].Key)) { // مولاي رشيد | متزوجا: a participle, no family name
				// A given name alone (مصطفى | الخلفي): names have a second
				// part, which the tagger took for a word; keep one more.
				return k + 1
			}
			if last < end {
				// A family name shaped like a nisba (محمد شياع السوداني)
				// reads to the tagger as an adjective, a family-name suffix
				// (جاويش أوغلو) as a word of its own, and a name that stops
				// on a given name (محمد علي | الحوثي) lacks its family name:
				// keep them.
				next := ws[last+1]
				if _, ok := d.x.lex.Nisba(next.Key); ok || nameSuffixes[next.Key] || last > k && d.x.lex.IsGivenName(ws[last].Key) && d.familyAfterGivenName(next) {
					last++
				}
			}
			return last
		}
	}
	w := ws[k]
	if titled && d.givenNameNisba(ws, k) {
		for _, sp := range d.cur.tagged {
			if sp.Type == "PER" && sp.Start == k+1 {
				return min(end, sp.End-1) // العقيد تركي | المالكي: the nisba is the given name
			}
		}
	}
	if titled && (d.x.lex.IsGivenName(w.stem) || d.x.lex.IsGivenName(w.Key) || w.pre == "" && !d.x.lex.IsKnownWord(w.stem)) {
		return end // a title, then a word no list knows: a name the tagger missed
	}
	return k - 1
}

// namedPerson finds a name with no title: a given name and one to three
// more name words (ناصر بوريطة), or a surname already met in the article.
func (d *Document) namedPerson(s *Sentence, i int, covered []*mention) *mention {
	ws := s.words
	w := ws[i]
	if w.isPunct() {
		return nil
	}
	if l := d.surnames[w.stem]; l != nil && d.nameWord(ws, i, covered) {
		return &mention{first: i, last: i, phrase: i, ent: l, prep: w.pre}
	}
	if !(d.x.lex.IsGivenName(w.stem) || d.x.lex.IsGivenName(w.Key)) {
		return nil
	}
	if d.lang == "en" && !isUpperStart(w.Text) {
		return nil
	}
	end := d.taggerBound(ws, i, d.nameEnd(ws, i, covered), false)
	if end <= i {
		return nil
	}
	i = d.nameBeforeParticle(s, i)
	return &mention{first: i, last: end, phrase: i, ent: d.person(s.surfaceStem(i, end)), prep: ws[i].pre}
}

// person finds or creates the person with this name and remembers the
// surname for later short mentions (بوريطة).
func (d *Document) person(name string) *local {
	name = withoutHonorific(name)
	ks := foldWords(name)
	if len(ks) == 1 {
		if l := d.surnames[ks[0]]; l != nil {
			return l.final() // الرئيس سعيّد after قيس سعيّد
		}
	}
	l := d.entity(graph.TypePerson, name, nil)
	if len(ks) > 1 {
		last := ks[len(ks)-1]
		if len([]rune(last)) > 2 && !d.x.lex.IsStopword(last) {
			if _, taken := d.surnames[last]; !taken {
				d.surnames[last] = l
			}
		}
	}
	return l
}

// withoutHonorific drops a form of address that opens a name (السيد محمد
// ساجد, Mr Okafor): it says how the person is addressed, not who it is.
func withoutHonorific(name string) string {
	fs := strings.Fields(name)
	if len(fs) < 2 {
		return name
	}
	if ks := foldWords(fs[0]); len(ks) == 1 && honorifics[ks[0]] {
		return strings.Join(fs[1:], " ")
	}
	return name
}

// arabicArticleName: al-Sudani, el-Sisi.
func arabicArticleName(s string) bool {
	for _, p := range []string{"al-", "el-", "Al-", "El-"} {
		if strings.HasPrefix(s, p) && len(s) > len(p) && isUpperStart(s[len(p):]) {
			return true
		}
	}
	return false
}

func (d *Document) isRelative(w word) bool {
	return relatives[w.stem]
}

// yaName reports whether w, a stopword that folds like a given name, is
// the name: it ends in ya (ي) where the article writes the function word
// of the same fold with alif maqsura (ى), so the two are spelled apart
// (علي حداد … على التوالي). An article that writes both alike leaves the
// word a stopword.
func (d *Document) yaName(w word) bool {
	if d.lang != "ar" || w.pre != "" || !strings.HasSuffix(w.Text, "ي") || !d.x.lex.IsGivenName(w.Key) {
		return false
	}
	if v, ok := d.yaNames[w.Key]; ok {
		return v
	}
	apart := false
	for _, s := range d.sents {
		for _, u := range s.words {
			if u.Key == w.Key && strings.HasSuffix(u.Text, "ى") {
				apart = true
				break
			}
		}
		if apart {
			break
		}
	}
	if d.yaNames == nil {
		d.yaNames = map[string]bool{}
	}
	d.yaNames[w.Key] = apart
	return apart
}

// titleInTaggedName reports whether word t, a one-word title, sits inside
// a name the tagger reads whole, after a name word (أحمد قايد صالح: قايد
// folds like قائد, commander; محمد أمير): a family name, not a new title.
func (d *Document) titleInTaggedName(ws []word, t int, covered []*mention) bool {
	if !d.tagged || d.cur == nil || len(d.cur.words) != len(ws) || t == 0 || t+1 >= len(ws) || covered[t] != nil || ws[t].pre != "" {
		return false
	}
	if _, n := d.cur.matchTitle(d.x.lex, t); n != 1 {
		return false
	}
	for _, sp := range d.cur.tagged {
		if sp.Type == "PER" && sp.Start <= t-1 && t < sp.End {
			return t+1 == sp.End || d.nameWord(ws, t+1, covered) // محمد أمير | إن: the tagger's last word
		}
	}
	return false
}
