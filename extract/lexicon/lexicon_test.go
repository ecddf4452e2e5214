package lexicon

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kgraph/kgraph/extract/text"
)

// keys returns the token keys of s, as the engine builds them.
func keys(s string) []string {
	var out []string
	for _, t := range text.Tokenize(s) {
		out = append(out, t.Key)
	}
	return out
}

func TestDefaultLoads(t *testing.T) {
	l := Default()
	counts := map[string]int{}
	for _, e := range l.Entries() {
		counts[e.Type]++
	}
	for typ, min := range map[string]int{"Country": 190, "City": 300, "Location": 50, "Organization": 80, "Title": 40} {
		if counts[typ] < min {
			t.Errorf("%d entries of type %s, want at least %d", counts[typ], typ, min)
		}
	}
	for _, e := range l.Entries() {
		if e.ID == "" || len(e.Names) == 0 || (e.Type != TypeTitle && e.NameEN == "") {
			t.Errorf("incomplete entry %+v", e)
		}
		if e.Type == "City" && l.Country(e.Country) == nil {
			t.Errorf("city %s in unknown country %q", e.ID, e.Country)
		}
	}
	if Default() != l {
		t.Error("Default is not loaded once")
	}
}

func TestMatchPlace(t *testing.T) {
	l := Default()
	tests := []struct {
		text   string
		at     int
		wantID string
		wantN  int
	}{
		{"المغرب", 0, "country:MA", 1},
		{"زار الوفد بالمغرب أمس", 2, "country:MA", 1},
		{"دعم للمغرب", 1, "country:MA", 1},
		{"فرنسا والمغرب", 1, "country:MA", 1},
		{"وفد من الولايات المتحدة الأمريكية وصل", 2, "country:US", 3},
		{"وفد من الولايات المتحدة وصل", 2, "country:US", 2},
		{"بالولايات المتحدة الأميركية", 0, "country:US", 3},
		{"the U.S. delegation", 1, "country:US", 1},
		{"talks in the United States of America", 3, "country:US", 4},
		{"افتتح في الدار البيضاء", 2, "city:casablanca", 2},
		{"وكازابلانكا", 0, "city:casablanca", 1},
		{"في مدينة مراكش", 2, "city:marrakesh", 1},
		{"نيامي", 0, "city:niamey", 1},
		{"الرباط", 0, "city:rabat", 1},
		{"في إفريقيا", 1, "loc:africa", 1},
		{"القارة الأفريقية", 0, "loc:africa", 2},
		{"منطقة الساحل", 0, "loc:sahel", 2},
		{"بالشرق الأوسط", 0, "loc:middle-east", 2},
		{"Côte d'Ivoire", 0, "country:CI", 2},
		{"ساحل العاج", 0, "country:CI", 2},
		{"Maroc", 0, "country:MA", 1},
		{"وزارة الخارجية", 0, "", 0},
		{"في", 0, "", 0},
	}
	for _, tt := range tests {
		e, n := l.MatchPlace(keys(tt.text), tt.at)
		id := ""
		if e != nil {
			id = e.ID
		}
		if id != tt.wantID || n != tt.wantN {
			t.Errorf("MatchPlace(%q, %d) = %s, %d; want %s, %d", tt.text, tt.at, id, n, tt.wantID, tt.wantN)
		}
	}
}

func TestMatchOrg(t *testing.T) {
	l := Default()
	tests := []struct {
		text, wantID string
		wantN        int
	}{
		{"التحالف الدولي ضد داعش", "org:global-coalition-against-daesh", 4},
		{"التحالف الدولي لهزيمة تنظيم داعش", "org:global-coalition-against-daesh", 5},
		{"والتحالف الدولي لمحاربة داعش", "org:global-coalition-against-daesh", 4},
		{"Global Coalition to Defeat ISIS", "org:global-coalition-against-daesh", 5},
		{"مكتب الأمم المتحدة لمكافحة الإرهاب", "org:unoct", 5},
		{"الأمم المتحدة", "org:united-nations", 2},
		{"للأمم المتحدة", "org:united-nations", 2},
		{"UNOCT", "org:unoct", 1},
		{"الاتحاد الأفريقي", "org:african-union", 2},
		{"بالاتحاد الإفريقي", "org:african-union", 2},
		{"داعش", "org:isis", 1},
		{"منظمة الصحة العالمية", "org:who", 3},
		{"who", "", 0}, // WHO only through Acronym
		{"المنتدى العالمي لمكافحة الإرهاب", "org:gctf", 4},
	}
	for _, tt := range tests {
		e, n := l.MatchOrg(keys(tt.text), 0)
		id := ""
		if e != nil {
			id = e.ID
		}
		if id != tt.wantID || n != tt.wantN {
			t.Errorf("MatchOrg(%q) = %s, %d; want %s, %d", tt.text, id, n, tt.wantID, tt.wantN)
		}
	}
	if e, ok := l.Acronym("WHO"); !ok || e.ID != "org:who" {
		t.Errorf("Acronym(WHO) = %v, %v", e, ok)
	}
	if _, ok := l.Acronym("who"); ok {
		t.Error("Acronym(who) matched")
	}
}

