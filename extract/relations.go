package extract

import (
	"strings"

	"github.com/kgraph/kgraph/extract/resolve"
	"github.com/kgraph/kgraph/extract/text"
	"github.com/kgraph/kgraph/graph"
)

// triggerAt returns the longest trigger phrase starting at word i and the
// index of the first word after it. A trailing one-letter preposition in a
// phrase (التابعة ل) is satisfied by the next word's proclitic and does not
// consume that word.
func (d *Document) triggerAt(ws []word, i int) (*trigger, int) {
	s := d.cur
	if s == nil || len(ws) == 0 || len(s.words) != len(ws) || &s.words[0] != &ws[0] {
		return d.findTrigger(ws, i)
	}
	// Many stages ask about the same word; look each word up once.
	if s.trig == nil {
		s.trig = make([]trigHit, len(ws))
	}
	h := &s.trig[i]
	if !h.done {
		h.t, h.next = d.findTrigger(ws, i)
		h.done = true
	}
	return h.t, h.next
}

type trigHit struct {
	t    *trigger
	next int
	done bool
}

func (d *Document) findTrigger(ws []word, i int) (*trigger, int) {
	var best *trigger
	bestNext, bestLen := 0, 0
	if ws[i].isPunct() {
		return nil, 0
	}
	cands := firstWordCandidates(ws[i])
	for ci, c := range cands {
		if c == "" || (ci > 0 && c == cands[0]) {
			continue
		}
		for _, k := range d.x.rules.triggersByFirst[c] {
			t := &d.x.rules.triggers[k]
			if next, ok := matchPhrase(ws, i, t.words); ok && len(t.words) > bestLen {
				best, bestNext, bestLen = t, next, len(t.words)
			}
		}
	}
	return best, bestNext
}

// startsTrigger reports whether a relation trigger other than an OPPOSES
// one (which may stand inside a name) starts at word j.
func (d *Document) startsTrigger(ws []word, j int) bool {
	t, _ := d.triggerAt(ws, j)
	return t != nil && t.predicate != graph.Opposes
}

// triggerEndsAt reports whether t's phrase ends right before word i.
func (d *Document) triggerEndsAt(ws []word, t trigger, i int) (int, bool) {
	for start := max(0, i-len(t.words)-2); start <= i; start++ {
		if next, ok := matchPhrase(ws, start, t.words); ok && next == i {
			return start, true
		}
	}
	return -1, false
}

// matchPhrase matches folded phrase words at ws[i:], skipping punctuation
// inside the text ("يرأسها، بشكل مشترك،").
func matchPhrase(ws []word, i int, phrase []string) (int, bool) {
	j := i
	for p, want := range phrase {
		for p > 0 && j < len(ws) && (ws[j].isPunct() && !ws[j].stop || timeFiller(ws[j])) {
			j++ // وصل، اليوم الأربعاء، إلى: a time inside the phrase
		}
		if j >= len(ws) || ws[j].isPunct() {
			return 0, false
		}
		w := ws[j]
		last := p == len(phrase)-1
		if last && (want == "ل" || want == "ب") && p > 0 {
			// Satisfied by the next word's proclitic, or a bare لـ / بـ.
			if w.Key == want {
				return j + 1, true
			}
			if strings.Contains(w.pre, want) || (want == "ل" && strings.HasPrefix(w.Key, "ل") && w.pre == "" && len([]rune(w.Key)) > 3) {
				return j, true
			}
			return 0, false
		}
		switch {
		case w.Key == want, w.stem == want:
		case p == 0 && (w.pre == "و" || w.pre == "ف") && w.stem == want:
		case p == 0 && strings.HasPrefix(w.Key, "و") && w.Key[len("و"):] == want:
		default:
			return 0, false
		}
		j++
	}
	return j, true
}

// timeFiller reports whether w only says when (اليوم، الأربعاء, today):
// such words may stand between the words of a trigger phrase.
func timeFiller(w word) bool {
	return dateCues[w.Key] || calendarWords[w.Key]
}

// relations reads the facts of one sentence from its triggers.
func (d *Document) relations(s *Sentence) {
	ws := s.words
	d.relAnte = nil
	d.pendingEvent = nil
	// Clause bounds: a trigger's arguments after it stop at the next
	// trigger or relative pronoun (… تحتضن مقر المركز، التابع للاتحاد …).
	s.bounds = s.bounds[:0]
	for i := range ws {
		if t, _ := d.triggerAt(ws, i); (t != nil && t.predicate != graph.Opposes) || d.relativeWithTrigger(ws, i) {
			if c := s.covering(i); c == nil || c.phrase >= i {
				s.bounds = append(s.bounds, i)
			}
		}
	}
	for i := 0; i < len(ws); i++ {
		t, next := d.triggerAt(ws, i)
		if t == nil {
			continue
		}
		d.limit = len(ws)
		for _, b := range s.bounds {
			if b > i && b >= next {
				d.limit = b
				break
			}
		}
		if c := s.covering(i); c != nil && t.predicate != graph.Opposes && t.frame != frameRole && c.phrase < i {
			continue // a trigger word inside a name is part of the name
		}
		d.trigger = i
		d.apply(s, t, i, next)
		d.trigger = -1
		if next > i+1 {
			i = next - 1
		}
	}
	d.attributes(s)
	d.locatedIn(s)
	d.hostedIn(s)
	d.eventPhrases(s)
}

