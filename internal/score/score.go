// Package score is a Go port of shared/eval/score.py: it scores extracted
// records (entities, relations, attributes) against a gold annotation and
// prints the same figures, byte for byte, as the Python scorer.
package score

import (
	"sort"
	"strings"

	"github.com/kgraph/kgraph/graph"
)

// Result is score.py's report; the JSON keys are those of its --json output.
type Result struct {
	Entities   EntityScore   `json:"entities"`
	Facts      FactScore     `json:"facts"`
	Attributes AttrScore     `json:"attributes"`
	Questions  QuestionScore `json:"questions"`
}

// EntityScore counts gold entities found and predicted entities matched.
type EntityScore struct {
	Gold               int      `json:"gold"`
	Found              int      `json:"found"`
	Recall             float64  `json:"recall"`
	Predicted          int      `json:"predicted"`
	Precision          float64  `json:"precision"`
	Duplicates         int      `json:"duplicates"`
	Missing            []string `json:"missing"`
	UnmatchedPredicted []string `json:"unmatched_predicted"`
	Split              Split    `json:"split"`
}

// Split lists the gold entities that several predicted entities matched, in
// the order score.py's dict has them. It marshals as a JSON object.
type Split []SplitEntity

// SplitEntity is one gold entity and the names of the predicted entities
// that matched it, sorted.
type SplitEntity struct {
	Key   string
	Names []string
}

// FactScore counts required gold facts found and predicted relations correct.
type FactScore struct {
	GoldRequired int      `json:"gold_required"`
	Found        int      `json:"found"`
	Recall       float64  `json:"recall"`
	Predicted    int      `json:"predicted"`
	Correct      int      `json:"correct"`
	Precision    float64  `json:"precision"`
	F1           float64  `json:"f1"`
	Missing      []string `json:"missing"`
	Wrong        []string `json:"wrong"`
	// ByConfidence is the precision of the relations at or above each
	// confidence threshold. score.py has no such figure, so neither its
	// text nor its JSON shows it; kgraph eval --by-confidence prints it.
	ByConfidence Bands `json:"-"`
}

// Thresholds are the confidences ByConfidence reports at.
var Thresholds = []float64{0.8, 0.5}

// Bands counts, for each of Thresholds, the relations at or above it and
// how many of those are correct.
type Bands [2]struct{ Predicted, Correct int }

func (b *Bands) add(confidence float64, correct bool) {
	for i, t := range Thresholds {
		if confidence >= t-1e-9 {
			b[i].Predicted++
			if correct {
				b[i].Correct++
			}
		}
	}
}

// AttrScore counts required gold attributes found and predicted ones correct.
type AttrScore struct {
	GoldRequired int      `json:"gold_required"`
	Found        int      `json:"found"`
	Recall       float64  `json:"recall"`
	Predicted    int      `json:"predicted"`
	Precision    float64  `json:"precision"`
	Missing      []string `json:"missing"`
}

// QuestionScore says which gold questions the predicted relations answer.
type QuestionScore struct {
	Total    int              `json:"total"`
	Answered int              `json:"answered"`
	Detail   []QuestionResult `json:"detail"`
}

// QuestionResult is one question: OK when the answer set holds every gold
// answer and nothing outside answer and also_accept.
type QuestionResult struct {
	Q   string   `json:"q"`
	OK  bool     `json:"ok"`
	Got []string `json:"got"`
}

// value is a subject, object or predicate as read: only strings can name an
// entity or a predicate; shown is Python's str() of it.
type value struct {
	str   string
	isStr bool
	shown string
}

func strValue(s string) value { return value{s, true, s} }

type predEntity struct {
	id    string
	typ   string   // "" when absent: no type filter
	name  string   // "" when absent: shown by id
	names []string // non-empty names and aliases, in score.py's order
}

type predRelation struct {
	subject, predicate, object value
	confidence                 float64
}

type predAttribute struct {
	subject     value
	name, value string // name already lowercased
}

// predictions holds records as load_pred does: entities by id in first-seen
// order, a later line with the same id replacing the content.
type predictions struct {
	entities   []predEntity
	index      map[string]int
	relations  []predRelation
	attributes []predAttribute
}

