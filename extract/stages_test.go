package extract

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kgraph/kgraph/extract/ner"
	"github.com/kgraph/kgraph/graph"
)

// Golden span tests: each stage on sentences written for these tests, to
// the exact mentions (type, text, code-point offsets) and facts it makes.
// Mentions are "Type:text@start-end"; refs (anaphors, nisbas) are
// "ref:Type:text@start-end"; facts are "subject PREDICATE object".

// readWith runs a chain of the given stages for one language over text.
func readWith(t *testing.T, lang string, text string, l *Language) *Document {
	t.Helper()
	opts := []Option{}
	if l != nil {
		l.Code = lang
		opts = append(opts, WithLanguage(l))
	}
	x, err := New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	a := Article{Text: text}
	a.ID, a.Lang = "t1", lang
	d, err := x.read(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func spansOf(d *Document) []string {
	var out []string
	for _, l := range d.locals {
		if l.mergedInto != nil {
			continue
		}
		for _, m := range l.mentions {
			out = append(out, fmt.Sprintf("%s:%s@%d-%d", l.typ, m.Text, m.Start, m.End))
		}
		for _, m := range l.refs {
			out = append(out, fmt.Sprintf("ref:%s:%s@%d-%d", l.typ, m.Text, m.Start, m.End))
		}
	}
	sort.Strings(out)
	return out
}

func factsOf(d *Document) []string {
	var out []string
	for _, f := range d.rels {
		if s := f.s.final().name + " " + f.pred + " " + f.o.final().name; !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

type spanCase struct {
	name    string
	lang    string
	text    string
	stages  *Language
	want    []string // every mention and ref, exactly
	facts   []string // every fact, exactly (nil: not checked)
	notWant []string // substrings that no mention or fact may contain
}

func runSpanCases(t *testing.T, cases []spanCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := readWith(t, c.lang, c.text, c.stages)
			got := spansOf(d)
			if os.Getenv("KGRAPH_GOLDEN") != "" {
				t.Logf("spans %q\nfacts %q", got, factsOf(d))
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("mentions\n got %q\nwant %q", got, c.want)
			}
			if c.facts != nil {
				if fs := factsOf(d); strings.Join(fs, "\n") != strings.Join(c.facts, "\n") {
					t.Errorf("facts\n got %q\nwant %q", fs, c.facts)
				}
			}
			all := strings.Join(append(got, factsOf(d)...), "\n")
			for _, bad := range c.notWant {
				if strings.Contains(all, bad) {
					t.Errorf("found %q in\n%s", bad, all)
				}
			}
		})
	}
}

var (
	gazetteerOnly = &Language{Recognizers: []Recognizer{Gazetteer{}}}
	phrasesOnly   = &Language{Recognizers: []Recognizer{Gazetteer{}, HeadPhrases{}}}
	peopleOnly    = &Language{Recognizers: []Recognizer{Gazetteer{}, TitledPeople{}}}
	withAnaphors  = &Language{Recognizers: []Recognizer{Gazetteer{}, HeadPhrases{}, TitledPeople{}}, Linkers: []Linker{Anaphors{}}}
	withSlots     = &Language{Recognizers: []Recognizer{Gazetteer{}, HeadPhrases{}, TitledPeople{}, TitlesAfterNames{}}, Finders: []RelationFinder{Slots{}}}
	withFrames    = &Language{Recognizers: []Recognizer{Gazetteer{}, HeadPhrases{}, TitledPeople{}}, Linkers: []Linker{Anaphors{}}, Finders: []RelationFinder{Slots{}, Frames{}}}
	_             = graph.TypeCity
)

func TestStageSpans(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "gazetteer city and country", lang: "ar", stages: gazetteerOnly,
			text: "وصل الوفد إلى الرباط قادما من تونس.",
			want: []string{"City:الرباط@14-20", "Country:تونس@30-34"}},
		{name: "gazetteer nisba is a ref", lang: "ar", stages: gazetteerOnly,
			text: "قالت الخارجية الأميركية إن المحادثات مستمرة.",
			want: []string{"ref:Country:الأميركية@14-23"}},
		{name: "gazetteer ignores common words", lang: "ar", stages: gazetteerOnly,
			text: "قال المسؤول إن الاجتماع كان مثمرا.", want: []string{}},
		{name: "head phrase ministry", lang: "ar", stages: phrasesOnly,
			text: "أعلنت وزارة الصحة عن حملة جديدة.",
			want: []string{"Organization:وزارة الصحة@6-17"}},
		{name: "a definite body with an institution adjective", lang: "ar", stages: phrasesOnly,
			text: "وأعلن المجلس الدستوري قبول الطعون، وقالت القوات المسلحة إنها مستعدة.",
			want: []string{"Organization:القوات المسلحة@41-55", "Organization:المجلس الدستوري@6-21"}},
		{name: "a body's name goes on after its nisba with its purpose", lang: "ar", stages: phrasesOnly,
			text: "وقالت الجمعية التونسية لمكافحة الفساد إن التقرير جاهز.",
			want: []string{"Organization:الجمعية التونسية لمكافحة الفساد@6-37", "ref:Country:التونسية@14-22"}},
		{name: "but not with another body", lang: "ar", stages: phrasesOnly,
			text:    "وحضر ممثل عن وزارة الخارجية الإيطالية للتحالف ضد داعش.",
			want:    []string{"Organization:داعش@49-53", "Organization:للتحالف ضد داعش@38-53", "Organization:وزارة الخارجية الإيطالية@13-37", "ref:Country:الإيطالية@28-37"},
			notWant: []string{"الإيطالية للتحالف"}},
		{name: "a plural head names no body", lang: "ar", stages: phrasesOnly,
			text: "وحذرت من المجموعات المسلحة في المنطقة.", want: []string{}},
		{name: "a title whose clause runs on names no one", lang: "ar", stages: peopleOnly,
			text: "وقال رئيس مجلس الشيوخ يوم الأحد إن من يعتقد أن المال يمكن له أن يشتري البلد مخطئ.",
			want: []string{}, notWant: []string{"Person:"}},
		{name: "titled person", lang: "ar", stages: peopleOnly,
			text: "قال وزير الخارجية ناصر بوريطة إن الحوار مستمر.",
			want: []string{"Person:ناصر بوريطة@18-29"}},
		{name: "anaphor points back", lang: "ar", stages: withAnaphors,
			text: "زار الوفد المغرب يوم الاثنين. وقالت المملكة إنها ترحب بالزيارة.",
			want: []string{"Country:المغرب@10-16", "ref:Country:المملكة@36-43"}},
		{name: "office slot becomes a fact", lang: "ar", stages: withSlots,
			text:  "قال وزير الخارجية الفرنسي جان إيف لودريان إن الحوار مستمر.",
			want:  []string{"Person:جان إيف لودريان@26-41", "ref:Country:الفرنسي@18-25"},
			facts: []string{"جان إيف لودريان HOLDS_POSITION France"}},
		{name: "no slot stage, no fact", lang: "ar", stages: peopleOnly, facts: []string{},
			text: "قال وزير الخارجية الفرنسي جان إيف لودريان إن الحوار مستمر.",
			want: []string{"Person:جان إيف لودريان@26-41", "ref:Country:الفرنسي@18-25"}},
		{name: "verb frame", lang: "ar", stages: withFrames,
			text:    "استقبل الملك محمد السادس الرئيس الفرنسي إيمانويل ماكرون في الرباط.",
			want:    []string{"City:الرباط@59-65", "Person:إيمانويل ماكرون@40-55", "Person:محمد السادس@13-24", "ref:Country:الفرنسي@32-39"},
			facts:   []string{"إيمانويل ماكرون HOLDS_POSITION France", "محمد السادس MET_WITH إيمانويل ماكرون"},
			notWant: []string{"الرباط MET_WITH"}},
		{name: "a title after a name with no comma", lang: "ar", stages: withSlots,
			text:  "وقال سيرغي ريابكوف نائب وزير الخارجية الروسي إن موسكو مستعدة.",
			want:  []string{"City:موسكو@48-53", "Person:سيرغي ريابكوف@5-18", "ref:Country:الروسي@38-44"},
			facts: []string{"سيرغي ريابكوف HOLDS_POSITION Russia"}},
		{name: "but not a title that introduces the next name", lang: "ar", stages: withSlots,
			text:    "واستقبل الملك محمد السادس وزير الخارجية الأمريكي مايك بومبيو.",
			want:    []string{"Person:مايك بومبيو@49-60", "Person:محمد السادس@14-25", "ref:Country:الأمريكي@40-48"},
			facts:   []string{"مايك بومبيو HOLDS_POSITION United States"},
			notWant: []string{"محمد السادس HOLDS_POSITION"}},
		{name: "talks with: the holder before, the other after", lang: "ar", stages: withFrames,
			text:    "وأجرى وزير الخارجية ناصر بوريطة مباحثات مع نظيره الإسباني خوسيه ألباريس، ومع المفوض الأوروبي أوليفر فارهيلي.",
			want:    []string{"Person:خوسيه ألباريس@58-71", "Person:ناصر بوريطة@20-31", "ref:Country:الإسباني@49-57"},
			facts:   []string{"خوسيه ألباريس HOLDS_POSITION Spain", "ناصر بوريطة MET_WITH خوسيه ألباريس"},
			notWant: []string{"City:", "Paris"}},
		{name: "cities listed before in a country lie in it", lang: "en", stages: withFrames,
			text:  "New offices open in Baghdad and Basra in Iraq, and in Kabul in Afghanistan.",
			want:  []string{"City:Baghdad@20-27", "City:Basra@32-37", "City:Kabul@54-59", "Country:Afghanistan@63-74", "Country:Iraq@41-45"},
			facts: []string{"Baghdad LOCATED_IN Iraq", "Basra LOCATED_IN Iraq", "Kabul LOCATED_IN Afghanistan"}},
		{name: "arabic cities in a country", lang: "ar", stages: withFrames,
			text:  "وزار الوفد الدار البيضاء وطنجة في المغرب.",
			want:  []string{"City:الدار البيضاء@11-24", "City:طنجة@26-30", "Country:المغرب@34-40"},
			facts: []string{"Casablanca LOCATED_IN Morocco", "Tangier LOCATED_IN Morocco"}},
		{name: "a city before a visit is not in the country visited", lang: "en", stages: withFrames,
			text:  "The meeting in London came before a visit to France.",
			want:  []string{"City:London@15-21", "Country:France@45-51", "Event:meeting@4-11"},
			facts: []string{"meeting in London HELD_IN London"}, notWant: []string{"LOCATED_IN"}},
		{name: "an english event in a city", lang: "en", stages: withSlots,
			text:  "The African Union summit in Addis Ababa ended on Friday.",
			want:  []string{"City:Addis Ababa@28-39", "Event:African Union summit@4-24", "Organization:African Union@4-17"},
			facts: []string{"African Union summit HELD_IN Addis Ababa", "African Union summit ORGANIZED_BY African Union"}},
		{name: "a bare english event named by its place", lang: "en", stages: withSlots,
			text:  "Ministers met at a conference in Geneva, then at a meeting in Vienna.",
			want:  []string{"City:Geneva@33-39", "City:Vienna@62-68", "Event:conference@19-29", "Event:meeting@51-58"},
			facts: []string{"conference in Geneva HELD_IN Geneva", "meeting in Vienna HELD_IN Vienna"}},
		{name: "a party's seasonal conference", lang: "en", stages: withSlots,
			text:  "Labour spring conference in London opened with a speech.",
			want:  []string{"City:London@28-34", "Event:Labour spring conference@0-24", "Organization:Labour@0-6"},
			facts: []string{"Labour spring conference HELD_IN London", "Labour spring conference ORGANIZED_BY Labour Party"}},
		{name: "nominal trigger: the visit that X made to", lang: "ar", stages: withFrames,
			text:  "وأشاد الطرفان بالزيارة التي أجراها وزير الخارجية ناصر بوريطة إلى مدريد.",
			want:  []string{"City:مدريد@65-70", "Person:ناصر بوريطة@49-60"},
			facts: []string{"ناصر بوريطة VISITED Madrid"}},
		{name: "participial trigger: organised by", lang: "ar", stages: withFrames,
			text:  "واختتم المؤتمر الدولي للطاقة المنظم من قبل الاتحاد الإفريقي أمس.",
			want:  []string{"Event:المؤتمر الدولي للطاقة@7-28", "Organization:الاتحاد الإفريقي@43-59"},
			facts: []string{"المؤتمر الدولي للطاقة ORGANIZED_BY African Union"}},
		{name: "nominal trigger: a meeting with", lang: "en", stages: withFrames,
			text:  "Foreign Minister Nasser Bourita held a meeting with US Secretary of State Antony Blinken.",
			want:  []string{"Country:US@52-54", "Person:Antony Blinken@74-88", "Person:Nasser Bourita@17-31"},
			facts: []string{"Antony Blinken HOLDS_POSITION United States", "Nasser Bourita MET_WITH Antony Blinken"}},
		{name: "acronym and number: one event however written", lang: "en",
			stages: &Language{Recognizers: []Recognizer{NumberedEvents{}, Gazetteer{}, HeadPhrases{}}, Finders: []RelationFinder{Slots{}, Frames{}}},
			text:   "FOCAC 9 opened in Beijing. Leaders at FOCAC9 signed a plan.",
			want:   []string{"City:Beijing@18-25", "Event:FOCAC 9@0-7", "Event:FOCAC9@38-44"},
			facts:  []string{"FOCAC 9 HELD_IN Beijing"}},
		{name: "an arabic phrase around a numbered name is that event", lang: "ar",
			stages: &Language{Recognizers: []Recognizer{NumberedEvents{}, Gazetteer{}, HeadPhrases{}}, Finders: []RelationFinder{Slots{}, Frames{}}},
			text:   "وانطلقت في بكين أشغال منتدى التعاون الصيني الإفريقي FOCAC 9 بحضور قادة القارة.",
			want:   []string{"City:بكين@11-15", "Event:FOCAC 9@52-59", "Event:منتدى التعاون الصيني@22-42", "ref:Country:الصيني@36-42"},
			facts:  []string{"FOCAC 9 HELD_IN Beijing"}},
		{name: "an arabic word and a number is no event", lang: "ar",
			stages: &Language{Recognizers: []Recognizer{NumberedEvents{}, Gazetteer{}}},
			text:   "وتنص المادة 12 على ذلك.", want: []string{}},
		{name: "unsupported language gets the gazetteer only", lang: "fr",
			text:    "Le ministre Nasser Bourita a reçu son homologue à Rabat.",
			want:    []string{"City:Rabat@50-55"},
			notWant: []string{"Organization:Nasser"}},
		{name: "english common words are no names", lang: "en",
			text: "The company said profits rose sharply in the third quarter.", want: []string{}},
	})
}

// TestTaggedSpans: the trained tagger's names join the rules' (full
// built-in chain), and names the rules claimed keep their rule reading.
func TestTaggedSpans(t *testing.T) {
	if _, err := ner.Load("en"); err != nil {
		t.Skipf("no English model: %v", err)
	}
	runSpanCases(t, []spanCase{
		{name: "untitled english people", lang: "en",
			text:  "Angela Merkel met Emmanuel Macron in Paris on Monday.",
			want:  []string{"City:Paris@37-42", "Person:Angela Merkel@0-13", "Person:Emmanuel Macron@18-33"},
			facts: []string{"Angela Merkel MET_WITH Emmanuel Macron"}},
		{name: "a body before the title", lang: "en",
			text:  "World Bank president Maria Lopez said growth would slow.",
			want:  []string{"Organization:World Bank@0-10", "Person:Maria Lopez@21-32"},
			facts: []string{"Maria Lopez HOLDS_POSITION World Bank"}},
		{name: "a possessive body before the title", lang: "en",
			text:  "Germany's finance minister Olaf Becker will travel on Friday.",
			want:  []string{"Country:Germany@0-7", "Person:Olaf Becker@27-38"},
			facts: []string{"Olaf Becker HOLDS_POSITION Germany"}},
		{name: "a title with its article after the name", lang: "en",
			text:  "\"Demand will stay weak,\" said Laura Finch, an economist at Deutsche Bank.",
			want:  []string{"Organization:Deutsche Bank@59-72", "Person:Laura Finch@30-41"},
			facts: []string{"Laura Finch HOLDS_POSITION Deutsche Bank"}},
		{name: "an adjective between the body and the title", lang: "en",
			text:  "BBC political correspondent Tom Hale said the vote was close.",
			want:  []string{"Organization:BBC@0-3", "Person:Tom Hale@28-36"},
			facts: []string{"Tom Hale HOLDS_POSITION BBC"}},
		{name: "US as written is the country, us is no place", lang: "en",
			text: "The plan was sold in the US, and analysts told us it would work.",
			want: []string{"Country:US@25-27"}},
		{name: "an appositive body then title", lang: "en",
			text:  "Anna Berg, World Bank chief economist, said growth would slow.",
			want:  []string{"Organization:World Bank@11-21", "Person:Anna Berg@0-9"},
			facts: []string{"Anna Berg HOLDS_POSITION World Bank"}},
		{name: "an appositive name after the title", lang: "en",
			text:  "He met his Spanish counterpart, Jose Albares, in Madrid.",
			want:  []string{"City:Madrid@49-55", "Person:Jose Albares@32-44", "ref:Country:Spanish@11-18"},
			facts: []string{"Jose Albares HOLDS_POSITION Spain"}},
		{name: "no names in a plain sentence", lang: "en",
			text: "Shares fell after the results were published on Tuesday.", want: []string{}},
	})
}

// TestTaggerBoundsRuleNames: a rule finds where a name starts, the tagger
// where it ends; a family name shaped like a nisba stays in the name.
func TestTaggerBoundsRuleNames(t *testing.T) {
	if _, err := ner.Load("ar"); err != nil {
		t.Skipf("no Arabic model: %v", err)
	}
	runSpanCases(t, []spanCase{
		{name: "name stops before the next word", lang: "ar",
			text: "واستقبل وزير الخارجية ناصر بوريطة ضيفه في الرباط.",
			want: []string{"City:الرباط@42-48", "Person:ناصر بوريطة@22-33"}},
		{name: "a time word after a title is no name", lang: "ar",
			text:    "والتقى وزير الخارجية نظيره الإسباني يومي الخميس والجمعة في مدريد.",
			want:    []string{"City:مدريد@59-64", "ref:Country:الإسباني@27-35"},
			notWant: []string{"Person:يومي"}},
		{name: "a body that starts inside the title", lang: "ar",
			text:  "وقال رئيس مجلس الشيوخ الفرنسي جيرار لارشيه إن الزيارة مهمة.",
			want:  []string{"Organization:مجلس الشيوخ الفرنسي@10-29", "Person:جيرار لارشيه@30-42", "ref:Country:الفرنسي@22-29"},
			facts: []string{"جيرار لارشيه HOLDS_POSITION France", "جيرار لارشيه HOLDS_POSITION مجلس الشيوخ الفرنسي"}},
		{name: "a bare surname is the person named before", lang: "en",
			text:  "Japanese Prime Minister Kenji Morita opened the forum. Delegates later held talks with Morita.",
			want:  []string{"Person:Kenji Morita@24-36", "Person:Morita@87-93", "ref:Country:Japanese@0-8"},
			facts: []string{"Kenji Morita HOLDS_POSITION Japan"}},
		{name: "a ministry's conjoined words are not the minister's name", lang: "ar",
			text:  "وقال وزير التربية والتعليم العالي والبحث العلمي سعيد أمزازي إن الإصلاح مستمر.",
			want:  []string{"Person:سعيد أمزازي@48-59"},
			facts: []string{"سعيد أمزازي HOLDS_POSITION وزارة التربية والتعليم العالي والبحث العلمي"}},
		{name: "nisba-shaped family name", lang: "ar",
			text:  "وحضر رئيس الوزراء العراقي محمد شياع السوداني افتتاح المؤتمر.",
			want:  []string{"Person:محمد شياع السوداني@26-44", "ref:Country:العراقي@18-25"},
			facts: []string{"محمد شياع السوداني HOLDS_POSITION Iraq"}},
		{name: "a first word the tagger missed", lang: "ar",
			text:  "واستقبل وزير الداخلية الباكستاني خواجة محمد نعيم وفدا من الرباط.",
			want:  []string{"City:الرباط@57-63", "Person:خواجة محمد نعيم@33-48", "ref:Country:الباكستاني@22-32"},
			facts: []string{"خواجة محمد نعيم HOLDS_POSITION Pakistan"}},
	})
}

