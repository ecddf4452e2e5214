package lexicon

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kgraph/kgraph/extract/text"
	"github.com/kgraph/kgraph/graph"
)

// Files are the data files Load reads, in this order. A missing file is
// skipped, so that an extension directory may hold only some of them.
var Files = []string{
	"countries.tsv", "cities.tsv", "regions.tsv", "organizations.tsv", "titles.tsv",
	"event_heads.tsv", "org_heads.tsv", "months.tsv", "stopwords.tsv", "known_words.tsv", "given_names.tsv",
}

// Load reads the data files found at the root of fsys. Lines are UTF-8,
// tab-separated; lines starting with # and blank lines are comments;
// list-valued columns separate their items with |. Errors name file:line.
func Load(fsys fs.FS) (*Lexicon, error) {
	l := &Lexicon{
		nisba:     map[string]*Entry{},
		acronyms:  map[string]*Entry{},
		eventHd:   map[string]string{},
		orgHd:     map[string]string{},
		stop:      map[string]bool{},
		known:     map[string]bool{},
		common:    map[string]bool{},
		given:     map[string]bool{},
		compound:  map[string]bool{},
		countries: map[string]*Entry{},
		cities:    map[string]*Entry{},
	}
	parsers := map[string]func(r row) error{
		"countries.tsv":     l.country,
		"cities.tsv":        l.city,
		"regions.tsv":       l.region,
		"organizations.tsv": l.organization,
		"titles.tsv":        l.title,
		"event_heads.tsv":   l.eventHead,
		"org_heads.tsv":     l.orgHead,
		"months.tsv":        l.month,
		"stopwords.tsv":     l.stopword,
		"known_words.tsv":   l.knownWord,
		"given_names.tsv":   l.givenName,
	}
	// Stop words first: organisation acronyms consult them.
	order := append([]string{"stopwords.tsv"}, Files...)
	done := map[string]bool{}
	for _, name := range order {
		if done[name] {
			continue
		}
		done[name] = true
		if err := readRows(fsys, name, parsers[name]); err != nil {
			return nil, err
		}
	}
	l.indexKnownWords()
	return l, nil
}

// row is one data line split into columns.
type row struct {
	file string
	line int
	cols []string
}

func (r row) col(i int) string {
	if i < len(r.cols) {
		return strings.TrimSpace(r.cols[i])
	}
	return ""
}

