package extract

import (
	"testing"

	"github.com/kgraph/kgraph/graph"
)

// entityOf returns the surviving entity that a mention with this exact
// text belongs to, or nil.
func entityOf(d *Document, text string) *local {
	for _, l := range d.locals {
		for _, m := range l.mentions {
			if m.Text == text {
				return l.final()
			}
		}
	}
	return nil
}

// TestAliases: the short forms one article gives an entity are that
// entity, when exactly one entity fits; the default chain runs, tagger
// included, since the names come from every recogniser.
func TestAliases(t *testing.T) {
	cases := []struct {
		name, lang, text string
		same             [][2]string // mention texts that must be one entity
		apart            [][2]string // mention texts that must stay two
	}{
		{name: "an acronym of the words", lang: "en",
			text: "Northwind Trading Corporation reported higher sales on Monday. A spokesman for NTC said the results beat forecasts.",
			same: [][2]string{{"NTC", "Northwind Trading Corporation"}}},
		{name: "an acronym without its connectors", lang: "en",
			text: "The Bank of Southern Provinces raised its rates. Officials at BSP said the rise came too soon.",
			same: [][2]string{{"BSP", "Bank of Southern Provinces"}}},
		{name: "a designator left out", lang: "en",
			text: "Brightwater Group said it would appeal against the fine. Brightwater lost a similar case in May.",
			same: [][2]string{{"Brightwater", "Brightwater Group"}}},
		{name: "a word that is no designator", lang: "en",
			text:  "Orion Pictures said it would appeal against the fine. Orion lost a similar case in May.",
			apart: [][2]string{{"Orion", "Orion Pictures"}}},
		{name: "a bare given name", lang: "en",
			text: "Alice Marwood, a nurse from Leeds, won the award. Alice said she was delighted.",
			same: [][2]string{{"Alice", "Alice Marwood"}}},
		{name: "a bare given name before the full name", lang: "ar",
			text: "وقالت شقيقتها سلمى إن العائلة تنتظر. وأضافت سلمى بنعلي أن التحقيق مستمر.",
			same: [][2]string{{"سلمى", "سلمى بنعلي"}}},
		{name: "a given name two people share", lang: "en",
			text:  "Tom Baxter met Tom Hollis in Leeds on Friday. Tom said the talks went well.",
			apart: [][2]string{{"Tom Baxter", "Tom Hollis"}}},
		{name: "an Arabic given name alone", lang: "ar",
			text: "استقبلت الوزيرة سلمى بنعلي وفدا من رجال الأعمال. وقالت سلمى إن اللقاء كان مثمرا.",
			same: [][2]string{{"سلمى", "سلمى بنعلي"}}},
		{name: "an Arabic family name without its article", lang: "ar",
			text: "وصرح رئيس الحزب سعيد الكتاني بأن الحزب سيشارك. وأضاف كتاني أن القرار نهائي.",
			same: [][2]string{{"كتاني", "سعيد الكتاني"}}},
		{name: "a longer form of a full name", lang: "ar",
			text: "التقى الأمير فيصل بن سلطان وزير الخارجية. وكان فيصل بن سلطان بن فهد قد وصل أمس.",
			same: [][2]string{{"فيصل بن سلطان", "فيصل بن سلطان بن فهد"}}},
		{name: "an Arabic body and its qualified name", lang: "ar",
			text: "أعلن المجلس الوطني الانتقالي عن موعد الانتخابات. وقال المجلس الوطني إن الموعد نهائي.",
			same: [][2]string{{"المجلس الوطني", "المجلس الوطني الانتقالي"}}},
		{name: "a ministry qualified by a nisba", lang: "ar",
			text:  "وأصدرت وزارة الخارجية الإسبانية بيانا. وقالت وزارة الخارجية إن البيان واضح.",
			apart: [][2]string{{"وزارة الخارجية", "وزارة الخارجية الإسبانية"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := readWith(t, c.lang, c.text, nil)
			for _, p := range c.same {
				a, b := entityOf(d, p[0]), entityOf(d, p[1])
				if a == nil || b == nil || a != b {
					t.Errorf("%q and %q: want one entity, got %v and %v\nspans %q", p[0], p[1], a, b, spansOf(d))
				}
			}
			for _, p := range c.apart {
				a, b := entityOf(d, p[0]), entityOf(d, p[1])
				if a == nil || b == nil || a == b {
					t.Errorf("%q and %q: want two entities, got %v and %v\nspans %q", p[0], p[1], a, b, spansOf(d))
				}
			}
		})
	}
}

// TestOneNameOneType: a person and a body that share a name in one
// article are one thing; the type more mentions gave wins, and on a tie a
// one-word name that is no given name is a body.
func TestOneNameOneType(t *testing.T) {
	cases := []struct {
		name          string
		personMention int
		orgMentions   int
		personName    string
		want          string
	}{
		{"more mentions as a body", 1, 2, "Rover", graph.TypeOrganization},
		{"a tie on a one-word name", 1, 1, "Rover", graph.TypeOrganization},
		{"a tie on a full name", 1, 1, "Tom Baxter", graph.TypePerson},
		{"more mentions as a person", 3, 1, "Rover", graph.TypePerson},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := readWith(t, "en", "Nothing here.", nil)
			p := d.newLocal(graph.TypePerson, c.personName)
			o := d.newLocal(graph.TypeOrganization, c.personName)
			for i := 0; i < c.personMention; i++ {
				p.mentions = append(p.mentions, graph.Mention{Text: c.personName})
			}
			for i := 0; i < c.orgMentions; i++ {
				o.mentions = append(o.mentions, graph.Mention{Text: c.personName})
			}
			d.unifyTypes()
			if p.final() != o.final() {
				t.Fatalf("not merged")
			}
			if got := p.final().typ; got != c.want {
				t.Errorf("type %s, want %s", got, c.want)
			}
		})
	}
}