// TestRulesCheckedAtLoad: a predicate or type the graph does not know fails
// New, naming the file and line.
func TestRulesCheckedAtLoad(t *testing.T) {
	for _, c := range []struct{ name, predicates, want string }{
		{"typo in a predicate", "HOLDS_POSITON\tPerson\tCountry\n", "predicates.tsv:1"},
		{"typo in a type", "HOLDS_POSITION\tPerson\tCountri\n", "Countri"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for _, f := range []string{"triggers.tsv", "anaphors.tsv", "attributes.tsv", "name_modifiers.tsv", "number_words.tsv"} {
				b, err := dataFS.ReadFile("data/" + f)
				if err != nil {
					t.Fatal(err)
				}
				fsys["data/"+f] = &fstest.MapFile{Data: b}
			}
			fsys["data/predicates.tsv"] = &fstest.MapFile{Data: []byte(c.predicates)}
			_, err := New(WithRules(fsys))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("New: %v, want an error naming %q", err, c.want)
			}
		})
	}
}

// TestEvidenceIsBounded: a fact in an endless sentence carries a window of
// it around its trigger, with offsets that index the article.
func TestEvidenceIsBounded(t *testing.T) {
	filler := strings.Repeat("وتحدث المشاركون عن قضايا كثيرة تهم المنطقة ", 40)
	text := filler + "واستقبل الملك محمد السادس الرئيس الفرنسي إيمانويل ماكرون " + filler
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	a := Article{Text: text}
	a.ID, a.Lang = "long", "ar"
	b, err := x.Extract(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune(text)
	met := false
	for _, r := range b.Relations {
		if n := len([]rune(r.Evidence)); n > maxEvidence {
			t.Errorf("%s: evidence of %d code points", r.Predicate, n)
		}
		if got := string(runes[r.EvidenceStart:r.EvidenceEnd]); got != r.Evidence {
			t.Errorf("%s: offsets %d-%d give %q, evidence is %q", r.Predicate, r.EvidenceStart, r.EvidenceEnd, got, r.Evidence)
		}
		if r.Predicate == graph.MetWith {
			met = true
			if !strings.Contains(r.Evidence, "استقبل") {
				t.Errorf("MET_WITH evidence misses its trigger: %q", r.Evidence)
			}
		}
	}
	if !met {
		t.Fatalf("no MET_WITH in %d relations", len(b.Relations))
	}
}

// TestNegationAndModality: a denied fact is not stated, an expected one
// is stated with less confidence, and an expected one called off is not.
func TestNegationAndModality(t *testing.T) {
	cases := []struct {
		name, lang, text string
		attended         bool
		maxConf          float64
	}{
		{"stated", "en", "Foreign Minister Nasser Bourita attended the Arab League summit.", true, 1},
		{"will not attend", "en", "Foreign Minister Nasser Bourita will not attend the Arab League summit.", false, 0},
		{"expected to attend", "en", "Foreign Minister Nasser Bourita is expected to attend the Arab League summit.", true, 0.6},
		{"expected, then postponed", "en", "Foreign Minister Nasser Bourita was expected to attend the Arab League summit, which was postponed.", false, 0},
		{"لن يشارك", "ar", "ولن يشارك وزير الخارجية ناصر بوريطة في القمة العربية.", false, 0},
		{"شارك", "ar", "وشارك وزير الخارجية ناصر بوريطة في القمة العربية.", true, 1},
		{"يرتقب أن يشارك", "ar", "ويرتقب أن يشارك وزير الخارجية ناصر بوريطة في القمة العربية.", true, 0.6},
		{"ألغيت", "ar", "وكان يرتقب أن يشارك وزير الخارجية ناصر بوريطة في القمة العربية قبل إلغائها.", false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := readWith(t, c.lang, c.text, nil)
			var got *fact
			for i, f := range d.rels {
				if f.pred == graph.Attended && f.s.final().typ == graph.TypePerson {
					got = &d.rels[i]
				}
			}
			if (got != nil) != c.attended {
				t.Fatalf("ATTENDED stated = %v, want %v (facts %q)", got != nil, c.attended, factsOf(d))
			}
			if got != nil && got.confidence > c.maxConf+1e-9 {
				t.Errorf("confidence %.2f, want at most %.2f", got.confidence, c.maxConf)
			}
		})
	}
}

// TestNumberedEventIsOneNode: COP28 and COP 28, in two articles and two
// scripts' phrases, resolve to one id.
func TestNumberedEventIsOneNode(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for i, text := range []string{
		"World leaders gathered in Dubai for COP28 on Thursday.",
		"وقال رئيس مؤتمر الأطراف COP 28 إن الاتفاق تاريخي.",
	} {
		a := Article{Text: text}
		a.ID = fmt.Sprintf("a%d", i)
		b, err := x.Extract(context.Background(), a)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range b.Entities {
			if e.Type == graph.TypeEvent {
				ids[e.ID] = true
			}
		}
	}
	if len(ids) != 1 {
		t.Fatalf("COP28 resolved to %d events: %v", len(ids), ids)
	}
}

// TestCoordinatedNames: an English capitalised run or tagger span across
// "and" is two names, unless a connector or a shared head noun makes it one.
func TestCoordinatedNames(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "two banks are not one body", lang: "en", stages: gazetteerOnly,
			text: "The insurer hired Halvard Bank and Merriton Bank for the sale.", // and "sale" is no Salé
			want: []string{"Organization:Halvard Bank@18-30", "Organization:Merriton Bank@35-48"}},
		{name: "a shared head keeps one name", lang: "en", stages: gazetteerOnly,
			text: "She joined the Trade and Industry Committee in May.",
			want: []string{"Organization:Trade and Industry Committee@15-43"}},
		{name: "a sentence's first function word is not part of a name", lang: "en", stages: gazetteerOnly,
			text: "But the Home Office said it would appeal.",
			want: []string{"Organization:Home Office@8-19"}},
		{name: "US at the start of a sentence is still the country", lang: "en", stages: gazetteerOnly,
			text: "US officials said the plan would work.",
			want: []string{"Country:US@0-2"}},
		{name: "an honorific opens a person's name, not a body's", lang: "en", stages: gazetteerOnly,
			text: "Baroness Hale of Richmond spoke first.",
			want: []string{}},
		{name: "a connector before and keeps one name", lang: "en", stages: gazetteerOnly,
			text: "He leads the Institute for Rivers and Coastal Waters.",
			want: []string{"Organization:Institute for Rivers and Coastal Waters@13-52"}},
	})
	if _, err := ner.Load("en"); err != nil {
		t.Skipf("no English model: %v", err)
	}
	runSpanCases(t, []spanCase{
		{name: "a lawyer represents people", lang: "en",
			text:  "Lawyer Anna Pryce, who represents Mr Okafor and Mr Lindqvist, spoke to reporters.",
			want:  []string{"Person:Anna Pryce@7-17", "Person:Mr Lindqvist@48-60", "Person:Mr Okafor@34-43"},
			facts: []string{"Anna Pryce REPRESENTS Lindqvist", "Anna Pryce REPRESENTS Okafor"}},
		{name: "two clients of a lawyer", lang: "en",
			text:    "Lawyer Anna Pryce, who acts for Mr Okafor and Mr Lindqvist, spoke to reporters.",
			notWant: []string{"Okafor and"},
			want:    []string{"Person:Anna Pryce@7-17", "Person:Mr Lindqvist@46-58", "Person:Mr Okafor@32-41"}},
	})
}

// TestHonorificIsThePersonNamedBefore: "Mr Pike" after "Alan Pike" is Alan
// Pike; "Mr David Pike" has another given name and is someone else.
func TestHonorificIsThePersonNamedBefore(t *testing.T) {
	if _, err := ner.Load("en"); err != nil {
		t.Skipf("no English model: %v", err)
	}
	for _, c := range []struct {
		text   string
		people int
	}{
		{"Alan Pike went to Norfolk on Monday. Mr Pike later said the vote was close.", 1},
		{"Alan Pike went to Norfolk on Monday. Mr David Pike later said the vote was close.", 2},
		{"Alan Pike went to Norfolk on Monday. Lord Pike later said the vote was close.", 1},
		{"Alan Pike went to Norfolk on Monday. Dr Pike later said the vote was close.", 1},
	} {
		d := readWith(t, "en", c.text, nil)
		var names []string
		for _, l := range d.locals {
			if l.mergedInto == nil && l.typ == graph.TypePerson {
				names = append(names, l.name)
			}
		}
		if len(names) != c.people {
			t.Errorf("%q: people %q, want %d", c.text, names, c.people)
		}
	}
}

// TestAffiliations: a party's name before a person's, and "of"/"from" a
// body after a name, are memberships; other neighbours are not.
func TestAffiliations(t *testing.T) {
	if _, err := ner.Load("en"); err != nil {
		t.Skipf("no English model: %v", err)
	}
	for _, c := range []struct {
		name, text string
		facts      []string // wanted facts (others may be there)
		notWant    []string // facts that must not be there
	}{
		{"a party and a list of its people",
			"The panel heard Labour's Margaret Hollis and Sir Peter Hanley, with Liberal Democrat Susan Kerr.",
			[]string{"Margaret Hollis MEMBER_OF Labour Party", "Peter Hanley MEMBER_OF Labour Party", "Susan Kerr MEMBER_OF Liberal Democrats"},
			[]string{"Susan Kerr MEMBER_OF Labour Party", "Margaret Hollis MEMBER_OF Liberal Democrats"}},
		{"a party's title is an office, not a bare membership",
			"Tory leader Simon Hart spoke in Leeds.",
			[]string{"Simon Hart HOLDS_POSITION Conservative Party"},
			[]string{"Simon Hart MEMBER_OF Conservative Party"}},
		{"an appositive body after the name",
			"Dr Nina Ross, of the Royal Lung Trust, said cases were rising.",
			[]string{"Nina Ross MEMBER_OF Royal Lung Trust"}, nil},
		{"a company is no party",
			"The report by Unilever Sam Dyer read was long.",
			nil, []string{"MEMBER_OF"}},
		{"of course is no body",
			"Nina Ross, of course, said cases were rising.",
			nil, []string{"MEMBER_OF"}},
	} {
		d := readWith(t, "en", c.text, nil)
		got := strings.Join(factsOf(d), "\n")
		checkFound(t, c.name, got, c.facts, c.notWant)
	}
}

// guessed stands in for a tagger that reads a word as a name of type typ
// that no lexicon knows.
type guessed struct{ word, typ string }

func (g guessed) Recognize(d *Document, s *Sentence) {
	for i, w := range s.words {
		if w.Text == g.word && s.covered[i] == nil {
			d.add(s, &mention{first: i, last: i, phrase: i, ent: d.entity(g.typ, w.Text, nil)})
		}
	}
}

// TestTitlesInEnglishOrders: a body before a title, qualifiers between a
// name's comma and its title.
func TestTitlesInEnglishOrders(t *testing.T) {
	companies := &Language{Recognizers: []Recognizer{Gazetteer{}, guessed{"Nissan", graph.TypeOrganization}, guessed{"Infiniti", graph.TypeOrganization}}, Finders: []RelationFinder{Frames{}}}
	guessedAt := &Language{Recognizers: []Recognizer{Gazetteer{}, guessed{"Brenwick", graph.TypeCity}, TitledPeople{}}, Finders: []RelationFinder{Slots{}}}
	guessedAs := func(typ string) *Language {
		return &Language{Recognizers: []Recognizer{Gazetteer{}, guessed{"Corvale", typ}, TitledPeople{}, TitlesAfterNames{}}, Finders: []RelationFinder{Slots{}}}
	}
	runSpanCases(t, []spanCase{
		{name: "a guessed place before a title is a body", lang: "en", stages: guessedAs(graph.TypeCity),
			text:  "Sales will rise, said Corvale chief executive Hana Moll.",
			want:  []string{"Organization:Corvale@22-29", "Person:Hana Moll@46-55"},
			facts: []string{"Hana Moll HOLDS_POSITION Corvale"}},
		{name: "a guessed one-word person before a title is a body", lang: "en", stages: guessedAs(graph.TypePerson),
			text:  "Sales will rise, said Corvale chief executive Hana Moll.",
			want:  []string{"Organization:Corvale@22-29", "Person:Hana Moll@46-55"},
			facts: []string{"Hana Moll HOLDS_POSITION Corvale"}},
		{name: "a subsidiary after its parent", lang: "en", stages: companies,
			text:  "Sales at the Nissan subsidiary Infiniti rose last year.",
			want:  []string{"Organization:Infiniti@31-39", "Organization:Nissan@13-19"},
			facts: []string{"Infiniti PART_OF Nissan"}},
		{name: "a subsidiary of its parent", lang: "en", stages: companies,
			text:  "Infiniti, a subsidiary of Nissan, said sales rose.",
			want:  []string{"Organization:Infiniti@0-8", "Organization:Nissan@26-32"},
			facts: []string{"Infiniti PART_OF Nissan"}},
		{name: "two companies and no subsidiary", lang: "en", stages: companies,
			text:  "Nissan said Infiniti would grow.",
			want:  []string{"Organization:Infiniti@12-20", "Organization:Nissan@0-6"},
			facts: []string{}},
		{name: "a titled name at a body", lang: "en", stages: guessedAt,
			text:  "Demand will stay weak, said analyst Omar Lindt at Brenwick.",
			want:  []string{"Organization:Brenwick@50-58", "Person:Omar Lindt@36-46"},
			facts: []string{"Omar Lindt HOLDS_POSITION Brenwick"}},
		{name: "a titled name at a known city", lang: "en", stages: guessedAt,
			text:  "Demand will stay weak, said analyst Omar Lindt at Paris.",
			want:  []string{"City:Paris@50-55", "Person:Omar Lindt@36-46"},
			facts: []string{}},
		{name: "a known city before a title stays a city", lang: "en", stages: guessedAs(graph.TypeCity),
			text:  "The summit was moved, said London mayor Ken Livingstone.",
			want:  []string{"City:London@27-33", "Person:Ken Livingstone@40-55"},
			facts: []string{}},
	})
	if _, err := ner.Load("en"); err != nil {
		t.Skipf("no English model: %v", err)
	}
	runSpanCases(t, []spanCase{
		{name: "a place name that ends a person's name is a family name", lang: "en",
			text:    "They list former Tory leader William Hague as a supporter.",
			notWant: []string{"City:", "Person:William@"},
			facts:   []string{"William Hague HOLDS_POSITION Conservative Party"},
			want:    []string{"Organization:Tory@17-21", "Person:William Hague@29-42"}},
		{name: "a place after a verb stays a place", lang: "en",
			text: "William Hague visited Paris on Monday.",
			want: []string{"City:Paris@22-27", "Person:William Hague@0-13"}},
		{name: "a country's PM", lang: "en",
			text:  "The adviser worked for Canada's PM, Paul Dorval, for years.",
			want:  []string{"Country:Canada@23-29", "Person:Paul Dorval@36-47"},
			facts: []string{"Paul Dorval HOLDS_POSITION Canada"}},
		{name: "a title after a name's comma, at a body", lang: "en",
			text:    "Kate Moss, head of research at the Rivers Trust, said the figures were wrong.",
			notWant: []string{"Person:Rivers"},
			want:    []string{"Organization:Rivers Trust@35-47", "Person:Kate Moss@0-9"},
			facts:   []string{"Kate Moss HOLDS_POSITION Rivers Trust"}},
		{name: "a person named in full before stays a person", lang: "en",
			text:    "Tony Walsh left early. Walsh spokesman Tom Kelly said so.",
			notWant: []string{"Organization:Walsh", "HOLDS_POSITION Walsh", "HOLDS_POSITION Tony Walsh"},
			want:    []string{"Person:Tom Kelly@39-48", "Person:Tony Walsh@0-10", "Person:Walsh@23-28"}},
		{name: "a qualifier before the title after a name", lang: "en",
			text:  "Dr Ellen Shaw, Scottish secretary of the Royal College of Nursing, welcomed the plan.",
			want:  []string{"Organization:Royal College of Nursing@41-65", "Person:Ellen Shaw@3-13"},
			facts: []string{"Ellen Shaw HOLDS_POSITION Royal College of Nursing"}},
		{name: "a relative clause is no title", lang: "en",
			text:  "Ellen Shaw, whose brother works at Acme Bank, welcomed the plan.",
			want:  []string{"Organization:Acme Bank@35-44", "Person:Ellen Shaw@0-10"},
			facts: []string{}},
		{name: "a title two connectors away is someone else's", lang: "en",
			text:  "Ellen Shaw, a friend of the director of Acme Bank, welcomed the plan.",
			want:  []string{"Organization:Acme Bank@40-49", "Person:Ellen Shaw@0-10"},
			facts: []string{}},
	})
}

