package score

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
)

// Gold is a parsed gold annotation, with the fields score.py reads. Lists
// keep the file's order; entities repeated under one key keep the first
// position and the last content, as a Python dict does.
type Gold struct {
	Articles         []GoldArticle
	Entities         []GoldEntity
	OptionalEntities []GoldEntity
	Facts            []GoldFact
	Attributes       []GoldAttribute
	Questions        []Question
}

// GoldArticle maps an article key of the gold file to its file name.
type GoldArticle struct {
	Key, File string
}

// GoldEntity is one annotated entity: any of its names identifies it.
type GoldEntity struct {
	Key   string
	Type  string
	Names []string
}

// GoldFact accepts a predicted relation whose subject is one of S, predicate
// one of P and object one of O.
type GoldFact struct {
	S, P, O  []string
	Required bool

	// score.py tests `b in gf["o"]`: when the file gives "o" as a string
	// rather than a list, that is a substring test.
	oText   string
	oIsText bool
}

// GoldAttribute is one literal value of a gold entity.
type GoldAttribute struct {
	S, Name, Value string
	Required       bool
}

// Question is answered from the predicted relations alone: Pattern is
// "(?x:Type)-[:PRED]->(key)" or "(key)-[:PRED]->(?x:Type)".
type Question struct {
	Q          string
	Pattern    string
	Answer     []string
	AlsoAccept []string
}

// questionPattern is score.py's pattern regex; Python's \w is Unicode-aware.
var questionPattern = regexp.MustCompile(`^\((\?x(?::[\p{L}\p{N}_]+)?|[\p{L}\p{N}_]+)\)-\[:([\p{L}\p{N}_]+)\]->\((\?x(?::[\p{L}\p{N}_]+)?|[\p{L}\p{N}_]+)\)`)

// parse splits a question pattern into its left node, predicate and right node.
func (q Question) parse() (left, pred, right string, ok bool) {
	m := questionPattern.FindStringSubmatch(q.Pattern)
	if m == nil {
		return "", "", "", false
	}
	return m[1], m[2], m[3], true
}

// Load reads a gold file.
func Load(path string) (*Gold, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gold: %w", err)
	}
	defer f.Close()
	g, err := Parse(f)
	if err != nil {
		return nil, fmt.Errorf("gold %s: %w", path, err)
	}
	return g, nil
}

// Parse reads a gold annotation in the format of shared/eval/seeds.gold.json.
func Parse(r io.Reader) (*Gold, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, fmt.Errorf("not a JSON object: %w", err)
	}
	g := &Gold{}
	if raw, ok := top["articles"]; ok {
		if g.Articles, err = parseArticles(raw); err != nil {
			return nil, fmt.Errorf("articles: %w", err)
		}
	}
	raw, ok := top["entities"]
	if !ok {
		return nil, errors.New(`no "entities" list`)
	}
	if g.Entities, err = parseEntities(raw); err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	if raw, ok := top["optional_entities"]; ok {
		if g.OptionalEntities, err = parseEntities(raw); err != nil {
			return nil, fmt.Errorf("optional_entities: %w", err)
		}
	}
	if raw, ok := top["facts"]; ok {
		if g.Facts, err = parseFacts(raw); err != nil {
			return nil, fmt.Errorf("facts: %w", err)
		}
	}
	if raw, ok := top["attributes"]; ok {
		if g.Attributes, err = parseAttributes(raw); err != nil {
			return nil, fmt.Errorf("attributes: %w", err)
		}
	}
	if raw, ok := top["questions"]; ok {
		if g.Questions, err = parseQuestions(raw); err != nil {
			return nil, fmt.Errorf("questions: %w", err)
		}
	}
	return g, nil
}

