package tagger

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"
	"sync/atomic"
)

// Weights are one pass's parameters: NT weights per hashed feature row,
// quantised to int16 (real weight = W × Scale), and tag transitions.
type Weights struct {
	W     []int16
	Scale float32
	Trans [NT + 1][NT]float32 // Trans[NT] is from the sentence start
}

// Model tags a document in two passes. The first pass sees no
// document-consistency features; the second adds what the first pass
// tagged elsewhere in the same document. A Model is immutable once built
// and safe for concurrent use.
type Model struct {
	Lang  string
	Bits  uint8
	Stage [2]Weights
	// Clusters are the word clusters of folded forms, at each granularity.
	Clusters map[string][nClusterLevels]uint16

	fz    *featurizer
	mask  uint32
	bos   [2]*form
	eos   [2]*form
	cache sync.Map // raw token -> *form with scores, at most cacheLimit
	size  atomic.Int64
}

// cacheLimit bounds the per-model cache of word forms: the frequent forms
// come first in any news stream, and about 550 bytes each stay resident.
const cacheLimit = 1 << 14

// scores are a form's cached sums: [pass][0 intrinsic, 1–4 as the
// neighbour at offsets -2, -1, +1, +2][tag].
type scores [2][5][NT]int32

func (m *Model) init() {
	m.fz = newFeaturizer(m.Lang, m.Clusters)
	m.mask = 1<<m.Bits - 1
	for d := 0; d < 2; d++ {
		m.bos[d] = m.score(m.fz.bos[d])
		m.eos[d] = m.score(m.fz.eos[d])
	}
}

// score returns a copy of f without its feature lists and with their
// summed weights.
func (m *Model) score(f *form) *form {
	g := *f
	g.intr = nil
	g.neigh = [4][]uint32{}
	sc := new(scores)
	for p := range m.Stage {
		w := m.Stage[p].W
		m.addRows(&sc[p][0], w, f.intr)
		for k := range f.neigh {
			m.addRows(&sc[p][k+1], w, f.neigh[k])
		}
	}
	g.sc = sc
	return &g
}

func (m *Model) addRows(acc *[NT]int32, w []int16, feats []uint32) {
	for _, h := range feats {
		r := w[int(h&m.mask)*NT:][:NT]
		for t := range acc {
			acc[t] += int32(r[t])
		}
	}
}

// formOf returns the scored form of raw, from the cache or from local.
func (m *Model) formOf(raw string, local map[string]*form) *form {
	if v, ok := m.cache.Load(raw); ok {
		return v.(*form)
	}
	if f := local[raw]; f != nil {
		return f
	}
	f := m.score(m.fz.analyze(raw))
	if m.size.Load() < cacheLimit {
		if _, loaded := m.cache.LoadOrStore(raw, f); !loaded {
			m.size.Add(1)
		}
		return f
	}
	local[raw] = f
	return f
}

// Tag returns the IOB2 tag indexes of every token of doc.
func (m *Model) Tag(doc [][]string) [][]int {
	local := map[string]*form{}
	dc := m.fz.docFeatures(doc, func(raw string) *form { return m.formOf(raw, local) })
	tags := make([][]int, len(doc))
	var em [][NT]float32
	var vs viterbiScratch
	for s, sent := range dc.sents {
		em = m.emissions(0, sent, nil, em)
		tags[s] = make([]int, len(sent.forms))
		vs.decode(em, &m.Stage[0].Trans, tags[s])
	}
	pred := predFeatures(dc, tags)
	for s, sent := range dc.sents {
		em = m.emissions(1, sent, pred[s], em)
		vs.decode(em, &m.Stage[1].Trans, tags[s])
	}
	return tags
}

// emissions computes the scores of pass p for every token of sent.
func (m *Model) emissions(p int, sent sentCtx, extra [][]uint32, em [][NT]float32) [][NT]float32 {
	n := len(sent.forms)
	em = em[:0]
	w := m.Stage[p].W
	scale := m.Stage[p].Scale
	for i, f := range sent.forms {
		acc := f.sc[p][0]
		for k, off := range offsets {
			g := m.neighbour(sent.forms, i+off, n)
			v := &g.sc[p][k+1]
			for t := range acc {
				acc[t] += v[t]
			}
		}
		m.addRows(&acc, w, sent.pos[i])
		if extra != nil {
			m.addRows(&acc, w, extra[i])
		}
		var e [NT]float32
		for t := range e {
			e[t] = float32(acc[t]) * scale
		}
		em = append(em, e)
	}
	return em
}

func (m *Model) neighbour(forms []*form, j, n int) *form {
	switch {
	case j < 0:
		return m.bos[-j-1]
	case j >= n:
		return m.eos[j-n]
	}
	return forms[j]
}

type viterbiScratch struct {
	bp [][NT]uint8
}

