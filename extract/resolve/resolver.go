// Package resolve gives the entities each article names their global,
// stable ids: the same real-world thing named in two articles, or in
// Arabic in one and English in another, gets one id.
//
// An entity is found again by its keys: its lexicon id, an event's head,
// canonical modifiers and organiser, an opposition signature, the folded
// forms of its names and, for transliterated names, their consonant
// skeletons. The resolver keeps keys and names, not mentions, unless asked
// to (KeepMentions), so its memory grows with the entities, not with the
// articles.
package resolve

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/kgraph/kgraph/extract/lexicon"
	"github.com/kgraph/kgraph/extract/text"
	"github.com/kgraph/kgraph/graph"
)

// Local is one entity as one article knows it.
type Local struct {
	Type           string
	Name           string   // display name
	Names          []string // every surface form that names it
	NameEN, NameAR string
	LexID          string // lexicon id (country:MA), if the lexicon knows it
	// EventKey is an event's head and canonical modifiers; its organiser's
	// id is added once the organiser is resolved.
	EventKey  string
	Organiser *Local
	Sig       string // what an organisation opposes, for coalitions named two ways
	Mentions  []graph.Mention
	Refs      []graph.Mention // nisba adjectives, anaphors and pronouns that point at it

	ID string // set by Resolve
}

// Resolver assigns ids. It is not safe for concurrent use: articles are
// resolved one at a time, in input order, so ids do not depend on timing.
type Resolver struct {
	// KeepMentions keeps every article's mentions on the merged entities,
	// for Entities; a loader that writes each article's batch needs none.
	KeepMentions bool

	byKey  map[string]string
	by     map[string]string // event id -> its organiser's id, for events named alike
	shared map[string]bool   // family-name keys two different people hold
	taken  map[string]bool
	ents   map[string]*graph.Entity // names only; mentions are in kept
	order  []string                 // ids of entities some article named, first seen first
	listed map[string]bool          // ids in order
	kept   mentionLog               // with KeepMentions
}

// New returns an empty Resolver that keeps mentions.
func New() *Resolver {
	return &Resolver{KeepMentions: true, byKey: map[string]string{}, by: map[string]string{}, shared: map[string]bool{}, taken: map[string]bool{}, ents: map[string]*graph.Entity{}, listed: map[string]bool{}}
}

func (r *Resolver) bind(key, id string) {
	old, ok := r.byKey[key]
	if !ok {
		r.byKey[key] = id
		return
	}
	if old != id && strings.HasPrefix(key, famPrefix) {
		r.shared[key] = true // Michael Howard and John Howard: "Howard" alone is neither
	}
}

var typeOrder = map[string]int{graph.TypeCountry: 0, graph.TypeCity: 1, graph.TypeLocation: 2, graph.TypeOrganization: 3, graph.TypePerson: 4, graph.TypeEvent: 5}

var idPrefix = map[string]string{graph.TypeCountry: "country:", graph.TypeCity: "city:", graph.TypeLocation: "loc:", graph.TypeOrganization: "org:", graph.TypePerson: "person:", graph.TypeEvent: "event:"}

// Resolve gives each local entity of one article its id (places first, then
// organisations, people and events, since an event's key holds its
// organiser's id) and returns the article's view of each: its names and
// its own mentions.
func (r *Resolver) Resolve(article string, ls []*Local) []graph.Entity {
	ls = slices.Clone(ls)
	sort.SliceStable(ls, func(i, j int) bool { return typeOrder[ls[i].Type] < typeOrder[ls[j].Type] })
	out := make([]graph.Entity, 0, len(ls))
	for _, l := range ls {
		if id, ok := r.byKey["lex|"+l.LexID]; ok && l.LexID != "" && r.knowsNames(id, l) {
			// A gazetteer entity under names already bound: nothing to learn.
			l.ID = id
			out = append(out, r.entityFor(l, article))
			continue
		}
		keys := r.keysOf(l)
		id := ""
		for _, k := range keys {
			if r.shared[k] {
				continue
			}
			if v, ok := r.byKey[k]; ok && r.samePerson(v, l) && r.sameOrganiser(v, l) {
				id = v
				break
			}
		}
		if id == "" {
			id = r.mint(l)
		}
		if l.Organiser != nil && l.Organiser.ID != "" && r.by[id] == "" {
			r.by[id] = l.Organiser.ID
		}
		for _, k := range keys {
			r.bind(k, id)
		}
		l.ID = id
		out = append(out, r.entityFor(l, article))
	}
	return out
}

