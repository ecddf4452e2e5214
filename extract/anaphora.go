package extract

import (
	"slices"
	"strings"

	"github.com/kgraph/kgraph/extract/resolve"
	"github.com/kgraph/kgraph/extract/text"

	"github.com/kgraph/kgraph/graph"
)

// matchAnaphor returns the longest anaphor phrase starting at word i.
func (d *Document) matchAnaphor(ws []word, i int) *anaphor {
	var best *anaphor
	cands := firstWordCandidates(ws[i])
	for ci, c := range cands {
		if c == "" || (ci > 0 && c == cands[0]) {
			continue
		}
		for _, k := range d.x.rules.anaphorsByFirst[c] {
			a := &d.x.rules.anaphors[k]
			if _, ok := matchPhrase(ws, i, a.words); ok && (best == nil || len(a.words) > len(best.words)) {
				best = a
			}
		}
	}
	if best == nil && ws[i].pre != "" {
		// للمجموعة, لهذا الاجتماع: the preposition hides the article.
		w := ws[i]
		for _, c := range []string{w.stem, "ال" + w.stem} {
			for _, k := range d.x.rules.anaphorsByFirst[c] {
				if a := &d.x.rules.anaphors[k]; len(a.words) == 1 {
					return a
				}
			}
		}
	}
	return best
}

// resolveAnaphor finds what an anaphor points at: the most recent entity of
// its type whose head noun fits, or the article's focus.
func (d *Document) resolveAnaphor(a *anaphor, at int) *local {
	if a.focus {
		return d.focus(a.typ)
	}
	if a.holder {
		return d.holdersCountry(at)
	}
	if a.typ == graph.TypeEvent && !demonstratives[a.words[0]] && len(a.words) == 1 {
		// A bare "الاجتماع" is the article's meeting; "هذا الاجتماع" the
		// one just named.
		if e := d.mainEvent(); e != nil {
			return e
		}
	}
	var best *local
	bestPos, fits := -1, 0
	for _, l := range d.locals {
		if l.mergedInto != nil || l.typ != a.typ {
			continue
		}
		if len(a.heads) > 0 && !headFits(l, a.heads) && !d.lexiconHeadFits(l, a.heads) {
			continue
		}
		p := -1
		for _, q := range l.positions {
			if q < at && q > p {
				p = q
			}
		}
		if p >= 0 {
			fits++
		}
		if p >= 0 && p > bestPos {
			best, bestPos = l, p
		}
	}
	if fits > 1 && a.typ == graph.TypeOrganization && len(a.heads) > 0 {
		// الحزب after two parties: which one is not said. (A place or an
		// event is the one the story is about; bodies are many.)
		return nil
	}
	if best == nil && a.typ == graph.TypeCountry {
		return d.focus(a.typ) // المملكة before any kingdom was named in full
	}
	return best
}

// holdersCountry is the one country the person named last before
// position at holds a post for (خالد الجار الله نائب وزير الخارجية
// الكويتي … بلاده: Kuwait), or nil when that person has none or several.
func (d *Document) holdersCountry(at int) *local {
	var person *local
	last := -1
	for _, l := range d.locals {
		if l.mergedInto != nil || l.typ != graph.TypePerson {
			continue
		}
		for _, q := range l.positions {
			if q < at && q > last {
				person, last = l, q
			}
		}
	}
	if person == nil {
		return nil
	}
	var country *local
	for _, f := range append(append([]fact(nil), d.slots...), d.rels...) {
		if f.pred != graph.HoldsPosition || f.s.final() != person || f.o.final().typ != graph.TypeCountry {
			continue
		}
		if country != nil && country != f.o.final() {
			return nil
		}
		country = f.o.final()
	}
	return country
}

