// Package lexicon holds the extractor's word lists: countries, cities,
// regions, organisations, titles, event and organisation head nouns, month
// names, stop words and known words. The lists are plain UTF-8 text files
// under data/, embedded in the binary; anyone can extend them without
// touching Go (see Load). Every lookup is on text.Fold keys.
package lexicon

//go:generate go run gen/main.go

import (
	"embed"
	"io/fs"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed data/*
var embedded embed.FS

// Entry types beyond the graph's entity types (graph.TypeCountry,
// graph.TypeCity, graph.TypeLocation, graph.TypeOrganization).
const (
	TypeTitle = "Title"
	TypeMonth = "Month"
)

// Entry is one lexicon entry.
type Entry struct {
	ID     string // country:MA, city:rabat, loc:middle-east, org:african-union, title:foreign-minister
	Type   string // graph.TypeCountry, graph.TypeCity, graph.TypeLocation, graph.TypeOrganization or TypeTitle
	NameEN string
	NameAR string
	NameFR string
	// Names holds every surface form (display text, not keys), canonical
	// names first.
	Names []string
	// Country is the ISO 3166 code of the country a city lies in.
	Country string
	// Kind is the title kind (minister, envoy, ...) for titles and the
	// organisation kind (intergovernmental, terrorist, ...) for organisations.
	Kind string
	// Acronyms are the organisation's acronyms as written (UN, WHO, ECOWAS);
	// they are also in Names.
	Acronyms []string
	// Demonyms are the English demonyms of a country (Moroccan).
	Demonyms []string
	// Nisbas are the Arabic nisba adjectives of a country (المغربي).
	Nisbas []string
}

// Lexicon is a loaded set of word lists. It is immutable once loaded and
// safe for concurrent use.
type Lexicon struct {
	places   index // countries, cities, regions
	orgs     index
	titles   index
	months   index
	nisba    map[string]*Entry
	acronyms map[string]*Entry // exact, case-sensitive text
	eventHd  map[string]string
	orgHd    map[string]string
	stop     map[string]bool
	known    map[string]bool
	common   map[string]bool // known_words.tsv alone: common words, never names
	given    map[string]bool // first words of given names
	compound map[string]bool // first words of given names of two words or more (عبد)

	countries map[string]*Entry // by ISO code
	cities    map[string]*Entry // by ID
	entries   []*Entry
}

var (
	defaultOnce sync.Once
	defaultLex  *Lexicon
)

// Default returns the lexicon built from the embedded data, loaded once.
// It panics only if the embedded data is corrupt, which the package tests
// rule out.
func Default() *Lexicon {
	defaultOnce.Do(func() {
		sub, err := fs.Sub(embedded, "data")
		if err != nil {
			panic("lexicon: embedded data: " + err.Error())
		}
		l, err := Load(sub)
		if err != nil {
			panic("lexicon: embedded data: " + err.Error())
		}
		defaultLex = l
	})
	return defaultLex
}

// Country returns the country with ISO 3166 alpha-2 code code (upper case),
// or nil.
func (l *Lexicon) Country(code string) *Entry { return l.countries[code] }

// City returns the city with the given id ("city:rabat"), or nil.
func (l *Lexicon) City(id string) *Entry { return l.cities[id] }

// Entries returns every gazetteer and title entry, in file order.
func (l *Lexicon) Entries() []*Entry { return l.entries }

// MatchPlace returns the longest country, city or region whose name starts
// at keys[i], and the number of keys it spans (0 if none). keys are
// text.Fold keys of consecutive tokens; the first may carry Arabic
// proclitics (بالمغرب, للمغرب, والمغرب).
func (l *Lexicon) MatchPlace(keys []string, i int) (*Entry, int) { return l.places.match(keys, i) }

// MatchOrg returns the longest organisation name starting at keys[i]. Short
// acronyms that are also common words (WHO, AU) are left out here; see
// Acronym.
func (l *Lexicon) MatchOrg(keys []string, i int) (*Entry, int) { return l.orgs.match(keys, i) }

// MatchTitle returns the longest title starting at keys[i].
func (l *Lexicon) MatchTitle(keys []string, i int) (*Entry, int) { return l.titles.match(keys, i) }

// Acronym returns the organisation whose acronym is exactly raw, compared
// case-sensitively on the original text ("WHO" but not "who").
func (l *Lexicon) Acronym(raw string) (*Entry, bool) {
	e, ok := l.acronyms[raw]
	return e, ok
}

// Nisba returns the country a nisba adjective or demonym refers to:
// "الأميركي", "النيجرية", "والمغربية", "American".
func (l *Lexicon) Nisba(key string) (*Entry, bool) {
	for _, stem := range readings(key) {
		if e := l.nisba[stem]; e != nil {
			return e, true
		}
	}
	return nil, false
}

// EventHead returns the English head noun for an event head noun
// (اجتماع → meeting), also through proclitics (والاجتماع).
func (l *Lexicon) EventHead(key string) (string, bool) { return lookupHead(l.eventHd, key) }

// OrgHead returns the English head noun for an organisation head noun
// (مجموعة → Group). Event heads that can also head an organisation
// (منتدى → Forum) are here too.
func (l *Lexicon) OrgHead(key string) (string, bool) { return lookupHead(l.orgHd, key) }

// IsHeadWord reports whether key itself, with no clitic read off it, is an
// organisation or event head noun (كلية, not للجنة).
func (l *Lexicon) IsHeadWord(key string) bool {
	_, org := l.orgHd[key]
	_, ev := l.eventHd[key]
	return org || ev
}

func lookupHead(m map[string]string, key string) (string, bool) {
	for _, stem := range readings(key) {
		if en, ok := m[stem]; ok {
			return en, true
		}
	}
	// An indefinite accusative head carries the alif of its tanween:
	// اجتماعا، مؤتمرا (عقدت اللجنة اجتماعا).
	if bare, ok := strings.CutSuffix(key, "ا"); ok && utf8.RuneCountInString(bare) >= 4 && !strings.HasPrefix(bare, "ال") {
		if en, ok := m[bare]; ok {
			return en, true
		}
	}
	return "", false
}

// Month returns the month (1–12) whose name starts at keys[i] and the
// number of keys it spans, or 0, 0. Two-word Levantine names (كانون الثاني)
// and proclitics (وفي is not a month, but "وحزيران" is) are handled.
func (l *Lexicon) Month(keys []string, i int) (month int, n int) {
	e, n := l.months.match(keys, i)
	if e == nil {
		return 0, 0
	}
	m, err := strconv.Atoi(strings.TrimPrefix(e.ID, "month:"))
	if err != nil {
		return 0, 0
	}
	return m, n
}

// IsStopword reports whether key is a function word or common word that
// must never be taken as (part of) a name.
func (l *Lexicon) IsStopword(key string) bool { return l.stop[key] }

// IsKnownWord reports whether key is a word the lexicon knows: a stop word,
// a known common word, a head noun, a title word or a single-word name.
// Clitic splitting keeps a split only when its stem is known.
func (l *Lexicon) IsKnownWord(key string) bool { return l.known[key] }

// IsCommonWord reports whether key is listed as a common word
// (known_words.tsv): unlike IsKnownWord, a word met only inside a longer
// lexicon name (الحوثي in جماعة الحوثي) is no common word.
func (l *Lexicon) IsCommonWord(key string) bool { return l.common[key] }

// IsGivenName reports whether key is a given name, or the first word of a
// multi-word one (عبد in عبد الفتاح).
func (l *Lexicon) IsGivenName(key string) bool { return l.given[key] }

// StartsCompoundName reports whether key starts a given name of two words
// or more (عبد in عبد اللطيف, أبو in أبو بكر): the family name comes after
// both.
func (l *Lexicon) StartsCompoundName(key string) bool { return l.compound[key] }

// Starts says which lists have a name starting with a word, through any of
// its clitic readings. Most words start nothing, so a caller that checks
// this once per word skips most Match calls.
type Starts uint8

const (
	StartsPlace Starts = 1 << iota
	StartsOrg
	StartsTitle
	StartsMonth
)

// StartsOf returns which Match functions can succeed at a word with this key.
func (l *Lexicon) StartsOf(key string) Starts {
	var st Starts
	for _, stem := range readings(key) {
		if len(l.places.byFirst[stem]) > 0 {
			st |= StartsPlace
		}
		if len(l.orgs.byFirst[stem]) > 0 {
			st |= StartsOrg
		}
		if len(l.titles.byFirst[stem]) > 0 {
			st |= StartsTitle
		}
		if len(l.months.byFirst[stem]) > 0 {
			st |= StartsMonth
		}
	}
	return st
}
