package resolve

import (
	"fmt"
	"testing"

	"github.com/kgraph/kgraph/graph"
)

func person(names ...string) *Local {
	return &Local{Type: graph.TypePerson, Name: names[0], Names: names}
}

// TestPeopleKeepTheirGivenNames: two articles, one name each; whether the
// two names resolve to one id.
func TestPeopleKeepTheirGivenNames(t *testing.T) {
	cases := []struct {
		name   string
		first  *Local
		second *Local
		same   bool
	}{
		{"same surname, different given names", person("محمد منصور"), person("أحمد منصور"), false},
		{"omar and amr", person("عمر الشريف"), person("عمرو الشريف"), false},
		{"latin given names differ", person("John Smith"), person("Jane Smith"), false},
		{"the same name spelt with hamza", person("أحمد منصور"), person("احمد منصور"), true},
		{"the same person with his patronymic", person("سلطان بن أحمد الجابر"), person("سلطان الجابر"), true},
		{"a bare surname may be anyone of that name", person("أحمد منصور"), person("منصور"), false},
		{"the same latin name", person("Nasser Bourita"), person("Nasser Bourita"), true},
		{"latin family names differ", person("John Howard"), person("John Redwood"), false},
		{"a latin name and its arabic spelling", person("Nasser Bourita"), person("ناصر بوريطة"), true},
		{"a long foreign given name spelt two ways", person("إيمانويل دوران"), person("إمانويل دوران"), true},
		{"mohammed and mahmoud, both listed", person("محمد عباس"), person("محمود عباس"), false},
		{"short names with the same consonants", person("كريم سالم"), person("كرم سالم"), false},
		{"a nasab chain and its first link", person("فيصل بن سلطان بن فهد"), person("فيصل بن سلطان"), true},
		{"the first link and a longer chain", person("فيصل بن سلطان"), person("فيصل بن سلطان بن فهد"), true},
		{"two chains with different grandfathers", person("فيصل بن سلطان بن فهد"), person("فيصل بن سلطان بن تركي"), false},
		{"a latin nasab chain", person("Faisal bin Sultan bin Fahd"), person("Faisal bin Sultan"), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := New()
			a := r.Resolve("a1", []*Local{c.first})
			b := r.Resolve("a2", []*Local{c.second})
			if got := a[0].ID == b[0].ID; got != c.same {
				t.Errorf("%q and %q: same id = %v (%s, %s), want %v", c.first.Name, c.second.Name, got, a[0].ID, b[0].ID, c.same)
			}
		})
	}
}

// TestSeededPeopleKeepTheirGivenNames: the guard holds against entities
// seeded from the graph too, so a rerun after a crash resolves as a clean run.
func TestSeededPeopleKeepTheirGivenNames(t *testing.T) {
	r := New()
	r.Seed([]graph.Entity{{ID: "person:mhmd-mnsr", Type: graph.TypePerson, Name: "محمد منصور"}})
	got := r.Resolve("a1", []*Local{person("أحمد منصور")})
	if got[0].ID == "person:mhmd-mnsr" {
		t.Fatalf("أحمد منصور took the seeded id of محمد منصور")
	}
	again := r.Resolve("a2", []*Local{person("محمد منصور")})
	if again[0].ID != "person:mhmd-mnsr" {
		t.Fatalf("محمد منصور got %s, want the seeded id", again[0].ID)
	}
}

// TestNameIndependentOfOrder: the name an entity shows does not depend on
// which article came first.
func TestNameIndependentOfOrder(t *testing.T) {
	ar := &Local{Type: graph.TypeCountry, Name: "المغرب", Names: []string{"المغرب"}, LexID: "country:MA", NameAR: "المغرب"}
	en := &Local{Type: graph.TypeCountry, Name: "Morocco", Names: []string{"Morocco"}, LexID: "country:MA", NameEN: "Morocco"}
	name := func(first, second *Local) string {
		r := New()
		r.Resolve("a1", []*Local{first})
		r.Resolve("a2", []*Local{second})
		return r.Entities()[0].Name
	}
	if a, b := name(ar, en), name(en, ar); a != b {
		t.Fatalf("name depends on order: %q vs %q", a, b)
	}
}

