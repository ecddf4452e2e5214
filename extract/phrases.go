package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/kgraph/kgraph/extract/dates"
	"github.com/kgraph/kgraph/extract/text"
	"github.com/kgraph/kgraph/graph"
)

// foldedAla is على (on, over) as text.Fold writes it.
var foldedAla = text.Fold("على")

// Heads that are organisation heads first although they can head events.
var orgFirstHeads = map[string]bool{}

// Heads whose phrase is a name as soon as anything follows (وزارة الداخلية).

// headPhrase builds an organisation or event name around a head noun at i:
// head, modifiers, nested names, up to a boundary; an appositive quoted
// alias right after it becomes a second name of the same entity.
func (d *Document) headPhrase(s *Sentence, i int, covered []*mention, add func(*mention) *mention) *mention {
	ws := s.words
	w := ws[i]
	if w.isPunct() || (w.Kind != text.Word && w.Kind != text.Latin) {
		return nil
	}
	head := stripAl(w.stem)
	typ := ""
	if w.fs.eventHead && !orgFirstHeads[head] {
		typ = graph.TypeEvent // مؤتمر heads events and organisations; an event is likelier
	} else if w.fs.orgHead {
		typ = graph.TypeOrganization
	}
	if typ == graph.TypeEvent && w.fs.orgHead && d.officeEndsBefore(s, i) {
		typ = graph.TypeOrganization // رئيس منتدى رجال الأعمال: an office heads a body, not an event
	}
	if typ == "" || d.lang == "en" && w.Kind == text.Latin && !isUpperStart(w.Text) && typ == graph.TypeOrganization {
		return nil
	}
	if strings.HasSuffix(w.stem, "ات") && !pluralHeads[w.stem] {
		return nil // a plural (المجموعات الإرهابية) names no one body
	}
	if i > 0 && demonstratives[ws[i-1].stem] {
		return nil // هذا الاجتماع points back; it is an anaphor
	}
	if d.lang == "en" {
		return d.englishHeadPhrase(s, i, typ, covered, add)
	}
	var (
		inner     []*mention
		organiser *mention
		place     *mention
		anchored  = strongHeads[head] && i+1 < len(ws) && !ws[i+1].isPunct()
		definite  = strings.HasPrefix(w.stem, "ال")
		alias     string
		purpose   bool // the name goes on after its nisba (الجمعية المغربية لحقوق …)
		topic     bool // an event's name goes on with what it is about (ندوة حول …)
		construct bool // an indefinite head and a construct name the body (لجنة إعادة الانتشار)
		paren     bool // the name is in parentheses after the head (شركة ( جيستامب ))
		bridged   bool // the place came after a verb of holding (احتجاجات بدأت في باريس)
		modifiers []string
		last      = i
	)
	j := i + 1
loop:
	for ; j < len(ws) && j-i < 14; j++ {
		x := ws[j]
		if j == i+1 && typ == graph.TypeOrganization && x.Text == "(" {
			// شركة ( جيستامب )، صحيفة (البايس): a foreign name in
			// parentheses right after a bare head is the body's name.
			if k := d.parenthesisedName(ws, j); k > 0 {
				alias, paren, anchored, last = s.surface(j+1, k-1), true, true, k
				j = k + 1
			}
			break
		}
		if x.isPunct() || (x.quoteOpen && j > i+1 && !nameInnerWords[ws[j-1].Key]) || (x.quoteOpen && j == i+1 && x.Kind == text.Latin) {
			break // a quoted span after a whole name is an alias, read below
		}
		if heldParticiples[x.Key] || eventVerbs[x.Key] {
			// القمة الإفريقية | المنعقدة، احتجاجات | بدأت في باريس: where and
			// when it is held follow.
			if typ == graph.TypeEvent {
				k := j + 1
				for n := 0; k < len(ws) && n < 8 && d.dateWord(s, k); n++ {
					k++
				}
				if k < len(ws) && locatives[ws[k].Key] {
					k++
				}
				if c := covered[k]; k < len(ws) && c != nil && c.first == k && (c.ent.typ == graph.TypeCity || c.ent.typ == graph.TypeCountry) && !c.nisba &&
					(locatives[ws[k-1].Key] || strings.Contains(c.prep, "ب")) {
					place, bridged = c, true
				}
			}
			break
		}
		if x.quoteOpen && j == i+1 { // مجموعة “أفريكا فوكيس”: the quoted words are the name
			k := j
			for k < len(ws) && !ws[k].quoteClose && !ws[k].isPunct() {
				k++
			}
			if k >= len(ws) || ws[k].isPunct() {
				break
			}
			alias = s.surface(j, k)
			anchored = true
			last = k
			j = k + 1
			break
		}
		if topic && placeWords[x.stem] {
			break // ورشة حول تمويل الإرهاب بالعاصمة …: the topic ends where the place begins
		}
		if placeWords[x.stem] && j+1 < len(ws) && covered[j+1] != nil && covered[j+1].ent.typ == graph.TypeCity {
			// بمدينة الرياض, بالعاصمة نواكشوط: where, not part of the name.
			if typ == graph.TypeEvent {
				place = covered[j+1]
			}
			break
		}
		if c := covered[j]; c != nil && c.first == j && c.ent.typ == graph.TypeCity && (strings.Contains(c.prep, "ب") || locatives[ws[j-1].Key]) {
			if typ == graph.TypeEvent {
				place = c // الاجتماع … بمراكش: held there
			}
			break
		}
		if c := covered[j]; c != nil && c.first == j {
			// A nested name: an organiser (لـ + organisation), a place, a nisba.
			inner = append(inner, c)
			anchored = true
			last = c.last
			j = c.last
			switch {
			case c.nisba && c.prep == "":
				// A nisba ends the name, together with a second one right
				// after it (منتدى الأعمال المغربي البرتغالي).
				if j+1 < len(ws) && covered[j+1] != nil && covered[j+1].nisba && covered[j+1].first == j+1 {
					n := covered[j+1]
					inner = append(inner, n)
					last = n.last
					j = n.last
				}
				if typ == graph.TypeOrganization && d.bodyGoesOn(ws, j+1) {
					// الجمعية المغربية لحقوق الإنسان: a body's name may go on
					// after its nisba with what it is for.
					modifiers = append(modifiers, stripAl(ws[j].stem))
					purpose = true
					continue
				}
				j++
				break loop
			case (c.ent.typ == graph.TypeCity || c.ent.typ == graph.TypeCountry) && (strings.Contains(c.prep, "ب") || (c.first > 0 && locatives[ws[c.first-1].Key])):
				place = c
				j++
				break loop
			case (c.ent.typ == graph.TypeCity || c.ent.typ == graph.TypeCountry && !c.nisba) && typ == graph.TypeEvent && len(modifiers) == 0 && j == i+1:
				place = c // اجتماع مراكش، محادثات السويد; not ندوة طوكيو deeper in a name
				if j+1 < len(ws) && d.x.rules.modifiers[stripAl(ws[j+1].stem)] == "" {
					j++
					break loop // ورشة البحرين | وقالت: a head and its place are the whole name
				}
			case c.ent.typ == graph.TypeOrganization && strings.HasPrefix(c.prep, "ل") && typ == graph.TypeEvent:
				organiser = c
				j++
				break loop
			}
			continue
		}
		if c := covered[j]; c != nil {
			break
		}
		if j > i+1 && d.lang == "ar" && x.pre == "" && !strings.HasPrefix(x.Key, "ال") && d.taggerStarts(j, "PER") {
			break // مجلس النواب | جيرولد نادلر: a person's name the tagger reads starts here
		}
		if x.fs.orgHead && typ == graph.TypeOrganization && j > i+1 && x.pre == "و" && strings.HasPrefix(x.stem, "ال") {
			break // القوات المسلحة والاستخبارات العسكرية: "and the <body>" is a second body
		}
		if isOrg := x.fs.orgHead; isOrg && j > i+1 || isOrg && typ == graph.TypeEvent {
			// A nested name with its own head: لمجموعة التركيز …، بوزارة …
			if c := d.headPhrase(s, j, covered, add); c != nil {
				j-- // re-read it as a covered name
				continue
			}
		}
		if x.Key == "ل" && typ == graph.TypeEvent && j+1 < len(ws) { // لـ”Africa Focus Group”
			if c := covered[j+1]; c != nil && c.ent.typ == graph.TypeOrganization {
				inner = append(inner, c)
				organiser, anchored, last = c, true, c.last
				j = c.last + 1
				break
			}
			break
		}
		if j == i+1 && typ == graph.TypeEvent && len(modifiers) == 0 {
			if e := d.dateEnd(ws, j); e > 0 {
				// انتخابات الرابع من يوليوز، قمة 12 ديسمبر: a bare head and the
				// date it is set for name the event.
				for _, y := range ws[j : e+1] {
					modifiers = append(modifiers, y.Key)
				}
				anchored, last = true, e
				break
			}
		}
		if d.startsTrigger(ws, j) || d.startsDate(ws, j) || x.Kind == text.Number || timeWords[x.stem] || dateCues[x.Key] {
			break
		}
		if a := d.matchAnaphor(ws, j); a != nil && a.holder && j == i+1 {
			break // قنصلية بلاده: his country's consulate, no name of its own
		}
		if a := d.matchAnaphor(ws, j); a != nil && strings.HasPrefix(x.pre, "ل") && typ == graph.TypeEvent {
			// الاجتماع العام الأول للمجموعة: the organiser by reference.
			if l := d.resolveAnaphor(a, d.pos(j)); l != nil && l.typ == graph.TypeOrganization {
				m := &mention{first: j, last: j + len(a.words) - 1, phrase: j, ent: l, anaphor: true}
				organiser, anchored, last = m, true, m.last
				inner = append(inner, m)
				j = m.last + 1
				break
			}
		}
		if typ == graph.TypeEvent && x.fs.orgHead && (strings.HasPrefix(x.pre, "ل") || strings.HasPrefix(x.Key, "لل")) && strings.HasPrefix(x.stem, "ال") &&
			(j+1 >= len(ws) || ws[j+1].isPunct() || covered[j+1] != nil || d.x.lex.IsStopword(ws[j+1].Key)) {
			// الاجتماع الوزاري الأول للآلية: a bare "the <body>" is the body
			// of that kind named last.
			a := &anaphor{typ: graph.TypeOrganization, heads: []string{stripAl(x.stem)}, words: []string{x.stem}}
			if l := d.resolveAnaphor(a, d.pos(j)); l != nil {
				m := &mention{first: j, last: j, phrase: j, ent: l, anaphor: true}
				organiser, anchored, last = m, true, j
				inner = append(inner, m)
				j++
				break
			}
		}
		if x.Key == foldedAla && typ == graph.TypeOrganization && j > i+1 && strings.HasPrefix(ws[j-1].Key, "لل") &&
			j+1 < len(ws) && covered[j+1] == nil && ws[j+1].pre == "" && strings.HasPrefix(ws[j+1].Key, "ال") {
			continue // لجنة … للإشراف على التهدئة: what the body oversees names it
		}
		if d.x.lex.IsStopword(x.Key) && !nameInnerWords[x.Key] && d.x.rules.modifiers[stripAl(x.stem)] == "" {
			break
		}
		if _, ok := s.matchTitle(d.x.lex, j); ok > 0 {
			break
		}
		if x.Kind == text.Latin {
			break
		}
		if typ == graph.TypeEvent && topicMarkers[x.Key] && !topic && j+1 < len(ws) && !ws[j+1].isPunct() {
			// ندوة حول قانون …, معرض بعنوان «…»: what an event is about
			// names it, even a bare head.
			if q := quotedSpanEnd(ws, j+1); q > 0 {
				modifiers = append(modifiers, strings.Fields(text.Fold(s.surface(j+2, q-1)))...)
				anchored, last = true, q
				break
			}
			topic, anchored = true, true
			continue
		}
		if nameInnerWords[x.Key] {
			// Only inside: the phrase must go on with a name word. حول
			// (about) belongs to a name that already has its own words
			// (المركز الإفريقي للدراسات حول الإرهاب), not to a bare head.
			if j+1 >= len(ws) || ws[j+1].isPunct() || (x.Key == "حول" && (len(modifiers) == 0 || typ == graph.TypeEvent)) {
				break
			}
			continue
		}
		if x.fs.eventHead && typ == graph.TypeOrganization && j == i+1 {
			break // برنامج الاجتماع: not an organisation
		}
		if typ == graph.TypeOrganization && j == i+1 && strings.HasPrefix(w.stem, "ال") && x.Kind == text.Word && x.pre == "" &&
			!strings.HasPrefix(x.Key, "ال") && !d.x.lex.IsStopword(x.Key) && d.x.rules.modifiers[stripAl(x.stem)] == "" {
			break // إن الاتحاد | سيرد: a definite head takes no bare word; that is the clause going on
		}
		if x.fs.eventHead && typ == graph.TypeOrganization && j > i+1 && x.pre == "" && !strings.HasPrefix(x.stem, "ال") && strings.HasPrefix(ws[j-1].Key, "ل") {
			break // نظمت الجمعية المغربية للتنمية | لقاء: the object of the verb, not more of the name
		}
		if d.x.rules.modifiers[stripAl(x.stem)] != "" {
			anchored = true
		} else if len(modifiers) == 0 && typ == graph.TypeOrganization && strings.HasPrefix(w.stem, "ال") && (strings.Contains(x.pre, "ل") || strings.HasPrefix(x.Key, "لل")) {
			break // المركز للسداسي …: a definite head takes an adjective first, not a لـ noun
		} else if len(modifiers) == 0 && typ == graph.TypeEvent && strings.HasPrefix(w.stem, "ال") && !topic {
			// الاجتماع الدور …: a definite head goes on with an adjective,
			// not a new noun; an indefinite one heads a construct (قمة دول
			// جوار السودان, اجتماع المدراء).
			break
		}
		if definite && len(modifiers) > 0 && !purpose && j == last+1 && typ == graph.TypeOrganization && strings.HasPrefix(w.stem, "ال") &&
			strings.HasPrefix(ws[j-1].stem, "ال") && d.bodyGoesOn(ws, j) && d.constructFollows(ws, j+1) {
			// الاتحاد العالمي لعلماء المسلمين، المجلس الوطني لحقوق الإنسان: after
			// its adjective a body's name goes on with what it is for, a free
			// noun behind لـ in construct with a definite one.
			purpose = true
		}
		if definite && len(modifiers) > 0 && typ == graph.TypeOrganization && strings.HasPrefix(w.stem, "ال") && !definiteWord(x) && !(purpose && j == last+1) {
			break // المجلس الدستوري | قبول الطعون: a definite body's adjectives are definite too
		}
		if construct && !definiteWord(x) {
			break
		}
		if j+1 < len(ws) && timeWords[ws[j+1].stem] && !definiteWord(x) {
			break // زار القنصلية أول مرة: "the first time", no part of the name
		}
		if accusative(x) && !accusative(w) {
			break // مؤتمر وارسو إنجازا تاريخيا: what the clause says of it, not its name
		}
		if len(modifiers) < 2 && strings.HasPrefix(x.stem, "ال") {
			definite = true
		}
		if typ == graph.TypeOrganization && len(modifiers) == 0 && j == i+1 && x.pre == "" && strings.HasPrefix(x.stem, "ال") &&
			constructHeads[head] && !strings.HasPrefix(w.stem, "ال") && !accusative(w) {
			// مجلس الحكومة، مديرية الهجرة: a council's or directorate's head
			// and a definite noun are a construct that names the body (not
			// so a movement's or a centre's: حركة المرور، مركز الاحتجاجات).
			anchored = true
		}
		if typ == graph.TypeOrganization && len(modifiers) == 1 && j == i+2 && x.pre == "" && strings.HasPrefix(x.stem, "ال") &&
			w.pre != "ال" && !strings.HasPrefix(w.stem, "ال") && ws[i+1].pre == "" && !strings.HasPrefix(ws[i+1].stem, "ال") {
			// لجنة إعادة الانتشار، هيئة تحرير الشام: an indefinite head, a
			// verbal noun and a definite noun are a construct that names
			// the body by what it does. Only definite adjectives go on with
			// it (not a name after it: لجنة إعادة الانتشار محمد القادري).
			anchored, construct = true, true
		}
		if last > i && last == j-1 && x.Kind == text.Word && x.pre == "" && !strings.HasPrefix(x.Key, "ال") && !strings.HasPrefix(x.Key, "و") &&
			!strings.HasPrefix(x.Key, "ل") && !strings.HasPrefix(x.Key, "ب") && d.x.rules.modifiers[stripAl(x.stem)] == "" &&
			utf8.RuneCountInString(x.Key) > 1 && d.x.rules.numbers[x.Key] == "" && !ordinalWord(x.Key) &&
			(strings.HasPrefix(ws[last].Key, "ال") || covered[last] != nil) {
			// قوات الحوثيين | ستعلن، الحكومة السعودية | أرادت: once a definite
			// noun or a name closes the phrase, only definite words and
			// prepositions (لحماية، بالرباط), coordinated nouns (وإدارة) and
			// compound ordinals (الرابعة عشرة) go on with it; a bare word is
			// the clause's.
			break
		}
		modifiers = append(modifiers, stripAl(x.stem))
		last = j
	}
	// Trailing function words are not part of the name.
	for last > i && nameInnerWords[ws[last].Key] {
		last--
	}
	if last == i && alias == "" && !(bridged && placeNamedHeads[head]) {
		return nil // a bare head names nothing, but احتجاجات بدأت في باريس is named by where
	}
	if !anchored && typ == graph.TypeEvent && place != nil && (placeNamedHeads[head] || accusative(w) && placeNamedHeads[strings.TrimSuffix(head, "ا")]) {
		anchored = true // مظاهرات حاشدة في باريس: an event of this kind is named by where it is held
	}
	if !anchored || (typ == graph.TypeOrganization && !definite && len(inner) == 0 && alias == "") {
		return nil // منظمة دولية شريكة: an indefinite noun, not a name
	}
	nameEnd := last
	if organiser != nil && organiser.aliasAt > 0 && organiser.last == last {
		nameEnd = organiser.aliasAt - 1 // the organiser's alias is its name, not the event's
	}
	name := s.surfaceStem(i, nameEnd)
	if paren {
		name = s.surfaceStem(i, i) + " " + alias // the parentheses are no part of it
	}
	aliasAt := 0
	// A quoted alias right after the name: مجموعة التركيز الإفريقي “Africa Focus Group”.
	if alias == "" && last+1 < len(ws) && ws[last+1].quoteOpen {
		k := last + 1
		for k < len(ws) && !ws[k].quoteClose && !ws[k].isPunct() && k-last < 8 {
			k++
		}
		if k < len(ws) && ws[k].quoteClose {
			alias = s.surface(last+1, k)
			aliasAt = last + 1
			last = k
		}
	}
	// …or in parentheses: منظمة الأمم المتحدة للتربية والعلم والثقافة (اليونسكو).
	if alias == "" && last+3 < len(ws) && ws[last+1].Text == "(" {
		k := last + 2
		for k < len(ws) && k-last < 6 && ws[k].Text != ")" && !ws[k].isPunct() {
			k++
		}
		if k < len(ws) && ws[k].Text == ")" && k > last+2 {
			alias = s.surface(last+2, k-1)
			aliasAt = last + 2
			last = k
		}
	}
	var l *local
	switch typ {
	case graph.TypeEvent:
		// Names inside the event's name tell events apart: منتدى الأعمال
		// المغربي البرتغالي is not منتدى الأعمال التونسي الياباني.
		for _, c := range inner {
			if c != organiser && c != place && c.ent.typ != graph.TypeOrganization {
				modifiers = append(modifiers, c.ent.ref())
			}
		}
		l = d.eventEntity(name, head, modifiers, organiser, place, s, i)
	default:
		l = d.orgEntity(name, head, inner, s, i)
	}
	if l == nil {
		return nil
	}
	if alias != "" {
		if other := d.findByName(alias, l.typ); other != nil && other != l {
			d.merge(l, other)
		}
		d.addName(l, alias)
	}
	if typ == graph.TypeEvent {
		// منتدى التعاون الصيني الإفريقي FOCAC 9: a numbered name right after
		// the phrase (past one more adjective) names the same event.
		for k := last + 1; k < len(ws) && k <= last+2; k++ {
			if c := covered[k]; c != nil && c.first == k && c.ent.final().numbered {
				inner = append(inner, c)
				break
			}
			if !definiteWord(ws[k]) || covered[k] != nil {
				break
			}
		}
	}
	for _, c := range inner {
		if c.ent.final().numbered && typ == graph.TypeEvent {
			// مؤتمر الأطراف COP28: the phrase and its numbered name are one
			// event, keyed by the number.
			d.merge(c.ent, l)
			l = c.ent.final()
		}
	}
	m := add(&mention{first: i, last: last, phrase: i, ent: l, prep: w.pre, aliasAt: aliasAt})
	for _, c := range inner {
		if c.parent == nil || c.parent != m {
			c.parent = m
		}
		if c.anaphor {
			s.mentions = append(s.mentions, c)
		}
	}
	if organiser != nil && typ == graph.TypeEvent {
		d.slot(fact{pred: graph.OrganizedBy, s: l, o: organiser.ent, sent: s, confidence: 0.85})
	}
	if place != nil && typ == graph.TypeEvent {
		d.slot(fact{pred: graph.HeldIn, s: l, o: place.ent, sent: s, confidence: 0.8})
		if placeNamedHeads[head] {
			for _, c := range d.placesListedAfter(s, place) {
				d.slot(fact{pred: graph.HeldIn, s: l, o: c.ent, sent: s, confidence: 0.8}) // في باريس وبوردو وليون
			}
		}
	}
	return m
}

