package extract

import (
	"strings"

	"github.com/kgraph/kgraph/extract/resolve"
	"github.com/kgraph/kgraph/extract/text"
	"github.com/kgraph/kgraph/graph"
)

// Retype reads an English article's words around each name the tagger took
// for a person, once every sentence has its names and before any fact is
// found, and makes the name an organisation when the article speaks of it
// as a body and never as a person (Unilever said it would …; Rover's
// Longbridge plant; shares in Allianz). The other way, it makes a name the
// tagger took for a body, with nothing of a body's in it (no head noun,
// designator or acronym), a person's when the article speaks of a person
// and never of a body (Lord Woolf said he …).
//
// Every mention of the name adds cues, and the article decides:
//
//   - a body: the name used as a body's — a noun only a body has after it
//     (Rover bosses, its Alfa Romeo subsidiary), a noun of a stake or a
//     post before "in", "of" or "at" it (shares in Rover, the chairman of
//     Rover), a designator after it (Acme plc); such a noun after its
//     possessive (Saab's factory); "its" in its clause when it is the
//     subject, "it" after a verb of saying (Allianz said it saw no impact
//     on its profits; weak, for "it" may be no one's), "which" right after
//     its comma;
//   - a person: a pronoun for a person in its clause (Gordon Brown said he
//     …), "who" right after its comma, an honorific or a title before it
//     (Mr Brown, Chancellor Brown), a given name in any of its names, or,
//     for a one-word name, being part of a longer person's name in the
//     article (Hansen beside Ashia Hansen);
//   - a work: a work's noun before it (her song Toxic), which no pronoun
//     makes a body.
//
// The name becomes an organisation only when body cues are enough (see
// isBody) and there is no person or work cue, and a person only when
// person cues are enough (see isPerson) and there is no body or work cue,
// what CompanyAppositives reads included (the largest US retailer).
// Lexicon names keep their type. The cue words are the classes body-pronoun, person-pronoun,
// possessive-pronoun, say-verb, subject-opener, body-part, body-stake,
// stake-preposition, work-noun, designator, honorific and relative of
// extract/lang/en/words.tsv.
type Retype struct{}

func (Retype) Revise(d *Document) { d.retype() }

// typeCues counts what an article says of one name: cues of a body, of a
// person and of a work's title.
type typeCues struct {
	attached, strong, objectWhich, weak int // a body's
	named                               int // a given name, or part of a longer person's name
	person, title, who                  int // a person's: an honorific or a pronoun; a title; "who"
	work                                int
}

func (c *typeCues) body() int { return c.attached + c.strong + c.objectWhich + c.weak }

// isBody reports whether the cues make a name a body: no person or work
// cue, and one strong cue or two weak ones for a one-word name; a longer
// name, which is more often a person's (Paul Rhys was its best …), needs
// two strong cues or its name used as a body's (its Alfa Romeo
// subsidiary), and "which" after it as an object is weak (a trumpet that
// belonged to Dizzy Gillespie, which …).
func (c *typeCues) isBody(words int) bool {
	if c.named > 0 || c.person > 0 || c.title > 0 || c.who > 0 || c.work > 0 {
		return false
	}
	points := 2*(c.attached+c.strong) + c.weak
	if words > 1 {
		return points+c.objectWhich >= 4 || c.attached > 0
	}
	return points+2*c.objectWhich >= 2
}

// isPerson reports whether the cues make a name the tagger took for a
// body a person's: no cue of a body or a work, and a strong person cue (Lord
// Woolf said he …) or weak ones of two kinds (President Bush, who …): a
// title may be a body's too (sector leader Omnicom), a team is "who"
// however often (Arsenal, who …), and the tagger's people hold bodies'
// words (Lions beside Lions flanker Mike Doyle).
func (c *typeCues) isPerson() bool {
	return c.body() == 0 && c.work == 0 && 2*c.person+min(c.title, 1)+min(c.who, 1)+min(c.named, 1) >= 2
}

