package extract

import (
	"fmt"
	"github.com/kgraph/kgraph/extract/text"
	"os"
	"strings"
	"testing"
)

// TestDebugDump prints what the engine sees in a file: KGRAPH_DEBUG=path.
func TestDebugDump(t *testing.T) {
	path := os.Getenv("KGRAPH_DEBUG")
	if path == "" {
		t.Skip("set KGRAPH_DEBUG=file to dump")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	x, err := NewEngine()
	if err != nil {
		t.Fatal(err)
	}
	d := x.read(Article{Text: string(b)})
	defer func() {
		for _, r := range d.rels {
			fmt.Printf("FACT %s %s -> %s  (%s)\n", r.s.final().name, r.pred, r.o.final().name, r.title)
		}
		for _, a := range d.attrs {
			fmt.Printf("ATTR %s %s = %s\n", a.s.final().name, a.name, a.value)
		}
	}()
	for _, st := range dumpSentences(x, string(b)) { // fresh doc, same rules
		fmt.Println(st)
	}
}

func dumpSentences(x *Engine, txt string) []string {
	var out []string
	d := &doc{x: x, a: Article{Text: txt}, lang: guessLang(txt), byLex: map[string]*local{}, byKey: map[string]*local{}, surnames: map[string]*local{}}
	for _, st := range text.Sentences(txt) {
		d.sentNo++
		s := x.newSentence(st, []rune(txt))
		d.cur = s
		d.detect(s)
		nr := len(d.rels)
		d.relations(s)
		var b strings.Builder
		for i, w := range s.words {
			fmt.Fprintf(&b, "%d:%s", i, w.Text)
			if w.pre != "" {
				fmt.Fprintf(&b, "[%s+%s]", w.pre, w.stem)
			}
			if w.quoteOpen {
				b.WriteString("«")
			}
			if w.quoteClose {
				b.WriteString("»")
			}
			b.WriteString(" ")
		}
		b.WriteString("\n")
		for _, m := range s.mentions {
			par := ""
			if m.parent != nil {
				par = fmt.Sprintf(" in[%d-%d]", m.parent.first, m.parent.last)
			}
			fmt.Fprintf(&b, "   M %d-%d (ph %d) %s %q ana=%v nisba=%v%s\n", m.first, m.last, m.phrase, m.ent.final().typ, m.ent.final().name, m.anaphor, m.nisba, par)
		}
		for _, r := range d.rels[nr:] {
			fmt.Fprintf(&b, "   R %s %s -> %s\n", r.s.final().name, r.pred, r.o.final().name)
		}
		out = append(out, b.String())
	}
	return out
}
