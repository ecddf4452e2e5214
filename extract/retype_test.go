package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/kgraph/kgraph/graph"
)

// taggedPeople stands in for a tagger that reads every occurrence of the
// given names as a person's name, as the English tagger reads a one-word
// company (Kelvane said …); taggedBodies reads them as organisations.
type (
	taggedPeople []string
	taggedBodies []string
)

func (t taggedPeople) Recognize(d *Document, s *Sentence) {
	tagAll(d, s, t, func(name string) *local { return d.person(name) })
}

func (t taggedBodies) Recognize(d *Document, s *Sentence) {
	tagAll(d, s, t, func(name string) *local { return d.entity(graph.TypeOrganization, name, nil) })
}

func tagAll(d *Document, s *Sentence, names []string, ent func(string) *local) {
	for _, name := range names {
		ws := strings.Fields(name)
		for i := 0; i+len(ws) <= len(s.words); i++ {
			ok := s.covered[i] == nil
			for k := 0; ok && k < len(ws); k++ {
				w := s.words[i+k]
				ok = w.Text == ws[k] || w.poss && w.Text+"'s" == ws[k]
			}
			if ok {
				d.add(s, &mention{first: i, last: i + len(ws) - 1, phrase: i, ent: ent(name)})
			}
		}
	}
}