// list returns the |-separated items of column i, trimmed, without empties.
func (r row) list(i int) []string {
	var out []string
	for _, s := range strings.Split(r.col(i), "|") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (r row) errorf(format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", r.file, r.line, fmt.Sprintf(format, args...))
}

// need checks that columns 0..n-1 are present and non-empty.
func (r row) need(n int, names ...string) error {
	for i := 0; i < n; i++ {
		if r.col(i) == "" {
			name := strconv.Itoa(i + 1)
			if i < len(names) {
				name = names[i]
			}
			return r.errorf("missing column %s", name)
		}
	}
	return nil
}

func readRows(fsys fs.FS, name string, parse func(row) error) error {
	f, err := fsys.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("lexicon: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if line == 1 {
			s = strings.TrimPrefix(s, "\uFEFF")
		}
		if strings.TrimSpace(s) == "" || strings.HasPrefix(strings.TrimSpace(s), "#") {
			continue
		}
		if !utf8.ValidString(s) {
			return fmt.Errorf("lexicon: %s:%d: invalid UTF-8", name, line)
		}
		if err := parse(row{file: name, line: line, cols: strings.Split(s, "\t")}); err != nil {
			return fmt.Errorf("lexicon: %w", err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("lexicon: %s:%d: %w", name, line, err)
	}
	return nil
}

// names returns the non-empty strings of the given lists, deduplicated by
// key, in order.
func names(lists ...[]string) []string {
	seen := map[string]bool{}
	var out []string
	for _, list := range lists {
		for _, s := range list {
			k := text.Fold(s)
			if s == "" || k == "" || seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, s)
		}
	}
	return out
}

func first(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[0]
}

func one(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// country: code, English, Arabic, French, variants, nisbas, demonyms.
func (l *Lexicon) country(r row) error {
	if err := r.need(3, "code", "English name", "Arabic name"); err != nil {
		return err
	}
	code := r.col(0)
	if len(code) != 2 || strings.ToUpper(code) != code {
		return r.errorf("country code %q is not an upper-case ISO 3166 alpha-2 code", code)
	}
	if l.countries[code] != nil {
		return r.errorf("duplicate country %s", code)
	}
	e := &Entry{
		ID: "country:" + code, Type: graph.TypeCountry, Country: code,
		NameEN: r.col(1), NameAR: r.col(2), NameFR: r.col(3),
		Nisbas: r.list(5), Demonyms: r.list(6),
	}
	e.Names = names(one(e.NameAR), one(e.NameEN), one(e.NameFR), r.list(4))
	for _, n := range e.Names {
		// US, UK, UAE: reachable as written, like an organisation's
		// acronym, even where the folded form is a common word (us).
		if isAcronym(n) {
			e.Acronyms = append(e.Acronyms, n)
			if _, taken := l.acronyms[n]; !taken {
				l.acronyms[n] = e
			}
		}
	}
	l.countries[code] = e
	l.addPlace(e)
	for _, n := range e.Nisbas {
		for _, form := range nisbaForms(text.Fold(n)) {
			if _, taken := l.nisba[form]; !taken {
				l.nisba[form] = e
			}
		}
	}
	for _, d := range e.Demonyms {
		k := text.Fold(d)
		for _, form := range []string{k, k + "s"} {
			if _, taken := l.nisba[form]; !taken {
				l.nisba[form] = e
			}
		}
	}
	return nil
}

// isAcronym reports whether a name is written as an acronym: two to five
// capital Latin letters, with or without dots (US, U.S., UAE).
func isAcronym(n string) bool {
	letters := 0
	for _, r := range n {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r == '.':
		default:
			return false
		}
	}
	return letters >= 2 && letters <= 5
}

// nisbaForms derives the regular forms of an Arabic nisba adjective given
// in its masculine singular (folded): with and without the article, the
// feminine ية, the plurals يون/يين and the feminine plural يات.
func nisbaForms(k string) []string {
	base := strings.TrimPrefix(k, "ال")
	if !strings.HasPrefix(k, "ال") || len([]rune(base)) < 2 {
		base = k
	}
	forms := []string{base}
	if strings.HasSuffix(base, "ي") && isArabicKey(base) {
		forms = append(forms, base+"ه", base+"ون", base+"ين", base+"ات")
	}
	var out []string
	for _, f := range forms {
		out = append(out, f)
		if isArabicKey(f) {
			out = append(out, "ال"+f)
		}
	}
	return out
}

// city: English, Arabic names, French, country code, other variants.
func (l *Lexicon) city(r row) error {
	if err := r.need(4, "English name", "Arabic name", "French name", "country"); err != nil {
		return err
	}
	ar := r.list(1)
	e := &Entry{
		ID: "city:" + Slug(r.col(0)), Type: graph.TypeCity,
		NameEN: r.col(0), NameAR: first(ar), NameFR: r.col(2), Country: r.col(3),
	}
	if l.countries[e.Country] == nil {
		return r.errorf("city %s: unknown country %q", e.NameEN, e.Country)
	}
	if l.cities[e.ID] != nil {
		// Two cities of one English name: tell them apart by country.
		e.ID += "-" + strings.ToLower(e.Country)
		if l.cities[e.ID] != nil {
			return r.errorf("duplicate city %s", e.ID)
		}
	}
	e.Names = names(ar, one(e.NameEN), one(e.NameFR), r.list(4))
	l.cities[e.ID] = e
	l.addPlace(e)
	return nil
}

// region: English, Arabic names, French, other variants.
func (l *Lexicon) region(r row) error {
	if err := r.need(2, "English name", "Arabic name"); err != nil {
		return err
	}
	ar := r.list(1)
	e := &Entry{
		ID: "loc:" + Slug(r.col(0)), Type: graph.TypeLocation,
		NameEN: r.col(0), NameAR: first(ar), NameFR: r.col(2),
	}
	e.Names = names(ar, one(e.NameEN), one(e.NameFR), r.list(3))
	l.addPlace(e)
	return nil
}

func (l *Lexicon) addPlace(e *Entry) {
	l.entries = append(l.entries, e)
	for _, n := range e.Names {
		if isAcronym(n) && l.stop[text.Fold(n)] {
			continue // US folds to "us": only Acronym finds it
		}
		l.places.add(e, n)
	}
}

// organization: slug, English, Arabic names, acronyms, French, kind, other variants.
func (l *Lexicon) organization(r row) error {
	if err := r.need(3, "id", "English name", "Arabic name"); err != nil {
		return err
	}
	if Slug(r.col(0)) != r.col(0) {
		return r.errorf("organisation id %q is not a slug (want %q)", r.col(0), Slug(r.col(0)))
	}
	ar := r.list(2)
	e := &Entry{
		ID: "org:" + r.col(0), Type: graph.TypeOrganization,
		NameEN: r.col(1), NameAR: first(ar), NameFR: r.col(4), Kind: r.col(5),
		Acronyms: r.list(3),
	}
	e.Names = names(ar, one(e.NameEN), one(e.NameFR), r.list(6), e.Acronyms)
	l.entries = append(l.entries, e)
	acr := map[string]bool{}
	for _, a := range e.Acronyms {
		acr[a] = true
		if _, taken := l.acronyms[a]; !taken {
			l.acronyms[a] = e
		}
	}
	for _, n := range e.Names {
		// An acronym that is also a common word (WHO, AU) would match
		// ordinary text once folded; it stays reachable through Acronym.
		if acr[n] && l.stop[text.Fold(n)] {
			continue
		}
		l.orgs.add(e, n)
	}
	return nil
}

// title: slug, kind, Arabic forms, English forms.
func (l *Lexicon) title(r row) error {
	if err := r.need(4, "id", "kind", "Arabic forms", "English forms"); err != nil {
		return err
	}
	ar, en := r.list(2), r.list(3)
	e := &Entry{
		ID: "title:" + Slug(r.col(0)), Type: TypeTitle, Kind: r.col(1),
		NameEN: first(en), NameAR: first(ar), NameFR: first(r.list(4)),
	}
	e.Names = names(ar, en, r.list(4))
	l.entries = append(l.entries, e)
	for _, n := range e.Names {
		l.titles.add(e, n)
	}
	return nil
}

// eventHead: Arabic forms, English, whether the noun can also head an
// organisation (yes/no), English forms.
func (l *Lexicon) eventHead(r row) error {
	if err := r.need(2, "Arabic forms", "English"); err != nil {
		return err
	}
	en := r.col(1)
	alsoOrg := false
	switch r.col(2) {
	case "", "no":
	case "yes":
		alsoOrg = true
	default:
		return r.errorf("column 3 must be yes or no, not %q", r.col(2))
	}
	for _, form := range append(r.list(0), r.list(3)...) {
		addHead(l.eventHd, form, en)
		if alsoOrg {
			addHead(l.orgHd, form, en)
		}
	}
	return nil
}

// orgHead: Arabic forms, English, English forms.
func (l *Lexicon) orgHead(r row) error {
	if err := r.need(2, "Arabic forms", "English"); err != nil {
		return err
	}
	for _, form := range append(r.list(0), r.list(2)...) {
		addHead(l.orgHd, form, r.col(1))
	}
	return nil
}

// addHead records a head noun under its key and, for an Arabic noun given
// with its article, under the bare noun too (clitic splitting finds the
// bare stem).
func addHead(m map[string]string, form, en string) {
	k := text.Fold(form)
	if k == "" {
		return
	}
	if _, ok := m[k]; !ok {
		m[k] = en
	}
	if bare := strings.TrimPrefix(k, "ال"); bare != k && len([]rune(bare)) >= 2 && !strings.Contains(bare, " ") {
		if _, ok := m[bare]; !ok {
			m[bare] = en
		}
	}
}

// month: number, then any number of columns of |-separated names.
func (l *Lexicon) month(r row) error {
	if err := r.need(2, "number", "names"); err != nil {
		return err
	}
	n, err := strconv.Atoi(r.col(0))
	if err != nil || n < 1 || n > 12 {
		return r.errorf("month number %q is not 1-12", r.col(0))
	}
	e := &Entry{ID: fmt.Sprintf("month:%02d", n), Type: TypeMonth}
	for i := 1; i < len(r.cols); i++ {
		for _, name := range r.list(i) {
			l.months.add(e, name)
		}
	}
	return nil
}

// stopword: one word per line (Arabic or Latin).
func (l *Lexicon) stopword(r row) error {
	if k := text.Fold(r.col(0)); k != "" {
		l.stop[k] = true
	}
	return nil
}

// knownWord: one word per line.
func (l *Lexicon) knownWord(r row) error {
	if k := text.Fold(r.col(0)); k != "" {
		l.known[k] = true
		l.common[k] = true
	}
	return nil
}

// givenName: one name per line; a multi-word name (عبد الفتاح، أبو بكر)
// marks its first word, which is where a name starts.
func (l *Lexicon) givenName(r row) error {
	ks := keysOf(r.col(0))
	if len(ks) > 0 {
		l.given[ks[0]] = true
	}
	if len(ks) > 1 {
		l.compound[ks[0]] = true
	}
	return nil
}

// indexKnownWords adds to the known words everything else the lexicon
// knows as a single word.
func (l *Lexicon) indexKnownWords() {
	for k := range l.stop {
		l.known[k] = true
	}
	for _, m := range []map[string]string{l.eventHd, l.orgHd} {
		for k := range m {
			l.known[k] = true
		}
	}
	for k := range l.nisba {
		l.known[k] = true
	}
	for _, x := range []*index{&l.places, &l.orgs, &l.titles, &l.months} {
		for _, cs := range x.byFirst {
			for _, c := range cs {
				for _, k := range c.keys {
					l.known[k] = true
				}
			}
		}
	}
}

// Slug returns the id slug of a name: lower-case ASCII letters and digits
// separated by single hyphens, Latin diacritics folded.
func Slug(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range text.Fold(name) {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
			continue
		}
		hyphen = true
	}
	return b.String()
}
