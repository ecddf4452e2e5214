package score

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Print writes score.py's text report; explain adds its --explain lines.
// Floats are formatted as Python's :.2f and :.3f do: strconv's 'f' format is
// correctly rounded with ties to even, as Python's is.
func (r Result) Print(w io.Writer, explain bool) {
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	e, f, a, q := r.Entities, r.Facts, r.Attributes, r.Questions
	fmt.Fprintf(bw, "entities   recall %s (%d/%d)  precision %s (%d predicted)  duplicates %d\n",
		fixed(e.Recall, 2), e.Found, e.Gold, fixed(e.Precision, 2), e.Predicted, e.Duplicates)
	fmt.Fprintf(bw, "facts      recall %s (%d/%d)  precision %s (%d/%d)  F1 %s\n",
		fixed(f.Recall, 2), f.Found, f.GoldRequired, fixed(f.Precision, 2), f.Correct, f.Predicted, fixed(f.F1, 2))
	fmt.Fprintf(bw, "attributes recall %s (%d/%d)  precision %s (%d predicted)\n",
		fixed(a.Recall, 2), a.Found, a.GoldRequired, fixed(a.Precision, 2), a.Predicted)
	fmt.Fprintf(bw, "questions  %d/%d answered exactly\n", q.Answered, q.Total)
	if explain {
		if len(e.Missing) > 0 {
			fmt.Fprintf(bw, "  entities missing: %s\n", pyReprList(e.Missing))
		}
		if len(e.Split) > 0 {
			fmt.Fprintf(bw, "  entities split: %s\n", e.Split.pyRepr())
		}
		if len(e.UnmatchedPredicted) > 0 {
			fmt.Fprintf(bw, "  entities unmatched_predicted: %s\n", pyReprList(e.UnmatchedPredicted))
		}
		for _, t := range f.Missing {
			fmt.Fprintf(bw, "  fact missing: %s\n", t)
		}
		for _, t := range f.Wrong {
			fmt.Fprintf(bw, "  fact wrong: %s\n", t)
		}
		for _, t := range a.Missing {
			fmt.Fprintf(bw, "  attribute missing: %s\n", t)
		}
		for _, d := range q.Detail {
			if !d.OK {
				fmt.Fprintf(bw, "  question failed: %s got %s\n", d.Q, pyReprList(d.Got))
			}
		}
	}
	fmt.Fprintf(bw, "score: facts F1 %s entity recall %s questions %d/%d\n",
		fixed(f.F1, 3), fixed(e.Recall, 3), q.Answered, q.Total)
}

func fixed(x float64, prec int) string { return strconv.FormatFloat(x, 'f', prec, 64) }

func (s Split) pyRepr() string {
	parts := make([]string, len(s))
	for i, e := range s {
		parts[i] = pyRepr(e.Key) + ": " + pyReprList(e.Names)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// MarshalJSON writes the split entities as one object, in order.
func (s Split) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, e := range s {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(&b, e.Key)
		b.WriteByte(':')
		b.WriteByte('[')
		for j, n := range e.Names {
			if j > 0 {
				b.WriteByte(',')
			}
			writeJSONString(&b, n)
		}
		b.WriteByte(']')
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// JSON returns exactly what score.py --json prints, without the final
// newline: json.dumps(out, ensure_ascii=False, indent=1).
func (r Result) JSON() ([]byte, error) {
	e, f, a, q := r.Entities, r.Facts, r.Attributes, r.Questions
	split := make([]field, len(e.Split))
	for i, s := range e.Split {
		split[i] = field{s.Key, stringList(s.Names)}
	}
	detail := make(jsonList, len(q.Detail))
	for i, d := range q.Detail {
		detail[i] = jsonObject{{"q", d.Q}, {"ok", d.OK}, {"got", stringList(d.Got)}}
	}
	out := jsonObject{
		{"entities", jsonObject{
			{"gold", e.Gold}, {"found", e.Found}, {"recall", e.Recall},
			{"predicted", e.Predicted}, {"precision", e.Precision},
			{"duplicates", e.Duplicates},
			{"missing", stringList(e.Missing)},
			{"unmatched_predicted", stringList(e.UnmatchedPredicted)},
			{"split", jsonObject(split)},
		}},
		{"facts", jsonObject{
			{"gold_required", f.GoldRequired}, {"found", f.Found}, {"recall", f.Recall},
			{"predicted", f.Predicted}, {"correct", f.Correct}, {"precision", f.Precision},
			{"f1", f.F1},
			{"missing", stringList(f.Missing)},
			{"wrong", stringList(f.Wrong)},
		}},
		{"attributes", jsonObject{
			{"gold_required", a.GoldRequired}, {"found", a.Found}, {"recall", a.Recall},
			{"predicted", a.Predicted}, {"precision", a.Precision},
			{"missing", stringList(a.Missing)},
		}},
		{"questions", jsonObject{
			{"total", q.Total}, {"answered", q.Answered}, {"detail", detail},
		}},
	}
	var b bytes.Buffer
	writePyJSON(&b, out, 0)
	return b.Bytes(), nil
}

type (
	field struct {
		key string
		val any
	}
	jsonObject []field
	jsonList   []any
)

func stringList(xs []string) jsonList {
	l := make(jsonList, len(xs))
	for i, x := range xs {
		l[i] = x
	}
	return l
}

// writePyJSON writes v as Python's json.dumps(v, ensure_ascii=False, indent=1).
func writePyJSON(b *bytes.Buffer, v any, depth int) {
	newline := func(d int) {
		b.WriteByte('\n')
		b.WriteString(strings.Repeat(" ", d))
	}
	switch x := v.(type) {
	case jsonObject:
		if len(x) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteByte('{')
		for i, f := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			newline(depth + 1)
			writeJSONString(b, f.key)
			b.WriteString(": ")
			writePyJSON(b, f.val, depth+1)
		}
		newline(depth)
		b.WriteByte('}')
	case jsonList:
		if len(x) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			newline(depth + 1)
			writePyJSON(b, e, depth+1)
		}
		newline(depth)
		b.WriteByte(']')
	case string:
		writeJSONString(b, x)
	case int:
		b.WriteString(strconv.Itoa(x))
	case float64:
		b.WriteString(pyFloatRepr(x))
	case bool:
		b.WriteString(strconv.FormatBool(x))
	default:
		panic(fmt.Sprintf("score: no JSON form for %T", v))
	}
}

// writeJSONString quotes s as Python's json module does with
// ensure_ascii=False: only quote, backslash and control characters escaped.
func writeJSONString(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 {
				fmt.Fprintf(b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
}
