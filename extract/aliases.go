package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kgraph/kgraph/extract/resolve"
	"github.com/kgraph/kgraph/graph"
)

// Aliases merges the names one article gives a single entity in several
// forms, once the whole article is read: a short form may come before the
// full one or after it.
//
//   - an acronym and the name it abbreviates (GM, General Motors);
//   - a name with and without a designator, a leading article or a plural
//     s (Menatep and Menatep Group; Spectator and The Spectator; Liberal
//     and Liberals);
//   - a bare given or family name and the full name (Jeremy and Jeremy
//     Thorpe; بشير and عمر البشير), and a full name and a longer one
//     (محمد بن سلمان and محمد بن سلمان بن عبدالعزيز);
//   - an Arabic body's name and the same name with a qualifier (المجلس
//     العسكري and المجلس العسكري الانتقالي), unless the qualifier is a
//     nisba, which may name another country's body.
//
// A short form merges
// only when exactly one entity of the article fits it:
// a bare الزفزافي beside أحمد الزفزافي and ناصر الزفزافي stays apart.
type Aliases struct{}

func (Aliases) Finish(d *Document) { d.mergeAliases() }

func (d *Document) mergeAliases() {
	d.unifyTypes()
	d.mergePlaceNamedEvents()
	var ls []*local
	for _, l := range d.locals {
		if l.mergedInto == nil && len(l.mentions) > 0 && resolve.Coarse(l.typ) != "place" && l.typ != graph.TypeEvent {
			ls = append(ls, l) // places and events have their own resolution (gazetteer, event keys)
		}
	}
	if len(ls) < 2 {
		return
	}
	// Candidates are looked up by the words a short form shares with the
	// full one, so that an article with thousands of names is not read
	// pair by pair. (A local's names include its display name.)
	index := map[string][]*local{}
	for _, l := range ls {
		for _, n := range l.names {
			for _, k := range aliasKeys(n, d.foldName(n), true) {
				if b := index[k]; len(b) == 0 || b[len(b)-1] != l {
					index[k] = append(b, l)
				}
			}
		}
	}
	var tried []*local
	for _, short := range ls {
		if short.mergedInto != nil || short.lexID != "" {
			continue // a name the lexicon knows is nobody's short form
		}
		var fit *local
		n := 0
		tried = append(tried[:0], short)
		for _, name := range short.names {
			for _, k := range aliasKeys(name, d.foldName(name), false) {
				for _, long := range index[k] {
					if n > 1 || slices.Contains(tried, long) {
						continue // two fits already: which one is not said
					}
					tried = append(tried, long)
					if long.mergedInto == nil && d.aliasOf(short, long) {
						fit = long
						n++
					}
				}
			}
		}
		if n == 1 {
			d.merge(fit, short)
		}
	}
}

// aliasKeys are the index keys of a name. A one-word short form is filed
// under its word (a given or family name, a body's first word, an
// acronym); a longer one under its first and last words and under its
// first two, which is all a full form must share with it. A full name is
// filed under all of these.
func aliasKeys(name string, ws []string, long bool) []string {
	if len(ws) == 0 {
		return nil
	}
	trim := func(w string) string { return strings.TrimSuffix(w, "s") }
	pairs := func(ws []string) []string {
		if len(ws) < 2 {
			return nil
		}
		return []string{"p:" + ws[0] + "|" + ws[len(ws)-1], "pre:" + ws[0] + "|" + trim(ws[1])}
	}
	first := resolve.StripArticle(ws[0])
	if !long {
		if len(ws) > 1 {
			return pairs(ws)
		}
		keys := []string{"w:" + first, "w:" + trim(first)}
		if isAcronymShape(name) {
			keys = append(keys, "a:"+name)
		}
		return keys
	}
	keys := append(pairs(ws), "w:"+first, "w:"+trim(first), "w:"+resolve.StripArticle(ws[len(ws)-1]))
	if len(ws) > 1 && latinArticles[ws[0]] {
		keys = append(keys, "w:"+ws[1], "w:"+trim(ws[1]))
		keys = append(keys, pairs(ws[1:])...)
	}
	if words := strings.Fields(name); len(words) > 1 && resolve.IsLatin(name) {
		var all, content strings.Builder
		for _, w := range words {
			r, _ := utf8.DecodeRuneInString(w)
			r = unicode.ToUpper(r)
			all.WriteRune(r)
			if k := foldWords(w); len(k) == 1 && (latinConnectors[k[0]] || latinArticles[k[0]]) {
				continue
			}
			content.WriteRune(r)
		}
		keys = append(keys, "a:"+all.String(), "a:"+content.String())
	}
	return keys
}

