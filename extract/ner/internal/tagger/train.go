package tagger

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Options control training. Training is deterministic: the same data and
// options give the same model bytes.
type Options struct {
	Bits     uint8   // log2 of the number of hashed feature rows
	Epochs   int     // passes over the data, per pass of the tagger
	Seed     uint64  // shuffling seed
	Folds    int     // jackknife folds for the second pass's features; < 2 trains it on first-pass output directly
	MinCount int     // a feature row must occur this often in training to be learnt
	Shuffles int     // perceptrons, each on its own order of the data, whose weights are averaged
	Margin   float32 // added to every wrong tag's score while training (loss-augmented decoding)
	// ListDropout is the share of training tokens that do not see the
	// person-word list (person_words.txt), on themselves or on their
	// neighbours, so that names are also learnt from what is around them.
	ListDropout float64
	// Clusters are word clusters from unlabelled text (InduceClusters), or nil.
	Clusters map[string][nClusterLevels]uint16
	Logf     func(format string, args ...any)
}

func (o Options) logf(format string, args ...any) {
	if o.Logf != nil {
		o.Logf(format, args...)
	}
}

// example is one training sentence: the features and gold tag of each token.
type example struct {
	feats [][]uint32
	gold  []int
}

// Train trains a two-pass model for lang on docs.
func Train(lang string, docs []Doc, opt Options) (*Model, error) {
	if opt.Bits < 8 || opt.Bits > 26 {
		return nil, fmt.Errorf("hash bits %d out of range 8–26", opt.Bits)
	}
	if opt.Epochs < 1 {
		return nil, fmt.Errorf("epochs %d: want at least 1", opt.Epochs)
	}
	fz := newFeaturizer(lang, opt.Clusters)
	forms := map[string]*form{}
	formOf := func(raw string) *form {
		f := forms[raw]
		if f == nil {
			f = fz.analyze(raw)
			forms[raw] = f
		}
		return f
	}
	ctxs := make([]*docCtx, len(docs))
	first := make([][]*example, len(docs)) // per document, pass-one examples
	hide := listFeatures()
	drop := rand.New(rand.NewPCG(opt.Seed, 0x11577))
	for d, doc := range docs {
		dc := fz.docFeatures(doc.Tokens(), formOf)
		ctxs[d] = dc
		for s, sent := range dc.sents {
			ex := &example{feats: make([][]uint32, len(sent.forms)), gold: make([]int, len(sent.forms))}
			for i := range sent.forms {
				ex.feats[i] = tokenFeatures(fz, sent, i, nil)
				ex.gold[i] = TagIndex(doc[s].Tags[i])
				if opt.ListDropout > 0 && drop.Float64() < opt.ListDropout {
					ex.feats[i] = without(ex.feats[i], hide)
				}
			}
			first[d] = append(first[d], ex)
		}
	}
	opt.logf("%s: %d documents, %d word forms", lang, len(docs), len(forms))

	// The second pass learns from first-pass tags that are as wrong as
	// they will be on new text: each fold's tags come from a model that
	// did not see it.
	firstTags := make([][][]int, len(docs))
	folds := opt.Folds
	if folds >= 2 && len(docs) >= folds {
		for k := 0; k < folds; k++ {
			var train []*example
			for d := range docs {
				if d%folds != k {
					train = append(train, first[d]...)
				}
			}
			w := trainBagged(train, opt, opt.Seed+uint64(k)+1)
			for d := range docs {
				if d%folds == k {
					firstTags[d] = w.predictAll(first[d])
				}
			}
			opt.logf("%s: fold %d/%d done", lang, k+1, folds)
		}
	}
	var all []*example
	for d := range docs {
		all = append(all, first[d]...)
	}
	w1 := trainBagged(all, opt, opt.Seed)
	opt.logf("%s: pass one trained", lang)
	if firstTags[0] == nil {
		for d := range docs {
			firstTags[d] = w1.predictAll(first[d])
		}
	}

	var second []*example
	for d, dc := range ctxs {
		pred := predFeatures(dc, firstTags[d])
		for s, ex := range first[d] {
			ex2 := &example{feats: make([][]uint32, len(ex.feats)), gold: ex.gold}
			for i, f := range ex.feats {
				ex2.feats[i] = append(f[:len(f):len(f)], pred[s][i]...)
			}
			second = append(second, ex2)
		}
	}
	w2 := trainBagged(second, opt, opt.Seed+1000)
	opt.logf("%s: pass two trained", lang)

	m := &Model{Lang: lang, Bits: opt.Bits, Stage: [2]Weights{w1.quantize(), w2.quantize()}, Clusters: opt.Clusters}
	m.init()
	return m, nil
}

// listFeatures are the hashes of the person-word marks, a token's own and
// its neighbours'.
func listFeatures() map[uint32]bool {
	hs := map[uint32]bool{}
	for _, v := range []uint32{lexPerson, lexStemPerson} {
		h := hval(kLex, v)
		hs[h] = true
		for _, off := range offsets {
			hs[mix(h, hval(kNeigh, uint32(off+8)))] = true
		}
	}
	return hs
}

// without returns fs less the features in hide, in a new slice if any go.
func without(fs []uint32, hide map[uint32]bool) []uint32 {
	for i, h := range fs {
		if hide[h] {
			out := append([]uint32(nil), fs[:i]...)
			for _, h := range fs[i+1:] {
				if !hide[h] {
					out = append(out, h)
				}
			}
			return out
		}
	}
	return fs
}

