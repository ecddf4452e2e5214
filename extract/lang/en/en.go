// Package en holds the English grammar the extraction rules read, as data
// (words.tsv: closed word classes).
package en

import (
	_ "embed"

	"github.com/kgraph/kgraph/extract/lang"
)

//go:embed words.tsv
var wordsTSV []byte

// Words returns the English closed word classes.
func Words() (lang.Words, error) { return lang.Parse("extract/lang/en/words.tsv", wordsTSV) }