// TestArabicNamesAfterTitles: where a name after a title ends, and what a
// title's nisba says.
func TestArabicNamesAfterTitles(t *testing.T) {
	if _, err := ner.Load("ar"); err != nil {
		t.Skipf("no Arabic model: %v", err)
	}
	for _, c := range []struct {
		name, text string
		facts      []string // wanted facts (others may be there)
		notWant    []string // mention or fact substrings that must not be there
	}{
		{"a given name spelt like a preposition inside a name",
			"وقال رئيس المجلس الأعلى للقضاء محمد علي الهاشمي في بيان إن الإصلاح مستمر.",
			[]string{"محمد علي الهاشمي HOLDS_POSITION المجلس الأعلى للقضاء"}, nil},
		{"the preposition itself ends the name",
			"ووقع الوزير محمد على الاتفاق أمس.",
			nil, []string{"على الاتفاق"}},
		{"a month name with no number inside a name",
			"وقالت رئيسة الوزراء البريطانية تيريزا ماي إن الاتفاق ممكن.",
			[]string{"تيريزا ماي HOLDS_POSITION United Kingdom"}, nil},
		{"a month name by a number is a date",
			"وقالت رئيسة الوزراء البريطانية تيريزا ماي إن الاتفاق ممكن. وزار الرئيس الفرنسي إيمانويل ماكرون الجزائر في ماي 2019.",
			nil, []string{"Person:ماي@"}},
		{"a family-name suffix",
			"ودعا وزير الخارجية التركي أحمد داود أوغلو إلى الحوار.",
			[]string{"أحمد داود أوغلو HOLDS_POSITION Turkey"}, nil},
		{"a journalist's nisba is a nationality",
			"وقال الصحافي المصري حسن كامل إن الوضع صعب.",
			nil, []string{"HOLDS_POSITION Egypt"}},
		{"an analyst's nisba is a nationality",
			"وقال المحلل السياسي المغربي سعيد الناصري إن الموقف ثابت.",
			nil, []string{"HOLDS_POSITION Morocco"}},
		{"an official's nisba is a post",
			"وقال المسؤول المغربي سعيد الناصري إن الموقف ثابت.",
			[]string{"سعيد الناصري HOLDS_POSITION Morocco"}, nil},
		{"an ambassador serves the country of his nisba, not the one he is posted to",
			"وقال السفير الإسباني لدى المغرب خوان مارتينيز إن العلاقات جيدة.",
			[]string{"خوان مارتينيز HOLDS_POSITION Spain"}, []string{"HOLDS_POSITION Morocco"}},
		{"a reported clause ends a title's complement",
			"وأعلن سالم العبدالله نائب وزير الخارجية القطري أن موقف قطر من التطبيع مع إسرائيل ثابت.",
			[]string{"سالم العبدالله HOLDS_POSITION Qatar"}, []string{"HOLDS_POSITION Israel"}},
		{"a form of address is not part of the name",
			"وأكد وزير الصحة، السيد خالد آيت الطالب، أن الوضع مستقر.",
			[]string{"Person:السيد خالد آيت الطالب@", "name:خالد آيت الطالب"}, []string{"name:السيد"}},
		{"a representative's posting after لدى, and her appositive name",
			"وانتقدت تصريحات مندوبة بريطانيا لدى الأمم المتحدة، كارين بيرس، الأربعاء.",
			[]string{"كارين بيرس HOLDS_POSITION United Kingdom"}, []string{"HOLDS_POSITION United Nations"}},
		{"a name the tagger ends on a given name keeps its family name",
			"وقال رئيس المجلس الأعلى للشباب محمد علي الزبيدي في بيان إن الحوار مستمر.",
			[]string{"محمد علي الزبيدي HOLDS_POSITION المجلس الأعلى للشباب"}, nil},
		{"the party is the one party named before",
			"وقال التجمع الوطني الديمقراطي إنه يدعم الحوار. وجاء في بيان موقع من الأمين العام للحزب أحمد أويحيى أن الحزب يدعم الحوار.",
			[]string{"أحمد أويحيى HOLDS_POSITION National Rally for Democracy"}, nil},
		{"the party after two parties is neither",
			"وقال حزب العمال البريطاني وحزب المحافظين البريطاني إنهما يدعمان الحوار. وقال الأمين العام للحزب أحمد بوزيد إن الحوار ضروري.",
			nil, []string{"أحمد بوزيد HOLDS_POSITION"}},
		{"a foreign first name and a family name after a title and its nisba",
			"وقال وزير الإعلام الليبي زكري الفيتوري إن الخطة جاهزة.",
			[]string{"زكري الفيتوري HOLDS_POSITION Libya"}, nil},
		{"a time after a title and its nisba is no name",
			"وقال الوزير الليبي سابقا الأربعاء إن الخطة جاهزة.",
			nil, []string{"Person:"}},
		{"a title, its field, then the body",
			"ويرى خالد منصوري أستاذ القانون الدولي بجامعة قسنطينة أن الحل ممكن.",
			[]string{"خالد منصوري HOLDS_POSITION جامعة قسنطينة"}, nil},
		{"a body's head noun before a name only the tagger reads",
			"ويرى خالد منصوري أستاذ القانون الدولي بجامعة سطيف أن الحل ممكن.",
			[]string{"Organization:جامعة سطيف@", "خالد منصوري HOLDS_POSITION جامعة سطيف"}, []string{"Organization:سطيف@"}},
		{"a title and its field with no body",
			"وقال خالد منصوري أستاذ القانون الدولي إن الحل ممكن.",
			nil, []string{"HOLDS_POSITION"}},
		{"a governor's post is in the city his title names",
			"وقال محافظ طرابلس سالم الزياني إن الوضع هادئ.",
			[]string{"سالم الزياني HOLDS_POSITION Tripoli"}, nil},
		{"a minister's is not",
			"وقال وزير الداخلية بطرابلس سالم الزياني إن الوضع هادئ.",
			nil, []string{"HOLDS_POSITION Tripoli"}},
		{"an appositive name runs to its comma",
			"وقال رئيس الأركان الليبي، سعيد قايد منصور، إن الوضع مستقر.",
			[]string{"سعيد قايد منصور HOLDS_POSITION Libya"}, nil},
	} {
		d := readWith(t, "ar", c.text, nil)
		got := append(spansOf(d), factsOf(d)...)
		for _, l := range d.locals {
			got = append(got, "name:"+l.name)
		}
		all := strings.Join(got, "\n")
		checkFound(t, c.name, all, c.facts, c.notWant)
	}
}

// TestEventTopics: what an event is about names it (ندوة حول …, معرض
// بعنوان «…»); an organisation that hosts it in a city holds it there.
func TestEventTopics(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a seminar on a topic, organised and held", lang: "ar", stages: withFrames,
			text:  "نظمت جمعية النساء المغربيات صباح اليوم بالرباط ندوة حول حقوق المرأة.",
			want:  []string{"City:الرباط@40-46", "Event:ندوة حول حقوق المرأة@47-67", "Organization:جمعية النساء المغربيات@5-27", "ref:Country:المغربيات@18-27"},
			facts: []string{"ندوة حول حقوق المرأة HELD_IN Rabat", "ندوة حول حقوق المرأة ORGANIZED_BY جمعية النساء المغربيات"}},
		{name: "an exhibition by its quoted title", lang: "ar", stages: withFrames,
			text:  "وافتتح الوزير معرضا بعنوان «ذاكرة المدينة» في فاس.",
			want:  []string{"City:فاس@46-49", "Event:معرضا بعنوان «ذاكرة المدينة@14-41"},
			facts: []string{"معرضا بعنوان ذاكرة المدينة HELD_IN Fez"}},
		{name: "the topic ends where the place begins", lang: "ar", stages: withFrames,
			text:    "وينظم المركز ورشة حول تمويل الإرهاب بالعاصمة الموريتانية نواكشوط.",
			want:    []string{"City:نواكشوط@57-64", "Event:ورشة حول تمويل الإرهاب@13-35", "ref:Country:الموريتانية@45-56"},
			facts:   []string{"Nouakchott LOCATED_IN Mauritania", "ورشة حول تمويل الإرهاب HELD_IN Nouakchott"},
			notWant: []string{"Event:ورشة حول تمويل الإرهاب بالعاصمة"}},
		{name: "a bare indefinite head is no name", lang: "ar", stages: withFrames,
			text: "وعقدت ندوة أمس في الرباط.",
			want: []string{"City:الرباط@18-24"}},
	})
}

// TestArabicNameAndEventBounds: where Arabic person and event names end,
// and which names are one entity.
func TestArabicNameAndEventBounds(t *testing.T) {
	if _, err := ner.Load("ar"); err != nil {
		t.Skipf("no Arabic model: %v", err)
	}
	for _, c := range []struct {
		name, text string
		want       []string // wanted mentions and facts (others may be there)
		notWant    []string
	}{
		{"an accusative after the name is what the clause says of it",
			"واعتبر الوزير ما حدث في مؤتمر لشبونة إنجازا كبيرا على صعيد العلاقات.",
			[]string{"Event:مؤتمر لشبونة@"}, []string{"Event:مؤتمر لشبونة إنجازا"}},
		{"a particle carries the name on; a place word is no person; two guests with two given names",
			"استقبل العاهل الأردني عبد الله بن الحسين آل هاشم في قصر رغدان بعمان اليوم، فهد بن أحمد الراشد، وسالم بن خالد الراشد.",
			[]string{"عبد الله بن الحسين آل هاشم MET_WITH فهد بن أحمد الراشد", "Person:عبد الله بن الحسين آل هاشم@"},
			[]string{"Person:رغدان", "MET_WITH رغدان", "Person:أحمد الراشد@", "Person:هاشم@"}},
		{"two given names that share a consonant skeleton are two people",
			"وقال سهل بن أحمد الراشد إن الوضع جيد. وقال صلاح بن خالد الراشد إن الوضع صعب.",
			[]string{"name:سهل بن أحمد الراشد", "name:صلاح بن خالد الراشد"}, nil},
		{"his country is the country he holds a post for",
			"وأعلن سالم الراشد نائب وزير الخارجية القطري أن موقف قطر ثابت، لافتا إلى أن بلاده شاركت في المؤتمر الدولي للطاقة.",
			[]string{"Qatar ATTENDED المؤتمر الدولي للطاقة"}, nil},
		{"his country with no post known is no country",
			"وقال سالم الراشد إن بلاده شاركت في المؤتمر الدولي للطاقة.",
			[]string{"سالم الراشد ATTENDED المؤتمر الدولي للطاقة"}, []string{"Country:"}},
		{"after أن the subject comes first",
			"وأعلنت الرباط أن المغرب سيشارك في المؤتمر الدولي للطاقة، حيث أوضحت وكالة فرانس برس أن الوفد جاهز.",
			[]string{"Morocco ATTENDED المؤتمر الدولي للطاقة"}, []string{"Agence France-Presse ATTENDED"}},
		{"a name before a verbal noun is not its subject",
			"ووصف وزير الخارجية الفرنسي جان لودريان مشاركة المغرب في المؤتمر الدولي للطاقة بالمهمة.",
			[]string{"Morocco ATTENDED المؤتمر الدولي للطاقة"}, []string{"لودريان ATTENDED"}},
		{"the event before التي حضرتها, the one who attended it after",
			"وتحدث الوزير في الندوة الدولية للطاقة التي حضرتها وزيرة الصناعة الإسبانية ماريا لوبيز عن التعاون.",
			[]string{"ماريا لوبيز ATTENDED الندوة الدولية للطاقة"}, nil},
		{"attended by no one named",
			"وتحدث الوزير في الندوة الدولية للطاقة التي حضرها عدد كبير من الخبراء.",
			nil, []string{"ATTENDED"}},
		{"a private meeting with",
			"وعلى هامش المؤتمر، عقد الوزير الأردني أيمن الصفدي اجتماعا على انفراد مع وزير الخارجية العماني بدر البوسعيدي.",
			[]string{"أيمن الصفدي MET_WITH بدر البوسعيدي"}, nil},
		{"a meeting on its own with no one",
			"وعقد الوزير الأردني أيمن الصفدي اجتماعا على انفراد أمس.",
			nil, []string{"MET_WITH"}},
		{"an event named by its place is not the article's event held elsewhere",
			"وانطلقت أشغال المؤتمر الدولي للطاقة في الدوحة أمس. وقال الوزير إن مؤتمر لشبونة كان ناجحا.",
			[]string{"مؤتمر لشبونة HELD_IN Lisbon", "المؤتمر الدولي للطاقة HELD_IN Doha"},
			[]string{"المؤتمر الدولي للطاقة HELD_IN Lisbon"}},
	} {
		d := readWith(t, "ar", c.text, nil)
		got := append(spansOf(d), factsOf(d)...)
		for _, l := range d.locals {
			if l.mergedInto == nil {
				got = append(got, "name:"+l.name)
			}
		}
		all := strings.Join(got, "\n")
		checkFound(t, c.name, all, c.want, c.notWant)
	}
}

// TestEventPhrases: the place after an event, the party behind "the
// party's", and the one person speaking "at" it.
func TestEventPhrases(t *testing.T) {
	if _, err := ner.Load("en"); err != nil {
		t.Skipf("no English model: %v", err)
	}
	for _, c := range []struct {
		name, text string
		want       []string
		notWant    []string
	}{
		{"a party's conference in a city, and a speaker at it",
			"The Labour Party met last week. Jane Ellis spoke at the party's annual conference in Leeds.",
			[]string{"annual conference HELD_IN Leeds", "annual conference ORGANIZED_BY Labour Party", "Jane Ellis ATTENDED annual conference"}, nil},
		{"two people before at: no one is said to be there",
			"Jane Ellis and Tom Hale argued at the annual conference in Leeds.",
			[]string{"annual conference HELD_IN Leeds"}, []string{"ATTENDED"}},
		{"a nisba after in is no place",
			"Jane Ellis spoke at the annual conference in the Iraqi capital.",
			nil, []string{"HELD_IN"}},
	} {
		d := readWith(t, "en", c.text, nil)
		all := strings.Join(append(spansOf(d), factsOf(d)...), "\n")
		checkFound(t, c.name, all, c.want, c.notWant)
	}
}

// TestEnglishTitlePrecision: what a body or nisba before a title does
// not say.
func TestEnglishTitlePrecision(t *testing.T) {
	if _, err := ner.Load("en"); err != nil {
		t.Skipf("no English model: %v", err)
	}
	for _, c := range []struct {
		name, text string
		want       []string
		notWant    []string
	}{
		{"a verb between a body and a title",
			"The bill passed after the Conservatives accepted Prime Minister Tony Blair's promise.",
			nil, []string{"Tony Blair HOLDS_POSITION Conservative Party"}},
		{"an adjective between a body and a title",
			"BBC political correspondent Nick Carver said the vote was close.",
			[]string{"Nick Carver HOLDS_POSITION BBC"}, nil},
		{"a body the person has left",
			"Ex-Labour MP Dan Kemp has appealed for calm.",
			nil, []string{"HOLDS_POSITION"}},
		{"a trade's nisba after the name",
			"Much of the credit must go to Lynn Ashby, the Canadian strategist who ran the campaign.",
			nil, []string{"HOLDS_POSITION Canada"}},
		{"a party before a vote stands in it",
			"Labour say a Lib Dem vote could let the Tories in.",
			nil, []string{"ORGANIZED_BY"}},
		{"a vote for a body is none it holds",
			"Holding elections for the Arab League on the same day might help.",
			nil, []string{"ORGANIZED_BY"}},
		{"a summit of a body is one it holds",
			"Leaders met at the summit of the Arab League in Cairo.",
			[]string{"ORGANIZED_BY Arab League"}, nil},
		{"a co-chair's title",
			"Tory co-chairman Nick Bray opened the forum with a speech.",
			[]string{"Nick Bray CO_CHAIRS Conservative Party", "Nick Bray HOLDS_POSITION Conservative Party"}, nil},
		{"a chair's title is no co-chair's",
			"Tory chairman Nick Bray opened the forum with a speech.",
			[]string{"Nick Bray HOLDS_POSITION Conservative Party"}, []string{"CO_CHAIRS"}},
		{"a body before a summit holds it",
			"The Arab League summit opened on Monday.",
			[]string{"Arab League summit ORGANIZED_BY Arab League"}, nil},
	} {
		d := readWith(t, "en", c.text, nil)
		all := strings.Join(append(spansOf(d), factsOf(d)...), "\n")
		checkFound(t, c.name, all, c.want, c.notWant)
	}
}

// TestCityInPartOfCountry: a city and the part of a country it lies in.
func TestCityInPartOfCountry(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a city east of a country", lang: "ar", stages: withFrames,
			text:  "وقصفت الطائرات ميناء مدينة بنغازي شرق ليبيا.",
			want:  []string{"City:بنغازي@27-33", "Country:ليبيا@38-43"},
			facts: []string{"Benghazi LOCATED_IN Libya"}},
		{name: "a city in the middle of a country, which is not the one arriving", lang: "ar", stages: withFrames,
			text:  "ووصل الوفد إلى مدينة سرت في وسط ليبيا.",
			want:  []string{"City:سرت@21-24", "Country:ليبيا@32-37"},
			facts: []string{"Sirte LOCATED_IN Libya"}},
		{name: "a city and a part of another country it left for", lang: "ar", stages: withFrames,
			text:    "وانتقل الوفد من القاهرة إلى شرق ليبيا.",
			want:    []string{"City:القاهرة@16-23", "Country:ليبيا@32-37"},
			notWant: []string{"LOCATED_IN"}},
	})
}

// TestOpposesInEnglish: a fight against a body is opposition; a claim or
// a bias against it is not.
func TestOpposesInEnglish(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a coalition against a group", lang: "en", stages: withFrames,
			text:  "The United States leads the coalition against ISIS.",
			want:  []string{"Country:United States@4-17", "Organization:ISIS@46-50"},
			facts: []string{"United States OPPOSES Islamic State"}},
		{name: "a claim against a body", lang: "en", stages: withFrames,
			text:  "Egypt filed a legal claim against the Arab League.",
			want:  []string{"Country:Egypt@0-5", "Organization:Arab League@38-49"},
			facts: []string{}},
	})
}

// TestKingdomAnaphor: المملكة is the kingdom named last, known as one by
// the lexicon's official name, not the article's most-named country.
func TestKingdomAnaphor(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "the kingdom named as its short name", lang: "ar", stages: withAnaphors,
			text: "تحدث عن فلسطين ثم عن فلسطين مرة أخرى. وقال إن المغرب يدعم الحل، وإن المملكة تدعم السلام.",
			want: []string{"Country:المغرب@46-52", "Country:فلسطين@21-27", "Country:فلسطين@8-14", "ref:Country:المملكة@68-75"}},
	})
	d := readWith(t, "ar", "تحدث عن فلسطين ثم عن فلسطين مرة أخرى. وقال إن المغرب يدعم الحل، وإن المملكة تدعم السلام.", withAnaphors)
	for _, l := range d.locals {
		for _, r := range l.refs {
			if r.Text == "المملكة" && l.name != "Morocco" {
				t.Errorf("المملكة is %s, want Morocco", l.name)
			}
		}
	}
}

// TestArrivals: وصل … إلى, with the subject or a time between the verb and
// إلى, is a visit; a count that reaches a number is none.
func TestArrivals(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a subject and a time inside the phrase", lang: "ar", stages: withFrames,
			text:    "ووصل الوزير الأردني أيمن الصفدي ،اليوم الأربعاء، إلى اليابان للمشاركة في القمة.",
			notWant: []string{"VISITED Jordan"},
			want:    []string{"Country:اليابان@53-60", "Person:أيمن الصفدي@20-31", "ref:Country:الأردني@12-19"},
			facts:   []string{"أيمن الصفدي HOLDS_POSITION Jordan", "أيمن الصفدي VISITED Japan"}},
		{name: "a time inside a link phrase", lang: "ar", stages: withFrames,
			text:  "وأكد الاجتماع الوزاري للتحالف المنعقد اليوم الخميس بالرباط دعمه للحوار.",
			want:  []string{"City:الرباط@52-58", "Event:الاجتماع الوزاري للتحالف@5-29"},
			facts: []string{"الاجتماع الوزاري للتحالف HELD_IN Rabat"}},
		{name: "a count that reaches a number", lang: "ar", stages: withFrames,
			text:    "ووصل عدد القتلى في سوريا إلى مئة.",
			want:    []string{"Country:سوريا@19-24"},
			notWant: []string{"VISITED"}},
	})
}

// TestEventNamedByPlace: a bare head and a city or country name an event
// held there, and the name ends with the place.
func TestEventNamedByPlace(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "talks named by a country", lang: "ar", stages: withFrames,
			text:  "وتوصل الطرفان إلى اتفاق خلال محادثات السويد.",
			want:  []string{"Country:السويد@37-43", "Event:محادثات السويد@29-43"},
			facts: []string{"محادثات السويد HELD_IN Sweden"}},
		{name: "the name ends with the place", lang: "ar", stages: withFrames,
			text:    "وانتهت ورشة البحرين وقالت الصحف إنها فشلت.",
			notWant: []string{"وقالت الصحف@"},
			want:    []string{"Country:البحرين@12-19", "Event:ورشة البحرين@7-19"}},
		{name: "a plural event head with its modifier", lang: "ar", stages: withFrames,
			text:  "وانطلقت الاجتماعات السنوية للبنك الدولي في مراكش.",
			want:  []string{"City:مراكش@43-48", "Event:الاجتماعات السنوية للبنك الدولي@8-39", "Organization:للبنك الدولي@27-39"},
			facts: []string{"الاجتماعات السنوية للبنك الدولي HELD_IN Marrakesh", "الاجتماعات السنوية للبنك الدولي ORGANIZED_BY World Bank"}},
		{name: "a plain plural names no one body", lang: "ar", stages: withFrames,
			text: "وحذر الوزير من المجموعات الإرهابية في المنطقة.",
			want: []string{}},
		{name: "a modifier after the place stays in the name", lang: "ar", stages: withFrames,
			text: "وانتهى اجتماع مراكش الوزاري أمس.",
			want: []string{"City:مراكش@14-19", "Event:اجتماع مراكش الوزاري@7-27"}},
	})
}

// TestHeadBehindPreposition: للجنة is ل + a head noun even though a
// lexicon name lists للجنة whole.
func TestHeadBehindPreposition(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a committee behind li", lang: "ar", stages: phrasesOnly,
			text: "وقدم الوفد تقريرا للجنة الوطنية للانتخابات.",
			want: []string{"Organization:لجنة الوطنية للانتخابات@19-42"}},
	})
}