// keysOf lists the keys an entity is known by, the most specific first.
func (r *Resolver) keysOf(l *Local) []string {
	var keys []string
	if l.LexID != "" {
		keys = append(keys, "lex|"+l.LexID)
	}
	if l.EventKey != "" {
		k := l.EventKey
		if l.Organiser != nil && l.Organiser.ID != "" {
			if i := strings.Index(k, "|by:"); i >= 0 {
				k = k[:i]
			}
			k += "|by:" + l.Organiser.ID
		}
		keys = append(keys, "ev|"+k)
	}
	if l.Sig != "" {
		keys = append(keys, "sig|"+l.Sig)
	}
	for _, n := range l.Names {
		for _, k := range NameKeys(n) {
			if l.Type == graph.TypeEvent && strings.HasPrefix(k, "sk:") || l.Type != graph.TypePerson && strings.HasPrefix(k, "psk:") {
				continue
			}
			keys = append(keys, Coarse(l.Type)+"|"+k)
		}
	}
	if l.Type == graph.TypePerson {
		for _, n := range l.Names {
			if short, ok := ShortNasab(n); ok {
				keys = append(keys, Coarse(l.Type)+"|n:"+NameKey(short))
			}
		}
		keys = append(keys, familyKeys(l.Names)...) // last: the loosest key
	}
	return keys
}

const famPrefix = "fam|"

