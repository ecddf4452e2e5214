package text

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// unpunctuated returns about n bytes of Arabic and English words with no
// full stop or line break: one sentence as long as the text.
func unpunctuated(n int, clauseEvery int) string {
	words := []string{"يستضيف", "المغرب", "اليوم", "الاجتماع", "الوزاري", "the", "minister", "met", "delegation", "in", "Rabat"}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		if i > 0 {
			if clauseEvery > 0 && i%clauseEvery == 0 {
				b.WriteString("، ")
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(words[i%len(words)])
	}
	return b.String()
}

func TestLongSentencesAreSplit(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		wantCuts  string // a substring every piece but the last must end with, if any
		minPieces int
	}{
		{"no punctuation", unpunctuated(50_000, 0), "", len(strings.Fields(unpunctuated(50_000, 0))) / MaxSentenceWords},
		{"clauses", unpunctuated(50_000, 30), "،", len(strings.Fields(unpunctuated(50_000, 0))) / MaxSentenceWords},
		{"one endless word", strings.Repeat("x", 3*MaxSentenceRunes+7), "", 4},
		{"short sentence untouched", "The minister met the delegation in Rabat.", "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sens := Sentences(tt.text)
			if len(sens) < tt.minPieces {
				t.Fatalf("%d sentences, want at least %d", len(sens), tt.minPieces)
			}
			runes := []rune(tt.text)
			prevEnd := 0
			for i, s := range sens {
				if n := len(strings.Fields(s.Text)); n > MaxSentenceWords {
					t.Errorf("sentence %d has %d words, more than %d", i, n, MaxSentenceWords)
				}
				if n := utf8.RuneCountInString(s.Text); n > MaxSentenceRunes {
					t.Errorf("sentence %d has %d code points, more than %d", i, n, MaxSentenceRunes)
				}
				if string(runes[s.Start:s.End]) != s.Text {
					t.Fatalf("sentence %d: offsets [%d,%d) do not give its text", i, s.Start, s.End)
				}
				if strings.TrimSpace(string(runes[prevEnd:s.Start])) != "" {
					t.Fatalf("text lost between sentences %d and %d: %q", i-1, i, string(runes[prevEnd:s.Start]))
				}
				if tt.wantCuts != "" && i < len(sens)-1 && !strings.HasSuffix(s.Text, tt.wantCuts) {
					t.Errorf("sentence %d ends %q, want a cut after %q", i, s.Text[max(0, len(s.Text)-20):], tt.wantCuts)
				}
				if n := len(strings.Fields(s.Text)); tt.wantCuts != "" && i < len(sens)-1 && n < MaxSentenceWords/2 {
					t.Errorf("sentence %d has only %d words; a clause cut leaves at least half the bound", i, n)
				}
				prevEnd = s.End
			}
			if strings.TrimSpace(string(runes[prevEnd:])) != "" {
				t.Error("text lost after the last sentence")
			}
		})
	}
}

// TestSentencesLinear: 4 MB of unpunctuated text takes about four times as
// long as 1 MB (a quadratic split would take sixteen). The best of five
// runs each keeps the shared machine's noise out; the bound is loose.
func TestSentencesLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	best := func(s string) time.Duration {
		b := time.Duration(1 << 62)
		for range 5 {
			runtime.GC()
			start := time.Now()
			Sentences(s)
			b = min(b, time.Since(start))
		}
		return b
	}
	one, four := best(unpunctuated(1<<20, 0)), best(unpunctuated(4<<20, 0))
	if ratio := float64(four) / float64(one); ratio > 8 {
		t.Errorf("1 MB in %v, 4 MB in %v: %.1fx, want about 4x (linear)", one, four, ratio)
	}
}

func BenchmarkSentencesUnpunctuated(b *testing.B) {
	for _, size := range []int{1 << 20, 4 << 20} {
		s := unpunctuated(size, 0)
		b.Run(fmt.Sprintf("%dMB", size>>20), func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				Sentences(s)
			}
		})
	}
}

func TestAbbreviationsFromData(t *testing.T) {
	for _, w := range []string{"dr", "inc", "sept", "e.g"} {
		if !abbreviations[w] {
			t.Errorf("%q missing from data/abbreviations.txt", w)
		}
	}
	for _, w := range []string{"", "#", "the", "forms of address and titles"} {
		if abbreviations[w] {
			t.Errorf("%q read as an abbreviation", w)
		}
	}
}
