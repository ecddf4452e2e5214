// Package browser makes what Neo4j Browser needs to show the kgraph graph
// well: a GraSS style sheet with the picture's palette (graph/viz) and a
// guide whose slides hold runnable queries (guide.txt, embedded).
package browser

import (
	_ "embed"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
)

//go:embed guide.txt
var guideText string

// Slide is one page of the guide.
type Slide struct {
	Title string
	Parts []Part
}

// Part is a paragraph of prose or a runnable block.
type Part struct {
	Text  string // prose, with `code` and **bold**
	Query string // a Cypher query or a Browser command such as ":param x => 'y'"
}

// Guide returns the slides of the kgraph guide.
func Guide() ([]Slide, error) { return parseGuide(guideText) }

func parseGuide(src string) ([]Slide, error) {
	var slides []Slide
	var cur *Slide
	var block []string
	inBlock := false
	for i, line := range strings.Split(src, "\n") {
		switch {
		case inBlock && line == "```":
			inBlock = false
			cur.Parts = append(cur.Parts, Part{Query: strings.Join(block, "\n")})
			block = nil
		case inBlock:
			block = append(block, line)
		case strings.HasPrefix(line, "# "), line == "#":
			// comment
		case line == "---":
			cur = nil
		case strings.HasPrefix(line, "## "):
			slides = append(slides, Slide{Title: strings.TrimPrefix(line, "## ")})
			cur = &slides[len(slides)-1]
		case strings.TrimSpace(line) == "":
		case cur == nil:
			return nil, fmt.Errorf("guide line %d: text before a slide title", i+1)
		case line == "```cypher":
			inBlock = true
		default:
			cur.Parts = append(cur.Parts, Part{Text: line})
		}
	}
	if inBlock {
		return nil, fmt.Errorf("guide: unclosed ```cypher block")
	}
	return slides, nil
}

// Params returns the parameters the guide's ":param" commands set, as
// Cypher would see them (string literals only).
func Params(slides []Slide) (map[string]any, error) {
	params := map[string]any{}
	for _, s := range slides {
		for _, p := range s.Parts {
			name, value, ok := paramCommand(p.Query)
			if !ok {
				continue
			}
			v, err := stringLiteral(value)
			if err != nil {
				return nil, fmt.Errorf("guide %q: %w", p.Query, err)
			}
			if _, dup := params[name]; !dup {
				params[name] = v
			}
		}
	}
	return params, nil
}

var paramRe = regexp.MustCompile(`^:param\s+([A-Za-z_][A-Za-z0-9_]*)\s*=>\s*(.+?)\s*$`)

func paramCommand(q string) (name, value string, ok bool) {
	m := paramRe.FindStringSubmatch(q)
	if m == nil {
		return "", "", false
	}
	return m[1], m[2], true
}

func stringLiteral(s string) (string, error) {
	if len(s) < 2 || s[0] != '\'' || s[len(s)-1] != '\'' {
		return "", fmt.Errorf("want a single-quoted string, not %s", s)
	}
	return strings.ReplaceAll(s[1:len(s)-1], `\'`, `'`), nil
}

// Queries returns every Cypher query of the guide (not the commands).
func Queries(slides []Slide) []string {
	var qs []string
	for _, s := range slides {
		for _, p := range s.Parts {
			if p.Query != "" && !strings.HasPrefix(p.Query, ":") {
				qs = append(qs, p.Query)
			}
		}
	}
	return qs
}

var (
	codeRe = regexp.MustCompile("`([^`]+)`")
	boldRe = regexp.MustCompile(`\*\*([^*]+)\*\*`)
)

func prose(s string) string {
	s = html.EscapeString(s)
	s = codeRe.ReplaceAllString(s, "<code>$1</code>")
	return boldRe.ReplaceAllString(s, "<b>$1</b>")
}

// WriteGuideHTML writes the guide in Neo4j Browser's guide format, which
// `:play URL` shows as a deck of slides whose queries run on a click.
func WriteGuideHTML(w io.Writer, slides []Slide) error {
	var b strings.Builder
	b.WriteString(`<style type="text/css" media="screen">
.kgraph-guide pre.runnable { white-space: pre-wrap; }
.kgraph-guide [dir=rtl] { text-align: right; }
</style>
<article class="guide kgraph-guide">
  <carousel class="deck container-fluid">
`)
	for _, s := range slides {
		b.WriteString("    <slide class=\"row-fluid\">\n      <div class=\"col-sm-12\">\n")
		fmt.Fprintf(&b, "        <h3>%s</h3>\n", html.EscapeString(s.Title))
		for _, p := range s.Parts {
			if p.Query != "" {
				fmt.Fprintf(&b, "        <pre class=\"pre-scrollable code runnable\">%s</pre>\n", html.EscapeString(p.Query))
			} else {
				fmt.Fprintf(&b, "        <p dir=\"auto\">%s</p>\n", prose(p.Text))
			}
		}
		b.WriteString("      </div>\n    </slide>\n")
	}
	b.WriteString("  </carousel>\n</article>\n")
	_, err := io.WriteString(w, b.String())
	return err
}
