package resolve

import (
	"reflect"
	"testing"

	"github.com/kgraph/kgraph/graph"
)

func TestMentionLogKeepsEveryMentionInOrder(t *testing.T) {
	var m mentionLog
	m.add("city:rabat", "a1", []graph.Mention{{Article: "a1", Start: 0, End: 4, Text: "Rabat"}}, nil)
	// The same entity twice in one article (two local entities merged):
	// the article is listed once, both mentions are kept.
	m.add("city:rabat", "a1", []graph.Mention{{Article: "a1", Start: 20, End: 25, Text: "الرباط"}},
		[]graph.Mention{{Article: "a1", Start: 30, End: 36, Text: "العاصمة"}})
	m.add("city:rabat", "a2", []graph.Mention{{Article: "a2", Start: 3, End: 8, Text: "Rabat"}}, nil)

	e := graph.Entity{ID: "city:rabat"}
	m.fill(&e)
	if want := []string{"a1", "a2"}; !reflect.DeepEqual(e.Articles, want) {
		t.Errorf("articles = %v, want %v", e.Articles, want)
	}
	wantMentions := []graph.Mention{
		{Article: "a1", Start: 0, End: 4, Text: "Rabat"},
		{Article: "a1", Start: 20, End: 25, Text: "الرباط"},
		{Article: "a2", Start: 3, End: 8, Text: "Rabat"},
	}
	if !reflect.DeepEqual(e.Mentions, wantMentions) {
		t.Errorf("mentions = %v, want %v", e.Mentions, wantMentions)
	}
	if want := []graph.Mention{{Article: "a1", Start: 30, End: 36, Text: "العاصمة"}}; !reflect.DeepEqual(e.Refs, want) {
		t.Errorf("refs = %v, want %v", e.Refs, want)
	}

	// An entity the log never saw keeps what it had.
	other := graph.Entity{ID: "country:ma", Articles: []string{"x"}}
	m.fill(&other)
	if !reflect.DeepEqual(other.Articles, []string{"x"}) || other.Mentions != nil {
		t.Errorf("unseen entity changed: %+v", other)
	}
}

func TestNameKeyLeavesOutFillers(t *testing.T) {
	tests := []struct{ a, b string }{
		{"تنظيم داعش", "داعش"},                 // a filler word from data/key_fillers.txt
		{"التحالف الدولي", "تحالف دولي"},       // the article
		{"المؤتمر في الرباط", "مؤتمر بالرباط"}, // في X read as بX
	}
	for _, tt := range tests {
		if NameKey(tt.a) != NameKey(tt.b) {
			t.Errorf("NameKey(%q) = %q, NameKey(%q) = %q: want equal", tt.a, NameKey(tt.a), tt.b, NameKey(tt.b))
		}
	}
	if NameKey("تنظيم القاعدة") == NameKey("تنظيم داعش") {
		t.Error("two groups got one key")
	}
}