// traveller is the subject of the last visit sentence s has stated so far,
// or nil.
func (d *Document) traveller(s *Sentence) *local {
	for k := len(d.rels) - 1; k >= 0 && d.rels[k].sent == s; k-- {
		if d.rels[k].pred == graph.Visited {
			return d.rels[k].s
		}
	}
	return nil
}

// commaBetween reports whether a comma or stop stands between words i
// and j of s.
func (s *Sentence) commaBetween(i, j int) bool {
	for k := i + 1; k < j && k < len(s.words); k++ {
		if s.words[k].comma || s.words[k].stop {
			return true
		}
	}
	return false
}

// subjectRightBefore is a fitting mention between a complementizer and
// the verb at i (أن المغرب سيشارك): after أن / إن Arabic puts the subject
// first. Elsewhere a name right before a trigger may be anything (وصف
// الوزير مشاركة المغرب: the participation is Morocco's). A nisba or a
// name inside another is none.
func (d *Document) subjectRightBefore(s *Sentence, i int, types map[string]bool) *mention {
	m := d.mentionEndingAt(s, i-1)
	if m == nil || m.nisba || m.parent != nil || m.anaphor || !types[m.ent.final().typ] {
		return nil
	}
	if m.first == 0 || !complementizers[s.words[m.first-1].Key] {
		return nil
	}
	return m
}

// anaphorConfidence scales a fact one of whose arguments is an anaphor:
// the resolution may be wrong where the name could not be.
const anaphorConfidence = 0.85

// hostedIn: a country that hosts an event "in" a city (hosted … in
// Marrakech / يستضيف … بمراكش) says where the event is held.
func (d *Document) hostedIn(s *Sentence) {
	place := d.placeIn(s)
	if place == nil || place.ent.final().typ != graph.TypeCity {
		return
	}
	n := len(d.rels)
	for i := 0; i < n; i++ {
		f := d.rels[i]
		if f.sent != s || f.trigger < 0 {
			continue
		}
		switch {
		case f.pred == graph.Hosts && f.o.final().typ == graph.TypeEvent:
			d.relate(graph.HeldIn, f.o, place.ent, s, f.confidence*0.85)
		case f.pred == graph.OrganizedBy && d.x.rules.args[graph.Hosts].object[graph.TypeEvent] && hostsTrigger(d, s, f.trigger):
			// نظمت الجمعية بالرباط ندوة: an organisation that hosts an
			// event in a city (relate made it the organiser) holds it there.
			d.relate(graph.HeldIn, f.s, place.ent, s, f.confidence*0.85)
		}
	}
}

// hostsTrigger reports whether the trigger at word i of s is a HOSTS one.
func hostsTrigger(d *Document, s *Sentence, i int) bool {
	t, _ := d.triggerAt(s.words, i)
	return t != nil && t.predicate == graph.Hosts
}

// jointly reports whether the clause of the trigger at i says it is done
// jointly (بشكل مشترك, jointly), which makes chairing co-chairing.
func (d *Document) jointly(s *Sentence, i int) bool {
	for k := i; k < len(s.words) && k < d.limit; k++ {
		if jointlyWords[s.words[k].stem] {
			return true
		}
	}
	return false
}

// continues reports whether the verb at i continues the clause before it
// with the same subject: "كما" / "ثم" / ", and" right before it.
func (d *Document) continues(s *Sentence, i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if continuations[s.words[k].Key] {
			return true
		}
		if !s.words[k].comma {
			return false
		}
	}
	return false
}

// shadda marks a doubled consonant; with it مثّل is the verb, not "like".
const shadda = '\u0651'

// sportsSide reports whether m names a side in a game: a team (منتخب،
// فريق، نادي) by its head.
func (d *Document) sportsSide(m *mention) bool {
	l := m.ent.final()
	if sportsHeads[l.head] {
		return true
	}
	ks := foldWords(l.name)
	return len(ks) > 0 && sportsHeads[resolve.StripArticle(ks[0])]
}

// relativeWithTrigger reports whether a relative pronoun at i opens a clause
// that states a fact (، والذي ترأس …); one that does not (، الذي يستمر
// يومين،) is skipped over rather than ending the main clause.
func (d *Document) relativeWithTrigger(ws []word, i int) bool {
	if !d.isRelative(ws[i]) {
		return false
	}
	for k := i + 1; k < len(ws) && k <= i+3 && !ws[k].comma && !ws[k].stop; k++ {
		if t, _ := d.triggerAt(ws, k); t != nil {
			return true
		}
	}
	return false
}