func (d *Document) retype() {
	if d.lang != "en" {
		return
	}
	var cues map[*local]*typeCues
	var parts map[string]bool // the first and last words of the article's longer person names
	for _, s := range d.sents {
		for _, m := range s.mentions {
			if m.nested() || m.anaphor || m.nisba {
				continue
			}
			l := m.ent.final()
			if l.lexID != "" || l.typ != graph.TypePerson && (l.typ != graph.TypeOrganization || !d.guessedOrg(l)) {
				continue
			}
			if cues == nil {
				cues = map[*local]*typeCues{}
			}
			c := cues[l]
			if c == nil {
				c = &typeCues{}
				if d.givenNamed(l) || d.partOfPersonName(l, &parts) {
					c.named++
				}
				cues[l] = c
			}
			if c.work == 0 && (l.typ == graph.TypePerson && c.named+c.person+c.title+c.who == 0 || l.typ == graph.TypeOrganization && c.body() == 0) {
				d.mentionCues(s, m, l, c)
			}
		}
	}
	for l, c := range cues {
		switch {
		case l.typ == graph.TypePerson && c.isBody(len(d.personWords(l.name))):
			l.typ = graph.TypeOrganization
		case l.typ == graph.TypeOrganization && c.isPerson():
			// A person is named without the form of address, as d.person
			// names one: Lord Falconer is Falconer.
			l.typ = graph.TypePerson
			if n := withoutHonorific(l.name); n != l.name {
				d.addName(l, n)
				if l.nameEN == l.name {
					l.nameEN = cleanName(n)
				}
				l.name = cleanName(n)
			}
		}
	}
}

// guessedOrg reports whether organisation l is only the tagger's guess, a
// name with nothing of a body's in it: no head noun (Labour Party), no
// designator (Acme plc), no acronym (BBC), no article (The Aviator), no
// possessive inside (Lord Byron's Childe Harold: what a person owns), not
// a title past its honorific (Lord Chief Justice).
func (d *Document) guessedOrg(l *local) bool {
	for _, n := range l.names {
		if !resolve.IsLatin(n) || isAcronymish(n) || innerPossessive(n) {
			return false
		}
		if ks := d.personWords(n); len(ks) > 0 {
			if _, k := d.x.lex.MatchTitle(ks, 0); k == len(ks) {
				return false
			}
		}
		for _, k := range d.foldName(n) {
			if d.isOrgHeadWord(k) || d.isEventHeadWord(k) || designators[k] || latinArticles[k] {
				return false
			}
		}
	}
	return true
}

// givenNamed reports whether one of l's names opens with a given name, past
// any honorific (Gordon Brown, Mr Gordon Brown).
func (d *Document) givenNamed(l *local) bool {
	for _, n := range l.names {
		if ws := d.personWords(n); len(ws) > 0 && d.x.lex.IsGivenName(ws[0]) {
			return true
		}
	}
	return false
}

// partOfPersonName reports whether l's one-word name is the first or last
// word of a longer person's name in the article (Hansen beside Ashia
// Hansen, Gavin beside Gavin Henson): the short form Aliases will merge.
// parts is filled on first use.
func (d *Document) partOfPersonName(l *local, parts *map[string]bool) bool {
	ws := d.personWords(l.name)
	if len(ws) != 1 {
		return false
	}
	if *parts == nil {
		*parts = map[string]bool{}
		for _, o := range d.locals {
			if o.mergedInto != nil || o.typ != graph.TypePerson {
				continue
			}
			for _, n := range o.names {
				if pw := d.personWords(n); len(pw) > 1 {
					(*parts)[pw[0]] = true
					(*parts)[pw[len(pw)-1]] = true
				}
			}
		}
	}
	return (*parts)[ws[0]]
}

