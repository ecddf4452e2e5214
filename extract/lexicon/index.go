package lexicon

import (
	"sync"
	"sync/atomic"

	"github.com/kgraph/kgraph/extract/text"
)

// index finds multi-token names by their folded token keys. Names are
// bucketed by their first key; matching tries every proclitic reading of
// the first token of the input, and the rest must match key for key.
type index struct {
	byFirst map[string][]candidate
}

type candidate struct {
	keys  []string
	entry *Entry
}

// keysOf returns the token keys of a surface form, skipping tokens with an
// empty key (quotes, bidi marks).
func keysOf(surface string) []string {
	toks := text.Tokenize(surface)
	keys := make([]string, 0, len(toks))
	for _, t := range toks {
		if t.Key != "" {
			keys = append(keys, t.Key)
		}
	}
	return keys
}

// add indexes e under surface; duplicates of the same entry are ignored
// and, between entries, the first added wins a tie.
func (x *index) add(e *Entry, surface string) {
	keys := keysOf(surface)
	if len(keys) == 0 {
		return
	}
	if x.byFirst == nil {
		x.byFirst = map[string][]candidate{}
	}
	for _, c := range x.byFirst[keys[0]] {
		if equalKeys(c.keys, keys) {
			return
		}
	}
	x.byFirst[keys[0]] = append(x.byFirst[keys[0]], candidate{keys: keys, entry: e})
}

func equalKeys(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// match returns the longest entry starting at keys[i]. Among equally long
// matches the reading with the fewest proclitics wins, then the entry
// indexed first.
func (x *index) match(keys []string, i int) (*Entry, int) {
	if i < 0 || i >= len(keys) || keys[i] == "" || len(x.byFirst) == 0 {
		return nil, 0
	}
	var best *Entry
	bestN := 0
	try := func(first string) {
		for _, c := range x.byFirst[first] {
			n := len(c.keys)
			if n <= bestN || i+n > len(keys) {
				continue
			}
			if equalKeys(c.keys[1:], keys[i+1:i+n]) {
				best, bestN = c.entry, n
			}
		}
	}
	for _, stem := range readings(keys[i]) {
		try(stem)
	}
	return best, bestN
}

func isArabicKey(k string) bool {
	for _, r := range k {
		return r >= 0x0600 && r <= 0x06FF
	}
	return false
}

// readingMemo caches the clitic readings of a key: the same words are looked
// up again and again, in every list, across every article.
// It stops growing at memoLimit keys, so odd input cannot make it a leak.
var (
	readingMemo sync.Map // key -> []string
	memoSize    atomic.Int64
)

const memoLimit = 1 << 18

// readings returns the stems of every clitic reading of key, in the order
// text.ForEachSplit gives them (the whole key first).
func readings(key string) []string {
	if v, ok := readingMemo.Load(key); ok {
		return v.([]string)
	}
	var out []string
	text.ForEachSplit(key, func(s text.Split) bool {
		out = append(out, s.Stem)
		return true
	})
	if memoSize.Load() < memoLimit {
		memoSize.Add(1)
		readingMemo.Store(key, out)
	}
	return out
}