// apply links a trigger's arguments according to its frame.
func (d *Document) apply(s *Sentence, t *trigger, i, next int) {
	at := d.x.rules.args[t.predicate]
	conf := t.confidence
	pred := t.predicate
	if pred == graph.Chairs && d.jointly(s, i) {
		pred = graph.CoChairs // وتترأس الندوة بشكل مشترك كل من تونس واليابان
	}
	if next < len(s.words) && appearanceWords[s.words[next].Key] && pred == graph.Represents {
		return // يمثل أمام المحكمة: appears before the court, represents nobody
	}
	if w := s.words[i]; pred == graph.Represents && likeWords[w.stem] && w.pre == "" && i > 0 && !strings.ContainsRune(w.Text, shadda) {
		return // دول مثل المغرب، مثل هذه الأدلة: "like"; the verb مثّل opens its clause (ومثل المملكة)
	}
	rel := func(sub, obj *mention, c float64) {
		if b := d.possessedBody(s, obj); b != nil {
			obj = b // who is on Labour's ruling NEC: the NEC, not Labour
		}
		if pred == graph.Opposes && sub != nil && obj != nil && (d.sportsSide(sub) || d.sportsSide(obj)) {
			return // ناميبيا … ضد منتخب جنوب إفريقيا: a match, not a campaign
		}
		if sub != nil && obj != nil {
			if sub.anaphor || obj.anaphor {
				c *= anaphorConfidence // هذا الاجتماع، بلاده, the party: resolved, not named
			}
			d.relate(pred, sub.ent, obj.ent, s, c)
		}
	}
	if pred == graph.Attended && t.frame == frameVerb && d.lang == "ar" && strings.HasPrefix(s.words[i].Key, "ل") {
		// وصل X إلى الأرجنتين للمشاركة في القمة: whoever travelled there
		// to take part takes part.
		if who := d.traveller(s); who != nil {
			for _, o := range d.list(s, d.after(s, next, at.object, nil)) {
				d.relate(pred, who, o.ent, s, conf*0.9)
			}
			return
		}
	}
	switch t.frame {
	case frameVerb:
		subj := d.antecedent(s, i, at.subject)
		if subj == nil && d.lang != "en" {
			subj = d.subjectRightBefore(s, i, at.subject) // أن المغرب سيشارك في …: SVO
		}
		if subj != nil {
			for _, o := range d.list(s, d.after(s, next, at.object, subj)) {
				rel(subj, o, conf*0.95)
			}
			return
		}
		var first *mention
		if d.lang != "en" {
			if !d.x.lex.IsStopword(t.words[len(t.words)-1]) && d.unnamedSubject(s, next) {
				// زار نحو 500 ألف سائح سعودي تركيا: tourists visit, and nobody
				// named. (After شارك في, the object comes first.)
				return
			}
			first = d.after(s, next, at.subject, nil)
		}
		if first != nil {
			// The object comes after the whole subject list: two items of
			// one list (بالاشتراك بين A، وB) are never subject and object.
			subjects := d.list(s, first)
			if obj := d.after(s, subjects[len(subjects)-1].last+1, at.object, first); obj != nil {
				for _, sub := range subjects {
					for _, o := range d.list(s, obj) {
						rel(sub, o, conf)
					}
				}
				d.lastSubject = first.ent.final()
				return
			}
			// كما التقى الرئيس السنغالي ماكي سال: one name after the verb is
			// its object; the subject is the one of the clause before.
			if p := d.lastSubject; p != nil && (d.continues(s, i) || d.before(s, i, at.subject, 0) == nil) && at.subject[p.typ] && at.object[first.ent.final().typ] && p != first.ent.final() {
				for _, o := range subjects {
					d.relate(pred, p, o.ent, s, conf*0.85)
				}
				return
			}
		}
		subj = d.agentBefore(s, i, at.subject, 0)
		obj := d.after(s, next, at.object, subj)
		if obj != nil && d.lang == "en" && s.commaBetween(next-1, obj.phrase) {
			// "is visiting a mixture of seats, where his party …": an
			// English verb's object comes before the first comma after it.
			obj = nil
		}
		if obj != nil && obj.last+1 < len(s.words) && bodyUnits[s.words[obj.last+1].Key] {
			obj = nil // who led Care International operations in Iraq: a unit of the body, not the body
		}
		if subj == nil && first != nil && obj == nil {
			return
		}
		if subj == nil && first == nil && obj != nil && pred == graph.Attended {
			d.pendingEvent = obj.ent // وشارك في المؤتمر ممثلون عن …، من بينها لبنان
		}
		if subj == nil && first != nil && !d.afterLocative(s, first) { // object before subject: شارك في الاجتماع وزراء من تركيا وإيران
			for _, sub := range d.list(s, first) {
				rel(sub, obj, conf*0.9)
			}
			return
		}
		for _, o := range d.list(s, obj) {
			rel(subj, o, conf*0.9)
		}
		if subj != nil && obj != nil {
			d.lastSubject = subj.ent.final()
		}
	case framePassive, frameRelPassive:
		obj := d.antecedent(s, i, at.object)
		if obj == nil && t.frame == framePassive {
			obj = d.before(s, i, at.object, 0)
		}
		for _, sub := range d.list(s, d.after(s, next, at.subject, obj)) {
			rel(sub, obj, conf)
		}
	case frameBy, frameListObj:
		obj := d.antecedent(s, i, at.object)
		if obj == nil {
			obj = d.before(s, i, at.object, 0)
		}
		if obj == nil && pred == graph.MemberOf && d.pendingEvent != nil {
			// "among them" after a participation: they took part.
			for _, sub := range d.list(s, d.after(s, next, map[string]bool{graph.TypeCountry: true, graph.TypeOrganization: true}, nil)) {
				d.relate(graph.Attended, sub.ent, d.pendingEvent, s, conf*0.9)
			}
			return
		}
		if obj == nil && at.object[graph.TypeEvent] {
			if e := d.mainEvent(); e != nil {
				obj = &mention{ent: e}
			}
		}
		for _, sub := range d.list(s, d.after(s, next, at.subject, obj)) {
			rel(sub, obj, conf)
		}
	case frameEventBy:
		subj := d.antecedent(s, i, at.subject)
		if subj == nil {
			subj = d.before(s, i, at.subject, 0)
		}
		if subj == nil && at.subject[graph.TypeEvent] {
			if e := d.mainEvent(); e != nil {
				subj = &mention{ent: e}
			}
		}
		for _, o := range d.list(s, d.after(s, next, at.object, subj)) {
			rel(subj, o, conf)
		}
	case frameLink:
		subj := s.containerFitting(i, at.subject)
		if subj == nil {
			subj = d.agentBefore(s, i, at.subject, t.gender)
		}
		if subj != nil && subj.parent != nil && subj.parent.ent.final().typ == graph.TypePerson {
			subj = nil // the body in someone's title (chairperson of the AU) is not the clause's subject
		}
		obj := d.after(s, next, at.object, subj)
		if obj != nil && obj.phrase > next+2 {
			obj = nil // a link (التابعة لـ, on the sidelines of) governs the noun right after it
		}
		if subj == nil && obj != nil && obj.ent.final().typ == graph.TypeEvent {
			// Fronted: على هامش المؤتمر، عقدت القمة … — the subject, an
			// event named on its own, follows.
			d.limit = len(s.words)
			if c := d.after(s, obj.last+1, map[string]bool{graph.TypeEvent: true}, obj); c != nil && c.parent == nil && at.subject[graph.TypeEvent] {
				subj = c
			}
		}
		rel(subj, obj, conf)
	case frameNextTo:
		// The thing placed is the mention right before the trigger, across
		// a comma and a relative clause's opening (، which is; التي يوجد):
		// in "flight attendants based in London" it is the attendants, no
		// one named.
		k := i - 1
		for k >= 0 && (s.words[k].comma || d.isRelative(s.words[k]) || isAuxiliary(s.words[k].Key) || nextToFillers[s.words[k].Key]) {
			k--
		}
		subj := d.mentionEndingAt(s, k)
		if subj == nil || !at.subject[subj.ent.final().typ] || subj.nisba {
			return
		}
		obj := d.after(s, next, at.object, subj)
		if obj != nil && obj.phrase > next+2 {
			obj = nil
		}
		rel(subj, obj, conf)
	case frameComprises:
		// The body is the name right before the trigger (المجموعة التي تضم
		// …: no body named, no members); its members are listed after.
		k := i - 1
		for k >= 0 && (s.words[k].comma || d.isRelative(s.words[k]) || nextToFillers[s.words[k].Key]) {
			k--
		}
		obj := d.mentionEndingAt(s, k)
		if obj == nil || !at.object[obj.ent.final().typ] || obj.nisba || d.sportsSide(obj) {
			return
		}
		for _, sub := range d.list(s, d.after(s, next, at.subject, obj)) {
			rel(sub, obj, conf)
		}
	case frameRole:
		subj := s.containerFitting(i, at.subject)
		if c := s.covering(i); subj == nil && c != nil && c.phrase == i && at.subject[c.ent.final().typ] {
			subj = c // البلد المضيف لـ: the trigger itself names the host
		}
		first := d.after(s, next, union(at.subject, at.object), subj)
		if first == nil {
			return
		}
		if subj == nil && at.subject[first.ent.typ] && !at.object[first.ent.typ] {
			rel(first, d.after(s, first.last+1, at.object, first), conf)
			return
		}
		if subj == nil {
			subj = d.before(s, i, at.subject, 0)
		}
		if subj == nil {
			subj = d.after(s, first.last+1, at.subject, first)
			if subj != nil && s.commaBetween(first.last, subj.first) {
				subj = nil // رئيسا للجنة القدس، إضافة إلى … فلسطين: another clause's name
			}
		}
		if subj == nil && pred == graph.Hosts {
			// البلد المضيف لـ with no country named: the story's country.
			// (Who chairs a body is not guessed so.)
			if c := d.focus(graph.TypeCountry); c != nil && at.subject[graph.TypeCountry] {
				subj = &mention{ent: c}
			}
		}
		rel(subj, first, conf*0.9)
	case frameAlso:
		// إلى جانب X / as well as X: more of the same kind of fact the
		// sentence already stated (participants after participants).
		var prev *fact
		for k := len(d.rels) - 1; k >= 0; k-- {
			if f := &d.rels[k]; f.sent == s && f.pred == pred && f.trigger >= 0 && f.trigger < i {
				prev = f
				break
			}
		}
		if prev == nil {
			return
		}
		for _, sub := range d.list(s, d.after(s, next, at.subject, nil)) {
			if sub.phrase == next && !sub.anaphor { // ممثلي أعضاء التحالف: members of it, not it
				d.relate(pred, sub.ent, prev.o, s, conf)
			}
		}
	case frameEventIn:
		ev := d.after(s, next, map[string]bool{graph.TypeEvent: true}, nil)
		if ev == nil {
			ev = d.before(s, i, map[string]bool{graph.TypeEvent: true}, 0)
		}
		if place := d.placeIn(s); ev != nil && place != nil {
			d.relate(graph.HeldIn, ev.ent, place.ent, s, conf)
		}
	}
}

