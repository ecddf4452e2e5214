package extract

import (
	"strings"

	"github.com/kgraph/kgraph/extract/text"
	"github.com/kgraph/kgraph/graph"
)

// Sites recognises Arabic names of buildings and sites: a site head
// (extract/lang/ar/words.tsv, site-head) and the name after it (قصر
// اليمامة، سجن كوبر، غابة بلغراد). The name after the head is often a
// place or a word the tagger reads as one, but the whole is the site: a
// forest named after Belgrade is no part of Belgrade. It runs after the
// tagger, whose names it may take as the site's.
type Sites struct{}

func (Sites) Recognize(d *Document, s *Sentence) {
	if d.lang != "ar" {
		return // English site names are capitalised; the tagger reads them whole
	}
	ws := s.words
	for i := 0; i+1 < len(ws); i++ {
		w := ws[i]
		if s.covered[i] != nil || w.Kind != text.Word || !siteHeads[stripAl(w.stem)] || strings.HasPrefix(w.stem, "ال") {
			continue // a definite head (القصر) points back or is common
		}
		if d.x.lex.IsStopword(w.stem) && !placeWords[w.stem] {
			continue
		}
		last := -1
		if c := s.covered[i+1]; c != nil && c.first == i+1 && c.parent == nil && c.ent.final().typ == graph.TypeCity && !c.nisba && c.prep == "" {
			last = c.last // سجن كوبر، غابة بلغراد: the city names the site
		} else if c == nil && d.siteName(ws[i+1]) {
			last = i + 1 // قصر اليمامة
		}
		if last < 0 {
			continue
		}
		l := d.entity(graph.TypeLocation, s.surfaceStem(i, last), nil)
		l.head = stripAl(w.stem)
		d.add(s, &mention{first: i, last: last, phrase: i, ent: l, prep: w.pre})
		i = last
	}
}

// siteName reports whether an uncovered word can be the name after a site
// head: a definite word no list calls common, with no clitic (قصر
// اليمامة, not قصر الرئاسة … nor قصر بالرباط).
func (d *Document) siteName(w word) bool {
	if w.Kind != text.Word || w.pre != "" || !strings.HasPrefix(w.Key, "ال") || w.isPunct() {
		return false
	}
	k := w.Key
	return !d.x.lex.IsStopword(k) && !d.x.lex.IsKnownWord(k) && !d.x.lex.IsKnownWord(stripAl(k)) &&
		!timeWords[k] && !dateCues[k] && !placeWords[k] && !d.startsDate([]word{w}, 0)
}

// regionName (a HeadPhrases step: titles read the region as their
// complement) reads an Arabic region named by its head and its main city
// (جهة الدار البيضاء- سطات، جهة الدار البيضاء الكبرى): the head
// (region-head), a city, then a second city or word after a dash or an
// adjective of size or direction (region-adjective). The region is a
// Location of its own, not the city. A head and the city alone (محافظة
// الحديدة) is the city. It returns the mention, or nil.
func (d *Document) regionName(s *Sentence, i int) *mention {
	ws := s.words
	c := s.covered[i+1]
	if c == nil || c.first != i+1 || c.parent != nil || c.ent.final().typ != graph.TypeCity || c.nisba || c.prep != "" {
		return nil
	}
	last := c.last
	if k := last + 1; k+1 < len(ws) && isDash(ws[k].Text) && ws[k+1].Kind == text.Word && ws[k+1].pre == "" && !d.x.lex.IsStopword(ws[k+1].Key) {
		last = k + 1 // الدار البيضاء- سطات
		if n := s.covered[k+1]; n != nil && n.first == k+1 {
			last = n.last
		}
	}
	for k := last + 1; k < len(ws) && k <= last+1 && s.covered[k] == nil && regionAdjectives[ws[k].Key]; k++ {
		last = k // جهة الدار البيضاء الكبرى
	}
	if last == c.last {
		return nil // محافظة الحديدة، ولاية يالوفا: named by the city alone, the news means the city
	}
	l := d.entity(graph.TypeLocation, s.surfaceStem(i, last), nil)
	l.head = stripAl(ws[i].stem)
	return d.add(s, &mention{first: i, last: last, phrase: i, ent: l, prep: ws[i].pre})
}

// ListedBodies recognises Arabic bodies named in parentheses after their
// nationality (كالفرنسية ( فوريسيا ) والصينية ( سيتيك ديكاستال ) و (
// هاندز كوروبورايشن )): a foreign name in parentheses right after a
// feminine country nisba, which agrees with an unsaid شركة or مؤسسة, or
// after "و" that follows such a name, is a body. It runs after the tagger,
// whose name there (often a person's) it retypes.
type ListedBodies struct{}

