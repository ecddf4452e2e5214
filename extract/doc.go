package extract

import (
	"strings"
	"sync"

	"github.com/kgraph/kgraph/extract/lexicon"
	"github.com/kgraph/kgraph/extract/ner"

	"github.com/kgraph/kgraph/extract/text"
)

// word is one token of a sentence as the engine sees it. Quote marks are
// not words: they only mark where a quoted span opens and closes, which is
// how an appositive alias (“Africa Focus Group”) is recognised.
type word struct {
	text.Token            // Start/End are code-point offsets into the article
	pre        string     // proclitic split off (و، ب، ل، لل، وال…), "" if none
	stem       string     // Key without pre
	quoteOpen  bool       // a quote mark stands right before
	quoteClose bool       // a quote mark stands right after
	f, fs      *wordFacts // lexicon facts about Key and about stem, looked up once
	comma      bool       // punctuation that separates list items or clauses
	stop       bool       // sentence-internal hard stop: . ; : ( ) etc.
	poss       bool       // an English possessive 's was cut off the word (Labour's)
}

func (w word) isPunct() bool { return w.Kind == text.Punct }

// sentence is one sentence with its words and everything found in it.
type Sentence struct {
	text.Sentence
	words    []word
	mentions []*mention
	covered  []*mention // top-level mention over each word, while recognising
	tagged   []ner.Span // the tagger's names, word indexes
	dates    []*dateHit
	keys     []string         // folded word keys, what lexicon lookups want
	toks     []text.Token     // as tokenised, offsets relative to the sentence
	art      []rune           // the whole article text; offsets index it
	bounds   []int            // clause bounds: trigger starts and relative pronouns
	trig     []trigHit        // triggerAt, memoised per word
	starts   []lexicon.Starts // which gazetteer lists a name may start from at each word
}

var quoteMarks = "“”„«»\"‹›"

// newSentence tokenises s, drops quote marks into flags and splits clitics
// where what remains is known to the lexicons.
func (x *Engine) newSentence(s text.Sentence, art []rune) *Sentence {
	return x.sentenceOf(s, art, text.Tokenize(s.Text))
}

// sentenceOf is newSentence over tokens already made, with offsets
// relative to the sentence.
func (x *Engine) sentenceOf(s text.Sentence, art []rune, toks []text.Token) *Sentence {
	out := &Sentence{Sentence: s, words: getWords(len(toks)), toks: toks, art: art}
	pendingQuote, inQuote, singleQuote := false, false, false
	for _, t := range toks {
		t.Start += s.Start
		t.End += s.Start
		if t.Kind == text.Punct && strings.ContainsAny(t.Text, quoteMarks) {
			// Writers use ” for both ends (لـ”Africa Focus Group”), so a
			// quote mark toggles rather than trusting its shape.
			if inQuote {
				if n := len(out.words); n > 0 && !out.words[n-1].isPunct() {
					out.words[n-1].quoteClose = true
				}
				inQuote, pendingQuote = false, false
			} else {
				inQuote, pendingQuote = true, true
			}
			continue
		}
		if t.Kind == text.Punct && (t.Text == "'" || t.Text == "’") && !singleQuote {
			// The United Nations' envoy: after a plural's s the apostrophe is
			// a possessive, not a quote (unless one opened before it).
			if n := len(out.words); n > 0 && out.words[n-1].Kind == text.Latin && out.words[n-1].End == t.Start &&
				strings.HasSuffix(strings.ToLower(out.words[n-1].Text), "s") {
				out.words[n-1].poss = true
				continue
			}
			singleQuote = true
		}
		w := word{Token: t, stem: t.Key}
		if pendingQuote && t.Kind != text.Punct {
			w.quoteOpen = true
			pendingQuote = false
		}
		if t.Kind == text.Punct {
			switch t.Text {
			case "،", ",", "؛", ";":
				w.comma = true
			default:
				w.stop = true
			}
		} else if t.Kind == text.Word {
			wi := x.wordInfo(t.Key)
			w.pre, w.stem, w.f, w.fs = wi.pre, wi.stem, wi.f, wi.fs
		} else if t.Kind == text.Latin {
			// Jordan's Foreign Minister: the possessive is not part of the name.
			for _, poss := range []string{"'s", "’s"} {
				if strings.HasSuffix(w.Text, poss) && len(w.Text) > len(poss) {
					w.Text = strings.TrimSuffix(w.Text, poss)
					w.Key = text.Fold(w.Text)
					w.stem = w.Key
					w.End -= 2
					w.poss = true
				}
			}
		}
		out.words = append(out.words, w)
	}
	out.keys = rawKeys(out.words)
	out.starts = make([]lexicon.Starts, len(out.keys))
	for i := range out.words {
		w := &out.words[i]
		if w.f == nil {
			w.f = x.facts(w.Key)
			w.fs = w.f
			if w.stem != w.Key {
				w.fs = x.facts(w.stem)
			}
		}
		if !w.isPunct() {
			out.starts[i] = w.f.starts
		}
	}
	return out
}

