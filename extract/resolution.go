package extract

import (
	"strings"

	"github.com/kgraph/kgraph/extract/resolve"
	"github.com/kgraph/kgraph/graph"
)

// batch resolves the document's entities against every article seen before
// and builds the article's batch. The caller holds x.mu: resolution is the
// one stage that shares state across articles.
func (x *Chain) batch(d *Document) graph.Batch {
	used := map[*local]bool{}
	for _, f := range d.rels {
		used[f.s.final()], used[f.o.final()] = true, true
	}
	for _, a := range d.attrs {
		used[a.s.final()] = true
	}
	var ls []*local
	for _, l := range d.locals {
		if l.mergedInto == nil && (len(l.mentions) > 0 || used[l]) {
			ls = append(ls, l)
		}
	}
	byLocal := make(map[*local]*resolve.Local, len(ls))
	rls := make([]*resolve.Local, len(ls))
	for i, l := range ls {
		rls[i] = &resolve.Local{
			Type: l.typ, Name: l.name, Names: l.names, NameEN: l.nameEN, NameAR: l.nameAR,
			LexID: l.lexID, EventKey: l.eventKey, Sig: l.sig, Mentions: l.mentions, Refs: l.refs,
		}
		byLocal[l] = rls[i]
	}
	for i, l := range ls {
		if l.organiser != nil {
			rls[i].Organiser = byLocal[l.organiser.ent.final()]
		}
	}

	b := graph.Batch{Article: d.a.Article}
	if b.Article.Lang == "" {
		b.Article.Lang = d.lang
	}
	b.Entities = x.res.Resolve(d.a.ID, rls)
	for i, l := range ls {
		l.id = rls[i].ID
	}

	seen := map[string]int{}
	for _, f := range d.rels {
		s, o := f.s.final(), f.o.final()
		if s == o {
			continue // two names of one entity, merged after the fact was found
		}
		k := s.id + "|" + f.pred + "|" + o.id
		if i, dup := seen[k]; dup {
			if f.confidence > b.Relations[i].Confidence {
				b.Relations[i].Confidence = round2(f.confidence)
			}
			continue
		}
		ev, start, end := d.evidence(f)
		rel := graph.Relation{Subject: s.id, Predicate: f.pred, Object: o.id, Article: d.a.ID, Evidence: ev, EvidenceStart: start, EvidenceEnd: end, Confidence: round2(f.confidence)}
		if f.title != "" {
			rel.Properties = map[string]any{"title": f.title}
		}
		seen[k] = len(b.Relations)
		b.Relations = append(b.Relations, rel)
	}
	b.Relations = withoutHomeVisits(b.Relations)
	aseen := map[string]bool{}
	for _, a := range d.attrs {
		s := a.s.final()
		k := s.id + "|" + a.name + "|" + a.value
		if aseen[k] {
			continue
		}
		aseen[k] = true
		b.Attributes = append(b.Attributes, graph.Attribute{Subject: s.id, Name: a.name, Value: a.value, Article: d.a.ID, Evidence: a.sent.Text, Confidence: round2(a.confidence)})
	}
	return b
}

// withoutHomeVisits drops a visit to the country the visitor holds a post
// for or represents in the same article: the president of a country who
// invites someone to it does not visit it (a trigger read the wrong person).
func withoutHomeVisits(rs []graph.Relation) []graph.Relation {
	home := map[string]bool{}
	for _, r := range rs {
		if (r.Predicate == graph.HoldsPosition || r.Predicate == graph.Represents) && strings.HasPrefix(r.Object, "country:") {
			home[r.Subject+"|"+r.Object] = true
		}
	}
	out := rs[:0]
	for _, r := range rs {
		if r.Predicate == graph.Visited && home[r.Subject+"|"+r.Object] {
			continue
		}
		out = append(out, r)
	}
	return out
}

// maxEvidence bounds a fact's evidence, in code points: the sentence when
// it is shorter, else a window around what states the fact. An
// unpunctuated text must not copy itself into every fact.
const maxEvidence = 400

// evidence returns the text that states f and its offsets in the article.
func (d *Document) evidence(f fact) (string, int, int) {
	s := f.sent
	start, end := s.Start, s.End
	if end-start <= maxEvidence {
		return s.Text, start, end
	}
	// Centre on the trigger, or on the subject's mention in the sentence.
	at := -1
	if f.trigger >= 0 && f.trigger < len(s.words) {
		at = s.words[f.trigger].Start
	} else {
		for _, m := range s.mentions {
			if m.ent.final() == f.s.final() && m.first >= 0 {
				at = s.words[m.first].Start
				break
			}
		}
	}
	if at < 0 {
		at = start
	}
	from := max(start, at-maxEvidence/2)
	to := min(end, from+maxEvidence)
	from = max(start, to-maxEvidence)
	// Whole words only: move inwards to the nearest space.
	r := s.art
	for from > start && from < to && r[from-1] != ' ' {
		from++
	}
	for to < end && to > from && r[to] != ' ' {
		to--
	}
	return string(r[from:to]), from, to
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

// Entities returns every entity seen so far, merged across articles, in
// first-seen order; with their mentions and articles if the chain was made
// with KeepMentions.
func (x *Chain) Entities() []graph.Entity {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.res.Entities()
}

// Seed teaches the resolver entities that already exist (e.g. in Neo4j), so
// that new articles reuse their ids.
func (x *Chain) Seed(entities []graph.Entity) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.res.Seed(entities)
}
