package text

import (
	"unicode/utf8"
)

// Split is one reading of a word as proclitics followed by a stem.
type Split struct{ Prefix, Stem string }

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
	if !yield(Split{Stem: key}) || len(key) < 4 {
		return
	}
	// A reading is a prefix length in bytes; restore marks ل + (ا)ل....
	type reading struct {
		n       int
		restore bool
	}
	var rs [12]reading
	k := 0
	add := func(n int, restore bool) {
		rs[k] = reading{n, restore}
		k++
	}
	conjs := [2]int{0, -1}
	if hasPrefix2(key, 0, "و") || hasPrefix2(key, 0, "ف") {
		conjs[1] = 2
	}
	for _, c := range conjs {
		if c < 0 {
			continue
		}
		preps := [2]int{0, -1}
		lam := hasPrefix2(key, c, "ل")
		if lam || hasPrefix2(key, c, "ب") || hasPrefix2(key, c, "ك") {
			preps[1] = 2
		}
		for _, p := range preps {
			if p < 0 {
				continue
			}
			base := c + p
			if base > 0 {
				add(base, false)
			}
			switch {
			case p > 0 && lam:
				if hasPrefix2(key, base, "ل") { // لل: ل + the article, its alef elided
					add(base+2, false)
					add(base, true)
				}
			case hasPrefix2(key, base, "ا") && hasPrefix2(key, base+2, "ل"):
				add(base+4, false)
			}
		}
	}
	// Order by prefix length; the restored reading goes after the plain one
	// of the same prefix.
	for i := 1; i < k; i++ {
		for j := i; j > 0 && (rs[j].n < rs[j-1].n || (rs[j].n == rs[j-1].n && !rs[j].restore && rs[j-1].restore)); j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
	for _, r := range rs[:k] {
		if r.restore {
			after := key[r.n+2:] // past لل
			if utf8.RuneCountInString(after) < 2 {
				continue
			}
			if !yield(Split{Prefix: key[:r.n], Stem: "ا" + key[r.n:]}) {
				return
			}
			continue
		}
		stem := key[r.n:]
		if utf8.RuneCountInString(stem) < 2 || !isArabicLetterRune(firstRune(stem)) {
			continue
		}
		if !yield(Split{Prefix: key[:r.n], Stem: stem}) {
			return
		}
	}
}

// hasPrefix2 reports whether key holds the two-byte letter l at byte i.
func hasPrefix2(key string, i int, l string) bool {
	return i+2 <= len(key) && key[i] == l[0] && key[i+1] == l[1]
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