func (p *predictions) addEntity(e predEntity) {
	if p.index == nil {
		p.index = map[string]int{}
	}
	if i, ok := p.index[e.id]; ok {
		p.entities[i] = e
		return
	}
	p.index[e.id] = len(p.entities)
	p.entities = append(p.entities, e)
}

// Score scores records held in memory, as score.py scores an exchange file
// holding them in this order.
func Score(g *Gold, entities []graph.Entity, relations []graph.Relation, attributes []graph.Attribute) Result {
	var p predictions
	for _, e := range entities {
		names := make([]string, 0, 3+len(e.Aliases))
		for _, n := range append([]string{e.Name, e.NameAR, e.NameEN}, e.Aliases...) {
			if n != "" {
				names = append(names, n)
			}
		}
		p.addEntity(predEntity{id: e.ID, typ: e.Type, name: e.Name, names: names})
	}
	for _, r := range relations {
		p.relations = append(p.relations, predRelation{strValue(r.Subject), strValue(r.Predicate), strValue(r.Object), r.Confidence})
	}
	for _, a := range attributes {
		p.attributes = append(p.attributes, predAttribute{strValue(a.Subject), pyLower(a.Name), a.Value})
	}
	return score(g, &p)
}

// key is a gold entity key, or none ("" never is one: Parse rejects it).
type key = string

const none key = ""

// shown is how score.py prints a matched key or None.
func shown(k key) string {
	if k == none {
		return "None"
	}
	return k
}

