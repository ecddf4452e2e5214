package score

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgraph/kgraph/graph"
)

func loadTiny(t *testing.T) *Gold {
	t.Helper()
	g, err := Load(filepath.Join("testdata", "tiny.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestMatch(t *testing.T) {
	idx := newGoldIndex(loadTiny(t))
	tests := []struct {
		names []string
		typ   string
		want  string
	}{
		{[]string{"Arab League"}, "", "arab_league"},
		{[]string{"الجامعة العربية"}, "Organization", "arab_league"},
		{[]string{"League of Arab"}, "Organization", "arab_league"}, // Jaccard 3/4
		{[]string{"League of Arab"}, "Person", none},                // wrong class
		{[]string{"Arab"}, "Organization", none},                    // Jaccard 1/2
		{[]string{"الوزير"}, "Person", none},                        // two gold people share it
		{[]string{"الوزير", "Sami Hamdi"}, "Person", none},          // both still score 1.0
		{[]string{"تونس"}, "Country", "tunisia"},
		{[]string{"تونس"}, "Person", none},
		{[]string{"Tunis"}, "city", "tunis"},
		{[]string{"مَصْر"}, "GPE", "egypt"},
		{[]string{"Misr"}, "Country", "egypt"},            // a repeated gold key keeps its last names
		{[]string{"Water Week"}, "Meeting", "water_week"}, // optional entities match too
		{nil, "Country", none},
	}
	for _, tt := range tests {
		if got := idx.match(tt.names, tt.typ); got != tt.want {
			t.Errorf("match(%q, %q) = %q, want %q", tt.names, tt.typ, got, tt.want)
		}
	}
}

// Exact hits of another class leave nothing, and the Jaccard fallback is
// not tried, as in score.py.
func TestMatchExactHitsStopJaccard(t *testing.T) {
	g, err := Parse(strings.NewReader(`{"entities": [
	  {"key": "group", "type": "Organization", "names": ["Blue River Group"]},
	  {"key": "forum", "type": "Event", "names": ["Blue River Group Forum"]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	idx := newGoldIndex(g)
	if got := idx.match([]string{"Blue River Group"}, "Event"); got != none {
		t.Errorf("match = %q, want none", got)
	}
	if got := idx.match([]string{"Blue River Group Forum"}, "Event"); got != "forum" {
		t.Errorf("match = %q, want forum", got)
	}
	if got := idx.match([]string{"River Group Forum"}, "Event"); got != "forum" { // Jaccard 3/4
		t.Errorf("match = %q, want forum", got)
	}
}

func TestScore(t *testing.T) {
	g := loadTiny(t)
	ents := []graph.Entity{
		{ID: "tn", Type: "Country", Name: "Tunisia"},
		{ID: "tunis", Type: "City", Name: "تونس العاصمة"},
		{ID: "summit", Type: "Event", Name: "القمة العربية"},
		{ID: "summit2", Type: "Event", Name: "Arab Summit 2024"},
		{ID: "league", Type: "Organization", Name: "Arab League"},
		{ID: "ghost", Type: "Person", Name: "Nobody"},
	}
	rels := []graph.Relation{
		{Subject: "summit", Predicate: "HOSTED_IN", Object: "tn"},    // inverse of HOSTS
		{Subject: "tunis", Predicate: "HOSTS", Object: "summit2"},    // a city hosting is HELD_IN
		{Subject: "tn", Predicate: "MEMBER_OF", Object: "league"},    // s given as a list
		{Subject: "summit", Predicate: "ORGANIZED_BY", Object: "tn"}, // wrong object
		{Subject: "ghost", Predicate: "ATTENDED", Object: "summit"},  // unmatched subject
		{Subject: "league", Predicate: "PART_OF", Object: "summit2"}, // no such fact
	}
	attrs := []graph.Attribute{
		{Subject: "league", Name: "Founded", Value: "1945-03-22"},
		{Subject: "summit", Name: "date", Value: "2024-05"},
		{Subject: "league", Name: "member_count", Value: "22"},
	}
	r := Score(g, ents, rels, attrs)
	if e := r.Entities; e.Found != 4 || e.Gold != 10 || e.Duplicates != 1 || e.Predicted != 6 {
		t.Errorf("entities = %+v", e)
	}
	if got := r.Entities.Split; len(got) != 1 || got[0].Key != "summit_2024" || strings.Join(got[0].Names, ",") != "Arab Summit 2024,القمة العربية" {
		t.Errorf("split = %+v", got)
	}
	f := r.Facts
	if f.Correct != 3 || f.Found != 3 || f.GoldRequired != 9 || f.Predicted != 6 {
		t.Errorf("facts = %+v", f)
	}
	wantWrong := []string{"summit_2024 ORGANIZED_BY tunisia", "ghost ATTENDED summit", "arab_league PART_OF summit_2024"}
	if strings.Join(f.Wrong, "\n") != strings.Join(wantWrong, "\n") {
		t.Errorf("wrong = %q, want %q", f.Wrong, wantWrong)
	}
	if a := r.Attributes; a.Found != 2 || a.Predicted != 3 || a.Precision != 2.0/3 {
		t.Errorf("attributes = %+v", a)
	}
	var out bytes.Buffer
	r.Print(&out, false)
	want := "entities   recall 0.40 (4/10)  precision 0.83 (6 predicted)  duplicates 1\n" +
		"facts      recall 0.33 (3/9)  precision 0.50 (3/6)  F1 0.40\n" +
		"attributes recall 0.67 (2/3)  precision 0.67 (3 predicted)\n" +
		"questions  0/5 answered exactly\n" +
		"score: facts F1 0.400 entity recall 0.400 questions 0/5\n"
	if out.String() != want {
		t.Errorf("Print:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestScoreFileLaterEntityLineReplaces(t *testing.T) {
	g := loadTiny(t)
	in := `{"kind":"entity","id":"x","type":"Person","name":"Nobody"}
{"kind":"entity","id":"y","type":"City","name":"Cairo"}
{"kind":"entity","id":"x","type":"Country","name":"Egypt"}
`
	r, err := ScoreFile(g, strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if r.Entities.Predicted != 2 || r.Entities.Found != 2 || len(r.Entities.UnmatchedPredicted) != 0 {
		t.Errorf("entities = %+v", r.Entities)
	}
}

func TestScoreFileErrors(t *testing.T) {
	g := loadTiny(t)
	tests := []struct{ in, want string }{
		{"{\"kind\":\"entity\",\"id\":\"a\"}\n\nnot json\n", "line 3: not a JSON object"},
		{`[1, 2]`, "line 1: not a JSON object"},
		{`{"kind":"entity","name":"x"}`, "line 1: entity: no id"},
		{`{"kind":"entity","id":7}`, "line 1: entity: id must be a string"},
		{`{"kind":"entity","id":"a","name":["x"]}`, "line 1: entity: name must be a string"},
		{`{"kind":"relation","subject":["a"]}`, "line 1: relation: subject must be a string"},
	}
	for _, tt := range tests {
		_, err := ScoreFile(g, strings.NewReader(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ScoreFile(%q) error = %v, want it to contain %q", tt.in, err, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ gold, want string }{
		{`[]`, "not a JSON object"},
		{`{}`, `no "entities" list`},
		{`{"entities": [{"type": "City", "names": ["x"]}]}`, `entities: #1: needs a non-empty string "key"`},
		{`{"entities": [{"key": "", "type": "City", "names": ["x"]}]}`, `entities: #1: needs a non-empty string "key"`},
		{`{"entities": [{"key": "k", "type": "City"}]}`, `entities: k: no "names"`},
		{`{"entities": [{"key": "k", "type": "City", "names": [1]}]}`, `entities: k: names: must be a list of strings`},
		{`{"entities": [], "facts": [{"s": "a", "p": "P"}]}`, `facts: #1: no "o"`},
		{`{"entities": [], "facts": [{"s": null, "p": "P", "o": []}]}`, `facts: #1: s: must be a list of strings`},
		{`{"entities": [], "attributes": [{"s": "a", "name": "date", "value": 2014}]}`, `attributes: #1: "value" must be a string`},
		{`{"entities": [], "questions": [{"q": "?", "pattern": "(a)-[HOSTS]->(b)", "answer": []}]}`, `questions: #1: pattern "(a)-[HOSTS]->(b)"`},
	}
	for _, tt := range tests {
		_, err := Parse(strings.NewReader(tt.gold))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%s) error = %v, want it to contain %q", tt.gold, err, tt.want)
		}
	}
}

func TestLoadNamesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.gold.json")
	if err := os.WriteFile(path, []byte(`{"entities": 3}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "entities") {
		t.Errorf("Load error = %v, want the path and the problem", err)
	}
	_, err = Load(filepath.Join(t.TempDir(), "missing.json"))
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("Load(missing) error = %v", err)
	}
}

// A fact whose "o" is a string is tested by substring, as score.py's
// `b in gf["o"]` does, and shown with its characters joined by "|".
func TestObjectGivenAsString(t *testing.T) {
	gold := `{"entities": [
	  {"key": "cairo", "type": "City", "names": ["Cairo"]},
	  {"key": "forum", "type": "Event", "names": ["Forum"]},
	  {"key": "expo", "type": "Event", "names": ["Expo"]}],
	 "facts": [{"s": ["forum", "expo"], "p": "HELD_IN", "o": "cairo"}, {"s": "expo", "p": "HELD_IN", "o": "cairo"}]}`
	g, err := Parse(strings.NewReader(gold))
	if err != nil {
		t.Fatal(err)
	}
	ents := []graph.Entity{{ID: "c", Type: "City", Name: "Cairo"}, {ID: "f", Type: "Event", Name: "Forum"}}
	r := Score(g, ents, []graph.Relation{{Subject: "f", Predicate: "HELD_IN", Object: "c"}}, nil)
	if r.Facts.Correct != 1 || strings.Join(r.Facts.Missing, ";") != "expo HELD_IN c|a|i|r|o" {
		t.Errorf("facts = %+v", r.Facts)
	}
}

func TestArticleKey(t *testing.T) {
	g := &Gold{Articles: []GoldArticle{{"000", "000_abc.txt"}, {"003", "003_def.txt"}}}
	tests := map[string]string{
		"000": "000", "000_abc.txt": "000", "000_abc": "000", "003_anything": "003",
		"corpus/003_def.txt": "003", "corpus/003_def": "003", "004": "",
	}
	for in, want := range tests {
		if got := g.ArticleKey(in); got != want {
			t.Errorf("ArticleKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplitMarshalsAsOrderedObject(t *testing.T) {
	s := Split{{"b", []string{"x", "y"}}, {"a", []string{"z\"q"}}}
	got, err := s.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"b":["x","y"],"a":["z\"q"]}`; string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// TestByConfidence: precision of the relations at or above each threshold,
// from the same correctness as the fact score.
func TestByConfidence(t *testing.T) {
	g := loadTiny(t)
	ents := []graph.Entity{
		{ID: "tn", Type: "Country", Name: "Tunisia"},
		{ID: "summit", Type: "Event", Name: "القمة العربية"},
		{ID: "league", Type: "Organization", Name: "Arab League"},
	}
	rels := []graph.Relation{
		{Subject: "summit", Predicate: "HOSTED_IN", Object: "tn", Confidence: 0.9},     // right
		{Subject: "tn", Predicate: "MEMBER_OF", Object: "league", Confidence: 0.6},     // right
		{Subject: "summit", Predicate: "ORGANIZED_BY", Object: "tn", Confidence: 0.85}, // wrong
		{Subject: "league", Predicate: "PART_OF", Object: "summit", Confidence: 0.3},   // wrong, below both
	}
	b := Score(g, ents, rels, nil).Facts.ByConfidence
	if b[0].Predicted != 2 || b[0].Correct != 1 {
		t.Errorf(">= 0.8: %+v, want 1 of 2", b[0])
	}
	if b[1].Predicted != 3 || b[1].Correct != 2 {
		t.Errorf(">= 0.5: %+v, want 2 of 3", b[1])
	}
}