// TestRoleSubjectWithinClause: "رئيسا لـ X" takes no subject from past a
// comma after its object, nor the story's country by default.
func TestRoleSubjectWithinClause(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a country in the next clause, and no focus guessed", lang: "ar", stages: withFrames,
			text:    "ويبقى الملك رئيسا للجنة الدولية للمياه، إضافة إلى التزاماته تجاه فلسطين.",
			want:    []string{"Country:فلسطين@65-71", "Organization:لجنة الدولية للمياه@19-38"},
			notWant: []string{"CHAIRS"}},
		{name: "the country before the role", lang: "ar", stages: withFrames,
			text:  "وانتخب المغرب رئيسا للجنة الدولية للمياه، إضافة إلى فلسطين.",
			want:  []string{"Country:المغرب@7-13", "Country:فلسطين@52-58", "Organization:لجنة الدولية للمياه@21-40"},
			facts: []string{"Morocco CHAIRS لجنة الدولية للمياه"}},
	})
}

// TestAnaphorFactsAreLessSure: a fact whose argument is an anaphor (هذا
// الاجتماع) is stated with less confidence than the same fact named.
func TestAnaphorFactsAreLessSure(t *testing.T) {
	conf := func(text string) float64 {
		d := readWith(t, "ar", text, withFrames)
		for _, f := range d.rels {
			if f.pred == graph.Attended {
				return f.confidence
			}
		}
		t.Fatalf("no ATTENDED fact in %q: %q", text, factsOf(d))
		return 0
	}
	named := conf("انعقد الاجتماع الوزاري للتحالف في الرباط. وشارك المغرب في الاجتماع الوزاري للتحالف.")
	resolved := conf("انعقد الاجتماع الوزاري للتحالف في الرباط. وشارك المغرب في هذا الاجتماع.")
	if resolved >= named {
		t.Errorf("through an anaphor %.2f, named %.2f: want less", resolved, named)
	}
}

// TestSitesInCity: a building or site named before في/بـ/in a city lies
// there; a person, a meeting or a common noun in a city does not.
func TestSitesInCity(t *testing.T) {
	withSites := &Language{Recognizers: []Recognizer{Gazetteer{}, HeadPhrases{}, TitledPeople{}, Sites{}}, Linkers: []Linker{Anaphors{}}, Finders: []RelationFinder{Slots{}, Frames{}}}
	runSpanCases(t, []spanCase{
		{name: "a prison with its own name, then the capital and the city", lang: "ar", stages: withSites,
			text:  "ونقل المعتقلون أمس إلى سجن العقرب بالعاصمة القاهرة.",
			want:  []string{"City:القاهرة@43-50", "Location:سجن العقرب@23-33"},
			facts: []string{"سجن العقرب LOCATED_IN Cairo"}},
		{name: "an embassy in a city", lang: "ar", stages: withSites,
			text:  "وتظاهر العشرات أمام السفارة الإيطالية في القاهرة.",
			want:  []string{"City:القاهرة@41-48", "Organization:السفارة الإيطالية@20-37", "ref:Country:الإيطالية@28-37"},
			facts: []string{"السفارة الإيطالية LOCATED_IN Cairo"}},
		{name: "a forest named after another city lies where the text says", lang: "ar", stages: withSites,
			text:  "وتجول الفريق في غابة بغداد في إسطنبول.",
			want:  []string{"City:إسطنبول@30-37", "City:بغداد@21-26", "Location:غابة بغداد@16-26"},
			facts: []string{"غابة بغداد LOCATED_IN Istanbul"}, notWant: []string{"Baghdad LOCATED_IN"}},
		{name: "an english embassy in a city", lang: "en", stages: withSites,
			text:  "Protesters gathered outside the Italian Embassy in Cairo on Friday.",
			want:  []string{"City:Cairo@51-56", "Organization:Italian Embassy@32-47"},
			facts: []string{"Italian Embassy LOCATED_IN Cairo"}},
		{name: "a minister in a city lies nowhere", lang: "ar", stages: withSites,
			text:    "وقال وزير الخارجية المصري في القاهرة إن الحوار مستمر.",
			want:    []string{"City:القاهرة@29-36", "ref:Country:المصري@19-25"},
			notWant: []string{"LOCATED_IN"}},
		{name: "a common word after a site head is no site name", lang: "ar", stages: withSites,
			text:    "وعاد الوفد إلى قصر اليوم في القاهرة.",
			want:    []string{"City:القاهرة@28-35"},
			notWant: []string{"Location", "LOCATED_IN"}},
	})
}

// TestTownsInRegions: a town before a county or state (behind a comma or
// "in") lies in it; the places listed after "<place> boroughs of" lie in
// that place; a tour of a region is a visit.
func TestTownsInRegions(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a town, then its county", lang: "en", stages: withFrames,
			text:  "The rally was held in Liverpool, Merseyside, on Friday.",
			want:  []string{"City:Liverpool@22-31", "Location:Merseyside@33-43"},
			facts: []string{"Liverpool LOCATED_IN Merseyside"}},
		{name: "a town in a state", lang: "en", stages: withFrames,
			text:  "She grew up in Dallas in Texas before moving abroad.",
			want:  []string{"City:Dallas@15-21", "Location:Texas@25-30"},
			facts: []string{"Dallas LOCATED_IN Texas"}},
		{name: "a region that opens a longer phrase is no town's region", lang: "en", stages: withFrames,
			text:    "He spoke in Paris, Europe's busiest capital, on Monday.",
			want:    []string{"City:Paris@12-17", "Location:Europe@19-25"},
			notWant: []string{"LOCATED_IN"}},
		{name: "the boroughs of a city", lang: "en",
			text:  "Residents of the London boroughs of Camden and Islington complained.",
			want:  []string{"City:Camden@36-42", "City:Islington@47-56", "City:London@17-23"},
			facts: []string{"Camden LOCATED_IN London", "Islington LOCATED_IN London"}},
		{name: "a tour of two counties", lang: "en", stages: withFrames,
			text:  "The minister Anna Reid is touring Devon and Cornwall this week.",
			want:  []string{"Location:Cornwall@44-52", "Location:Devon@34-39", "Person:Anna Reid@13-22"},
			facts: []string{"Anna Reid VISITED Cornwall", "Anna Reid VISITED Devon"}},
		{name: "no visit to what comes past a comma", lang: "en", stages: withFrames,
			text:    "The minister Anna Reid is visiting a dozen farms, where the Labour Party hopes to gain.",
			want:    []string{"Organization:the Labour Party@56-72", "Person:Anna Reid@13-22"},
			notWant: []string{"VISITED"}},
	})
}

// TestTitleOfATitleHolder: "X، مستشار الرئيس الفرنسي Y" — a title set off
// after a name whose complement is another title is X's, serving the
// second holder's country; Y holds the second title. With no name and
// comma before it, the name after holds the first title.
func TestTitleOfATitleHolder(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "an adviser named before the president he serves", lang: "ar", stages: withSlots,
			text:  "وقال سامي الخوري، مستشار الرئيس الفرنسي إيمانويل ماكرون، إن الحوار مستمر.",
			want:  []string{"Person:إيمانويل ماكرون@40-55", "Person:سامي الخوري@5-16", "ref:Country:الفرنسي@32-39"},
			facts: []string{"إيمانويل ماكرون HOLDS_POSITION France", "سامي الخوري HOLDS_POSITION France"}},
		{name: "an adviser named after the title", lang: "ar", stages: withSlots,
			text:  "وقال مستشار الرئيس الفرنسي جون بيرنار إن الحوار مستمر.",
			want:  []string{"Person:جون بيرنار@27-37", "ref:Country:الفرنسي@19-26"},
			facts: []string{"جون بيرنار HOLDS_POSITION France"}},
	})
	// Each holds the office of their own title.
	d := readWith(t, "ar", "وقال سامي الخوري، مستشار الرئيس الفرنسي إيمانويل ماكرون، إن الحوار مستمر.", withSlots)
	for _, f := range d.rels {
		want := map[string]string{"إيمانويل ماكرون": "الرئيس", "سامي الخوري": "مستشار"}[f.s.final().name]
		if f.title != want {
			t.Errorf("%s holds %q, want %q", f.s.final().name, f.title, want)
		}
	}
}

// TestPostsInAPlace: a title followed by في and a city or body is held
// there (النائب العام في القاهرة، المسؤول في لجنة …), but an envoy's في
// says where they are posted, not whom they serve; an indefinite head, a
// verbal noun and a definite noun name a body (لجنة متابعة الاتفاق).
func TestPostsInAPlace(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a prosecutor in a city", lang: "ar", stages: withSlots,
			text:  "وقال النائب العام في القاهرة أحمد سليم إن التحقيق مستمر.",
			want:  []string{"City:القاهرة@21-28", "Person:أحمد سليم@29-38"},
			facts: []string{"أحمد سليم HOLDS_POSITION Cairo"}},
		{name: "an official in a committee named by what it does", lang: "ar", stages: withSlots,
			text:  "وقال المسؤول في لجنة متابعة الاتفاق أحمد سليم إن التحقيق مستمر.",
			want:  []string{"Organization:لجنة متابعة الاتفاق@16-35", "Person:أحمد سليم@36-45"},
			facts: []string{"أحمد سليم HOLDS_POSITION لجنة متابعة الاتفاق"}},
		{name: "an ambassador in a city serves his country", lang: "ar", stages: withSlots,
			text:    "وقال السفير الفرنسي في القاهرة أحمد سليم إن التحقيق مستمر.",
			want:    []string{"City:القاهرة@23-30", "Person:أحمد سليم@31-40", "ref:Country:الفرنسي@12-19"},
			notWant: []string{"HOLDS_POSITION Cairo"}},
		{name: "a construct body ends before the word after it", lang: "ar", stages: withSlots,
			text:  "ونقلت القناة عن لجنة متابعة الاتفاق قولها إن التحقيق مستمر.",
			want:  []string{"Organization:لجنة متابعة الاتفاق@16-35"},
			facts: []string{}},
	})
}

// TestSeatsOnBodies: "who is on / sits on" a body is a seat on it; a
// body's possessive before a body it owns (Labour's ruling NEC) makes the
// second part of the first, and the seat is on the second; a possessive
// before a trade (Acme's auditors Baker Tilly) names no part.
func TestSeatsOnBodies(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a seat on a party's ruling body", lang: "en",
			text:  "Anna Reid, who is on Labour's ruling NEC, backed the plan.",
			want:  []string{"Organization:Labour@21-27", "Organization:NEC@37-40", "Person:Anna Reid@0-9"},
			facts: []string{"Anna Reid MEMBER_OF NEC", "NEC PART_OF Labour Party"}},
		{name: "sits on a body", lang: "en",
			text:  "Tom Hale sits on the Unilever board and chairs Oxfam.",
			want:  []string{"City:Oxfam@47-52", "Organization:Unilever@21-29", "Person:Tom Hale@0-8"},
			facts: []string{"Tom Hale MEMBER_OF Unilever"}},
		{name: "a trade between a possessive and a body", lang: "en",
			text:    "The BBC's rival ITV said the World Bank's lawyers Allen and Overy were wrong.",
			want:    []string{"Organization:BBC@4-7", "Organization:ITV@16-19", "Organization:World Bank@29-39", "Person:Allen@50-55", "Person:Overy@60-65"},
			notWant: []string{"PART_OF"}},
		{name: "a bare is on is no seat", lang: "en",
			text:    "Anna Reid said the focus is on the NHS this year.",
			want:    []string{"Organization:NHS@35-38", "Person:Anna Reid@0-9"},
			notWant: []string{"MEMBER_OF"}},
	})
}

// TestRegionalArms: a company and a region before a title name the
// company's arm there (Toyota Asia chief …), part of the company; a region
// alone before a title is no body. Legislatures the lexicon knows head
// titles (Lords Leader).
func TestRegionalArms(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a company's arm in a region", lang: "en",
			text:  "Sales will rise, said Toyota Asia president Jan Berg on Monday.",
			want:  []string{"Location:Asia@29-33", "Organization:Toyota Asia@22-33", "Organization:Toyota@22-28", "Person:Jan Berg@44-52"},
			facts: []string{"Jan Berg HOLDS_POSITION Toyota Asia", "Toyota Asia PART_OF Toyota"}},
		{name: "a region alone before a title", lang: "en",
			text:    "Sales will rise, said the Europe correspondent Jan Berg on Monday.",
			want:    []string{"Location:Europe@26-32", "Person:Jan Berg@47-55"},
			notWant: []string{"PART_OF"}},
		{name: "a legislature before a title", lang: "en",
			text:  "The bill was backed by Lords Leader Baroness Hale on Monday.",
			want:  []string{"Organization:Lords@23-28", "Person:Baroness Hale@36-49"},
			facts: []string{"Hale HOLDS_POSITION House of Lords"}},
	})
}

// TestPersonAfterKnownBody: the tagger's one name over a party and a
// person (Liberal Democrat Paul Tyler) keeps the party and reads the rest
// as the person; what a body's possessive names (BBC's Westminster Hour),
// a body's head or a number after a body stays no person.
func TestPersonAfterKnownBody(t *testing.T) {
	d := readWith(t, "en", "Liberal Democrat Paul Tyler backed the plan.", nil)
	s := d.sents[0]
	// Only the gazetteer's party is taken, as when the tagger's names are read.
	s.covered = make([]*mention, len(s.words))
	for _, m := range s.mentions {
		if m.ent.final().typ == graph.TypeOrganization {
			for i := m.first; i <= m.last; i++ {
				s.covered[i] = m
			}
		}
	}
	cases := []struct {
		name   string
		span   ner.Span
		person string
	}{
		{"a party then a name, as one ORG", ner.Span{Start: 0, End: 4, Type: "ORG"}, "Paul Tyler"},
		{"a person span is left alone", ner.Span{Start: 2, End: 4, Type: "PER"}, ""},
		{"one word after the party is no full name", ner.Span{Start: 0, End: 3, Type: "ORG"}, ""},
	}
	for _, c := range cases {
		sp, ok := d.personAfterKnownBody(s, c.span)
		got := ""
		if ok {
			got = s.surface(sp.Start, sp.End-1)
		}
		if got != c.person {
			t.Errorf("%s: got %q, want %q", c.name, got, c.person)
		}
	}
	runSpanCases(t, []spanCase{
		{name: "a possessive body and a programme", lang: "en",
			text:    "Speaking to the BBC's Westminster Hour on Sunday, Ann Reid said no.",
			want:    []string{"Organization:BBC@16-19", "Person:Ann Reid@50-58"},
			notWant: []string{"Person:Westminster"}},
	})
}

// TestSpeechesAndChairs: in English a speech to or at an event is
// attendance, and becoming a body's chairman is chairing it; an address
// with no event after it attends nothing.
func TestSpeechesAndChairs(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "told a conference", lang: "en",
			text:  "Ann Reid told the annual conference in Leeds that taxes would fall.",
			want:  []string{"City:Leeds@39-44", "Event:annual conference@18-35", "Person:Ann Reid@0-8"},
			facts: []string{"Ann Reid ATTENDED annual conference", "annual conference HELD_IN Leeds"}},
		{name: "addressed a problem", lang: "en",
			text:    "Ann Reid addressed the problem of debt in Leeds on Monday.",
			want:    []string{"City:Leeds@42-47", "Person:Ann Reid@0-8"},
			notWant: []string{"ATTENDED"}},
		{name: "became chairman of a body", lang: "en",
			text:  "Last year Tom Hale became chairman of the World Bank.",
			want:  []string{"Organization:World Bank@42-52", "Person:Tom Hale@10-18"},
			facts: []string{"Tom Hale CHAIRS World Bank"}},
	})
}

// TestTravelToTakePart: whoever travels somewhere "to take part in" an
// event (للمشاركة في) attends it; a call to take part attends nothing.
func TestTravelToTakePart(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "arrived to take part", lang: "ar", stages: withFrames,
			text:  "ووصل وزير الخارجية المغربي ناصر بوريطة إلى القاهرة للمشاركة في الاجتماع الوزاري.",
			want:  []string{"City:القاهرة@43-50", "Event:الاجتماع الوزاري@63-79", "Person:ناصر بوريطة@27-38", "ref:Country:المغربي@19-26"},
			facts: []string{"ناصر بوريطة ATTENDED الاجتماع الوزاري", "ناصر بوريطة HOLDS_POSITION Morocco", "ناصر بوريطة VISITED Cairo"}},
		{name: "a call to take part", lang: "ar", stages: withFrames,
			text:    "ودعا الوزير الدول إلى المشاركة في الاجتماع الوزاري.",
			want:    []string{"Event:الاجتماع الوزاري@34-50"},
			notWant: []string{"ATTENDED"}},
		{name: "a word that is also a county's name", lang: "ar", stages: withFrames,
			text:    "وأصبح القانون ساري المفعول في المغرب.",
			want:    []string{"Country:المغرب@30-36"},
			notWant: []string{"Location"}},
	})
}

// TestParenthesisedNames: a foreign name in parentheses right after a
// bare Arabic head (شركة ( كاربو )) is the body's name; a nisba after the
// company says where the company is from, not its chief's post; a number
// in parentheses names nothing.
func TestParenthesisedNames(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a company in parentheses and its nisba", lang: "ar", stages: withSlots,
			text:    "وقال سامي الخوري، الرئيس التنفيذي لشركة ( كاربو ) الإيطالية، إن الأرباح ارتفعت.",
			want:    []string{"Organization:شركة ( كاربو )@35-49", "Person:سامي الخوري@5-16", "ref:Country:الإيطالية@50-59"},
			facts:   []string{"سامي الخوري HOLDS_POSITION شركة كاربو"},
			notWant: []string{"HOLDS_POSITION Italy"}},
		{name: "a year in parentheses", lang: "ar", stages: withSlots,
			text:    "وأعلنت شركة ( 2019 ) عن أرباحها.",
			want:    []string{},
			notWant: []string{"Organization"}},
	})
}

// TestConsulateAnaphorsAndDayDates: القنصلية/البرلمان point back at the
// consulate or parliament named before; "his country's consulate" (قنصلية
// بلاده) and a day's ordinal date (في الثاني من أكتوبر) are no part of a
// body's name, though الدولة is (رئاسة الدولة الجزائرية).
func TestConsulateAnaphorsAndDayDates(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "the consulate named before", lang: "ar", stages: withAnaphors,
			text: "ووقع الحادث في القنصلية الفرنسية في القاهرة. وخرج الموظفون من القنصلية مساء.",
			want: []string{"City:القاهرة@36-43", "Organization:القنصلية الفرنسية@15-32", "ref:Country:الفرنسية@24-32", "ref:Organization:القنصلية@62-70"}},
		{name: "his country's consulate on a day", lang: "ar", stages: withAnaphors,
			text:    "واختفى الصحافي منذ دخوله قنصلية بلاده في الثاني من أكتوبر.",
			want:    []string{},
			notWant: []string{"Organization"}},
		{name: "the state's presidency", lang: "ar", stages: withAnaphors,
			text: "ودعت رئاسة الدولة الجزائرية إلى الحوار.",
			want: []string{"Organization:رئاسة الدولة الجزائرية@5-27", "ref:Country:الجزائرية@18-27"}},
	})
	d := readWith(t, "ar", "ووقع الحادث في القنصلية الفرنسية في القاهرة. وخرج الموظفون من القنصلية مساء.", withAnaphors)
	for _, m := range d.sents[1].mentions {
		if m.anaphor && m.ent.final().name != "القنصلية الفرنسية" {
			t.Errorf("القنصلية is %q, want the French consulate", m.ent.final().name)
		}
	}
}

