package tagger

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkDecode reports the constrained Viterbi cost per token.
func BenchmarkDecode(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	em := make([][NT]float32, 30)
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
	out := make([]int, len(em))
	var vs viterbiScratch
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		vs.decode(em, &tr, out)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(em)), "ns/token")
}
