package viz

import "github.com/kgraph/kgraph/graph"

// Colour is one entity type's fill and the text colour readable on it.
type Colour struct {
	Fill, Border, Text string
}

// Palette gives each entity type its colour in the HTML picture and in the
// Neo4j Browser style (graph/browser), so both read the same way. The hues
// are the Okabe–Ito set, which stays distinct for colour-blind readers.
var Palette = map[string]Colour{
	graph.TypeCountry:      {Fill: "#E69F00", Border: "#B07800", Text: "#000000"},
	graph.TypeCity:         {Fill: "#56B4E9", Border: "#2F8CC0", Text: "#000000"},
	graph.TypeLocation:     {Fill: "#009E73", Border: "#00714F", Text: "#FFFFFF"},
	graph.TypeOrganization: {Fill: "#0072B2", Border: "#004F7D", Text: "#FFFFFF"},
	graph.TypePerson:       {Fill: "#CC79A7", Border: "#A1527E", Text: "#000000"},
	graph.TypeEvent:        {Fill: "#D55E00", Border: "#9E4500", Text: "#FFFFFF"},
	"Article":              {Fill: "#BBBBBB", Border: "#888888", Text: "#000000"},
}

// Fallback is the colour of a type the palette does not know.
var Fallback = Colour{Fill: "#999999", Border: "#666666", Text: "#000000"}

// ColourOf returns the colour of an entity type.
func ColourOf(typ string) Colour {
	if c, ok := Palette[typ]; ok {
		return c
	}
	return Fallback
}