// parenthesisedName returns the index of the ")" that closes one to three
// name words after the "(" at j (no punctuation or function word among
// them), or 0.
func (d *Document) parenthesisedName(ws []word, j int) int {
	for k := j + 1; k < len(ws) && k <= j+4; k++ {
		if ws[k].Text == ")" {
			if k == j+1 {
				return 0
			}
			return k
		}
		if ws[k].isPunct() || d.x.lex.IsStopword(ws[k].Key) || ws[k].Kind == text.Number {
			return 0
		}
	}
	return 0
}

// accusative reports whether an Arabic word is an indefinite accusative
// (إنجازا، مؤتمرا): no article, no proclitic, the tanween alif at its end.
// Such a word agrees only with an accusative head.
func accusative(w word) bool {
	return w.Kind == text.Word && w.pre == "" && !strings.HasPrefix(w.Key, "ال") && strings.HasSuffix(w.Key, "ا") && len([]rune(w.Key)) >= 4
}

// quotedSpanEnd returns the closing word of a quoted span opening at word
// k (up to eight words), or -1.
func quotedSpanEnd(ws []word, k int) int {
	if k >= len(ws) || !ws[k].quoteOpen {
		return -1
	}
	for q := k; q < len(ws) && q-k < 8; q++ {
		if ws[q].quoteClose {
			return q
		}
		if q > k && ws[q].isPunct() && !ws[q].quoteClose {
			return -1
		}
	}
	return -1
}

