// Package graph holds the knowledge-graph model that flows from extraction to
// the sinks (Neo4j, JSON Lines files): articles, entities, relations and
// attributes, each fact carrying its evidence.
//
// The JSON field names are the exchange format of shared/eval/README.md, so a
// record marshals to exactly one line of an exchange file (see graph/jsonl).
package graph

import (
	"context"
	"fmt"
)

// Article is the metadata of one source article: what the graph stores on an
// (:Article) node. The text itself is not part of the graph.
type Article struct {
	ID        string `json:"id"`
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Source    string `json:"source,omitempty"`
	Published string `json:"published,omitempty"` // ISO 8601 date, as precise as known
	Lang      string `json:"lang,omitempty"`
	SHA256    string `json:"sha256"` // of the normalised text; decides "changed"
	Path      string `json:"path,omitempty"`
}

// Mention is one place an entity is named. Start and End are offsets in
// Unicode code points into the article text as read, End exclusive.
type Mention struct {
	Article string `json:"article"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Text    string `json:"text"`
}

// Entity is one resolved real-world thing. Its ID is stable across runs so
// that reloading is idempotent.
type Entity struct {
	ID       string    `json:"id"`
	Type     string    `json:"type"`
	Name     string    `json:"name"`
	NameAR   string    `json:"name_ar,omitempty"`
	NameEN   string    `json:"name_en,omitempty"`
	Aliases  []string  `json:"aliases,omitempty"`
	Articles []string  `json:"articles,omitempty"`
	Mentions []Mention `json:"mentions,omitempty"` // where the entity is named
	// Refs are where it is only referred to: nisba adjectives (الأميركية),
	// anaphors (المملكة) and pronouns. They support relations but are not names.
	Refs       []Mention      `json:"refs,omitempty"`
	Properties map[string]any `json:"properties,omitempty"`
}

// Relation is one fact (subject, predicate, object) as stated by one article.
type Relation struct {
	Subject   string `json:"subject"`
	Predicate string `json:"predicate"`
	Object    string `json:"object"`
	Article   string `json:"article"`
	Evidence  string `json:"evidence"`
	// EvidenceStart and EvidenceEnd are the code-point offsets of Evidence
	// in the article text: the sentence, or at most about 400 characters of
	// it around what states the fact when the sentence is longer.
	EvidenceStart int            `json:"evidence_start"`
	EvidenceEnd   int            `json:"evidence_end"`
	Confidence    float64        `json:"confidence"`
	Properties    map[string]any `json:"properties,omitempty"`
}

// Attribute is one literal value of an entity (founded, member_count, date)
// as stated by one article. Conflicting values from different articles are
// all kept, each with its article.
type Attribute struct {
	Subject    string  `json:"subject"`
	Name       string  `json:"name"`
	Value      string  `json:"value"`
	Article    string  `json:"article"`
	Evidence   string  `json:"evidence,omitempty"`
	Confidence float64 `json:"confidence,omitempty"`
}

// Batch is everything one article contributes to the graph. It is the unit
// of loading: writing a Batch replaces whatever the same article contributed
// before, so a changed article never leaves stale facts behind.
type Batch struct {
	Article    Article
	Entities   []Entity // entities this article mentions or relates; Mentions limited to this article
	Relations  []Relation
	Attributes []Attribute
}

// Sink receives the graph one article at a time.
//
// Optional abilities are separate interfaces found by type assertion, as
// database/sql/driver does: Retracter, SchemaCreator.
type Sink interface {
	Write(ctx context.Context, b Batch) error
}

// Retracter removes everything the given articles contributed. Facts that
// other articles also support stay.
type Retracter interface {
	Retract(ctx context.Context, articleIDs []string) error
}

// SchemaCreator creates constraints and indexes. It must be idempotent.
type SchemaCreator interface {
	CreateSchema(ctx context.Context) error
}

// Entity types: the exchange format's coarse types, each also a Neo4j label.
const (
	TypeCountry      = "Country"
	TypeCity         = "City"
	TypeLocation     = "Location"
	TypeOrganization = "Organization"
	TypePerson       = "Person"
	TypeEvent        = "Event"
)

// EntityTypes lists every valid entity type.
var EntityTypes = []string{TypeCountry, TypeCity, TypeLocation, TypeOrganization, TypePerson, TypeEvent}

// The core predicate vocabulary of shared/eval/README.md. Each is also a
// Neo4j relationship type.
const (
	Hosts         = "HOSTS"
	HeldIn        = "HELD_IN"
	OrganizedBy   = "ORGANIZED_BY"
	ConvenedBy    = "CONVENED_BY"
	CoChairs      = "CO_CHAIRS"
	Chairs        = "CHAIRS"
	Attended      = "ATTENDED"
	Represents    = "REPRESENTS"
	HoldsPosition = "HOLDS_POSITION"
	MemberOf      = "MEMBER_OF"
	PartOf        = "PART_OF"
	Opposes       = "OPPOSES"
	LocatedIn     = "LOCATED_IN"
	Follows       = "FOLLOWS"
	Visited       = "VISITED"
	MetWith       = "MET_WITH"
)

// Predicates lists the core vocabulary in a fixed order.
var Predicates = []string{
	Hosts, HeldIn, OrganizedBy, ConvenedBy, CoChairs, Chairs, Attended, Represents,
	HoldsPosition, MemberOf, PartOf, Opposes, LocatedIn, Follows, Visited, MetWith,
}

// Attribute names the extractor produces.
const (
	AttrFounded     = "founded"
	AttrMemberCount = "member_count"
	AttrDate        = "date"
)

var (
	validPredicate = setOf(Predicates)
	validType      = setOf(EntityTypes)
)

func setOf(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// IsPredicate reports whether p is in the core vocabulary. Only such names
// may ever be spliced into a Cypher string as a relationship type.
func IsPredicate(p string) bool { return validPredicate[p] }

// IsEntityType reports whether t is a valid entity type (and so a safe label).
func IsEntityType(t string) bool { return validType[t] }

// ErrUnknownPredicate and ErrUnknownType are returned (wrapped) by Validate.
var (
	ErrUnknownPredicate = fmt.Errorf("unknown predicate")
	ErrUnknownType      = fmt.Errorf("unknown entity type")
)

// Validate checks that every label and relationship type in b is in the
// vocabulary and that every relation points at an entity of the batch.
func (b Batch) Validate() error {
	ids := make(map[string]bool, len(b.Entities))
	for _, e := range b.Entities {
		if !IsEntityType(e.Type) {
			return fmt.Errorf("article %s: entity %s: %w %q", b.Article.ID, e.ID, ErrUnknownType, e.Type)
		}
		ids[e.ID] = true
	}
	for _, r := range b.Relations {
		if !IsPredicate(r.Predicate) {
			return fmt.Errorf("article %s: relation %s-%s->%s: %w %q", b.Article.ID, r.Subject, r.Predicate, r.Object, ErrUnknownPredicate, r.Predicate)
		}
		if !ids[r.Subject] || !ids[r.Object] {
			return fmt.Errorf("article %s: relation %s-%s->%s names an entity not in the batch", b.Article.ID, r.Subject, r.Predicate, r.Object)
		}
	}
	for _, a := range b.Attributes {
		if !ids[a.Subject] {
			return fmt.Errorf("article %s: attribute %s of %s names an entity not in the batch", b.Article.ID, a.Name, a.Subject)
		}
	}
	return nil
}