// familyKeys are a person's family-name keys: the last word of each full
// name (Tony Blair: blair) and a bare name that is no given name (Blair),
// so that "Blair" in one article is the Tony Blair of another — as long as
// only one person of that family name is known (see bind).
func familyKeys(names []string) []string {
	var out []string
	for _, n := range names {
		words := NameWords(n)
		if len(words) == 0 {
			continue
		}
		last := StripArticle(words[len(words)-1])
		if len(words) == 1 && lexicon.Default().IsGivenName(words[0]) || len([]rune(last)) < 3 {
			continue // محمد alone, or "Al": no family name to go by
		}
		if k := famPrefix + last; !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// samePerson guards against merging two people through a loose key (a
// consonant skeleton, a shared family name): people whose given names
// differ in the same script are different people, whatever else they share
// (محمد منصور and أحمد منصور; عمر and عمرو). Anything that is not a pair
// of people passes.
func (r *Resolver) samePerson(id string, l *Local) bool {
	g := r.ents[id]
	if g == nil || g.Type != graph.TypePerson || l.Type != graph.TypePerson {
		return true
	}
	known := append([]string{g.Name, g.NameAR, g.NameEN}, g.Aliases...)
	for _, a := range givenNames(l.Names) {
		for _, b := range givenNames(known) {
			if a.latin == b.latin && a.word != b.word && !spellingVariants(a, b) {
				return false
			}
		}
	}
	// محمد بن سلمان بن عبدالعزيز and محمد بن سلمان بن فهد share a short
	// name, not a grandfather.
	for _, a := range l.Names {
		for _, b := range known {
			if differentNasab(a, b) {
				return false
			}
		}
	}
	if nasabLink(l.Names, known) || nasabLink(known, l.Names) {
		return true // Faisal bin Sultan is Faisal bin Sultan bin Fahd, whatever his last word
	}
	// John Howard and John Redwood share a skeleton and a given name:
	// Latin-script family names that differ are different people too.
	// (Arabic names drop and add parts too freely for this test.)
	for _, a := range latinFamilyNames(l.Names) {
		for _, b := range latinFamilyNames(known) {
			if a != b {
				return false
			}
		}
	}
	return true
}

// nasabLink reports whether a name of long, cut to its short nasab, is a
// name of short.
func nasabLink(long, short []string) bool {
	for _, a := range long {
		if sa, ok := ShortNasab(a); ok {
			for _, b := range short {
				if NameKey(sa) == NameKey(b) {
					return true
				}
			}
		}
	}
	return false
}

// differentNasab reports whether two names of the same short nasab go on
// to different forefathers.
func differentNasab(a, b string) bool {
	sa, ok := ShortNasab(a)
	if !ok {
		return false
	}
	sb, ok := ShortNasab(b)
	if !ok || NameKey(sa) != NameKey(sb) {
		return false
	}
	squeeze := func(n string) string { return strings.ReplaceAll(NameKey(n), " ", "") }
	return squeeze(a) != squeeze(b)
}

// spellingVariants reports whether two Arabic-script given names are one
// long foreign name spelt two ways (إمانويل and إيمانويل): the same
// consonants, six letters or more each, and at most one of them a given
// name the lexicon lists. Two listed names that differ only in a long
// vowel are different names (محمد and محمود, عمر and عمرو), and short
// names are too close to tell apart (كريم, كرم).
func spellingVariants(a, b givenName) bool {
	if a.latin || b.latin || len([]rune(a.word)) < 6 || len([]rune(b.word)) < 6 {
		return false
	}
	lex := lexicon.Default()
	if lex.IsGivenName(a.word) && lex.IsGivenName(b.word) {
		return false
	}
	sa, sb := arabicSkeletonWord(a.word), arabicSkeletonWord(b.word)
	return len(sa) >= 3 && sa == sb
}

// latinFamilyNames are the folded last words of the Latin-script names of
// two words or more among names.
func latinFamilyNames(names []string) []string {
	var out []string
	for _, n := range names {
		if n == "" || !IsLatin(n) {
			continue
		}
		words := NameWords(n)
		if len(words) < 2 {
			continue
		}
		if last := words[len(words)-1]; !slices.Contains(out, last) {
			out = append(out, last)
		}
	}
	return out
}

// NameWords are the folded words of a name, punctuation left out.
func NameWords(name string) []string {
	var words []string
	for _, t := range text.Tokenize(name) {
		if t.Kind != text.Punct && t.Key != "" {
			words = append(words, t.Key)
		}
	}
	return words
}

// sameOrganiser guards events named alike (a spring conference): two
// events with different organisers are different events. Anything else
// passes.
func (r *Resolver) sameOrganiser(id string, l *Local) bool {
	if l.Type != graph.TypeEvent || l.Organiser == nil || l.Organiser.ID == "" {
		return true
	}
	by := r.by[id]
	return by == "" || by == l.Organiser.ID
}

type givenName struct {
	word  string // folded first word of a name of two words or more
	latin bool
}

// givenNames are the first words of the multi-word names among names. A
// one-word name (a bare family name) gives none, so it never blocks.
func givenNames(names []string) []givenName {
	var out []givenName
	for _, n := range names {
		if n == "" {
			continue
		}
		words := NameWords(n)
		if len(words) < 2 {
			continue
		}
		g := givenName{word: words[0], latin: IsLatin(n)}
		if !slices.Contains(out, g) {
			out = append(out, g)
		}
	}
	return out
}

// knowsNames reports whether every name of l is already a name of entity id.
func (r *Resolver) knowsNames(id string, l *Local) bool {
	g := r.ents[id]
	if g == nil {
		return false
	}
	for _, n := range l.Names {
		if n != g.Name && !slices.Contains(g.Aliases, n) {
			return false
		}
	}
	return true
}

func (r *Resolver) mint(l *Local) string {
	base := l.LexID
	if base == "" {
		name := l.NameEN
		if name == "" {
			name = l.Name
		}
		base = idPrefix[l.Type] + slug(name)
	}
	id := base
	for n := 2; r.taken[id]; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	r.taken[id] = true
	return id
}

// entityFor merges l into the global entity and returns the article's view
// of it (its own mentions only).
func (r *Resolver) entityFor(l *Local, article string) graph.Entity {
	g, ok := r.ents[l.ID]
	if !ok {
		g = &graph.Entity{ID: l.ID, Type: l.Type}
		r.ents[l.ID] = g
	}
	if !r.listed[l.ID] {
		r.listed[l.ID] = true
		r.order = append(r.order, l.ID)
	}
	if g.NameEN == "" {
		g.NameEN = l.NameEN
	}
	if g.NameAR == "" {
		g.NameAR = l.NameAR
		if g.NameAR == "" {
			g.NameAR = firstArabic(l.Names)
		}
	}
	g.Name = firstNonEmpty(g.NameEN, g.NameAR, l.Name)
	names := append([]string{l.Name}, l.Names...)
	for _, n := range names {
		if n != g.Name && !slices.Contains(g.Aliases, n) {
			g.Aliases = append(g.Aliases, n)
		}
	}
	if r.KeepMentions {
		r.kept.add(l.ID, article, l.Mentions, l.Refs)
	}

	e := graph.Entity{ID: l.ID, Type: l.Type, Name: g.Name, NameAR: g.NameAR, NameEN: g.NameEN, Articles: []string{article}, Mentions: l.Mentions, Refs: l.Refs}
	for _, n := range names {
		if n != e.Name && !slices.Contains(e.Aliases, n) {
			e.Aliases = append(e.Aliases, n)
		}
	}
	return e
}

// Entities returns every entity seen so far, merged across articles, in
// first-seen order.
func (r *Resolver) Entities() []graph.Entity {
	out := make([]graph.Entity, 0, len(r.order))
	for _, id := range r.order {
		e := *r.ents[id]
		e.Aliases = slices.Clone(e.Aliases)
		r.kept.fill(&e)
		out = append(out, e)
	}
	return out
}

// Seed teaches the resolver entities that already exist (e.g. in Neo4j), so
// that new articles reuse their ids.
func (r *Resolver) Seed(entities []graph.Entity) {
	for _, e := range entities {
		r.taken[e.ID] = true
		if _, ok := r.ents[e.ID]; !ok {
			seeded := graph.Entity{ID: e.ID, Type: e.Type, Name: e.Name, NameAR: e.NameAR, NameEN: e.NameEN, Aliases: slices.Clone(e.Aliases)}
			r.ents[e.ID] = &seeded
		}
		for _, n := range append([]string{e.Name, e.NameAR, e.NameEN}, e.Aliases...) {
			if n == "" {
				continue
			}
			for _, k := range NameKeys(n) {
				if e.Type != graph.TypePerson && strings.HasPrefix(k, "psk:") {
					continue
				}
				r.bind(Coarse(e.Type)+"|"+k, e.ID)
			}
		}
		if strings.Contains(e.ID, ":") {
			r.bind("lex|"+e.ID, e.ID)
		}
	}
}

func firstArabic(names []string) string {
	for _, n := range names {
		if !IsLatin(n) {
			return n
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