// TestNoHomeVisits: a visit to the country the visitor holds a post for is
// dropped; other visits and posts stay.
func TestNoHomeVisits(t *testing.T) {
	rs := []graph.Relation{
		{Subject: "person:a", Predicate: graph.HoldsPosition, Object: "country:US"},
		{Subject: "person:a", Predicate: graph.Visited, Object: "country:US"},
		{Subject: "person:a", Predicate: graph.Visited, Object: "country:MA"},
		{Subject: "person:b", Predicate: graph.Visited, Object: "country:US"},
	}
	got := withoutHomeVisits(rs)
	want := []string{"person:a HOLDS_POSITION country:US", "person:a VISITED country:MA", "person:b VISITED country:US"}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i, r := range got {
		if s := r.Subject + " " + r.Predicate + " " + r.Object; s != want[i] {
			t.Errorf("%d: got %s, want %s", i, s, want[i])
		}
	}
}

// TestPlaceNamedEvents: an event named by its place is the one event of
// its kind the article names by its topic; with two topic-named events of
// that kind it stays apart.
func TestPlaceNamedEvents(t *testing.T) {
	cases := []struct {
		name, lang, text string
		same, apart      [][2]string
	}{
		{name: "a conference by its city, then by its topic", lang: "ar",
			text: "وانعقد مؤتمر وارسو يومي الأربعاء والخميس. وشارك الوزير في مؤتمر السلام والأمن في الشرق الأوسط.",
			same: [][2]string{{"مؤتمر السلام والأمن في الشرق الأوسط", "مؤتمر وارسو"}}},
		{name: "two conferences by their topics", lang: "ar",
			text:  "وانعقد مؤتمر وارسو يومي الأربعاء والخميس. وشارك الوزير في مؤتمر السلام والأمن في الشرق الأوسط ثم في المؤتمر الدولي للطاقة.",
			apart: [][2]string{{"مؤتمر السلام والأمن في الشرق الأوسط", "المؤتمر الدولي للطاقة"}, {"المؤتمر الدولي للطاقة", "مؤتمر وارسو"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := readWith(t, c.lang, c.text, nil)
			for _, p := range c.same {
				if a, b := entityOf(d, p[0]), entityOf(d, p[1]); a == nil || a != b {
					t.Errorf("%q and %q: want one entity\nspans %q", p[0], p[1], spansOf(d))
				}
			}
			for _, p := range c.apart {
				if a, b := entityOf(d, p[0]), entityOf(d, p[1]); a == nil || b == nil || a == b {
					t.Errorf("%q and %q: want two entities\nspans %q", p[0], p[1], spansOf(d))
				}
			}
		})
	}
}
