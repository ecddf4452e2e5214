package dates

import (
	"fmt"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/kgraph/kgraph/extract/lexicon"
	"github.com/kgraph/kgraph/extract/text"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// found renders dates as "value@text" for compact comparison.
func found(s string, ds []Date) []string {
	r := []rune(s)
	var out []string
	for _, d := range ds {
		rel := ""
		if d.Relative {
			rel = "~"
		}
		out = append(out, fmt.Sprintf("%s%s@%s", rel, d.Value, string(r[d.Start:d.End])))
	}
	return out
}

func TestFind(t *testing.T) {
	none := time.Time{}
	wed := day("2022-11-09") // a Wednesday
	tests := []struct {
		text string
		pub  time.Time
		want []string
	}{
		// Absolute dates, every regional month naming.
		{"انعقد الاجتماع يوم 11 ماي 2022 بالرباط", none, []string{"2022-05-11@11 ماي 2022"}},
		{"في 3 مايو 2021 أعلنت الوزارة", none, []string{"2021-05-03@3 مايو 2021"}},
		{"بتاريخ 14 حزيران 2018", none, []string{"2018-06-14@14 حزيران 2018"}},
		{"يوم 2 كانون الثاني 2020", none, []string{"2020-01-02@2 كانون الثاني 2020"}},
		{"في 30 تشرين الأول 2019", none, []string{"2019-10-30@30 تشرين الأول 2019"}},
		{"يوم 5 جويلية 2023", none, []string{"2023-07-05@5 جويلية 2023"}},
		{"يوم ١٢ دجنبر ٢٠٢١", none, []string{"2021-12-12@١٢ دجنبر ٢٠٢١"}},
		{"يوم 20 غشت 2020م", none, []string{"2020-08-20@20 غشت 2020م"}},
		{"The summit opened on May 11, 2022 in Rabat", none, []string{"2022-05-11@May 11, 2022"}},
		{"on 3rd of March 2020", none, []string{"2020-03-03@3rd of March 2020"}},
		{"On 7 September 2021, ministers met", none, []string{"2021-09-07@7 September 2021"}},
		{"le 4 novembre 2021", none, []string{"2021-11-04@4 novembre 2021"}},
		// Numeric dates.
		{"صدر القرار في 2022/05/11", none, []string{"2022-05-11@2022/05/11"}},
		{"بتاريخ 11-05-2022", none, []string{"2022-05-11@11-05-2022"}},
		{"بتاريخ 11.05.2022", none, []string{"2022-05-11@11.05.2022"}},
		{"dated 05/31/2022", none, []string{"2022-05-31@05/31/2022"}},
		{"بتاريخ 31/02/2022", none, nil},
		// Month and year.
		{"تأسس التحالف في شتنبر 2014", none, []string{"2014-09@شتنبر 2014"}},
		{"منذ حزيران 2018", none, []string{"2018-06@حزيران 2018"}},
		{"in September 2014", none, []string{"2014-09@September 2014"}},
		{"منذ أيلول، 2015", none, []string{"2015-09@أيلول، 2015"}},
		// Years.
		{"تأسست عام 2014", none, []string{"2014@عام 2014"}},
		{"تأسست سنة 1945 في سان فرانسيسكو", none, []string{"1945@سنة 1945"}},
		{"ومنذ 2011 تغير الوضع", none, []string{"2011@2011"}},
		{"founded in 2014 by", none, []string{"2014@2014"}},
		{"لعام 2023", none, []string{"2023@لعام 2023"}},
		{"شارك 2014 عضوا", none, nil},
		{"عام 1443 هـ", none, nil},
		// Month alone and relative months.
		{"في ماي الماضي", wed, []string{"~2022-05@ماي الماضي"}},
		{"في ماي الماضي", day("2022-03-01"), []string{"~2021-05@ماي الماضي"}},
		{"في ماي الماضي", none, []string{"~--05@ماي الماضي"}},
		{"في يناير المقبل", wed, []string{"~2023-01@يناير المقبل"}},
		{"خلال شهر آب", none, []string{"~--08@آب"}},
		{"last May", day("2022-11-09"), []string{"~2022-05@last May"}},
		{"next March", wed, []string{"~2023-03@next March"}},
		{"مارس الضغط على الحكومة", none, nil},
		{"the minister may attend", none, nil},
		// Day and month without a year.
		{"يوم 5 نونبر", wed, []string{"~2022-11-05@5 نونبر"}},
		{"يوم 28 دجنبر", day("2023-01-05"), []string{"~2022-12-28@28 دجنبر"}},
		{"يوم 5 نونبر", none, []string{"~--11-05@5 نونبر"}},
		// Relative days.
		{"أعلن اليوم الأربعاء", wed, []string{"~2022-11-09@اليوم الأربعاء"}},
		{"وصل أمس إلى الرباط", wed, []string{"~2022-11-08@أمس"}},
		{"يصل غدا", wed, []string{"~2022-11-10@غدا"}},
		{"أول أمس", wed, []string{"~2022-11-07@أول أمس"}},
		{"اجتمعوا يوم الاثنين", wed, []string{"~2022-11-07@يوم الاثنين"}},
		{"الخميس المقبل", wed, []string{"~2022-11-10@الخميس المقبل"}},
		{"الأربعاء الماضي", wed, []string{"~2022-11-02@الأربعاء الماضي"}},
		{"اليوم الدولي للمرأة", wed, nil},
		{"وصل أمس", none, nil},
		{"yesterday and today", wed, []string{"~2022-11-08@yesterday", "~2022-11-09@today"}},
		{"on Monday", wed, []string{"~2022-11-07@on Monday"}},
		// Relative months and years.
		{"الشهر الماضي", wed, []string{"~2022-10@الشهر الماضي"}},
		{"الشهر المقبل", day("2022-12-15"), []string{"~2023-01@الشهر المقبل"}},
		{"العام الماضي", wed, []string{"~2021@العام الماضي"}},
		{"السنة المقبلة", wed, []string{"~2023@السنة المقبلة"}},
		{"هذا العام", wed, []string{"~2022@هذا العام"}},
		{"last year", wed, []string{"~2021@last year"}},
		{"this month", wed, []string{"~2022-11@this month"}},
		// Ranges and several dates.
		{"من 11 إلى 13 ماي 2022", none, []string{"2022-05-11@11", "2022-05-13@13 ماي 2022"}},
		{"بين 2014 و2018", none, nil},
		{"عام 2014 ثم عام 2018", none, []string{"2014@عام 2014", "2018@عام 2018"}},
	}
	l := lexicon.Default()
	for _, tt := range tests {
		got := found(tt.text, Find(l, tt.text, tt.pub))
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("Find(%q, %s)\n got %q\nwant %q", tt.text, tt.pub.Format("2006-01-02"), got, tt.want)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"11 ماي 2022", "في ماي الماضي", "2022/05/11", "اليوم الأربعاء", "May 11, 2022", "11-13 ماي", "\xff٣١/١٢"} {
		f.Add(s, int64(1668000000))
	}
	l := lexicon.Default()
	f.Fuzz(func(t *testing.T, s string, unix int64) {
		pub := time.Time{}
		if unix%2 == 0 {
			pub = time.Unix(unix%(1<<34), 0).UTC()
		}
		n := utf8.RuneCountInString(s)
		last := 0
		for _, d := range Find(l, s, pub) {
			if d.Start < last || d.End <= d.Start || d.End > n {
				t.Fatalf("Find(%q): bad span %+v after %d (len %d)", s, d, last, n)
			}
			last = d.End
			if d.Value == "" || !utf8.ValidString(d.Value) {
				t.Fatalf("Find(%q): bad value %+v", s, d)
			}
		}
	})
}

func TestWordsFile(t *testing.T) {
	// Every class of words.tsv is in use, folded as the text is.
	if dayWords[text.Fold("أمس")] != -1 || !notToday[text.Fold("الأول")] || weekdays[text.Fold("الجمعة")] != time.Friday ||
		periodNouns["year"] != "year" || arabicDirection(text.Fold("الفائت")) != -1 || englishDirection("next") != 1 ||
		englishDirection(text.Fold("المقبل")) != 0 || !current[text.Fold("الجارية")] || !thisWords["this"] ||
		!dayNouns["on"] || !monthContext[text.Fold("حتى")] || !yearNouns[text.Fold("السنة")] || !yearPrep["since"] ||
		!rangeWords["–"] || !eraCE["م"] || !eraHijri[text.Fold("هـ")] || !dayOf["of"] || len(dayPhrases[text.Fold("أول")]) != 2 {
		t.Error("words.tsv did not load every class")
	}
	bad := []string{
		"season\tsummer",            // unknown class
		"weekday\tmonday\t7",        // no such weekday
		"day-offset\ttoday\tnow",    // not a number
		"day-phrase\tyesterday\t-1", // one word only
		"period\tweek\tweek",        // not month or year
		"weekday",                   // no word
	}
	for _, line := range bad {
		if err := loadWords(line); err == nil {
			t.Errorf("loadWords(%q) = nil, want an error", line)
		}
	}
}