// tokenFeatures appends every feature of token i of sent for the first
// pass: its intrinsic features, its neighbours' and its positional ones.
func tokenFeatures(fz *featurizer, sent sentCtx, i int, dst []uint32) []uint32 {
	f := sent.forms[i]
	dst = append(dst, f.intr...)
	n := len(sent.forms)
	for k, off := range offsets {
		j := i + off
		var g *form
		switch {
		case j < 0:
			g = fz.bos[-j-1]
		case j >= n:
			g = fz.eos[j-n]
		default:
			g = sent.forms[j]
		}
		dst = append(dst, g.neigh[k]...)
	}
	return append(dst, sent.pos[i]...)
}

// floatWeights are the averaged weights of one pass, before quantisation.
type floatWeights struct {
	w     []float32
	trans [NT + 1][NT]float32
	mask  uint32
}

// trainBagged averages the weights of opt.Shuffles perceptrons trained on
// different orders of the data: a linear model's average costs nothing at
// tagging time and evens out the luck of one order.
func trainBagged(exs []*example, opt Options, seed uint64) *floatWeights {
	k := max(opt.Shuffles, 1)
	avg := trainPerceptron(exs, opt, seed)
	for i := 1; i < k; i++ {
		w := trainPerceptron(exs, opt, seed+uint64(i)*7919)
		for j, v := range w.w {
			avg.w[j] += v
		}
		for a := range w.trans {
			for b := range w.trans[a] {
				avg.trans[a][b] += w.trans[a][b]
			}
		}
	}
	if k > 1 {
		inv := 1 / float32(k)
		for j := range avg.w {
			avg.w[j] *= inv
		}
		for a := range avg.trans {
			for b := range avg.trans[a] {
				avg.trans[a][b] *= inv
			}
		}
	}
	return avg
}

// trainPerceptron trains an averaged structured perceptron with
// IOB2-constrained Viterbi decoding.
func trainPerceptron(exs []*example, opt Options, seed uint64) *floatWeights {
	rows := 1 << opt.Bits
	mask := uint32(rows - 1)
	epochs := opt.Epochs
	// Rows seen fewer than MinCount times are never updated: their weights
	// would only memorise single tokens.
	var rare []bool
	if opt.MinCount > 1 {
		cnt := make([]uint16, rows)
		for _, ex := range exs {
			for _, fs := range ex.feats {
				for _, h := range fs {
					if c := cnt[h&mask]; c < 65535 {
						cnt[h&mask] = c + 1
					}
				}
			}
		}
		rare = make([]bool, rows)
		for i, c := range cnt {
			rare[i] = int(c) < opt.MinCount
		}
	}
	w := make([]float32, rows*NT)
	u := make([]float64, rows*NT) // sum of c × update, for averaging
	var tr [NT + 1][NT]float32
	var utr [NT + 1][NT]float64
	c := 1.0
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	var em [][NT]float32
	var vs viterbiScratch
	var pred []int
	cur := &floatWeights{w: w, mask: mask}
	for ep := 0; ep < epochs; ep++ {
		rng := rand.New(rand.NewPCG(seed, uint64(ep)))
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			ex := exs[k]
			em = cur.emissions(ex, em)
			if opt.Margin != 0 {
				for i, g := range ex.gold {
					for t := range em[i] {
						if t != g {
							em[i][t] += opt.Margin
						}
					}
				}
			}
			pred = append(pred[:0], ex.gold...)
			vs.decode(em, &tr, pred)
			for i, g := range ex.gold {
				p := pred[i]
				if p != g {
					for _, h := range ex.feats[i] {
						if rare != nil && rare[h&mask] {
							continue
						}
						r := int(h&mask) * NT
						w[r+g]++
						u[r+g] += c
						w[r+p]--
						u[r+p] -= c
					}
				}
				gp, pp := NT, NT
				if i > 0 {
					gp, pp = ex.gold[i-1], pred[i-1]
				}
				if gp != pp || g != p {
					tr[gp][g]++
					utr[gp][g] += c
					tr[pp][p]--
					utr[pp][p] -= c
				}
			}
			c++
		}
	}
	avg := &floatWeights{w: make([]float32, rows*NT), mask: mask}
	for i := range w {
		avg.w[i] = float32(float64(w[i]) - u[i]/c)
	}
	for i := range tr {
		for j := range tr[i] {
			avg.trans[i][j] = float32(float64(tr[i][j]) - utr[i][j]/c)
		}
	}
	return avg
}

func (fw *floatWeights) emissions(ex *example, em [][NT]float32) [][NT]float32 {
	em = em[:0]
	for _, fs := range ex.feats {
		var e [NT]float32
		for _, h := range fs {
			r := fw.w[int(h&fw.mask)*NT:][:NT]
			for t := range e {
				e[t] += r[t]
			}
		}
		em = append(em, e)
	}
	return em
}

func (fw *floatWeights) predictAll(exs []*example) [][]int {
	out := make([][]int, len(exs))
	var em [][NT]float32
	var vs viterbiScratch
	for i, ex := range exs {
		em = fw.emissions(ex, em)
		out[i] = make([]int, len(ex.gold))
		vs.decode(em, &fw.trans, out[i])
	}
	return out
}

// quantize maps the weights to int16 with one scale for the pass.
func (fw *floatWeights) quantize() Weights {
	var maxAbs float64
	for _, v := range fw.w {
		maxAbs = math.Max(maxAbs, math.Abs(float64(v)))
	}
	scale := float32(1)
	if maxAbs > 0 {
		scale = float32(maxAbs / 32767)
	}
	q := Weights{W: make([]int16, len(fw.w)), Scale: scale, Trans: fw.trans}
	for i, v := range fw.w {
		q.W[i] = int16(math.Round(float64(v / scale)))
	}
	return q
}
