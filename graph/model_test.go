package graph

import (
	"errors"
	"testing"
)

func TestValidate(t *testing.T) {
	ok := Batch{
		Article:   Article{ID: "a"},
		Entities:  []Entity{{ID: "s", Type: TypeCountry}, {ID: "o", Type: TypeEvent}},
		Relations: []Relation{{Subject: "s", Predicate: Hosts, Object: "o"}},
	}
	tests := []struct {
		name   string
		mutate func(*Batch)
		want   error // nil, a sentinel, or errAny
	}{
		{"valid", func(*Batch) {}, nil},
		{"unknown predicate", func(b *Batch) { b.Relations[0].Predicate = "ADMIRES" }, ErrUnknownPredicate},
		{"injection in predicate", func(b *Batch) { b.Relations[0].Predicate = "HOSTS]->() DETACH DELETE n //" }, ErrUnknownPredicate},
		{"unknown type", func(b *Batch) { b.Entities[0].Type = "Planet" }, ErrUnknownType},
		{"dangling object", func(b *Batch) { b.Relations[0].Object = "nowhere" }, errAny},
		{"dangling attribute", func(b *Batch) { b.Attributes = []Attribute{{Subject: "nowhere", Name: AttrDate}} }, errAny},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := ok
			b.Entities = append([]Entity(nil), ok.Entities...)
			b.Relations = append([]Relation(nil), ok.Relations...)
			tc.mutate(&b)
			err := b.Validate()
			switch {
			case tc.want == nil && err != nil:
				t.Errorf("unexpected error %v", err)
			case tc.want == errAny && err == nil:
				t.Error("want an error")
			case tc.want != nil && tc.want != errAny && !errors.Is(err, tc.want):
				t.Errorf("error %v, want %v", err, tc.want)
			}
		})
	}
}

var errAny = errors.New("any error")

func TestVocabulary(t *testing.T) {
	for _, p := range Predicates {
		if !IsPredicate(p) {
			t.Errorf("%s not a predicate", p)
		}
	}
	for _, s := range []string{"", "hosts", "MENTIONS", "STATES", "HOSTS "} {
		if IsPredicate(s) {
			t.Errorf("%q accepted as a predicate", s)
		}
	}
	if len(Predicates) != 16 {
		t.Errorf("%d predicates, the core vocabulary has 16", len(Predicates))
	}
}
