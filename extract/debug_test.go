package extract

import (
	"context"
	"fmt"
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
	d, err := x.read(context.Background(), Article{Text: string(b)})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range dumpSentences(d) {
		fmt.Println(st)
	}
	for _, a := range d.attrs {
		fmt.Printf("ATTR %s %s = %s\n", a.s.final().name, a.name, a.value)
	}
}

// dumpSentences prints each sentence's words, mentions and facts.
func dumpSentences(d *Document) []string {
	var out []string
	for _, s := range d.sents {
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
		for _, sp := range s.tagged {
			fmt.Fprintf(&b, "   T %d-%d %s\n", sp.Start, sp.End-1, sp.Type)
		}
		for _, m := range s.mentions {
			par := ""
			if m.parent != nil {
				par = fmt.Sprintf(" in[%d-%d]", m.parent.first, m.parent.last)
			}
			fmt.Fprintf(&b, "   M %d-%d (ph %d) %s %q ana=%v nisba=%v%s\n", m.first, m.last, m.phrase, m.ent.final().typ, m.ent.final().name, m.anaphor, m.nisba, par)
		}
		for _, r := range d.rels {
			if r.sent == s {
				fmt.Fprintf(&b, "   R %s %s -> %s (%s)\n", r.s.final().name, r.pred, r.o.final().name, r.title)
			}
		}
		out = append(out, b.String())
	}
	return out
}