func TestMentionsKeptOnlyWhenAsked(t *testing.T) {
	l := func() *Local {
		return &Local{Type: graph.TypeCity, Name: "الرباط", Names: []string{"الرباط"}, Mentions: []graph.Mention{{Article: "a1", Start: 0, End: 6, Text: "الرباط"}}}
	}
	r := New()
	r.KeepMentions = false
	got := r.Resolve("a1", []*Local{l()})
	if len(got[0].Mentions) != 1 {
		t.Fatalf("the article's own view lost its mention: %+v", got[0])
	}
	if ms := r.Entities()[0].Mentions; len(ms) != 0 {
		t.Fatalf("resolver kept %d mentions with KeepMentions off", len(ms))
	}
}

// TestEventsNamedAlikeKeepTheirOrganisers: "spring conference" in two
// articles is one event only if no organiser tells them apart.
func TestEventsNamedAlikeKeepTheirOrganisers(t *testing.T) {
	org := func(name string) *Local {
		return &Local{Type: graph.TypeOrganization, Name: name, Names: []string{name}}
	}
	event := func(by *Local) *Local {
		return &Local{Type: graph.TypeEvent, Name: "spring conference", Names: []string{"spring conference"}, Organiser: by}
	}
	for _, c := range []struct {
		name string
		a, b *Local // organisers, or nil
		same bool
	}{
		{"two parties' conferences", org("Labour Party"), org("Conservative Party"), false},
		{"one party's conference twice", org("Labour Party"), org("Labour Party"), true},
		{"no organiser known", nil, nil, true},
	} {
		r := New()
		var ls1, ls2 []*Local
		e1, e2 := event(c.a), event(c.b)
		if c.a != nil {
			ls1 = append(ls1, c.a)
		}
		if c.b != nil {
			ls2 = append(ls2, c.b)
		}
		r.Resolve("a1", append(ls1, e1))
		r.Resolve("a2", append(ls2, e2))
		if got := e1.ID == e2.ID; got != c.same {
			t.Errorf("%s: same id = %v (%s, %s), want %v", c.name, got, e1.ID, e2.ID, c.same)
		}
	}
}

// TestFamilyNameAcrossArticles: a bare family name in one article is the
// one person of that family name another article named in full, in either
// order; with two such people it is neither, and a bare given name is no
// family name.
func TestFamilyNameAcrossArticles(t *testing.T) {
	for _, c := range []struct {
		name     string
		articles [][]*Local
		same     [2]int // indexes (article order) of the two entities compared
		want     bool
	}{
		{"full name, then the family name", [][]*Local{{person("Tony Blair")}, {person("Blair")}}, [2]int{0, 1}, true},
		{"family name, then the full name", [][]*Local{{person("Blair")}, {person("Tony Blair")}}, [2]int{0, 1}, true},
		{"two people of one family name, then the family name", [][]*Local{{person("Michael Howard")}, {person("John Howard")}, {person("Howard")}}, [2]int{0, 2}, false},
		{"a bare given name", [][]*Local{{person("Jeremy Thorpe")}, {person("Jeremy")}}, [2]int{0, 1}, false},
		{"an arabic family name with and without the article", [][]*Local{{person("عمر البشير")}, {person("البشير")}}, [2]int{0, 1}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := New()
			var ids []string
			for i, ls := range c.articles {
				ids = append(ids, r.Resolve(fmt.Sprintf("a%d", i), ls)[0].ID)
			}
			if got := ids[c.same[0]] == ids[c.same[1]]; got != c.want {
				t.Errorf("same id = %v (%q), want %v", got, ids, c.want)
			}
		})
	}
}
