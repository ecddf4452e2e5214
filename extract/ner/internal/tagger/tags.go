// Package tagger is the averaged-perceptron sequence tagger behind
// extract/ner: features, a first-order Viterbi decoder, training, the model
// file format and conlleval-style scoring. extract/ner exposes only Load,
// Tag and Spans; the training command and the tests use this package.
package tagger

// NT is the number of IOB2 tags.
const NT = 9

// Tags are the IOB2 tags by index. Every I- tag directly follows its B- tag,
// so I-X = B-X + 1 and a tag's type is (i+1)/2.
var Tags = [NT]string{"O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"}

// Types are the entity types; Types[0] stands for outside.
var Types = [5]string{"O", "PER", "LOC", "ORG", "MISC"}

// TagIndex returns the index of an IOB2 tag; unknown tags read as O.
func TagIndex(s string) int {
	for i, t := range Tags {
		if t == s {
			return i
		}
	}
	return 0
}

// typeOf returns the entity type index (0 for O) of tag index t.
func typeOf(t int) int { return (t + 1) / 2 }

// isInside reports whether tag index t is an I- tag.
func isInside(t int) bool { return t > 0 && t%2 == 0 }

// allowed reports whether tag cur may follow tag prev (prev < 0: sentence
// start) in IOB2: an I-X only continues B-X or I-X.
func allowed(prev, cur int) bool {
	if !isInside(cur) {
		return true
	}
	return prev == cur-1 || prev == cur
}
