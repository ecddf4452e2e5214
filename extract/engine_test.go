package extract

import (
	"context"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kgraph/kgraph/graph"
)

// extractOne runs a fresh engine over texts (one article each) and returns
// the batches.
func extractAll(t *testing.T, texts ...string) (*Engine, []graph.Batch) {
	t.Helper()
	x, err := New(KeepMentions())
	if err != nil {
		t.Fatal(err)
	}
	var out []graph.Batch
	for i, txt := range texts {
		b, err := x.Extract(context.Background(), Article{Article: graph.Article{ID: "a" + string(rune('0'+i))}, Text: txt})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return x, out
}

// facts renders a batch's relations as "subject PRED object" with entity
// names, sorted, for readable assertions.
func facts(b graph.Batch) []string {
	name := map[string]string{}
	for _, e := range b.Entities {
		name[e.ID] = e.Name
	}
	var out []string
	for _, r := range b.Relations {
		out = append(out, name[r.Subject]+" "+r.Predicate+" "+name[r.Object])
	}
	sort.Strings(out)
	return out
}

func attrs(b graph.Batch) []string {
	name := map[string]string{}
	for _, e := range b.Entities {
		name[e.ID] = e.Name
	}
	var out []string
	for _, a := range b.Attributes {
		out = append(out, name[a.Subject]+" "+a.Name+"="+a.Value)
	}
	sort.Strings(out)
	return out
}

func TestRelations(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		want  []string // facts that must be found
		never []string // facts that must not be
	}{
		{
			name: "VSO host, invitation by a titled person with a nisba",
			text: "تستضيف الجزائر، غدا، القمة العربية، بدعوة من الرئيس الجزائري عبد المجيد تبون.",
			want: []string{"Algeria HOSTS القمة العربية", "القمة العربية CONVENED_BY عبد المجيد تبون", "عبد المجيد تبون HOLDS_POSITION Algeria"},
		},
		{
			name: "relative clause with coordinated co-chairs",
			text: "أعلنت اللجنة الدولية للإغاثة، التي يرأسها بشكل مشترك الأردن، ومصر، والعراق، عن خطة جديدة.",
			want: []string{"Jordan CO_CHAIRS اللجنة الدولية للإغاثة", "Egypt CO_CHAIRS اللجنة الدولية للإغاثة", "Iraq CO_CHAIRS اللجنة الدولية للإغاثة"},
		},
		{
			name: "attendance, organiser, passive relative place",
			text: "شارك وزير الخارجية التونسي نبيل عمار في الاجتماع الوزاري لجامعة الدول العربية، الذي احتضنته مدينة القاهرة.",
			want: []string{"نبيل عمار ATTENDED الاجتماع الوزاري لجامعة الدول العربية", "نبيل عمار HOLDS_POSITION Tunisia",
				"الاجتماع الوزاري لجامعة الدول العربية HELD_IN Cairo", "الاجتماع الوزاري لجامعة الدول العربية ORGANIZED_BY Arab League"},
		},
		{
			name: "opened in a city with a nisba: held in, located in",
			text: "افتتح، اليوم، بوهران الجزائرية، المؤتمر الإقليمي للطاقة.",
			want: []string{"المؤتمر الإقليمي للطاقة HELD_IN Oran", "Oran LOCATED_IN Algeria"},
		},
		{
			name:  "members named after من بينها",
			text:  "تضم المنظمة العربية للتنمية الزراعية 22 دولة عضوا من بينها الأردن، وتونس.",
			want:  []string{"Jordan MEMBER_OF المنظمة العربية للتنمية الزراعية", "Tunisia MEMBER_OF المنظمة العربية للتنمية الزراعية"},
			never: []string{"Jordan MEMBER_OF Tunisia"},
		},
		{
			name: "visit and talks",
			text: "استقبل وزير الخارجية الأردني أيمن الصفدي، اليوم، نظيره الفرنسي جان نويل بارو، الذي يقوم بزيارة رسمية إلى الأردن.",
			want: []string{"أيمن الصفدي HOLDS_POSITION Jordan", "أيمن الصفدي MET_WITH جان نويل بارو", "جان نويل بارو HOLDS_POSITION France", "جان نويل بارو VISITED Jordan"},
		},
		{
			name:  "a country-or-city name read by context",
			text:  "استقبل وزير الخارجية الأردني أيمن الصفدي نظيره الفرنسي. وكان الرئيس الفرنسي إيمانويل ماكرون قد زار عمان في يناير 2024.",
			want:  []string{"إيمانويل ماكرون VISITED Amman", "إيمانويل ماكرون HOLDS_POSITION France"},
			never: []string{"إيمانويل ماكرون VISITED Oman"},
		},
		{
			name: "side event on the margins",
			text: "نظمت مصر ورشة العمل الإقليمية للمياه على هامش المؤتمر الدولي للمناخ.",
			want: []string{"Egypt HOSTS ورشة العمل الإقليمية للمياه", "ورشة العمل الإقليمية للمياه PART_OF المؤتمر الدولي للمناخ"},
		},
		{
			name: "participants listed after the event, across a relative clause with no fact",
			text: "ويشارك في المؤتمر الدولي للطاقة، الذي يستمر يومين، وزراء من تركيا وإيران والكويت.",
			want: []string{"Turkey ATTENDED المؤتمر الدولي للطاقة", "Iran ATTENDED المؤتمر الدولي للطاقة", "Kuwait ATTENDED المؤتمر الدولي للطاقة"},
		},
		{
			name: "a title after the name",
			text: "وحضر اللقاء خالد بن محمد بن سعيد، وزير الدفاع الكويتي، إلى جانب وفد رفيع.",
			want: []string{"خالد بن محمد بن سعيد HOLDS_POSITION Kuwait"},
		},
		{
			name:  "jointly makes chairing co-chairing",
			text:  "تنعقد القمة الإقليمية للمياه، وتترأس القمة بشكل مشترك كل من تونس واليابان.",
			want:  []string{"Tunisia CO_CHAIRS القمة الإقليمية للمياه", "Japan CO_CHAIRS القمة الإقليمية للمياه"},
			never: []string{"Tunisia CHAIRS القمة الإقليمية للمياه"},
		},
		{
			name: "English possessive country and an al- name",
			text: "Egypt's Foreign Minister Sameh Shoukry met Iraqi Prime Minister Mohammed Shia al-Sudani in Cairo.",
			want: []string{"Sameh Shoukry HOLDS_POSITION Egypt", "Mohammed Shia al-Sudani HOLDS_POSITION Iraq", "Sameh Shoukry MET_WITH Mohammed Shia al-Sudani"},
		},
		{
			name:  "a verb whose subject is left out continues the previous clause",
			text:  "استقبل الرئيس التونسي قيس سعيد رئيس الوزراء الياباني فوميو كيشيدا، كما التقى الرئيس السنغالي ماكي سال.",
			want:  []string{"قيس سعيد MET_WITH فوميو كيشيدا", "قيس سعيد MET_WITH ماكي سال"},
			never: []string{"فوميو كيشيدا MET_WITH ماكي سال"},
		},
		{
			name: "more participants after إلى جانب, and an alias in parentheses",
			text: "شارك في المؤتمر الدولي للمياه وزراء من تركيا والكويت، إلى جانب ممثلين عن منظمة الأمم المتحدة للتربية والعلم والثقافة (اليونسكو).",
			want: []string{"Turkey ATTENDED المؤتمر الدولي للمياه", "Kuwait ATTENDED المؤتمر الدولي للمياه", "UNESCO ATTENDED المؤتمر الدولي للمياه"},
		},
		{
			name: "elected chair of a session; a minister represents his country",
			text: "انتخب المغرب، اليوم، رئيسا للدورة الحادية عشرة لمؤتمر الدول الأطراف في اتفاقية الأمم المتحدة لمكافحة الفساد. ومثّل المملكة في هذا الاجتماع وزير العدل عبد اللطيف وهبي.",
			want: []string{"Morocco CHAIRS مؤتمر الدول الأطراف في اتفاقية الأمم المتحدة لمكافحة الفساد", "عبد اللطيف وهبي REPRESENTS Morocco"},
		},
		{
			name: "taking part, said with a pronoun",
			text: "وأكد وزير الخارجية المصري سامح شكري، خلال مشاركته في القمة العربية الطارئة بالرياض، دعم بلاده للشعب الفلسطيني.",
			want: []string{"سامح شكري ATTENDED القمة العربية الطارئة", "القمة العربية الطارئة HELD_IN Riyadh", "سامح شكري HOLDS_POSITION Egypt"},
		},
		{
			name: "English pronoun subject",
			text: "Egypt's Foreign Minister Sameh Shoukry arrived in Amman on Monday. He held talks with his Jordanian counterpart Ayman Safadi.",
			want: []string{"Sameh Shoukry VISITED Amman", "Sameh Shoukry MET_WITH Ayman Safadi", "Ayman Safadi HOLDS_POSITION Jordan"},
		},
		{
			name: "English: host, held in, attended by",
			text: "Egypt hosted the ministerial meeting of the Arab League in Cairo. The meeting was attended by Jordanian Foreign Minister Ayman Safadi.",
			want: []string{"Egypt HOSTS ministerial meeting of the Arab League", "ministerial meeting of the Arab League ORGANIZED_BY Arab League",
				"Ayman Safadi ATTENDED ministerial meeting of the Arab League", "Ayman Safadi HOLDS_POSITION Jordan"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, bs := extractAll(t, tc.text)
			got := facts(bs[0])
			for _, w := range tc.want {
				if !containsStr(got, w) {
					t.Errorf("missing %q\ngot:\n  %s", w, strings.Join(got, "\n  "))
				}
			}
			for _, w := range tc.never {
				if containsStr(got, w) {
					t.Errorf("unexpected %q", w)
				}
			}
		})
	}
}

