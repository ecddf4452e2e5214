package extract

// The rule-based stages. Each is a thin, stateless value over the rule
// methods of Document; the order within each list is the order of the
// chain (see defaultLanguages).

// Gazetteer recognises the names the lexicons know: countries, cities,
// regions and organisations, nisba adjectives, acronyms and Latin-script
// names, and quoted names met earlier in the article.
type Gazetteer struct{}

func (Gazetteer) Recognize(d *Document, s *Sentence) {
	d.gazetteerNames(s)
	d.quotedNames(s)
}

// HeadPhrases recognises organisations and events built around a head
// noun (وزارة الخارجية، الاجتماع الوزاري للتحالف، the Paris conference),
// with their organiser and place as slots.
type HeadPhrases struct{}

func (HeadPhrases) Recognize(d *Document, s *Sentence) { d.headPhrases(s) }

// TitledPeople recognises people introduced by a title (وزير الخارجية
// ناصر بوريطة) or by a given name, with the office as a slot.
type TitledPeople struct{}

func (TitledPeople) Recognize(d *Document, s *Sentence) { d.people(s) }

// CapitalisedRuns takes an English capitalised run nobody claimed, of two
// to four words, as a person's name. It stands in for a tagger where there
// is none.
type CapitalisedRuns struct{}

func (CapitalisedRuns) Recognize(d *Document, s *Sentence) { d.capitalisedRuns(s) }

// TitlesAfterNames recognises a title right after a name (خالد بن سلمان،
// وزير الدفاع السعودي) and fills the person's office slot.
type TitlesAfterNames struct{}

func (TitlesAfterNames) Recognize(d *Document, s *Sentence) { d.titlesAfter(s) }

// Anaphors links definite descriptions and anaphors (هذا الاجتماع،
// المملكة، التحالف) to the most recent compatible entity.
type Anaphors struct{}

func (Anaphors) Link(d *Document, s *Sentence) { d.anaphors(s) }

// Slots turns the slots recognisers filled into facts: a person's office
// (HOLDS_POSITION), an event's organiser (ORGANIZED_BY) and place (HELD_IN).
type Slots struct{}

func (Slots) FindRelations(d *Document, s *Sentence) { d.slotFacts(s) }

// Frames finds facts from trigger frames (extract/data/triggers.tsv):
// verbs, passives, by-lists, links, roles and list objects, and the
// attributes, locations and hosting the sentence states.
type Frames struct{}

func (Frames) FindRelations(d *Document, s *Sentence) { d.relations(s) }

// EventDates gives an event the date its clause states.
type EventDates struct{}

func (EventDates) FindRelations(d *Document, s *Sentence) { d.eventDates(s) }

// Inference adds facts that follow from two facts of one sentence: a
// delegate of a country that attends an event attends it too.
type Inference struct{}

func (Inference) Finish(d *Document) { d.infer() }
