// Package dates finds date expressions in Arabic and English text and
// gives each an ISO 8601 value at the precision the text gives: absolute
// dates in every regional month naming, numeric dates, month and year,
// years after عام/سنة/in, and relative expressions (اليوم، أمس، ماي الماضي،
// last year) resolved against the article's published date.
package dates

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kgraph/kgraph/extract/lexicon"
	"github.com/kgraph/kgraph/extract/text"
)

// Date is one date expression.
type Date struct {
	// Value is ISO 8601 at the precision given: "2014", "2014-09",
	// "2022-05-11", or "--05" for a month whose year is unknown.
	Value string
	// Start and End are code points into the text, End exclusive.
	Start, End int
	// Relative is true when the value was worked out from the published
	// date (اليوم، ماي الماضي, a day and month without a year).
	Relative bool
}

// Find returns every date expression in s, in text order. published is the
// article's publication time; the zero time means unknown, and then
// relative expressions are left partial ("ماي الماضي" gives "--05") or,
// when nothing at all can be said (أمس), left out.
func Find(l *lexicon.Lexicon, s string, published time.Time) []Date {
	return FindTokens(l, text.Tokenize(s), published)
}

// FindTokens is Find over tokens the caller already has (text.Tokenize of
// the text), which saves tokenising twice; offsets are the tokens'.
func FindTokens(l *lexicon.Lexicon, toks []text.Token, published time.Time) []Date {
	f := finder{l: l, toks: toks, pub: published}
	f.keys = make([]string, len(f.toks))
	for i, t := range f.toks {
		f.keys[i] = t.Key
	}
	var out []Date
	for i := 0; i < len(f.toks); {
		ds, n := f.at(i)
		if n == 0 {
			i++
			continue
		}
		out = append(out, ds...)
		i += n
	}
	return out
}

type finder struct {
	l    *lexicon.Lexicon
	toks []text.Token
	keys []string
	pub  time.Time
}

func (f *finder) known() bool { return !f.pub.IsZero() }

// span returns the code-point span of tokens [i, j).
func (f *finder) date(i, j int, value string, relative bool) Date {
	return Date{Value: value, Start: f.toks[i].Start, End: f.toks[j-1].End, Relative: relative}
}

// at tries every pattern at token i and returns the dates found and the
// number of tokens consumed (0 if none).
func (f *finder) at(i int) ([]Date, int) {
	if d, n := f.numeric(i); n > 0 {
		return []Date{d}, n
	}
	if ds, n := f.dayMonth(i); n > 0 {
		return ds, n
	}
	if d, n := f.monthFirst(i); n > 0 {
		return []Date{d}, n
	}
	if d, n := f.relative(i); n > 0 {
		return []Date{d}, n
	}
	if d, n := f.year(i); n > 0 {
		return []Date{d}, n
	}
	return nil, 0
}