// eventEntity finds or creates the event a phrase names. An event named
// only by its head and a city (اجتماع مراكش) is the article's main event
// when there is one: writers name a meeting by where it is held.
func (d *Document) eventEntity(name, head string, modifiers []string, organiser, place *mention, s *Sentence, i int) *local {
	if organiser == nil && place != nil && onlyPlace(modifiers) {
		if main := d.mainEvent(); main != nil && !d.heldElsewhere(main, place.ent) {
			return main
		}
	}
	// The key is language-neutral: the head's and the adjectives' English
	// forms, so الاجتماع الوزاري and "ministerial meeting" meet.
	if en, ok := d.x.lex.EventHead(head); ok {
		head = strings.ToLower(en)
	}
	canon := make([]string, len(modifiers))
	for i, m := range modifiers {
		canon[i] = firstNonEmpty(d.x.rules.modifiers[m], m)
	}
	key := "ev:" + head + "|" + strings.Join(canon, " ")
	if organiser != nil {
		key += "|by:" + organiser.ent.ref()
	} else if place != nil && onlyPlace(modifiers) {
		key += "|in:" + place.ent.ref() // مؤتمر وارسو is not مؤتمر البحرين
	}
	if l := d.byKey[key]; l != nil {
		d.addName(l, name)
		return l
	}
	l := d.newLocal(graph.TypeEvent, name)
	l.head = head
	l.eventKey = key
	l.organiser = organiser
	d.byKey[key] = l
	return l
}