func union(a, b map[string]bool) map[string]bool {
	m := map[string]bool{}
	for k := range a {
		m[k] = true
	}
	for k := range b {
		m[k] = true
	}
	return m
}

// antecedent resolves a relative pronoun right before the trigger (الذي
// يحتضن، والتي يرأسها، which hosts). Coordinated relatives in one sentence
// ("، والذي …، والذي …") share their antecedent.
func (d *Document) antecedent(s *Sentence, i int, types map[string]bool) *mention {
	ws := s.words
	k := i - 1
	for k >= 0 && (ws[k].comma || isAuxiliary(ws[k].Key)) {
		k--
	}
	if k < 0 || !d.isRelative(ws[k]) {
		return nil
	}
	if (ws[k].pre == "و" || (k > 0 && conjunctions[ws[k-1].Key])) && d.relAnte != nil && types[d.relAnte.typ] {
		return &mention{ent: d.relAnte, first: -1, last: -1}
	}
	m := d.before(s, k, types, genderOfWord(ws[k].stem))
	if m != nil {
		d.relAnte = m.ent.final()
	}
	return m
}

func isAuxiliary(k string) bool {
	return auxiliaries[k]
}

// before is the nearest mention ending before word i whose type fits (and,
// when gender is set, whose gender agrees). Ties go to the outer mention.
func (d *Document) before(s *Sentence, i int, types map[string]bool, gender byte) *mention {
	var best *mention
	for _, m := range s.mentions {
		if m.last >= i || m.first < 0 || m.nisba || !types[m.ent.final().typ] {
			continue // a nisba is an adjective, never an argument on its own
		}
		if gender != 0 && !agrees(m.ent.final(), gender) {
			continue
		}
		if best == nil || m.last > best.last || (m.last == best.last && m.first < best.first) {
			best = m
		}
	}
	return best
}

