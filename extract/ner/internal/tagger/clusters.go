package tagger

import (
	"math"
	"math/rand/v2"
	"sort"
	"strings"
)

// Word clusters give unseen names the company they keep: words that occur
// between the same neighbours land in one cluster. They are induced from
// unlabelled text (the training text and news articles) by spherical
// k-means over each word's left and right neighbour counts, at a few
// granularities, and stored in the model.

// ClusterSizes are the numbers of clusters at each granularity.
var ClusterSizes = [nClusterLevels]int{64, 256, 1024}

const nClusterLevels = 3

// ClusterOptions control cluster induction.
type ClusterOptions struct {
	MinCount int // a word must occur this often to be clustered
	Contexts int // the most frequent words used as context dimensions
	Iters    int
	Seed     uint64
}

// InduceClusters clusters the folded words of sents. Deterministic.
func InduceClusters(sents [][]string, opt ClusterOptions) map[string][nClusterLevels]uint16 {
	count := map[string]int{}
	for _, s := range sents {
		for _, w := range s {
			count[w]++
		}
	}
	var words []string
	for w, c := range count {
		if c >= opt.MinCount && w != "" && len(w) < 256 {
			words = append(words, w)
		}
	}
	sort.Slice(words, func(i, j int) bool {
		if count[words[i]] != count[words[j]] {
			return count[words[i]] > count[words[j]]
		}
		return words[i] < words[j]
	})
	if len(words) == 0 {
		return nil
	}
	id := make(map[string]int, len(words))
	for i, w := range words {
		id[w] = i
	}
	nctx := min(opt.Contexts, len(words))
	dim := 2*nctx + 2 // left contexts, right contexts, sentence start, end
	// Sparse context vectors.
	vecs := make([]map[int32]float32, len(words))
	for i := range vecs {
		vecs[i] = map[int32]float32{}
	}
	for _, s := range sents {
		for i, w := range s {
			wi, ok := id[w]
			if !ok {
				continue
			}
			if i == 0 {
				vecs[wi][int32(2*nctx)]++
			} else if c, ok := id[s[i-1]]; ok && c < nctx {
				vecs[wi][int32(c)]++
			}
			if i == len(s)-1 {
				vecs[wi][int32(2*nctx+1)]++
			} else if c, ok := id[s[i+1]]; ok && c < nctx {
				vecs[wi][int32(nctx+c)]++
			}
		}
	}
	type sparse struct {
		idx []int32
		val []float32
	}
	sp := make([]sparse, len(words))
	for i, v := range vecs {
		keys := make([]int32, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(a, b int) bool { return keys[a] < keys[b] })
		var norm float64
		vals := make([]float32, len(keys))
		for j, k := range keys {
			x := math.Log1p(float64(v[k]))
			vals[j] = float32(x)
			norm += x * x
		}
		if norm > 0 {
			inv := float32(1 / math.Sqrt(norm))
			for j := range vals {
				vals[j] *= inv
			}
		}
		sp[i] = sparse{keys, vals}
	}
	out := make(map[string][nClusterLevels]uint16, len(words))
	for lv, k := range ClusterSizes {
		k = min(k, len(words))
		rng := rand.New(rand.NewPCG(opt.Seed, uint64(lv)))
		cent := make([][]float32, k)
		// Seeds: distinct words drawn with a fixed generator, weighted to
		// the frequent half of the vocabulary.
		used := map[int]bool{}
		for c := 0; c < k; c++ {
			var w int
			for {
				w = rng.IntN(max(len(words)/2, k))
				if w < len(words) && !used[w] {
					break
				}
			}
			used[w] = true
			cent[c] = make([]float32, dim)
			for j, x := range sp[w].idx {
				cent[c][x] = sp[w].val[j]
			}
		}
		assign := make([]int, len(words))
		for it := 0; it < opt.Iters; it++ {
			for w := range sp {
				best, arg := float32(-1), 0
				for c := range cent {
					var d float32
					ce := cent[c]
					for j, x := range sp[w].idx {
						d += ce[x] * sp[w].val[j]
					}
					if d > best {
						best, arg = d, c
					}
				}
				assign[w] = arg
			}
			for c := range cent {
				clear(cent[c])
			}
			for w := range sp {
				ce := cent[assign[w]]
				for j, x := range sp[w].idx {
					ce[x] += sp[w].val[j]
				}
			}
			for c := range cent {
				var norm float64
				for _, x := range cent[c] {
					norm += float64(x) * float64(x)
				}
				if norm > 0 {
					inv := float32(1 / math.Sqrt(norm))
					for j := range cent[c] {
						cent[c][j] *= inv
					}
				}
			}
		}
		for w, c := range assign {
			v := out[words[w]]
			v[lv] = uint16(c)
			out[words[w]] = v
		}
	}
	return out
}

// sortedKeys returns the keys of a cluster map in order, for writing.
func sortedKeys(m map[string][nClusterLevels]uint16) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// UnlabelledSentences folds the tokens of sentences for cluster induction.
func UnlabelledSentences(sents [][]string, fold func(string) string) [][]string {
	out := make([][]string, 0, len(sents))
	for _, s := range sents {
		f := make([]string, 0, len(s))
		for _, t := range s {
			if k := fold(t); k != "" && !strings.ContainsRune(k, ' ') {
				f = append(f, k)
			}
		}
		if len(f) > 0 {
			out = append(out, f)
		}
	}
	return out
}
