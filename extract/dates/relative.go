package dates

import (
	"time"
)

// dayWords are words naming a day relative to publication, by offset.
var dayWords = map[string]int{
	"اليوم": 0, "امس": -1, "البارحه": -1, "غدا": 1, "غد": 1,
	"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0,
}

// notToday are words after اليوم that make it "the day" of something
// (اليوم الدولي للمرأة, اليوم الأول من المؤتمر) rather than today.
var notToday = map[string]bool{
	"الدولي": true, "العالمي": true, "الوطني": true, "الاول": true, "الثاني": true, "الثالث": true,
	"الاخير": true, "الذي": true, "التالي": true, "السابق": true, "نفسه": true, "ذاته": true,
}

var weekdays = map[string]time.Weekday{
	"الاحد": time.Sunday, "الاثنين": time.Monday, "الثلاثاء": time.Tuesday, "الاربعاء": time.Wednesday,
	"الخميس": time.Thursday, "الجمعه": time.Friday, "السبت": time.Saturday,
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// weekday reads a weekday name, also with a proclitic (والأربعاء).
func weekday(k string) (time.Weekday, bool) {
	if d, ok := weekdays[k]; ok {
		return d, true
	}
	if len(k) > 2 && (k[:2] == "و" || k[:2] == "ف") { // و and ف are two bytes
		d, ok := weekdays[k[2:]]
		return d, ok
	}
	return 0, false
}

// periodNouns are month and year nouns that take الماضي/المقبل/الجاري.
var periodNouns = map[string]string{
	"الشهر": "month", "العام": "year", "السنه": "year",
	"month": "month", "year": "year",
}

// relative finds expressions that need the published date: اليوم،
// أمس، غدا، أول أمس، بعد غد، اليوم الأربعاء، يوم الأربعاء، الشهر الماضي،
// العام المقبل، هذا العام, today, yesterday, last month, next year. With no
// published date they have no value and are left out.
func (f *finder) relative(i int) (Date, int) {
	k := f.key(i)
	// أول أمس / أول من أمس: the day before yesterday; بعد غد: after tomorrow.
	if k == "اول" {
		j := i + 1
		if f.key(j) == "من" {
			j++
		}
		if f.key(j) == "امس" {
			return f.dayOffset(i, j+1, -2)
		}
	}
	if k == "بعد" && f.key(i+1) == "غد" {
		return f.dayOffset(i, i+2, 2)
	}
	if off, ok := dayWords[k]; ok {
		if k == "اليوم" && notToday[f.key(i+1)] {
			return Date{}, 0
		}
		end := i + 1
		// اليوم الأربعاء, أمس الثلاثاء: the weekday belongs to the expression.
		if _, ok := weekday(f.key(end)); ok {
			end++
		}
		return f.dayOffset(i, end, off)
	}
	// يوم الأربعاء, الأربعاء, الأربعاء الماضي, on Wednesday, last Wednesday.
	start, j := i, i
	if k == "يوم" || k == "on" {
		j++
	}
	dir := englishDirection(f.key(j))
	if dir != 0 {
		j++
	}
	if wd, ok := weekday(f.key(j)); ok {
		end := j + 1
		if d := arabicDirection(f.key(end)); d != 0 {
			dir = d
			end++
		}
		if !f.known() {
			return Date{}, 0
		}
		return f.date(start, end, f.pub.AddDate(0, 0, weekdayOffset(f.pub.Weekday(), wd, dir)).Format("2006-01-02"), true), end - start
	}
	// الشهر الماضي, العام المقبل, السنة الجارية, last year, this month.
	if unit, ok := periodNouns[k]; ok {
		dir, this := arabicDirection(f.key(i+1)), false
		switch f.key(i + 1) {
		case "الجاري", "الحالي", "الجاريه", "الحاليه":
			this = true
		}
		if dir != 0 || this {
			return f.period(i, i+2, unit, dir)
		}
	}
	if k == "هذا" || k == "هذه" {
		if unit, ok := periodNouns[f.key(i+1)]; ok {
			return f.period(i, i+2, unit, 0)
		}
	}
	if d := englishDirection(k); d != 0 || k == "this" {
		if unit, ok := periodNouns[f.key(i+1)]; ok {
			return f.period(i, i+2, unit, d)
		}
	}
	return Date{}, 0
}

func (f *finder) dayOffset(i, j, off int) (Date, int) {
	if !f.known() {
		return Date{}, 0
	}
	return f.date(i, j, f.pub.AddDate(0, 0, off).Format("2006-01-02"), true), j - i
}

func (f *finder) period(i, j int, unit string, dir int) (Date, int) {
	if !f.known() {
		return Date{}, 0
	}
	if unit == "year" {
		return f.date(i, j, iso(f.pub.Year()+dir, 0, 0), true), j - i
	}
	t := time.Date(f.pub.Year(), f.pub.Month()+time.Month(dir), 1, 0, 0, 0, 0, time.UTC)
	return f.date(i, j, iso(t.Year(), int(t.Month()), 0), true), j - i
}

// weekdayOffset returns the days from pub's weekday to the weekday wd:
// the last one on or before publication (dir 0), strictly before (-1) or
// strictly after (+1). News names a bare weekday mostly for the past week.
func weekdayOffset(pub, wd time.Weekday, dir int) int {
	back := (int(pub) - int(wd) + 7) % 7
	switch dir {
	case -1:
		if back == 0 {
			return -7
		}
		return -back
	case 1:
		fwd := (int(wd) - int(pub) + 7) % 7
		if fwd == 0 {
			return 7
		}
		return fwd
	}
	return -back
}