// TestRetype: the cues of a whole article make a name the tagger read as a
// person an organisation, or keep it a person.
func TestRetype(t *testing.T) {
	cases := []struct {
		name, text string
		people     []string // what the stand-in tagger reads as people
		want       map[string]string
	}{
		// A body.
		{"a thing's pronouns after a verb of saying and its possessive",
			"Brantor said it would close two depots. Brantor expects its costs to fall.",
			[]string{"Brantor"}, map[string]string{"Brantor": graph.TypeOrganization}},
		{"shares in it",
			"Shares in Kelvane fell 5% on Monday.",
			[]string{"Kelvane"}, map[string]string{"Kelvane": graph.TypeOrganization}},
		{"a noun only a body has after the name",
			"Kelvane bosses met union leaders in Leeds.",
			[]string{"Kelvane"}, map[string]string{"Kelvane": graph.TypeOrganization}},
		{"its possessive, a capitalised word, then the noun",
			"Kelvane's Midlands factory will close next year.",
			[]string{"Kelvane"}, map[string]string{"Kelvane": graph.TypeOrganization}},
		{"which after its comma",
			"Kelvane, which makes tyres, reported a loss.",
			[]string{"Kelvane"}, map[string]string{"Kelvane": graph.TypeOrganization}},
		{"which after an object, for a one-word name",
			"Investors turned to Kelvane, which owns three mines.",
			[]string{"Kelvane"}, map[string]string{"Kelvane": graph.TypeOrganization}},
		{"a designator after it",
			"Orvane plc reported higher sales.",
			[]string{"Orvane"}, map[string]string{"Orvane": graph.TypeOrganization}},
		{"a longer name used as a body's",
			"The carmaker will sell its Corlan Dasse subsidiary to a rival.",
			[]string{"Corlan Dasse"}, map[string]string{"Corlan Dasse": graph.TypeOrganization}},
		{"who after of stands for the owners, not the body",
			"Kelvane bosses met staff. The owners of Kelvane, who are rich, said nothing.",
			[]string{"Kelvane"}, map[string]string{"Kelvane": graph.TypeOrganization}},
		{"the pronoun after a quote is the speaker's",
			`"Kelvane will grow," he said, and Kelvane bosses agreed.`,
			[]string{"Kelvane"}, map[string]string{"Kelvane": graph.TypeOrganization}},

		// A person, whatever else is said.
		{"a person's pronoun",
			"Harwick said he would sell his shares. Harwick said it was its best year.",
			[]string{"Harwick"}, map[string]string{"Harwick": graph.TypePerson}},
		{"an honorific",
			"Mr Harwick said it would be a long night for its staff.",
			[]string{"Harwick"}, map[string]string{"Harwick": graph.TypePerson}},
		{"a title",
			"Chancellor Harwick said it was its best budget.",
			[]string{"Harwick"}, map[string]string{"Harwick": graph.TypePerson}},
		{"who after its comma",
			"Harwick, who founded a bakery, said it would grow and its bread sells well.",
			[]string{"Harwick"}, map[string]string{"Harwick": graph.TypePerson}},
		{"part of a longer person's name",
			"Harwick said it was over and its time had passed. Dale Harwick left early.",
			[]string{"Dale Harwick", "Harwick"}, map[string]string{"Harwick": graph.TypePerson, "Dale Harwick": graph.TypePerson}},
		{"a longer name needs two strong cues",
			"Gordon Brown said it was a good budget for its time.",
			[]string{"Gordon Brown"}, map[string]string{"Gordon Brown": graph.TypePerson}},
		{"which after a longer name as an object",
			"He played a trumpet that belonged to Dizzy Marle, which is worth a fortune.",
			[]string{"Dizzy Marle"}, map[string]string{"Dizzy Marle": graph.TypePerson}},
		{"one weak cue is not enough",
			"Harwick said it was a shame.",
			[]string{"Harwick"}, map[string]string{"Harwick": graph.TypePerson}},
		{"its after a preposition's object is another's",
			"The absence of Harwick and its effect on the team worried fans.",
			[]string{"Harwick"}, map[string]string{"Harwick": graph.TypePerson}},
		{"which after the last name of a list",
			"He praised Dorn and Harwick, which was unusual.",
			[]string{"Dorn", "Harwick"}, map[string]string{"Dorn": graph.TypePerson, "Harwick": graph.TypePerson}},
		{"its after a noun phrase is the noun's",
			"Harwick defended the film, saying its ending was brave.",
			[]string{"Harwick"}, map[string]string{"Harwick": graph.TypePerson}},
		{"a work's title",
			"Her song Velora, which topped the charts, sold well.",
			[]string{"Velora"}, map[string]string{"Velora": graph.TypePerson}},
	}
	types := func(t *testing.T, text string, people []string, rev []Reviser) map[string]string {
		l := &Language{Recognizers: []Recognizer{Gazetteer{}, TitledPeople{}, taggedPeople(people)}, Revisers: rev}
		d := readWith(t, "en", text, l)
		got := map[string]string{}
		for _, e := range d.locals {
			if e.mergedInto == nil && len(e.mentions) > 0 {
				got[e.name] = e.typ
			}
		}
		return got
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := types(t, c.text, c.people, nil)
			got := types(t, c.text, c.people, []Reviser{Retype{}})
			for name, typ := range c.want {
				if before[name] != graph.TypePerson {
					t.Errorf("%s: %q before Retype, want the stand-in tagger's Person", name, before[name])
				}
				if got[name] != typ {
					t.Errorf("%s: got %q, want %q (all: %v)", name, got[name], typ, got)
				}
			}
		})
	}
}

