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
	d := norm.NFKD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	space := false // a space is pending
	for _, r := range d {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		m, ok := foldRune(r)
		if !ok {
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteString(m)
	}
	out := b.String()
	if !norm.NFC.IsNormalString(out) {
		out = norm.NFC.String(out)
	}
	return out
}

// foldRune maps one rune of an NFKD string to its key text, or reports
// false when the rune is dropped.
func foldRune(r rune) (string, bool) {
	switch {
	case r < utf8.RuneSelf:
		switch r {
		case '"', '\'', '`':
			return "", false
		}
		if r < 0x20 || r == 0x7f {
			return "", false
		}
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return string(r), true
	case isArabicMark(r), r == 0x0640:
		return "", false
	case isIgnorable(r), isQuote(r):
		return "", false
	case 0x0660 <= r && r <= 0x0669:
		return string('0' + r - 0x0660), true
	case 0x06F0 <= r && r <= 0x06F9:
		return string('0' + r - 0x06F0), true
	case isLatinMark(r):
		return "", false
	}
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ':
		return "ا", true
	case 'ى', 'ی', 'ې':
		return "ي", true
	case 'ة', 'ۀ', 'ە':
		return "ه", true
	case 'ؤ':
		return "و", true
	case 'ئ':
		return "ي", true
	case 'ک':
		return "ك", true
	case '٫':
		return ".", true
	case '٬':
		return ",", true
	case '٪':
		return "%", true
	case 'ß':
		return "ss", true
	case 'æ', 'Æ':
		return "ae", true
	case 'œ', 'Œ':
		return "oe", true
	case 'ø', 'Ø':
		return "o", true
	case 'ł', 'Ł':
		return "l", true
	case 'đ', 'Đ':
		return "d", true
	case 'ı':
		return "i", true
	}
	return string(unicode.ToLower(r)), true
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
