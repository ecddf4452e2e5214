package memsink

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/kgraph/kgraph/graph"
)

func batch(id, sha string, preds ...string) graph.Batch {
	b := graph.Batch{
		Article: graph.Article{ID: id, SHA256: sha, Source: "src"},
		Entities: []graph.Entity{
			{ID: "country:MA", Type: graph.TypeCountry, Name: "Morocco", Aliases: []string{"المملكة"},
				Mentions: []graph.Mention{{Article: id, Text: "المغرب"}}},
			{ID: "org:x", Type: graph.TypeOrganization, Name: "X"},
		},
	}
	for _, p := range preds {
		b.Relations = append(b.Relations, graph.Relation{Subject: "country:MA", Predicate: p, Object: "org:x", Article: id})
	}
	return b
}

func TestWriteReplaceRetract(t *testing.T) {
	ctx := context.Background()
	s := New()
	for _, b := range []graph.Batch{
		batch("a", "1", graph.MemberOf),
		batch("b", "1", graph.CoChairs),
		batch("a", "1", graph.MemberOf),                 // unchanged
		batch("a", "2", graph.MemberOf, graph.CoChairs), // changed
	} {
		if err := s.Write(ctx, b); err != nil {
			t.Fatalf("write %s: %v", b.Article.ID, err)
		}
	}
	if got, want := s.Stats(), (Stats{Articles: 2, Writes: 3, Unchanged: 1, Relations: 3}); got != want {
		t.Errorf("stats = %+v, want %+v", got, want)
	}
	if b, _ := s.Batch("a"); b.Article.SHA256 != "2" || len(b.Relations) != 2 {
		t.Errorf("article a not replaced: %+v", b.Article)
	}
	hashes, _ := s.ArticleHashes(ctx, "src")
	if want := map[string]string{"a": "2", "b": "1"}; !reflect.DeepEqual(hashes, want) {
		t.Errorf("hashes = %v, want %v", hashes, want)
	}
	es, _ := s.Entities(ctx)
	if len(es) != 2 || !reflect.DeepEqual(es[0].Aliases, []string{"المغرب", "المملكة"}) {
		t.Errorf("entities = %+v", es)
	}
	if err := s.Retract(ctx, []string{"a", "nope"}); err != nil {
		t.Fatal(err)
	}
	if bs := s.Batches(); len(bs) != 1 || bs[0].Article.ID != "b" {
		t.Errorf("after retract: %+v", bs)
	}
}

func TestValidationAndHooks(t *testing.T) {
	ctx := context.Background()
	s := New()
	if err := s.Write(ctx, batch("a", "1", "LIKES")); !errors.Is(err, graph.ErrUnknownPredicate) {
		t.Errorf("unknown predicate: %v", err)
	}
	boom := errors.New("boom")
	s.FailWrite = func(b graph.Batch) error {
		if b.Article.ID == "bad" {
			return boom
		}
		return nil
	}
	s.FailRetract = func([]string) error { return boom }
	s.FailSchema = boom
	if err := s.Write(ctx, batch("bad", "1")); !errors.Is(err, boom) {
		t.Errorf("FailWrite hook: %v", err)
	}
	if err := s.Write(ctx, batch("good", "1")); err != nil {
		t.Errorf("good write: %v", err)
	}
	if err := s.Retract(ctx, []string{"good"}); !errors.Is(err, boom) {
		t.Errorf("FailRetract hook: %v", err)
	}
	if err := s.CreateSchema(ctx); !errors.Is(err, boom) {
		t.Errorf("FailSchema: %v", err)
	}
	if st := s.Stats(); st.Articles != 1 || st.SchemaCreated != 1 {
		t.Errorf("stats = %+v", st)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := s.Write(cancelled, batch("c", "1")); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled write: %v", err)
	}
}

func TestLock(t *testing.T) {
	ctx := context.Background()
	now := time.Unix(0, 0)
	s := New()
	s.SetClock(func() time.Time { return now })
	steps := []struct {
		op, owner string
		want      bool
	}{
		{"acquire", "r1", true},
		{"acquire", "r2", false},
		{"acquire", "r1", true},
		{"release", "r2", false},
		{"acquire", "r2", false},
		{"expire", "", false},
		{"acquire", "r2", true},
		{"release", "r2", false},
		{"acquire", "r1", true},
	}
	for i, st := range steps {
		switch st.op {
		case "acquire":
			if got, _ := s.AcquireLock(ctx, "l", st.owner, time.Minute); got != st.want {
				t.Fatalf("step %d: acquire %s = %v, want %v", i, st.owner, got, st.want)
			}
		case "release":
			s.ReleaseLock(ctx, "l", st.owner)
		case "expire":
			now = now.Add(2 * time.Minute)
		}
	}
	if err := s.RefreshLock(ctx, "l", "r2", time.Minute); !errors.Is(err, ErrLockLost) {
		t.Errorf("refresh by non-owner: %v", err)
	}
	if err := s.RefreshLock(ctx, "l", "r1", time.Minute); err != nil {
		t.Errorf("refresh by owner: %v", err)
	}
}