// mentionCues adds the cues around one mention m of l.
func (d *Document) mentionCues(s *Sentence, m *mention, l *local, c *typeCues) {
	ws := s.words
	i, j := m.first, m.last
	// Before the name: an honorific or a title (Mr Brown, Chancellor
	// Gordon Brown, singer Kenzie), a stake in it (shares in Rover).
	if d.afterHonorific(s, i, j) > i || i > 0 && honorifics[ws[i-1].Key] {
		c.person++
		return
	}
	if m.phrase < i || d.titleEndsAt(s, i) {
		c.title++
		return
	}
	// A work's noun before it (her song Toxic, the film, Sins): a title,
	// which no body cue makes a body's name.
	if k := i - 1; k >= 0 && ws[k].comma {
		k--
		if k >= 0 && lowerLatin(ws[k]) && workNouns[ws[k].Key] {
			c.work++
			return
		}
	} else if k >= 0 && lowerLatin(ws[k]) && workNouns[ws[k].Key] {
		c.work++
		return
	}
	// What CompanyAppositives reads: Acme, the largest US retailer;
	// leisure group Acme.
	if d.companyAppositive(ws, j+1) || companyBefore(ws, i-1) || companyAfterBody(s, i-1) || companyAfter(ws, i, j) {
		c.attached++
	}
	if i >= 2 && stakePrepositions[ws[i-1].Key] && (lowerLatin(ws[i-2]) || i == 2) && bodyStakes[ws[i-2].Key] {
		c.attached++
	}
	// The name's last word or the word after it is a designator (Acme
	// Group, Acme plc).
	if j > i && designators[ws[j].Key] || j+1 < len(ws) && designators[ws[j+1].Key] && !ws[j].poss {
		c.attached++
	}
	// A noun only a body has, after the name or its possessive: Rover
	// bosses, Saab's factory, Rover's Longbridge plant, Saab's loss-making
	// factory (one capitalised or hyphenated word may stand between).
	if k := j + 1; k < len(ws) {
		if ws[j].poss && k+1 < len(ws) && !ws[k].poss && (isUpperStart(ws[k].Text) || ws[k].Kind == text.Latin && hasHyphen(ws[k].Text)) && lowerLatin(ws[k+1]) && bodyParts[ws[k+1].Key] {
			k++
		}
		switch {
		case !lowerLatin(ws[k]) || !bodyParts[ws[k].Key]:
		case ws[j].poss:
			c.strong++ // a tycoon may have workers too: Rover's workers
		default:
			c.attached++
		}
	}
	if ws[j].poss {
		return // what follows a possessive is what it owns: Usher's album … its
	}
	// Right after its comma, "which" or "who"; not after the last name of
	// a list, nor after "of" (the owners of Rover, who …), where it may
	// stand for more.
	if j+2 < len(ws) && ws[j+1].comma && relatives[ws[j+2].Key] {
		if i > 0 && (ws[i-1].comma || conjunctions[ws[i-1].Key] || ws[i-1].Key == "of") {
			return
		}
		switch k := ws[j+2].Key; {
		case personPronouns[k]:
			c.who++
		case bodyPronouns[k] && subjectAt(ws, i):
			c.strong++
		case bodyPronouns[k]:
			c.objectWhich++
		}
		return
	}
	if !subjectAt(ws, i) {
		return // the absence of Campbell and its effect: its is the absence's
	}
	// The pronouns of its clause, up to what else a pronoun could stand
	// for: a hard stop, another name, a noun phrase opened by an article
	// (defended the film, saying it was …) or a relative pronoun. A
	// thing's pronoun counts as a subject after a verb of saying or "that"
	// (Allianz said it saw …, not Gavin is phenomenal when it comes to …),
	// its possessive anywhere (Monsanto admitted one of its employees …).
	for k := j + 1; k < len(ws) && k <= j+12; k++ {
		w := ws[k]
		if w.stop || ws[k-1].quoteClose {
			return // "Blinkx users do not stop," he said: a quote ends its clause
		}
		if o := s.covered[k]; o != nil && o.ent.final() != l {
			return
		}
		if w.Kind != text.Latin {
			continue
		}
		switch {
		case relatives[w.Key] || latinArticles[w.Key] || demonstratives[w.Key]:
			return
		case personPronouns[w.Key] && ws[k-1].isPunct() && k+1 < len(ws) && sayVerbs[ws[k+1].Key]:
			return // "Kelvane will grow," he said: the speaker
		case personPronouns[w.Key]:
			c.person++
			return
		case bodyPronouns[w.Key] && possessivePronouns[w.Key]:
			c.strong++
		case bodyPronouns[w.Key] && (sayVerbs[ws[k-1].Key] || complementizers[ws[k-1].Key]):
			c.weak++ // also "it was clear that …": weak
		}
	}
}

// subjectAt reports whether a name at word i may be the subject of what
// follows it: it opens the sentence or a clause, after punctuation or a
// word of the class subject-opener (but, that, while), not a preposition's
// object (with Nokia, the absence of Campbell) nor a list's last item
// (Chaplin and Langtry … its boards).
func subjectAt(ws []word, i int) bool {
	return i == 0 || ws[i-1].isPunct() || ws[i].quoteOpen || subjectOpeners[ws[i-1].Key]
}

// titleEndsAt reports whether a title the lexicon knows ends right before
// word i (Chancellor Brown, singer Kenzie).
func (d *Document) titleEndsAt(s *Sentence, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if s.words[k].isPunct() {
			return false
		}
		if _, n := s.matchTitle(d.x.lex, k); n > 0 && k+n == i {
			return true
		}
	}
	return false
}

func lowerLatin(w word) bool { return w.Kind == text.Latin && !isUpperStart(w.Text) }

// innerPossessive reports whether a word of name n before its last one is
// a possessive (Lord Byron's Childe Harold, Reynolds' Portrait); O'Connor
// is none.
func innerPossessive(n string) bool {
	ws := strings.Fields(n)
	for _, w := range ws[:max(len(ws)-1, 0)] {
		for _, p := range []string{"'s", "’s", "s'", "s’"} {
			if strings.HasSuffix(w, p) {
				return true
			}
		}
	}
	return false
}

func hasHyphen(s string) bool { return strings.ContainsRune(s, '-') }
