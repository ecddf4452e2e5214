package resolve

import (
	"slices"
	"strings"
	"unicode"

	"github.com/kgraph/kgraph/extract/lexicon"
	"github.com/kgraph/kgraph/extract/text"
)

// Cross-script matching. A foreign name written in Arabic letters (أفريكا
// فوكيس) and the same name in Latin letters (Africa Focus) share their
// consonants, once both are mapped to one coarse phonetic class each and
// vowels (including Arabic long vowels) are dropped.

var arabicConsonant = map[rune]byte{
	'ب': 'b', 'پ': 'b', 'ت': 't', 'ث': 's', 'ج': 'j', 'ح': 0, 'خ': 'k', 'د': 'd', 'ذ': 'z', 'ر': 'r', 'ز': 'z',
	'س': 's', 'ش': 's', 'ص': 's', 'ض': 'd', 'ط': 't', 'ظ': 'z', 'ع': 0, 'غ': 'g', 'ف': 'f', 'ڤ': 'f', 'ق': 'k', 'ك': 'k', 'گ': 'g',
	'ل': 'l', 'م': 'm', 'ن': 'n', 'ه': 0, 'ة': 0, 'ء': 0, 'ا': 0, 'أ': 0, 'إ': 0, 'آ': 0, 'و': 0, 'ي': 0, 'ى': 0, 'ئ': 0, 'ؤ': 0,
}

func latinSkeletonWord(w string) string {
	w = strings.ToLower(w)
	var b strings.Builder
	rs := []rune(w)
	var last byte
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		next := rune(0)
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		var c byte
		switch r {
		case 'a', 'e', 'i', 'o', 'u', 'y', 'w', 'h', '\'', '-':
			c = 0
		case 'c':
			if next == 'e' || next == 'i' {
				c = 's'
			} else if next == 'h' {
				c = 's'
				i++
			} else {
				c = 'k'
			}
		case 'k', 'q':
			c = 'k'
		case 'x':
			c = 'k'
		case 'g':
			c = 'g'
			if next == 'e' || next == 'i' {
				c = 'j'
			}
		case 'p':
			c = 'b'
			if next == 'h' {
				c = 'f'
				i++
			}
		case 'v':
			c = 'f'
		case 's':
			c = 's'
			if next == 'h' {
				i++
			}
		case 'z':
			c = 'z'
		case 't':
			c = 't'
			if next == 'h' {
				c = 's'
				i++
			}
		case 'd':
			c = 'd'
		default:
			if r < unicode.MaxASCII && unicode.IsLetter(r) {
				c = byte(r)
			}
		}
		if c != 0 {
			if c != last {
				b.WriteByte(c)
			}
			last = c
		}
	}
	return b.String()
}

func arabicSkeletonWord(w string) string {
	var b strings.Builder
	var last byte
	for _, r := range w {
		c, ok := arabicConsonant[r]
		if !ok {
			continue
		}
		if c != 0 && c != last {
			b.WriteByte(c)
		}
		if c != 0 {
			last = c
		}
	}
	return b.String()
}

// skeletonKey is the consonant skeleton of a foreign-looking name of at least
// two words, or "" when the name is made of ordinary (known) words and so is
// matched by its folded key instead. Latin names lose a trailing English
// head noun (Group, Forum), which Arabic writers often translate.
func skeletonKey(name string) string { return skeletonOf(lexicon.Default(), name) }

func skeletonOf(lex *lexicon.Lexicon, name string) string {
	var words []string
	latin := IsLatin(name)
	for _, t := range text.Tokenize(name) {
		if t.Kind == text.Punct || t.Key == "" {
			continue
		}
		words = append(words, t.Key)
	}
	if latin && len(words) > 1 {
		if _, ok := lex.OrgHead(words[len(words)-1]); ok {
			words = words[:len(words)-1]
		}
	}
	if !latin && len(words) > 1 {
		if _, ok := lex.OrgHead(words[0]); ok {
			words = words[1:]
		}
	}
	if len(words) < 2 {
		return ""
	}
	parts := make([]string, 0, len(words))
	consonants := 0
	for _, w := range words {
		var sk string
		if latin {
			sk = latinSkeletonWord(w)
		} else {
			if lex.IsKnownWord(w) || lex.IsStopword(w) {
				return ""
			}
			sk = arabicSkeletonWord(w)
		}
		if sk == "" {
			return ""
		}
		consonants += len(sk)
		parts = append(parts, sk)
	}
	if consonants < 4 {
		return ""
	}
	return strings.Join(parts, " ")
}

// slug turns a name into the ASCII part of a stable id: Latin names
// lower-cased, Arabic ones transliterated.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range text.Fold(name) {
		var s string
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			s = string(r)
		case arabicTranslit[r] != "":
			s = arabicTranslit[r]
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
			continue
		}
		b.WriteString(s)
		dash = false
	}
	out := strings.Trim(b.String(), "-")
	if len(out) > 60 {
		out = strings.Trim(out[:60], "-")
	}
	return out
}

var arabicTranslit = map[rune]string{
	'ا': "a", 'ب': "b", 'ت': "t", 'ث': "th", 'ج': "j", 'ح': "h", 'خ': "kh", 'د': "d", 'ذ': "dh", 'ر': "r", 'ز': "z",
	'س': "s", 'ش': "sh", 'ص': "s", 'ض': "d", 'ط': "t", 'ظ': "z", 'ع': "a", 'غ': "gh", 'ف': "f", 'ق': "q", 'ك': "k",
	'ل': "l", 'م': "m", 'ن': "n", 'ه': "h", 'و': "w", 'ي': "y", 'ء': "", 'پ': "p", 'ڤ': "v", 'گ': "g",
}

// personSkeletons are the consonant skeletons of a person's name written in
// either script, twice: without the article (أيمن الصفدي = Ayman Safadi)
// and with it (أحمد أبو الغيط = Ahmed Aboul Gheit), since transliterations
// drop or keep "al" as they please. Names of one word, or with too few
// consonants to tell people apart, have none.
func personSkeletons(name string) []string {
	var keys []string
	for _, t := range text.Tokenize(name) {
		if t.Kind != text.Punct && t.Key != "" {
			keys = append(keys, t.Key)
		}
	}
	out := skeletonsOf(keys, IsLatin(name))
	// سلطان بن أحمد الجابر = Sultan Al Jaber: the father's name is often
	// left out, so the name without "بن X" is a key too.
	var short []string
	for i := 0; i < len(keys); i++ {
		if (keys[i] == "بن" || keys[i] == "bin" || keys[i] == "ibn") && i+1 < len(keys) && i > 0 {
			i++
			continue
		}
		short = append(short, keys[i])
	}
	if len(short) < len(keys) {
		for _, k := range skeletonsOf(short, IsLatin(name)) {
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

func skeletonsOf(keys []string, latin bool) []string {
	var without, with strings.Builder
	words := 0
	for _, w := range keys {
		words++
		if latin {
			bare := w
			for _, p := range []string{"al-", "el-", "ul-"} {
				bare = strings.TrimPrefix(bare, p)
			}
			if bare != "al" && bare != "el" {
				without.WriteString(latinSkeletonWord(bare))
			}
			with.WriteString(latinSkeletonWord(w))
			continue
		}
		without.WriteString(arabicSkeletonWord(StripArticle(w)))
		with.WriteString(arabicSkeletonWord(w))
	}
	if words < 2 || without.Len() < 5 {
		return nil
	}
	if without.String() == with.String() {
		return []string{without.String()}
	}
	return []string{without.String(), with.String()}
}
