package browser

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kgraph/kgraph/graph"
	"github.com/kgraph/kgraph/graph/viz"
)

// parseGraSS reads a style sheet back into selector -> property -> value.
func parseGraSS(t *testing.T, s string) map[string]map[string]string {
	t.Helper()
	s = regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllString(s, "")
	out := map[string]map[string]string{}
	for _, m := range regexp.MustCompile(`(?s)([A-Za-z_.]+) \{\n(.*?)\n\}`).FindAllStringSubmatch(s, -1) {
		props := map[string]string{}
		for _, decl := range strings.Split(m[2], ";") {
			k, v, ok := strings.Cut(decl, ":")
			if !ok {
				if strings.TrimSpace(decl) != "" {
					t.Fatalf("bad declaration %q in %s", decl, m[1])
				}
				continue
			}
			props[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
		if _, dup := out[m[1]]; dup {
			t.Fatalf("selector %s twice", m[1])
		}
		out[m[1]] = props
	}
	return out
}

func TestStyle(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteStyle(&buf); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "/*") {
		t.Error("the style has a comment, which Browser's parser glues to the first selector")
	}
	rules := parseGraSS(t, buf.String())
	for _, typ := range graph.EntityTypes {
		r := rules["node."+typ]
		if r == nil {
			t.Fatalf("no rule for %s", typ)
		}
		if c := viz.ColourOf(typ); r["color"] != c.Fill || r["text-color-internal"] != c.Text {
			t.Errorf("%s colour %s/%s, the picture's %s/%s", typ, r["color"], r["text-color-internal"], c.Fill, c.Text)
		}
		if d, _ := strconv.Atoi(strings.TrimSuffix(r["diameter"], "px")); r["caption"] != `"{name}"` || d < 60 {
			t.Errorf("%s: caption %s, diameter %s", typ, r["caption"], r["diameter"])
		}
	}
	if rules["node.Article"]["caption"] != `"{title}"` {
		t.Errorf("Article caption %q, want its title", rules["node.Article"]["caption"])
	}
	if rules["relationship"]["caption"] != `"<type>"` || rules["relationship.STATES"]["caption"] != `"{name}"` {
		t.Errorf("relationship captions: %v %v", rules["relationship"], rules["relationship.STATES"])
	}
}

func TestGuide(t *testing.T) {
	slides, err := Guide()
	if err != nil {
		t.Fatal(err)
	}
	if len(slides) < 8 {
		t.Fatalf("%d slides", len(slides))
	}
	qs := Queries(slides)
	if len(qs) < 10 {
		t.Errorf("%d queries", len(qs))
	}
	params, err := Params(slides)
	if err != nil || params["focus"] != "Morocco" || params["q"] != "المغرب" {
		t.Errorf("params = %v, %v", params, err)
	}
	// Every question of the issue has a slide.
	all := strings.ToLower(fmt.Sprint(slides))
	for _, want := range []string{"co-chairs", "held in a city", "neighbourhood", "evidence", "position", "last load or sync", "search"} {
		if !strings.Contains(all, want) {
			t.Errorf("no slide about %q", want)
		}
	}
	var buf bytes.Buffer
	if err := WriteGuideHTML(&buf, slides); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if n := strings.Count(page, `<slide class="row-fluid">`); n != len(slides) {
		t.Errorf("%d slides in the HTML, want %d", n, len(slides))
	}
	if n := strings.Count(page, `class="pre-scrollable code runnable"`); n != len(qs)+2 {
		t.Errorf("%d runnable blocks, want %d queries and 2 :param commands", n, len(qs))
	}
	if !strings.Contains(page, "&lt;&gt; &#39;Entity&#39;") || !strings.Contains(page, "<code>:Article</code>") {
		t.Error("queries or prose are not escaped and marked up")
	}
}

func TestParseGuideErrors(t *testing.T) {
	for name, src := range map[string]string{
		"text before a title": "hello\n## T\n",
		"unclosed block":      "## T\n```cypher\nRETURN 1\n",
	} {
		if _, err := parseGuide(src); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	s, err := parseGuide("# comment\n## T\nprose\n```cypher\n:param x => 'a'\n```\n---\n## U\n```cypher\nRETURN 1\n```\n")
	if err != nil || len(s) != 2 || s[0].Parts[0].Text != "prose" || s[1].Parts[0].Query != "RETURN 1" {
		t.Fatalf("parse = %+v, %v", s, err)
	}
	if _, err := Params([]Slide{{Parts: []Part{{Query: ":param x => 1"}}}}); err == nil {
		t.Error("a non-string :param: no error")
	}
}
