package dates

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kgraph/kgraph/extract/text"
)

// The word classes of words.tsv, by folded word. The finder compares token
// keys, which are folded, so the words are folded here the same way.
var (
	dayWords     = map[string]int{}          // day-offset
	dayPhrases   = map[string][]dayPhrase{}  // day-phrase, by first word
	notToday     = map[string]bool{}         // not-today
	weekdays     = map[string]time.Weekday{} // weekday
	periodNouns  = map[string]string{}       // period: "month" or "year"
	directions   = map[string]direction{}    // past-after … next-before
	current      = map[string]bool{}         // current
	thisWords    = map[string]bool{}         // this
	dayNouns     = map[string]bool{}         // day-noun
	monthContext = map[string]bool{}         // month-context
	yearNouns    = map[string]bool{}         // year-noun
	yearPrep     = map[string]bool{}         // year-prep
	rangeWords   = map[string]bool{}         // range
	eraCE        = map[string]bool{}         // era-ce
	eraHijri     = map[string]bool{}         // era-hijri
	dayOf        = map[string]bool{}         // day-of
)

// dayPhrase is a day named in several words (أول من أمس).
type dayPhrase struct {
	rest   []string // the words after the first
	offset int
}

// direction is where a past or next word stands and which way it points.
type direction struct {
	before bool // English order: before the month or period (last May)
	dir    int  // -1 past, +1 next
}

//go:embed words.tsv
var wordsFile string

func init() {
	if err := loadWords(wordsFile); err != nil {
		panic("extract/dates: words.tsv: " + err.Error())
	}
}

func loadWords(data string) error {
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 {
			return fmt.Errorf("line %d: want class<TAB>word[<TAB>value]", n+1)
		}
		class, word := f[0], text.Fold(strings.TrimSpace(f[1]))
		value := ""
		if len(f) > 2 {
			value = strings.TrimSpace(f[2])
		}
		if err := addWord(class, word, value); err != nil {
			return fmt.Errorf("line %d: %w", n+1, err)
		}
	}
	return nil
}

func addWord(class, word, value string) error {
	number := func() (int, error) { return strconv.Atoi(value) }
	set := map[string]map[string]bool{
		"not-today": notToday, "current": current, "this": thisWords, "day-noun": dayNouns,
		"month-context": monthContext, "year-noun": yearNouns, "year-prep": yearPrep,
		"range": rangeWords, "era-ce": eraCE, "era-hijri": eraHijri, "day-of": dayOf,
	}
	switch class {
	case "day-offset":
		off, err := number()
		if err != nil {
			return fmt.Errorf("day-offset %q: value %q is not a number of days", word, value)
		}
		dayWords[word] = off
	case "day-phrase":
		off, err := number()
		ws := strings.Fields(word)
		if err != nil || len(ws) < 2 {
			return fmt.Errorf("day-phrase %q: want two or more words and a number of days", word)
		}
		dayPhrases[ws[0]] = append(dayPhrases[ws[0]], dayPhrase{rest: ws[1:], offset: off})
	case "weekday":
		d, err := number()
		if err != nil || d < 0 || d > 6 {
			return fmt.Errorf("weekday %q: value %q is not 0 (Sunday) to 6", word, value)
		}
		weekdays[word] = time.Weekday(d)
	case "period":
		if value != "month" && value != "year" {
			return fmt.Errorf("period %q: value %q is not month or year", word, value)
		}
		periodNouns[word] = value
	case "past-after", "next-after", "past-before", "next-before":
		d := direction{before: strings.HasSuffix(class, "-before"), dir: 1}
		if strings.HasPrefix(class, "past") {
			d.dir = -1
		}
		directions[word] = d
	default:
		m, ok := set[class]
		if !ok {
			return fmt.Errorf("unknown class %q", class)
		}
		m[word] = true
	}
	return nil
}

// arabicDirection reads a past or next word after a month, weekday or
// period noun (الماضي -1, المقبل +1); 0 for any other word.
func arabicDirection(k string) int {
	if d, ok := directions[k]; ok && !d.before {
		return d.dir
	}
	return 0
}

// englishDirection reads one before it (last -1, next +1).
func englishDirection(k string) int {
	if d, ok := directions[k]; ok && d.before {
		return d.dir
	}
	return 0
}

// IsYearNoun reports whether key (folded) is a noun that comes before a
// year number (عام 2014, year 2014): where it stands a date begins.
func IsYearNoun(key string) bool { return yearNouns[key] }