// TestRetypeBodiesToPeople: a name the tagger read as a body, with
// nothing of a body's in it, is a person's when the article speaks of a
// person and never of a body.
func TestRetypeBodiesToPeople(t *testing.T) {
	cases := []struct {
		name, text string
		bodies     []string // what the stand-in tagger reads as bodies
		want       map[string]string
	}{
		{"an honorific",
			"Lord Harwick will chair the inquiry into the collapse.",
			[]string{"Lord Harwick"}, map[string]string{"Harwick": graph.TypePerson}}, // named as d.person names one
		{"a person's pronoun",
			"Harwick said he would resign in May.",
			[]string{"Harwick"}, map[string]string{"Harwick": graph.TypePerson}},
		{"a title and who",
			"President Dorn flew home. Dorn, who won in 2002, spoke briefly.",
			[]string{"Dorn"}, map[string]string{"Dorn": graph.TypePerson}},

		{"a team is who, however often",
			"Harwick, who lead the table, won again. Harwick, who play on Sunday, are unbeaten.",
			[]string{"Harwick"}, map[string]string{"Harwick": graph.TypeOrganization}},
		{"a title may be a body's",
			"Investors prefer sector leader Kelvane to its rivals.",
			[]string{"Kelvane"}, map[string]string{"Kelvane": graph.TypeOrganization}},
		{"a body cue vetoes",
			"Harwick said he was pleased. Harwick bosses met the unions.",
			[]string{"Harwick"}, map[string]string{"Harwick": graph.TypeOrganization}},
		{"what CompanyAppositives reads vetoes",
			"Kelvane, the largest US retailer, lost the case. Kelvane said he would appeal.",
			[]string{"Kelvane"}, map[string]string{"Kelvane": graph.TypeOrganization}},
		{"what a person owns",
			"Lord Harwick's Folly opened in May. Lord Harwick's Folly, who knows, may run.",
			[]string{"Lord Harwick's Folly"}, map[string]string{"Lord Harwick's Folly": graph.TypeOrganization}},
		{"a title past the honorific",
			"The Lord Chief Justice said he would retire.",
			[]string{"Lord Chief Justice"}, map[string]string{"Lord Chief Justice": graph.TypeOrganization}},
		{"an apostrophe in a name is no possessive",
			"O'Dorn said he would stay.",
			[]string{"O'Dorn"}, map[string]string{"O'Dorn": graph.TypePerson}},
		{"a head noun makes it a body's name",
			"Harwick Council said he was wrong.",
			[]string{"Harwick Council"}, map[string]string{"Harwick Council": graph.TypeOrganization}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := &Language{Recognizers: []Recognizer{taggedBodies(c.bodies)}, Revisers: []Reviser{Retype{}}}
			d := readWith(t, "en", c.text, l)
			got := map[string]string{}
			for _, e := range d.locals {
				if e.mergedInto == nil && len(e.mentions) > 0 {
					got[e.name] = e.typ
				}
			}
			for name, typ := range c.want {
				if got[name] != typ {
					t.Errorf("%s: got %q, want %q (all: %v)", name, got[name], typ, got)
				}
			}
		})
	}
}

// TestRetypeOnlyEnglish: Arabic text keeps the tagger's types.
func TestRetypeOnlyEnglish(t *testing.T) {
	l := &Language{
		Recognizers: []Recognizer{taggedPeople{"Kelvane"}},
		Revisers:    []Reviser{Retype{}},
	}
	d := readWith(t, "ar", "Kelvane bosses met staff. Shares in Kelvane fell.", l)
	for _, e := range d.locals {
		if e.name == "Kelvane" && e.typ != graph.TypePerson {
			t.Errorf("Kelvane: got %q in Arabic text", e.typ)
		}
	}
}

// TestRetypeBeforeFacts: in the built-in English chain, with the tagger,
// the retyped body takes part in the facts found after it: one joins a
// body (MEMBER_OF), not a person.
func TestRetypeBeforeFacts(t *testing.T) {
	text := "Harwick said it would keep its plant. Mark Dolby joined Harwick in 2001. Harwick denied it."
	typeOf := func(d *Document) string {
		for _, e := range d.locals {
			if e.mergedInto == nil && e.name == "Harwick" {
				return e.typ
			}
		}
		return ""
	}
	langs, _ := defaultLanguages(&chainConfig{})
	without := *langs["en"]
	without.Revisers = nil
	if got := typeOf(readWith(t, "en", text, &without)); got != graph.TypePerson {
		t.Skipf("the tagger reads Harwick as %q: nothing to retype", got)
	}
	d := readWith(t, "en", text, nil)
	if got := typeOf(d); got != graph.TypeOrganization {
		t.Errorf("Harwick: got %q, want Organization; spans %q", got, spansOf(d))
	}
	if fs := factsOf(d); !slices.Contains(fs, "Mark Dolby MEMBER_OF Harwick") {
		t.Errorf("facts %q, want Mark Dolby MEMBER_OF Harwick", fs)
	}
}