func TestNisba(t *testing.T) {
	l := Default()
	tests := map[string]string{
		"الأميركي": "US", "الأمريكية": "US", "أميركيون": "US", "النيجرية": "NE", "النيجيري": "NG",
		"المغربي": "MA", "والمغربية": "MA", "المغاربة": "MA", "الإيطالية": "IT", "الفرنسيين": "FR",
		"American": "US", "Moroccans": "MA", "المالي": "", "مالي": "",
	}
	for in, want := range tests {
		e, ok := l.Nisba(text.Fold(in))
		got := ""
		if ok {
			got = e.Country
		}
		if got != want {
			t.Errorf("Nisba(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMatchTitle(t *testing.T) {
	l := Default()
	tests := []struct {
		text, wantKind string
		wantN          int
	}{
		{"وزير الشؤون الخارجية والتعاون الإفريقي", "foreign-minister", 5},
		{"وزير الخارجية", "foreign-minister", 2},
		{"وزيرة الخارجية", "foreign-minister", 2},
		{"الوزير", "minister", 1},
		{"والمبعوث الخاص", "envoy", 2},
		{"الكاتب العام", "secretary-general", 2},
		{"الأمين العام", "secretary-general", 2},
		{"رئيس الحكومة", "prime-minister", 2},
		{"الملك", "king", 1},
		{"السفير", "ambassador", 1},
		{"special envoy", "envoy", 2},
		{"Secretary-General", "secretary-general", 1},
		{"foreign minister", "foreign-minister", 2},
		{"الناطق الرسمي", "spokesperson", 2},
		{"المدير العام", "director", 2},
		{"المغرب", "", 0},
	}
	for _, tt := range tests {
		e, n := l.MatchTitle(keys(tt.text), 0)
		kind := ""
		if e != nil {
			kind = e.Kind
		}
		if kind != tt.wantKind || n != tt.wantN {
			t.Errorf("MatchTitle(%q) = %q, %d; want %q, %d", tt.text, kind, n, tt.wantKind, tt.wantN)
		}
	}
}

func TestHeads(t *testing.T) {
	l := Default()
	events := map[string]string{"اجتماع": "meeting", "الاجتماع": "meeting", "والاجتماع": "meeting", "مؤتمر": "conference",
		"القمة": "summit", "ورشة": "workshop", "الدورة": "session", "منتدى": "forum", "conference": "conference", "لقاء": "meeting"}
	for in, want := range events {
		if got, ok := l.EventHead(text.Fold(in)); !ok || got != want {
			t.Errorf("EventHead(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	orgs := map[string]string{"مجموعة": "Group", "المجموعة": "Group", "وزارة": "Ministry", "التحالف": "Coalition",
		"بالتحالف": "Coalition", "المنتدى": "forum", "coalition": "Coalition", "ministry": "Ministry"}
	for in, want := range orgs {
		if got, ok := l.OrgHead(text.Fold(in)); !ok || got != want {
			t.Errorf("OrgHead(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"المغرب", "في", "قال"} {
		if _, ok := l.EventHead(text.Fold(in)); ok {
			t.Errorf("EventHead(%q) matched", in)
		}
		if _, ok := l.OrgHead(text.Fold(in)); ok {
			t.Errorf("OrgHead(%q) matched", in)
		}
	}
}

func TestMonth(t *testing.T) {
	l := Default()
	tests := []struct {
		text     string
		month, n int
	}{
		{"ماي", 5, 1}, {"مايو", 5, 1}, {"أيار", 5, 1}, {"May", 5, 1}, {"mai", 5, 1},
		{"يوليوز", 7, 1}, {"جويلية", 7, 1}, {"تموز", 7, 1},
		{"غشت", 8, 1}, {"آب", 8, 1}, {"أغسطس", 8, 1}, {"أوت", 8, 1},
		{"شتنبر", 9, 1}, {"أيلول", 9, 1}, {"Sept", 9, 1},
		{"نونبر", 11, 1}, {"تشرين الثاني", 11, 2}, {"تشرين الأول", 10, 2},
		{"دجنبر", 12, 1}, {"كانون الأول", 12, 2}, {"كانون الثاني", 1, 2}, {"janvier", 1, 1},
		{"وحزيران", 6, 1}, {"فبراير", 2, 1}, {"février", 2, 1},
		{"الاجتماع", 0, 0},
	}
	for _, tt := range tests {
		m, n := l.Month(keys(tt.text), 0)
		if m != tt.month || n != tt.n {
			t.Errorf("Month(%q) = %d, %d; want %d, %d", tt.text, m, n, tt.month, tt.n)
		}
	}
}

func TestWords(t *testing.T) {
	l := Default()
	for _, w := range []string{"في", "التي", "الذي", "هذا", "the", "who"} {
		if !l.IsStopword(text.Fold(w)) {
			t.Errorf("IsStopword(%q) = false", w)
		}
	}
	for _, w := range []string{"المغرب", "مراكش", "Morocco"} {
		if l.IsStopword(text.Fold(w)) {
			t.Errorf("IsStopword(%q) = true", w)
		}
	}
	for _, w := range []string{"الحكومة", "المغرب", "الاجتماع", "وزير", "في", "الخارجية"} {
		if !l.IsKnownWord(text.Fold(w)) {
			t.Errorf("IsKnownWord(%q) = false", w)
		}
	}
	if l.IsKnownWord(text.Fold("بوريطة")) {
		t.Error("IsKnownWord of a person's name")
	}
}

func TestLookups(t *testing.T) {
	l := Default()
	ma := l.Country("MA")
	if ma == nil || ma.NameEN != "Morocco" || ma.NameAR != "المغرب" || ma.NameFR != "Maroc" {
		t.Fatalf("Country(MA) = %+v", ma)
	}
	if c := l.City("city:rabat"); c == nil || c.Country != "MA" {
		t.Errorf("City(city:rabat) = %+v", c)
	}
	if l.Country("ZZ") != nil || l.City("city:atlantis") != nil {
		t.Error("unknown ids found")
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, file, data, want string
	}{
		{"bad code", "countries.tsv", "# c\nMAR\tMorocco\tالمغرب\n", "countries.tsv:2:"},
		{"missing column", "countries.tsv", "MA\tMorocco\n", "countries.tsv:1: missing column Arabic name"},
		{"unknown country", "cities.tsv", "Rabat\tالرباط\tRabat\tMA\n", "cities.tsv:1: city Rabat: unknown country"},
		{"bad month", "months.tsv", "13\tfoo\n", "months.tsv:1:"},
		{"bad slug", "organizations.tsv", "Bad Slug\tX\tس\n", "organizations.tsv:1:"},
		{"bad flag", "event_heads.tsv", "اجتماع\tmeeting\tmaybe\n", "event_heads.tsv:1:"},
		{"invalid utf8", "stopwords.tsv", "\xff\n", "stopwords.tsv:1: invalid UTF-8"},
	}
	for _, tt := range tests {
		_, err := Load(fstest.MapFS{tt.file: {Data: []byte(tt.data)}})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Load error %v, want it to contain %q", tt.name, err, tt.want)
		}
	}
}

func TestLoadExtension(t *testing.T) {
	fsys := fstest.MapFS{
		"countries.tsv": {Data: []byte("# test\nMA\tMorocco\tالمغرب\tMaroc\t\tمغربي\tMoroccan\n")},
		"cities.tsv":    {Data: []byte("Ifrane\tإفران|افران\tIfrane\tMA\n")},
	}
	l, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if e, n := l.MatchPlace(keys("بإفران"), 0); e == nil || e.ID != "city:ifrane" || n != 1 {
		t.Errorf("MatchPlace(بإفران) = %v, %d", e, n)
	}
	if e, ok := l.Nisba(text.Fold("المغربيات")); !ok || e.ID != "country:MA" {
		t.Errorf("Nisba(المغربيات) = %v, %v", e, ok)
	}
}

// TestEmbeddedNamesUnambiguous reports names that two gazetteer entries
// share, which would make the first one win silently.
func TestEmbeddedNamesUnambiguous(t *testing.T) {
	l := Default()
	// عُمان (Oman) and عمّان (Amman) fold alike; the country wins.
	ambiguous := map[string]bool{"عمان": true}
	owner := map[string]string{}
	for _, e := range l.Entries() {
		if e.Type == TypeTitle {
			continue
		}
		for _, n := range e.Names {
			k := strings.Join(keysOf(n), " ")
			if prev, ok := owner[k]; ok && prev != e.ID && !ambiguous[k] {
				t.Errorf("name %q belongs to %s and %s", n, prev, e.ID)
			}
			owner[k] = e.ID
		}
	}
}