func onlyPlace(mods []string) bool { return len(mods) == 0 }

// heldElsewhere reports whether the article already holds event ev in a
// place other than place: مؤتمر وارسو is not a conference held in
// Bahrain.
func (d *Document) heldElsewhere(ev, place *local) bool {
	place = place.final()
	elsewhere := func(f fact) bool {
		return f.pred == graph.HeldIn && f.s.final() == ev && f.o.final() != place
	}
	for _, f := range d.rels {
		if elsewhere(f) {
			return true
		}
	}
	for _, f := range d.slots {
		if elsewhere(f) {
			return true
		}
	}
	return false
}

// orgEntity finds or creates the organisation a phrase names.
func (d *Document) orgEntity(name, head string, inner []*mention, s *Sentence, i int) *local {
	// التحالف ضد داعش is التحالف الدولي لهزيمة داعش when both oppose the
	// same target: the signature is head + target.
	sig := ""
	for _, c := range inner {
		if c.ent.typ == graph.TypeOrganization && c.first > 0 && d.opposesBefore(s.words, c.first) {
			sig = "sig:" + head + "|" + c.ent.ref()
		}
	}
	if sig != "" {
		if l := d.byKey[sig]; l != nil {
			d.addName(l, name)
			return l.final()
		}
	}
	if l := d.findByName(name, graph.TypeOrganization); l != nil {
		return l
	}
	l := d.entity(graph.TypeOrganization, name, nil)
	l.head = head
	if sig != "" {
		d.byKey[sig] = l
		l.sig = sig
	}
	for _, c := range inner {
		if c.ent.typ == graph.TypeCountry && l.country == "" {
			l.country = c.ent.lexID
		}
	}
	return l
}

