package extract

import (
	"fmt"

	"github.com/kgraph/kgraph/extract/lang"
	"github.com/kgraph/kgraph/extract/lang/ar"
	"github.com/kgraph/kgraph/extract/lang/en"
)

// words are the closed word classes of every built-in language
// (extract/lang/ar, extract/lang/en), merged: the rules read mixed text, a
// Latin name inside Arabic. They are data read once at start-up; the
// package tests load them, so a malformed file cannot ship.
var words = mustLoadWords()

func mustLoadWords() lang.Words {
	var all []lang.Words
	for _, load := range []func() (lang.Words, error){ar.Words, en.Words} {
		w, err := load()
		if err != nil {
			panic(fmt.Sprintf("extract: embedded word classes: %v", err))
		}
		all = append(all, w)
	}
	return lang.Merge(all...)
}

// The classes the rules read (see the words.tsv files for what each holds).
var (
	memberNouns        = words.Set("member-noun")
	dateCues           = words.Set("date-cue")
	latinArticles      = words.Set("article")
	personParticles    = words.Set("person-particle")
	latinConnectors    = words.Set("name-connector")
	calendarWords      = words.Set("calendar-word")
	nameParticles      = words.Set("name-particle")
	nameInnerWords     = words.Set("name-inner")
	timeWords          = words.Set("time-word")
	placeWords         = words.Set("place-word")
	demonstratives     = words.Set("demonstrative")
	strongHeads        = words.Set("strong-head")
	masculineCountries = words.Set("masculine-country")
	relatives          = words.Set("relative")
	auxiliaries        = words.Set("auxiliary")
	jointlyWords       = words.Set("jointly")
	continuations      = words.Set("continuation")
	ordinalSuffix      = words.Set("ordinal-suffix")
	locatives          = words.Set("locative")
	conjunctions       = words.Set("conjunction")
	pluralHeads        = words.Set("plural-head")
	negations          = words.Set("negation")
	modals             = words.Set("modal")
	cancels            = words.Set("cancel")
)
