package extract

import (
	"strings"

	"github.com/kgraph/kgraph/extract/text"
	"github.com/kgraph/kgraph/graph"
)

// Affiliations finds the memberships English news states with no verb: a
// party's name right before a person's (Labour's Ann Reid, Tory Sam
// Coles, Liberal Democrat Joe Pratt and Kim Lee) and a body in an
// appositive after a name (Ann Reid, of the Rivers Trust).
type Affiliations struct{}

func (Affiliations) FindRelations(d *Document, s *Sentence) {
	d.listedMembers(s)
	if d.lang != "en" {
		return
	}
	d.partyMembers(s)
	d.appositiveBodies(s)
}

// Affiliations state less than a verb or a title does.
const (
	partyMemberConfidence  = 0.8
	listedMemberConfidence = 0.75 // the second and later names of "Labour's A and B"
	appositiveConfidence   = 0.7
)

// partyMembers: a political party named right before a person (nothing,
// or only the possessive, between) says the person belongs to it, and so
// do the people listed after that person with "and".
func (d *Document) partyMembers(s *Sentence) {
	for _, p := range s.mentions {
		if p.first < 0 || p.parent != nil || !d.isParty(s, p) {
			continue
		}
		m := d.mentionAt(s, p.last+1)
		conf := partyMemberConfidence
		for m != nil && m.ent.final().typ == graph.TypePerson && !m.anaphor {
			d.relate(graph.MemberOf, m.ent, p.ent, s, conf)
			conf = listedMemberConfidence
			if m.last+2 >= len(s.words) || s.words[m.last+1].Key != "and" {
				break
			}
			next := m.last + 2
			for next < len(s.words) && honorifics[s.words[next].Key] && s.covered[next] == nil {
				next++ // A and Sir B
			}
			m = d.mentionAt(s, next)
		}
	}
}

// isParty reports whether mention m names a political party: the
// lexicon's (kind political) or a name whose head is "Party".
func (d *Document) isParty(s *Sentence, m *mention) bool {
	if m.ent.final().typ != graph.TypeOrganization {
		return false
	}
	if e, n := s.matchOrg(d.x.lex, m.first); e != nil && n == m.last-m.first+1 {
		return e.Kind == "political"
	}
	return s.words[m.last].Key == "party"
}

// appositiveBodies: "Ann Reid, of the Rivers Trust" / "Ann Reid, from the
// Rivers Trust": the person belongs to the body.
func (d *Document) appositiveBodies(s *Sentence) {
	ws := s.words
	for _, m := range s.mentions {
		if m.first < 0 || m.anaphor || m.ent.final().typ != graph.TypePerson {
			continue
		}
		k := m.last + 1
		if k+2 >= len(ws) || !ws[k].comma || (ws[k+1].Key != "of" && ws[k+1].Key != "from") {
			continue
		}
		k += 2
		if latinArticles[ws[k].Key] {
			k++
		}
		if c := d.mentionAt(s, k); c != nil && c.ent.final().typ == graph.TypeOrganization {
			d.relate(graph.MemberOf, m.ent, c.ent, s, appositiveConfidence)
		}
	}
}

// listedMembers: "leaders of a body, such as A, B and C" (قيادات من حركة
// X، كـA وB والشهيد C): the people listed after a member-group noun and
// its body belong to the body.
func (d *Document) listedMembers(s *Sentence) {
	ws := s.words
	for k := 0; k+3 < len(ws); k++ {
		if !memberGroups[ws[k].stem] && !memberGroups[ws[k].Key] {
			continue
		}
		j := k + 1
		switch ws[j].Key {
		case "من", "في", "of", "from":
			j++
		default:
			continue
		}
		body := d.mentionAt(s, j)
		if body == nil && latinArticles[ws[j].Key] {
			body = d.mentionAt(s, j+1)
		}
		if body == nil || body.ent.final().typ != graph.TypeOrganization {
			continue
		}
		j = body.last + 1
		// The list: "، كـA" in Arabic, "(,) such as A" / "including A" in English.
		if j < len(ws) && ws[j].comma {
			j++
		}
		if j+1 < len(ws) && ws[j].Key == "such" && ws[j+1].Key == "as" {
			j += 2
		} else if j < len(ws) && (ws[j].Key == "including" || ws[j].Key == "مثل") {
			j++
		} else if j >= len(ws) || ws[j].pre != "ك" {
			continue
		}
		for n := 0; n < 8; n++ {
			m := d.mentionAt(s, j)
			if m == nil && j+1 < len(ws) && s.covered[j] == nil && ws[j].Kind == text.Word && (ws[j].pre == "و" || strings.HasPrefix(ws[j].Key, "و")) {
				m = d.mentionAt(s, j+1) // والشهيد A: a word of praise before the name
			}
			if m == nil || m.anaphor || m.ent.final().typ != graph.TypePerson {
				break
			}
			d.relate(graph.MemberOf, m.ent, body.ent, s, listedMemberConfidence)
			j = m.last + 1
			if j < len(ws) && ws[j].comma {
				j++
			}
			if j < len(ws) && ws[j].Key == "and" {
				j++
			}
		}
		k = j - 1
	}
}

// mentionAt is the outermost mention that starts at word k, or nil.
func (d *Document) mentionAt(s *Sentence, k int) *mention {
	if k < 0 || k >= len(s.covered) {
		return nil
	}
	if c := s.covered[k]; c != nil && c.first == k {
		return c
	}
	return nil
}
