package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"testing"

	"github.com/kgraph/kgraph/extract"
	"github.com/kgraph/kgraph/graph"
)

// batchesSink keeps every batch it is given, in order.
type batchesSink struct{ got []graph.Batch }

func (s *batchesSink) Write(_ context.Context, b graph.Batch) error {
	s.got = append(s.got, b)
	return nil
}

// TestConcurrentExtractionKeepsOrderAndIds: the real chain reading on
// several goroutines gives exactly what one goroutine gives: the same
// batches, the same ids, in input order, bad files reported in place.
func TestConcurrentExtractionKeepsOrderAndIds(t *testing.T) {
	texts := []string{
		"استقبل وزير الخارجية ناصر بوريطة نظيره الفرنسي في الرباط.",
		"عقد الاتحاد الإفريقي اجتماعا في أديس أبابا بحضور المغرب والنيجر.",
		"Angela Merkel met Emmanuel Macron in Paris on Monday.",
		"وقال بوريطة إن المغرب يدعم الحوار.",
	}
	var src items
	for i := 0; i < 40; i++ {
		if i == 7 {
			src = append(src, item{path: "broken.txt", err: errors.New("not UTF-8")})
		}
		src = append(src, art(fmt.Sprintf("a%02d", i), texts[i%len(texts)]))
	}
	run := func(procs int) ([]graph.Batch, Summary) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		x, err := extract.New()
		if err != nil {
			t.Fatal(err)
		}
		var sink batchesSink
		sum, err := Run(context.Background(), src, x, &sink, Hooks{})
		if err != nil {
			t.Fatal(err)
		}
		return sink.got, sum
	}
	one, sum1 := run(1)
	four, sum4 := run(4)
	if len(one) != 40 || len(four) != 40 {
		t.Fatalf("batches: %d sequential, %d concurrent, want 40", len(one), len(four))
	}
	for i := range one {
		a, _ := json.Marshal(one[i])
		b, _ := json.Marshal(four[i])
		if string(a) != string(b) {
			t.Fatalf("batch %d differs:\n one  %s\n four %s", i, a, b)
		}
	}
	if len(sum1.Failed) != 1 || len(sum4.Failed) != 1 || sum4.Failed[0].Path != "broken.txt" {
		t.Fatalf("failures: %v / %v, want broken.txt once", sum1.Failed, sum4.Failed)
	}
}