// opposesBefore reports whether an OPPOSES trigger ends right before word i.
func (d *Document) opposesBefore(ws []word, i int) bool {
	for _, t := range d.x.rules.triggers {
		if t.predicate != graph.Opposes {
			continue
		}
		n := len(t.words)
		if n > i+1 {
			continue
		}
		if start, ok := d.triggerEndsAt(ws, t, i); ok && start >= 0 {
			return true
		}
	}
	return false
}

// englishHeadPhrase: "the ministerial meeting of the Global Coalition",
// "Africa Focus Group General Meeting" is handled as a capitalised run.
func (d *Document) englishHeadPhrase(s *Sentence, i int, typ string, covered []*mention, add func(*mention) *mention) *mention {
	ws := s.words
	if typ != graph.TypeEvent {
		return nil
	}
	start := i
	var modifiers []string
	var organiser, place *mention
	for k := i - 1; k >= 0 && i-k <= 5; k-- {
		if c := covered[k]; c != nil && c.last == k && c.ent.typ == graph.TypeOrganization && organiser == nil && start == k+1 && !contestHeads[ws[i].Key] {
			organiser, start, k = c, c.first, c.first // the Arab League summit; a Lib Dem vote is no vote the party holds
			continue
		}
		if (ws[k].Kind == text.Latin || ws[k].Kind == text.Number) && (d.x.rules.modifiers[ws[k].Key] != "" || ordinalWord(ws[k].Key)) && covered[k] == nil {
			start = k
			modifiers = append([]string{ws[k].Key}, modifiers...)
			continue
		}
		break
	}
	last := i
	if i+2 < len(ws) && (ws[i+1].Key == "of" || ws[i+1].Key == "for") && !contestHeads[ws[i].Key] {
		k := i + 2
		if ws[k].Key == "the" && k+1 < len(ws) {
			k++
		}
		if c := covered[k]; c != nil && c.first == k && c.ent.typ == graph.TypeOrganization {
			organiser, last = c, c.last
		}
	}
	// the EU summit in Brussels, a conference at Lancaster House in London:
	// where it is held.
	if k := last + 1; k+1 < len(ws) && locatives[ws[k].Key] {
		if latinArticles[ws[k+1].Key] {
			k++
		}
		if c := covered[k+1]; c != nil && c.first == k+1 && c.ent.typ == graph.TypeCity {
			place = c
		}
	}
	if organiser == nil && len(modifiers) == 0 && place == nil {
		return nil
	}
	name := s.surface(start, last)
	keyMods := modifiers
	if organiser == nil && len(modifiers) == 0 {
		name = s.surface(start, place.last) // a bare head is named by its place: conference in London
		if start > 0 && latinArticles[ws[start-1].Key] && ws[start-1].Key != "the" {
			// "a conference in London" is a new event, not the article's
			// main one: its place is part of its key.
			keyMods = []string{"@" + place.ent.final().ref()}
		}
	}
	l := d.eventEntity(name, ws[i].Key, keyMods, organiser, place, s, start)
	m := add(&mention{first: start, last: last, phrase: start, ent: l})
	if organiser != nil {
		organiser.parent = m
		d.slot(fact{pred: graph.OrganizedBy, s: l, o: organiser.ent, sent: s, confidence: 0.85})
	}
	if place != nil {
		d.addName(l, s.surface(start, place.last)) // spring conference in Gateshead
		d.slot(fact{pred: graph.HeldIn, s: l, o: place.ent, sent: s, confidence: 0.8})
	}
	return m
}