// splitClitic returns the proclitic and stem of a folded Arabic word, keeping
// the word whole unless the stem is something the lexicons know: blind
// stemming would cut names like بوريطة into ب + وريطة.
func (x *Engine) splitClitic(key string) (pre, stem string) {
	if v, ok := x.clitics.Load(key); ok { // words recur: decide once per word
		sp := v.(text.Split)
		return sp.Prefix, sp.Stem
	}
	pre, stem = x.decideClitic(key)
	if x.cliticsSize.Add(1) < memoLimit {
		x.clitics.Store(key, text.Split{Prefix: pre, Stem: stem})
	}
	return pre, stem
}

func (x *Engine) decideClitic(key string) (pre, stem string) {
	if x.strictKnown(key) {
		// للجنة is a known word because a lexicon name holds it (المديرية
		// التنفيذية للجنة …), yet it is still ل + a head noun.
		if sp, ok := x.bestSplit(key); ok && x.onlyNameWord(key) && !x.lex.IsHeadWord(key) && x.isHead(sp.Stem) {
			return sp.Prefix, sp.Stem
		}
		return "", key
	}
	sp, ok := x.bestSplit(key)
	if !ok {
		return "", key
	}
	return sp.Prefix, sp.Stem
}

// onlyNameWord reports whether key is known only as a word of some
// lexicon name, not as a word of its own (a rule word, stop word, given
// name).
func (x *Engine) onlyNameWord(key string) bool {
	return !x.known[key] && !x.lex.IsStopword(key) && !x.lex.IsGivenName(key)
}

func (x *Engine) isHead(stem string) bool {
	_, org := x.lex.OrgHead(stem)
	_, ev := x.lex.EventHead(stem)
	return org || ev
}

// bestSplit is the likeliest proclitic reading of key: the one whose stem
// the lists know best, or false when none is known.
func (x *Engine) bestSplit(key string) (text.Split, bool) {
	best, bestScore := text.Split{}, 0
	for _, sp := range text.Splits(key) {
		if sp.Prefix == "" || sp.Prefix == "ال" {
			continue // the article belongs to the word
		}
		score := 0
		if x.strictKnown(sp.Stem) {
			score = 3
		} else if x.knownWord(sp.Stem) {
			score = 1
		}
		if score > 0 && strings.HasPrefix(sp.Stem, "ال") {
			score++ // لل+تحالف and ل+التحالف: keep the article with the stem
		}
		if score > bestScore {
			best, bestScore = sp, score
		}
	}
	return best, bestScore > 0
}

// strictKnown is true for words listed as they are (no clitic reading).
func (x *Engine) strictKnown(w string) bool {
	return x.known[w] || x.lex.IsKnownWord(w) || x.lex.IsStopword(w) || x.lex.IsGivenName(w)
}

func (x *Engine) knownWord(w string) bool {
	if x.known[w] {
		return true
	}
	l := x.lex
	if l.IsStopword(w) || x.lex.IsGivenName(w) {
		return true
	}
	if _, ok := l.OrgHead(w); ok {
		return true
	}
	if _, ok := l.EventHead(w); ok {
		return true
	}
	if _, ok := l.Nisba(w); ok {
		return true
	}
	keys := []string{w}
	if e, n := l.MatchPlace(keys, 0); e != nil && n == 1 {
		return true
	}
	if e, n := l.MatchOrg(keys, 0); e != nil && n == 1 {
		return true
	}
	if e, n := l.MatchTitle(keys, 0); e != nil && n == 1 {
		return true
	}
	if m, n := l.Month(keys, 0); m > 0 && n == 1 {
		return true
	}
	return false
}

func rawKeys(ws []word) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.Key
	}
	return out
}

