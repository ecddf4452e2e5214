package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/kgraph/kgraph/extract/ner/internal/tagger"
	"github.com/kgraph/kgraph/extract/text"
)

// Silver training data for Arabic: real Moroccan news articles whose gold
// (testdata/real/*.gold.json) lists every entity with its surface names.
// Each listed article is tokenised as the trainer tokenises the unlabelled
// corpus, every occurrence of a gold name is tagged (longest match first,
// IOB2), and the rest is O. Only the three files below are read: the last
// check set, fresh3-ar.gold.json, and its articles are never trained on.
var silverFiles = []string{"dev-ar.gold.json", "fresh-ar.gold.json", "fresh2-ar.gold.json"}

// silverForbidden are the articles of fresh3-ar.gold.json, the untouched
// check set; silver refuses them whatever a gold file lists.
var silverForbidden = map[string]bool{
	"feb-0073": true, "feb-0110": true, "feb-0226": true, "feb-0349": true, "feb-1319": true,
	"feb-1336": true, "feb-1381": true, "feb-1732": true, "feb-1783": true, "feb-1867": true,
	"feb-2003": true, "feb-2108": true, "feb-2110": true, "feb-2565": true,
}

// silverTypes maps gold entity types to tagger types; Event (and anything
// else) is left O.
var silverTypes = map[string]string{
	"Country": "LOC", "City": "LOC", "Location": "LOC",
	"Organization": "ORG", "Person": "PER",
}

type goldFile struct {
	Articles map[string]string `json:"articles"`
	Entities []goldEntity      `json:"entities"`
	Optional []goldEntity      `json:"optional_entities"`
}

type goldEntity struct {
	Type  string   `json:"type"`
	Names []string `json:"names"`
}

type silverName struct {
	toks []string // folded
	typ  string
}

// silver returns the silver documents built from the gold under goldDir,
// articles read from corpusDir, one document per article in name order.
// conv is ANERcorp's convention (see oLeaders): a leading word that
// ANERcorp leaves O is dropped from a PER or LOC name (الملك محمد السادس →
// محمد السادس, مدينة الرباط → الرباط), and an ORG name that starts with one
// (وزارة الفلاحة, which ANERcorp leaves O) is not tagged at all.
func silver(goldDir, corpusDir string, conv map[string]bool) ([]tagger.Doc, string, error) {
	var docs []tagger.Doc
	nArt, nEnt := 0, 0
	for _, f := range silverFiles {
		b, err := os.ReadFile(filepath.Join(goldDir, f))
		if err != nil {
			return nil, "", err
		}
		var g goldFile
		if err := json.Unmarshal(b, &g); err != nil {
			return nil, "", fmt.Errorf("%s: %w", f, err)
		}
		names := silverNames(append(append([]goldEntity(nil), g.Entities...), g.Optional...), conv)
		ids := make([]string, 0, len(g.Articles))
		for id := range g.Articles {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			if silverForbidden[id] {
				return nil, "", fmt.Errorf("%s lists %s, an article of the untouched check set", f, id)
			}
			raw, err := os.ReadFile(filepath.Join(corpusDir, g.Articles[id]))
			if err != nil {
				return nil, "", err
			}
			var doc tagger.Doc
			for _, s := range text.Sentences(string(raw)) {
				var toks []string
				for _, tk := range text.Tokenize(s.Text) {
					toks = append(toks, tk.Text)
				}
				if len(toks) == 0 {
					continue
				}
				tags, n := silverTag(toks, names)
				nEnt += n
				doc = append(doc, tagger.Sentence{Tokens: toks, Tags: tags})
			}
			if len(doc) > 0 {
				docs = append(docs, doc)
				nArt++
			}
		}
	}
	return docs, fmt.Sprintf("silver: %d articles, %d entity mentions from %s", nArt, nEnt, strings.Join(silverFiles, ", ")), nil
}

// silverNames returns the Arabic surface names of the entities, longest
// (in tokens) first; a name given two types keeps the first one met.
func silverNames(ents []goldEntity, conv map[string]bool) []silverName {
	seen := map[string]bool{}
	var out []silverName
	for _, e := range ents {
		typ, ok := silverTypes[e.Type]
		if !ok {
			continue
		}
		for _, n := range e.Names {
			if !isArabic(n) {
				continue
			}
			var toks []string
			for _, tk := range text.Tokenize(n) {
				toks = append(toks, text.Fold(tk.Text))
			}
			if typ == "ORG" {
				if len(toks) > 0 && conv[toks[0]] {
					continue
				}
			} else {
				for len(toks) > 0 && conv[toks[0]] {
					toks = toks[1:]
				}
			}
			if len(toks) == 0 || !isArabic(toks[0]) {
				continue
			}
			k := strings.Join(toks, " ")
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, silverName{toks, typ})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].toks) > len(out[j].toks) })
	return out
}

func isArabic(s string) bool {
	for _, r := range s {
		if r >= 0x0600 && r <= 0x06FF {
			return true
		}
	}
	return false
}

// proclitics may be glued to a name's first word; ANERcorp tags the whole
// token (وبريطانيا B-LOC).
var proclitics = []string{"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك"}

// firstMatches reports whether tok is w with a proclitic glued on; ل
// before the article ال drops the alif (للمغرب).
func firstMatches(tok, w string) bool {
	for _, p := range proclitics {
		if tok == p+w {
			return true
		}
		if strings.HasSuffix(p, "ل") && strings.HasPrefix(w, "ال") && tok == p+strings.TrimPrefix(w, "ا") {
			return true
		}
	}
	return false
}

// silverTag tags toks with the names, longest first, never overlapping.
func silverTag(toks []string, names []silverName) ([]string, int) {
	fold := make([]string, len(toks))
	for i, t := range toks {
		fold[i] = text.Fold(t)
	}
	tags := make([]string, len(toks))
	for i := range tags {
		tags[i] = "O"
	}
	n := 0
	for _, nm := range names {
		k := len(nm.toks)
	next:
		for i := 0; i+k <= len(toks); i++ {
			for j := 0; j < k; j++ {
				if tags[i+j] != "O" {
					continue next
				}
			}
			if !firstMatches(fold[i], nm.toks[0]) {
				continue
			}
			for j := 1; j < k; j++ {
				if fold[i+j] != nm.toks[j] {
					continue next
				}
			}
			tags[i] = "B-" + nm.typ
			for j := 1; j < k; j++ {
				tags[i+j] = "I-" + nm.typ
			}
			n++
		}
	}
	return tags, n
}

// oLeaders returns the folded words that ANERcorp tags O at least 90% of
// the time over at least 5 occurrences: titles (الرئيس, الملك, جلالة) and
// heads that it does not count as part of a name (وزارة, مدينة).
func oLeaders(sents []tagger.Sentence) map[string]bool {
	all, o := map[string]int{}, map[string]int{}
	for _, s := range sents {
		for i, t := range s.Tokens {
			f := text.Fold(t)
			all[f]++
			if s.Tags[i] == "O" {
				o[f]++
			}
		}
	}
	out := map[string]bool{}
	for w, n := range all {
		if n >= 5 && o[w]*10 >= n*9 {
			out[w] = true
		}
	}
	return out
}