// agentBefore is the nearest fitting mention before word i that can be
// who acts: a possessor (حملة بنسودة … بزيارة إلى: whose campaign it is,
// not who visits) gives way to someone named before it.
func (d *Document) agentBefore(s *Sentence, i int, types map[string]bool, gender byte) *mention {
	m := d.before(s, i, types, gender)
	if m != nil && d.possessor(s, m) {
		if other := d.before(s, m.first, types, gender); other != nil {
			return other
		}
	}
	return m
}

// unnamedSubject reports whether the Arabic verb whose arguments start at
// word k has a common noun for its subject (زار … سائح، وصل … مهاجرا):
// past quantities, function words and time words, the first word is no
// name, no title and no preposition's object, and the tagger reads it as
// no name.
func (d *Document) unnamedSubject(s *Sentence, k int) bool {
	ws := s.words
	for j := k; j < len(ws) && j < k+6; j++ {
		w := ws[j]
		if s.covered[j] != nil || w.isPunct() || w.Kind != text.Word && w.Kind != text.Number {
			return false
		}
		if w.Kind == text.Number || d.x.rules.numbers[w.Key] != "" || quantityWords[w.Key] || d.x.lex.IsStopword(w.Key) || timeWords[w.stem] || dateCues[w.Key] || calendarWords[w.Key] {
			continue
		}
		if placeWords[w.stem] || w.fs.orgHead || w.fs.eventHead {
			return false // العاصمة القاهرة، المجلس …: a name follows its head
		}
		if w.pre != "" && w.pre != "و" || d.startsTrigger(ws, j) || d.isRelative(w) {
			return false
		}
		if _, n := s.matchTitle(d.x.lex, j); n > 0 {
			return false
		}
		// A word the tagger reads as no name, and no list knows as one.
		return d.tagged && !d.taggerSees(j, "PER") && !d.taggerSees(j, "ORG") && !d.taggerSees(j, "LOC") && !d.taggerSees(j, "MISC") &&
			!d.x.lex.IsGivenName(w.Key) && !d.x.lex.IsGivenName(w.stem)
	}
	return false
}

// possessor reports whether Arabic mention m is the possessor after a bare
// noun (حملة بنسودة، مكتب الكتاني): a noun without the article, which no
// mention covers and which is no title or function word.
func (d *Document) possessor(s *Sentence, m *mention) bool {
	if d.lang != "ar" || m.first < 1 || m.phrase != m.first {
		return false
	}
	k := m.first - 1
	w := s.words[k]
	if w.Kind != text.Word || w.pre != "" || strings.HasPrefix(w.Key, "ال") || d.x.lex.IsStopword(w.Key) || s.covering(k) != nil {
		return false
	}
	if _, n := s.matchTitle(d.x.lex, k); n > 0 {
		return false
	}
	return !d.startsTrigger(s.words, k)
}

// after is the first fitting mention starting at or after word i, not
// counting skip. Ties go to the outer mention.
func (d *Document) after(s *Sentence, i int, types map[string]bool, skip *mention) *mention {
	var best *mention
	for _, m := range s.mentions {
		if m.phrase < i || m.nisba || !types[m.ent.final().typ] || (d.limit > 0 && m.phrase >= d.limit) {
			continue
		}
		if skip != nil && (m == skip || m.ent.final() == skip.ent.final()) {
			continue
		}
		if best == nil || m.phrase < best.phrase || (m.phrase == best.phrase && m.last > best.last) {
			best = m
		}
	}
	return best
}

// covering is the outermost mention that covers word i, if any.
func (s *Sentence) covering(i int) *mention {
	var best *mention
	for _, m := range s.mentions {
		if m.phrase <= i && i <= m.last && m.first >= 0 {
			if best == nil || m.last-m.phrase > best.last-best.phrase {
				best = m
			}
		}
	}
	return best
}

// containerFitting is the innermost mention of a fitting type that contains
// word i without starting there: the coalition in التحالف الدولي ضد داعش.
func (s *Sentence) containerFitting(i int, types map[string]bool) *mention {
	var best *mention
	for _, m := range s.mentions {
		if m.phrase < i && i <= m.last && types[m.ent.final().typ] && m.first >= 0 {
			if best == nil || m.last-m.phrase < best.last-best.phrase {
				best = m
			}
		}
	}
	return best
}

