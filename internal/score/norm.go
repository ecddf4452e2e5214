package score

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Norm is score.py's norm(): the matching key of a name. It applies NFKC,
// Python's str.lower, drops Arabic diacritics and tatweel, folds alef, yeh,
// teh marbuta and hamza carriers, turns punctuation into spaces, splits on
// Python whitespace and drops a leading ال from tokens longer than four code
// points.
func Norm(s string) string {
	s = pyLower(norm.NFKC.String(s))
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case isDiacritic(r):
			continue
		case isPunct(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(fold(r))
		}
	}
	toks := pyFields(b.String())
	for i, t := range toks {
		if strings.HasPrefix(t, "ال") && utf8.RuneCountInString(t) > 4 {
			toks[i] = t[len("ال"):]
		}
	}
	return strings.Join(toks, " ")
}

// isDiacritic mirrors DIACRITICS: [\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640].
func isDiacritic(r rune) bool {
	return (r >= 0x0610 && r <= 0x061a) || (r >= 0x064b && r <= 0x065f) ||
		r == 0x0670 || (r >= 0x06d6 && r <= 0x06ed) || r == 0x0640
}

// isPunct mirrors PUNCT's character class. score.py replaces each run with
// one space and then splits on whitespace, so one space per character gives
// the same tokens.
func isPunct(r rune) bool {
	return strings.ContainsRune("\"'“”«»„‘’()[]{}،,.;:؛!?؟-–—_/", r)
}

// fold mirrors FOLD.
func fold(r rune) rune {
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ':
		return 'ا'
	case 'ى':
		return 'ي'
	case 'ة':
		return 'ه'
	case 'ؤ':
		return 'و'
	case 'ئ':
		return 'ي'
	}
	return r
}

// pyIsSpace is Python's str.isspace for one character: bidi class WS, B or S,
// or category Zs. It differs from unicode.IsSpace on U+001C..U+001F.
func pyIsSpace(r rune) bool {
	switch {
	case r >= 0x09 && r <= 0x0d, r >= 0x1c && r <= 0x20, r == 0x85, r == 0xa0,
		r == 0x1680, r >= 0x2000 && r <= 0x200a, r == 0x2028, r == 0x2029,
		r == 0x202f, r == 0x205f, r == 0x3000:
		return true
	}
	return false
}

// pyFields is Python's str.split() with no arguments.
func pyFields(s string) []string { return strings.FieldsFunc(s, pyIsSpace) }

// pyStrip is Python's str.strip() with no arguments.
func pyStrip(s string) string { return strings.TrimFunc(s, pyIsSpace) }

// pyLower is Python's str.lower: the full lowercase mapping, which differs
// from strings.ToLower for U+0130 (to "i̇") and for capital sigma, which
// becomes final sigma at the end of a word.
func pyLower(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range rs {
		switch r {
		case 0x130:
			b.WriteString("i\u0307")
		case 0x3a3:
			if finalSigma(rs, i) {
				b.WriteRune(0x3c2)
			} else {
				b.WriteRune(0x3c3)
			}
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// finalSigma is CPython's handle_capital_sigma: the sigma at i follows a
// cased letter (skipping case-ignorable ones) and no cased letter follows it.
func finalSigma(rs []rune, i int) bool {
	j := i - 1
	for j >= 0 && isCaseIgnorable(rs[j]) {
		j--
	}
	if j < 0 || !isCased(rs[j]) {
		return false
	}
	j = i + 1
	for j < len(rs) && isCaseIgnorable(rs[j]) {
		j++
	}
	return j == len(rs) || !isCased(rs[j])
}

// isCased is the Unicode Cased property: Lowercase, Uppercase or Lt.
func isCased(r rune) bool {
	return unicode.In(r, unicode.Ll, unicode.Lu, unicode.Lt, unicode.Other_Lowercase, unicode.Other_Uppercase)
}

// isCaseIgnorable is the Unicode Case_Ignorable property: Mn, Me, Cf, Lm, Sk
// and the Word_Break classes MidLetter, MidNumLet and Single_Quote.
func isCaseIgnorable(r rune) bool {
	switch r {
	case '\'', '.', ':', 0xb7, 0x387, 0x55f, 0x5f4, 0x2018, 0x2019, 0x2024, 0x2027,
		0xfe13, 0xfe52, 0xfe55, 0xff07, 0xff0e, 0xff1a:
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk)
}

// typeClasses mirrors TYPE_CLASS: a prediction matches a gold entity only
// within its coarse class.
var typeClasses = map[string]string{
	"country": "place", "city": "place", "location": "place", "place": "place",
	"region": "place", "continent": "place", "gpe": "place", "loc": "place",
	"organization": "org", "organisation": "org", "org": "org", "group": "org",
	"ministry": "org", "agency": "org",
	"person": "person", "per": "person",
	"event": "event", "meeting": "event",
}

// typeClass is score.py's tclass.
func typeClass(t string) string {
	t = pyLower(t)
	if c, ok := typeClasses[t]; ok {
		return c
	}
	return t
}

// inverses mirrors INVERSES: predicates that say the same thing with subject
// and object swapped.
var inverses = map[string]string{"HOSTED_IN": "HOSTS"}

// symmetric mirrors SYMMETRIC: predicates whose direction carries no meaning.
var symmetric = map[string]bool{"MET_WITH": true}
