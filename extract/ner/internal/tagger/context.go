package tagger

import "github.com/kgraph/kgraph/extract/lexicon"

// docCtx is a featurized document: the forms of its tokens and each
// token's positional features.
type docCtx struct {
	sents []sentCtx
}

type sentCtx struct {
	forms []*form
	pos   [][]uint32
}

// Gazetteer marks per token.
const (
	gzPlaceB = 1 << iota
	gzPlaceI
	gzOrgB
	gzOrgI
	gzTitleB
	gzTitleI
	gzTitleEnd // the last token of a title
)

// docFeatures featurizes doc, whose tokens formOf turns into forms.
func (fz *featurizer) docFeatures(doc [][]string, formOf func(string) *form) *docCtx {
	dc := &docCtx{sents: make([]sentCtx, len(doc))}
	for s, toks := range doc {
		forms := make([]*form, len(toks))
		for i, t := range toks {
			forms[i] = formOf(t)
		}
		dc.sents[s].forms = forms
	}
	// Capitalisation elsewhere in the document (Latin script): how often
	// each fold is written capitalised mid-sentence, and in lower case.
	var cases map[uint32][2]int32
	heads := make([]bool, len(doc))
	if !fz.ar {
		cases = map[uint32][2]int32{}
		for s := range dc.sents {
			forms := dc.sents[s].forms
			heads[s] = headline(forms)
			if heads[s] {
				continue
			}
			for i, f := range forms {
				if c, ok := caseEvidence(forms, i); ok {
					v := cases[f.hf]
					v[c]++
					cases[f.hf] = v
				}
			}
		}
	}
	var sc scratch
	for s := range dc.sents {
		dc.sents[s].pos = fz.positional(dc.sents[s].forms, heads[s], cases, &sc)
	}
	return dc
}

// caseEvidence says whether token i shows its word capitalised
// mid-sentence (0) or in lower case (1).
func caseEvidence(forms []*form, i int) (int, bool) {
	f := forms[i]
	switch {
	case f.caseClass == 1:
		return 1, true
	case f.caseClass == 2 && i > 0 && forms[i-1].hasLetter:
		return 0, true
	}
	return 0, false
}

// headline reports an all-caps sentence (CoNLL titles, datelines), where
// capitalisation says nothing.
func headline(forms []*form) bool {
	var c [4]int
	for _, f := range forms {
		c[f.caseClass]++
	}
	return c[3] >= 2 && c[1] == 0 && c[2] <= c[3]/2
}

type scratch struct {
	keys []string
	gz   []uint8
	typ  []uint32
}

// positional returns the positional features of each token of a sentence.
func (fz *featurizer) positional(forms []*form, head bool, cases map[uint32][2]int32, sc *scratch) [][]uint32 {
	n := len(forms)
	out := make([][]uint32, n)
	sc.keys = sc.keys[:0]
	for _, f := range forms {
		sc.keys = append(sc.keys, f.fold)
	}
	sc.gz = append(sc.gz[:0], make([]uint8, n)...)
	sc.typ = append(sc.typ[:0], make([]uint32, n)...)
	lx := fz.lex
	for i, f := range forms {
		if f.starts == 0 {
			continue
		}
		if f.starts&lexicon.StartsPlace != 0 {
			if e, k := lx.MatchPlace(sc.keys, i); k > 0 {
				sc.gz[i] |= gzPlaceB
				for j := i; j < i+k; j++ {
					if j > i {
						sc.gz[j] |= gzPlaceI
					}
					sc.typ[j] = hstr(kGazType, e.Type)
				}
			}
		}
		if f.starts&lexicon.StartsOrg != 0 {
			if _, k := lx.MatchOrg(sc.keys, i); k > 0 {
				sc.gz[i] |= gzOrgB
				for j := i + 1; j < i+k; j++ {
					sc.gz[j] |= gzOrgI
				}
			}
		}
		if f.starts&lexicon.StartsTitle != 0 {
			if _, k := lx.MatchTitle(sc.keys, i); k > 0 {
				sc.gz[i] |= gzTitleB
				for j := i + 1; j < i+k; j++ {
					sc.gz[j] |= gzTitleI
				}
				sc.gz[i+k-1] |= gzTitleEnd
			}
		}
	}
	buf := make([]uint32, 0, n*12)
	for i, f := range forms {
		start := len(buf)
		p := uint32(3)
		switch {
		case i == 0:
			p = 0
		case i == 1:
			p = 1
		case i == n-1:
			p = 2
		}
		cc := uint32(f.caseClass)
		if head {
			cc += 4
		}
		buf = append(buf, hv(kPos, p), hv(kPosCase, p<<4|cc))
		if i > 0 && forms[i-1].fold == "" || i > 0 && !forms[i-1].hasLetter {
			// After a quote or a colon a capital says little.
			buf = append(buf, hv(kPosCase, 1<<8|cc))
		}
		g := sc.gz[i]
		for b := uint32(0); b < 6; b++ {
			if g&(1<<b) != 0 {
				buf = append(buf, hv(kGaz, b))
				buf = append(buf, hv(kGaz, 16+b<<4|cc))
			}
		}
		if sc.typ[i] != 0 {
			buf = append(buf, sc.typ[i])
		}
		if i > 0 && sc.gz[i-1]&gzTitleEnd != 0 {
			buf = append(buf, hv(kTitleCtx, 1))
			if f.caseClass >= 2 || f.fold != "" && !f.latin {
				buf = append(buf, hv(kTitleCtx, 4+uint32(f.caseClass)))
			}
		}
		if i > 1 && sc.gz[i-2]&gzTitleEnd != 0 {
			buf = append(buf, hv(kTitleCtx, 2))
		}
		if i+1 < n && sc.gz[i+1]&gzTitleB != 0 {
			buf = append(buf, hv(kTitleCtx, 3))
		}
		prev, next := fz.bos[0].hf, fz.eos[0].hf
		if i > 0 {
			prev = forms[i-1].hf
		}
		if i+1 < n {
			next = forms[i+1].hf
		}
		buf = append(buf, mix(mix(hv(kBigramL, 0), prev), f.hf), mix(mix(hv(kBigramR, 0), f.hf), next))
		if cases != nil && f.latin {
			v := cases[f.hf]
			if c, ok := caseEvidence(forms, i); ok && !head {
				v[c]--
			}
			var ev uint32
			if v[0] > 0 {
				ev |= 1
			}
			if v[1] > 0 {
				ev |= 2
			}
			buf = append(buf, hv(kDocCase, cc<<4|ev))
		}
		out[i] = buf[start:len(buf):len(buf)]
	}
	return out
}