// parseArticles keeps the object's key order: article_key returns the first
// article that fits.
func parseArticles(raw json.RawMessage) ([]GoldArticle, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if tok != json.Delim('{') {
		return nil, errors.New("not an object")
	}
	index := map[string]int{}
	var out []GoldArticle
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key := tok.(string)
		var file string
		if err := dec.Decode(&file); err != nil {
			return nil, fmt.Errorf("%s: file name must be a string", key)
		}
		if i, ok := index[key]; ok {
			out[i].File = file
			continue
		}
		index[key] = len(out)
		out = append(out, GoldArticle{key, file})
	}
	return out, nil
}

func objects(raw json.RawMessage) ([]map[string]json.RawMessage, error) {
	var xs []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &xs); err != nil {
		return nil, errors.New("must be a list of objects")
	}
	return xs, nil
}

func parseEntities(raw json.RawMessage) ([]GoldEntity, error) {
	objs, err := objects(raw)
	if err != nil {
		return nil, err
	}
	index := map[string]int{}
	var out []GoldEntity
	for i, o := range objs {
		var e GoldEntity
		if err := requireString(o, "key", &e.Key); err != nil || e.Key == "" {
			return nil, fmt.Errorf("#%d: needs a non-empty string \"key\"", i+1)
		}
		if err := optionalString(o, "type", &e.Type); err != nil {
			return nil, fmt.Errorf("%s: %w", e.Key, err)
		}
		names, ok := o["names"]
		if !ok {
			return nil, fmt.Errorf("%s: no \"names\"", e.Key)
		}
		if e.Names, err = stringItems(names, true); err != nil {
			return nil, fmt.Errorf("%s: names: %w", e.Key, err)
		}
		if j, dup := index[e.Key]; dup {
			out[j] = e
			continue
		}
		index[e.Key] = len(out)
		out = append(out, e)
	}
	return out, nil
}

func parseFacts(raw json.RawMessage) ([]GoldFact, error) {
	objs, err := objects(raw)
	if err != nil {
		return nil, err
	}
	out := make([]GoldFact, 0, len(objs))
	for i, o := range objs {
		var f GoldFact
		for _, field := range []struct {
			name string
			dst  *[]string
		}{{"s", &f.S}, {"p", &f.P}} {
			v, ok := o[field.name]
			if !ok {
				return nil, fmt.Errorf("#%d: no %q", i+1, field.name)
			}
			if *field.dst, err = asList(v); err != nil {
				return nil, fmt.Errorf("#%d: %s: %w", i+1, field.name, err)
			}
		}
		v, ok := o["o"]
		if !ok {
			return nil, fmt.Errorf("#%d: no \"o\"", i+1)
		}
		if err := json.Unmarshal(v, &f.oText); err == nil {
			f.oIsText = true
			f.O = codePoints(f.oText)
		} else if f.O, err = stringItems(v, false); err != nil {
			return nil, fmt.Errorf("#%d: o: %w", i+1, err)
		}
		if f.Required, err = required(o); err != nil {
			return nil, fmt.Errorf("#%d: %w", i+1, err)
		}
		out = append(out, f)
	}
	return out, nil
}

func parseAttributes(raw json.RawMessage) ([]GoldAttribute, error) {
	objs, err := objects(raw)
	if err != nil {
		return nil, err
	}
	out := make([]GoldAttribute, 0, len(objs))
	for i, o := range objs {
		var a GoldAttribute
		for _, field := range []struct {
			name string
			dst  *string
		}{{"s", &a.S}, {"name", &a.Name}, {"value", &a.Value}} {
			if err := requireString(o, field.name, field.dst); err != nil {
				return nil, fmt.Errorf("#%d: %w", i+1, err)
			}
		}
		if a.Required, err = required(o); err != nil {
			return nil, fmt.Errorf("#%d: %w", i+1, err)
		}
		out = append(out, a)
	}
	return out, nil
}

