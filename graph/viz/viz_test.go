package viz

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kgraph/kgraph/graph/export"
)

const fixture = `{"kind":"article","id":"a1","sha256":"h1","title":"Old news","published":"2021-03-01"}
{"kind":"article","id":"a2","sha256":"h2","title":"أخبار","published":"2023-06-10"}
{"kind":"entity","id":"country:MA","type":"Country","name":"المغرب","name_ar":"المغرب","name_en":"Morocco","aliases":["المملكة"],"articles":["a1","a2"]}
{"kind":"entity","id":"org:g","type":"Organization","name":"Africa Focus Group","name_ar":"مجموعة التركيز الإفريقي","articles":["a1"]}
{"kind":"entity","id":"event:m","type":"Event","name":"الاجتماع","articles":["a2"]}
{"kind":"entity","id":"city:x","type":"City","name":"نيامي","articles":["a2"]}
{"kind":"relation","subject":"country:MA","predicate":"CO_CHAIRS","object":"org:g","article":"a1","evidence":"يرأس المغرب المجموعة.","confidence":0.9}
{"kind":"relation","subject":"event:m","predicate":"HELD_IN","object":"city:x","article":"a2","evidence":"انعقد الاجتماع في نيامي.","confidence":0.8}
{"kind":"relation","subject":"country:MA","predicate":"HOSTS","object":"event:m","article":"a2","evidence":"يستضيف المغرب الاجتماع.","confidence":0.7}
{"kind":"attribute","subject":"org:g","name":"founded","value":"2014","article":"a1","evidence":"تأسست عام 2014."}
`

func fixtureSource(t *testing.T) export.Source {
	t.Helper()
	path := filepath.Join(t.TempDir(), "g.jsonl")
	if err := os.WriteFile(path, []byte(fixture), 0o644); err != nil {
		t.Fatal(err)
	}
	return &export.FileSource{Path: path}
}

func ids(d *Data) string {
	var s []string
	for _, n := range d.Nodes {
		s = append(s, n.ID)
	}
	return strings.Join(s, " ")
}

func TestBuildSelects(t *testing.T) {
	tests := []struct {
		name      string
		opts      Options
		wantNodes string
		wantEdges int
		wantErr   error
	}{
		{"all", Options{}, "city:x country:MA event:m org:g", 3, nil},
		{"types", Options{Types: []string{"Country", "Organization"}}, "country:MA org:g", 1, nil},
		{"since", Options{Since: "2022"}, "city:x country:MA event:m", 2, nil},
		{"focus wants a whole name", Options{Focus: "مغرب", Depth: 1}, "", 0, ErrNoFocus},
		{"focus by folded name", Options{Focus: "المغرب", Depth: 1}, "country:MA event:m org:g", 2, nil},
		{"focus by English name, two hops", Options{Focus: "morocco", Depth: 2}, "city:x country:MA event:m org:g", 3, nil},
		{"focus by id", Options{Focus: "city:x", Depth: 1}, "city:x event:m", 1, nil},
		{"unknown focus", Options{Focus: "nowhere"}, "", 0, ErrNoFocus},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Build(context.Background(), fixtureSource(t), tt.opts)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(d); got != tt.wantNodes {
				t.Errorf("nodes = %q, want %q", got, tt.wantNodes)
			}
			if len(d.Edges) != tt.wantEdges {
				t.Errorf("edges = %d, want %d", len(d.Edges), tt.wantEdges)
			}
		})
	}
}

