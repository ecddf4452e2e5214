package extract

import (
	"strings"
	"unicode"

	"github.com/kgraph/kgraph/extract/text"
	"github.com/kgraph/kgraph/graph"
)

// NumberedEvents recognises events named by an acronym and a number: COP28,
// COP 28, TICAD 9. Every spelling of one name is one event (its key is the
// acronym and the number), so "COP28" in one sentence and "COP 28" in
// another, or in another article, are one node. An Arabic name of that shape
// (تيكاد 8) counts only after an event head (قمة تيكاد 8), since an Arabic
// word and a number is most often something else (المادة 102).
type NumberedEvents struct{}

func (NumberedEvents) Recognize(d *Document, s *Sentence) {
	ws := s.words
	for i := 0; i < len(ws); i++ {
		if s.covered[i] != nil {
			continue
		}
		acr, num, last := numberedName(ws, i)
		if acr == "" {
			continue
		}
		if ws[i].Kind == text.Word && !(i > 0 && ws[i-1].fs != nil && ws[i-1].fs.eventHead) {
			continue
		}
		key := "ev:" + strings.ToLower(acr) + " " + num
		l := d.byKey[key]
		if l == nil {
			l = d.newLocal(graph.TypeEvent, s.surface(i, last))
			l.eventKey = key
			l.numbered = true
			d.byKey[key] = l
		}
		d.addName(l, s.surface(i, last))
		d.add(s, &mention{first: i, last: last, phrase: i, ent: l, prep: ws[i].pre})
		i = last
	}
}

// numberedName reads an acronym and its number at word i: "COP28" (one
// word), "TICAD 9" or "تيكاد 8" (two). The acronym is 3 to 6 capital Latin
// letters (or one Arabic word) and the number one or two digits.
func numberedName(ws []word, i int) (acr, num string, last int) {
	w := ws[i]
	if w.Kind == text.Latin {
		letters := strings.TrimRightFunc(w.Text, unicode.IsDigit)
		if digits := w.Text[len(letters):]; digits != "" && isCapsAcronym(letters) && len(digits) <= 2 {
			return letters, digits, i
		}
	}
	if i+1 >= len(ws) || ws[i+1].Kind != text.Number || len(ws[i+1].Key) > 2 {
		return "", "", 0
	}
	switch {
	case w.Kind == text.Latin && isCapsAcronym(w.Text):
		return w.Text, ws[i+1].Key, i + 1
	case w.Kind == text.Word && w.pre == "" && !strings.HasPrefix(w.Key, "ال"):
		return w.Key, ws[i+1].Key, i + 1
	}
	return "", "", 0
}

func isCapsAcronym(s string) bool {
	if len(s) < 3 || len(s) > 6 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}