// TestRanksAndBodiesNamedBefore: a military rank between an office and the
// name (قائد القوات … اللواء X) is the same person's; a title after a name
// whose body is an anaphor (أمين عام الاتحاد) holds a post in the body
// named before, and in none when no such body was named.
func TestRanksAndBodiesNamedBefore(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "an office, a rank, a name", lang: "ar", stages: withSlots,
			text:  "وقال قائد القوات البحرية لمصر اللواء أحمد سليم إن التدريب انتهى.",
			want:  []string{"Country:مصر@26-29", "Organization:القوات البحرية لمصر@10-29", "Person:أحمد سليم@37-46"},
			facts: []string{"أحمد سليم HOLDS_POSITION Egypt", "أحمد سليم HOLDS_POSITION القوات البحرية لمصر"}},
		{name: "a title after a name, of the union named before", lang: "ar", stages: withSlots,
			text:  "وزار الوزير مقر الاتحاد العام للشغل. والتقى سامي الخوري أمين عام الاتحاد في المقر.",
			want:  []string{"Organization:الاتحاد العام للشغل@16-35", "Person:سامي الخوري@44-55"},
			facts: []string{"سامي الخوري HOLDS_POSITION الاتحاد العام للشغل"}},
		{name: "no union named before", lang: "ar", stages: withSlots,
			text:    "والتقى سامي الخوري أمين عام الاتحاد في المقر.",
			want:    []string{"Person:سامي الخوري@7-18"},
			notWant: []string{"HOLDS_POSITION"}},
	})
}

// TestFamilyNameKnownFromALongerName: a name the tagger ends on a given
// name keeps the family name after it even when that word is known only
// inside a longer lexicon name (جماعة الحوثي), but not a title after it.
func TestFamilyNameKnownFromALongerName(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a family name met in a group's name", lang: "ar",
			text:    "وكتب رئيس المجلس الأعلى محمد علي الحوثي في تغريدة أن الانسحاب سيتم.",
			want:    []string{"Organization:المجلس الأعلى@10-23", "Person:محمد علي الحوثي@24-39"},
			notWant: []string{"Person:محمد علي@"}},
		{name: "a title after the given name", lang: "ar",
			text:    "والتقى محمد علي الرئيس الفرنسي إيمانويل ماكرون.",
			want:    []string{"Person:إيمانويل ماكرون@31-46", "Person:محمد علي@7-15", "ref:Country:الفرنسي@23-30"},
			notWant: []string{"Person:محمد علي الرئيس"}},
	})
}

// TestRegionsNamedByCity: an Arabic region head and its city (جهة طنجة-
// تطوان، جهة الرباط الكبرى) name a region of its own, where its president
// holds office; جهة as "side" (من جهة أخرى) names nothing.
func TestRegionsNamedByCity(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "the president of a region with two cities", lang: "ar", stages: withSlots,
			text:  "وقال رئيس جهة طنجة- تطوان، السيد أحمد سليم، إن المشاريع انطلقت.",
			want:  []string{"City:تطوان@20-25", "City:طنجة@14-18", "Location:جهة طنجة- تطوان@10-25", "Person:السيد أحمد سليم@27-42"},
			facts: []string{"أحمد سليم HOLDS_POSITION جهة طنجة- تطوان"}},
		{name: "a greater region", lang: "ar", stages: withSlots,
			text: "ووقعت اتفاقيات لتنمية جهة الرباط الكبرى أمس.",
			want: []string{"City:الرباط@26-32", "Location:جهة الرباط الكبرى@22-39"}},
		{name: "on the other side", lang: "ar", stages: withSlots,
			text:    "ومن جهة أخرى، قالت الرباط إن الحوار مستمر.",
			want:    []string{"City:الرباط@19-25"},
			notWant: []string{"Location"}},
	})
}

// TestTitledTaggerNameInALink: a name the tagger read, after a title
// the title rules read around it, has the title in its phrase, so "talks
// with" right before the title reaches the name.
func TestTitledTaggerNameInALink(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "talks with a prosecutor in a city", lang: "ar",
			text:  "وأجرى الوزير سامي الخوري محادثات مع النائب العام في القاهرة أحمد جلال للمرة الثانية.",
			want:  []string{"City:القاهرة@52-59", "Person:أحمد جلال@60-69", "Person:سامي الخوري@13-24"},
			facts: []string{"أحمد جلال HOLDS_POSITION Cairo", "سامي الخوري MET_WITH أحمد جلال"}},
	})
}

// TestFirstTimeEndsAName: "أول مرة" (the first time) after a head is when,
// not part of a name, and leaves the head an anaphor; a definite ordinal
// (المؤتمر الأول) still names.
func TestFirstTimeEndsAName(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "visited the embassy for the first time", lang: "ar", stages: withFrames,
			text: "وافتتحت السفارة الفرنسية في القاهرة. وزار الوزير السفارة أول مرة منذ سنوات.",
			want: []string{"City:القاهرة@28-35", "Organization:السفارة الفرنسية@8-24", "ref:Country:الفرنسية@16-24", "ref:Organization:السفارة@49-56"}},
		{name: "a definite ordinal names the event", lang: "ar", stages: withFrames,
			text:  "وانطلق المؤتمر الأول في الرباط مرة أخرى.",
			want:  []string{"City:الرباط@24-30", "Event:المؤتمر الأول@7-20"},
			facts: []string{"المؤتمر الأول HELD_IN Rabat"}},
	})
}

// TestRegionsAndOutletsFromTheLexicon: a governorate named by its city
// alone is the city; news outlets the lexicon knows are bodies (صحيفة
// واشنطن بوست), though العربية and الشرق الأوسط alone are an adjective and
// a region.
func TestRegionsAndOutletsFromTheLexicon(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a governorate by its city alone", lang: "ar", stages: withSlots,
			text: "وسقطت قذائف في محافظة الإسكندرية أمس.",
			want: []string{"City:الإسكندرية@22-32"}},
		{name: "a newspaper and a region", lang: "ar", stages: withSlots,
			text: "ونشرت صحيفة واشنطن بوست مقالا عن الشرق الأوسط باللغة العربية.",
			want: []string{"City:واشنطن@12-18", "Location:الشرق الأوسط@33-45", "Organization:صحيفة واشنطن بوست@6-23"}},
	})
}

// TestConstructBodyNames: a council's or directorate's head and one
// definite noun name a body (مجلس الحكومة), a movement's or a centre's do
// not (حركة المرور); what a committee oversees (للإشراف على الانتخابات)
// belongs to its name.
func TestConstructBodyNames(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a council named by one noun", lang: "ar", stages: withSlots,
			text: "وصادق مجلس الحكومة أمس على المشروع.",
			want: []string{"Organization:مجلس الحكومة@6-18"}},
		{name: "traffic is no body", lang: "ar", stages: withSlots,
			text:    "وتوقفت حركة المرور أمس في المدينة.",
			want:    []string{},
			notWant: []string{"Organization"}},
		{name: "what a committee oversees", lang: "ar", stages: withSlots,
			text:  "وقال رئيس اللجنة الوطنية للإشراف على الانتخابات سامي الخوري إن النتائج جاهزة.",
			want:  []string{"Organization:اللجنة الوطنية للإشراف على الانتخابات@10-47", "Person:سامي الخوري@48-59"},
			facts: []string{"سامي الخوري HOLDS_POSITION اللجنة الوطنية للإشراف على الانتخابات"}},
	})
}

// TestListedBodies: foreign names in parentheses after a feminine country
// nisba, and after "و" that follows one, are bodies (شركات كالإيطالية (
// بيريلو ) واليابانية ( ناكامورا سيكي )); a parenthesised word after a
// masculine nisba or a plain word is none.
func TestListedBodies(t *testing.T) {
	withListed := &Language{Recognizers: []Recognizer{Gazetteer{}, HeadPhrases{}, TitledPeople{}, Sites{}, ListedBodies{}}}
	runSpanCases(t, []spanCase{
		{name: "companies listed by nationality", lang: "ar", stages: withListed,
			text: "وتعمل هناك شركات كالإيطالية ( بيريلو ) واليابانية ( ناكامورا سيكي ) و ( توربو لاين ) منذ سنوات.",
			want: []string{"Organization:بيريلو@30-36", "Organization:توربو لاين@72-82", "Organization:ناكامورا سيكي@52-65", "ref:Country:الإيطالية@18-27", "ref:Country:اليابانية@40-49"}},
		{name: "a parenthesised word after a plain word", lang: "ar", stages: withListed,
			text:    "وقال المسؤول ( بيريلو ) إن العمل مستمر.",
			want:    []string{},
			notWant: []string{"Organization"}},
	})
}

// TestConjoinedBodies: "and the <body head>" after a body's name starts a
// second body (القوات المسلحة والاستخبارات العسكرية); "and" before a plain
// noun stays inside the name (وزارة الاقتصاد والمالية).
func TestConjoinedBodies(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "two bodies joined by and", lang: "ar", stages: phrasesOnly,
			text: "وأعلنت القوات المسلحة والاستخبارات العسكرية المصرية الحداد.",
			want: []string{"Organization:الاستخبارات العسكرية المصرية@23-51", "Organization:القوات المسلحة@7-21", "ref:Country:المصرية@44-51"}},
		{name: "and inside a ministry's name", lang: "ar", stages: phrasesOnly,
			text: "وأعلنت وزارة الاقتصاد والمالية عن الميزانية.",
			want: []string{"Organization:وزارة الاقتصاد والمالية@7-30"}},
	})
}

// TestLeadersAndPurposeBodies: a body's name goes on after its adjective
// with what it is for (الاتحاد العالمي لعلماء الفلك); a title set off
// after a name and followed by "، و" is that name's, not the next one's;
// guides and founders lead movements named by an anaphor (مؤسس الحركة).
func TestLeadersAndPurposeBodies(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "purpose after an adjective", lang: "ar",
			text:  "وقال سعيد الناصري، رئيس الاتحاد العالمي لعلماء الفلك، إن المؤتمر ناجح.",
			want:  []string{"Organization:الاتحاد العالمي لعلماء الفلك@24-52", "Person:سعيد الناصري@5-17"},
			facts: []string{"سعيد الناصري HOLDS_POSITION الاتحاد العالمي لعلماء الفلك"}},
		{name: "purpose after a former title", lang: "ar",
			text:  "واستقبل الوزير كريم العلوي، الرئيس السابق للمجلس الوطني لحقوق الإنسان.",
			want:  []string{"Organization:للمجلس الوطني لحقوق الإنسان@42-69", "Person:كريم العلوي@15-26"},
			facts: []string{"كريم العلوي HOLDS_POSITION المجلس الوطني لحقوق الإنسان"}},
		{name: "a term is no purpose", lang: "ar",
			text:    "وانتخب المجلس الوطني لولاية ثانية رئيسا جديدا.",
			want:    []string{"Organization:المجلس الوطني@7-20"},
			notWant: []string{"لولاية"}},
		{name: "title before and of a list", lang: "ar",
			text:    "وحضر علي المنصوري، زعيم تنظيم القاعدة السابق، ويوسف الكتاني، الرئيس السابق للاتحاد الدولي للصحفيين.",
			want:    []string{"Organization:تنظيم القاعدة@24-37", "Organization:للاتحاد الدولي للصحفيين@75-98", "Person:علي المنصوري@5-17", "Person:يوسف الكتاني@47-59"},
			facts:   []string{"علي المنصوري HOLDS_POSITION al-Qaeda", "يوسف الكتاني HOLDS_POSITION الاتحاد الدولي للصحفيين"},
			notWant: []string{"يوسف الكتاني HOLDS_POSITION al-Qaeda"}},
		{name: "supreme guide", lang: "ar",
			text:  "وتحدث رشيد البقالي، المرشد الأعلى لجماعة الإخوان المسلمين، عن الوضع.",
			want:  []string{"Organization:جماعة الإخوان المسلمين@35-57", "Person:رشيد البقالي@6-18"},
			facts: []string{"رشيد البقالي HOLDS_POSITION Muslim Brotherhood"}},
		{name: "a tour guide is no office", lang: "ar",
			text:    "وقال مرشد الرحلة إن الطريق مغلق.",
			want:    []string{},
			notWant: []string{"HOLDS_POSITION"}},
		{name: "founder of the movement named before", lang: "ar",
			text:  "وضمت القائمة قيادات من حركة حماس، كسامي الخطيب ومؤسس الحركة كمال الدباغ.",
			want:  []string{"Organization:حركة حماس@23-32", "Person:سامي الخطيب@35-46", "Person:كمال الدباغ@60-71"},
			facts: []string{"سامي الخطيب MEMBER_OF Hamas", "كمال الدباغ HOLDS_POSITION Hamas"}},
	})
}

// TestEnglishPluralPossessivesAndGivenNames: a plural's apostrophe is a
// possessive (the United Nations' envoy), not a quote; a one-word place
// that starts a longer tagged name is a given name (Dominique Perben);
// frontbenchers and backbenchers sit for their party.
func TestEnglishPluralPossessivesAndGivenNames(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "plural possessive before a title", lang: "en",
			text:  "The United Nations' refugee coordinator, Anna Berg, said camps were full.",
			want:  []string{"Organization:United Nations@4-18", "Person:Anna Berg@41-50"},
			facts: []string{"Anna Berg HOLDS_POSITION United Nations"}},
		{name: "a quoted word ending in s", lang: "en",
			text:    "He called the plan 'the Brussels' and left.",
			want:    []string{"City:Brussels@24-32"},
			notWant: []string{"HOLDS_POSITION"}},
		{name: "a place as a given name", lang: "en",
			text:    "Agriculture minister Dominique Perben announced the package.",
			want:    []string{"Person:Dominique Perben@21-37"},
			notWant: []string{"Dominica"}},
		{name: "a place before a place stays", lang: "en",
			text:  "Talks between Iraq Iran and Syria resumed.",
			want:  []string{"Country:Iran@19-23", "Country:Iraq@14-18", "Country:Syria@28-33", "Event:Talks@0-5"},
			facts: []string{}},
		{name: "a party frontbencher", lang: "en",
			text:  "Tory frontbencher David Ellis is pursuing the bill.",
			want:  []string{"Organization:Tory@0-4", "Person:David Ellis@18-29"},
			facts: []string{"David Ellis HOLDS_POSITION Conservative Party"}},
	})
}

// TestArabicNameEdges: a proclitic before a listed given name that opens a
// tagged name is cut off (لمبارك الدريوش), not so a given name that starts
// with one (لحسن) or a family name (لشكر); "for the" (لل…) starts no
// foreign name; a participle of speech (مضيفا) ends the speaker's name.
func TestArabicNameEdges(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "proclitic before a given name", lang: "ar",
			text:    "وأصيب الحارس الشخصي لمبارك الدريوش خلال تجمع بمدينة وهران.",
			want:    []string{"City:وهران@52-57", "Person:مبارك الدريوش@21-34"},
			notWant: []string{"لمبارك"}},
		{name: "a given name with lam", lang: "ar",
			text:    "وقال لحسن الداودي إن الحكومة مستمرة.",
			want:    []string{"Person:لحسن الداودي@5-17"},
			notWant: []string{"Person:حسن"}},
		{name: "a family name with lam", lang: "ar",
			text:    "وانتقد إدريس لشكر الحكومة.",
			want:    []string{"Person:إدريس لشكر@7-17"},
			notWant: []string{"إدريس شكر"}},
		{name: "for the is no name", lang: "ar",
			text:    "وقال مدير فرع المخابرات المضادة للجاسوسية كريم الحسني إن الملف مغلق.",
			want:    []string{"Person:كريم الحسني@42-53"},
			notWant: []string{"للجاسوسية كريم"}},
		{name: "participle after the speaker", lang: "ar",
			text:    "وقال سمير مضيفا أن الوضع صعب.",
			want:    []string{"Person:سمير@5-9"},
			notWant: []string{"مضيفا"}},
	})
}

// TestTripsAbroad: a trip, a journey for treatment or a holiday abroad is a
// visit (سافر في رحلة علاجية إلى، عاد من عطلته في، travelled to); thanks
// sent to a body (توجه بالشكر إلى) and a delegation's trip are none.
func TestTripsAbroad(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "journey for treatment", lang: "ar",
			text:  "وسافر الرئيس كمال الزين في رحلة علاجية إلى ألمانيا.",
			want:  []string{"Country:ألمانيا@43-50", "Person:كمال الزين@13-23"},
			facts: []string{"كمال الزين VISITED Germany"}},
		{name: "back from a holiday", lang: "ar",
			text:  "وعاد الأمير سعيد الحمدي من عطلته في ماليزيا أمس.",
			want:  []string{"Country:ماليزيا@36-43", "Person:سعيد الحمدي@12-23"},
			facts: []string{"سعيد الحمدي VISITED Malaysia"}},
		{name: "a private visit", lang: "ar",
			text:  "وقام الوزير خالد الساعدي بزيارة خاصة إلى باريس.",
			want:  []string{"City:باريس@41-46", "Person:خالد الساعدي@12-24"},
			facts: []string{"خالد الساعدي VISITED Paris"}},
		{name: "thanks are no trip", lang: "ar",
			text:    "وتوجه سمير الهاشمي بالشكر إلى الحكومة الفرنسية.",
			want:    []string{"Organization:الحكومة الفرنسية@30-46", "Person:سمير الهاشمي@6-18", "ref:Country:الفرنسية@38-46"},
			notWant: []string{"VISITED"}},
		{name: "travelled to", lang: "en",
			text:  "Mr Dale travelled to Madrid last week.",
			want:  []string{"City:Madrid@21-27", "Person:Mr Dale@0-7"},
			facts: []string{"Dale VISITED Madrid"}},
	})
}

// TestAccusativeEndsAName: a word in the accusative (tanween alif) that the
// tagger reads as no name ends a person's name (مولاي رشيد متزوجا); a
// family name the tagger reads as a name stays (باراك أوباما).
func TestAccusativeEndsAName(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a participle after a name", lang: "ar",
			text:    "وكان الأمير مولاي رشيد متزوجا من شابة.",
			want:    []string{"Person:مولاي رشيد@12-22"},
			notWant: []string{"متزوجا"}},
		{name: "a family name in alif", lang: "ar",
			text: "وقالت ماريا روسا إن الوضع صعب.",
			want: []string{"Person:ماريا روسا@6-16"}},
	})
}

// TestCompaniesAndFieldsOfPosts: a name that an appositive or a company
// noun before it calls a business is an organisation (Korvex, the world's
// second biggest reinsurance firm; leisure group Halberd), not a name whose
// appositive is a post in some firm; up to two words of a post's field
// stand between a body and its title (UN emergency relief coordinator, EU
// Humanitarian Aid Commissioner), not a capitalised run that is itself the
// body (Stop Portwick Expansion chairman).
func TestCompaniesAndFieldsOfPosts(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "appositive business", lang: "en",
			text:    "Korvex, the world's second biggest reinsurance firm, said losses were small.",
			want:    []string{"Organization:Korvex@0-6"},
			notWant: []string{"City:", "Location:", "Person:"}},
		{name: "appositive with a country acronym", lang: "en",
			text: "Dunmore, the largest US retailer, has said its sales rose.",
			want: []string{"Country:US@21-23", "Organization:Dunmore@0-7"}},
		{name: "a company noun before", lang: "en",
			text: "Leisure group Halberd could unveil plans to sell its film unit.",
			want: []string{"Organization:Halberd@14-21"}},
		{name: "a post in a firm", lang: "en",
			text:    "Sales at Korvex rose, said Peter Hansen, the chief executive of the firm.",
			want:    []string{"Organization:Korvex@9-15", "Person:Peter Hansen@27-39"},
			notWant: []string{"Organization:Peter Hansen"}},
		{name: "two field words", lang: "en",
			text:  "The United Nations' emergency relief coordinator, Jan Egeland, said that this was bad.",
			want:  []string{"Organization:United Nations@4-18", "Person:Jan Egeland@50-61"},
			facts: []string{"Jan Egeland HOLDS_POSITION United Nations"}},
		{name: "capitalised field words", lang: "en",
			text:  "The EU's Humanitarian Aid Commissioner, Louis Michel, was quoted as saying that it was key.",
			want:  []string{"Organization:EU@4-6", "Person:Louis Michel@40-52"},
			facts: []string{"Louis Michel HOLDS_POSITION European Union"}},
		{name: "a run that is the body", lang: "en",
			text:    "\"It is a victory,\" said Stop Paris Expansion chairman Peter Dale.",
			want:    []string{"City:Paris@29-34", "Person:Peter Dale@54-64"},
			notWant: []string{"Peter Dale HOLDS_POSITION Paris"}},
	})
}

