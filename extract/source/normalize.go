package source

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"
)

// Normalize returns the form of text that the content hash is taken of:
//
//  1. Unicode NFC, so precomposed and decomposed spellings hash alike;
//  2. line endings unified to "\n" (CRLF and lone CR);
//  3. trailing white space removed from every line;
//  4. leading and trailing blank lines removed.
//
// It changes nothing a reader would see, so an editor re-saving a file does
// not make it "changed". The extractor still gets the text as read.
func Normalize(text string) string {
	text = norm.NFC.String(text)
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	text = strings.Join(lines, "\n")
	return strings.Trim(text, "\n")
}

// dateLayouts are the published-date forms accepted, most precise first
// within each family. Each maps to the precision it carries.
var dateLayouts = []struct {
	layout string
	out    string
}{
	{time.RFC3339Nano, "2006-01-02"},
	{"2006-01-02T15:04:05", "2006-01-02"},
	{"2006-01-02T15:04", "2006-01-02"},
	{"2006-01-02 15:04:05Z07:00", "2006-01-02"},
	{"2006-01-02 15:04:05", "2006-01-02"},
	{"2006-01-02 15:04", "2006-01-02"},
	{time.RFC1123Z, "2006-01-02"},
	{time.RFC1123, "2006-01-02"},
	{"Mon, 2 Jan 2006 15:04:05 -0700", "2006-01-02"},
	{"2006-01-02", "2006-01-02"},
	{"2006/01/02", "2006-01-02"},
	{"2006.01.02", "2006-01-02"},
	{"January 2, 2006", "2006-01-02"},
	{"Jan 2, 2006", "2006-01-02"},
	{"2 January 2006", "2006-01-02"},
	{"2 Jan 2006", "2006-01-02"},
	{"2006-01", "2006-01"},
	{"2006", "2006"},
}

// NormalizeDate turns a published date into ISO 8601 at the precision given
// ("2022-05-11", "2022-05", "2022"). A timestamp keeps the calendar date of
// its own time zone, which is the date the article's "today" means. Empty
// stays empty.
func NormalizeDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l.layout, s); err == nil {
			return t.Format(l.out), nil
		}
	}
	return "", errors.New("not a date (want YYYY-MM-DD, RFC 3339 or RFC 1123)")
}

// DetectLanguage guesses the language of text from the script of its
// letters: "ar" when most letters are Arabic script, otherwise for Latin
// script "fr" when French function words outnumber English ones, else "en".
// It returns "" when there are no letters or another script dominates.
func DetectLanguage(text string) string {
	var arabic, latin, letters int
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		switch {
		case unicode.Is(unicode.Arabic, r):
			arabic++
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	switch {
	case letters == 0:
		return ""
	case arabic*2 > letters:
		return "ar"
	case latin*2 > letters:
		if frenchScore(text) > 0 {
			return "fr"
		}
		return "en"
	}
	return ""
}

var (
	frenchWords  = setOf("le", "la", "les", "des", "du", "une", "est", "et", "dans", "pour", "que", "qui", "sur", "au", "aux", "avec", "par", "ont", "été", "sont")
	englishWords = setOf("the", "and", "of", "to", "in", "is", "that", "for", "with", "on", "was", "by", "has", "have", "are", "from", "at")
)

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// frenchScore is positive when French function words outnumber English
// ones among the first few hundred words.
func frenchScore(text string) int {
	score, n := 0, 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		w = strings.ToLower(w)
		if frenchWords[w] {
			score++
		}
		if englishWords[w] {
			score--
		}
		if n++; n > 500 {
			break
		}
	}
	return score
}

// splitFrontMatter separates optional YAML front matter ("---" line, YAML,
// "---" or "..." line) from a Markdown body.
func splitFrontMatter(b []byte) (meta, []byte, error) {
	var m meta
	rest := bytes.TrimPrefix(b, []byte("\uFEFF"))
	first, after, ok := cutLine(rest)
	if !ok || strings.TrimRight(string(first), " \t\r") != "---" {
		return m, b, nil
	}
	var yamlPart []byte
	for body := after; ; {
		line, next, more := cutLine(body)
		if t := strings.TrimRight(string(line), " \t\r"); t == "---" || t == "..." {
			if err := yaml.Unmarshal(yamlPart, &m); err != nil {
				return m, nil, fmt.Errorf("front matter: %w", err)
			}
			return m, next, nil
		}
		if !more {
			return m, nil, errors.New("front matter: no closing --- line")
		}
		yamlPart = append(yamlPart, line...)
		yamlPart = append(yamlPart, '\n')
		body = next
	}
}

// cutLine splits b after its first newline; ok is false when there is none.
func cutLine(b []byte) (line, rest []byte, ok bool) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:], true
	}
	return b, nil, false
}

// UnmarshalYAML accepts a scalar id of any type (front matter may say id: 42).
func (s *flexString) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return errors.New("id must be a single value")
	}
	*s = flexString(n.Value)
	return nil
}
