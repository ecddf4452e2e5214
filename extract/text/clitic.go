package text

import (
	"strings"
	"unicode/utf8"
)

// Split is one reading of a word as proclitics followed by a stem.
type Split struct{ Prefix, Stem string }

// proclitics lists every Arabic proclitic chain the splitter tries, in
// folded form: an optional conjunction (و ف), an optional preposition
// (ب ك ل) and an optional article (ال). The article after ل is written لل.
var proclitics = func() []string {
	seen := map[string]bool{}
	var out []string
	for _, conj := range []string{"", "و", "ف"} {
		for _, prep := range []string{"", "ب", "ك", "ل"} {
			for _, art := range []string{"", "ال"} {
				p := conj + prep + art
				if prep == "ل" && art == "ال" {
					p = conj + "لل"
				}
				if p != "" && !seen[p] {
					seen[p] = true
					out = append(out, p)
				}
			}
		}
	}
	return out
}()

// Splits returns every reading of the folded word key as (prefix, stem)
// where the stem keeps at least two letters: the unsplit form first, then by
// growing prefix, the longest last. After لل (ل + ال) it also offers the stem
// with its article restored, ("ل", "المغرب") for "للمغرب", since names are
// usually known with their article. Latin keys have only the unsplit form.
// The caller keeps the reading whose stem is a known word or entity; blind
// stemming would mangle names.
func Splits(key string) []Split {
	out := []Split{{Stem: key}}
	if key == "" || !isArabicLetterRune(firstRune(key)) {
		return out
	}
	for _, p := range proclitics {
		if !strings.HasPrefix(key, p) {
			continue
		}
		stem := key[len(p):]
		if strings.HasSuffix(p, "لل") {
			restored := Split{Prefix: p[:len(p)-len("ل")], Stem: "ال" + stem}
			if utf8.RuneCountInString(stem) >= 2 {
				out = appendSplit(out, restored)
			}
		}
		if utf8.RuneCountInString(stem) >= 2 && isArabicLetterRune(firstRune(stem)) {
			out = appendSplit(out, Split{Prefix: p, Stem: stem})
		}
	}
	// Stable sort by prefix length keeps the documented order.
	for i := 1; i < len(out); i++ {
		for j := i; j > 1 && len(out[j].Prefix) < len(out[j-1].Prefix); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func appendSplit(out []Split, s Split) []Split {
	for _, o := range out {
		if o == s {
			return out
		}
	}
	return append(out, s)
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isArabicLetterRune(r rune) bool {
	return (0x0620 <= r && r <= 0x064A) || (0x066E <= r && r <= 0x06D3) || (0x06FA <= r && r <= 0x06FF)
}