// TestListedMembers: the people listed after "leaders of a body" belong to
// it (قيادات من حركة فتح، كسامي الخطيب ونبيل العمري والشهيد كمال الدباغ;
// leaders of the Labour Party such as A and B); a name in the next clause
// is no item of the list.
func TestListedMembers(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "leaders of a movement, like", lang: "ar",
			text:  "وضمت القائمة قيادات من حركة فتح، كسامي الخطيب ونبيل العمري والشهيد كمال الدباغ.",
			want:  []string{"Organization:حركة فتح@23-31", "Person:سامي الخطيب@34-45", "Person:كمال الدباغ@67-78", "Person:نبيل العمري@47-58"},
			facts: []string{"سامي الخطيب MEMBER_OF حركة فتح", "كمال الدباغ MEMBER_OF حركة فتح", "نبيل العمري MEMBER_OF حركة فتح"}},
		{name: "a name in the next clause", lang: "ar",
			text:    "وضمت القائمة قيادات من حركة فتح، وأعلن سامي الخطيب أنه سيرد.",
			want:    []string{"Organization:حركة فتح@23-31", "Person:سامي الخطيب@39-50"},
			notWant: []string{"MEMBER_OF"}},
		{name: "leaders such as", lang: "en",
			text:  "Leaders of the Labour Party such as John Smith and Mary Jones attended.",
			want:  []string{"Organization:the Labour Party@11-27", "Person:John Smith@36-46", "Person:Mary Jones@51-61"},
			facts: []string{"John Smith MEMBER_OF Labour Party", "Mary Jones MEMBER_OF Labour Party"}},
	})
}

// TestTaggedNamesReadWhole: a capitalised word the tagger leaves out right
// before its name (Former | Northfield Police) and a later word of the
// tagger's organisation (Northfield | Police) are no names of their own
// for the gazetteer stage: the tagger's name is read whole.
func TestTaggedNamesReadWhole(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a force before its commissioner", lang: "en",
			text:  "Former Metropolitan Police Commissioner Sir Ian Blair backed the plan.",
			want:  []string{"Organization:Metropolitan Police@7-26", "Person:Sir Ian Blair@40-53"},
			facts: []string{"Ian Blair HOLDS_POSITION Metropolitan Police"}},
		{name: "a sentence-initial adjective", lang: "en",
			text:    "Former Strathclyde Police chief Ian Dunn backed the plan.",
			want:    []string{"Organization:Strathclyde Police@7-25", "Person:Ian Dunn@32-40"},
			notWant: []string{"Former Strathclyde"}},
		{name: "a lexicon name keeps its words", lang: "en",
			text:  "The European Union said the talks would resume.",
			want:  []string{"Organization:European Union@4-18"},
			facts: []string{}},
	})
}

// TestOwnership: a body a company owns, acquires or takes over is part of
// it (Korvex acquired Tidewater Bank; took over the Pellman chain, where
// the company noun after the name says it is a business); what a person
// owns is no part of anything.
func TestOwnership(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "acquired", lang: "en",
			text:  "Last year Korvex acquired Tidewater Bank for $2bn.",
			want:  []string{"Organization:Korvex@10-16", "Organization:Tidewater Bank@26-40"},
			facts: []string{"Tidewater Bank PART_OF Korvex"}},
		{name: "took over a chain", lang: "en",
			text:  "The Arden Group took over the Pellman chain.",
			want:  []string{"Organization:Arden Group@4-15", "Organization:Pellman@30-37"},
			facts: []string{"Pellman PART_OF Arden Group"}},
		{name: "a person owns a house", lang: "en",
			text:    "John Smith owns a house in Leeds.",
			want:    []string{"City:Leeds@27-32", "Person:John Smith@0-10"},
			notWant: []string{"PART_OF"}},
	})
}

// checkFound reports each wanted line missing from all and each unwanted
// one present in it.
func checkFound(t *testing.T, name, all string, want, notWant []string) {
	t.Helper()
	for _, f := range want {
		if !strings.Contains(all, f) {
			t.Errorf("%s: missing %q in\n%s", name, f, all)
		}
	}
	for _, f := range notWant {
		if strings.Contains(all, f) {
			t.Errorf("%s: unwanted %q in\n%s", name, f, all)
		}
	}
}

// TestCitiesSingledOut: cities a focus word singles out right after a
// country lie in it.
func TestCitiesSingledOut(t *testing.T) {
	cases := []struct {
		name, lang, text string
		want, notWant    []string
	}{
		{name: "arabic list after namely-to", lang: "ar",
			text: "وانتقل العمال إلى إيطاليا، وتحديدا إلى روما وميلانو.",
			want: []string{"Rome LOCATED_IN Italy", "Milan LOCATED_IN Italy"}},
		{name: "arabic especially-in with a comma list", lang: "ar",
			text: "وانتشرت الإضرابات في ألمانيا وخصوصا في برلين، وميونخ.",
			want: []string{"Berlin LOCATED_IN Germany", "Munich LOCATED_IN Germany"}},
		{name: "english notably", lang: "en",
			text: "The chain opened stores in Spain, notably in Madrid and Seville.",
			want: []string{"Madrid LOCATED_IN Spain", "Seville LOCATED_IN Spain"}},
		{name: "a city of another country is not singled out of this one", lang: "ar",
			text:    "وتوسعت الشركة في إيطاليا، وخصوصا في مدريد.",
			notWant: []string{"Madrid LOCATED_IN"}},
		{name: "no focus word, a journey on", lang: "ar",
			text:    "وزار الوزير إيطاليا ثم توجه إلى برلين.",
			notWant: []string{"Berlin LOCATED_IN"}},
		{name: "english list without a focus word", lang: "en",
			text:    "He flew to Spain and then to Berlin.",
			notWant: []string{"Berlin LOCATED_IN"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := readWith(t, c.lang, c.text, withFrames)
			checkFound(t, c.name, strings.Join(factsOf(d), "\n"), c.want, c.notWant)
		})
	}
}

// TestFormerTitle: "former" after a title's complement closes the title,
// and a name the tagger reads after it holds it (given names the lexicon
// does not know included).
func TestFormerTitle(t *testing.T) {
	cases := []struct {
		name, text    string
		want, notWant []string
	}{
		{name: "former head of government, then a list",
			text:    "وحضر رئيس الحكومة الإسباني السابق ماريانو راخوي، والمغني كاظم الساهر.",
			want:    []string{"ماريانو راخوي HOLDS_POSITION Spain"},
			notWant: []string{"الساهر HOLDS_POSITION", "والمغني"}},
		{name: "earlier-former before the name and a verb",
			text: "وانتقد وزير الخارجية الفرنسي الأسبق دومينيك دوفيلبان القرار.",
			want: []string{"دومينيك دوفيلبان HOLDS_POSITION France"}},
		{name: "a known given name still works",
			text: "وقال رئيس الوزراء الإيطالي السابق ماتيو رينزي إن الوضع صعب.",
			want: []string{"ماتيو رينزي HOLDS_POSITION Italy"}},
		{name: "no name after former",
			text:    "وانتقد وزير الخارجية الفرنسي السابق القرار بشدة.",
			notWant: []string{"HOLDS_POSITION"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := readWith(t, "ar", c.text, nil)
			checkFound(t, c.name, strings.Join(factsOf(d), "\n"), c.want, c.notWant)
		})
	}
}

// TestOfficeHeadsBody: a head that names events and bodies (منتدى، مؤتمر)
// right after the title of an office that heads a body names a body.
func TestOfficeHeadsBody(t *testing.T) {
	cases := []struct {
		name, text    string
		want, notWant []string
	}{
		{name: "president of a forum",
			text:    "وقال رئيس منتدى رؤساء المقاولات كريم الفاسي إن السوق تتحسن.",
			want:    []string{"كريم الفاسي HOLDS_POSITION منتدى رؤساء المقاولات"},
			notWant: []string{"Event:"}},
		{name: "secretary-general of a congress",
			text: "وأكد الأمين العام لمؤتمر النقابات المغربية سعيد العلمي دعمه للإضراب.",
			want: []string{"سعيد العلمي HOLDS_POSITION مؤتمر النقابات المغربية"}},
		{name: "a forum without an office stays an event",
			text: "وانطلق منتدى الشباب العربي في الرباط يوم الاثنين.",
			want: []string{"Event:منتدى الشباب العربي", "منتدى الشباب العربي HELD_IN Rabat"}},
		{name: "a minister at a forum does not head it",
			text:    "وشارك وزير المالية في منتدى الشباب العربي بالرباط.",
			notWant: []string{"Organization:منتدى"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := readWith(t, "ar", c.text, nil)
			checkFound(t, c.name, strings.Join(append(spansOf(d), factsOf(d)...), "\n"), c.want, c.notWant)
		})
	}
}

// TestYaNameAndKnownAs: a given name that folds like a function word (علي,
// على) is the name where the article spells the two apart, and "known
// as" after a name ends it.
func TestYaNameAndKnownAs(t *testing.T) {
	cases := []struct {
		name, text    string
		want, notWant []string
	}{
		{name: "ya-spelled name after a title, maqsura preposition elsewhere",
			text:    "وقال رئيس جمعية حماية المستهلك علي بنسعيد المعروف بصرامته إن الأسعار مرتفعة. وحصلت الجمعية على الدعم.",
			want:    []string{"Person:علي بنسعيد", "علي بنسعيد HOLDS_POSITION جمعية حماية المستهلك"},
			notWant: []string{"المعروف HOLDS_POSITION", "Person:على"}},
		{name: "the preposition itself is no name",
			text:    "وحصل الفريق على دعم الوزير علي بنسعيد. وعلي الرغم من ذلك تأخر.",
			notWant: []string{"Person:على"}},
		{name: "one spelling for both: a stopword",
			text:    "وحصل الفريق علي دعم كبير من الجمهور.",
			notWant: []string{"Person:"}},
		{name: "known-as ends a name with a given name",
			text:    "واستقبل الوزير كريم العلوي الملقب بالأستاذ وفدا من الرباط.",
			want:    []string{"Person:كريم العلوي@"},
			notWant: []string{"الملقب"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := readWith(t, "ar", c.text, nil)
			checkFound(t, c.name, strings.Join(append(spansOf(d), factsOf(d)...), "\n"), c.want, c.notWant)
		})
	}
}

// TestHamzaModifiers: a name modifier written with its hamza in
// name_modifiers.tsv (رئاسية، طارئة) matches the folded word.
func TestHamzaModifiers(t *testing.T) {
	cases := []struct {
		name, text    string
		want, notWant []string
	}{
		{name: "presidential elections",
			text: "وجرت الانتخابات الرئاسية في تونس يوم الأحد.",
			want: []string{"Event:الانتخابات الرئاسية", "HELD_IN Tunisia"}},
		{name: "an emergency summit",
			text: "وانعقدت القمة الطارئة في عمان.",
			want: []string{"Event:القمة الطارئة"}},
		{name: "a judicial council",
			text: "وقرر المجلس القضائي تأجيل الجلسة.",
			want: []string{"Organization:المجلس القضائي"}},
		{name: "a bare head is no name",
			text:    "وتحدث الوزير عن الانتخابات بإسهاب.",
			notWant: []string{"Event:"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := readWith(t, "ar", c.text, nil)
			checkFound(t, c.name, strings.Join(append(spansOf(d), factsOf(d)...), "\n"), c.want, c.notWant)
		})
	}
}

// TestDatedEventAndCalledBy: a bare event head and the date it is set for
// name the event; "which X called" (التي دعا إليها X) says who convened it.
func TestDatedEventAndCalledBy(t *testing.T) {
	cases := []struct {
		name, text    string
		want, notWant []string
	}{
		{name: "ordinal day of a month, then who called it",
			text: "ورفضت النقابات انتخابات العاشر من مارس، التي دعا إليها رئيس الحكومة المؤقت سالم الهاشمي.",
			want: []string{"Event:انتخابات العاشر من مارس", "انتخابات العاشر من مارس CONVENED_BY سالم الهاشمي"}},
		{name: "a day number, a month and a year",
			text: "وتستعد الأحزاب لاستفتاء 25 يوليو 2022 في البلاد.",
			want: []string{"Event:استفتاء 25 يوليو 2022"}},
		{name: "an adjective-named event called by a president",
			text: "وقاطعت المعارضة الانتخابات التشريعية التي دعت إليها الرئيسة ليلى المنصوري.",
			want: []string{"الانتخابات التشريعية CONVENED_BY ليلى المنصوري"}},
		{name: "called for, not convened",
			text:    "ودعا الرئيس سالم الهاشمي إلى الحوار بعد الانتخابات الرئاسية.",
			notWant: []string{"CONVENED_BY"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := readWith(t, "ar", c.text, nil)
			checkFound(t, c.name, strings.Join(append(spansOf(d), factsOf(d)...), "\n"), c.want, c.notWant)
		})
	}
}

// TestCityThenCountryName: after "city" (مدينة) a country's name right
// after the city's is where it lies (السعودية reads as the city's adjective).
func TestCityThenCountryName(t *testing.T) {
	cases := []struct {
		name, text    string
		want, notWant []string
	}{
		{name: "city, then the country's name as its adjective",
			text: "واحتضنت مدينة الطائف السعودية المهرجان.",
			want: []string{"Taif LOCATED_IN Saudi Arabia"}},
		{name: "a new gazetteer city",
			text: "ووصل الفريق إلى مدينة تولوز الفرنسية.",
			want: []string{"Toulouse LOCATED_IN France"}},
		{name: "no city word: a city and the country after it stay apart",
			text:    "وغادر الوفد الرياض السعودية متوجها إلى القاهرة.",
			notWant: []string{"Cairo LOCATED_IN"}},
		{name: "a preposition on the country: a journey on",
			text:    "وانتقل الفريق من مدينة تبوك إلى مصر.",
			notWant: []string{"Tabuk LOCATED_IN Egypt"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := readWith(t, "ar", c.text, nil)
			checkFound(t, c.name, strings.Join(factsOf(d), "\n"), c.want, c.notWant)
		})
	}
}

// TestOrgHeadInTitle: an English organisation head right before a title
// (Group Economist) is part of the title, not a body.
func TestOrgHeadInTitle(t *testing.T) {
	cases := []struct {
		name, text    string
		want, notWant []string
	}{
		{name: "group economist at a bank",
			text:    "Mark Ellis, Group Economist at Lloyds, said rates would fall.",
			want:    []string{"Mark Ellis HOLDS_POSITION Lloyds"},
			notWant: []string{"Organization:Group"}},
		{name: "group director of a firm",
			text:    "Anna Price, Group Director at Tesco, left in May.",
			notWant: []string{"Organization:Group", "HOLDS_POSITION Group"}},
		{name: "a named group is still a body",
			text: "The Africa Focus Group met in London.",
			want: []string{"Organization:Africa Focus Group"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := readWith(t, "en", c.text, nil)
			checkFound(t, c.name, strings.Join(append(spansOf(d), factsOf(d)...), "\n"), c.want, c.notWant)
		})
	}
}

// TestBasedIn: a place joined to "-based" before a company noun is where
// the company is.
func TestBasedIn(t *testing.T) {
	cases := []struct {
		name, text    string
		want, notWant []string
	}{
		{name: "the company named before",
			text: "Shares in Nortel fell on Monday. In its results, the Canada-based company cut jobs.",
			want: []string{"Nortel LOCATED_IN Canada"}},
		{name: "an appositive",
			text: "Brevis, the Tokyo-based retailer, opened new stores.",
			want: []string{"Brevis LOCATED_IN Tokyo"}},
		{name: "the name after the noun",
			text: "The Madrid-based bank Banco Lucero raised its forecast.",
			want: []string{"Banco Lucero LOCATED_IN Madrid"}},
		{name: "no company noun after it",
			text:    "Nortel said the Canada-based research would continue.",
			notWant: []string{"LOCATED_IN"}},
		{name: "not a place",
			text:    "Nortel, the web-based company, cut jobs.",
			notWant: []string{"LOCATED_IN"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := readWith(t, "en", c.text, nil)
			checkFound(t, c.name, strings.Join(factsOf(d), "\n"), c.want, c.notWant)
		})
	}
}

// TestTitleWordInTaggedName: a one-word title inside a name the tagger
// reads whole, after a name word, is part of the name.
func TestTitleWordInTaggedName(t *testing.T) {
	cases := []struct {
		name, text    string
		want, notWant []string
	}{
		{name: "a title word between given and family name",
			text: "وقال وزير الدفاع الباكستاني اللواء محمد أمير خان إن الوضع مستقر.",
			want: []string{"محمد أمير خان HOLDS_POSITION Pakistan"}},
		{name: "a title word last in the tagger's name",
			text: "وقال الوزير محمد أمير إن الوضع مستقر.",
			want: []string{"Person:محمد أمير@"}},
		{name: "a title after a name set off by a comma is still a title",
			text:    "واستقبل الملك وفدا برئاسة محمد بنعلي، أمير منطقة الرياض.",
			notWant: []string{"Person:محمد بنعلي أمير"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := readWith(t, "ar", c.text, nil)
			checkFound(t, c.name, strings.Join(append(spansOf(d), factsOf(d)...), "\n"), c.want, c.notWant)
		})
	}
}

// TestServiceHeads: a service (جهاز) or department (دائرة) named by its
// adjectives is a body, and the head of it holds a post in it.
func TestServiceHeads(t *testing.T) {
	cases := []struct {
		name, text    string
		want, notWant []string
	}{
		{name: "head of an intelligence service",
			text: "وقال رئيس جهاز المخابرات العامة الفلسطينية ماجد فرج إن الوضع مستقر.",
			want: []string{"ماجد فرج HOLDS_POSITION جهاز المخابرات العامة الفلسطينية", "ماجد فرج HOLDS_POSITION Palestine"}},
		{name: "director of a security department",
			text: "وقال مدير دائرة الأمن العام الأردني حسين الحواتمة إن الوضع مستقر.",
			want: []string{"حسين الحواتمة HOLDS_POSITION دائرة الأمن العام الأردني"}},
		{name: "a device is no body",
			text:    "واشترى الطالب جهاز الكمبيوتر من السوق.",
			notWant: []string{"Organization:"}},
		{name: "a bodily system is no body",
			text:    "وأصيب الجهاز العصبي بأضرار.",
			notWant: []string{"Organization:"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := readWith(t, "ar", c.text, nil)
			checkFound(t, c.name, strings.Join(append(spansOf(d), factsOf(d)...), "\n"), c.want, c.notWant)
		})
	}
}

// TestProtestsInCities: a protest named by where it is held, in each city
// of the list after في.
func TestProtestsInCities(t *testing.T) {
	cases := []struct {
		name, text    string
		want, notWant []string
	}{
		{name: "demonstrations in three cities",
			text: "وخرجت مظاهرات غاضبة في مدريد وبرشلونة وإشبيلية ضد قانون العمل الجديد.",
			want: []string{"HELD_IN Madrid", "HELD_IN Barcelona", "HELD_IN Seville"}},
		{name: "marches in a comma list",
			text: "ونظمت النقابات مسيرات حاشدة في الرباط، وفاس، ومراكش.",
			want: []string{"HELD_IN Rabat", "HELD_IN Fez", "HELD_IN Marrakesh"}},
		{name: "a city after another verb is not where the protest is",
			text:    "وخرجت مظاهرات غاضبة في مدريد ثم سافر الوزير إلى برشلونة.",
			want:    []string{"HELD_IN Madrid"},
			notWant: []string{"HELD_IN Barcelona"}},
		{name: "a protest with no place is no name",
			text:    "وقالت الشرطة إن المظاهرات كانت سلمية.",
			notWant: []string{"Event:"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := readWith(t, "ar", c.text, nil)
			checkFound(t, c.name, strings.Join(append(spansOf(d), factsOf(d)...), "\n"), c.want, c.notWant)
		})
	}
}