// Guarded lexicon lookups on the sentence's words: a word that starts no
// name of a list is not looked up in it.
func (s *Sentence) matchPlace(l *lexicon.Lexicon, i int) (*lexicon.Entry, int) {
	if i >= len(s.starts) || s.starts[i]&lexicon.StartsPlace == 0 {
		return nil, 0
	}
	e, n := l.MatchPlace(s.keys, i)
	if e != nil && hamzaLam(s.words[i].Text) && !namesStartWith(e, s.keys[i]) {
		// ألباريس (Albares) is not ال + باريس: a hamza on the alef says
		// the أل belongs to the word, and the name is no place.
		return nil, 0
	}
	return e, n
}

// hamzaLam reports whether an Arabic word begins with a hamza-carrying alef
// and lam (أل، إل), which the folded key writes like the article ال.
func hamzaLam(w string) bool {
	return strings.HasPrefix(w, "أل") || strings.HasPrefix(w, "إل")
}

// namesStartWith reports whether one of e's names starts with the folded
// word key itself, the article and all.
func namesStartWith(e *lexicon.Entry, key string) bool {
	for _, n := range e.Names {
		if ks := foldWords(n); len(ks) > 0 && ks[0] == key {
			return true
		}
	}
	return false
}

func (s *Sentence) matchOrg(l *lexicon.Lexicon, i int) (*lexicon.Entry, int) {
	if i >= len(s.starts) || s.starts[i]&lexicon.StartsOrg == 0 {
		return nil, 0
	}
	return l.MatchOrg(s.keys, i)
}

func (s *Sentence) matchTitle(l *lexicon.Lexicon, i int) (*lexicon.Entry, int) {
	if i >= len(s.starts) || s.starts[i]&lexicon.StartsTitle == 0 {
		return nil, 0
	}
	return l.MatchTitle(s.keys, i)
}

func (s *Sentence) month(l *lexicon.Lexicon, i int) (int, int) {
	if i >= len(s.starts) || s.starts[i]&lexicon.StartsMonth == 0 {
		return 0, 0
	}
	return l.Month(s.keys, i)
}

// wordFacts is what the lexicon says about one folded word, looked up once
// per distinct word: the hot loops ask about every word many times.
type wordFacts struct {
	starts    lexicon.Starts
	orgHead   bool
	eventHead bool
	nisba     *lexicon.Entry
}

func (x *Engine) facts(key string) *wordFacts {
	if v, ok := x.factMemo.Load(key); ok {
		return v.(*wordFacts)
	}
	f := &wordFacts{starts: x.lex.StartsOf(key)}
	_, f.orgHead = x.lex.OrgHead(key)
	_, f.eventHead = x.lex.EventHead(key)
	f.nisba, _ = x.lex.Nisba(key)
	if x.factMemoSize.Add(1) < memoLimit {
		x.factMemo.Store(key, f)
	}
	return f
}

// wordInfo is everything decided about an Arabic word on its own: its
// clitic split and the lexicon facts of the word and of its stem. Words
// recur, so it is decided once per distinct word.
type wordInfo struct {
	pre, stem string
	f, fs     *wordFacts
}

func (x *Engine) wordInfo(key string) *wordInfo {
	if v, ok := x.infoMemo.Load(key); ok {
		return v.(*wordInfo)
	}
	wi := &wordInfo{}
	wi.pre, wi.stem = x.splitClitic(key)
	wi.f = x.facts(key)
	wi.fs = wi.f
	if wi.stem != key {
		wi.fs = x.facts(wi.stem)
	}
	if x.infoMemoSize.Add(1) < memoLimit {
		x.infoMemo.Store(key, wi)
	}
	return wi
}

// wordBufs recycles sentence word slices: once an article's batch is built
// nothing refers to its words, and allocating them anew for every sentence
// of every article is most of the garbage extraction makes.
var wordBufs sync.Pool

func getWords(n int) []word {
	if b, ok := wordBufs.Get().(*[]word); ok && cap(*b) >= n {
		return (*b)[:0]
	}
	return make([]word, 0, max(n, 64))
}

// release returns the sentence's buffers; s must not be used after.
func (s *Sentence) release() {
	if cap(s.words) > 0 && cap(s.words) <= 4096 {
		w := s.words[:0]
		clear(s.words[:cap(s.words)])
		wordBufs.Put(&w)
	}
	s.words = nil
}
