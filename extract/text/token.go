package text

import (
	"sync"
	"unicode"
	"unicode/utf8"
)

// Span is a range of code points in an original text, End exclusive.
type Span struct{ Start, End int }

// TokenKind classifies a token.
type TokenKind uint8

const (
	Word   TokenKind = iota // a word in Arabic or any non-Latin script
	Number                  // digits, ASCII or Arabic-Indic, with . , separators
	Punct                   // a single punctuation mark or symbol
	Latin                   // a word in Latin script
)

func (k TokenKind) String() string {
	switch k {
	case Word:
		return "Word"
	case Number:
		return "Number"
	case Punct:
		return "Punct"
	case Latin:
		return "Latin"
	}
	return "TokenKind(?)"
}

// Token is one word, number or punctuation mark.
type Token struct {
	Text       string // the original text
	Key        string // Fold(Text)
	Start, End int    // code points into the string passed to Tokenize
	Kind       TokenKind
}

// runes is a decoded string: rs[i] starts at byte off[i]; off[len(rs)] is
// the length of the string.
type runes struct {
	s     string
	rs    []rune
	off   []int
	valid bool // s is valid UTF-8
	bufs  *runeBufs
}

// release returns the slices to the pool; d must not be used after.
func (d runes) release() {
	if d.bufs == nil || cap(d.rs) > 1<<16 {
		return // keep huge buffers out of the pool
	}
	d.bufs.rs, d.bufs.off = d.rs[:0], d.off[:0]
	decodeBufs.Put(d.bufs)
}

// decodeBufs recycles the rune and offset slices of decode: tokens keep
// only substrings of s (or copies, for invalid UTF-8), never the slices.
var decodeBufs = sync.Pool{New: func() any { return new(runeBufs) }}

type runeBufs struct {
	rs  []rune
	off []int
}

func decode(s string) runes {
	n := utf8.RuneCountInString(s)
	b := decodeBufs.Get().(*runeBufs)
	if cap(b.rs) < n {
		b.rs = make([]rune, 0, n)
	}
	if cap(b.off) < n+1 {
		b.off = make([]int, 0, n+1)
	}
	d := runes{s: s, rs: b.rs[:0], off: b.off[:0], valid: utf8.ValidString(s), bufs: b}
	for i, r := range s {
		d.rs = append(d.rs, r)
		d.off = append(d.off, i)
	}
	d.off = append(d.off, len(s))
	return d
}

// slice returns the original text of code points [i, j). In invalid UTF-8
// each bad byte counts as one code point and reads as U+FFFD, so that the
// output is always valid and offsets still count code points.
func (d runes) slice(i, j int) string {
	if !d.valid {
		return string(d.rs[i:j])
	}
	return d.s[d.off[i]:d.off[j]]
}

// at returns the rune at i, or 0 when i is out of range.
func (d runes) at(i int) rune {
	if i < 0 || i >= len(d.rs) {
		return 0
	}
	return d.rs[i]
}

// Tokenize splits s into words, numbers and punctuation marks. Latin words
// keep internal hyphens and apostrophes (al-Qaeda, O'Brien); dotted
// initialisms (U.S., U.N.) are one Latin token; a change between Latin and
// other scripts ends a word; bidi and zero-width marks are skipped.
func Tokenize(s string) []Token { return AppendTokens(nil, s) }

// AppendTokens is Tokenize appending to dst, so a caller can reuse a buffer.
func AppendTokens(dst []Token, s string) []Token {
	d := decode(s)
	defer d.release()
	toks := dst
	if toks == nil {
		toks = make([]Token, 0, len(d.rs)/4+1)
	}
	n := len(d.rs)
	for i := 0; i < n; {
		r := d.rs[i]
		switch {
		case isSpace(r), isIgnorable(r), r >= 0x0300 && (unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r)):
			i++
		case isDigit(r):
			j := scanNumber(d, i)
			toks = append(toks, d.token(i, j, Number))
			i = j
		case isLetter(r):
			if j := scanInitialism(d, i); j > i {
				toks = append(toks, d.token(i, j, Latin))
				i = j
				continue
			}
			j, kind := scanWord(d, i)
			toks = append(toks, d.token(i, j, kind))
			i = j
		default:
			toks = append(toks, d.token(i, i+1, Punct))
			i++
		}
	}
	return toks
}

func (d runes) token(i, j int, k TokenKind) Token {
	t := d.slice(i, j)
	return Token{Text: t, Key: Fold(t), Start: i, End: j, Kind: k}
}

// isLetter is unicode.IsLetter with the common scripts first.
func isLetter(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
	case 0x0620 <= r && r <= 0x064A:
		return true
	}
	return unicode.IsLetter(r)
}

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || ('\t' <= r && r <= '\r')
	}
	return unicode.IsSpace(r)
}

func isDigit(r rune) bool {
	return ('0' <= r && r <= '9') || (r >= 0x80 && unicode.IsDigit(r))
}

func isLatinLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
	}
	if 0x0600 <= r && r <= 0x06FF {
		return false
	}
	return unicode.Is(unicode.Latin, r)
}

// isWordMark reports runes that continue a word without being letters:
// combining marks (Arabic harakat, Latin accents in NFD text) and format
// characters such as ZWNJ.
func isWordMark(r rune) bool {
	if r < 0x0300 {
		return false
	}
	if 0x064B <= r && r <= 0x065F {
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me) || isIgnorable(r)
}

func scanNumber(d runes, i int) int {
	j := i + 1
	for j < len(d.rs) {
		r := d.rs[j]
		switch {
		case isDigit(r):
			j++
		case (r == '.' || r == ',' || r == '٫' || r == '٬') && isDigit(d.at(j+1)):
			j += 2
		default:
			return j
		}
	}
	return j
}

// scanInitialism returns the end of a dotted initialism such as "U.S." or
// "U.S.A." starting at i, or i if there is none.
func scanInitialism(d runes, i int) int {
	if !isLatinLetter(d.rs[i]) || (i > 0 && isLetter(d.rs[i-1])) {
		return i
	}
	j, count := i, 0
	for isLatinLetter(d.at(j)) && d.at(j+1) == '.' {
		j += 2
		count++
	}
	if count < 2 || unicode.IsLetter(d.at(j)) || isDigit(d.at(j)) {
		return i
	}
	return j
}

func scanWord(d runes, i int) (int, TokenKind) {
	latin := isLatinLetter(d.rs[i])
	kind := Word
	if latin {
		kind = Latin
	}
	j := i + 1
	for j < len(d.rs) {
		r := d.rs[j]
		switch {
		case isLetter(r):
			if isLatinLetter(r) != latin {
				return j, kind
			}
			j++
		case isWordMark(r):
			// A mark or ZWNJ belongs to the word only when the word goes on.
			k := j + 1
			for k < len(d.rs) && isWordMark(d.rs[k]) {
				k++
			}
			if isIgnorable(r) && !(k < len(d.rs) && unicode.IsLetter(d.rs[k])) {
				return j, kind
			}
			j = k
		case latin && ('0' <= r && r <= '9'):
			j++ // G20, COVID-19
		case latin && (r == '-' || r == '‐' || r == '\'' || r == '’'):
			next := d.at(j + 1)
			if isLatinLetter(next) || (r != '\'' && r != '’' && '0' <= next && next <= '9') {
				j += 2
				continue
			}
			return j, kind
		default:
			return j, kind
		}
	}
	return j, kind
}
