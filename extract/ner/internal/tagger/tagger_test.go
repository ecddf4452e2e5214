package tagger

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// The cached per-form sums the tagger uses must equal the sum over the
// feature lists the trainer uses, or the model would tag text with other
// scores than it was trained with.
func TestCachedScoresMatchTraining(t *testing.T) {
	docs := [][][]string{
		{strings.Fields("Angela Merkel met Emmanuel Macron in Paris on Monday ."), strings.Fields("Merkel 's spokesman said so .")},
		{strings.Fields("التقى وزير الخارجية ناصر بوريطة نظيره الفرنسي بالرباط"), strings.Fields("وقال بوريطة إن المغرب")},
	}
	for d, lang := range []string{"en", "ar"} {
		m := randomModel(lang, 12, uint64(d))
		local := map[string]*form{}
		dc := m.fz.docFeatures(docs[d], func(raw string) *form { return m.formOf(raw, local) })
		plain := m.fz.docFeatures(docs[d], m.fz.analyze)
		for s := range dc.sents {
			em := m.emissions(0, dc.sents[s], nil, nil)
			for i := range dc.sents[s].forms {
				var want [NT]int32
				m.addRows(&want, m.Stage[0].W, tokenFeatures(m.fz, plain.sents[s], i, nil))
				for tg := 0; tg < NT; tg++ {
					w := float32(want[tg]) * m.Stage[0].Scale
					if math.Abs(float64(em[i][tg]-w)) > 1e-3 {
						t.Fatalf("%s sentence %d token %d tag %d: cached score %v, from features %v", lang, s, i, tg, em[i][tg], w)
					}
				}
			}
		}
	}
}

func randomModel(lang string, bits uint8, seed uint64) *Model {
	rng := rand.New(rand.NewPCG(seed, 99))
	m := &Model{Lang: lang, Bits: bits}
	for p := range m.Stage {
		st := &m.Stage[p]
		st.W = make([]int16, (1<<bits)*NT)
		for i := range st.W {
			st.W[i] = int16(rng.IntN(2001) - 1000)
		}
		st.Scale = 0.001
		for i := range st.Trans {
			for j := range st.Trans[i] {
				st.Trans[i][j] = float32(rng.NormFloat64())
			}
		}
	}
	m.init()
	return m
}

// decode must return the best sequence among those IOB2 allows; check it
// against brute force on short random inputs.
func TestDecodeIsBestValidSequence(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var vs viterbiScratch
	for trial := 0; trial < 200; trial++ {
		n := 1 + rng.IntN(4)
		em := make([][NT]float32, n)
		for i := range em {
			for j := range em[i] {
				em[i][j] = float32(rng.NormFloat64())
			}
		}
		var tr [NT + 1][NT]float32
		for i := range tr {
			for j := range tr[i] {
				tr[i][j] = float32(rng.NormFloat64())
			}
		}
		got := make([]int, n)
		vs.decode(em, &tr, got)
		best, bestScore := []int(nil), float32(math.Inf(-1))
		seq := make([]int, n)
		var rec func(i int)
		rec = func(i int) {
			if i == n {
				var s float32
				prev := NT
				for k, x := range seq {
					s += tr[prev][x] + em[k][x]
					prev = x
				}
				if s > bestScore {
					bestScore, best = s, append([]int(nil), seq...)
				}
				return
			}
			for x := 0; x < NT; x++ {
				prev := -1
				if i > 0 {
					prev = seq[i-1]
				}
				if allowed(prev, x) {
					seq[i] = x
					rec(i + 1)
				}
			}
		}
		rec(0)
		if !reflect.DeepEqual(got, best) {
			t.Fatalf("trial %d: decode %v, brute force %v", trial, got, best)
		}
	}
}

func TestReadTSV(t *testing.T) {
	in := "# header line\n# doc\nEU\tB-ORG\nrejects\tO\n\nPeter\tB-PER\n# doc\nBonn\tB-LOC\n"
	c, err := ReadTSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Docs) != 2 || len(c.Docs[0]) != 2 || len(c.Docs[1]) != 1 {
		t.Fatalf("docs = %+v", c.Docs)
	}
	if !reflect.DeepEqual(c.Header, []string{"header line"}) {
		t.Errorf("header = %q", c.Header)
	}
	for _, bad := range []string{"word\n", "word\tB-FOO\n"} {
		if _, err := ReadTSV(strings.NewReader(bad)); err == nil {
			t.Errorf("ReadTSV(%q): no error", bad)
		}
	}
}

func TestMergePossessives(t *testing.T) {
	doc := Doc{{Tokens: strings.Fields("Germany 's plan and France 's plan"), Tags: strings.Fields("B-LOC O O O B-LOC O O")}}
	got := MergePossessives([]Doc{doc})[0][0]
	want := Sentence{Tokens: strings.Fields("Germany 's plan and France's plan"), Tags: strings.Fields("B-LOC O O O B-LOC O")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestScore(t *testing.T) {
	sc := Score{}
	sc.Add(strings.Fields("B-PER I-PER O B-LOC"), strings.Fields("B-PER I-PER O B-ORG"))
	sc.Add(strings.Fields("B-ORG O"), strings.Fields("B-ORG O"))
	all := sc.Over("PER", "LOC", "ORG")
	if all != (Counts{Gold: 3, Pred: 3, Correct: 2}) {
		t.Errorf("counts = %+v", all)
	}
	if p := sc.Over("LOC").P(); p != 0 {
		t.Errorf("LOC precision with no LOC predicted = %v, want 0", p)
	}
}

func TestClustersDeterministic(t *testing.T) {
	var sents [][]string
	for i := 0; i < 200; i++ {
		sents = append(sents, strings.Fields("the minister of "+[]string{"france", "spain", "italy"}[i%3]+" met the president of "+[]string{"kenya", "chad", "mali"}[i%3]))
	}
	opt := ClusterOptions{MinCount: 2, Contexts: 50, Iters: 5, Seed: 3}
	a, b := InduceClusters(sents, opt), InduceClusters(sents, opt)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two inductions differ")
	}
	if a["france"][0] != a["spain"][0] {
		t.Errorf("france and spain, in the same contexts, got clusters %v and %v", a["france"], a["spain"])
	}
}
