package export

import (
	"context"
	"encoding/json"
	"io"

	"github.com/kgraph/kgraph/graph"
	"github.com/kgraph/kgraph/graph/jsonl"
)

// JSONL writes the graph in the exchange format: an article line per
// article, an entity line per entity (with the articles that mention it), a
// relation line per evidence node and an attribute line per STATES.
// `kgraph load` reads it back. Mention offsets are not stored in Neo4j, so
// entity lines from Neo4j carry none.
func JSONL(ctx context.Context, src Source, w io.Writer) error {
	jw := jsonl.NewWriter(w)
	err := src.Nodes(ctx, func(n Node) error {
		p := n.Props
		switch n.Kind() {
		case LabelArticle:
			return jw.Article(graph.Article{
				ID: n.ID(), Title: Str(p, "title"), URL: Str(p, "url"), Source: Str(p, "source"),
				Published: Str(p, "published"), Lang: Str(p, "lang"), SHA256: Str(p, "sha256"), Path: Str(p, "path"),
			})
		case LabelEntity:
			return jw.Entity(graph.Entity{
				ID: n.ID(), Type: firstNonEmpty(Str(p, "type"), typeLabel(n.Labels)), Name: Str(p, "name"),
				NameAR: Str(p, "name_ar"), NameEN: Str(p, "name_en"), Aliases: Strings(p["aliases"]), Articles: n.Articles,
			})
		}
		ev, ok := EvidenceOf(n)
		if !ok {
			return nil
		}
		rel := graph.Relation{Subject: ev.Subject, Predicate: ev.Predicate, Object: ev.Object, Article: ev.Article,
			Evidence: ev.Sentence, Confidence: ev.Confidence}
		if ev.Properties != "" {
			_ = json.Unmarshal([]byte(ev.Properties), &rel.Properties)
		}
		return jw.Relation(rel)
	})
	if err != nil {
		return err
	}
	err = src.Rels(ctx, func(r Rel) error {
		if r.Type != TypeStates {
			return nil
		}
		conf, _ := r.Props["confidence"].(float64)
		return jw.Attribute(graph.Attribute{
			Subject: r.End.ID(), Name: Str(r.Props, "name"), Value: Str(r.Props, "value"), Article: r.Start.ID(),
			Evidence: Str(r.Props, "evidence"), Confidence: conf,
		})
	})
	if err != nil {
		return err
	}
	return jw.Flush()
}

func typeLabel(labels []string) string {
	for _, l := range labels {
		if l != LabelEntity {
			return l
		}
	}
	return ""
}
