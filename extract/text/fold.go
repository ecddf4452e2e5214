// Package text holds the script-aware primitives the extractor is built on:
// matching keys (Fold), sentence splitting, tokenisation and Arabic clitic
// splitting. It knows no lexicon; everything here is pure and allocation-light.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the matching key of s. It is never used for display.
//
// The key is: NFKC (taken via NFKD so that hamza and madda carriers and Latin
// accents come apart), Arabic diacritics and tatweel removed, alef forms
// unified to ا, ى→ي, ة→ه, ؤ→و, ئ→ي, quotes and bidi/zero-width marks
// dropped, Arabic-Indic digits made ASCII, letters lower-cased, Latin
// diacritics folded, whitespace collapsed and trimmed. The result is always
// valid UTF-8, and Fold(Fold(s)) == Fold(s).
func Fold(s string) string {
	if isFolded(s) {
		return s
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if simple(s) {
		// Plain ASCII and Arabic: NFKD would only split the hamza and
		// madda carriers, which foldRune maps directly.
		return string(foldRunes(make([]byte, 0, len(s)), s))
	}
	out := string(foldRunes(make([]byte, 0, len(s)), norm.NFKD.String(s)))
	if !norm.NFC.IsNormalString(out) {
		out = norm.NFC.String(out)
	}
	return out
}

// simple reports whether s holds only ASCII and Arabic-block runes that
// have no compatibility decomposition beyond what foldRune handles.
func simple(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			continue
		}
		if r < 0x0600 || r > 0x06FF || (0x0675 <= r && r <= 0x0678) || (0x06C0 <= r && r <= 0x06D3) {
			return false
		}
	}
	return true
}

// foldRunes appends the folded runes of s to b, collapsing whitespace and
// trimming it at both ends.
func foldRunes(b []byte, s string) []byte {
	space := false // a space is pending
	for _, r := range s {
		if isSpace(r) {
			space = len(b) > 0
			continue
		}
		n := len(b)
		if space {
			b = append(b, ' ')
		}
		b = appendFold(b, r)
		if len(b) == n+1 && space {
			b = b[:n] // the rune was dropped: keep the space pending
			continue
		}
		if len(b) > n {
			space = false
		}
	}
	return b
}

// appendFold appends the key text of one rune of an NFKD string to b;
// dropped runes append nothing.
func appendFold(b []byte, r rune) []byte {
	switch {
	case r < utf8.RuneSelf:
		switch {
		case r == '"', r == '\'', r == '`', r < 0x20, r == 0x7f:
			return b
		case 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		}
		return append(b, byte(r))
	case isArabicMark(r), r == 0x0640:
		return b
	case isIgnorable(r), isQuote(r):
		return b
	case 0x0660 <= r && r <= 0x0669:
		return append(b, byte('0'+r-0x0660))
	case 0x06F0 <= r && r <= 0x06F9:
		return append(b, byte('0'+r-0x06F0))
	case isLatinMark(r):
		return b
	}
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ':
		r = 'ا'
	case 'ى', 'ی', 'ې', 'ئ':
		r = 'ي'
	case 'ة', 'ۀ', 'ە':
		r = 'ه'
	case 'ؤ':
		r = 'و'
	case 'ک':
		r = 'ك'
	case '٫':
		r = '.'
	case '٬':
		r = ','
	case '٪':
		r = '%'
	case 'ß':
		return append(b, "ss"...)
	case 'æ', 'Æ':
		return append(b, "ae"...)
	case 'œ', 'Œ':
		return append(b, "oe"...)
	case 'ø', 'Ø':
		r = 'o'
	case 'ł', 'Ł':
		r = 'l'
	case 'đ', 'Đ':
		r = 'd'
	case 'ı':
		r = 'i'
	default:
		if r < 0x0600 || r > 0x06FF { // Arabic has no case
			r = unicode.ToLower(r)
		}
	}
	return utf8.AppendRune(b, r)
}

// isFolded reports whether s is already its own key, which is the common
// case for tokens of plain Arabic or lower-case ASCII; it saves the
// normalisation pass.
func isFolded(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	prevSpace := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if prevSpace {
					return false
				}
				prevSpace = true
				i++
				continue
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			case c == '"', c == '\'', c == '`', c < 0x20, c == 0x7f:
				return false
			case 'A' <= c && c <= 'Z':
				return false
			}
			prevSpace = false
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !plainArabicLetter(r) {
			return false
		}
		prevSpace = false
		i += size
	}
	return true
}

// plainArabicLetter reports whether r is a base Arabic letter that Fold
// leaves unchanged.
func plainArabicLetter(r rune) bool {
	switch r {
	case 'أ', 'إ', 'آ', 'ى', 'ة', 'ؤ', 'ئ':
		return false
	}
	return (0x0621 <= r && r <= 0x063A) || (0x0641 <= r && r <= 0x064A)
}

func isArabicMark(r rune) bool {
	return (0x0610 <= r && r <= 0x061A) || (0x064B <= r && r <= 0x065F) ||
		r == 0x0670 || (0x06D6 <= r && r <= 0x06ED)
}

// isLatinMark reports the combining marks that NFKD splits off Latin (and
// Greek, Cyrillic) letters.
func isLatinMark(r rune) bool {
	return (0x0300 <= r && r <= 0x036F) || (0x1AB0 <= r && r <= 0x1AFF) ||
		(0x1DC0 <= r && r <= 0x1DFF) || (0x20D0 <= r && r <= 0x20FF) ||
		(0xFE20 <= r && r <= 0xFE2F)
}

// isIgnorable reports bidi controls, zero-width characters and the like,
// which carry no letters and must not separate tokens.
func isIgnorable(r rune) bool {
	return (0x200B <= r && r <= 0x200F) || (0x202A <= r && r <= 0x202E) ||
		(0x2060 <= r && r <= 0x2069) || r == 0xFEFF || r == 0x061C || r == 0x00AD
}

func isQuote(r rune) bool {
	switch r {
	case '"', '\'', '`', '“', '”', '„', '‟', '«', '»', '‘', '’', '‚', '‛', '‹', '›', '〝', '〞', '＂', '＇':
		return true
	}
	return false
}