// bodyGoesOn reports whether word k, right after a body's nisba, goes on
// with the body's purpose: a free noun behind لـ (لحقوق، لمناهضة، للتنمية).
func (d *Document) bodyGoesOn(ws []word, k int) bool {
	if k >= len(ws) || ws[k].isPunct() || ws[k].Kind != text.Word || d.cur.covered[k] != nil {
		return false
	}
	w := ws[k]
	if w.fs != nil && (w.fs.orgHead || w.fs.eventHead) {
		return false // للتحالف: a body of its own, not what this one is for
	}
	return (strings.HasPrefix(w.pre, "ل") || w.pre == "" && strings.HasPrefix(w.Key, "ل")) && !d.x.lex.IsStopword(w.Key) && !d.startsTrigger(ws, k)
}

// constructFollows reports whether word k is a plain definite noun that
// can close a construct (لعلماء | المسلمين): no clitic, no name, no trigger.
func (d *Document) constructFollows(ws []word, k int) bool {
	if k >= len(ws) || ws[k].Kind != text.Word || ws[k].pre != "" || !strings.HasPrefix(ws[k].stem, "ال") {
		return false
	}
	if c := d.cur.covered[k]; c != nil && c.ent.typ != graph.TypeOrganization {
		return false
	}
	return !d.x.lex.IsStopword(ws[k].Key) && !d.startsTrigger(ws, k) && !timeWords[ws[k].stem]
}

