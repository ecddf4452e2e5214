// Package benchcorpus generates synthetic corpora for load benchmarks: the
// records an extraction of news would give, with the skew of real news.
// A few hub entities are in most articles (one country in about 65% of
// them) and the rest follow a Zipf distribution, so the graph grows the way
// a years-long feed does: hubs gain relationships with every article.
//
// The corpus is deterministic for a seed, so two loaders, or two runs, see
// the same records.
package benchcorpus

import (
	"fmt"
	"math/rand/v2"

	"github.com/kgraph/kgraph/graph"
)

// Pool sizes: how many distinct entities of each kind the corpus draws on.
const (
	countries = 200
	orgs      = 3000
	people    = 20000
	cities    = 2000
)

// Generator yields articles one at a time; memory does not grow with the
// number generated.
type Generator struct {
	rng                     *rand.Rand
	country, org, per, city *rand.Zipf
	n                       int
	source                  string
}

// New returns a generator for source with the given seed.
func New(source string, seed uint64) *Generator {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	return &Generator{
		rng:     rng,
		country: rand.NewZipf(rng, 1.3, 2, countries-1),
		org:     rand.NewZipf(rng, 1.2, 4, orgs-1),
		per:     rand.NewZipf(rng, 1.1, 8, people-1),
		city:    rand.NewZipf(rng, 1.2, 4, cities-1),
		source:  source,
	}
}

// sentence pads evidence to the length of a real news sentence.
const sentence = " said in a statement on the sidelines of the meeting, according to officials who attended the talks."

func entity(kind, typ string, i int, article string, rng *rand.Rand) graph.Entity {
	// Three surface forms per entity, so alias lists stay realistic.
	forms := []string{fmt.Sprintf("%s %d", kind, i), fmt.Sprintf("the %s %d", kind, i), fmt.Sprintf("%s-%d", kind, i)}
	e := graph.Entity{
		ID: fmt.Sprintf("%s:%05d", kind, i), Type: typ,
		Name: forms[0], NameEN: forms[0], NameAR: fmt.Sprintf("كيان %s %d", kind, i),
	}
	for m := range 1 + rng.IntN(3) {
		start := rng.IntN(4000)
		text := forms[rng.IntN(len(forms))]
		e.Mentions = append(e.Mentions, graph.Mention{Article: article, Start: start + m, End: start + m + len(text), Text: text})
	}
	return e
}

// Next returns the next article's batch: about 12 entities, 10 relations
// and an attribute or two.
func (g *Generator) Next() graph.Batch {
	rng := g.rng
	id := fmt.Sprintf("gen-%06d", g.n)
	day := g.n / 20 // twenty articles a day
	published := fmt.Sprintf("%04d-%02d-%02d", 2015+day/336, day/28%12+1, day%28+1)
	g.n++
	b := graph.Batch{Article: graph.Article{
		ID: id, Source: g.source, Title: "Generated article " + id, Lang: "en",
		Published: published, SHA256: fmt.Sprintf("%016x", rng.Uint64()),
	}}
	seen := map[string]bool{}
	add := func(kind, typ string, i int) graph.Entity {
		e := entity(kind, typ, i, id, rng)
		if !seen[e.ID] {
			seen[e.ID] = true
			b.Entities = append(b.Entities, e)
		}
		return e
	}
	var cs, os, ps []graph.Entity
	if rng.Float64() < 0.65 {
		cs = append(cs, add("country", graph.TypeCountry, 0))
	}
	for range 1 + rng.IntN(3) {
		cs = append(cs, add("country", graph.TypeCountry, int(g.country.Uint64())+1))
	}
	for range 1 + rng.IntN(3) {
		os = append(os, add("org", graph.TypeOrganization, int(g.org.Uint64())))
	}
	for range 2 + rng.IntN(4) {
		ps = append(ps, add("person", graph.TypePerson, int(g.per.Uint64())))
	}
	city := add("city", graph.TypeCity, int(g.city.Uint64()))
	event := add("event", graph.TypeEvent, g.n) // a new event in each article
	rel := func(s graph.Entity, p string, o graph.Entity) {
		if s.ID == o.ID {
			return
		}
		b.Relations = append(b.Relations, graph.Relation{
			Subject: s.ID, Predicate: p, Object: o.ID, Article: id,
			Evidence: s.Name + " " + p + " " + o.Name + sentence, Confidence: 0.5 + float64(rng.IntN(50))/100,
		})
	}
	pick := func(es []graph.Entity) graph.Entity { return es[rng.IntN(len(es))] }
	rel(event, graph.HeldIn, city)
	rel(city, graph.LocatedIn, cs[len(cs)-1])
	rel(pick(cs), graph.Hosts, event)
	rel(event, graph.OrganizedBy, pick(os))
	for _, p := range ps {
		rel(p, graph.Attended, event)
		if rng.IntN(2) == 0 {
			rel(p, graph.Represents, pick(cs))
		}
	}
	rel(pick(cs), graph.MemberOf, pick(os))
	if len(ps) > 1 {
		rel(ps[0], graph.MetWith, ps[1])
	}
	b.Attributes = append(b.Attributes, graph.Attribute{Subject: event.ID, Name: graph.AttrDate, Value: published, Article: id, Confidence: 0.9})
	if rng.IntN(4) == 0 {
		o := pick(os)
		b.Attributes = append(b.Attributes, graph.Attribute{Subject: o.ID, Name: graph.AttrMemberCount, Value: fmt.Sprint(20 + rng.IntN(3)), Article: id, Confidence: 0.8})
	}
	return b
}