func score(g *Gold, p *predictions) Result {
	idx := newGoldIndex(g)
	var out Result

	// entities
	emap := make([]key, len(p.entities))
	byID := make(map[string]key, len(p.entities))
	var foundOrder []key
	found := map[key][]int{}
	matched := 0
	for i, e := range p.entities {
		k := idx.match(e.names, e.typ)
		emap[i] = k
		byID[e.id] = k
		if k == none {
			continue
		}
		matched++
		if _, ok := found[k]; !ok {
			foundOrder = append(foundOrder, k)
		}
		found[k] = append(found[k], i)
	}
	lookup := func(v value) key {
		if !v.isStr {
			return none
		}
		return byID[v.str]
	}
	displayName := func(i int) string {
		if e := p.entities[i]; e.name != "" {
			return e.name
		}
		return p.entities[i].id
	}
	es := &out.Entities
	es.Gold = len(g.Entities)
	es.Missing = []string{}
	for _, e := range g.Entities {
		if _, ok := found[e.Key]; ok {
			es.Found++
		} else {
			es.Missing = append(es.Missing, e.Key)
		}
	}
	sort.Strings(es.Missing)
	if es.Gold > 0 {
		es.Recall = float64(es.Found) / float64(es.Gold)
	}
	es.Predicted = len(p.entities)
	if es.Predicted > 0 {
		es.Precision = float64(matched) / float64(es.Predicted)
	}
	es.UnmatchedPredicted = []string{}
	for i, k := range emap {
		if k == none {
			es.UnmatchedPredicted = append(es.UnmatchedPredicted, displayName(i))
		}
	}
	sort.Strings(es.UnmatchedPredicted)
	es.Split = Split{}
	for _, k := range foundOrder {
		es.Duplicates += len(found[k]) - 1
		if len(found[k]) > 1 {
			names := make([]string, len(found[k]))
			for j, i := range found[k] {
				names[j] = displayName(i)
			}
			sort.Strings(names)
			es.Split = append(es.Split, SplitEntity{k, names})
		}
	}

	// facts
	goldEntity := make(map[key]GoldEntity, len(g.Entities))
	for _, e := range g.Entities {
		goldEntity[e.Key] = e
	}
	seen := make([]bool, len(g.Facts))
	fs := &out.Facts
	fs.Wrong = []string{}
	for _, rel := range p.relations {
		s, o := lookup(rel.subject), lookup(rel.object)
		pred := rel.predicate
		if inv, ok := inverses[pred.str]; ok && pred.isStr {
			s, o, pred = o, s, strValue(inv)
		}
		if pred.isStr && pred.str == "HOSTS" && o != none && s != none {
			if e, ok := goldEntity[s]; ok && e.Type == "City" {
				s, o, pred = o, s, strValue("HELD_IN")
			}
		}
		pairs := [][2]key{{s, o}}
		if pred.isStr && symmetric[pred.str] {
			pairs = append(pairs, [2]key{o, s})
		}
		ok := false
		for i, gf := range g.Facts {
			for _, ab := range pairs {
				if gf.matches(ab[0], pred, ab[1]) {
					ok = true
					seen[i] = true
				}
			}
		}
		fs.ByConfidence.add(rel.confidence, ok)
		if ok {
			fs.Correct++
		} else if s != none && o != none {
			fs.Wrong = append(fs.Wrong, s+" "+pred.shown+" "+o)
		} else {
			fs.Wrong = append(fs.Wrong, rel.subject.shown+" "+pred.shown+" "+rel.object.shown)
		}
	}
	fs.Missing = []string{}
	for i, gf := range g.Facts {
		if !gf.Required {
			continue
		}
		fs.GoldRequired++
		if seen[i] {
			fs.Found++
			continue
		}
		fs.Missing = append(fs.Missing, strings.Join(gf.S, "|")+" "+strings.Join(gf.P, "|")+" "+strings.Join(gf.O, "|"))
	}
	fs.Predicted = len(p.relations)
	if fs.Predicted > 0 {
		fs.Precision = float64(fs.Correct) / float64(fs.Predicted)
	}
	if fs.GoldRequired > 0 {
		fs.Recall = float64(fs.Found) / float64(fs.GoldRequired)
	}
	if fs.Precision+fs.Recall != 0 {
		fs.F1 = 2 * fs.Precision * fs.Recall / (fs.Precision + fs.Recall)
	}

	// attributes
	ahit := make([]bool, len(g.Attributes))
	as := &out.Attributes
	correct := 0
	for _, a := range p.attributes {
		k := lookup(a.subject)
		ok := false
		for i, ga := range g.Attributes {
			if k != none && ga.S == k && ga.Name == a.name && valueMatches(a.value, ga.Value) {
				ahit[i] = true
				ok = true
			}
		}
		if ok {
			correct++
		}
	}
	as.Missing = []string{}
	for i, ga := range g.Attributes {
		if !ga.Required {
			continue
		}
		as.GoldRequired++
		if ahit[i] {
			as.Found++
		} else {
			as.Missing = append(as.Missing, ga.S+"."+ga.Name+"="+ga.Value)
		}
	}
	if as.GoldRequired > 0 {
		as.Recall = float64(as.Found) / float64(as.GoldRequired)
	}
	as.Predicted = len(p.attributes)
	if as.Predicted > 0 {
		as.Precision = float64(correct) / float64(as.Predicted)
	}

	// questions, answered from the predicted triples
	edges := map[string]map[[2]key]bool{}
	addEdge := func(pred string, s, o key) {
		if edges[pred] == nil {
			edges[pred] = map[[2]key]bool{}
		}
		edges[pred][[2]key{s, o}] = true
	}
	for _, rel := range p.relations {
		s, o := lookup(rel.subject), lookup(rel.object)
		pred := rel.predicate
		if !pred.isStr {
			continue // no question pattern names a non-string predicate
		}
		if inv, ok := inverses[pred.str]; ok {
			s, o, pred = o, s, strValue(inv)
		}
		addEdge(pred.str, s, o)
		if symmetric[pred.str] {
			addEdge(pred.str, o, s)
		}
	}
	qs := &out.Questions
	qs.Detail = []QuestionResult{}
	for _, q := range g.Questions {
		left, pred, right, _ := q.parse()
		ans := map[key]bool{}
		for e := range edges[pred] {
			if strings.HasPrefix(left, "?x") {
				if e[1] != none && e[1] == right {
					ans[e[0]] = true
				}
			} else if e[0] != none && e[0] == left {
				ans[e[1]] = true
			}
		}
		acceptable := map[key]bool{}
		good := true
		for _, a := range q.Answer {
			acceptable[a] = true
			if a == none || !ans[a] {
				good = false
			}
		}
		for _, a := range q.AlsoAccept {
			acceptable[a] = true
		}
		got := make([]string, 0, len(ans))
		for a := range ans {
			if a == none || !acceptable[a] {
				good = false
			}
			got = append(got, shown(a))
		}
		sort.Strings(got)
		if good {
			qs.Answered++
		}
		qs.Detail = append(qs.Detail, QuestionResult{Q: q.Q, OK: good, Got: got})
	}
	qs.Total = len(qs.Detail)
	return out
}