// list expands a mention into the coordinated list it heads: A، وB، وC /
// A, B and C. Items are mentions of the same coarse type.
func (d *Document) list(s *Sentence, m *mention) []*mention {
	if m == nil {
		return nil
	}
	out := []*mention{m}
	if m.first < 0 {
		return out
	}
	ws := s.words
	end := m.last
	for {
		k, sep := end+1, false
		for k < len(ws) && ws[k].comma {
			k, sep = k+1, true
		}
		if k < len(ws) && (conjunctions[ws[k].Key]) {
			k, sep = k+1, true
		}
		if k < len(ws) && ws[k].Key == "the" {
			k++
		}
		if k >= len(ws) {
			break
		}
		if strings.HasPrefix(ws[k].pre, "و") {
			sep = true
		}
		if !sep {
			break
		}
		var nextItem *mention
		for _, c := range s.mentions {
			if c.phrase == k && c.parent == nil && resolve.Coarse(c.ent.final().typ) == resolve.Coarse(m.ent.final().typ) && c.first >= 0 {
				if nextItem == nil || c.last > nextItem.last {
					nextItem = c
				}
			}
		}
		if nextItem == nil {
			break
		}
		out = append(out, nextItem)
		end = nextItem.last
	}
	return out
}

// placeIn is the place where the sentence's event happens: a city or
// country governed by بـ / في / in / at.
func (d *Document) placeIn(s *Sentence) *mention {
	ws := s.words
	for _, m := range s.mentions {
		t := m.ent.final().typ
		if (t != graph.TypeCity && t != graph.TypeCountry) || m.parent != nil || m.nisba || m.first < 0 {
			continue
		}
		if strings.Contains(m.prep, "ب") || (m.first > 0 && (locatives[ws[m.first-1].Key])) {
			return m
		}
		// في العاصمة التشادية إنجامينا / بمدينة طنجة: look past the noun
		// and its nisba for the preposition.
		for k := m.first - 1; k >= 0 && k >= m.first-3; k-- {
			if placeWords[ws[k].stem] {
				if strings.Contains(ws[k].pre, "ب") || (k > 0 && (locatives[ws[k-1].Key])) {
					return m
				}
				break
			}
		}
	}
	return nil
}

// locatedIn reads "نيامي النيجرية" (a city and a nisba) and "Marrakech,
// Morocco" as LOCATED_IN.
func (d *Document) locatedIn(s *Sentence) {
	for _, m := range s.mentions {
		if m.ent.final().typ != graph.TypeCity || m.first < 0 {
			continue
		}
		for _, c := range s.mentions {
			if c.ent.final().typ != graph.TypeCountry || c.first < 0 {
				continue
			}
			adjacent := c.first == m.last+1 && c.nisba
			// مدينة أبها السعودية: after "city" the country's name that reads
			// as its adjective (السعودية) is where the city lies.
			if c.first == m.last+1 && c.prep == "" && m.first > 0 && placeWords[s.words[m.first-1].stem] {
				adjacent = true
			}
			commaSep := c.first == m.last+2 && s.words[m.last+1].Text == "," && !c.nisba
			// طبرق شرق ليبيا, سرت في وسط ليبيا: a city and the part of
			// the country it lies in.
			if !c.nisba && d.directionBetween(s, m.last+1, c.first) {
				adjacent = true
			}
			// العاصمة التشادية إنجامينا: capital, nisba, city.
			capital := c.nisba && c.last == m.first-1 && c.first > 0 && placeWords[s.words[c.first-1].stem]
			if adjacent || commaSep || capital {
				d.relate(graph.LocatedIn, m.ent, c.ent, s, 0.9)
			}
		}
		d.townInRegion(s, m)
	}
	d.citiesInCountry(s)
	d.citiesSingledOut(s)
	d.basedIn(s)
	d.sitesInCity(s)
	d.partsOfPlace(s)
	for _, m := range s.mentions {
		if b := d.possessedBody(s, m); b != nil {
			d.relate(graph.PartOf, b.ent, m.ent, s, 0.75) // Labour's ruling NEC
		}
	}
}

// possessedBody is the body an English organisation's possessive owns
// (Labour's NEC, Labour's ruling NEC, GM's European arm Opel): a body
// right after it, past at most two words of the body-adjective class
// (extract/lang/en/words.tsv); nil otherwise. Other words between
// (Parmalat's auditors Grant Thornton) name no part.
func (d *Document) possessedBody(s *Sentence, m *mention) *mention {
	if m == nil || m.first < 0 || d.lang != "en" || m.ent.final().typ != graph.TypeOrganization || !s.words[m.last].poss {
		return nil
	}
	ws := s.words
	k := m.last + 1
	for n := 0; k < len(ws) && n < 2 && bodyAdjectives[ws[k].Key]; n++ {
		k++
	}
	if k >= len(ws) {
		return nil
	}
	if c := s.covered[k]; c != nil && c.first == k && c != m && c.ent.final().typ == graph.TypeOrganization && c.ent.final() != m.ent.final() {
		return c
	}
	return nil
}

// townInRegion: "Chatham, Kent" and "Wantage in Oxfordshire" — a town
// right before a region (a county, a state) behind a comma or "in" lies
// in it. The region is no possessive, and after a comma it closes the
// phrase, so that "in Paris, Europe's …" names no place of Paris.
func (d *Document) townInRegion(s *Sentence, m *mention) {
	ws := s.words
	k := m.last + 1
	if k+1 >= len(ws) || !(ws[k].Text == "," || locatives[ws[k].Key] && d.lang == "en") {
		return
	}
	c := s.covered[k+1]
	if c == nil || c.first != k+1 || c.ent.final().typ != graph.TypeLocation || c.nisba {
		return
	}
	end := c.last + 1
	if end < len(ws) && (ws[end].Key == "'s" || ws[end].Key == "’s") {
		return // in Paris, Europe's busiest capital
	}
	if end < len(ws) && ws[k].Text == "," && !ws[end].isPunct() && !conjunctions[ws[end].Key] {
		return // after a comma the region must end the phrase
	}
	d.relate(graph.LocatedIn, m.ent, c.ent, s, 0.8)
}

