package neo4j

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/kgraph/kgraph/graph"
)

func TestValidate(t *testing.T) {
	ok := graph.Batch{
		Article:  graph.Article{ID: "a1", SHA256: "x"},
		Entities: []graph.Entity{{ID: "country:MA", Type: graph.TypeCountry}, {ID: "org:afg", Type: graph.TypeOrganization}},
		Relations: []graph.Relation{
			{Subject: "country:MA", Predicate: graph.CoChairs, Object: "org:afg", Article: "a1"},
		},
		Attributes: []graph.Attribute{{Subject: "org:afg", Name: "member_count", Value: "84", Article: "a1"}},
	}
	tests := []struct {
		name   string
		mutate func(b *graph.Batch)
		want   error // nil: valid
	}{
		{"valid", func(*graph.Batch) {}, nil},
		{"unknown predicate", func(b *graph.Batch) { b.Relations[0].Predicate = "LIKES`]->() DETACH DELETE (n) //" }, graph.ErrUnknownPredicate},
		{"unknown type", func(b *graph.Batch) { b.Entities[0].Type = "Country:Admin" }, graph.ErrUnknownType},
		{"attribute with backtick", func(b *graph.Batch) { b.Attributes[0].Name = "x` = 1 //" }, ErrBadAttribute},
		{"attribute clobbering name", func(b *graph.Batch) { b.Attributes[0].Name = "name" }, ErrBadAttribute},
		{"attribute upper case", func(b *graph.Batch) { b.Attributes[0].Name = "Founded" }, ErrBadAttribute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := ok
			b.Entities = append([]graph.Entity(nil), ok.Entities...)
			b.Relations = append([]graph.Relation(nil), ok.Relations...)
			b.Attributes = append([]graph.Attribute(nil), ok.Attributes...)
			tt.mutate(&b)
			err := validate(b)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("validate: %v", err)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("validate = %v, want %v", err, tt.want)
			}
		})
	}
	if err := validate(graph.Batch{}); err == nil {
		t.Error("batch without article id accepted")
	}
}