// lexiconHeadFits reports whether one of the lexicon's names for country
// l starts with one of heads: Morocco is المملكة المغربية, so "المملكة"
// fits it even where the article only says المغرب.
func (d *Document) lexiconHeadFits(l *local, heads []string) bool {
	code, ok := strings.CutPrefix(l.lexID, "country:")
	if !ok {
		return false
	}
	e := d.x.lex.Country(code)
	if e == nil {
		return false
	}
	for _, n := range e.Names {
		if ks := foldWords(n); len(ks) > 1 && slices.Contains(heads, stripAl(ks[0])) {
			return true
		}
	}
	return false
}

func headFits(l *local, heads []string) bool {
	h := l.head
	if h == "" && l.nameAR != "" {
		if ks := foldWords(l.nameAR); len(ks) > 0 {
			h = stripAl(ks[0])
		}
	}
	for _, want := range heads {
		if h == want {
			return true
		}
		for _, n := range l.names {
			if resolve.IsLatin(n) && strings.Contains(strings.ToLower(n), want) {
				return true
			}
			// المملكة المغربية: any of its names may carry the head.
			if ks := foldWords(n); len(ks) > 1 && stripAl(ks[0]) == want {
				return true
			}
		}
	}
	return false
}

// anaphorAt turns an anaphor at word i into a mention of its antecedent.
func (d *Document) anaphorAt(s *Sentence, i int, covered []*mention) *mention {
	a := d.matchAnaphor(s.words, i)
	if a == nil {
		return nil
	}
	n := len(a.words)
	if n > 1 {
		if _, ok := matchPhrase(s.words, i, a.words); !ok {
			n = 1
		}
	}
	last := i + n - 1
	for k := i; k <= last; k++ {
		if k >= len(covered) || covered[k] != nil {
			return nil
		}
	}
	l := d.resolveAnaphor(a, d.pos(i))
	if l == nil {
		return nil
	}
	return &mention{first: i, last: last, phrase: i, ent: l, anaphor: true, prep: s.words[i].pre}
}

// attributes reads founded and member_count from one sentence.
func (d *Document) attributes(s *Sentence) {
	ws := s.words
	orgs := map[string]bool{graph.TypeOrganization: true}
	for i := 0; i < len(ws); i++ {
		if ws[i].isPunct() {
			continue
		}
		var cands []int
		for ci, c := range firstWordCandidates(ws[i]) {
			if c != "" && (ci == 0 || c != ws[i].Key) {
				cands = append(cands, d.x.rules.attrsByFirst[c]...)
			}
		}
		for _, ai := range cands {
			at := d.x.rules.attrs[ai]
			next, ok := matchPhrase(ws, i, at.words)
			if !ok {
				continue
			}
			subj := d.antecedent(s, i, orgs)
			if subj == nil {
				subj = d.after(s, next, orgs, nil)
				if subj != nil && subj.first > next+3 {
					subj = nil
				}
			}
			if subj == nil {
				subj = d.before(s, i, orgs, 0)
			}
			if subj == nil {
				continue
			}
			switch at.name {
			case graph.AttrFounded:
				for _, dt := range s.dates {
					if dt.Start >= ws[i].Start && len(dt.Value) >= 4 && dt.Value[0] != '-' && !dt.Relative {
						d.attrs = append(d.attrs, attrFact{name: at.name, value: dt.Value, s: subj.ent, sent: s, confidence: 0.85})
						dt.used = true
						break
					}
				}
			case graph.AttrMemberCount:
				for k := next; k < len(ws) && k < next+6; k++ {
					if k+1 >= len(ws) || !memberNouns[ws[k+1].stem] {
						continue
					}
					if ws[k].Kind == text.Number {
						d.attrs = append(d.attrs, attrFact{name: at.name, value: asciiDigits(ws[k].Key), s: subj.ent, sent: s, confidence: 0.85})
						break
					}
					if n := d.x.rules.numbers[ws[k].Key]; n != "" { // سبع دول
						d.attrs = append(d.attrs, attrFact{name: at.name, value: n, s: subj.ent, sent: s, confidence: 0.8})
						break
					}
				}
			}
			break
		}
	}
}

func asciiDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