// TestCourtInCity: a court named by a construct (محكمة الاستئناف) is a
// body, and one named before بـ/في a city lies there.
func TestCourtInCity(t *testing.T) {
	cases := []struct {
		name, text    string
		want, notWant []string
	}{
		{name: "court of cassation with bi-",
			text: "وطعن المحامي في الحكم أمام محكمة النقض بالرباط.",
			want: []string{"Organization:محكمة النقض", "محكمة النقض LOCATED_IN Rabat"}},
		{name: "criminal court in a city",
			text: "وأصدرت محكمة الجنايات في القاهرة حكمها أمس.",
			want: []string{"محكمة الجنايات LOCATED_IN Cairo"}},
		{name: "a court before a journey is not there",
			text:    "وغادر القاضي مقر محكمة النقض متوجها إلى القاهرة.",
			notWant: []string{"LOCATED_IN Cairo"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := readWith(t, "ar", c.text, nil)
			checkFound(t, c.name, strings.Join(append(spansOf(d), factsOf(d)...), "\n"), c.want, c.notWant)
		})
	}
}

// TestOneOfTheMembers: "X، أحد مكونات Y" (one of the components, pillars
// or members of Y) makes X a member of Y.
func TestOneOfTheMembers(t *testing.T) {
	cases := []struct {
		name, text    string
		want, notWant []string
	}{
		{name: "a party, one of the components of a coalition",
			text: "وانسحب حزب الاستقلال، أحد مكونات التحالف الحكومي، من الحكومة.",
			want: []string{"MEMBER_OF التحالف الحكومي"}},
		{name: "a person, one of the members of a bureau",
			text: "وقال كريم العلوي، أحد أعضاء المكتب السياسي، إن الحزب موحد.",
			want: []string{"كريم العلوي MEMBER_OF المكتب السياسي"}},
		{name: "a party, one of the pillars of a coalition (ائتلاف)",
			text: "وقال حزب العدالة والتنمية، أحد ركائز الائتلاف الحكومي، إنه يرفض القانون.",
			want: []string{"MEMBER_OF الائتلاف الحكومي"}},
		{name: "no one named before it",
			text:    "وقال الحزب إن أحد أعضاء المكتب السياسي استقال.",
			notWant: []string{"MEMBER_OF"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := readWith(t, "ar", c.text, nil)
			checkFound(t, c.name, strings.Join(factsOf(d), "\n"), c.want, c.notWant)
		})
	}
}

// TestCompoundGivenNameEndsAfterFamilyName: where the tagger stops after a
// compound given name (عبد الكريم), the family name after it belongs to the
// name and the participle after that does not.
func TestCompoundGivenNameEndsAfterFamilyName(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a participle after the family name", lang: "ar",
			text:    "وقال مدير مكتب الرئيس عبد الكريم بنسودة المترشح للانتخابات إن الحملة بدأت.",
			want:    []string{"Person:عبد الكريم بنسودة@22-39"},
			notWant: []string{"بنسودة المترشح", "Person:المترشح"}},
		{name: "a verbal noun after the family name", lang: "ar",
			text:    "ودعا أنصار الرئيس عبد المجيد تلقيطة للتخلي عن المنصب.",
			want:    []string{"Person:عبد المجيد تلقيطة@18-35"},
			notWant: []string{"تلقيطة للتخلي"}},
	})
}

// TestPossessorIsNoVisitor: in حملة X … بزيارة إلى, X owns the campaign;
// the visitor is the one named before.
func TestPossessorIsNoVisitor(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a campaign's candidate", lang: "ar",
			text:    "وافتتح سعيد الكتاني حملة عبد الكريم بنسودة الانتخابية بزيارة إلى مدينة فاس.",
			want:    []string{"City:فاس@71-74", "Person:سعيد الكتاني@7-19", "Person:عبد الكريم بنسودة@25-42"},
			facts:   []string{"سعيد الكتاني VISITED Fez"},
			notWant: []string{"بنسودة VISITED"}},
		{name: "the visitor right before the trigger", lang: "ar",
			text:  "وقام الوزير سعيد الكتاني بزيارة إلى مدينة فاس.",
			want:  []string{"City:فاس@42-45", "Person:سعيد الكتاني@12-24"},
			facts: []string{"سعيد الكتاني VISITED Fez"}},
	})
}

// TestWhereAnEventIsHeld: the place of an event past a participle of
// holding and its date, past a building set off by commas, and after an
// indefinite accusative head; what must not be read as one.
func TestWhereAnEventIsHeld(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a participle and a date before the city", lang: "ar",
			text:    "وشارك الوزير في القمة الإفريقية المنعقدة يومي 10 و11 فبراير في أديس أبابا.",
			want:    []string{"City:أديس أبابا@63-73", "Event:القمة الإفريقية@16-31"},
			facts:   []string{"القمة الإفريقية HELD_IN Addis Ababa"},
			notWant: []string{"المنعقدة@"}},
		{name: "a building between the event and the city", lang: "ar",
			text:  "وألقى الوزير كلمة في المؤتمر الدولي للمياه، بقصر المؤتمرات، في مراكش.",
			want:  []string{"City:مراكش@63-68", "Event:المؤتمر الدولي للمياه@21-42"},
			facts: []string{"المؤتمر الدولي للمياه HELD_IN Marrakesh"}},
		{name: "an indefinite accusative head and its city", lang: "ar",
			text:  "وعقد رجال الأعمال مؤتمرا استثماريا كبيرا في الرياض هذا الأسبوع.",
			want:  []string{"City:الرياض@44-50", "Event:مؤتمرا استثماريا كبيرا@18-40"},
			facts: []string{"مؤتمرا استثماريا كبيرا HELD_IN Riyadh"}},
		{name: "an indefinite head with no place names nothing", lang: "ar",
			text:    "وعقد رجال الأعمال مؤتمرا استثماريا كبيرا هذا الأسبوع.",
			want:    nil,
			notWant: []string{"Event:"}},
		{name: "a participle with no place after it", lang: "ar",
			text:    "وناقش الاجتماع الوزاري المنعقد أمس الاثنين ملف الهجرة.",
			want:    []string{"Event:الاجتماع الوزاري@6-22"},
			notWant: []string{"HELD_IN", "المنعقد@"}},
	})
}

// TestSeatsAndLocations: "based in", "headquartered in", مقرها في and الواقع في place
// the name right before them; a thing no one named (flight attendants
// based in London) places nobody.
func TestSeatsAndLocations(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a firm based in a city", lang: "en",
			text:  "Northgate Energy, based in Aberdeen, employs 300 people.",
			want:  []string{"City:Aberdeen@27-35", "Organization:Northgate Energy@0-16"},
			facts: []string{"Northgate Energy LOCATED_IN Aberdeen"}},
		{name: "which is headquartered in", lang: "en",
			text:  "Shares in Halberd Mining, which is headquartered in Perth, fell sharply.",
			want:  []string{"City:Perth@52-57", "Organization:Halberd Mining@10-24"},
			facts: []string{"Halberd Mining LOCATED_IN Perth"}},
		{name: "people no one named", lang: "en",
			text:    "Qantas increased the number of flight attendants based in London.",
			want:    []string{"City:London@58-64", "Organization:Qantas@0-6"},
			notWant: []string{"LOCATED_IN"}},
		{name: "a body whose seat is in a city", lang: "ar",
			text:  "وتعمل المنظمة الدولية للهجرة التي يوجد مقرها في جنيف على مساعدة المهاجرين.",
			want:  []string{"City:جنيف@48-52", "Organization:المنظمة الدولية للهجرة@6-28"},
			facts: []string{"International Organization for Migration LOCATED_IN Geneva"}},
		{name: "its seat set off by commas", lang: "ar",
			text:  "وأعلنت الجمعية المغربية لحقوق الإنسان، ومقرها بمدينة الرباط، عن برنامجها.",
			facts: []string{"الجمعية المغربية لحقوق الإنسان LOCATED_IN Rabat"},
			want:  []string{"City:الرباط@53-59", "Organization:الجمعية المغربية لحقوق الإنسان@7-37", "ref:Country:المغربية@15-23"}},
	})
}

// TestPossessiveTitles: a title with a possessive pronoun (its chief
// executive; أمينه العام، رئيستها) is a post in the body named last, with
// the pronoun's gender in Arabic; with no body named in this sentence or
// the one before, it is a post in nothing. A bare event noun after a
// body's name is no part of it (الجمعية المغربية للتنمية | لقاء).
func TestPossessiveTitles(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "its chief executive", lang: "en",
			text:  "Halberd Mining said on Monday that its chief executive Greg Olsen would retire.",
			facts: []string{"Greg Olsen HOLDS_POSITION Halberd Mining"},
			want:  []string{"Organization:Halberd Mining@0-14", "Person:Greg Olsen@55-65"}},
		{name: "a country's president", lang: "en",
			text:  "Kazakhstan has been dominated by its president Nursultan Nazarbayev since the Soviet Union broke up.",
			facts: []string{"Nursultan Nazarbayev HOLDS_POSITION Kazakhstan"},
			want:  []string{"Country:Kazakhstan@0-10", "Organization:Soviet Union@78-90", "Person:Nursultan Nazarbayev@47-67"}},
		{name: "a post's field in the plural", lang: "en",
			text:  "The Liberal Democrat home affairs spokesman Tom Marsh said the plan was flawed.",
			facts: []string{"Tom Marsh HOLDS_POSITION Liberal Democrats"},
			want:  []string{"Organization:Liberal Democrat@4-20", "Person:Tom Marsh@44-53"}},
		{name: "his party's secretary general", lang: "ar",
			text:  "وأعلن حزب الاستقلال دعمه للمبادرة، وقال أمينه العام نزار بركة إن الحزب سيصوت لصالحها.",
			facts: []string{"نزار بركة HOLDS_POSITION Istiqlal Party"},
			want:  []string{"Organization:حزب الاستقلال@6-19", "Person:نزار بركة@52-61", "ref:Organization:الحزب@65-70"}},
		{name: "her association's president", lang: "ar",
			text:    "ونظمت الجمعية المغربية للتنمية لقاء بالرباط، وقالت رئيستها سلمى بنعلي إن اللقاء كان مثمرا.",
			want:    []string{"City:الرباط@37-43", "Organization:الجمعية المغربية للتنمية@6-30", "Person:سلمى بنعلي@59-69", "ref:Country:المغربية@14-22"},
			notWant: []string{"للتنمية لقاء"}},
		{name: "no body named before", lang: "ar",
			text:    "وقال أمينه العام نزار بركة إن القرار نهائي.",
			want:    []string{"Person:نزار بركة@17-26"},
			notWant: []string{"HOLDS_POSITION"}},
		{name: "a member right after the name", lang: "ar",
			text:  "وأكد عبد الرحيم الزناكي، القيادي في حزب العدالة والتنمية، أن الحزب متماسك.",
			facts: []string{"عبد الرحيم الزناكي MEMBER_OF Justice and Development Party"},
			want:  []string{"Organization:حزب العدالة والتنمية@36-56", "Person:عبد الرحيم الزناكي@5-23", "ref:Organization:الحزب@61-66"}},
	})
}

// TestWhoHeads: "who runs/heads X" is chairing X; heading somewhere is not.
func TestWhoHeads(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "who runs a company", lang: "en",
			text:  "Laura Finch, who runs Halberd Mining, said the firm would expand.",
			facts: []string{"Laura Finch CHAIRS Halberd Mining"},
			want:  []string{"Organization:Halberd Mining@22-36", "Person:Laura Finch@0-11"}},
		{name: "who led a unit of a body", lang: "en",
			text:    "Mrs Hale, who led Care International operations in Iraq, was freed.",
			want:    []string{"Country:Iraq@51-55", "Organization:Care International@18-36", "Person:Mrs Hale@0-8"},
			notWant: []string{"CHAIRS"}},
		{name: "who heads to a city", lang: "en",
			text:    "Laura Finch, who heads to Leeds on Monday, will meet the unions.",
			notWant: []string{"CHAIRS"},
			want:    []string{"City:Leeds@26-31", "Person:Laura Finch@0-11"}},
	})
}

// TestFacultiesAndSpeeches: كلية is a head noun, not ك + ليه, and with a
// definite noun names a body; its dean holds a post there; a speech during
// an event is attending it.
func TestFacultiesAndSpeeches(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a faculty's dean", lang: "ar",
			text:  "وقال عميد كلية الحقوق بالرباط سعيد الكتاني إن الدراسة ستستأنف.",
			want:  []string{"City:الرباط@23-29", "Organization:كلية الحقوق@10-21", "Person:سعيد الكتاني@30-42"},
			facts: []string{"سعيد الكتاني HOLDS_POSITION كلية الحقوق"}},
		{name: "a speech during a conference", lang: "ar",
			text:  "وأكد الوزير عزيز الرباح، في كلمة خلال المؤتمر الدولي للموانئ، أن المغرب يراهن على اللوجستيك.",
			facts: []string{"عزيز الرباح ATTENDED المؤتمر الدولي للموانئ"},
			want:  []string{"Country:المغرب@65-71", "Event:المؤتمر الدولي للموانئ@38-60", "Person:عزيز الرباح@12-23"}},
		{name: "a speech with no event", lang: "ar",
			text:    "وأكد الوزير عزيز الرباح، في كلمة خلال اللقاء مع الصحافيين، أن المغرب يراهن على اللوجستيك.",
			want:    []string{"Country:المغرب@62-68", "Person:عزيز الرباح@12-23"},
			notWant: []string{"ATTENDED"}},
	})
}

// TestTitleLookalikesAndParticles: أمام (in front of) folds to إمام but is
// no title; "former" after a minister's title is the minister's, not the
// ministry's; the part after آل or بن belongs to the name even when it reads
// as a common word. الفريق before a complement is the team, not a general.
func TestTitleLookalikesAndParticles(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "in front of is no imam", lang: "ar",
			text:    "ويعمل المدرب على تحسين الأداء أمام الكونغو الديمقراطية، لضمان الفوز.",
			want:    []string{"Country:الكونغو الديمقراطية@35-54"},
			notWant: []string{"Person:", "HOLDS_POSITION"}},
		{name: "the team is no general", lang: "ar",
			text:    "ولعب الفريق أمام الكونغو الديمقراطية، لضمان الفوز، في المباراة الثانية.",
			want:    []string{"Country:الكونغو الديمقراطية@17-36"},
			notWant: []string{"Person:", "HOLDS_POSITION"}},
		{name: "an imam is one", lang: "ar",
			text:    "وألقى إمام المسجد عبد الله بنحمو خطبة الجمعة.",
			want:    []string{"Person:عبد الله بنحمو@18-32"},
			notWant: []string{"Person:عبد الله بنحمو خطبة"}},
		{name: "a former minister", lang: "ar",
			text:    "ويدعم المبادرة وزير الخارجية الأسبق سعيد الكتاني.",
			want:    []string{"Person:سعيد الكتاني@36-48"},
			notWant: []string{"الأسبق HOLDS", "وزارة الخارجية الأسبق"}},
		{name: "a family name after al", lang: "ar",
			text:  "وأصدر أمير قطر الشيخ تميم بن حمد آل ثاني قانونا جديدا.",
			want:  []string{"Country:قطر@11-14", "Person:تميم بن حمد آل ثاني@21-40"},
			facts: []string{"تميم بن حمد آل ثاني HOLDS_POSITION Qatar"}},
		{name: "a rank before a name", lang: "ar",
			text:    "وقال الفريق أحمد قايد صالح إن الجيش يدعم الحوار.",
			want:    []string{"Person:أحمد قايد صالح@12-26"},
			notWant: []string{"Person:الفريق"}},
	})
}

// TestFalseTriggers: مثل is "like", يمثل أمام is appearing before a court,
// and a team playing against another opposes nothing.
func TestFalseTriggers(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "appearing before a court", lang: "ar",
			text:    "ويمثل المواطن السويسري سعيد الكتاني أمام المحكمة الابتدائية بسلا.",
			want:    []string{"City:سلا@61-64", "Person:سعيد الكتاني@23-35", "ref:Country:السويسري@14-22"},
			notWant: []string{"REPRESENTS"}},
		{name: "a match against a team", lang: "ar",
			text:    "ويجري المنتخب الوطني أولى مبارياته أمام ناميبيا، ثم سيخوض آخر مبارياته ضد منتخب جنوب إفريقيا.",
			want:    []string{"Country:جنوب إفريقيا@80-92", "Country:ناميبيا@40-47", "Organization:المنتخب الوطني@6-20", "Organization:منتخب جنوب إفريقيا@74-92"},
			notWant: []string{"OPPOSES"}},
		{name: "like is no representing", lang: "ar",
			text:    "وقال إن مثل هذه الأدلة تربط الجريمة بالأمير فيصل بن سلطان.",
			want:    []string{"Person:فيصل بن سلطان@44-57"},
			notWant: []string{"REPRESENTS"}},
	})
}

// TestWhatNoNameHolds: a person's name does not run into a reporting verb
// or a preposition glued to a known word, nor start with one;
// a foreign name that only looks like one (بالمه) keeps its word.
func TestWhatNoNameHolds(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a reporting verb after the name", lang: "ar",
			text:    "وكتب المدون أنس ويقول إن الوضع صعب.",
			want:    []string{"Person:أنس@12-15"},
			notWant: []string{"أنس ويقول"}},
		{name: "a preposition glued to a known word", lang: "ar",
			text:    "وشوهد المدون محمد بالعاصمة الرباط أمس.",
			want:    []string{"City:الرباط@27-33", "Person:محمد@13-17"},
			notWant: []string{"محمد بالعاصمة"}},
		{name: "a word with tanween", lang: "ar",
			text:    "وقالت المستشارة الألمانية أنجيلا ميركل متأثرةً بالخبر إن الحكومة سترد.",
			want:    []string{"Person:أنجيلا ميركل@26-38", "ref:Country:الألمانية@16-25"},
			notWant: []string{"ميركل متأثرة"}},
		{name: "a foreign family name that starts like a preposition", lang: "ar",
			text: "واغتيل رئيس الوزراء السويدي أولوف بالمه عام 1986.",
			want: []string{"Person:أولوف بالمه@28-39", "ref:Country:السويدي@20-27"}},
	})
}

// TestDescribedPeople: an English definite title with no name after it
// is the one person named just before; with two people named, or none,
// it is nobody.
func TestDescribedPeople(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "the party leader", lang: "en",
			text:  "Michael Howard attacked the plan on Monday. The Tory leader said it would fail.",
			want:  []string{"Organization:Tory@48-52", "Person:Michael Howard@0-14", "ref:Person:The Tory leader@44-59"},
			facts: []string{"Michael Howard HOLDS_POSITION Conservative Party"}},
		{name: "a nationality and a title", lang: "en",
			text:  "Pervez Musharraf arrived in London. The Pakistani president will meet the prime minister.",
			want:  []string{"City:London@28-34", "Person:Pervez Musharraf@0-16", "ref:Country:Pakistani@40-49", "ref:Person:The Pakistani president@36-59"},
			facts: []string{"Pervez Musharraf HOLDS_POSITION Pakistan", "Pervez Musharraf VISITED London"}},
		{name: "a one-word name is no antecedent", lang: "en",
			text:    "English voters were angry, Howard said. The Tory leader said councils had spent too much.",
			want:    []string{"Organization:Tory@44-48", "Person:Howard@27-33"},
			notWant: []string{"HOLDS_POSITION"}},
		{name: "two people named before", lang: "en",
			text:    "Michael Howard met Tony Blair on Monday. The Tory leader said it would fail.",
			want:    []string{"Organization:Tory@45-49", "Person:Michael Howard@0-14", "Person:Tony Blair@19-29"},
			notWant: []string{"HOLDS_POSITION"}},
		{name: "a name after the title", lang: "en",
			text:    "Michael Howard attacked the plan. The Tory leader Michael Ancram said it would fail.",
			want:    []string{"Organization:Tory@38-42", "Person:Michael Ancram@50-64", "Person:Michael Howard@0-14"},
			notWant: []string{"Michael Howard HOLDS_POSITION"}},
	})
}