// partsOfPlace: "the London boroughs of Hillingdon and Wandsworth" — the
// places listed after a place and a part noun (extract/lang/en/words.tsv,
// part-noun) lie in that place.
func (d *Document) partsOfPlace(s *Sentence) {
	ws := s.words
	for _, p := range s.mentions {
		typ := p.ent.final().typ
		if typ != graph.TypeCity && typ != graph.TypeLocation && typ != graph.TypeCountry || p.nested() {
			continue
		}
		k := p.last + 1
		if k+2 >= len(ws) || !partNouns[ws[k].Key] || ws[k+1].Key != "of" {
			continue
		}
		first := s.covered[k+2]
		if first == nil || first.first != k+2 {
			continue
		}
		for _, m := range d.list(s, first) {
			if t := m.ent.final().typ; t == graph.TypeCity || t == graph.TypeLocation {
				d.relate(graph.LocatedIn, m.ent, p.ent, s, 0.8)
			}
		}
	}
}

// sitesInCity: a building or site that stays where it is, named right
// before "in <city>" (القنصلية السعودية في اسطنبول، سجن كوبر بالعاصمة
// الخرطوم, the Saudi consulate in Istanbul), lies in that city. Only heads
// of such sites (extract/lang/*/words.tsv, site-head) qualify: a minister
// or a meeting "in Rabat" is somewhere, but does not lie there.
func (d *Document) sitesInCity(s *Sentence) {
	ws := s.words
	for _, m := range s.mentions {
		typ := m.ent.final().typ
		if typ != graph.TypeOrganization && typ != graph.TypeLocation || m.nested() || !d.siteHead(ws, m) {
			continue
		}
		k := m.last + 1
		if k < len(ws) && locatives[ws[k].Key] {
			k++ // في اسطنبول
		} else if k >= len(ws) || !strings.Contains(ws[k].pre, "ب") {
			continue // بكراكاس, بالعاصمة: the preposition is a clitic
		}
		if k < len(ws) && placeWords[ws[k].stem] {
			k++ // بالعاصمة الخرطوم
		}
		for _, c := range s.mentions {
			if c.first == k && c.ent.final().typ == graph.TypeCity {
				d.relate(graph.LocatedIn, m.ent, c.ent, s, 0.85)
			}
		}
	}
}

// siteHead reports whether mention m opens with the head noun of a site
// (an embassy, an airport, a prison), behind an English article or adjective.
func (d *Document) siteHead(ws []word, m *mention) bool {
	for k := m.first; k <= m.last && k < m.first+3; k++ {
		if siteHeads[stripAl(ws[k].stem)] || siteHeads[ws[k].Key] {
			return true
		}
		if d.lang != "en" {
			return false // an Arabic head comes first
		}
	}
	return false
}

// directionBetween reports whether words from..to-1 say only which part
// of a place: a compass word (شرق، وسط), behind في / in if need be.
func (d *Document) directionBetween(s *Sentence, from, to int) bool {
	ws := s.words
	if from < to && locatives[ws[from].Key] {
		from++
	}
	return to == from+1 && (directions[ws[from].Key] || directions[ws[from].stem])
}

// afterLocative reports whether m follows "in" (في, بـ): a place where
// something is, never the subject of the verb.
func (d *Document) afterLocative(s *Sentence, m *mention) bool {
	if strings.Contains(m.prep, "ب") {
		return true
	}
	k := m.first - 1
	if k >= 0 && latinArticles[s.words[k].Key] {
		k--
	}
	if k > 0 && (directions[s.words[k].Key] || directions[s.words[k].stem]) {
		k-- // في وسط ليبيا: still a place
	}
	return k >= 0 && locatives[s.words[k].Key]
}

// citiesInCountry: "Dallas in the US", "Baghdad and Basra in Iraq",
// مراكش في المغرب — cities listed right before "in <country>" lie in it.
func (d *Document) citiesInCountry(s *Sentence) {
	ws := s.words
	for _, c := range s.mentions {
		if c.ent.final().typ != graph.TypeCountry || c.nisba || c.nested() || c.first < 2 {
			continue
		}
		k := c.first - 1
		if latinArticles[ws[k].Key] {
			k--
		}
		if k < 1 || !locatives[ws[k].Key] {
			continue
		}
		// Walk back over the list of cities before "in".
		for k--; k >= 0; {
			m := s.covered[k]
			if m == nil || m.last != k || m.ent.final().typ != graph.TypeCity {
				break
			}
			d.relate(graph.LocatedIn, m.ent, c.ent, s, 0.8)
			k = m.first - 1
			if k >= 0 && (conjunctions[ws[k].Key] || ws[k].comma) {
				k--
				continue
			}
			if k >= 0 && strings.HasPrefix(ws[k+1].pre, "و") {
				continue // وطنجة: the conjunction is on the city itself
			}
			break
		}
	}
}