// mergePlaceNamedEvents merges an event named by its place (مؤتمر وارسو،
// the Paris conference) into the one event of the same head that the
// article names by what it is about (مؤتمر السلام والأمن في الشرق الأوسط),
// when that event is held nowhere else: one article, one conference. With
// two such events, or none, nothing merges.
func (d *Document) mergePlaceNamedEvents() {
	byHead := map[string][]*local{}
	for _, l := range d.locals {
		if l.mergedInto == nil && l.typ == graph.TypeEvent && l.head != "" && !l.numbered && len(l.mentions) > 0 {
			byHead[l.head] = append(byHead[l.head], l)
		}
	}
heads:
	for _, ls := range byHead {
		var topic *local
		var named []*local
		for _, l := range ls {
			if _, place, ok := strings.Cut(l.eventKey, "|in:"); ok && place != "" {
				named = append(named, l)
				continue
			}
			if topic != nil {
				continue heads // two events of this kind named by what they are about
			}
			topic = l
		}
		if topic == nil {
			continue
		}
		for _, l := range named {
			if p := d.heldIn(l); p != nil && !d.heldElsewhere(topic, p) {
				d.merge(topic, l)
			}
		}
	}
}

// heldIn is the place an event is held in by one of the article's facts
// or slots, or nil.
func (d *Document) heldIn(ev *local) *local {
	for _, fs := range [][]fact{d.rels, d.slots} {
		for _, f := range fs {
			if f.pred == graph.HeldIn && f.s.final() == ev {
				return f.o.final()
			}
		}
	}
	return nil
}

// unifyTypes merges a person and an organisation that share a name in one
// article (Rover the carmaker, read once as a person): one name is one
// thing within an article. The type most mentions gave wins; on a tie, a
// one-word name with no given name in it is a body. Names the lexicon
// knows keep their type.
func (d *Document) unifyTypes() {
	byKey := map[string][]*local{}
	for _, l := range d.locals {
		if l.mergedInto != nil || len(l.mentions) == 0 || l.lexID != "" || (l.typ != graph.TypePerson && l.typ != graph.TypeOrganization) {
			continue
		}
		k := resolve.NameKey(l.name)
		byKey[k] = append(byKey[k], l)
	}
	for _, ls := range byKey {
		var person, org *local
		for _, l := range ls {
			if l.typ == graph.TypePerson {
				person = l
			} else {
				org = l
			}
		}
		if person == nil || org == nil {
			continue
		}
		keep, drop := org, person
		ws := foldWords(person.name)
		if len(person.mentions) > len(org.mentions) || len(person.mentions) == len(org.mentions) && (len(ws) > 1 || d.x.lex.IsGivenName(ws[0])) {
			keep, drop = person, org
		}
		d.merge(keep, drop)
	}
}

// foldName and personWords memoise a name's folded words (a person's
// without the form of address) for the article: Aliases compares the same
// names many times.
func (d *Document) foldName(n string) []string {
	if ws, ok := d.aliasMemo[n]; ok {
		return ws
	}
	if d.aliasMemo == nil {
		d.aliasMemo = map[string][]string{}
	}
	ws := foldWords(n)
	d.aliasMemo[n] = ws
	return ws
}

