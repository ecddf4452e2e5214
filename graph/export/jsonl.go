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
// relation line per article that states a fact and an attribute line per
// STATES. `kgraph load` reads it back. Mention offsets are not stored in
// Neo4j, so entity lines from Neo4j carry none.
func JSONL(ctx context.Context, src Source, w io.Writer) error {
	jw := jsonl.NewWriter(w)
	err := src.Nodes(ctx, func(n Node) error {
		p := n.Props
		if len(n.Labels) > 0 && n.Labels[0] == LabelArticle {
			return jw.Article(graph.Article{
				ID: n.ID, Title: Str(p, "title"), URL: Str(p, "url"), Source: Str(p, "source"),
				Published: Str(p, "published"), Lang: Str(p, "lang"), SHA256: Str(p, "sha256"), Path: Str(p, "path"),
			})
		}
		return jw.Entity(graph.Entity{
			ID: n.ID, Type: firstNonEmpty(Str(p, "type"), typeLabel(n.Labels)), Name: Str(p, "name"),
			NameAR: Str(p, "name_ar"), NameEN: Str(p, "name_en"), Aliases: Strings(p["aliases"]), Articles: n.Articles,
		})
	})
	if err != nil {
		return err
	}
	err = src.Rels(ctx, func(r Rel) error {
		switch r.Type {
		case TypeMentions:
			return nil
		case TypeStates:
			conf, _ := r.Props["confidence"].(float64)
			return jw.Attribute(graph.Attribute{
				Subject: r.End, Name: Str(r.Props, "name"), Value: Str(r.Props, "value"), Article: r.Start,
				Evidence: Str(r.Props, "evidence"), Confidence: conf,
			})
		}
		for _, ev := range FactEvidence(r) {
			rel := graph.Relation{Subject: r.Start, Predicate: r.Type, Object: r.End, Article: ev.Article,
				Evidence: ev.Sentence, Confidence: ev.Confidence}
			if ev.Properties != "" {
				_ = json.Unmarshal([]byte(ev.Properties), &rel.Properties)
			}
			if err := jw.Relation(rel); err != nil {
				return err
			}
		}
		return nil
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
