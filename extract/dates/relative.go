package dates

import (
	"time"
)

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

// relative finds expressions that need the published date: اليوم،
// أمس، غدا، أول أمس، بعد غد، اليوم الأربعاء، يوم الأربعاء، الشهر الماضي،
// العام المقبل، هذا العام, today, yesterday, last month, next year. With no
// published date they have no value and are left out.
func (f *finder) relative(i int) (Date, int) {
	k := f.key(i)
	// أول أمس, أول من أمس: the day before yesterday; بعد غد: after tomorrow.
	for _, p := range dayPhrases[k] {
		if f.follows(i+1, p.rest) {
			return f.dayOffset(i, i+1+len(p.rest), p.offset)
		}
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
	if dayNouns[k] {
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
		if dir := arabicDirection(f.key(i + 1)); dir != 0 || current[f.key(i+1)] {
			return f.period(i, i+2, unit, dir)
		}
	}
	if d := englishDirection(k); d != 0 || thisWords[k] {
		if unit, ok := periodNouns[f.key(i+1)]; ok {
			return f.period(i, i+2, unit, d)
		}
	}
	return Date{}, 0
}

// follows reports whether the keys from token i on are ws.
func (f *finder) follows(i int, ws []string) bool {
	for n, w := range ws {
		if f.key(i+n) != w {
			return false
		}
	}
	return true
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
