package tagger

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/kgraph/kgraph/extract/text"
)

// The tagger's own gazetteer: lists that feed features only, so that the
// extractor's rules (extract/lexicon) are not changed by them. A
// multi-word entry marks each of its words.

//go:embed gazetteer/given_names.txt
var givenNamesText string

var (
	gazOnce  sync.Once
	gazGiven map[string]bool
)

func gazetteer() map[string]bool {
	gazOnce.Do(func() {
		gazGiven = map[string]bool{}
		for _, line := range strings.Split(givenNamesText, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			for _, w := range strings.Fields(line) {
				gazGiven[text.Fold(w)] = true
			}
		}
	})
	return gazGiven
}
