package score

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ScoreFile reads exchange-format JSON Lines as score.py's load_pred does and
// scores them. Lines of other kinds are ignored; a later entity line with an
// id already seen replaces the earlier one. Errors name the line.
func ScoreFile(g *Gold, predJSONL io.Reader) (Result, error) {
	p, err := readPredictions(predJSONL)
	if err != nil {
		return Result{}, err
	}
	return score(g, p), nil
}

func readPredictions(r io.Reader) (*predictions, error) {
	p := &predictions{}
	br := bufio.NewReaderSize(r, 1<<16)
	n := 0
	for {
		chunk, err := br.ReadString('\n')
		if chunk != "" {
			// Python reads text files with universal newlines: a lone \r
			// ends a line too.
			for _, line := range strings.Split(strings.ReplaceAll(chunk, "\r\n", "\n"), "\r") {
				if line == "" {
					continue
				}
				n++
				if perr := p.addLine(line); perr != nil {
					return nil, fmt.Errorf("line %d: %w", n, perr)
				}
			}
		}
		if err == io.EOF {
			return p, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

func (p *predictions) addLine(line string) error {
	line = pyStrip(line)
	if line == "" {
		return nil
	}
	var rec map[string]json.RawMessage
	if err := json.Unmarshal([]byte(line), &rec); err != nil {
		return fmt.Errorf("not a JSON object: %w", err)
	}
	var kind string
	if raw, ok := rec["kind"]; ok {
		_ = json.Unmarshal(raw, &kind) // a kind that is not a string is no kind we know
	}
	switch kind {
	case "entity":
		e, err := parseEntity(rec)
		if err != nil {
			return fmt.Errorf("entity: %w", err)
		}
		p.addEntity(e)
	case "relation":
		var rel predRelation
		var err error
		if rel.subject, err = ref(rec, "subject", "None"); err != nil {
			return fmt.Errorf("relation: %w", err)
		}
		if rel.object, err = ref(rec, "object", "None"); err != nil {
			return fmt.Errorf("relation: %w", err)
		}
		if rel.predicate, err = ref(rec, "predicate", ""); err != nil {
			return fmt.Errorf("relation: %w", err)
		}
		if _, ok := rec["predicate"]; !ok {
			rel.predicate = strValue("") // rel.get("predicate", "")
		}
		if raw, ok := rec["confidence"]; ok {
			_ = json.Unmarshal(raw, &rel.confidence) // not a number: 0, below every threshold
		}
		p.relations = append(p.relations, rel)
	case "attribute":
		var a predAttribute
		var err error
		if a.subject, err = ref(rec, "subject", "None"); err != nil {
			return fmt.Errorf("attribute: %w", err)
		}
		name, err := falsyOrString(rec, "name")
		if err != nil {
			return fmt.Errorf("attribute: %w", err)
		}
		a.name = pyLower(name)
		a.value = ""
		if raw, ok := rec["value"]; ok {
			v, err := decodeValue(raw)
			if err != nil {
				return fmt.Errorf("attribute: value: %w", err)
			}
			a.value = pyStr(v)
		}
		p.attributes = append(p.attributes, a)
	}
	return nil
}

// ref reads a field used as a dict key by score.py: any scalar, shown as
// Python's str() shows it; absent reads as None. Lists and objects are not
// hashable, so score.py cannot use them either.
func ref(rec map[string]json.RawMessage, field, absent string) (value, error) {
	raw, ok := rec[field]
	if !ok {
		return value{shown: absent}, nil
	}
	v, err := decodeValue(raw)
	if err != nil {
		return value{}, fmt.Errorf("%s: %w", field, err)
	}
	switch x := v.(type) {
	case string:
		return strValue(x), nil
	case []any, map[string]any:
		return value{}, fmt.Errorf("%s must be a string, not %s", field, raw)
	default:
		return value{shown: pyStr(x)}, nil
	}
}

// falsyOrString reads a field that score.py takes as `r.get(field) or ""`
// and then treats as a string.
func falsyOrString(rec map[string]json.RawMessage, field string) (string, error) {
	raw, ok := rec[field]
	if !ok {
		return "", nil
	}
	v, err := decodeValue(raw)
	if err != nil {
		return "", fmt.Errorf("%s: %w", field, err)
	}
	if s, ok := v.(string); ok {
		return s, nil
	}
	if truthy(v) {
		return "", fmt.Errorf("%s must be a string, not %s", field, raw)
	}
	return "", nil
}

func parseEntity(rec map[string]json.RawMessage) (predEntity, error) {
	var e predEntity
	raw, ok := rec["id"]
	if !ok {
		return e, errors.New("no id")
	}
	if err := json.Unmarshal(raw, &e.id); err != nil || string(raw) == "null" {
		return e, fmt.Errorf("id must be a string, not %s", raw)
	}
	var err error
	if e.typ, err = falsyOrString(rec, "type"); err != nil {
		return e, err
	}
	for _, field := range []string{"name", "name_ar", "name_en"} {
		n, err := falsyOrString(rec, field)
		if err != nil {
			return e, err
		}
		if field == "name" {
			e.name = n
		}
		if n != "" {
			e.names = append(e.names, n)
		}
	}
	if raw, ok := rec["aliases"]; ok {
		v, err := decodeValue(raw)
		if err != nil {
			return e, fmt.Errorf("aliases: %w", err)
		}
		switch x := v.(type) {
		case string: // list("abc") iterates by code point
			e.names = append(e.names, codePoints(x)...)
		case []any:
			for _, a := range x {
				if s, ok := a.(string); ok && s != "" {
					e.names = append(e.names, s)
				} else if truthy(a) && !ok {
					return e, fmt.Errorf("aliases must be strings, not %s", raw)
				}
			}
		default:
			if truthy(v) {
				return e, fmt.Errorf("aliases must be a list of strings, not %s", raw)
			}
		}
	}
	return e, nil
}