func (d *Document) personWords(n string) []string {
	if ws, ok := d.personMemo[n]; ok {
		return ws
	}
	if d.personMemo == nil {
		d.personMemo = map[string][]string{}
	}
	ws := d.foldName(withoutHonorific(n))
	d.personMemo[n] = ws
	return ws
}

// aliasOf reports whether one of short's names is a short form of one of
// long's.
func (d *Document) aliasOf(short, long *local) bool {
	if resolve.Coarse(short.typ) != resolve.Coarse(long.typ) || resolve.Coarse(short.typ) == "place" || short.typ == graph.TypeEvent {
		return false
	}
	if short.lexID != "" && long.lexID != "" {
		return false // two entities the lexicon tells apart
	}
	for _, s := range short.names {
		for _, l := range long.names {
			if s == l {
				continue
			}
			if short.typ == graph.TypePerson && d.shortPersonName(s, l) ||
				short.typ != graph.TypePerson && d.shortBodyName(s, l) {
				return true
			}
		}
	}
	return false
}

// shortPersonName: Jeremy or Thorpe for Jeremy Thorpe, بشير for عمر
// البشير, صلاح خاشقجي for صلاح بن جمال خاشقجي.
func (d *Document) shortPersonName(s, l string) bool {
	sw, lw := d.personWords(s), d.personWords(l)
	if len(sw) == 0 || len(lw) <= len(sw) {
		return false
	}
	if len(sw) == 1 {
		w := resolve.StripArticle(sw[0])
		if utf8.RuneCountInString(w) < 3 || d.x.lex.IsStopword(sw[0]) || nameParticles[sw[0]] {
			return false
		}
		return w == resolve.StripArticle(lw[0]) || w == resolve.StripArticle(lw[len(lw)-1])
	}
	return sw[0] == lw[0] && (sw[len(sw)-1] == lw[len(lw)-1] || wordPrefix(sw, lw))
}

// shortBodyName: GM for General Motors, Menatep for Menatep Group,
// Spectator for The Spectator, Liberal for Liberals, المجلس العسكري for
// المجلس العسكري الانتقالي.
func (d *Document) shortBodyName(s, l string) bool {
	if isAcronymOf(s, l) {
		return true
	}
	sw, lw := d.foldName(s), d.foldName(l)
	if len(sw) == 0 || len(lw) == 0 {
		return false
	}
	if len(sw) == len(lw) {
		// A plural s on the last word only.
		if !wordPrefix(sw[:len(sw)-1], lw) || !resolve.IsLatin(s) {
			return false
		}
		a, b := sw[len(sw)-1], lw[len(lw)-1]
		return len(a) > 2 && (a+"s" == b || b+"s" == a)
	}
	if len(sw) > len(lw) {
		return false
	}
	if latinArticles[lw[0]] && slices.Equal(sw, lw[1:]) {
		return true
	}
	if !wordPrefix(sw, lw) {
		return false
	}
	extra := lw[len(sw):]
	if resolve.IsLatin(l) {
		for _, w := range extra {
			if !designators[w] {
				return false
			}
		}
		return true
	}
	if len(sw) < 2 {
		return false // a bare المجلس is any council
	}
	for _, w := range extra {
		if _, nisba := d.x.lex.Nisba(w); nisba {
			return false // وزارة الخارجية beside وزارة الخارجية الأمريكية
		}
	}
	return true
}

// isAcronymOf reports whether s is an all-capital acronym of the initials
// of l's words, with or without its connectors: NYSE, New York Stock
// Exchange; NEC, National Executive Committee.
func isAcronymOf(s, l string) bool {
	if !isAcronymShape(s) || !resolve.IsLatin(l) {
		return false
	}
	for _, k := range aliasKeys(l, foldWords(l), true) {
		if k == "a:"+s {
			return true
		}
	}
	return false
}

// isAcronymShape: two to six capital Latin letters (NYSE, GM).
func isAcronymShape(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 6 {
		return false
	}
	for _, r := range s {
		if r > unicode.MaxASCII || !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

func wordPrefix(short, long []string) bool {
	return len(short) <= len(long) && slices.Equal(short, long[:len(short)])
}