func containsStr(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestAttributes(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"founded with a Levantine month", "تأسست المنظمة العربية للتنمية الزراعية في شباط 1970، وتضم 22 دولة.", []string{"المنظمة العربية للتنمية الزراعية founded=1970-02", "المنظمة العربية للتنمية الزراعية member_count=22"}},
		{"founded in a relative clause", "يذكر أن مجلس التعاون الخليجي، الذي تأسس عام ١٩٨١، يضم ست دول.", []string{"Gulf Cooperation Council founded=1981"}},
		{"event date in the clause", "نظمت تونس، في جوان 2019، الاجتماع الإقليمي الأول للشباب.", []string{"الاجتماع الإقليمي الأول للشباب date=2019-06"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, bs := extractAll(t, tc.text)
			got := attrs(bs[0])
			for _, w := range tc.want {
				if !containsStr(got, w) {
					t.Errorf("missing %q\ngot: %q", w, got)
				}
			}
		})
	}
}

// TestResolutionAcrossArticles checks one entity per real thing: long and
// short names, Arabic and English names, learned aliases; and that two
// different meetings stay two.
func TestResolutionAcrossArticles(t *testing.T) {
	x, bs := extractAll(t,
		"أكد التحالف الدولي ضد داعش التزامه. وشارك وزير الخارجية المصري سامح شكري في الاجتماع الأول للجنة الدولية للإغاثة.",
		"اجتمع وزراء التحالف الدولي لهزيمة داعش في روما. وحضر الاجتماع الثاني للجنة الدولية للإغاثة.",
		"Egyptian Foreign Minister Sameh Shoukry spoke at the Global Coalition to Defeat ISIS meeting.",
	)
	idOf := func(b graph.Batch, name string) string {
		for _, e := range b.Entities {
			if e.Name == name || containsStr(e.Aliases, name) {
				return e.ID
			}
		}
		return ""
	}
	coal0, coal1 := idOf(bs[0], "التحالف الدولي ضد داعش"), idOf(bs[1], "التحالف الدولي لهزيمة داعش")
	if coal0 == "" || coal0 != coal1 {
		t.Errorf("coalition: %q vs %q, want one id", coal0, coal1)
	}
	p0, p2 := idOf(bs[0], "سامح شكري"), idOf(bs[2], "Sameh Shoukry")
	if p0 == "" || p0 != p2 {
		t.Errorf("person across scripts: %q vs %q, want one id", p0, p2)
	}
	m1, m2 := idOf(bs[0], "الاجتماع الأول للجنة الدولية للإغاثة"), idOf(bs[1], "الاجتماع الثاني للجنة الدولية للإغاثة")
	if m1 == "" || m2 == "" || m1 == m2 {
		t.Errorf("meetings: %q and %q, want two ids", m1, m2)
	}
	// Entities() merges: the coalition is one record with both names.
	for _, e := range x.Entities() {
		if e.ID == coal0 && len(e.Articles) < 2 {
			t.Errorf("coalition record spans %v, want both articles", e.Articles)
		}
	}
}

