package tagger

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/kgraph/kgraph/extract/text"
)

// The tagger's own gazetteer: lists that feed features only, so that the
// extractor's rules (extract/lexicon) are not changed by them. Entries are
// folded; each word of an entry is marked as a first or a later word.

//go:embed gazetteer/given_names.txt
var givenNamesText string

//go:embed gazetteer/organizations.txt
var orgNamesText string

// personWordsText is generated from a third-party list (gen_person_words.go).
//
//go:embed gazetteer/person_words.txt
var personWordsText string

// Gazetteer marks of a folded word.
const (
	gzGiven    = 1 << iota // a given name, or a word of one
	gzOrgFirst             // the first word of an organisation's name
	gzOrgLater             // a later word of one
	gzOrgOnly              // a whole one-word organisation name
	gzPerson               // a word of a person's name in person_words.txt
)

var (
	gazOnce sync.Once
	gazMap  map[string]uint8
)

func gazetteer() map[string]uint8 {
	gazOnce.Do(func() {
		gazMap = map[string]uint8{}
		add := func(src string, mark func(i, n int) uint8) {
			for _, line := range strings.Split(src, "\n") {
				line = strings.TrimSpace(line)
				if line == "" || strings.HasPrefix(line, "#") {
					continue
				}
				ws := strings.Fields(line)
				for i, w := range ws {
					gazMap[text.Fold(w)] |= mark(i, len(ws))
				}
			}
		}
		add(givenNamesText, func(int, int) uint8 { return gzGiven })
		add(personWordsText, func(int, int) uint8 { return gzPerson })
		add(orgNamesText, func(i, n int) uint8 {
			switch {
			case n == 1:
				return gzOrgOnly
			case i == 0:
				return gzOrgFirst
			}
			return gzOrgLater
		})
	})
	return gazMap
}