func TestBuildRows(t *testing.T) {
	a1 := graph.Batch{
		Article: graph.Article{ID: "a1", Title: "T1", SHA256: "h1", Published: "2022-05-11"},
		Entities: []graph.Entity{
			{ID: "country:MA", Type: graph.TypeCountry, Name: "Morocco", NameAR: "المغرب", Aliases: []string{"المملكة", ""},
				Mentions: []graph.Mention{
					{Article: "a1", Start: 0, End: 6, Text: "المغرب"},
					{Article: "a1", Start: 20, End: 27, Text: "المملكة"},
					{Article: "a1", Start: 40, End: 46, Text: "المغرب"},
					{Article: "other", Start: 1, End: 2, Text: "x"},
				}},
			{ID: "org:afg", Type: graph.TypeOrganization, Name: "Africa Focus Group"},
			// The same entity listed twice folds into one mention row.
			{ID: "country:MA", Type: graph.TypeCountry, Aliases: []string{"Maroc"},
				Mentions: []graph.Mention{{Article: "a1", Start: 60, End: 65, Text: "Maroc"}}},
		},
		Relations: []graph.Relation{
			{Subject: "country:MA", Predicate: graph.CoChairs, Object: "org:afg", Article: "a1", Evidence: "s1", Confidence: 0.7},
			{Subject: "country:MA", Predicate: graph.CoChairs, Object: "org:afg", Article: "a1", Evidence: "s2", Confidence: 0.9},
			{Subject: "country:MA", Predicate: graph.MemberOf, Object: "org:afg", Article: "a1", Evidence: "s3", Confidence: 0.8,
				Properties: map[string]any{"since": "2014"}},
		},
		Attributes: []graph.Attribute{
			{Subject: "org:afg", Name: "member_count", Value: "84", Article: "a1", Evidence: "e"},
			{Subject: "org:afg", Name: "member_count", Value: "84", Article: "a1", Evidence: "again"},
		},
	}
	a2 := graph.Batch{
		Article:  graph.Article{ID: "a2", SHA256: "h2"},
		Entities: []graph.Entity{{ID: "country:MA", Type: graph.TypeCountry, Name: "Morocco"}, {ID: "org:afg", Type: graph.TypeOrganization}},
		Relations: []graph.Relation{
			{Subject: "country:MA", Predicate: graph.CoChairs, Object: "org:afg", Article: "a2", Evidence: "t1", Confidence: 0.6},
		},
	}
	r := buildRows([]graph.Batch{a1, a2})

	if got := r.articles[1]["props"].(map[string]any)["title"]; got != nil {
		t.Errorf("empty title should be nil (removes the property), got %#v", got)
	}
	if len(r.entities) != 2 || r.entities[0]["id"] != "country:MA" || r.entities[1]["id"] != "org:afg" {
		t.Errorf("entity rows = %v, want one per entity across the group, sorted", r.entities)
	}
	if n := len(r.mentions); n != 4 {
		t.Fatalf("mention rows = %d, want 4 (one per article and entity)", n)
	}
	ma := r.mentions[0]
	if got, want := ma["names"], []string{"المغرب", "المملكة", "Maroc"}; !reflect.DeepEqual(got, want) {
		t.Errorf("names = %v, want %v", got, want)
	}
	if got, want := ma["spans"], []string{"0:6", "20:27", "40:46", "60:65"}; !reflect.DeepEqual(got, want) {
		t.Errorf("spans = %v, want %v", got, want)
	}
	if got := ma["count"]; got != int64(4) {
		t.Errorf("count = %v, want 4", got)
	}
	if got, want := ma["aliases"], []string{"المملكة", "Maroc"}; !reflect.DeepEqual(got, want) {
		t.Errorf("aliases = %v, want %v", got, want)
	}
	if got := r.mentions[3]["names"]; !reflect.DeepEqual(got, []string{}) {
		t.Errorf("entity without mentions: names = %#v, want empty list", got)
	}
	// Alias counts: how many articles of the group use each form.
	if len(r.aliases) != 1 {
		t.Fatalf("alias rows = %v, want one per entity with forms (org:afg has none)", r.aliases)
	}
	if got, want := r.aliases[0]["forms"], []string{"Maroc", "المغرب", "المملكة"}; !reflect.DeepEqual(got, want) {
		t.Errorf("forms = %v, want %v", got, want)
	}
	if got, want := r.aliases[0]["counts"], []int64{1, 1, 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("counts = %v, want %v", got, want)
	}
	// Derived properties come from the latest article: a2 has no date,
	// which sorts first, so a1 (2022) is the latest.
	props := map[string]any{}
	for _, p := range r.props {
		if p["entity"] == "country:MA" {
			props[p["prop"].(string)] = p["value"]
		}
	}
	if want := map[string]any{"name": "Morocco", "name_ar": "المغرب", "type": graph.TypeCountry}; !reflect.DeepEqual(props, want) {
		t.Errorf("country:MA props = %v, want %v", props, want)
	}

	if len(r.evidence) != 3 {
		t.Fatalf("evidence rows = %d, want 3 (one per fact and article)", len(r.evidence))
	}
	if got := r.evidence[0]["evidence"]; got != "s2" {
		t.Errorf("evidence = %v, want the most confident sentence of the article", got)
	}
	if got := r.evidence[1]["properties"]; got != `{"since":"2014"}` {
		t.Errorf("properties = %v", got)
	}
	if r.evidence[0]["id"] == r.evidence[2]["id"] {
		t.Error("two articles' evidence of one fact share an id")
	}
	if len(r.facts) != 2 {
		t.Fatalf("fact rows = %v, want 2 (one per subject, predicate, object)", r.facts)
	}
	co := r.facts[0]
	if co["predicate"] != graph.CoChairs || co["n"] != int64(2) || co["confidence"] != 0.9 || co["first"] != "2022-05-11" || co["last"] != "2022-05-11" {
		t.Errorf("CO_CHAIRS row = %v", co)
	}
	if r.nRelations != 3 {
		t.Errorf("nRelations = %d, want 3", r.nRelations)
	}
	if len(r.states) != 1 {
		t.Errorf("attribute rows = %d, want 1 (repeat within an article dropped)", len(r.states))
	}
}

func TestGroups(t *testing.T) {
	s := &Store{batchSize: 2}
	var bs []graph.Batch
	for _, id := range []string{"a", "b", "c", "c", "d"} {
		bs = append(bs, graph.Batch{Article: graph.Article{ID: id}})
	}
	var got []string
	for _, g := range s.groups(bs) {
		var ids []string
		for _, b := range g {
			ids = append(ids, b.Article.ID)
		}
		got = append(got, strings.Join(ids, ","))
	}
	if want := []string{"a,b", "c", "c,d"}; !reflect.DeepEqual(got, want) {
		t.Errorf("groups = %v, want %v", got, want)
	}
}

func TestRedact(t *testing.T) {
	s := &Store{password: "s3cret-pw"}
	err := s.wrap("connect", fmt.Errorf("server said: bad credentials s3cret-pw"))
	if strings.Contains(err.Error(), "s3cret-pw") {
		t.Errorf("password in error: %v", err)
	}
	for in, want := range map[string]string{
		"neo4j+s://user:pw@db.example.com:7687": "neo4j+s://db.example.com:7687",
		"bolt://127.0.0.1:7687":                 "bolt://127.0.0.1:7687",
	} {
		if got := redactURI(in); got != want {
			t.Errorf("redactURI(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestChunk(t *testing.T) {
	got := chunk([]int{1, 2, 3, 4, 5}, 2)
	if want := [][]int{{1, 2}, {3, 4}, {5}}; !reflect.DeepEqual(got, want) {
		t.Errorf("chunk = %v, want %v", got, want)
	}
	if got := chunk([]int{}, 3); len(got) != 0 {
		t.Errorf("chunk(empty) = %v", got)
	}
}