// TestEventsApart: events whose names differ only in the countries they
// name are different events, across articles too.
func TestEventsApart(t *testing.T) {
	_, bs := extractAll(t,
		"احتضنت الرباط منتدى الأعمال المغربي البرتغالي بمشاركة مئات المقاولات.",
		"انتظم بتونس منتدى الأعمال التونسي الياباني بمشاركة مئات المؤسسات.",
	)
	var ids []string
	for _, b := range bs {
		for _, e := range b.Entities {
			if e.Type == graph.TypeEvent {
				ids = append(ids, e.ID)
			}
		}
	}
	if len(ids) != 2 || ids[0] == ids[1] {
		t.Errorf("event ids %v, want two different ones", ids)
	}
}

func TestStableIDs(t *testing.T) {
	text := "تستضيف الجزائر القمة العربية بحضور وزير الخارجية المصري سامح شكري."
	_, a := extractAll(t, text)
	_, b := extractAll(t, text)
	if len(a[0].Entities) == 0 {
		t.Fatal("no entities")
	}
	for i := range a[0].Entities {
		if a[0].Entities[i].ID != b[0].Entities[i].ID {
			t.Errorf("id %d: %s vs %s across runs", i, a[0].Entities[i].ID, b[0].Entities[i].ID)
		}
	}
}

