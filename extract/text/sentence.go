package text

import (
	_ "embed"
	"strings"
	"unicode"
)

// Sentence is one sentence of a text.
type Sentence struct {
	Text       string // the original slice, trimmed
	Start, End int    // code points into the text passed to Sentences
}

// Bounds on one sentence. Text without full stops (a feed that lost its
// punctuation, a table flattened to one line) would otherwise be a single
// sentence as long as the article, and the work per sentence, and each
// fact's evidence, would grow with it.
const (
	// MaxSentenceWords is the most words (runs of non-space characters) a
	// sentence may have; a longer one is split at the last clause mark
	// (, ، ; ؛ : – —) in its second half, else between words.
	MaxSentenceWords = 200
	// MaxSentenceRunes bounds a sentence's length in code points, for
	// words that are themselves very long.
	MaxSentenceRunes = 4000
)

// Sentences splits s on . ! ? ؟ and line breaks. A full stop does not end a
// sentence inside a number (3.5, 1.000), after a single Latin initial or a
// known abbreviation (U.S., J. Smith, Dr.), inside a domain name, or when
// the next word starts with a lower-case Latin letter. A full stop glued to
// the next Arabic word ("لبنان.افتتحت") does end the sentence. Sentences
// with no letter or digit are dropped. A sentence longer than
// MaxSentenceWords or MaxSentenceRunes is split into pieces within both
// bounds, so the whole split takes time linear in len(s).
func Sentences(s string) []Sentence {
	d := decode(s)
	defer d.release()
	n := len(d.rs)
	var out []Sentence
	start := 0
	emit := func(end int) {
		out = d.appendBounded(out, start, end)
		start = end
	}
	for i := 0; i < n; i++ {
		r := d.rs[i]
		switch {
		case r == '\n' || r == '\r' || r == 0x2028 || r == 0x2029 || r == 0x85:
			emit(i)
		case r == '!' || r == '?' || r == '؟' || r == '…' || (r == '.' && d.endsSentence(i)):
			j := i + 1
			for j < n && isTerminator(d.rs[j]) {
				j++
			}
			for j < n && isCloser(d.rs[j]) {
				j++
			}
			emit(j)
			i = j - 1
		}
	}
	emit(n)
	return out
}

func isTerminator(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == '؟' || r == '…'
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', '›', ')', ']', '}', '﴿':
		return true
	}
	return false
}

// endsSentence reports whether the full stop at i ends a sentence.
func (d runes) endsSentence(i int) bool {
	prev, next := d.at(i-1), d.at(i+1)
	if next == '.' {
		return true // an ellipsis
	}
	if isDigit(prev) && isDigit(next) {
		return false // 3.5, 1.000.000
	}
	if isLatinLetter(prev) || isDigit(prev) {
		if isLatinLetter(next) || isDigit(next) {
			return false // U.S, www.un.org
		}
		w := d.wordBefore(i)
		if len([]rune(w)) == 1 && isLatinLetter(prev) {
			return false // an initial: J. Smith, U.S.
		}
		if abbreviations[strings.ToLower(w)] {
			return false
		}
	}
	// A lower-case Latin word after the stop means the stop was not final.
	j := i + 1
	for j < len(d.rs) && (d.rs[j] == ' ' || d.rs[j] == '\t' || isIgnorable(d.rs[j])) {
		j++
	}
	if r := d.at(j); isLatinLetter(r) && unicode.IsLower(r) {
		return false
	}
	return true
}

// wordBefore returns the run of letters ending just before i.
func (d runes) wordBefore(i int) string {
	j := i
	for j > 0 && unicode.IsLetter(d.rs[j-1]) {
		j--
	}
	return d.slice(j, i)
}

// appendBounded appends the sentence [i, j), split into pieces of at most
// MaxSentenceWords words and MaxSentenceRunes code points.
func (d runes) appendBounded(out []Sentence, i, j int) []Sentence {
	if j-i <= MaxSentenceWords { // fewer runes than the word bound: nothing to split
		if sen, ok := d.sentence(i, j); ok {
			out = append(out, sen)
		}
		return out
	}
	push := func(a, b int) {
		if sen, ok := d.sentence(a, b); ok {
			out = append(out, sen)
		}
	}
	piece := i                   // where the current piece starts
	words := 0                   // words started in the piece
	clause, clauseWords := -1, 0 // just after the piece's last clause mark, and the words before it
	lastSpace := -1              // the piece's last white space
	inWord := false
	for k := i; k < j; k++ {
		r := d.rs[k]
		if unicode.IsSpace(r) {
			inWord = false
			lastSpace = k
			continue
		}
		if !inWord {
			inWord = true
			if words == MaxSentenceWords {
				cut, left := k, 0
				if clause > piece && clauseWords >= MaxSentenceWords/2 {
					cut, left = clause, words-clauseWords
				}
				push(piece, cut)
				piece, words, clause, lastSpace = cut, left, -1, -1
			}
			words++
		}
		if k-piece >= MaxSentenceRunes {
			// A piece of few but very long words: cut at its last space, or
			// inside the word when there is none.
			cut := k
			if lastSpace > piece {
				cut = lastSpace
			}
			push(piece, cut)
			piece, words, clause, lastSpace = cut, 1, -1, -1
		}
		if isClauseMark(r) {
			clause, clauseWords = k+1, words
		}
	}
	push(piece, j)
	return out
}

// isClauseMark reports whether r usually ends a clause inside a sentence.
func isClauseMark(r rune) bool {
	switch r {
	case ',', '،', ';', '؛', ':', '–', '—':
		return true
	}
	return false
}

// sentence trims [i, j) and reports whether it holds a letter or digit.
func (d runes) sentence(i, j int) (Sentence, bool) {
	for i < j && (unicode.IsSpace(d.rs[i]) || isIgnorable(d.rs[i])) {
		i++
	}
	for j > i && (unicode.IsSpace(d.rs[j-1]) || isIgnorable(d.rs[j-1])) {
		j--
	}
	for k := i; k < j; k++ {
		if unicode.IsLetter(d.rs[k]) || isDigit(d.rs[k]) {
			return Sentence{Text: d.slice(i, j), Start: i, End: j}, true
		}
	}
	return Sentence{}, false
}

// abbreviations are Latin words that are usually followed by a full stop
// inside a sentence (data/abbreviations.txt).
var abbreviations = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(abbreviationsFile, "\n") {
		if w := strings.TrimSpace(line); w != "" && !strings.HasPrefix(w, "#") {
			m[w] = true
		}
	}
	return m
}()

//go:embed data/abbreviations.txt
var abbreviationsFile string
