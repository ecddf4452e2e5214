package resolve

import (
	_ "embed"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kgraph/kgraph/extract/text"
	"github.com/kgraph/kgraph/graph"
)

// Coarse is the class within which two entities may be one: places
// (countries, cities, regions) share a class, as a city and a country of
// one name do in the news.
func Coarse(t string) string {
	switch t {
	case graph.TypeCountry, graph.TypeCity, graph.TypeLocation:
		return "place"
	}
	return t
}

// StripArticle drops the Arabic article from a folded word (الرباط →
// رباط), keeping short words whole.
func StripArticle(w string) string {
	if strings.HasPrefix(w, "ال") && len([]rune(w)) > 3 {
		return w[len("ال"):]
	}
	return w
}

// NameKey is the matching form of a name: folded, the article dropped from
// each word, في X read as بX, punctuation gone.
func NameKey(name string) string {
	toks := text.Tokenize(name)
	parts := make([]string, 0, len(toks))
	prep := ""
	for _, t := range toks {
		if t.Kind == text.Punct || t.Key == "" {
			continue
		}
		k := t.Key
		if k == "في" {
			prep = "ب"
			continue
		}
		if strings.HasPrefix(k, "بال") && len([]rune(k)) > 4 {
			k = "ب" + k[len("بال"):]
		} else if strings.HasPrefix(k, "لل") && len([]rune(k)) > 4 {
			k = "ل" + k[len("لل"):]
		} else {
			k = StripArticle(k)
		}
		if keyFillers[k] {
			continue
		}
		parts = append(parts, prep+k)
		prep = ""
	}
	return strings.Join(parts, " ")
}

// keyFillers are words left out of a name's key (data/key_fillers.txt).
var keyFillers = foldedWords(keyFillersFile)

// foldedWords reads a word list: one word per line, # for comments,
// folded for matching.
func foldedWords(file string) map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(file, "\n") {
		if w := strings.TrimSpace(line); w != "" && !strings.HasPrefix(w, "#") {
			m[text.Fold(w)] = true
		}
	}
	return m
}

//go:embed data/key_fillers.txt
var keyFillersFile string

// nasabParticles join a person's name to their father's (بن، ibn), as
// listed in data/nasab_particles.txt.
var nasabParticles = foldedWords(nasabParticlesFile)

//go:embed data/nasab_particles.txt
var nasabParticlesFile string

// ShortNasab returns a person's name cut before its second nasab particle
// (محمد بن سلمان بن عبدالعزيز → محمد بن سلمان), the form other articles
// name them by, and false when the name has no such chain.
func ShortNasab(name string) (string, bool) {
	fs := strings.Fields(name)
	seen := 0
	for i, f := range fs {
		if !nasabParticles[text.Fold(f)] {
			continue
		}
		if seen++; seen == 2 && i >= 3 {
			return strings.Join(fs[:i], " "), true
		}
	}
	return "", false
}

var (
	nameKeyMemo     sync.Map // name -> []string; names recur across articles
	nameKeyMemoSize atomic.Int64
)

// memoLimit bounds each memo so that years of odd input cannot grow it
// without end; past it, values are computed and not kept.
const memoLimit = 1 << 18

// NameKeys are every key a name is indexed under.
func NameKeys(name string) []string {
	if v, ok := nameKeyMemo.Load(name); ok {
		return v.([]string)
	}
	ks := computeNameKeys(name)
	if nameKeyMemoSize.Add(1) < memoLimit {
		nameKeyMemo.Store(name, ks)
	}
	return ks
}

func computeNameKeys(name string) []string {
	k := NameKey(name)
	if k == "" {
		return nil
	}
	keys := []string{"n:" + k}
	for _, psk := range personSkeletons(name) {
		keys = append(keys, "psk:"+psk)
	}
	if sk := skeletonKey(name); sk != "" {
		keys = append(keys, "sk:"+sk)
	}
	return keys
}

// IsLatin reports whether a name is mostly in Latin letters.
func IsLatin(s string) bool {
	letters, latin := 0, 0
	for _, r := range s {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
			latin++
		}
		if r > ' ' {
			letters++
		}
	}
	return letters > 0 && latin*2 > letters
}
