package extract

import (
	"strings"

	"github.com/kgraph/kgraph/extract/text"
	"github.com/kgraph/kgraph/graph"
)

// Facts an event's own phrase states once every name of the sentence is
// known: the place right after it (the spring conference in Gateshead,
// الندوة … بمراكش), and in English the party behind a possessive (the
// party's conference) and the person speaking "at" it. The head-phrase
// stage reads these only for names found before it; the tagger's come
// later.
const (
	eventPlaceConfidence     = 0.8
	eventOrganiserConfidence = 0.7 // through an anaphor (the party's)
	eventAttendeeConfidence  = 0.6 // "at the conference": there, not said to take part
)

// eventPhrases states the facts of each event mention in s.
func (d *Document) eventPhrases(s *Sentence) {
	for _, ev := range s.mentions {
		if ev.first < 0 || ev.ent.final().typ != graph.TypeEvent || ev.parent != nil {
			continue
		}
		if place := d.placeAfter(s, ev); place != nil {
			d.relate(graph.HeldIn, ev.ent, place.ent, s, eventPlaceConfidence)
			if !ev.anaphor && place.first <= ev.last+2 {
				d.addName(ev.ent, s.surface(ev.first, place.last)) // the spring conference in Gateshead
			}
		}
		if d.lang != "en" {
			continue
		}
		k := ev.first - 1
		if org := d.mentionEndingAt(s, k); org != nil && org.anaphor && org.ent.final().typ == graph.TypeOrganization {
			d.relate(graph.OrganizedBy, ev.ent, org.ent, s, eventOrganiserConfidence)
			if e := ev.ent.final(); e.organiser == nil {
				e.organiser = org // Labour's spring conference is not the Tories'
			}
			k = org.first - 1
		}
		if k >= 0 && latinArticles[s.words[k].Key] {
			k--
		}
		if k >= 0 && s.words[k].Key == "at" {
			if p := d.sentenceSubject(s, k); p != nil {
				d.relate(graph.Attended, p.ent, ev.ent, s, eventAttendeeConfidence)
			}
		}
	}
}

// placeAfter is the city or country named right after event mention ev
// behind a locative (in Gateshead, في الرباط, بمراكش), or nil.
func (d *Document) placeAfter(s *Sentence, ev *mention) *mention {
	k := d.pastHeldAt(s, ev.last+1)
	if k < len(s.words) && locatives[s.words[k].Key] {
		k++
		if k < len(s.words) && latinArticles[s.words[k].Key] {
			k++
		}
	} else if c := d.mentionAt(s, k); c == nil || !strings.Contains(c.prep, "ب") {
		return nil
	}
	c := d.mentionAt(s, k)
	if c == nil || c.anaphor || c.nisba {
		return nil // in the Iraqi capital: which city is not said here
	}
	if t := c.ent.final().typ; t != graph.TypeCity && t != graph.TypeCountry {
		return nil
	}
	return c
}

// pastHeldAt skips what may stand between an event and where it is held:
// a participle of holding and the date after it (المنعقدة يومي 10 و11
// فبراير، held on 3 May), and a building set off by commas (، بقصر
// المؤتمرات،). It returns k when there is none.
func (d *Document) pastHeldAt(s *Sentence, k int) int {
	ws := s.words
	j := k
	if j < len(ws) && ws[j].comma && j+1 < len(ws) && heldParticiples[ws[j+1].Key] {
		j++ // مجلس الوزراء، المنعقد أمس
	}
	if j < len(ws) && heldParticiples[ws[j].Key] {
		j++
		for n := 0; j < len(ws) && n < 8 && d.dateWord(s, j); n++ {
			j++
		}
		if j < len(ws) && ws[j].comma {
			j++
		}
		return j
	}
	if j < len(ws) && ws[j].comma && j+1 < len(ws) && strings.Contains(ws[j+1].pre, "ب") && (siteHeads[ws[j+1].stem] || placeWords[ws[j+1].stem]) {
		for e := j + 2; e < len(ws) && e < j+7; e++ {
			if ws[e].comma {
				return e + 1 // ، بقصر المؤتمرات، في مراكش
			}
			if ws[e].isPunct() {
				break
			}
		}
	}
	return k
}

// dateWord reports whether word j can be part of a date or time: a
// number, a weekday, a month, a relative day (يومي 10 و11 فبراير، أمس
// الاثنين, on 3 May).
func (d *Document) dateWord(s *Sentence, j int) bool {
	w := s.words[j]
	if w.Kind == text.Number || timeWords[w.stem] || timeWords[w.Key] || calendarWords[w.Key] || dateCues[w.Key] || w.Key == "و" || w.Key == "on" {
		return true
	}
	m, _ := s.month(d.x.lex, j)
	return m > 0
}

// mentionEndingAt is the outermost mention that ends at word k, or nil.
func (d *Document) mentionEndingAt(s *Sentence, k int) *mention {
	if k < 0 || k >= len(s.covered) {
		return nil
	}
	if c := s.covered[k]; c != nil && c.last == k {
		return c
	}
	return nil
}

// sentenceSubject is the person named first in s, before word k, when
// no other person comes between it and k: who the clause is about.
func (d *Document) sentenceSubject(s *Sentence, k int) *mention {
	var first *mention
	for _, m := range s.mentions {
		if m.first < 0 || m.first >= k || m.ent.final().typ != graph.TypePerson || m.parent != nil {
			continue
		}
		if first == nil || m.first < first.first {
			first = m
		}
	}
	if first == nil {
		return nil
	}
	for _, m := range s.mentions {
		if m.first > first.last && m.first < k && m.ent.final().typ == graph.TypePerson && m.ent.final() != first.ent.final() {
			return nil // two people before "at": which one was there is not said
		}
	}
	return first
}