// definiteWord reports whether x carries the article, behind a
// preposition or conjunction too (الدستوري، للدراسات، والبحوث).
func definiteWord(x word) bool {
	k := strings.TrimPrefix(x.Key, "و")
	return strings.HasPrefix(x.stem, "ال") || strings.HasPrefix(k, "ال") || strings.HasPrefix(k, "لل") || strings.HasPrefix(k, "بال")
}

// ordinalWord: 34th, 1st, 2nd, 3rd.
func ordinalWord(k string) bool {
	n := len(k)
	if n < 3 || k[0] < '0' || k[0] > '9' {
		return false
	}
	return ordinalSuffix[k[n-2:]]
}

// startsDate reports whether a month name or a year expression starts at j.
func (d *Document) startsDate(ws []word, j int) bool {
	if m, _ := d.cur.month(d.x.lex, j); m > 0 {
		return true
	}
	if dates.IsYearNoun(ws[j].Key) && j+1 < len(ws) && ws[j+1].Kind == text.Number {
		return true // الحزب في عام 2011: the year, not the name
	}
	// الثاني من أكتوبر: a day by its ordinal, then من and the month.
	if j+2 < len(ws) && ws[j+1].Key == "من" {
		if m, _ := d.cur.month(d.x.lex, j+2); m > 0 {
			return true
		}
	}
	return false
}

