package viz

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"strings"
	"unicode"

	"github.com/kgraph/kgraph/extract/text"
)

// The vendored libraries (assets/LICENSES.md) and the page's own code.
var (
	//go:embed assets/cytoscape.min.js
	cytoscapeJS string
	//go:embed assets/layout-base.js
	layoutBaseJS string
	//go:embed assets/cose-base.js
	coseBaseJS string
	//go:embed assets/cytoscape-fcose.js
	fcoseJS string
	//go:embed assets/app.js
	appJS string
	//go:embed assets/page.css
	pageCSS string
)

// Page options.
type PageOptions struct {
	Title string
	Lang  string // "ar" (default) or "en": the labels' language when the page opens
}

// Render writes d as one self-contained HTML page.
func Render(w io.Writer, d *Data, opts PageOptions) error {
	lang := opts.Lang
	if lang != "en" {
		lang = "ar"
	}
	title := opts.Title
	if title == "" {
		title = "kgraph"
	}
	dataJSON, err := json.Marshal(d) // escapes <, > and &, so it cannot close the script element
	if err != nil {
		return fmt.Errorf("encode graph: %w", err)
	}
	foldJSON, err := json.Marshal(foldTable())
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	p := func(s ...string) {
		for _, x := range s {
			bw.WriteString(x)
		}
	}
	p(`<!DOCTYPE html>
<html lang="en" data-lang="`, lang, `">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kgraph viz">
<title>`, html.EscapeString(title), `</title>
<style>`, pageCSS, `</style>
</head>
<body>
<header>
<h1>`, html.EscapeString(title), `</h1>
<span id="search-wrap"><input id="search" type="search" placeholder="Search a name (عربي / English)" autocomplete="off" dir="auto"><ul id="results"></ul></span>
<label>Labels <select id="lang"><option value="ar">العربية</option><option value="en">English</option></select></label>
<label>From <input id="since" type="date"></label>
<label>to <input id="until" type="date"></label>
<button id="refine" type="button" title="Run the force-directed layout again from the current positions">Refine layout</button>
<span id="stats"></span>
</header>
<main>
<div id="cy"><div id="legend"></div></div>
<aside id="panel"></aside>
</main>
<script type="application/json" id="kg-data">`)
	bw.Write(dataJSON)
	p(`</script>
<script type="application/json" id="kg-fold">`)
	bw.Write(foldJSON)
	p("</script>\n<script>", cytoscapeJS, "</script>\n<script>", layoutBaseJS, "</script>\n<script>", coseBaseJS,
		"</script>\n<script>", fcoseJS, "</script>\n<script>", appJS, "</script>\n</body>\n</html>\n")
	return bw.Flush()
}

// foldTable maps every character that text.Fold changes, in the scripts a
// name uses, to its folded form, so that the page's search folds a query
// exactly as the extractor folds names. Characters it leaves alone (apart
// from lower-casing) are not listed.
func foldTable() map[string]string {
	table := map[string]string{}
	ranges := [][2]rune{{0x20, 0x24F}, {0x600, 0x6FF}, {0x750, 0x77F}, {0x8A0, 0x8FF}, {0x2000, 0x206F}, {0xFB50, 0xFDFF}, {0xFE70, 0xFEFF}}
	for _, rg := range ranges {
		for r := rg[0]; r <= rg[1]; r++ {
			if !unicode.IsPrint(r) && !unicode.Is(unicode.Cf, r) {
				continue
			}
			s := string(r)
			f := text.Fold(s)
			if unicode.IsSpace(r) {
				f = " "
			}
			if f != strings.ToLower(s) {
				table[s] = f
			}
		}
	}
	return table
}
