// Package ar holds the Arabic grammar the extraction rules read, as data
// (words.tsv: closed word classes).
package ar

import (
	_ "embed"

	"github.com/kgraph/kgraph/extract/lang"
)

//go:embed words.tsv
var wordsTSV []byte

// Words returns the Arabic closed word classes.
func Words() (lang.Words, error) { return lang.Parse("extract/lang/ar/words.tsv", wordsTSV) }
