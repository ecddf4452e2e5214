package ner_test

import (
	"strings"
	"testing"

	"github.com/kgraph/kgraph/extract/ner"
	"github.com/kgraph/kgraph/extract/text"
)

// benchDoc is a generated news-like document of about n tokens, split into
// sentences the way the extractor passes them.
func benchDoc(lang string, n int) [][]string {
	var sents []string
	if lang == "ar" {
		sents = []string{
			"التقى وزير الخارجية ناصر بوريطة، اليوم الاثنين بالرباط، نظيره الفرنسي في إطار زيارة رسمية.",
			"وأكد الجانبان خلال هذا اللقاء أهمية تعزيز التعاون الثنائي في مجالات الأمن والتنمية والطاقة.",
			"وشارك في الاجتماع ممثلون عن الاتحاد الإفريقي وجامعة الدول العربية ومنظمة الأمم المتحدة.",
			"ويأتي هذا الاجتماع بعد القمة التي احتضنتها مدينة القاهرة الشهر الماضي بحضور عدد من القادة.",
			"وقال المتحدث باسم الحكومة مصطفى بايتاس إن المغرب يدعم كل المبادرات الرامية إلى الاستقرار.",
		}
	} else {
		sents = []string{
			"Foreign Minister Nasser Bourita met his French counterpart in Rabat on Monday for official talks.",
			"Both sides stressed the importance of closer cooperation on security, development and energy.",
			"Representatives of the African Union, the Arab League and the United Nations took part in the meeting.",
			"The meeting follows a summit hosted by Cairo last month, attended by several heads of state.",
			"Government spokesman Mustapha Baitas said Morocco's support for regional stability was unchanged.",
		}
	}
	var doc [][]string
	total := 0
	for k := 0; total < n; k++ {
		var toks []string
		for _, tk := range text.Tokenize(sents[k%len(sents)]) {
			toks = append(toks, tk.Text)
		}
		// Vary a word so that not every form repeats.
		toks = append(toks, strings.Repeat("x", 1+k%7))
		doc = append(doc, toks)
		total += len(toks)
	}
	return doc
}

// BenchmarkTag reports the cost of tagging a 700-token document, per token.
func BenchmarkTag(b *testing.B) {
	for _, lang := range []string{"ar", "en"} {
		b.Run(lang, func(b *testing.B) {
			tg, err := ner.Load(lang)
			if err != nil {
				b.Fatal(err)
			}
			doc := benchDoc(lang, 700)
			n := 0
			for _, s := range doc {
				n += len(s)
			}
			tg.Tag(doc) // warm the form cache, as a long run would
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				tg.Tag(doc)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/token")
		})
	}
}
