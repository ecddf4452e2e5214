package tagger

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kgraph/kgraph/extract/lexicon"
	"github.com/kgraph/kgraph/extract/text"
)

// A token's features come in three groups, so that the tagger can cache
// the first two per word form:
//   - intrinsic: the form itself (word, fold, affixes, shape, lexicon);
//   - neighbour: what the form says about the tokens at -2, -1, +1, +2;
//   - positional: what depends on the sentence or the document
//     (position, capitalisation at sentence start, gazetteer matches over
//     several tokens, titles nearby, bigrams, document consistency).
// A token's emission score is the sum of the weights of its intrinsic
// features, of its neighbours' neighbour features and of its positional
// features.

// offsets of the neighbour features, in the order form.neigh holds them.
var offsets = [4]int{-2, -1, 1, 2}

// form is what the featurizer knows about one word form, out of context.
type form struct {
	fold      string
	hf        uint32 // hash of the fold, for bigrams
	intr      []uint32
	neigh     [4][]uint32
	keys      []uint32 // document keys: fold, stems without clitics or 's
	latin     bool
	hasLetter bool
	caseClass uint8 // 0 no Latin letter, 1 lower, 2 capitalised, 3 all caps
	starts    lexicon.Starts
	sc        *scores // summed weights, on a Model's cached copy only
}

// featurizer turns word forms and sentences into features.
type featurizer struct {
	lex      *lexicon.Lexicon
	ar       bool
	clusters map[string][nClusterLevels]uint16
	bos      [2]*form // pseudo forms before the sentence start: at -1, -2
	eos      [2]*form // after the end: at +1, +2
}

func newFeaturizer(lang string, clusters map[string][nClusterLevels]uint16) *featurizer {
	fz := &featurizer{lex: lexicon.Default(), ar: lang == "ar", clusters: clusters}
	for d := 0; d < 2; d++ {
		b := &form{hf: hval(kBOS, uint32(d))}
		e := &form{hf: hval(kEOS, uint32(d))}
		for k, off := range offsets {
			b.neigh[k] = []uint32{mix(b.hf, hval(kNeigh, uint32(off+8)))}
			e.neigh[k] = []uint32{mix(e.hf, hval(kNeigh, uint32(off+8)))}
		}
		fz.bos[d], fz.eos[d] = b, e
	}
	return fz
}

// Lexicon flags, the values of kLex features.
const (
	lexGiven = 1 + iota
	lexStop
	lexKnown
	lexEventHead
	lexOrgHead
	lexNisba
	lexAcronym
	lexStartsPlace
	lexStartsOrg
	lexStartsTitle
	lexStemGiven
	lexStemKnown
	lexStemNisba
	lexGaz // + the bit of a gazetteer mark (gazetteer.go), + 4 for a stem without proclitics
)

// The person-word mark (gzPerson, a list of its own) has values after
// lexGaz's eight.
const (
	lexPerson     = lexGaz + 8 + iota // the form is in person_words.txt
	lexStemPerson                     // a stem without proclitics is
)

// Flags, the values of kFlag features.
const (
	flagInitCap = 1 + iota
	flagAllCaps
	flagLower
	flagMixedCaps
	flagHasDigit
	flagAllDigit
	flagHyphen
	flagPeriod
	flagPunct
	flagOneCap
	flagArabic
	flagLatin
	flagDefinite // Arabic ال
)

// enclitics are the Arabic pronoun suffixes tried on folded forms, longest
// first (ة folds to ه, so ه covers both).
var enclitics = []string{"هما", "كما", "هم", "هن", "ها", "كم", "نا", "ه", "ك", "ي"}

