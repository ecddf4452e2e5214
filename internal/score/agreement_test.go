package score

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/kgraph/kgraph/graph"
	"github.com/kgraph/kgraph/graph/jsonl"
)

// predictionSet is one prediction file of the agreement test: records that
// graph's types can hold, then raw lines that they cannot.
type predictionSet struct {
	entities   []graph.Entity
	relations  []graph.Relation
	attributes []graph.Attribute
	raw        []string
}

func (p predictionSet) jsonl(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	w := jsonl.NewWriter(&b)
	for _, e := range p.entities {
		if err := w.Entity(e); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range p.relations {
		if err := w.Relation(r); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range p.attributes {
		if err := w.Attribute(a); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	for _, line := range p.raw {
		b.WriteString(line)
		b.WriteString("\n")
	}
	return b.Bytes()
}

func id(key string) string { return "e:" + key }

func allGold(g *Gold) []GoldEntity {
	return append(append([]GoldEntity{}, g.Entities...), g.OptionalEntities...)
}

func hasLatin(s string) bool {
	for _, r := range s {
		if r < 0x80 && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func firstName(e GoldEntity, latin bool) string {
	for _, n := range e.Names {
		if hasLatin(n) == latin {
			return n
		}
	}
	return ""
}

// perfect predicts every gold entity, fact and attribute.
func perfect(g *Gold) predictionSet {
	var p predictionSet
	for _, e := range allGold(g) {
		p.entities = append(p.entities, graph.Entity{ID: id(e.Key), Type: e.Type, Name: e.Names[0], Aliases: e.Names[1:]})
	}
	for _, f := range g.Facts {
		p.relations = append(p.relations, graph.Relation{Subject: id(f.S[0]), Predicate: f.P[0], Object: id(f.O[0]), Article: "a"})
	}
	for _, a := range g.Attributes {
		p.attributes = append(p.attributes, graph.Attribute{Subject: id(a.S), Name: a.Name, Value: a.Value, Article: "a"})
	}
	return p
}

// partial keeps some of perfect's records and adds wrong ones.
func partial(g *Gold) predictionSet {
	full := perfect(g)
	var p predictionSet
	for i, e := range full.entities {
		if i%2 == 0 {
			p.entities = append(p.entities, e)
		}
	}
	p.entities = append(p.entities, graph.Entity{ID: "x:nobody", Type: "Person", Name: "Nobody Known"})
	for i, r := range full.relations {
		switch i % 3 {
		case 0:
			p.relations = append(p.relations, r)
		case 1:
			r.Predicate = "FOLLOWS"
			p.relations = append(p.relations, r)
		}
	}
	p.relations = append(p.relations, graph.Relation{Subject: "x:nobody", Predicate: "ATTENDED", Object: full.entities[0].ID})
	for i, a := range full.attributes {
		if i%2 == 1 {
			a.Value += "0"
		}
		p.attributes = append(p.attributes, a)
	}
	return p
}

// wrongTypes gives entities a type of another class, or a spelling of their
// own class that only TYPE_CLASS knows.
func wrongTypes(g *Gold) predictionSet {
	p := perfect(g)
	other := map[string]string{"place": "Person", "org": "Event", "person": "country", "event": "ORG"}
	same := map[string]string{"place": "GPE", "org": "agency", "person": "PER", "event": "Meeting"}
	for i := range p.entities {
		c := typeClass(p.entities[i].Type)
		if i%2 == 0 {
			p.entities[i].Type = other[c]
		} else {
			p.entities[i].Type = same[c]
		}
	}
	p.entities = append(p.entities, graph.Entity{ID: "x:untyped", Name: p.entities[0].Name})
	return p
}

// duplicates splits every entity in two and repeats ids.
func duplicates(g *Gold) predictionSet {
	p := perfect(g)
	var ents []graph.Entity
	for i, e := range p.entities {
		twin := e
		twin.ID = "twin:" + e.ID
		if i%3 == 0 {
			twin.Name = "" // shown by its id
		}
		ents = append(ents, graph.Entity{ID: e.ID, Type: "Person", Name: "placeholder"}, twin)
	}
	p.entities = append(ents, p.entities...) // the later lines replace the placeholders
	p.relations = append(p.relations, p.relations...)
	return p
}

// inverted states facts the other way round: HOSTED_IN for HOSTS, a city
// that HOSTS an event for HELD_IN, MET_WITH reversed.
func inverted(g *Gold) predictionSet {
	p := perfect(g)
	types := map[string]string{}
	for _, e := range g.Entities {
		types[id(e.Key)] = e.Type
	}
	for i, r := range p.relations {
		switch {
		case r.Predicate == "HOSTS":
			p.relations[i] = graph.Relation{Subject: r.Object, Predicate: "HOSTED_IN", Object: r.Subject}
		case r.Predicate == "HELD_IN" && types[r.Object] == "City":
			p.relations[i] = graph.Relation{Subject: r.Object, Predicate: "HOSTS", Object: r.Subject}
		case r.Predicate == "MET_WITH":
			p.relations[i] = graph.Relation{Subject: r.Object, Predicate: "MET_WITH", Object: r.Subject}
		}
	}
	for _, e := range g.Entities {
		if e.Type == "City" && len(p.relations) > 0 {
			// A city hosting something that is not an event it was held in.
			p.relations = append(p.relations, graph.Relation{Subject: id(e.Key), Predicate: "HOSTS", Object: p.relations[0].Subject})
		}
	}
	return p
}

// aliases names entities by other forms: a Latin name, an Arabic name with
// diacritics, tatweel and other alef forms, and near names for the Jaccard
// fallback.
func aliases(g *Gold) predictionSet {
	var p predictionSet
	for i, e := range allGold(g) {
		ent := graph.Entity{ID: id(e.Key), Type: e.Type, Name: firstName(e, true)}
		ar := firstName(e, false)
		ar = strings.NewReplacer("ا", "أ", "ي", "ى", "ه", "ة", "ر", "رَ", "م", "مـ").Replace(ar)
		ent.NameAR = ar
		toks := strings.Fields(e.Names[len(e.Names)-1])
		switch {
		case i%3 == 0 && len(toks) >= 4:
			ent = graph.Entity{ID: ent.ID, Type: e.Type, Name: strings.Join(toks[:len(toks)-1], " ")}
		case i%3 == 1:
			ent.Aliases = []string{"«" + strings.ToUpper(e.Names[0]) + "»", "The " + e.Names[0] + " Group of Friends"}
		case i%3 == 2:
			ent.Name = strings.Join(append(toks, "extra"), " ")
		}
		p.entities = append(p.entities, ent)
	}
	p.relations = perfect(g).relations
	return p
}

// messy holds lines graph's types cannot: other kinds, blank and CRLF lines,
// missing and non-string fields, numeric values, odd names.
func messy(g *Gold) predictionSet {
	p := perfect(g)
	p.raw = []string{
		`{"kind":"article","id":"a1","lang":"ar"}`,
		"",
		"   ",
		`{"kind":"note","text":"ignored"}`,
		`{"kind":"entity","id":"n:1","type":"Person","name":"O'Brien \"Junior\"","aliases":"ab"}`,
		`{"kind":"entity","id":"n:2","type":"","name":null,"name_en":"Back\\slash\u200f"}` + "\r",
		`{"kind":"entity","id":"n:3","type":null,"name":"","aliases":[null,"",0,"تَجرِبة"]}`,
		`{"kind":"relation","subject":null,"predicate":"HOSTS","object":"e:nowhere"}`,
		`{"kind":"relation","subject":5,"object":2.50}`,
		`{"kind":"relation","subject":true,"predicate":null,"object":"n:1"}`,
		`{"kind":"relation","predicate":"MET_WITH"}`,
		`{"kind":"relation","subject":"n:1","predicate":"HOSTED_IN","object":"n:2"}`,
	}
	for _, a := range g.Attributes {
		line, _ := json.Marshal(map[string]any{"kind": "attribute", "subject": id(a.S), "name": strings.ToUpper(a.Name), "value": a.Value + "-01"})
		p.raw = append(p.raw, string(line))
		var n json.Number = "1945"
		if isDigits(a.Value) {
			n = json.Number(a.Value)
		}
		line, _ = json.Marshal(map[string]any{"kind": "attribute", "subject": id(a.S), "name": a.Name, "value": n})
		p.raw = append(p.raw, string(line))
	}
	p.raw = append(p.raw,
		`{"kind":"attribute","subject":"e:nowhere","name":"date","value":null}`,
		`{"kind":"attribute","name":null}`,
		`{"kind":"attribute","subject":"n:1","name":"founded","value":["2014"]}`,
	)
	return p
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

var predictionCases = []struct {
	name  string
	build func(*Gold) predictionSet
}{
	{"empty", func(*Gold) predictionSet { return predictionSet{} }},
	{"perfect", perfect},
	{"partial", partial},
	{"wrong-types", wrongTypes},
	{"duplicates", duplicates},
	{"inverted", inverted},
	{"aliases", aliases},
	{"messy", messy},
	{"random-1", randomPredictions(1)},
	{"random-2", randomPredictions(2)},
	{"random-3", randomPredictions(3)},
	{"random-4", randomPredictions(4)},
}

// randomPredictions draws entities from gold names (with colliding ids and
// types of every spelling) and relations and attributes between them.
func randomPredictions(seed uint64) func(*Gold) predictionSet {
	return func(g *Gold) predictionSet {
		rng := rand.New(rand.NewPCG(seed, 7))
		pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
		types := []string{"Country", "City", "Location", "Organization", "Person", "Event", "gpe", "ORG", "Meeting", "", "Thing"}
		preds := []string{"HOSTS", "HOSTED_IN", "HELD_IN", "MET_WITH", "ORGANIZED_BY", "ATTENDED", "MEMBER_OF", "CO_CHAIRS", "UNKNOWN"}
		for _, f := range g.Facts {
			preds = append(preds, f.P...)
		}
		gold := allGold(g)
		var p predictionSet
		var ids []string
		for i := range 30 {
			e := gold[rng.IntN(len(gold))]
			ent := graph.Entity{ID: fmt.Sprintf("r:%d", rng.IntN(24)), Name: pick(e.Names)}
			if rng.IntN(3) > 0 {
				ent.Type = e.Type
			} else {
				ent.Type = pick(types)
			}
			if rng.IntN(2) == 0 {
				ent.Aliases = []string{pick(e.Names), pick(gold[rng.IntN(len(gold))].Names)}
			}
			if rng.IntN(4) == 0 {
				toks := strings.Fields(ent.Name)
				ent.Name = strings.Join(toks[:max(1, len(toks)-1)], " ")
			}
			if i%7 == 0 {
				ent.Name = ""
			}
			p.entities = append(p.entities, ent)
			ids = append(ids, ent.ID)
		}
		ids = append(ids, "r:none")
		for range 40 {
			p.relations = append(p.relations, graph.Relation{Subject: pick(ids), Predicate: pick(preds), Object: pick(ids)})
		}
		for _, a := range g.Attributes {
			if rng.IntN(2) == 0 {
				continue
			}
			val := a.Value
			switch rng.IntN(4) {
			case 0:
				val += "-01"
			case 1:
				val = "1999-" + val
			case 2:
				val = "x" + val
			}
			p.attributes = append(p.attributes, graph.Attribute{Subject: pick(ids), Name: a.Name, Value: val})
		}
		return p
	}
}

// repoRoot is the directory holding go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
}

// scorePyDriver runs score.py's own main() once per argument list, so that
// one Python process serves every comparison.
const scorePyDriver = `
import contextlib, importlib.util, io, json, sys
spec = importlib.util.spec_from_file_location("score", sys.argv[1])
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)
outputs = []
for argv in json.load(sys.stdin):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            score.main(argv)
    except SystemExit as e:
        buf.write("exit: %s" % e)
    outputs.append(buf.getvalue())
json.dump(outputs, sys.stdout)
`

// TestAgreesWithScorePy runs score.py and this package on the same files and
// requires byte-identical output, plain, with --explain and with --json.
func TestAgreesWithScorePy(t *testing.T) {
	shared := filepath.Join(repoRoot(t), "..", "shared", "eval")
	scorePy := filepath.Join(shared, "score.py")
	if _, err := os.Stat(scorePy); err != nil {
		t.Skipf("no score.py beside the repository: %v", err)
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	golds := []string{filepath.Join("testdata", "tiny.gold.json")}
	if seeds := filepath.Join(shared, "seeds.gold.json"); fileExists(seeds) {
		golds = append(golds, seeds)
	}
	dir := t.TempDir()

	type comparison struct {
		name string
		argv []string
		got  string
	}
	var cmps []comparison
	for _, goldPath := range golds {
		g, err := Load(goldPath)
		if err != nil {
			t.Fatal(err)
		}
		for _, pc := range predictionCases {
			name := filepath.Base(goldPath) + "/" + pc.name
			preds := pc.build(g)
			data := preds.jsonl(t)
			predPath := filepath.Join(dir, strings.TrimSuffix(filepath.Base(goldPath), ".json")+"."+pc.name+".jsonl")
			if err := os.WriteFile(predPath, data, 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := ScoreFile(g, bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: ScoreFile: %v", name, err)
			}
			if preds.raw == nil {
				if mem := Score(g, preds.entities, preds.relations, preds.attributes); !reflect.DeepEqual(mem, res) {
					t.Errorf("%s: Score and ScoreFile disagree:\n%+v\n%+v", name, mem, res)
				}
			}
			var plain, explain bytes.Buffer
			res.Print(&plain, false)
			res.Print(&explain, true)
			js, err := res.JSON()
			if err != nil {
				t.Fatal(err)
			}
			argv := []string{goldPath, predPath}
			cmps = append(cmps,
				comparison{name, argv, plain.String()},
				comparison{name + " --explain", append(argv[:2:2], "--explain"), explain.String()},
				comparison{name + " --json", append(argv[:2:2], "--json"), string(js) + "\n"},
			)
		}
	}

	jobs := make([][]string, len(cmps))
	for i, c := range cmps {
		jobs[i] = c.argv
	}
	in, err := json.Marshal(jobs)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "-c", scorePyDriver, scorePy)
	cmd.Stdin = bytes.NewReader(in)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("running score.py: %v", err)
	}
	var want []string
	if err := json.Unmarshal(out, &want); err != nil || len(want) != len(cmps) {
		t.Fatalf("score.py driver gave %d outputs for %d runs (%v)", len(want), len(cmps), err)
	}
	for i, c := range cmps {
		if c.got != want[i] {
			t.Errorf("%s: output differs from score.py:\n%s", c.name, diff(want[i], c.got))
		}
	}
}

// TestScorePyCommandLine checks one report against score.py run as a
// command, as users run it, rather than through the driver.
func TestScorePyCommandLine(t *testing.T) {
	scorePy := filepath.Join(repoRoot(t), "..", "shared", "eval", "score.py")
	if _, err := os.Stat(scorePy); err != nil {
		t.Skipf("no score.py beside the repository: %v", err)
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	goldPath := filepath.Join("testdata", "tiny.gold.json")
	g, err := Load(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	data := messy(g).jsonl(t)
	predPath := filepath.Join(t.TempDir(), "messy.jsonl")
	if err := os.WriteFile(predPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	want, err := exec.Command(python, scorePy, goldPath, predPath, "--explain").Output()
	if err != nil {
		t.Fatalf("score.py: %v", err)
	}
	res, err := ScoreFile(g, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	res.Print(&got, true)
	if got.String() != string(want) {
		t.Errorf("output differs from score.py:\n%s", diff(string(want), got.String()))
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// diff shows the first differing line of two outputs.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d\n score.py: %s\n go:       %s", i+1, wl, gl)
		}
	}
	return "(same lines)"
}
