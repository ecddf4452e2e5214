package extract

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/kgraph/kgraph/extract/resolve"
	"github.com/kgraph/kgraph/extract/text"
	"github.com/kgraph/kgraph/graph"
)

// The engine's own linguistic data: relation triggers, argument types,
// anaphors. Gazetteers and given names live in extract/lexicon.
//
//go:embed data/*.tsv
var dataFS embed.FS

// frame says where a trigger finds its arguments (see data/triggers.tsv).
type frame string

const (
	frameVerb       frame = "verb"
	framePassive    frame = "passive"
	frameRelPassive frame = "rel-passive"
	frameBy         frame = "by"
	frameEventBy    frame = "event-by"
	frameLink       frame = "link"
	frameRole       frame = "role"
	frameListObj    frame = "list-obj"
	frameEventIn    frame = "event-in"
	frameAlso       frame = "also"
	frameNextTo     frame = "next-to"
	frameComprises  frame = "comprises"
)

var knownFrames = map[frame]bool{frameVerb: true, framePassive: true, frameRelPassive: true, frameBy: true,
	frameEventBy: true, frameLink: true, frameRole: true, frameListObj: true, frameEventIn: true, frameAlso: true, frameNextTo: true, frameComprises: true}

type trigger struct {
	predicate  string
	frame      frame
	confidence float64
	words      []string // folded
	gender     byte     // 'm', 'f' or 0: agreement the antecedent must show
}

type argTypes struct{ subject, object map[string]bool }

type anaphor struct {
	words []string
	typ   string
	heads []string // folded head words, or nil for any
	focus bool
	// holder: the country the person named last holds a post for (بلاده,
	// his country), when the article gives that person exactly one.
	holder bool
}

// attrTrigger introduces a literal attribute (founded, member_count).
type attrTrigger struct {
	name  string
	words []string
}

// rules is the parsed data directory.
type rules struct {
	triggers  []trigger
	attrs     []attrTrigger
	args      map[string]argTypes
	anaphors  []anaphor
	modifiers map[string]string // name-making adjective -> canonical English form
	numbers   map[string]string // number word -> digits

	triggersByFirst map[string][]int // first folded word -> indexes into triggers
	anaphorsByFirst map[string][]int
	attrsByFirst    map[string][]int
}

// index builds the first-word indexes that keep matching linear in the
// number of words rather than words × phrases.
func (r *rules) index() {
	r.triggersByFirst = map[string][]int{}
	for i, t := range r.triggers {
		r.triggersByFirst[t.words[0]] = append(r.triggersByFirst[t.words[0]], i)
	}
	r.attrsByFirst = map[string][]int{}
	for i, a := range r.attrs {
		r.attrsByFirst[a.words[0]] = append(r.attrsByFirst[a.words[0]], i)
	}
	r.anaphorsByFirst = map[string][]int{}
	for i, a := range r.anaphors {
		r.anaphorsByFirst[a.words[0]] = append(r.anaphorsByFirst[a.words[0]], i)
	}
}

// firstWordCandidates are the forms of w a phrase's first word may match.
func firstWordCandidates(w word) [3]string {
	c := [3]string{w.Key, w.stem, ""}
	if strings.HasPrefix(w.Key, "و") && len(w.Key) > len("و") {
		c[2] = w.Key[len("و"):]
	}
	return c
}

