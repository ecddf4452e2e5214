package extract

import (
	"fmt"

	"github.com/kgraph/kgraph/extract/lang"
	"github.com/kgraph/kgraph/extract/lang/ar"
	"github.com/kgraph/kgraph/extract/lang/en"
)

// words are the closed word classes of every built-in language
// (extract/lang/ar, extract/lang/en), merged: the rules read mixed text, a
// Latin name inside Arabic. They are data read once at start-up; the
// package tests load them, so a malformed file cannot ship.
var words = mustLoadWords()

func mustLoadWords() lang.Words {
	var all []lang.Words
	for _, load := range []func() (lang.Words, error){ar.Words, en.Words} {
		w, err := load()
		if err != nil {
			panic(fmt.Sprintf("extract: embedded word classes: %v", err))
		}
		all = append(all, w)
	}
	return lang.Merge(all...)
}

// The classes the rules read; each words.tsv says what its classes hold.
var (
	memberNouns        = words.Set("member-noun")       // a count of them is a membership size: 84 دولة
	dateCues           = words.Set("date-cue")          // a relative date needs one (اليوم، ماي الماضي, last May)
	latinArticles      = words.Set("article")           // not part of the name after them (The Africa Focus Group)
	personParticles    = words.Set("person-particle")   // mark a Latin run as a person's name (bin, ibn)
	latinConnectors    = words.Set("name-connector")    // may stand inside a capitalised Latin name (of, for)
	calendarWords      = words.Set("calendar-word")     // end a capitalised run: dates, not names
	nameParticles      = words.Set("name-particle")     // join the parts of a name: بن، بنت، آل، ابن، bin, al
	nameSuffixes       = words.Set("name-suffix")       // end a family name and belong to it: جاويش أوغلو
	nameInnerWords     = words.Set("name-inner")        // function words a name runs on through (في الخارج)
	timeWords          = words.Set("time-word")         // end a name: … يومي 1 و2 ديسمبر
	placeWords         = words.Set("place-word")        // introduce where, ending a name: بمدينة الرياض
	demonstratives     = words.Set("demonstrative")     // make a head an anaphor (هذا الاجتماع)
	strongHeads        = words.Set("strong-head")       // a phrase is a name as soon as anything follows (وزارة)
	masculineCountries = words.Set("masculine-country") // Arabic treats them as masculine; others in -ا/-ة are feminine
	relatives          = words.Set("relative")
	auxiliaries        = words.Set("auxiliary")
	jointlyWords       = words.Set("jointly")
	continuations      = words.Set("continuation")
	ordinalSuffix      = words.Set("ordinal-suffix")
	honorifics         = words.Set("honorific")      // address a person: Mr Blair is the Blair named before
	postings           = words.Set("posting")        // before where an envoy serves: لدى, to
	complementizers    = words.Set("complementizer") // open a reported clause: أن, that
	topicMarkers       = words.Set("topic-marker")   // what an event is about follows: ندوة حول …
	contestHeads       = words.Set("contest-head")   // a body before them runs in them, not organises them: a Lib Dem vote
	directions         = words.Set("direction")      // the part of a place: طبرق شرق ليبيا
	locatives          = words.Set("locative")
	knownAsWords       = words.Set("known-as")         // end a name: علي حداد المعروف بـ…
	basedSuffixes      = words.Set("based-suffix")     // after a place's name and a hyphen: the US-based company
	placeNamedHeads    = words.Set("place-named")      // event heads named by where they are held: مظاهرات في باريس
	formerWords        = words.Set("former")           // close a title before the name: الرئيس الفرنسي السابق
	focusWords         = words.Set("focus")            // single out places in the one just named: إلى إسبانيا، وتحديدا إلى مدريد
	bodyAdjectives     = words.Set("body-adjective")   // between a possessive and the body it owns: Labour's ruling NEC
	partNouns          = words.Set("part-noun")        // a place's parts named after "of": the London boroughs of …
	constructHeads     = words.Set("construct-head")   // name a body with one definite noun: مجلس الحكومة
	regionHeads        = words.Set("region-head")      // a region named by its city: جهة الدار البيضاء- سطات
	regionAdjectives   = words.Set("region-adjective") // end a region's name: الكبرى، الشمالية
	siteHeads          = words.Set("site-head")        // a building or site with a fixed place: القنصلية في اسطنبول
	conjunctions       = words.Set("conjunction")
	pluralHeads        = words.Set("plural-head")
	negations          = words.Set("negation")
	modals             = words.Set("modal")
	cancels            = words.Set("cancel")
	companyNouns       = words.Set("company-noun")       // say a name is a business: Acme, the largest US retailer
	bodyPronouns       = words.Set("body-pronoun")       // stand for a thing or a body: Allianz said it …
	personPronouns     = words.Set("person-pronoun")     // stand for a person: Gordon Brown said he …
	bodyParts          = words.Set("body-part")          // only a body has them: Rover bosses, Saab's factory
	bodyStakes         = words.Set("body-stake")         // before in/of/at a business: shares in Rover, the chairman of Rover
	stakePrepositions  = words.Set("stake-preposition")  // between a body-stake noun and the business: in, of, at
	sayVerbs           = words.Set("say-verb")           // verbs of saying: Unilever said it …
	workNouns          = words.Set("work-noun")          // before a work's title: her song Toxic, the film Sins
	subjectOpeners     = words.Set("subject-opener")     // open a clause whose subject follows: but Rover said …
	memberGroups       = words.Set("member-group")       // the people of a body, listed after it: قيادات من حركة X، كـA وB
	foreignParticles   = words.Set("foreign-particle")   // inside a transliterated European name: جان إيف لو دريان، أورسولا فون دير لاين
	kinNouns           = words.Set("kin-noun")           // before a name, whose relative it is: وزوجته أمينة
	reportVerbs        = words.Set("report-verb")        // after a name, what the person says: عمر يقول
	likeWords          = words.Set("like")               // "like", spelt as a verb without its shadda (مثل، مثّل)
	appearanceWords    = words.Set("appearance")         // after يمثل: appears before, not represents (يمثل أمام المحكمة)
	sportsHeads        = words.Set("sports-head")        // heads of teams, which play against each other rather than oppose
	rankOrNoun         = words.Set("rank-or-noun")       // a rank only right before a name: الفريق أحمد …, not الفريق الوطني
	bodyUnits          = words.Set("body-unit")          // after a body's name, a part of it: Care International operations
	postFields         = words.Set("post-field")         // plural nouns naming a post's field: home affairs spokesman
	fieldNouns         = words.Set("field-noun")         // a post's field, a name only by its place: Health analyst Jo Bloggs
	possessivePronouns = words.Set("possessive-pronoun") // before a title, the body named last: its chief executive
	nextToFillers      = words.Set("next-to-filler")     // between a thing and a next-to trigger: the firm, which is based in
	quantityWords      = words.Set("quantity")           // before a count: نحو 500 ألف، أكثر من
	demonyms           = words.Set("demonym")            // adjectives of peoples and nations no country list holds: Welsh, Basque
	clauseParticiples  = words.Set("clause-participle")  // end a name: قرار المحكمة الصادر في، الانتخابات المقررة في
	eventVerbs         = words.Set("event-verb")         // after an event's name, what it did: احتجاجات بدأت، اجتماع استمر
	heldParticiples    = words.Set("held-participle")    // after an event, say where it is held: القمة المنعقدة … في أديس أبابا
	designators        = words.Set("designator")         // end a body's name and may be left out: Menatep Group is Menatep
)
