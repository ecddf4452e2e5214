package text

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"ASCII lower", "ascii lower"},
		{"  many\t\tspaces \n here ", "many spaces here"},
		{"مُحَمَّد", "محمد"},
		{"الـــمـغـرب", "المغرب"},
		{"أحمد إبراهيم آمال ٱلله", "احمد ابراهيم امال الله"},
		{"مستشفى", "مستشفي"},
		{"الجامعة العربية", "الجامعه العربيه"},
		{"مؤتمر", "موتمر"},
		{"رئيس هيئة", "رييس هييه"},
		{"«داعش»", "داعش"},
		{"“Africa Focus Group”", "africa focus group"},
		{"l'Union européenne", "lunion europeenne"},
		{"São Tomé & Príncipe", "sao tome & principe"},
		{"Côte d’Ivoire", "cote divoire"},
		{"٢٠٢٢/٠٥/١١", "2022/05/11"},
		{"۱۴۰۱", "1401"},
		{"3٫5", "3.5"},
		{"\u200fالرباط\u200e", "الرباط"},
		{"ﻻ", "لا"}, // presentation-form ligature
		{"ﷲ", "الله"},
		{"Ｆｕｌｌｗｉｄｔｈ", "fullwidth"},
		{"Straße Łódź", "strasse lodz"},
		{"bad\xffbyte", "bad\ufffdbyte"},
	}
	for _, tt := range tests {
		got := Fold(tt.in)
		if got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := Fold(got); again != got {
			t.Errorf("Fold not idempotent on %q: %q then %q", tt.in, got, again)
		}
	}
}

type tok struct {
	Text       string
	Key        string
	Start, End int
	Kind       TokenKind
}

func simplify(ts []Token) []tok {
	out := make([]tok, len(ts))
	for i, t := range ts {
		out[i] = tok(t)
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []tok
	}{
		{"وزار الوزيرُ بغداد، أمس.", []tok{
			{"وزار", "وزار", 0, 4, Word},
			{"الوزيرُ", "الوزير", 5, 12, Word},
			{"بغداد", "بغداد", 13, 18, Word},
			{"،", "،", 18, 19, Punct},
			{"أمس", "امس", 20, 23, Word},
			{".", ".", 23, 24, Punct},
		}},
		{"نمو ٣٫٥ في المئة عام 2019؛", []tok{
			{"نمو", "نمو", 0, 3, Word},
			{"٣٫٥", "3.5", 4, 7, Number},
			{"في", "في", 8, 10, Word},
			{"المئة", "الميه", 11, 16, Word},
			{"عام", "عام", 17, 20, Word},
			{"2019", "2019", 21, 25, Number},
			{"؛", "؛", 25, 26, Punct},
		}},
		{"قال «al-Qaeda» إن", []tok{
			{"قال", "قال", 0, 3, Word},
			{"«", "", 4, 5, Punct},
			{"al-Qaeda", "al-qaeda", 5, 13, Latin},
			{"»", "", 13, 14, Punct},
			{"إن", "ان", 15, 17, Word},
		}},
		{"the U.S. envoy O'Brien met 1,200 G20 staff.", []tok{
			{"the", "the", 0, 3, Latin},
			{"U.S.", "u.s.", 4, 8, Latin},
			{"envoy", "envoy", 9, 14, Latin},
			{"O'Brien", "obrien", 15, 22, Latin},
			{"met", "met", 23, 26, Latin},
			{"1,200", "1,200", 27, 32, Number},
			{"G20", "g20", 33, 36, Latin},
			{"staff", "staff", 37, 42, Latin},
			{".", ".", 42, 43, Punct},
		}},
		{"لبنان.افتتحت", []tok{
			{"لبنان", "لبنان", 0, 5, Word},
			{".", ".", 5, 6, Punct},
			{"افتتحت", "افتتحت", 6, 12, Word},
		}},
		{"منظمةUNESCO", []tok{
			{"منظمة", "منظمه", 0, 5, Word},
			{"UNESCO", "unesco", 5, 11, Latin},
		}},
		{"\u200fسلام\u200c ترحيب\u200f", []tok{
			{"سلام", "سلام", 1, 5, Word},
			{"ترحيب", "ترحيب", 7, 12, Word},
		}},
		{"2022/05/11", []tok{
			{"2022", "2022", 0, 4, Number},
			{"/", "/", 4, 5, Punct},
			{"05", "05", 5, 7, Number},
			{"/", "/", 7, 8, Punct},
			{"11", "11", 8, 10, Number},
		}},
	}
	for _, tt := range tests {
		got := simplify(Tokenize(tt.in))
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tokenize(%q)\n got %v\nwant %v", tt.in, got, tt.want)
		}
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"وصل الوفد إلى عمّان. وعقد اجتماعا مطولا! هل نجح؟ نعم.", []string{
			"وصل الوفد إلى عمّان.", "وعقد اجتماعا مطولا!", "هل نجح؟", "نعم.",
		}},
		{"ارتفع المؤشر بنسبة 3.5 في المئة في تونس.افتتح الوزير المعرض.", []string{
			"ارتفع المؤشر بنسبة 3.5 في المئة في تونس.", "افتتح الوزير المعرض.",
		}},
		{"The U.S. envoy met Dr. Amina J. Kamara in Accra. Talks went on.", []string{
			"The U.S. envoy met Dr. Amina J. Kamara in Accra.", "Talks went on.",
		}},
		{"See www.un.org for details. Done", []string{"See www.un.org for details.", "Done"}},
		{"العنوان\n\nالفقرة الأولى\nالفقرة الثانية", []string{"العنوان", "الفقرة الأولى", "الفقرة الثانية"}},
		{"قال: «انتهى الأمر.» ثم غادر.", []string{"قال: «انتهى الأمر.»", "ثم غادر."}},
		{"Wait... what? Yes!", []string{"Wait...", "what?", "Yes!"}},
		{"   ...   ", nil},
	}
	for _, tt := range tests {
		got := Sentences(tt.in)
		var texts []string
		for _, s := range got {
			texts = append(texts, s.Text)
			if sub := runeSlice(tt.in, s.Start, s.End); sub != s.Text {
				t.Errorf("Sentences(%q): offsets [%d,%d) give %q, text %q", tt.in, s.Start, s.End, sub, s.Text)
			}
		}
		if !reflect.DeepEqual(texts, tt.want) {
			t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, texts, tt.want)
		}
	}
}