// matches is score.py's test of one (a, pred, b) against a gold fact.
func (gf GoldFact) matches(a key, pred value, b key) bool {
	if a == none || !pred.isStr || b == none {
		return false
	}
	if !contains(gf.S, a) || !contains(gf.P, pred.str) {
		return false
	}
	if gf.oIsText {
		return strings.Contains(gf.oText, b)
	}
	return contains(gf.O, b)
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// valueMatches is score.py's attribute value test: the predicted value
// equals the gold one or holds it as a whole dash-separated part, so a gold
// year matches a predicted full date.
func valueMatches(val, gold string) bool {
	return val == gold || strings.HasPrefix(val, gold+"-") || strings.HasSuffix(val, "-"+gold) ||
		strings.Contains(val, "-"+gold+"-")
}

// goldIndex is Gold's alias table: normalised name -> keys.
type goldIndex struct {
	aliases    map[string][]key // keys in first-added order, no repeats
	aliasOrder []string
	class      map[key]string
}

func newGoldIndex(g *Gold) *goldIndex {
	idx := &goldIndex{aliases: map[string][]key{}, class: map[key]string{}}
	for _, list := range [][]GoldEntity{g.Entities, g.OptionalEntities} {
		for _, e := range list {
			if _, ok := idx.class[e.Key]; !ok {
				idx.class[e.Key] = typeClass(e.Type)
			}
			for _, n := range e.Names {
				a := Norm(n)
				if _, ok := idx.aliases[a]; !ok {
					idx.aliasOrder = append(idx.aliasOrder, a)
				}
				if !contains(idx.aliases[a], e.Key) {
					idx.aliases[a] = append(idx.aliases[a], e.Key)
				}
			}
		}
	}
	return idx
}

// match is Gold.match: the best gold key for a predicted entity's names, or
// none when nothing matches or the best score is shared.
func (idx *goldIndex) match(names []string, typ string) key {
	cands := make([]string, len(names))
	for i, n := range names {
		cands[i] = Norm(n)
	}
	scores := map[key]float64{}
	var order []key
	raise := func(k key, v float64) {
		old, ok := scores[k]
		if !ok {
			order = append(order, k)
		}
		if !ok || v > old {
			scores[k] = v
		}
	}
	for _, c := range cands {
		for _, k := range idx.aliases[c] {
			raise(k, 1.0)
		}
	}
	if len(scores) == 0 {
		for _, c := range cands {
			a := set(pyFields(c))
			if len(a) == 0 {
				continue
			}
			for _, alias := range idx.aliasOrder {
				b := set(pyFields(alias))
				inter := 0
				for t := range a {
					if b[t] {
						inter++
					}
				}
				j := float64(inter) / float64(len(a)+len(b)-inter)
				if j >= 0.75 {
					for _, k := range idx.aliases[alias] {
						raise(k, j)
					}
				}
			}
		}
	}
	if typ != "" {
		want := typeClass(typ)
		kept := order[:0]
		for _, k := range order {
			if idx.class[k] == want {
				kept = append(kept, k)
			}
		}
		order = kept
	}
	if len(order) == 0 {
		return none
	}
	best := 0.0
	for _, k := range order {
		best = max(best, scores[k])
	}
	var top []key
	for _, k := range order {
		if scores[k] == best {
			top = append(top, k)
		}
	}
	if len(top) == 1 {
		return top[0]
	}
	return none
}

func set(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}