// TestEuropeanNameParticles: لو، فون دير inside a transliterated name
// join it; لو before a verb (if) does not.
func TestEuropeanNameParticles(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "le in a French name", lang: "ar",
			text:  "ودعا وزير الخارجية الفرنسي جان ايف لو دريان إلى الحوار.",
			want:  []string{"Person:جان ايف لو دريان@27-43", "ref:Country:الفرنسي@19-26"},
			facts: []string{"جان ايف لو دريان HOLDS_POSITION France"}},
		{name: "von der in a German name", lang: "ar",
			text:  "وقالت رئيسة المفوضية الأوروبية أورسولا فون دير لاين إن القرار نهائي.",
			want:  []string{"Organization:المفوضية الأوروبية@12-30", "Person:أورسولا فون دير لاين@31-51"},
			facts: []string{"أورسولا فون دير لاين HOLDS_POSITION European Commission"}},
		{name: "if after a name", lang: "ar",
			text:    "وقال الوزير سعيد الكتاني لو كان الأمر بيده لقرر غير ذلك.",
			want:    []string{"Person:سعيد الكتاني@12-24"},
			notWant: []string{"الكتاني لو"}},
	})
}

// TestDefiniteBodyTakesNoBareWord: after a definite head the name goes on
// with definite words; a bare word is the clause going on (الاتحاد سيرد).
func TestDefiniteBodyTakesNoBareWord(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a verb after a definite head", lang: "ar",
			text:    "وقالت إن الاتحاد سيرد على القرار.",
			notWant: []string{"الاتحاد سيرد"}},
		{name: "definite adjectives go on", lang: "ar",
			text: "وأعلن المجلس الأعلى للحسابات تقريره.",
			want: []string{"Organization:المجلس الأعلى للحسابات@6-28"}},
	})
}

// TestBodyNameEndsAtAPersonOrAYear: a body's name ends where the tagger
// starts a person's name, and before a year (في عام 2011).
func TestBodyNameEndsAtAPersonOrAYear(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a person after the body", lang: "ar",
			text:    "وقال رئيس اللجنة القضائية في مجلس النواب جيرولد نادلر إن التحقيق مستمر.",
			facts:   []string{"جيرولد نادلر HOLDS_POSITION اللجنة القضائية في مجلس النواب"},
			want:    []string{"Organization:اللجنة القضائية في مجلس النواب@10-40", "Organization:مجلس النواب@29-40", "Person:جيرولد نادلر@41-53"},
			notWant: []string{"النواب جيرولد"}},
		{name: "a year after the body", lang: "ar",
			text:    "وتأسست الجمعية المغربية لحماية المستهلك في عام 2011 بالرباط.",
			want:    []string{"City:الرباط@53-59", "Organization:الجمعية المغربية لحماية المستهلك@7-39", "ref:Country:المغربية@15-23"},
			notWant: []string{"المستهلك في عام"}},
	})
}

// TestEventVerbs: a past-tense verb after an event ends its name, and a
// place after the verb is where it is held; أقيم في is a trigger of its own.
func TestEventVerbs(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "protests that began in a city", lang: "ar",
			text:    "وتواصلت احتجاجات بدأت في باريس منذ أسابيع.",
			facts:   []string{"احتجاجات HELD_IN Paris"},
			want:    []string{"City:باريس@25-30", "Event:احتجاجات@8-16"},
			notWant: []string{"احتجاجات بدأت@"}},
		{name: "a forum held in a city", lang: "ar",
			text:  "وشارك الوزير في منتدى إعلامي أقيم في دبي.",
			facts: []string{"منتدى إعلامي HELD_IN Dubai"},
			want:  []string{"City:دبي@37-40", "Event:منتدى إعلامي@16-28"}},
		{name: "a verb with no place", lang: "ar",
			text:    "وعقد المجلس اجتماعا طارئا استمر ساعتين.",
			notWant: []string{"HELD_IN", "استمر@"}},
	})
}

// TestWhatABodyComprises: "which comprises"/التي تضم lists a body's
// members; a region that comprises towns has none.
func TestWhatABodyComprises(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "which comprises", lang: "en",
			text:  "The Sahel Alliance, which comprises Morocco, Niger and Italy, met in Rome.",
			facts: []string{"Italy MEMBER_OF Sahel Alliance", "Morocco MEMBER_OF Sahel Alliance", "Niger MEMBER_OF Sahel Alliance"},
			want:  []string{"City:Rome@69-73", "Country:Italy@55-60", "Country:Morocco@36-43", "Country:Niger@45-50", "Organization:Sahel Alliance@4-18"}},
		{name: "التي تضم", lang: "ar",
			text:  "وعقدت مجموعة الساحل التي تضم المغرب والنيجر وإيطاليا اجتماعا في روما.",
			facts: []string{"Italy MEMBER_OF مجموعة الساحل", "Morocco MEMBER_OF مجموعة الساحل", "Niger MEMBER_OF مجموعة الساحل"},
			want:  []string{"City:روما@64-68", "Country:إيطاليا@45-52", "Country:المغرب@29-35", "Country:النيجر@37-43", "Location:الساحل@13-19", "Organization:مجموعة الساحل@6-19"}},
		{name: "a body no one named", lang: "ar",
			text:    "وأشاد المدرب سعيد الكتاني بقوة المجموعة التي تضم كوت ديفوار وجنوب إفريقيا.",
			want:    []string{"Country:جنوب إفريقيا@61-73", "Country:كوت ديفوار@49-59", "Person:سعيد الكتاني@13-25"},
			notWant: []string{"MEMBER_OF"}},
		{name: "a region is no body", lang: "ar",
			text:    "وزار الوفد منطقة الساحل التي تضم المغرب والنيجر.",
			want:    []string{"Country:المغرب@33-39", "Country:النيجر@41-47", "Location:منطقة الساحل@11-23"},
			notWant: []string{"MEMBER_OF"}},
	})
}

// TestOwnedBy: a body owned by another is part of it.
func TestOwnedBy(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "owned by", lang: "en",
			text:  "Brightline Media, owned by Halberd Group, cut 40 jobs.",
			facts: []string{"Brightline Media PART_OF Halberd Group"},
			want:  []string{"Organization:Brightline Media@0-16", "Organization:Halberd Group@27-40"}},
		{name: "owned by a person is no part", lang: "en",
			text:    "Brightline Media, owned by Paul Reeves, cut 40 jobs.",
			want:    []string{"Organization:Brightline Media@0-16", "Person:Paul Reeves@27-38"},
			notWant: []string{"PART_OF"}},
	})
}

// TestSchoolsInACity: a faculty, school or institute named before بـ/في a
// city is there.
func TestSchoolsInACity(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a faculty in a city", lang: "ar",
			text:  "وقال عميد كلية الحقوق بالرباط إن الدراسة ستستأنف.",
			facts: []string{"كلية الحقوق LOCATED_IN Rabat"},
			want:  []string{"City:الرباط@23-29", "Organization:كلية الحقوق@10-21"}},
	})
}

// TestClosedConstruct: once a definite noun or a name closes a body's
// phrase, a bare word is the clause going on (a verb); prepositions,
// coordinated nouns and compound ordinals still belong to it.
func TestClosedConstruct(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a future verb after the body", lang: "ar",
			text:    "وقال المتحدث إن قوات الحوثيين ستعلن تفاصيل الهجوم.",
			want:    []string{"Organization:الحوثيين@21-29", "Organization:قوات الحوثيين@16-29"},
			notWant: []string{"الحوثيين ستعلن"}},
		{name: "a past verb after a body and its nisba", lang: "ar",
			text:    "وقال المسؤول إن الحكومة السعودية أرادت إقناع الصحافي بالعودة.",
			want:    []string{"Country:السعودية@24-32", "Organization:الحكومة السعودية@16-32"},
			notWant: []string{"السعودية أرادت"}},
		{name: "a coordinated noun", lang: "ar",
			text: "وافتتح الوزير المعرض الدولي لتقنيات الري وإدارة المياه بالرباط.",
			want: []string{"City:الرباط@56-62", "Event:المعرض الدولي لتقنيات الري وإدارة المياه@14-54"}},
	})
}

// TestClauseParticiples: a definite participle after a name that speaks of
// the noun before it ends the name (قرار المحكمة الصادر، الانتخابات المقررة).
func TestClauseParticiples(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a ruling issued by a court", lang: "ar",
			text:    "وأعلن المغرب احترامه لقرار محكمة العدل الأوروبية الصادر في ديسمبر.",
			want:    []string{"Country:المغرب@6-12", "Organization:محكمة العدل الأوروبية@27-48"},
			notWant: []string{"الأوروبية الصادر"}},
		{name: "an election set for a date", lang: "ar",
			text:    "وتستعد الأحزاب للانتخابات التشريعية المقررة في سبتمبر.",
			want:    []string{"Event:للانتخابات التشريعية@15-35"},
			notWant: []string{"التشريعية المقررة"}},
	})
}

// TestDemonymsAreNoNames: a demonym the tagger took for a body or a
// person (Welsh secretary of the BMA) is neither; the body and the person
// around it stay.
func TestDemonymsAreNoNames(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a demonym before a title", lang: "en",
			text:    "Dr Alan Morgan, Welsh secretary of the British Medical Association, said waiting lists would fall.",
			want:    []string{"Organization:British Medical Association@39-66", "Person:Alan Morgan@3-14"},
			notWant: []string{"Organization:Welsh", "Person:Welsh"}},
	})
}

// TestUnnamedSubjects: an Arabic verb whose subject is a common noun (زار
// … سائح) states nothing about the names after it; one whose subject is
// named does.
func TestUnnamedSubjects(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "tourists visit", lang: "ar",
			text:    "والعام الماضي، زار نحو 500 ألف سائح سعودي تركيا.",
			want:    []string{"Country:تركيا@42-47", "ref:Country:سعودي@36-41"},
			notWant: []string{"VISITED"}},
		{name: "a named visitor", lang: "ar",
			text:  "وزار الوزير سعيد الكتاني تركيا أمس.",
			want:  []string{"Country:تركيا@25-30", "Person:سعيد الكتاني@12-24"},
			facts: []string{"سعيد الكتاني VISITED Turkey"}},
		{name: "the object first after a preposition", lang: "ar",
			text:  "وشارك في أعمال الاجتماع الوزاري الأمين العام للجامعة العربية سعيد الكتاني.",
			facts: []string{"سعيد الكتاني ATTENDED الاجتماع الوزاري", "سعيد الكتاني HOLDS_POSITION Arab League"},
			want:  []string{"Event:الاجتماع الوزاري@15-31", "Organization:للجامعة العربية@45-60", "Person:سعيد الكتاني@61-73"}},
	})
}

// TestNisbaAsGivenName: right after a definite title, a bare nisba before
// a family name is the name's first word (العقيد تركي المالكي: Turki), not
// a country; after the title a definite nisba still names one.
func TestNisbaAsGivenName(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "a bare nisba after a rank", lang: "ar",
			text:    "وقال العقيد تركي المالكي إن العملية مستمرة.",
			want:    []string{"Person:تركي المالكي@12-24"},
			notWant: []string{"Turkey"}},
		{name: "a definite nisba after a title", lang: "ar",
			text:  "وقال الرئيس التركي رجب طيب أردوغان إن العملية مستمرة.",
			want:  []string{"Person:رجب طيب أردوغان@19-34", "ref:Country:التركي@12-18"},
			facts: []string{"رجب طيب أردوغان HOLDS_POSITION Turkey"}},
	})
}

// TestRetrainedTaggerReadings: what the English tagger trained from this
// tree reads otherwise than the one before, and the rules that read it
// the same way: an honorific after a title, an adjective tagged MISC before
// a body's head, a body named again without its designator first in a
// sentence, a body's possessive before a person, a common noun opening a
// sentence, a company noun after a body's name.
func TestRetrainedTaggerReadings(t *testing.T) {
	runSpanCases(t, []spanCase{
		{name: "an honorific after a title", lang: "en",
			text:    "The plan was backed by former Strathclyde Police Commissioner Sir Peter Grant.",
			want:    []string{"Organization:Strathclyde Police@30-48", "Person:Sir Peter Grant@62-77"},
			facts:   []string{"Peter Grant HOLDS_POSITION Strathclyde Police"},
			notWant: []string{"Person:Sir@"}},
		{name: "an honorific with no title before it", lang: "en",
			text: "Sir Henry Vale said the plan would fail.",
			want: []string{"Person:Henry Vale@4-14"}},
		{name: "an adjective before a force's head", lang: "en",
			text:  "Former Metropolitan Police Commissioner Lord Harwick opened the hearing.",
			want:  []string{"Organization:Metropolitan Police@7-26", "Person:Lord Harwick@40-52"},
			facts: []string{"Harwick HOLDS_POSITION Metropolitan Police"}},
		{name: "a designator left out first in a sentence", lang: "en",
			text: "Kestrel Holdings reported a loss on Tuesday. Kestrel blamed the weather.",
			want: []string{"Organization:Kestrel Holdings@0-16", "Organization:Kestrel@45-52"}},
		{name: "a body's possessive before a person the tagger names again", lang: "en",
			text:  "Backers include Labour's Jack Straw and the Greens. Mr Straw said the vote mattered.",
			want:  []string{"Organization:Greens@44-50", "Organization:Labour@16-22", "Person:Jack Straw@25-35", "Person:Straw@55-60"},
			facts: []string{"Jack Straw MEMBER_OF Labour Party"}},
		{name: "a body's possessive before a name met nowhere else", lang: "en",
			text:    "Backers include Labour's Jack Straw and the Greens.",
			want:    []string{"Organization:Greens@44-50", "Organization:Labour@16-22"},
			notWant: []string{"Person:"}},
		{name: "a field of a post opening a sentence", lang: "en",
			text:    "Transport analyst Tom Reed, from the Leeds Institute for Travel, said fares would rise.",
			want:    []string{"Organization:Leeds Institute for Travel@37-63", "Person:Tom Reed@18-26"},
			facts:   []string{"Tom Reed MEMBER_OF Leeds Institute for Travel"},
			notWant: []string{"Organization:Transport"}},
		{name: "a common noun the article writes in lower case", lang: "en",
			text:    "Shipping analyst Tom Reed said costs would rise. He said shipping firms were worried.",
			want:    []string{"Person:Tom Reed@17-25", "ref:Person:He@49-51"},
			facts:   []string{},
			notWant: []string{"Organization:Shipping"}},
		{name: "a company opening a sentence before a title", lang: "en",
			text:  "Tesco chief executive Mara Quist said sales had doubled. Tesco shares rose.",
			want:  []string{"Organization:Tesco@0-5", "Organization:Tesco@57-62", "Person:Mara Quist@22-32"},
			facts: []string{"Mara Quist HOLDS_POSITION Tesco"}},
		{name: "a company noun after a body's name", lang: "en",
			text:  "Sales rose at the Vantor subsidiary Fennick, the firm said.",
			want:  []string{"Organization:Fennick@36-43", "Organization:Vantor@18-24"},
			facts: []string{"Fennick PART_OF Vantor"}},
	})
}

// TestTaggerSpanRules: the English rules that correct the tagger's spans
// before any stage reads them, on spans given by hand (the tagger's own
// reading of a sentence depends on its model): "TYPE first-last", words
// counted from 0 in the sentence sent.
func TestTaggerSpanRules(t *testing.T) {
	cases := []struct {
		name, text string
		sent       int
		rule       string
		in, want   []string
	}{
		{name: "an honorific after a title opens the person",
			text: "The plan was backed by former Strathclyde Police Commissioner Sir Peter Grant.",
			rule: "honorific", in: []string{"ORG 6-7", "PER 10-11"}, want: []string{"ORG 6-7", "PER 9-11"}},
		{name: "an honorific with no title before it stays out",
			text: "Dr Ellen Shaw said the ward would close.",
			rule: "honorific", in: []string{"PER 1-2"}, want: []string{"PER 1-2"}},
		{name: "an honorific tagged a name of its own",
			text: "The Liberals demanded Sir Edward Heath quit.",
			rule: "honorific", in: []string{"ORG 1-1", "ORG 3-3", "PER 4-5"}, want: []string{"ORG 1-1", "PER 3-5"}},
		{name: "an adjective tagged MISC before a body's head",
			text: "Former Strathclyde Police chief Ian Dunn backed the plan.",
			rule: "misc", in: []string{"MISC 1-1", "PER 4-5"}, want: []string{"ORG 1-2", "PER 4-5"}},
		{name: "a nationality before a lower-case noun stays MISC",
			text: "The Scottish police chief Ian Dunn backed the plan.",
			rule: "misc", in: []string{"MISC 1-1", "PER 4-5"}, want: []string{"MISC 1-1", "PER 4-5"}},
		{name: "a field of a post opening a sentence",
			text: "Transport analyst Tom Reed said fares would rise.",
			rule: "opener", in: []string{"ORG 0-0", "PER 2-3"}, want: []string{"PER 2-3"}},
		{name: "a word the article writes in lower case opening a sentence",
			text: "He spoke on Monday. Shipping analyst Tom Reed said costs would rise as shipping firms cut routes.",
			sent: 1, rule: "opener", in: []string{"ORG 0-0", "PER 2-3"}, want: []string{"PER 2-3"}},
		{name: "a company opening a sentence",
			text: "Kelvane analyst Tom Reed said costs would rise.",
			rule: "opener", in: []string{"ORG 0-0", "PER 2-3"}, want: []string{"ORG 0-0", "PER 2-3"}},
		{name: "a common word inside a sentence is the tagger's",
			text: "The report by Transport analyst Tom Reed said fares would rise.",
			rule: "opener", in: []string{"ORG 3-3", "PER 5-6"}, want: []string{"ORG 3-3", "PER 5-6"}},
		{name: "an acronym plural is no person",
			text: "Labour MSPs said the bill was rushed.",
			rule: "demonym", in: []string{"ORG 0-0", "PER 1-1"}, want: []string{"ORG 0-0", "ORG 1-1"}},
		{name: "a one-word surname stays a person",
			text: "Labour backed Dobson on Monday.",
			rule: "demonym", in: []string{"ORG 0-0", "PER 2-2"}, want: []string{"ORG 0-0", "PER 2-2"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := readWith(t, "en", c.text, nil)
			s := d.sents[c.sent]
			var spans []ner.Span
			for _, x := range c.in {
				var typ string
				var a, b int
				if _, err := fmt.Sscanf(x, "%s %d-%d", &typ, &a, &b); err != nil {
					t.Fatal(err)
				}
				spans = append(spans, ner.Span{Start: a, End: b + 1, Type: typ})
			}
			switch c.rule {
			case "honorific":
				spans = d.honorificsIntoPeople(s, spans)
			case "misc":
				spans = d.miscBeforeOrgHead(s, spans)
			case "opener":
				spans = d.dropCommonOpeners(s, spans)
			case "demonym":
				spans = d.dropDemonyms(s, spans)
			}
			var got []string
			for _, sp := range spans {
				got = append(got, fmt.Sprintf("%s %d-%d", sp.Type, sp.Start, sp.End-1))
			}
			if strings.Join(got, ",") != strings.Join(c.want, ",") {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}
