package source

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kgraph/kgraph/extract"
)

func TestWalkLimits(t *testing.T) {
	big := strings.Repeat("word ", 300) // 1,500 bytes
	dir := tree(t, map[string]string{
		"1-ok.txt":        "short text",
		"2-big.txt":       big,
		"3-big.md":        "---\nid: m\n---\n" + big,
		"4-lines.jsonl":   `{"id":"l1","text":"ok"}` + "\n" + `{"id":"l2","text":"` + big + `"}` + "\n" + `{"id":"l3","text":"` + strings.Repeat("x", 70000) + `"}` + "\n" + `{"id":"l4","text":"ok too"}` + "\n",
		"5-array.json":    `[{"id":"j1","text":"` + big + `"},{"id":"j2","text":"fine"}]`,
		"6-nul.txt":       "some\x00text\x00with\x00nuls",
		"7-ctrl.txt":      strings.Repeat("\x01\x02\x03abc", 50),
		"8-json-nul.json": `{"id":"jn","text":"a\u0000b"}`,
		"9-tabs.txt":      "a\ttab\fform feed\vand\r\nlines\n",
	})
	r := walk(t, Walker{Paths: []string{dir}, MaxArticleBytes: 1000})
	if got, want := r.ids(), "1-ok,l1,l4,j2,9-tabs"; got != want {
		t.Errorf("ids = %s, want %s", got, want)
	}
	wantErrs := []string{
		"2-big.txt: article too large: 1500 bytes, over the limit of 1000 bytes",
		"3-big.md: article too large: 1514 bytes",
		"4-lines.jsonl: line 2: article too large: 1500 bytes",
		"4-lines.jsonl: line 3: article too large: over the limit of 1000 bytes",
		"5-array.json: record 0: article too large: 1500 bytes",
		"6-nul.txt: binary data, not text (NUL bytes)",
		"7-ctrl.txt: binary data, not text (150 control characters in 300)",
		"8-json-nul.json: binary data, not text (NUL bytes)",
	}
	if len(r.errs) != len(wantErrs) {
		t.Fatalf("errors = %q, want %d", r.errs, len(wantErrs))
	}
	for i, w := range wantErrs {
		if !strings.HasPrefix(r.errs[i], w) {
			t.Errorf("error %d = %q, want prefix %q", i, r.errs[i], w)
		}
	}
	// A negative limit reads everything; the default is 2 MiB.
	if r := walk(t, Walker{Paths: []string{filepath.Join(dir, "2-big.txt")}, MaxArticleBytes: -1}); len(r.articles) != 1 {
		t.Errorf("no limit: %d articles, errors %q", len(r.articles), r.errs)
	}
	if r := walk(t, Walker{Paths: []string{filepath.Join(dir, "2-big.txt")}}); len(r.articles) != 1 {
		t.Errorf("default limit refused 1.5 KB: %q", r.errs)
	}
}

func TestWalkLimitStdin(t *testing.T) {
	in := strings.NewReader(strings.Repeat("unending text ", 1000))
	var errs []error
	err := Walker{Paths: []string{Stdin}, Stdin: in, MaxArticleBytes: 100}.Walk(context.Background(),
		func(extract.Article) error { t.Error("article emitted"); return nil },
		func(_ string, err error) { errs = append(errs, err) })
	if err != nil || len(errs) != 1 || !errors.Is(errs[0], ErrTooLarge) {
		t.Fatalf("err %v, errors %v; want one ErrTooLarge", err, errs)
	}
	if in.Len() == 0 {
		t.Error("stdin was read to the end; want it refused after the limit")
	}
}

// TestHugeArticleRefusedFast: a 50 MB article is refused from its size, in
// well under a second, and the next file still goes through.
func TestHugeArticleRefusedFast(t *testing.T) {
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "a-huge.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil { // sparse: cheap to make
		t.Fatal(err)
	}
	f.Close()
	os.WriteFile(filepath.Join(dir, "b-next.txt"), []byte("next article"), 0o644)
	start := time.Now()
	r := walk(t, Walker{Paths: []string{dir}})
	took := time.Since(start)
	if len(r.errs) != 1 || !strings.Contains(r.errs[0], "52428800 bytes, over the limit of 2097152 bytes") || r.ids() != "b-next" {
		t.Fatalf("errors %q, ids %s", r.errs, r.ids())
	}
	if took > time.Second {
		t.Errorf("took %v to refuse a 50 MB article, want < 1s", took)
	}
}

func TestCheckText(t *testing.T) {
	for _, tt := range []struct {
		text   string
		binary bool
	}{
		{"plain text", false},
		{"يستضيف المغرب\u200f الاجتماع", false},
		{strings.Repeat("a", 200) + "\x1b", false}, // one stray escape in 201 characters
		{strings.Repeat("a", 50) + "\x1b", true},   // 1 in 51 is about 2%
		{"\x00", true},
		{string(bytes.Repeat([]byte{0x7f}, 10)), true},
		{"\u0085\u0090", true}, // C1 controls
	} {
		err := checkText(tt.text)
		if (err != nil) != tt.binary || err != nil && !errors.Is(err, ErrBinary) {
			t.Errorf("checkText(%q) = %v, want binary %v", tt.text, err, tt.binary)
		}
	}
}