// number returns the integer value of token i when it is a plain number
// of at most maxDigits digits.
func (f *finder) number(i, maxDigits int) (int, bool) {
	if i < 0 || i >= len(f.toks) || f.toks[i].Kind != text.Number {
		return 0, false
	}
	k := f.keys[i]
	if len(k) == 0 || len(k) > maxDigits {
		return 0, false
	}
	for _, c := range k {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(k)
	return n, err == nil
}

func (f *finder) yearAt(i int) (int, bool) {
	y, ok := f.number(i, 4)
	if !ok || len(f.keys[i]) != 4 || y < 1000 || y > 2999 {
		return 0, false
	}
	return y, true
}

func (f *finder) dayAt(i int) (int, bool) {
	d, ok := f.number(i, 2)
	return d, ok && d >= 1 && d <= 31
}

func (f *finder) key(i int) string {
	if i < 0 || i >= len(f.keys) {
		return ""
	}
	return f.keys[i]
}

// glued reports whether tokens i and i+1 touch (no space between).
func (f *finder) glued(i int) bool {
	return i >= 0 && i+1 < len(f.toks) && f.toks[i].End == f.toks[i+1].Start
}

// afterYear returns how many tokens after a year belong to it: the era
// mark م ("2022م"), or -1 when the year is Hijri (هـ), which is not a
// Gregorian year at all.
func (f *finder) afterYear(i int) int {
	switch k := f.key(i + 1); {
	case eraCE[k]:
		return 1
	case eraHijri[k]:
		return -1
	}
	return 0
}

func iso(y, m, d int) string {
	switch {
	case d > 0:
		return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	case m > 0:
		return fmt.Sprintf("%04d-%02d", y, m)
	}
	return fmt.Sprintf("%04d", y)
}

func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// numeric finds 2022/05/11, 2022-05-11, 11/05/2022, 11-05-2022 and
// 11.05.2022. Day-first is assumed, as in Arabic and European usage,
// unless the first number cannot be a month day and the second can.
func (f *finder) numeric(i int) (Date, int) {
	if i >= len(f.toks) || f.toks[i].Kind != text.Number {
		return Date{}, 0
	}
	// One token: 11.05.2022 (the tokenizer keeps dotted numbers whole).
	if parts := strings.Split(f.keys[i], "."); len(parts) == 3 {
		if v, ok := ymd(parts[0], parts[1], parts[2]); ok {
			return f.date(i, i+1, v, false), 1
		}
	}
	if i+4 >= len(f.toks) || !f.glued(i) || !f.glued(i+1) || !f.glued(i+2) || !f.glued(i+3) {
		return Date{}, 0
	}
	sep := f.keys[i+1]
	if (sep != "/" && sep != "-" && sep != ".") || f.keys[i+3] != sep ||
		f.toks[i+2].Kind != text.Number || f.toks[i+4].Kind != text.Number {
		return Date{}, 0
	}
	if v, ok := ymd(f.keys[i], f.keys[i+2], f.keys[i+4]); ok {
		return f.date(i, i+5, v, false), 5
	}
	return Date{}, 0
}

// ymd reads three numbers as year-month-day or day-month-year.
func ymd(a, b, c string) (string, bool) {
	atoi := func(s string) int {
		if len(s) == 0 || len(s) > 4 {
			return -1
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			return -1
		}
		return n
	}
	x, y, z := atoi(a), atoi(b), atoi(c)
	switch {
	case len(a) == 4 && len(b) <= 2 && len(c) <= 2 && validDay(x, y, z):
		return iso(x, y, z), true
	case len(c) == 4 && len(a) <= 2 && len(b) <= 2:
		if validDay(z, y, x) {
			return iso(z, y, x), true
		}
		if validDay(z, x, y) { // month first: 05/31/2022
			return iso(z, x, y), true
		}
	}
	return "", false
}

// month returns the month named at token i and the tokens it spans.
func (f *finder) month(i int) (int, int) {
	if i < 0 || i >= len(f.keys) {
		return 0, 0
	}
	return f.l.Month(f.keys, i)
}

// ordinalSuffix returns 1 when token i+1 is an English ordinal suffix
// glued to the day number at i (11th).
func (f *finder) ordinalSuffix(i int) int {
	switch f.key(i + 1) {
	case "st", "nd", "rd", "th":
		if f.glued(i) {
			return 1
		}
	}
	return 0
}

// dayMonth finds "11 ماي 2022", "11 May 2022", "11th of May", "11 ماي"
// and the range "11-13 ماي 2022" (both ends reported).
func (f *finder) dayMonth(i int) ([]Date, int) {
	day, ok := f.dayAt(i)
	if !ok {
		return nil, 0
	}
	j := i + 1 + f.ordinalSuffix(i)
	// A range: D1 - D2 Month, D1 إلى D2 Month, D1 و D2 Month.
	var first *Date
	if rangeWords[f.key(j)] {
		if d2, ok := f.dayAt(j + 1); ok {
			if m, _ := f.month(j + 2 + f.ordinalSuffix(j+1)); m > 0 {
				ds, n := f.dayMonth(j + 1)
				if n > 0 && len(ds) > 0 && d2 > day {
					d := ds[len(ds)-1]
					start := d
					start.Start, start.End = f.toks[i].Start, f.toks[i].End
					start.Value = withDay(d.Value, day)
					if start.Value != "" {
						first = &start
					}
					out := append([]Date{}, ds...)
					if first != nil {
						out = append([]Date{*first}, out...)
					}
					return out, j + 1 - i + n
				}
			}
		}
	}
	if dayOf[f.key(j)] {
		j++
	}
	m, mn := f.month(j)
	if m == 0 {
		return nil, 0
	}
	end := j + mn
	if f.key(end) == "," || f.key(end) == "،" {
		if _, ok := f.yearAt(end + 1); ok {
			end++
		}
	}
	if y, ok := f.yearAt(end); ok {
		switch f.afterYear(end) {
		case -1:
			return nil, 0
		case 1:
			if !validDay(y, m, day) {
				return nil, 0
			}
			return []Date{f.date(i, end+2, iso(y, m, day), false)}, end + 2 - i
		}
		if !validDay(y, m, day) {
			return nil, 0
		}
		return []Date{f.date(i, end+1, iso(y, m, day), false)}, end + 1 - i
	}
	// Day and month, no year: the year of publication, or partial.
	if !validDay(2000, m, day) {
		return nil, 0
	}
	if f.known() {
		y := f.pub.Year()
		// A date more than half a year after publication is last year's.
		if time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC).Sub(f.pub) > 183*24*time.Hour {
			y--
		}
		return []Date{f.date(i, j+mn, iso(y, m, day), true)}, j + mn - i
	}
	return []Date{f.date(i, j+mn, fmt.Sprintf("--%02d-%02d", m, day), true)}, j + mn - i
}

// withDay replaces the day of a full or partial ISO date.
func withDay(v string, day int) string {
	switch {
	case len(v) == 10: // 2022-05-13
		return v[:8] + fmt.Sprintf("%02d", day)
	case strings.HasPrefix(v, "--") && len(v) == 7: // --05-13
		return v[:5] + fmt.Sprintf("%02d", day)
	}
	return ""
}

