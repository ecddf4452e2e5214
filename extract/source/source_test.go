package source

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgraph/kgraph/extract"
)

// tree writes files (path -> content) under a new temp dir and returns it.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type result struct {
	articles []extract.Article
	errs     []string // "base name: message"
}

func (r result) ids() string {
	ids := make([]string, len(r.articles))
	for i, a := range r.articles {
		ids[i] = a.ID
	}
	return strings.Join(ids, ",")
}

func walk(t *testing.T, w Walker) result {
	t.Helper()
	var r result
	err := w.Walk(context.Background(), func(a extract.Article) error {
		r.articles = append(r.articles, a)
		return nil
	}, func(path string, err error) {
		r.errs = append(r.errs, filepath.Base(path)+": "+err.Error())
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return r
}

func hashOf(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func TestWalkFormats(t *testing.T) {
	dir := tree(t, map[string]string{
		"b/plain.txt": "The minister arrived in Rabat on Monday.\n",
		"a/post.md": "---\nid: post-7\ntitle: A title\nurl: https://example.com/p\nsource: Example\npublished: 2022-05-11\nlang: en\n---\n" +
			"Body text of the post.\n",
		"a/nofm.md":   "No front matter here, the text is all.\n",
		"c/one.json":  `{"id": 42, "title": "One", "published": "2022-05-11T23:30:00-05:00", "text": "يستضيف المغرب اليوم الاجتماع"}`,
		"c/many.json": `[{"id":"m1","text":"first article text"}, {"text":"second without id"}]`,
		"d/feed.jsonl": `{"id":"f1","text":"line one text","published":"Wed, 11 May 2022 10:00:00 +0000"}` + "\n\n" +
			`{"text":"Le ministre est arrivé dans la ville pour une réunion avec les délégués."}` + "\n",
		"d/skip.csv":      "id,text\n1,nope\n",
		".hidden/x.txt":   "hidden text",
		"e/.also-hid.txt": "hidden text",
	})
	r := walk(t, Walker{Paths: []string{dir}})
	if len(r.errs) > 0 {
		t.Fatalf("unexpected errors: %v", r.errs)
	}
	// Lexical order of paths: a/nofm.md, a/post.md, b/plain.txt, c/many.json, c/one.json, d/feed.jsonl.
	if got, want := r.ids(), "nofm,post-7,plain,m1,many-1,42,f1,feed-1"; got != want {
		t.Fatalf("ids = %s, want %s", got, want)
	}
	byID := map[string]extract.Article{}
	for _, a := range r.articles {
		byID[a.ID] = a
	}
	root := filepath.Base(dir)
	tests := []struct {
		id, field, got, want string
	}{
		{"post-7", "title", byID["post-7"].Title, "A title"},
		{"post-7", "url", byID["post-7"].URL, "https://example.com/p"},
		{"post-7", "source (metadata wins)", byID["post-7"].Source, "Example"},
		{"post-7", "published", byID["post-7"].Published, "2022-05-11"},
		{"post-7", "text without front matter", byID["post-7"].Text, "Body text of the post.\n"},
		{"nofm", "text", byID["nofm"].Text, "No front matter here, the text is all.\n"},
		{"plain", "source (root dir name)", byID["plain"].Source, root},
		{"plain", "lang detected", byID["plain"].Lang, "en"},
		{"plain", "sha256", byID["plain"].SHA256, hashOf("The minister arrived in Rabat on Monday.")},
		{"plain", "path", byID["plain"].Path, filepath.Join(dir, "b", "plain.txt")},
		{"42", "numeric id", byID["42"].ID, "42"},
		{"42", "published keeps its own zone's date", byID["42"].Published, "2022-05-11"},
		{"42", "lang detected", byID["42"].Lang, "ar"},
		{"f1", "RFC 1123 date", byID["f1"].Published, "2022-05-11"},
		{"feed-1", "lang fr", byID["feed-1"].Lang, "fr"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s %s = %q, want %q", tt.id, tt.field, tt.got, tt.want)
		}
	}
}

func TestWalkBadFilesContinue(t *testing.T) {
	dir := tree(t, map[string]string{
		"1-good.txt":    "good text",
		"2-bad.txt":     "bad \xff\xfe utf8",
		"3-empty.txt":   " \n\t\n",
		"4-broken.json": `[{"id":"j1","text":"ok one"}, {"id": "j2", "text": ]`,
		"5-lines.jsonl": `{"id":"l1","text":"ok"}` + "\n" + `{not json}` + "\n" + `{"id":"l3"}` + "\n" + `{"id":"l4","text":"ok too"}` + "\n",
		"6-date.txt":    "fine",
		"7-fm.md":       "---\npublished: yesterday\n---\ntext\n",
		"8-open.md":     "---\nid: x\nno closing\n",
		"9-good.txt":    "also good",
	})
	r := walk(t, Walker{Paths: []string{dir}})
	if got, want := r.ids(), "1-good,j1,l1,l4,6-date,9-good"; got != want {
		t.Errorf("ids = %s, want %s", got, want)
	}
	wantErrs := []string{
		"2-bad.txt: text is not valid UTF-8",
		"3-empty.txt: empty text",
		"4-broken.json: record 1: bad JSON at byte",
		"5-lines.jsonl: line 2: invalid character",
		`5-lines.jsonl: line 3: no "text" field`,
		`7-fm.md: article 7-fm: published "yesterday": not a date`,
		"8-open.md: front matter: no closing --- line",
	}
	if len(r.errs) != len(wantErrs) {
		t.Fatalf("errors = %q, want %d", r.errs, len(wantErrs))
	}
	for i, w := range wantErrs {
		if !strings.HasPrefix(r.errs[i], w) {
			t.Errorf("error %d = %q, want prefix %q", i, r.errs[i], w)
		}
	}
}

func TestWalkStdin(t *testing.T) {
	tests := []struct {
		name, in, ids, lang string
	}{
		{"plain text", "\n  نص عربي قصير عن الاجتماع", "stdin", "ar"},
		{"json lines", `{"id":"a","text":"x y"}` + "\n" + `{"text":"the cat and the dog"}` + "\n", "a,stdin-1", "en"},
		{"pretty single object", "{\n  \"text\": \"the end\"\n}\n", "stdin-0", "en"},
		{"array", `[{"id":"p","text":"the x"},{"id":"q","text":"the y"}]`, "p,q", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := walk(t, Walker{Paths: []string{"-"}, Stdin: strings.NewReader(tt.in), Source: "feed"})
			if len(r.errs) > 0 {
				t.Fatalf("errors: %v", r.errs)
			}
			if r.ids() != tt.ids {
				t.Errorf("ids = %s, want %s", r.ids(), tt.ids)
			}
			last := r.articles[len(r.articles)-1]
			if last.Lang != tt.lang || last.Source != "feed" || last.Path != "-" {
				t.Errorf("last article lang=%q source=%q path=%q", last.Lang, last.Source, last.Path)
			}
		})
	}
}

func TestWalkSourceAndIDs(t *testing.T) {
	dir := tree(t, map[string]string{
		"news/x.txt":     "one",
		"news/sub/x.txt": "two", // same stem: the second is a clash, not a silent overwrite
		"news/y.txt":     "three",
	})
	root := filepath.Join(dir, "news")
	r := walk(t, Walker{Paths: []string{root}})
	if r.ids() != "x,y" {
		t.Errorf("ids = %s, want x,y", r.ids())
	}
	if len(r.errs) != 1 || !strings.Contains(r.errs[0], `article id "x" already read from`) {
		t.Errorf("errors = %q, want one id clash", r.errs)
	}
	for _, a := range r.articles {
		if a.Source != "news" {
			t.Errorf("%s: Source = %q, want the root dir name", a.ID, a.Source)
		}
	}
	// A single file given directly takes its parent directory's name; a
	// configured source wins over both.
	r = walk(t, Walker{Paths: []string{filepath.Join(root, "y.txt")}})
	if r.articles[0].Source != "news" {
		t.Errorf("file root Source = %q, want news", r.articles[0].Source)
	}
	r = walk(t, Walker{Paths: []string{root}, Source: "configured"})
	if r.articles[0].Source != "configured" {
		t.Errorf("Source = %q, want configured", r.articles[0].Source)
	}
}

func TestWalkMissingRootStopsBeforeReading(t *testing.T) {
	dir := tree(t, map[string]string{"a.txt": "text"})
	called := false
	err := Walk(context.Background(), []string{dir, filepath.Join(dir, "nope")}, nil,
		func(extract.Article) error { called = true; return nil }, nil)
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v, want not-exist", err)
	}
	if called {
		t.Error("articles were read although a root is missing")
	}
}

func TestWalkStopsOnCallbackError(t *testing.T) {
	dir := tree(t, map[string]string{"a.txt": "a", "b.txt": "b", "c.jsonl": `{"text":"c"}` + "\n" + `{"text":"d"}`})
	stop := errors.New("stop")
	n := 0
	err := Walk(context.Background(), []string{dir}, nil, func(a extract.Article) error {
		n++
		if a.ID == "c-0" {
			return stop
		}
		return nil
	}, func(p string, err error) { t.Errorf("onError(%s, %v)", p, err) })
	if !errors.Is(err, stop) || n != 3 {
		t.Errorf("err = %v after %d articles, want stop after 3", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Walk(ctx, []string{dir}, nil, func(extract.Article) error { return nil }, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled walk err = %v", err)
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a\r\nb\rc\n", "a\nb\nc"},
		{"  lead kept\t \ntrail  \n\n\n", "  lead kept\ntrail"},
		{"\n\nx\n", "x"},
		{"e\u0301", "\u00e9"}, // NFD -> NFC
		{"", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if hashOf(Normalize("é\r\n")) != hashOf(Normalize("e\u0301\n")) {
		t.Error("NFD/CRLF variants hash differently")
	}
}

func TestNormalizeDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2022-05-11", "2022-05-11"},
		{"2022-05-11T08:00:00Z", "2022-05-11"},
		{"2022-05-11 08:00:00", "2022-05-11"},
		{"2022/05/11", "2022-05-11"},
		{"Wed, 11 May 2022 10:00:00 GMT", "2022-05-11"},
		{"May 11, 2022", "2022-05-11"},
		{"11 May 2022", "2022-05-11"},
		{"2022-05", "2022-05"},
		{"2022", "2022"},
		{"", ""},
		{"11/05/2022", "error"},
		{"soon", "error"},
	}
	for _, tt := range tests {
		got, err := NormalizeDate(tt.in)
		if err != nil {
			got = "error"
		}
		if got != tt.want {
			t.Errorf("NormalizeDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDetectLanguage(t *testing.T) {
	tests := []struct{ text, want string }{
		{"استقبل وزير الخارجية نظيره الأمريكي في الرباط", "ar"},
		{"استقبل وزير الخارجية Antony Blinken في الرباط يوم الأربعاء", "ar"},
		{"The minister met his counterpart in Rabat.", "en"},
		{"Le ministre a reçu son homologue dans la capitale pour une visite.", "fr"},
		{"Министр встретился с коллегой", ""},
		{"12345 !!", ""},
	}
	for _, tt := range tests {
		if got := DetectLanguage(tt.text); got != tt.want {
			t.Errorf("DetectLanguage(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func ExampleRootSource() {
	fmt.Println(RootSource("-"))
	// Output: stdin
}