func (ListedBodies) Recognize(d *Document, s *Sentence) {
	if d.lang != "ar" {
		return
	}
	ws := s.words
	prevBody := -1 // the ")" closing the last body read, for "و ( … )"
	for j := 1; j < len(ws); j++ {
		if ws[j].Text != "(" {
			continue
		}
		k := d.parenthesisedName(ws, j)
		if k == 0 {
			continue
		}
		before := ws[j-1]
		afterNisba := false
		if c := s.covered[j-1]; c != nil && c.nisba && c.last == j-1 && strings.HasSuffix(before.stem, "ه") {
			afterNisba = true // الفرنسية: feminine
		}
		listed := before.Key == "و" && j >= 2 && j-2 == prevBody
		if !afterNisba && !listed {
			continue
		}
		var l *local
		switch c := s.covered[j+1]; {
		case c == nil && d.unclaimed(s, j+1, k-1):
			l = d.entity(graph.TypeOrganization, s.surfaceStem(j+1, k-1), nil)
			d.add(s, &mention{first: j + 1, last: k - 1, phrase: j + 1, ent: l})
		case c != nil && c.first == j+1 && c.last == k-1 && c.ent.final().lexID == "":
			l = c.ent.final()
			l.typ = graph.TypeOrganization // the tagger read the company as a person
		}
		if l != nil {
			prevBody = k
		}
		j = k
	}
}

// CompanyAppositives retypes an English name the tagger or the capitalised
// run read as a person or a place when the text says it is a business:
// an appositive "the (world's) (largest …) <company noun>" right after it
// (Acme, the world's second biggest reinsurance firm), or a lower-case
// company noun right before it (leisure group Acme). Lexicon names keep
// their type.
type CompanyAppositives struct{}

func (CompanyAppositives) Recognize(d *Document, s *Sentence) {
	if d.lang != "en" {
		return
	}
	ws := s.words
	for _, c := range s.mentions {
		l := c.ent.final()
		if c.nested() || l.lexID != "" || c.nisba || c.anaphor {
			continue
		}
		switch l.typ {
		case graph.TypePerson, graph.TypeCity, graph.TypeLocation:
		default:
			continue
		}
		if d.companyAppositive(ws, c.last+1) || companyBefore(ws, c.first-1) || companyAfter(ws, c.first, c.last) {
			l.typ = graph.TypeOrganization
		}
	}
}

// companyAppositive reports whether ", the … <company noun>" starts at
// word k and ends at punctuation: at most five words between, none a
// function word.
func (d *Document) companyAppositive(ws []word, k int) bool {
	if k+2 >= len(ws) || !ws[k].comma || ws[k+1].Key != "the" {
		return false
	}
	for t := k + 2; t < len(ws) && t <= k+7; t++ {
		w := ws[t]
		if w.isPunct() || w.Kind != text.Latin && w.Kind != text.Number || d.x.lex.IsStopword(w.Key) && !isAcronymish(w.Text) {
			return false // Peter Hansen, the chief executive of the firm: the firm is another's
		}
		if companyNouns[w.Key] && !isUpperStart(w.Text) {
			return t+1 >= len(ws) || ws[t+1].isPunct()
		}
	}
	return false
}

// companyBefore reports whether word k is a lower-case company noun after
// a lower-case word (leisure group, the firm): the name after it is the
// business's.
func companyBefore(ws []word, k int) bool {
	if k < 1 || ws[k].Kind != text.Latin || isUpperStart(ws[k].Text) || !companyNouns[ws[k].Key] || ws[k].poss {
		return false
	}
	p := ws[k-1]
	return p.Kind == text.Latin && (!isUpperStart(p.Text) || k-1 == 0)
}

// companyAfterBody reports whether word k is a lower-case company noun
// right after the name of another body (the Toyota subsidiary, the Acme
// unit): the name after it is a business too, the body's own.
func companyAfterBody(s *Sentence, k int) bool {
	ws := s.words
	if k < 1 || ws[k].Kind != text.Latin || isUpperStart(ws[k].Text) || !companyNouns[ws[k].Key] || ws[k].poss {
		return false
	}
	c := s.covered[k-1]
	return c != nil && c.last == k-1 && !ws[k-1].poss && c.ent.final().typ == graph.TypeOrganization
}

// companyAfter reports whether the name at i..j stands between "the" (or
// "its", or a number) and a lower-case company noun: the Pellman chain,
// 34 Grosvenor casinos read as "its chain" only with the noun listed.
func companyAfter(ws []word, i, j int) bool {
	if i < 1 || j+1 >= len(ws) {
		return false
	}
	p, n := ws[i-1], ws[j+1]
	if n.Kind != text.Latin || isUpperStart(n.Text) || !companyNouns[n.Key] {
		return false
	}
	return p.Key == "the" || p.Key == "its" || p.Kind == text.Number
}