// analyze computes the context-free features of a raw token.
func (fz *featurizer) analyze(raw string) *form {
	fold := text.Fold(raw)
	f := &form{fold: fold, hf: hstr(kFold, fold)}
	intr := make([]uint32, 0, 40)
	base := make([]uint32, 0, 12) // features also seen by the neighbours
	var nearBase int              // base[:nearBase] are for ±2 as well

	intr = append(intr, hval(kBias, 0), hstr(kWord, raw), f.hf)
	base = append(base, f.hf)

	// Affixes on the fold, by runes.
	n := utf8.RuneCountInString(fold)
	for k := 1; k <= 4 && k <= n; k++ {
		intr = append(intr, hstr(kPrefix+uint32(k)<<8, prefixRunes(fold, k)))
		intr = append(intr, hstr(kSuffix+uint32(k)<<8, suffixRunes(fold, k)))
	}
	intr = append(intr, hval(kLen, lenBucket(n)))
	// Character trigrams inside the word, with the word's edges marked:
	// transliterated foreign names share them (فولكسفاغن, ميليفسكي).
	if n >= 4 {
		intr = appendTrigrams(intr, fold)
	}

	// Shape and flags from the raw text.
	sh, flags := shape(raw)
	intr = append(intr, sh)
	base = append(base, sh)
	for fl := uint32(1); fl < 32; fl++ {
		if flags&(1<<fl) != 0 {
			intr = append(intr, hval(kFlag, fl))
		}
	}
	f.latin = flags&(1<<flagLatin) != 0
	f.hasLetter = f.latin || flags&(1<<flagArabic) != 0
	switch {
	case !f.latin:
	case flags&(1<<flagAllCaps) != 0:
		f.caseClass = 3
	case flags&(1<<flagInitCap|1<<flagOneCap) != 0:
		f.caseClass = 2
	default:
		f.caseClass = 1
	}

	// Lexicon membership of the whole form.
	lx := fz.lex
	var lex []uint32
	addLex := func(v uint32) { lex = append(lex, hval(kLex, v)) }
	if lx.IsGivenName(fold) {
		addLex(lexGiven)
	}
	if lx.IsStopword(fold) {
		addLex(lexStop)
	}
	gz := gazetteer()
	// addGaz adds the given-name and organisation marks; the person-word
	// mark has its own values (lexPerson).
	addGaz := func(m uint8, stem bool) {
		for b := uint32(0); b < 4; b++ {
			if m&(1<<b) != 0 {
				v := lexGaz + b
				if stem {
					v += 4
				}
				addLex(v)
			}
		}
	}
	gm := gz[fold]
	addGaz(gm, false)
	if gm&gzPerson != 0 {
		addLex(lexPerson)
	}
	if lx.IsKnownWord(fold) {
		addLex(lexKnown)
	}
	if _, ok := lx.EventHead(fold); ok {
		addLex(lexEventHead)
	}
	if _, ok := lx.OrgHead(fold); ok {
		addLex(lexOrgHead)
	}
	if _, ok := lx.Nisba(fold); ok {
		addLex(lexNisba)
	}
	if _, ok := lx.Acronym(raw); ok {
		addLex(lexAcronym)
	}
	f.starts = lx.StartsOf(fold)
	if f.starts&lexicon.StartsPlace != 0 {
		addLex(lexStartsPlace)
	}
	if f.starts&lexicon.StartsOrg != 0 {
		addLex(lexStartsOrg)
	}
	if f.starts&lexicon.StartsTitle != 0 {
		addLex(lexStartsTitle)
	}

	// Word clusters of the form, or else of its stem; the neighbours see them.
	clusterOf := func(w string) ([nClusterLevels]uint16, bool) {
		c, ok := fz.clusters[w]
		return c, ok
	}
	var clus []uint32
	if c, ok := clusterOf(fold); ok {
		for lv, id := range c {
			clus = append(clus, hval(kCluster, uint32(lv)<<12|uint32(id)))
		}
	} else if fz.clusters != nil {
		clus = append(clus, hval(kCluster, 0xfff))
	}

	f.keys = append(f.keys, hstr(kKey, fold))
	if fz.ar {
		// Proclitic readings: every stem with its proclitics, and whether the
		// stem is a known word or name. The data keeps clitics attached.
		text.ForEachSplit(fold, func(s text.Split) bool {
			if s.Prefix == "" {
				return true
			}
			intr = append(intr, hstr(kStem, s.Stem), hstr(kProclitic, s.Prefix))
			f.keys = appendKey(f.keys, hstr(kKey, s.Stem))
			if lx.IsGivenName(s.Stem) {
				addLex(lexStemGiven)
			}
			gm := gz[s.Stem]
			addGaz(gm, true)
			if gm&gzPerson != 0 {
				addLex(lexStemPerson)
			}
			if lx.IsKnownWord(s.Stem) {
				addLex(lexStemKnown)
			}
			if c, ok := clusterOf(s.Stem); ok {
				for lv, id := range c {
					intr = append(intr, hval(kStemCluster, uint32(lv)<<12|uint32(id)))
				}
			}
			if strings.HasPrefix(s.Stem, "ال") {
				intr = append(intr, hval(kFlag, flagDefinite))
			}
			return true
		})
		// The most stripped stem is the one the neighbours see.
		if stem := lastStem(fold); stem != fold {
			base = append(base, hstr(kStem, stem))
		}
		if n >= 4 {
			for _, enc := range enclitics {
				if strings.HasSuffix(fold, enc) && utf8.RuneCountInString(fold)-utf8.RuneCountInString(enc) >= 3 {
					intr = append(intr, hstr(kEnclitic, enc), hstr(kEncStem, fold[:len(fold)-len(enc)]))
					break
				}
			}
		}
	} else if stem, ok := possessive(raw); ok {
		// Germany's: the tokeniser keeps 's on the word, CoNLL splits it.
		sf := text.Fold(stem)
		intr = append(intr, hval(kPoss, 0), hstr(kStem, sf), hstr(kWord, stem))
		f.keys = appendKey(f.keys, hstr(kKey, sf))
		if lx.IsGivenName(sf) {
			addLex(lexStemGiven)
		}
		if c, ok := clusterOf(sf); ok && len(clus) <= 1 {
			clus = clus[:0]
			for lv, id := range c {
				clus = append(clus, hval(kCluster, uint32(lv)<<12|uint32(id)))
			}
		}
	}
	if fz.ar && len(clus) <= 1 {
		// An unknown form with proclitics: the cluster of its most stripped
		// known stem stands in for its own.
		stem := ""
		text.ForEachSplit(fold, func(s text.Split) bool {
			if _, ok := clusterOf(s.Stem); ok && s.Prefix != "" {
				stem = s.Stem
			}
			return true
		})
		if c, ok := clusterOf(stem); ok {
			clus = clus[:0]
			for lv, id := range c {
				clus = append(clus, hval(kCluster, uint32(lv)<<12|uint32(id)))
			}
		}
	}
	if fz.ar {
		// Affixes of the most stripped stem (للبرازيلي → برازيلي): the
		// nisba, plural and foreign-name endings without the clitics.
		if stem := lastStem(fold); stem != fold {
			sn := utf8.RuneCountInString(stem)
			for k := 1; k <= 4 && k <= sn; k++ {
				intr = append(intr, hstr(kPrefix+uint32(k+8)<<8, prefixRunes(stem, k)), hstr(kSuffix+uint32(k+8)<<8, suffixRunes(stem, k)))
			}
			intr = append(intr, hval(kLen, 16+lenBucket(sn)))
		}
	}
	lex = dedup(lex)
	intr = append(intr, lex...)
	// The neighbours at ±2 see the fold and the lexicon flags; at ±1 also
	// the shape and the stem.
	near := make([]uint32, 0, 1+len(lex)+len(clus)+len(base))
	near = append(append(append(near, f.hf), lex...), clus...)
	intr = append(intr, clus...)
	nearBase = len(near)
	base = append(near, base[1:]...)

	for k, off := range offsets {
		salt := hval(kNeigh, uint32(off+8))
		b := base
		if off == -2 || off == 2 {
			b = base[:nearBase]
		}
		nb := make([]uint32, len(b))
		for j, h := range b {
			nb[j] = mix(h, salt)
		}
		f.neigh[k] = nb
	}
	f.intr = dedup(intr)
	return f
}

