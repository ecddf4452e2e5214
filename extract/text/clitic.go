package text

import (
	"sort"
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
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) < len(out[j]) })
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
	out := make([]Split, 0, 4)
	ForEachSplit(key, func(s Split) bool {
		out = appendSplit(out, s)
		return true
	})
	return out
}

// ForEachSplit calls yield with each reading Splits returns, in the same
// order, without building the slice, until yield returns false. It
// allocates only for the restored article after لل.
func ForEachSplit(key string, yield func(Split) bool) {
	if !yield(Split{Stem: key}) || len(key) < 2 {
		return
	}
	switch firstRune(key) {
	case 'و', 'ف', 'ب', 'ك', 'ل', 'ا':
	default:
		return
	}
	for _, p := range proclitics {
		if len(p) >= len(key) || key[:len(p)] != p {
			continue
		}
		stem := key[len(p):]
		if utf8.RuneCountInString(stem) < 2 {
			continue
		}
		if strings.HasSuffix(p, "لل") {
			if !yield(Split{Prefix: p[:len(p)-len("ل")], Stem: "ال" + stem}) {
				return
			}
		}
		if isArabicLetterRune(firstRune(stem)) && !yield(Split{Prefix: p, Stem: stem}) {
			return
		}
	}
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