// TestMentionOffsets: every mention's text is exactly the article's code
// points between start and end.
func TestMentionOffsets(t *testing.T) {
	text := "وشارك وزير الخارجية الأميركي، في الاجتماع المنعقد بالرباط، إلى جانب ممثلين عن الاتحاد الإفريقي وبنيامي."
	_, bs := extractAll(t, text)
	r := []rune(text)
	n := 0
	for _, e := range bs[0].Entities {
		for _, m := range e.Mentions {
			n++
			if m.Start < 0 || m.End > len(r) || m.Start >= m.End {
				t.Fatalf("%s: bad span %d-%d", e.Name, m.Start, m.End)
			}
			if got := string(r[m.Start:m.End]); got != m.Text {
				t.Errorf("%s: span %d-%d is %q, mention says %q", e.Name, m.Start, m.End, got, m.Text)
			}
		}
	}
	if n < 3 {
		t.Errorf("only %d mentions", n)
	}
}

func TestSeed(t *testing.T) {
	x, err := NewEngine()
	if err != nil {
		t.Fatal(err)
	}
	x.Seed([]graph.Entity{{ID: "org:relief-committee", Type: graph.TypeOrganization, Name: "اللجنة الدولية للإغاثة"}})
	b, _ := x.Extract(context.Background(), Article{Article: graph.Article{ID: "n1"}, Text: "أعلنت اللجنة الدولية للإغاثة، التي يرأسها الأردن، عن خطة."})
	found := false
	for _, e := range b.Entities {
		found = found || e.ID == "org:relief-committee"
	}
	if !found {
		t.Errorf("seeded id not reused: %v", b.Entities)
	}
}

// FuzzExtract: any input extracts without panic, with valid UTF-8 and
// in-range mentions.
func FuzzExtract(f *testing.F) {
	f.Add("يستضيف المغرب، اليوم الاجتماع الوزاري، بدعوة من وزير الخارجية.")
	f.Add("Egypt hosted the summit in Cairo, attended by Foreign Minister Sameh Shoukry.")
	f.Add("“”«» ،،، الذي التي والذي 2014 ٢٠٢٣ ماي الماضي")
	x, err := NewEngine()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		b, err := x.Extract(context.Background(), Article{Article: graph.Article{ID: "f"}, Text: s})
		if err != nil {
			t.Fatal(err)
		}
		n := utf8.RuneCountInString(s)
		for _, e := range b.Entities {
			if !utf8.ValidString(e.Name) || e.ID == "" {
				t.Fatalf("bad entity %+v", e)
			}
			for _, m := range e.Mentions {
				if m.Start < 0 || m.End > n || m.Start >= m.End || !utf8.ValidString(m.Text) {
					t.Fatalf("bad mention %+v in %q", m, s)
				}
			}
		}
		for _, r := range b.Relations {
			if !graph.IsPredicate(r.Predicate) || !utf8.ValidString(r.Evidence) {
				t.Fatalf("bad relation %+v", r)
			}
		}
		if err := b.Validate(); err != nil {
			t.Fatal(err)
		}
	})
}
