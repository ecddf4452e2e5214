package extract

import (
	"context"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/kgraph/kgraph/graph"
)

// Sentence templates for generated Arabic news (not the seed articles):
// %[1]s country, %[2]s city, %[3]s second country, %[4]s person, %[5]s
// number, %[6]s organisation.
var benchTemplates = []string{
	"تستضيف %[1]s، اليوم، الاجتماع الوزاري ال%[5]s لـ%[6]s، بدعوة مشتركة من وزير الخارجية %[4]s، ونظيره من %[3]s.",
	"وانعقد الاجتماع بمدينة %[2]s، بحضور ممثلين عن %[3]s، و%[1]s، وعدد من المنظمات الإقليمية والدولية.",
	"وأكد المشاركون، خلال هذا اللقاء، أهمية تعزيز التعاون في مجالات الأمن والتنمية والطاقة المتجددة.",
	"ويأتي هذا الاجتماع في أعقاب القمة الإقليمية للطاقة، التي احتضنتها مدينة %[2]s في شتنبر الماضي.",
	"يذكر أن %[6]s، الذي تأسس عام 19%[5]s، يضم %[5]s دولة من بينها %[3]s.",
	"وشارك في أشغال الدورة وفد يرأسه السفير %[4]s، إلى جانب خبراء في مجالات المياه والمناخ والزراعة.",
	"وتطرق الاجتماع إلى سبل دعم الاستقرار في المنطقة، وتنسيق المبادرات القائمة، وتطوير القدرات المحلية.",
}

var (
	benchCountries = []string{"المغرب", "مصر", "الأردن", "تونس", "الجزائر", "فرنسا", "إسبانيا", "السنغال", "كينيا", "قطر"}
	benchCities    = []string{"الرباط", "القاهرة", "عمان", "تونس العاصمة", "وهران", "باريس", "مدريد", "داكار", "نيروبي", "الدوحة"}
	benchPeople    = []string{"كريم العلوي", "سمير حداد", "ليلى منصور", "يوسف بنعلي", "هشام الأنصاري", "نادية فريد"}
	benchOrgs      = []string{"الاتحاد الإفريقي", "جامعة الدول العربية", "منظمة التعاون الإسلامي", "الاتحاد الأوروبي", "مجلس التعاون الخليجي"}
)

// benchArticle builds article n of about size bytes from the templates.
func benchArticle(n, size int) string {
	var b strings.Builder
	for k := 0; b.Len() < size; k++ {
		i := n + k
		fmt.Fprintf(&b, benchTemplates[k%len(benchTemplates)],
			benchCountries[i%len(benchCountries)], benchCities[(i/3)%len(benchCities)], benchCountries[(i+3)%len(benchCountries)],
			benchPeople[i%len(benchPeople)], fmt.Sprint(20+i%60), benchOrgs[(i/2)%len(benchOrgs)])
		b.WriteString("\n")
	}
	return b.String()
}

// BenchmarkExtract measures extraction of 4 KB Arabic articles with the
// built-in chain (tagger included). Report articles/s = 1e9 / (ns/op);
// allocs/op is per article.
func BenchmarkExtract(b *testing.B) { benchExtract(b) }

// BenchmarkExtractRulesOnly is the same chain without the tagger, run
// beside BenchmarkExtract so the tagger's cost is a ratio of one run.
func BenchmarkExtractRulesOnly(b *testing.B) { benchExtract(b, WithoutTagger()) }

func benchExtract(b *testing.B, opts ...Option) {
	x, err := New(opts...)
	if err != nil {
		b.Fatal(err)
	}
	arts := make([]Article, 64)
	bytes := 0
	for i := range arts {
		arts[i] = Article{Article: graph.Article{ID: fmt.Sprintf("bench-%d", i)}, Text: benchArticle(i, 4096)}
		bytes += len(arts[i].Text)
	}
	b.SetBytes(int64(bytes / len(arts)))
	b.ReportAllocs()
	ctx := context.Background()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := x.Extract(ctx, arts[i%len(arts)]); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time, not wall time: on a shared machine waiting for a core is
	// not the extractor's cost. One goroutine, so this is per core.
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(b.N)/cpu.Seconds(), "articles/cpu-s")
}

// cpuTime is the process's user+system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkExtractScaling extracts corpora of growing size with one engine:
// per-article time and allocations should stay flat as the resolver grows.
func BenchmarkExtractScaling(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			arts := make([]Article, n)
			for i := range arts {
				arts[i] = Article{Article: graph.Article{ID: fmt.Sprintf("s-%d", i)}, Text: benchArticle(i, 4096)}
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				x, err := NewEngine()
				if err != nil {
					b.Fatal(err)
				}
				for _, a := range arts {
					if _, err := x.Extract(context.Background(), a); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/article")
		})
	}
}

// TestBenchArticleShape keeps the generator honest: 4 KB, valid, and
// something for the engine to find.
func TestBenchArticleShape(t *testing.T) {
	a := benchArticle(7, 4096)
	if len(a) < 4096 || len(a) > 5000 || !utf8.ValidString(a) {
		t.Fatalf("article is %d bytes", len(a))
	}
	_, bs := extractAll(t, a)
	if len(bs[0].Relations) < 5 || len(bs[0].Entities) < 5 {
		t.Errorf("generated article yields %d entities, %d relations", len(bs[0].Entities), len(bs[0].Relations))
	}
}