func parseQuestions(raw json.RawMessage) ([]Question, error) {
	objs, err := objects(raw)
	if err != nil {
		return nil, err
	}
	out := make([]Question, 0, len(objs))
	for i, o := range objs {
		var q Question
		if err := requireString(o, "q", &q.Q); err != nil {
			return nil, fmt.Errorf("#%d: %w", i+1, err)
		}
		if err := requireString(o, "pattern", &q.Pattern); err != nil {
			return nil, fmt.Errorf("#%d: %w", i+1, err)
		}
		if _, _, _, ok := q.parse(); !ok {
			return nil, fmt.Errorf("#%d: pattern %q is not (?x:Type)-[:PRED]->(key) or (key)-[:PRED]->(?x:Type)", i+1, q.Pattern)
		}
		v, ok := o["answer"]
		if !ok {
			return nil, fmt.Errorf("#%d: no \"answer\"", i+1)
		}
		if q.Answer, err = stringItems(v, false); err != nil {
			return nil, fmt.Errorf("#%d: answer: %w", i+1, err)
		}
		if v, ok := o["also_accept"]; ok {
			if q.AlsoAccept, err = stringItems(v, false); err != nil {
				return nil, fmt.Errorf("#%d: also_accept: %w", i+1, err)
			}
		}
		out = append(out, q)
	}
	return out, nil
}

func requireString(o map[string]json.RawMessage, key string, dst *string) error {
	v, ok := o[key]
	if !ok {
		return fmt.Errorf("no %q", key)
	}
	if err := json.Unmarshal(v, dst); err != nil || string(v) == "null" {
		return fmt.Errorf("%q must be a string", key)
	}
	return nil
}

// optionalString reads a string that may be missing or null (then "").
func optionalString(o map[string]json.RawMessage, key string, dst *string) error {
	v, ok := o[key]
	if !ok {
		return nil
	}
	if err := json.Unmarshal(v, dst); err != nil {
		return fmt.Errorf("%q must be a string", key)
	}
	return nil
}

// required is `x.get("required", True)` taken for its truth value.
func required(o map[string]json.RawMessage) (bool, error) {
	v, ok := o["required"]
	if !ok {
		return true, nil
	}
	x, err := decodeValue(v)
	if err != nil {
		return false, fmt.Errorf("required: %w", err)
	}
	return truthy(x), nil
}

// asList is score.py's as_list for a field of strings.
func asList(v json.RawMessage) ([]string, error) {
	var s string
	if err := json.Unmarshal(v, &s); err == nil && string(v) != "null" {
		return []string{s}, nil
	}
	return stringItems(v, false)
}

// stringItems reads what Python would iterate over: a list of strings, or a
// string, which iterates by code point. With allowNull, null items read as
// "" (norm(None) is "").
func stringItems(v json.RawMessage, allowNull bool) ([]string, error) {
	var s string
	if string(v) != "null" && json.Unmarshal(v, &s) == nil {
		return codePoints(s), nil
	}
	var xs []*string
	if err := json.Unmarshal(v, &xs); err != nil || string(v) == "null" {
		return nil, errors.New("must be a list of strings")
	}
	out := make([]string, len(xs))
	for i, x := range xs {
		if x == nil {
			if !allowNull {
				return nil, errors.New("must be a list of strings")
			}
			continue
		}
		out[i] = *x
	}
	return out, nil
}

func codePoints(s string) []string {
	out := make([]string, 0, len(s))
	for _, r := range s {
		out = append(out, string(r))
	}
	return out
}

// ArticleKey is score.py's article_key: the gold article key an article id of
// the predictions refers to, or "" if none.
func (g *Gold) ArticleKey(id string) string {
	for _, a := range g.Articles {
		stem := a.File
		if i := strings.LastIndex(stem, "."); i >= 0 {
			stem = stem[:i]
		}
		if id == a.Key || id == a.File || id == stem || strings.HasPrefix(id, a.Key+"_") ||
			strings.HasSuffix(id, "/"+a.File) || strings.HasSuffix(id, "/"+stem) {
			return a.Key
		}
	}
	return ""
}