// decode writes the best tag sequence under IOB2 constraints to out. An
// I-X tag can only follow B-X or I-X, so it has two candidates to check
// instead of NT.
func (vs *viterbiScratch) decode(em [][NT]float32, tr *[NT + 1][NT]float32, out []int) {
	n := len(em)
	if n == 0 {
		return
	}
	if cap(vs.bp) < n {
		vs.bp = make([][NT]uint8, n)
	}
	bp := vs.bp[:n]
	neg := float32(math.Inf(-1))
	var cur, next [NT]float32
	for t := 0; t < NT; t++ {
		cur[t] = neg
		if !isInside(t) {
			cur[t] = tr[NT][t] + em[0][t]
		}
	}
	for i := 1; i < n; i++ {
		e := &em[i]
		b := &bp[i]
		for t := 0; t < NT; t++ {
			if isInside(t) {
				p0, p1 := t-1, t
				s0, s1 := cur[p0]+tr[p0][t], cur[p1]+tr[p1][t]
				if s1 > s0 {
					next[t], b[t] = s1+e[t], uint8(p1)
				} else {
					next[t], b[t] = s0+e[t], uint8(p0)
				}
				continue
			}
			best, arg := cur[0]+tr[0][t], 0
			for p := 1; p < NT; p++ {
				if s := cur[p] + tr[p][t]; s > best {
					best, arg = s, p
				}
			}
			next[t], b[t] = best+e[t], uint8(arg)
		}
		cur = next
	}
	best := 0
	for t := 1; t < NT; t++ {
		if cur[t] > cur[best] {
			best = t
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = best
		best = int(bp[i][best])
	}
}

const magic = "KGNER2\n"

// WriteTo writes the model, gzip-compressed. The int16 weights are stored
// as two byte planes, which compresses about a third better.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	var raw bytes.Buffer
	raw.WriteString(magic)
	raw.WriteByte(byte(len(m.Lang)))
	raw.WriteString(m.Lang)
	raw.WriteByte(m.Bits)
	for p := range m.Stage {
		st := &m.Stage[p]
		if len(st.W) != (1<<m.Bits)*NT {
			return 0, fmt.Errorf("stage %d: %d weights, want %d", p, len(st.W), (1<<m.Bits)*NT)
		}
		_ = binary.Write(&raw, binary.LittleEndian, st.Scale)
		_ = binary.Write(&raw, binary.LittleEndian, st.Trans)
		for _, v := range st.W {
			raw.WriteByte(byte(uint16(v)))
		}
		for _, v := range st.W {
			raw.WriteByte(byte(uint16(v) >> 8))
		}
	}
	keys := sortedKeys(m.Clusters)
	_ = binary.Write(&raw, binary.LittleEndian, uint32(len(keys)))
	for _, k := range keys {
		raw.WriteByte(byte(len(k)))
		raw.WriteString(k)
		_ = binary.Write(&raw, binary.LittleEndian, m.Clusters[k])
	}
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	if _, err := zw.Write(raw.Bytes()); err != nil {
		return cw.n, err
	}
	err = zw.Close()
	return cw.n, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// ErrFormat reports a model file that is not one.
var ErrFormat = errors.New("not a kgraph NER model")

// Read reads a model written by WriteTo.
func Read(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	br := bufio.NewReader(zr)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, ErrFormat
	}
	n, err := br.ReadByte()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	lang := make([]byte, n)
	if _, err := io.ReadFull(br, lang); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	bits, err := br.ReadByte()
	if err != nil || bits < 8 || bits > 26 {
		return nil, fmt.Errorf("%w: bad hash size", ErrFormat)
	}
	m := &Model{Lang: string(lang), Bits: bits}
	rows := (1 << bits) * NT
	plane := make([]byte, rows)
	for p := range m.Stage {
		st := &m.Stage[p]
		if err := binary.Read(br, binary.LittleEndian, &st.Scale); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		if err := binary.Read(br, binary.LittleEndian, &st.Trans); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		st.W = make([]int16, rows)
		if _, err := io.ReadFull(br, plane); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		for i, b := range plane {
			st.W[i] = int16(b)
		}
		if _, err := io.ReadFull(br, plane); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		for i, b := range plane {
			st.W[i] = int16(uint16(st.W[i])&0xff | uint16(b)<<8)
		}
	}
	var nc uint32
	if err := binary.Read(br, binary.LittleEndian, &nc); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if nc > 0 {
		m.Clusters = make(map[string][nClusterLevels]uint16, nc)
	}
	for i := uint32(0); i < nc; i++ {
		n, err := br.ReadByte()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		k := make([]byte, n)
		if _, err := io.ReadFull(br, k); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		var c [nClusterLevels]uint16
		if err := binary.Read(br, binary.LittleEndian, &c); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		m.Clusters[string(k)] = c
	}
	m.init()
	return m, nil
}