// predFeatures returns the document-consistency features of every token
// given the first-pass tags: the entity types the same word (or its stem)
// got elsewhere in the document, their majority, and the token's own
// first-pass tag.
func predFeatures(dc *docCtx, tags [][]int) [][][]uint32 {
	at := map[uint32]int32{} // document key -> index into counts
	var counts [][5]int32
	ntok, nkeys := 0, 0
	for _, sent := range dc.sents {
		ntok += len(sent.forms)
		for _, f := range sent.forms {
			nkeys += len(f.keys)
		}
	}
	idx := make([]int32, 0, nkeys) // each token's keys' counts, in order
	for s, sent := range dc.sents {
		for i, f := range sent.forms {
			ty := typeOf(tags[s][i])
			for _, k := range f.keys {
				j, ok := at[k]
				if !ok {
					j = int32(len(counts))
					at[k] = j
					counts = append(counts, [5]int32{})
				}
				counts[j][ty]++
				idx = append(idx, j)
			}
		}
	}
	out := make([][][]uint32, len(dc.sents))
	rows := make([][]uint32, ntok)
	buf := make([]uint32, 0, ntok*3)
	for s, sent := range dc.sents {
		out[s], rows = rows[:len(sent.forms):len(sent.forms)], rows[len(sent.forms):]
		for i, f := range sent.forms {
			start := len(buf)
			own := typeOf(tags[s][i])
			var others [5]int32
			for range f.keys {
				c := &counts[idx[0]]
				idx = idx[1:]
				for t := range others {
					others[t] += c[t]
				}
				others[own]--
			}
			major, best := 0, int32(0)
			for t := 0; t < 5; t++ {
				if others[t] > best {
					major, best = t, others[t]
				}
				if t > 0 && others[t] > 0 {
					buf = append(buf, hDocType[t])
					if others[t] >= 2 {
						buf = append(buf, hDocType2[t])
					}
				}
			}
			if best > 0 {
				buf = append(buf, hDocMajor[major])
			}
			buf = append(buf, hOwn[tags[s][i]])
			out[s][i] = buf[start:len(buf):len(buf)]
		}
	}
	return out
}

// Hashes of the document-consistency features, computed once.
var hDocType, hDocType2, hDocMajor [5]uint32
var hOwn [NT]uint32

func init() {
	for t := range hDocType {
		hDocType[t] = hval(kDocType, uint32(t))
		hDocType2[t] = hval(kDocType2, uint32(t))
		hDocMajor[t] = hval(kDocMajor, uint32(t))
	}
	for t := range hOwn {
		hOwn[t] = hval(kOwn, uint32(t))
	}
}