// citiesSingledOut: "to Spain, namely to Madrid and Seville", في فرنسا
// وخصوصا في ليون — the cities a focus word (extract/lang/*/words.tsv)
// singles out right after a country lie in it. A city the gazetteer puts
// in another country is left out.
func (d *Document) citiesSingledOut(s *Sentence) {
	ws := s.words
	for _, c := range s.mentions {
		if c.ent.final().typ != graph.TypeCountry || c.nisba || c.nested() || c.first < 0 {
			continue
		}
		k := c.last + 1
		if k < len(ws) && ws[k].comma {
			k++
		}
		if k >= len(ws) || !(focusWords[ws[k].Key] || focusWords[ws[k].stem]) {
			continue
		}
		k++
		if k < len(ws) && (locatives[ws[k].Key] || postings[ws[k].Key]) {
			k++
		}
		for k < len(ws) {
			m := s.covered[k]
			if m == nil || m.first != k || m.ent.final().typ != graph.TypeCity {
				break
			}
			if d.cityElsewhere(m, c) {
				break
			}
			d.relate(graph.LocatedIn, m.ent, c.ent, s, 0.8)
			k = m.last + 1
			if k < len(ws) && (conjunctions[ws[k].Key] || ws[k].comma) {
				k++
				continue
			}
			if k < len(ws) && strings.HasPrefix(ws[k].pre, "و") {
				continue // وفالنسيا: the conjunction is on the city itself
			}
			break
		}
	}
}

func agrees(l *local, g byte) bool {
	lg := genderOf(l)
	return lg == 0 || lg == g
}

func genderOf(l *local) byte {
	if l.gender == 0 {
		l.gender = computeGender(l)
		if l.gender == 0 {
			l.gender = 'u'
		}
	}
	if l.gender == 'u' {
		return 0
	}
	return l.gender
}

func computeGender(l *local) byte {
	name := l.nameAR
	if name == "" {
		for _, n := range l.names {
			if !resolve.IsLatin(n) {
				name = n
				break
			}
		}
	}
	if name == "" {
		return 0
	}
	ks := foldWords(name)
	if len(ks) == 0 {
		return 0
	}
	switch l.typ {
	case graph.TypeCountry:
		if masculineCountries[ks[0]] {
			return 'm'
		}
		if strings.HasSuffix(ks[0], "ا") || strings.HasSuffix(ks[len(ks)-1], "ه") {
			return 'f'
		}
		return 0
	case graph.TypeCity:
		return 'f'
	case graph.TypeOrganization, graph.TypeEvent:
		h := ks[0]
		if strings.HasSuffix(h, "ه") {
			return 'f'
		}
		return 'm'
	}
	return 0
}

// cityElsewhere reports whether the gazetteer puts city m in a country
// other than the gazetteer country c.
func (d *Document) cityElsewhere(m, c *mention) bool {
	city := d.x.lex.City(m.ent.final().lexID)
	code, ok := strings.CutPrefix(c.ent.final().lexID, "country:")
	return city != nil && ok && city.Country != code
}

// basedIn reads "the US-based company", "Orbis, the London-based insurer",
// "the Paris-based bank Credit Lyonnais": a place joined to a based-suffix
// (extract/lang/en/words.tsv) before a company noun is where the company
// is. The company is the name right after the noun, else the name the
// phrase is set off after, else (after "the") the last body named.
func (d *Document) basedIn(s *Sentence) {
	if d.lang != "en" {
		return
	}
	ws := s.words
	for k, w := range ws {
		if w.Kind != text.Latin || s.covered[k] != nil {
			continue
		}
		cut := strings.LastIndex(w.Text, "-")
		if cut <= 0 || !basedSuffixes[text.Fold(w.Text[cut+1:])] {
			continue
		}
		n := k + 1
		if n >= len(ws) || !companyNouns[ws[n].Key] || isUpperStart(ws[n].Text) {
			continue
		}
		prefix := w.Text[:cut]
		e, ok := d.x.lex.Acronym(prefix)
		if !ok || e.Type != graph.TypeCountry && e.Type != graph.TypeCity {
			e, _ = d.x.lex.MatchPlace([]string{text.Fold(prefix)}, 0)
		}
		if e == nil || e.Type != graph.TypeCountry && e.Type != graph.TypeCity {
			continue
		}
		var firm *local
		switch {
		case n+1 < len(ws) && s.covered[n+1] != nil && s.covered[n+1].first == n+1 && s.covered[n+1].ent.final().typ == graph.TypeOrganization:
			firm = s.covered[n+1].ent // the Paris-based bank Credit Lyonnais
		case k >= 3 && ws[k-1].Key == "the" && ws[k-2].comma && s.covered[k-3] != nil && s.covered[k-3].ent.final().typ == graph.TypeOrganization:
			firm = s.covered[k-3].ent // Orbis, the London-based insurer
		case k >= 1 && ws[k-1].Key == "the":
			firm = d.lastBody(s, k)
		}
		if firm == nil {
			continue
		}
		place, ok := d.byLex[e.ID]
		if !ok {
			place = d.newLocal(e.Type, firstNonEmpty(e.NameEN, e.NameAR, prefix))
			place.lexID, place.nameEN, place.nameAR = e.ID, e.NameEN, e.NameAR
			place.head = d.x.entryHead(e)
			place.country = e.Country
			d.byLex[e.ID] = place
		}
		d.addName(place, prefix)
		d.relate(graph.LocatedIn, firm, place, s, 0.8)
	}
}

// lastBody is the organisation named last before word k of s, in s or in
// an earlier sentence.
func (d *Document) lastBody(s *Sentence, k int) *local {
	for i := len(d.sents) - 1; i >= 0; i-- {
		t := d.sents[i]
		if t != s && t.Start > s.Start {
			continue
		}
		var best *mention
		for _, m := range t.mentions {
			if (t != s || m.last < k) && m.ent.final().typ == graph.TypeOrganization && (best == nil || m.first > best.first) {
				best = m
			}
		}
		if best != nil {
			return best.ent
		}
	}
	return nil
}