func TestSplits(t *testing.T) {
	tests := []struct {
		key  string
		want []Split
	}{
		{"بالمغرب", []Split{{"", "بالمغرب"}, {"ب", "المغرب"}, {"بال", "مغرب"}}},
		{"للمغرب", []Split{{"", "للمغرب"}, {"ل", "لمغرب"}, {"ل", "المغرب"}, {"لل", "مغرب"}}},
		{"والرباط", []Split{{"", "والرباط"}, {"و", "الرباط"}, {"وال", "رباط"}}},
		{"فلبنان", []Split{{"", "فلبنان"}, {"ف", "لبنان"}, {"فل", "بنان"}}},
		{"وللامم", []Split{{"", "وللامم"}, {"و", "للامم"}, {"ول", "لامم"}, {"ول", "الامم"}, {"ولل", "امم"}}},
		{"كال", []Split{{"", "كال"}, {"ك", "ال"}}},
		{"بي", []Split{{"", "بي"}}},
		{"paris", []Split{{"", "paris"}}},
		{"", []Split{{"", ""}}},
	}
	for _, tt := range tests {
		if got := Splits(tt.key); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Splits(%q)\n got %q\nwant %q", tt.key, got, tt.want)
		}
	}
}

func runeSlice(s string, i, j int) string {
	r := []rune(s)
	if i < 0 || j > len(r) || i > j {
		return "<out of range>"
	}
	return string(r[i:j])
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"مُحَمَّد", "«داعش»", "Côte d’Ivoire", "٢٠٢٢", "\xff\xfe", "ﷺ ﻻ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Fold(s)
		if !utf8.ValidString(k) {
			t.Fatalf("Fold(%q) = %q: invalid UTF-8", s, k)
		}
		if k != strings.TrimSpace(k) || strings.Contains(k, "  ") {
			t.Fatalf("Fold(%q) = %q: whitespace not collapsed", s, k)
		}
		if again := Fold(k); again != k {
			t.Fatalf("Fold not idempotent: %q -> %q -> %q", s, k, again)
		}
	})
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"وزار الوزيرُ بغداد، أمس.", "the U.S. envoy O'Brien", "١٢٫٥", "a-\u200c-b", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := utf8.RuneCountInString(s)
		last := 0
		for _, tk := range Tokenize(s) {
			if tk.Start < last || tk.End <= tk.Start || tk.End > n {
				t.Fatalf("Tokenize(%q): bad offsets %+v after %d (len %d)", s, tk, last, n)
			}
			last = tk.End
			if !utf8.ValidString(tk.Key) || !utf8.ValidString(tk.Text) {
				t.Fatalf("Tokenize(%q): invalid key %q", s, tk.Key)
			}
			if utf8.ValidString(s) && runeSlice(s, tk.Start, tk.End) != tk.Text {
				t.Fatalf("Tokenize(%q): text %q does not match offsets %+v", s, tk.Text, tk)
			}
		}
	})
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{"وصل الوفد. وعقد!", "U.S. 3.5 e.g. x", "لبنان.افتتحت", "\n\n.", "\xff."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := utf8.RuneCountInString(s)
		last := 0
		for _, sen := range Sentences(s) {
			if sen.Start < last || sen.End <= sen.Start || sen.End > n {
				t.Fatalf("Sentences(%q): bad offsets %+v after %d", s, sen, last)
			}
			last = sen.End
			if !utf8.ValidString(sen.Text) {
				t.Fatalf("Sentences(%q): invalid text %q", s, sen.Text)
			}
			if utf8.ValidString(s) && runeSlice(s, sen.Start, sen.End) != sen.Text {
				t.Fatalf("Sentences(%q): text %q does not match offsets", s, sen.Text)
			}
		}
	})
}

func FuzzSplits(f *testing.F) {
	for _, s := range []string{"بالمغرب", "وللامم", "فلبنان", "لل", "ولل", "paris", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		key := Fold(s)
		splits := Splits(key)
		if len(splits) == 0 || splits[0] != (Split{Stem: key}) {
			t.Fatalf("Splits(%q) does not start with the unsplit form: %q", key, splits)
		}
		for _, sp := range splits[1:] {
			restored := strings.HasPrefix(sp.Stem, "ال") && sp.Prefix+sp.Stem[len("ا"):] == key
			if sp.Prefix+sp.Stem != key && !restored {
				t.Fatalf("Splits(%q): %q does not spell the key", key, sp)
			}
			if utf8.RuneCountInString(sp.Stem) < 2 || !utf8.ValidString(sp.Stem) {
				t.Fatalf("Splits(%q): bad stem %q", key, sp)
			}
		}
	})
}

// BenchmarkTokenize measures tokenising about 4 KB of Arabic prose.
func BenchmarkTokenize(b *testing.B) {
	s := strings.Repeat("وأعلن وزير الخارجية أمس في الرباط أن المملكة ستستضيف اجتماعاً للتحالف الدولي بمشاركة ٣٠ دولة، وقال المبعوث «الخاص» إن الوفد وصل. ", 20)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Tokenize(s)
	}
}