// monthFirst finds "May 11, 2022", "ماي 2022", "شتنبر 2014", "حزيران 2018",
// and a month alone where the context makes it a date: "في ماي", "شهر
// أيار", "ماي الماضي", "last May".
func (f *finder) monthFirst(i int) (Date, int) {
	// English "last May" / "next May" / "this May".
	if dir := englishDirection(f.key(i)); dir != 0 || thisWords[f.key(i)] {
		if m, mn := f.month(i + 1); m > 0 {
			return f.monthRelative(i, i+1+mn, m, dir), 1 + mn
		}
	}
	m, mn := f.month(i)
	if m == 0 {
		return Date{}, 0
	}
	end := i + mn
	// May 11, 2022 / May 11 2022 / May 11th
	if day, ok := f.dayAt(end); ok && isLatin(f.toks[i]) {
		k := end + 1 + f.ordinalSuffix(end)
		if f.key(k) == "," {
			k++
		}
		if y, ok := f.yearAt(k); ok && validDay(y, m, day) {
			return f.date(i, k+1, iso(y, m, day), false), k + 1 - i
		}
		if validDay(2000, m, day) {
			last := end + 1 + f.ordinalSuffix(end)
			if f.known() {
				return f.date(i, last, iso(f.pub.Year(), m, day), true), last - i
			}
			return f.date(i, last, fmt.Sprintf("--%02d-%02d", m, day), true), last - i
		}
	}
	// Month Year
	k := end
	if f.key(k) == "," || f.key(k) == "،" {
		k++
	}
	if y, ok := f.yearAt(k); ok && f.afterYear(k) >= 0 {
		n := k + 1 + f.afterYear(k)
		return f.date(i, n, iso(y, m, 0), false), n - i
	}
	// Month alone, made a date by what follows or precedes it.
	if dir := arabicDirection(f.key(end)); dir != 0 {
		return f.monthRelative(i, end+1, m, dir), end + 1 - i
	}
	if current[f.key(end)] {
		return f.monthRelative(i, end+1, m, 0), end + 1 - i
	}
	if monthContext[f.key(i-1)] || hasMonthContext(f.key(i-1)) {
		return f.monthRelative(i, end, m, 0), mn
	}
	return Date{}, 0
}

func isLatin(t text.Token) bool { return t.Kind == text.Latin }

// hasMonthContext accepts context words with proclitics (وفي, بشهر).
func hasMonthContext(k string) bool {
	for _, s := range text.Splits(k)[1:] {
		if monthContext[s.Stem] {
			return true
		}
	}
	return false
}

// monthRelative resolves a month named without a year: the last such
// month before publication (dir -1), the next one after it (+1), or the
// one of the publication year (0). Unknown publication gives "--MM".
func (f *finder) monthRelative(i, j, m, dir int) Date {
	if !f.known() {
		return f.date(i, j, fmt.Sprintf("--%02d", m), true)
	}
	y, pm := f.pub.Year(), int(f.pub.Month())
	switch {
	case dir < 0 && m >= pm:
		y--
	case dir > 0 && m <= pm:
		y++
	}
	return f.date(i, j, iso(y, m, 0), true)
}

// year finds a year after عام/سنة/العام ("عام 2014", "لعام 2014") or after
// في/منذ/in/since ("في 2014", "in 2014"). A bare number is not taken as a
// year: it may be a count.
func (f *finder) year(i int) (Date, int) {
	if i+1 >= len(f.toks) || f.toks[i+1].Kind != text.Number {
		return Date{}, 0 // every year pattern here has the number next
	}
	k := f.key(i)
	stem := yearNoun(k)
	if stem {
		if y, ok := f.yearAt(i + 1); ok && f.afterYear(i+1) >= 0 {
			n := 2 + f.afterYear(i+1)
			return f.date(i, i+n, iso(y, 0, 0), false), n
		}
		return Date{}, 0
	}
	if yearPrep[k] || hasYearPrep(k) {
		if _, n := f.numeric(i + 1); n > 0 {
			return Date{}, 0 // في 2022/05/11: the full date is found next
		}
		if y, ok := f.yearAt(i + 1); ok && f.afterYear(i+1) >= 0 && y >= 1800 && y <= 2200 {
			// The preposition is not part of the expression.
			n := 1 + f.afterYear(i+1)
			return f.date(i+1, i+1+n, iso(y, 0, 0), false), 1 + n
		}
	}
	return Date{}, 0
}

func yearNoun(k string) bool {
	found := false
	text.ForEachSplit(k, func(s text.Split) bool {
		found = yearNouns[s.Stem]
		return !found
	})
	return found
}

func hasYearPrep(k string) bool {
	found, first := false, true
	text.ForEachSplit(k, func(s text.Split) bool {
		if first { // the whole word was checked by the caller
			first = false
			return true
		}
		found = yearPrep[s.Stem]
		return !found
	})
	return found
}