func loadRules(fsys fs.FS) (*rules, error) {
	r := &rules{args: map[string]argTypes{}, modifiers: map[string]string{}, numbers: map[string]string{}}
	err := eachLine(fsys, "data/predicates.tsv", 3, func(f []string) error {
		// Checked against the graph's vocabulary here, so a typo fails at
		// start-up and not as a rejected article at load time.
		if !graph.IsPredicate(f[0]) {
			return fmt.Errorf("%q is not a graph predicate (graph.Predicates)", f[0])
		}
		subj, obj := strings.Split(f[1], "|"), strings.Split(f[2], "|")
		for _, t := range append(append([]string(nil), subj...), obj...) {
			if !graph.IsEntityType(t) {
				return fmt.Errorf("%q is not an entity type", t)
			}
		}
		r.args[f[0]] = argTypes{subject: set(subj), object: set(obj)}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachLine(fsys, "data/triggers.tsv", 4, func(f []string) error {
		if _, ok := r.args[f[0]]; !ok {
			return fmt.Errorf("unknown predicate %q", f[0])
		}
		fr := frame(f[1])
		if !knownFrames[fr] {
			return fmt.Errorf("unknown frame %q", f[1])
		}
		conf, err := strconv.ParseFloat(f[2], 64)
		if err != nil || conf <= 0 || conf > 1 {
			return fmt.Errorf("confidence %q is not a number in (0,1]", f[2])
		}
		for _, p := range strings.Split(f[3], "|") {
			words := foldWords(p)
			if len(words) == 0 {
				continue
			}
			t := trigger{predicate: f[0], frame: fr, confidence: conf, words: words}
			if strings.HasPrefix(words[0], "ال") { // a participle agrees with its noun: التابعة لـ
				t.gender = genderOfWord(words[0])
			}
			r.triggers = append(r.triggers, t)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachLine(fsys, "data/attributes.tsv", 2, func(f []string) error {
		for _, p := range strings.Split(f[1], "|") {
			if words := foldWords(p); len(words) > 0 {
				r.attrs = append(r.attrs, attrTrigger{name: f[0], words: words})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachLine(fsys, "data/anaphors.tsv", 3, func(f []string) error {
		a := anaphor{typ: f[1]}
		switch f[2] {
		case "-":
		case "focus":
			a.focus = true
		case "holder":
			a.holder = true
		default:
			for _, h := range strings.Split(f[2], "|") {
				a.heads = append(a.heads, stripAl(text.Fold(h)))
			}
		}
		for _, p := range strings.Split(f[0], "|") {
			b := a
			b.words = foldWords(p)
			if len(b.words) > 0 {
				r.anaphors = append(r.anaphors, b)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachLine(fsys, "data/number_words.tsv", 2, func(f []string) error {
		for _, form := range strings.Split(f[1], "|") {
			r.numbers[form] = f[0]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachLine(fsys, "data/name_modifiers.tsv", 2, func(f []string) error {
		for _, form := range strings.Split(f[1], "|") {
			// Words are looked up by their fold (رئاسية → رياسيه): a form
			// written with its hamza must match as well.
			r.modifiers[form] = f[0]
			r.modifiers[text.Fold(form)] = f[0]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err == nil {
		r.index()
	}
	return r, err
}

// eachLine calls fn with the tab-separated fields of every non-comment line,
// naming file and line in any error.
func eachLine(fsys fs.FS, name string, minFields int, fn func([]string) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r ")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) < minFields {
			return fmt.Errorf("%s:%d: want %d tab-separated fields, got %d", name, n, minFields, len(fields))
		}
		if err := fn(fields); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

// foldWords are the folded words of s, punctuation left out.
func foldWords(s string) []string { return resolve.NameWords(s) }

func set(xs []string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// stripAl drops the Arabic article from a folded word ("التحالف" -> "تحالف").
func stripAl(w string) string { return resolve.StripArticle(w) }

// genderOfWord guesses grammatical gender from a folded Arabic word: the
// taa marbuta (folded to ه) marks the feminine. Latin words have none.
func genderOfWord(w string) byte {
	switch {
	case w == "التي" || w == "والتي":
		return 'f'
	case w == "الذي" || w == "والذي":
		return 'm'
	case !isArabic(w):
		return 0
	case strings.HasSuffix(w, "ه") && len([]rune(w)) > 3:
		return 'f'
	}
	return 'm'
}

func isArabic(w string) bool {
	for _, r := range w {
		return r >= 0x0600 && r <= 0x06FF
	}
	return false
}