// dateEnd returns the last word of a day and month starting at j (12
// ديسمبر، الرابع من يوليوز, with a year after them), or -1.
func (d *Document) dateEnd(ws []word, j int) int {
	e := -1
	switch {
	case j+1 < len(ws) && ws[j].Kind == text.Number:
		if m, n := d.cur.month(d.x.lex, j+1); m > 0 {
			e = j + n
		}
	case j+2 < len(ws) && ws[j+1].Key == "من" && d.x.rules.modifiers[stripAl(ws[j].stem)] != "":
		if m, n := d.cur.month(d.x.lex, j+2); m > 0 {
			e = j + 1 + n
		}
	}
	if e > 0 && e+1 < len(ws) && ws[e+1].Kind == text.Number && len([]rune(ws[e+1].Text)) == 4 {
		e++ // 12 ديسمبر 2019
	}
	return e
}

// officeEndsBefore reports whether an Arabic title of an office that
// heads a body (president, secretary-general, director, chair, leader)
// ends right before word i: رئيس منتدى …، الأمين العام لمؤتمر ….
func (d *Document) officeEndsBefore(s *Sentence, i int) bool {
	if d.lang != "ar" {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		t, n := s.matchTitle(d.x.lex, k)
		if t != nil && k+n == i {
			switch t.Kind {
			case "president", "secretary-general", "director", "chair", "co-chair", "leader":
				return true
			}
			return false
		}
	}
	return false
}

// placesListedAfter returns the cities listed right after m, joined by
// "and" or commas (في باريس وبوردو وليون، in London, Leeds and York).
func (d *Document) placesListedAfter(s *Sentence, m *mention) []*mention {
	ws := s.words
	var out []*mention
	k := m.last + 1
	for k < len(ws) {
		joined := false
		if conjunctions[ws[k].Key] || ws[k].comma {
			k++
			joined = true
		}
		if k >= len(ws) {
			break
		}
		c := s.covered[k]
		if c == nil || c.first != k || c.ent.final().typ != graph.TypeCity || !joined && !strings.HasPrefix(ws[k].pre, "و") {
			break
		}
		out = append(out, c)
		k = c.last + 1
	}
	return out
}