func TestBuildCarriesEvidenceAndArticles(t *testing.T) {
	d, err := Build(context.Background(), fixtureSource(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var co *Edge
	for i := range d.Edges {
		if d.Edges[i].Type == "CO_CHAIRS" {
			co = &d.Edges[i]
		}
	}
	if co == nil || len(co.Evidence) != 1 || co.Evidence[0].Sentence != "يرأس المغرب المجموعة." || co.Evidence[0].Article != "a1" || co.Confidence != 0.9 {
		t.Fatalf("CO_CHAIRS edge = %+v", co)
	}
	if d.Articles["a2"].Title != "أخبار" || d.Articles["a1"].Published != "2021-03-01" {
		t.Errorf("articles = %v", d.Articles)
	}
	for _, n := range d.Nodes {
		switch n.ID {
		case "org:g":
			if n.Props["founded"] != "2014" {
				t.Errorf("org props = %v", n.Props)
			}
		case "country:MA":
			if n.Name != "Morocco" || !strings.Contains(n.Keys, "morocco") || !strings.Contains(n.Keys, "المغرب") || len(n.Articles) != 2 {
				t.Errorf("Morocco = %+v", n)
			}
		}
	}
}

func TestRenderIsSelfContained(t *testing.T) {
	d, err := Build(context.Background(), fixtureSource(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	d.Nodes[0].Name = "</script><b>x</b>" // must not end the data element
	var buf bytes.Buffer
	if err := Render(&buf, d, PageOptions{Title: "T & <t>", Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if m := regexp.MustCompile(`(?i)<(script|link|img)[^>]+(src|href)=`).FindString(page); m != "" {
		t.Errorf("page loads something from outside: %s", m)
	}
	if !strings.Contains(page, `data-lang="en"`) || !strings.Contains(page, "<title>T &amp; &lt;t&gt;</title>") {
		t.Error("page lacks its language or escaped title")
	}
	if !strings.Contains(page, "cytoscape") || !strings.Contains(page, "fcose") {
		t.Error("page lacks the embedded libraries")
	}
	m := regexp.MustCompile(`(?s)<script type="application/json" id="kg-data">(.*?)</script>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no data element")
	}
	var back Data
	if err := json.Unmarshal([]byte(m[1]), &back); err != nil {
		t.Fatalf("data does not parse back: %v", err)
	}
	if len(back.Nodes) != len(d.Nodes) || back.Nodes[0].Name != "</script><b>x</b>" {
		t.Errorf("data round trip: %d nodes, first %q", len(back.Nodes), back.Nodes[0].Name)
	}
}

func TestFoldTable(t *testing.T) {
	ft := foldTable()
	for in, want := range map[string]string{"أ": "ا", "إ": "ا", "ة": "ه", "ى": "ي", "\u064E": "", "ـ": "", "٣": "3", "\u2067": ""} {
		if got, ok := ft[in]; !ok || got != want {
			t.Errorf("fold[%q] = %q (%v), want %q", in, got, ok, want)
		}
	}
	if _, ok := ft["A"]; ok {
		t.Error("plain lower-casing is listed; the page does it itself")
	}
}

func TestPaletteCoversTypes(t *testing.T) {
	for _, typ := range []string{"Country", "City", "Location", "Organization", "Person", "Event", "Article"} {
		if ColourOf(typ) == Fallback {
			t.Errorf("no colour for %s", typ)
		}
	}
	if ColourOf("Nope") != Fallback {
		t.Error("unknown type is not the fallback")
	}
}

// TestVendoredMatchesNPM checks that the embedded libraries are the npm
// packages that browsertest/package.json pins, byte for byte.
func TestVendoredMatchesNPM(t *testing.T) {
	nm := filepath.Join("browsertest", "node_modules")
	if _, err := os.Stat(nm); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s missing (CI=true): .ci/run runs npm ci there", nm)
		}
		t.Skipf("%s not installed; run npm ci in graph/viz/browsertest", nm)
	}
	for asset, pkg := range map[string]string{
		"cytoscape.min.js":   "cytoscape/dist/cytoscape.min.js",
		"cytoscape-fcose.js": "cytoscape-fcose/cytoscape-fcose.js",
		"cose-base.js":       "cose-base/cose-base.js",
		"layout-base.js":     "layout-base/layout-base.js",
	} {
		a, err := os.ReadFile(filepath.Join("assets", asset))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(nm, pkg))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("assets/%s differs from npm's %s: update the vendored copy and assets/LICENSES.md", asset, pkg)
		}
	}
}