func appendKey(keys []uint32, k uint32) []uint32 {
	for _, x := range keys {
		if x == k {
			return keys
		}
	}
	return append(keys, k)
}

// dedup removes repeated hashes in place, keeping the first.
func dedup(hs []uint32) []uint32 {
	out := hs[:0]
	for i, h := range hs {
		seen := false
		for _, x := range hs[:i] {
			if x == h {
				seen = true
				break
			}
		}
		if !seen {
			out = append(out, h)
		}
	}
	return out
}

// lastStem is the stem of the reading with the longest proclitic prefix.
func lastStem(fold string) string {
	stem := fold
	text.ForEachSplit(fold, func(s text.Split) bool {
		stem = s.Stem
		return true
	})
	return stem
}

// possessive splits an English possessive 's (or ’s) off raw.
func possessive(raw string) (string, bool) {
	for _, suf := range []string{"'s", "’s", "'S", "’S"} {
		if len(raw) > len(suf)+1 && strings.HasSuffix(raw, suf) {
			return raw[:len(raw)-len(suf)], true
		}
	}
	return "", false
}

func prefixRunes(s string, k int) string {
	i := 0
	for ; k > 0 && i < len(s); k-- {
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	return s[:i]
}

func suffixRunes(s string, k int) string {
	i := len(s)
	for ; k > 0 && i > 0; k-- {
		_, n := utf8.DecodeLastRuneInString(s[:i])
		i -= n
	}
	return s[i:]
}

func lenBucket(n int) uint32 {
	switch {
	case n <= 3:
		return uint32(n)
	case n <= 5:
		return 4
	case n <= 8:
		return 5
	}
	return 6
}

// shape returns the hash of the collapsed character-class shape of raw
// (Xxxx → Xx, 1996-08 → d-d) and its flags.
func shape(raw string) (uint32, uint32) {
	h := uint32(fnvOffset)
	h = (h ^ kShape) * fnvPrime
	var last rune = -1
	var flags uint32
	upper, lower, letters, digits, other, n := 0, 0, 0, 0, 0, 0
	firstUpper := false
	for _, r := range raw {
		var c rune
		switch {
		case r >= 0x0600 && r <= 0x06FF && unicode.IsLetter(r):
			c = 'a'
			letters++
			flags |= 1 << flagArabic
		case unicode.IsUpper(r):
			c = 'X'
			upper++
			letters++
			if n == 0 {
				firstUpper = true
			}
			flags |= 1 << flagLatin
		case unicode.IsLower(r):
			c = 'x'
			lower++
			letters++
			flags |= 1 << flagLatin
		case unicode.IsLetter(r):
			c = 'l'
			letters++
		case unicode.IsDigit(r):
			c = 'd'
			digits++
		case unicode.Is(unicode.Mn, r), unicode.Is(unicode.Cf, r):
			continue
		default:
			c = r
			other++
			switch r {
			case '-':
				flags |= 1 << flagHyphen
			case '.':
				flags |= 1 << flagPeriod
			}
		}
		n++
		if c != last {
			h = (h ^ uint32(c)) * fnvPrime
			last = c
		}
	}
	switch {
	case upper > 0 && lower == 0 && upper >= 2:
		flags |= 1 << flagAllCaps
	case upper == 1 && lower == 0:
		flags |= 1 << flagOneCap
	case firstUpper && upper == 1:
		flags |= 1 << flagInitCap
	case firstUpper:
		flags |= 1<<flagInitCap | 1<<flagMixedCaps
	case upper > 0:
		flags |= 1 << flagMixedCaps
	case lower > 0:
		flags |= 1 << flagLower
	}
	if firstUpper && upper >= 2 && lower == 0 {
		flags |= 1 << flagInitCap
	}
	if digits > 0 {
		flags |= 1 << flagHasDigit
		if letters == 0 && other == 0 {
			flags |= 1 << flagAllDigit
		}
	}
	if letters == 0 && digits == 0 && n > 0 {
		flags |= 1 << flagPunct
	}
	return fmix(h), flags
}

// appendTrigrams appends the hashes of the character trigrams of s.
func appendTrigrams(dst []uint32, s string) []uint32 {
	var b [3]int // byte offsets of the last three rune starts
	k := 0
	for i := range s {
		b[0], b[1], b[2] = b[1], b[2], i
		k++
		if k >= 4 {
			dst = append(dst, hstr(kTrigram, s[b[0]:i]))
		}
	}
	if k >= 3 {
		dst = append(dst, hstr(kTrigram, s[b[1]:]))
	}
	return dst
}
