package browser

import (
	"fmt"
	"io"
	"strings"

	"github.com/kgraph/kgraph/graph"
	"github.com/kgraph/kgraph/graph/viz"
)

// rule is one GraSS rule: a selector and its properties, in order.
type rule struct {
	selector string
	props    [][2]string
}

// diameters keep an Arabic name legible inside the circle: Browser fits
// the caption into the node and cuts what does not fit, and events and
// bodies have the longest names.
var diameters = map[string]string{
	graph.TypeCountry: "70px", graph.TypeCity: "62px", graph.TypeLocation: "62px",
	graph.TypeOrganization: "90px", graph.TypePerson: "70px", graph.TypeEvent: "100px",
}

// styleRules returns the GraSS rules of the kgraph style.
func styleRules() []rule {
	rules := []rule{
		{"node", [][2]string{{"diameter", "60px"}, {"color", "#A5ABB6"}, {"border-color", "#9AA1AC"}, {"border-width", "2px"},
			{"text-color-internal", "#FFFFFF"}, {"font-size", "11px"}, {"caption", "{name}"}}},
		{"relationship", [][2]string{{"color", "#8D939C"}, {"shaft-width", "2px"}, {"font-size", "9px"}, {"padding", "3px"},
			{"text-color-external", "#333333"}, {"text-color-internal", "#FFFFFF"}, {"caption", "<type>"}}},
	}
	for _, t := range graph.EntityTypes {
		c := viz.ColourOf(t)
		font := "11px"
		if t == graph.TypeEvent || t == graph.TypeOrganization {
			font = "10px" // the longest names: a smaller font fits more of them
		}
		rules = append(rules, rule{"node." + t, [][2]string{{"color", c.Fill}, {"border-color", c.Border},
			{"text-color-internal", c.Text}, {"diameter", diameters[t]}, {"font-size", font}, {"caption", "{name}"}}})
	}
	a := viz.ColourOf("Article")
	rules = append(rules,
		// Articles show their title; an article without one stays blank
		// rather than showing its file path.
		rule{"node.Article", [][2]string{{"color", a.Fill}, {"border-color", a.Border}, {"text-color-internal", a.Text},
			{"diameter", "50px"}, {"font-size", "9px"}, {"caption", "{title}"}}},
		rule{"node.Evidence", [][2]string{{"color", "#F0E442"}, {"border-color", "#B8AD1F"}, {"text-color-internal", "#000000"},
			{"diameter", "34px"}, {"font-size", "8px"}, {"caption", "{predicate}"}}},
		// Provenance edges are drawn faint, so the facts stand out.
		rule{"relationship.MENTIONS", [][2]string{{"color", "#DDDDDD"}, {"shaft-width", "1px"}, {"font-size", "8px"},
			{"text-color-external", "#AAAAAA"}, {"caption", "<type>"}}},
		rule{"relationship.STATES", [][2]string{{"color", "#DDDDDD"}, {"shaft-width", "1px"}, {"font-size", "8px"},
			{"text-color-external", "#999999"}, {"caption", "{name}"}}},
		rule{"relationship.SUPPORTS", [][2]string{{"color", "#E6DF8A"}, {"shaft-width", "1px"}, {"font-size", "8px"},
			{"text-color-external", "#AAAAAA"}, {"caption", "<type>"}}},
	)
	return rules
}

// WriteStyle writes the GraSS style sheet. It has no comment: Browser's
// GraSS parser would take one as part of the first selector.
func WriteStyle(w io.Writer) error {
	var b strings.Builder
	for _, r := range styleRules() {
		fmt.Fprintf(&b, "%s {\n", r.selector)
		for _, p := range r.props {
			v := p[1]
			if p[0] == "caption" {
				v = `"` + v + `"`
			}
			fmt.Fprintf(&b, "  %s: %s;\n", p[0], v)
		}
		b.WriteString("}\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
