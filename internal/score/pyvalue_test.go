package score

import (
	"encoding/json"
	"testing"
)

// Expected values are Python 3.11's repr() and formatting of the same inputs.
func TestPyFloatRepr(t *testing.T) {
	tenth, fifth := 0.1, 0.2 // variables, so the sum is rounded as at run time
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0.0"}, {1, "1.0"}, {2.0 / 3, "0.6666666666666666"}, {1e-05, "1e-05"},
		{5e-05, "5e-05"}, {0.0001, "0.0001"}, {1e16, "1e+16"}, {1.5e16, "1.5e+16"},
		{1e15, "1000000000000000.0"}, {123.456, "123.456"}, {tenth + fifth, "0.30000000000000004"},
		{1.0 / 3, "0.3333333333333333"}, {0.125, "0.125"},
	}
	for _, tt := range tests {
		if got := pyFloatRepr(tt.in); got != tt.want {
			t.Errorf("pyFloatRepr(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
	var negZero float64
	negZero = -negZero
	if got := pyFloatRepr(negZero); got != "-0.0" {
		t.Errorf("pyFloatRepr(-0.0) = %q, want -0.0", got)
	}
}

func TestFixedRoundsHalfToEven(t *testing.T) {
	tests := []struct {
		in   float64
		prec int
		want string
	}{
		{0.125, 2, "0.12"}, {0.375, 2, "0.38"}, {0.625, 2, "0.62"}, {0.875, 2, "0.88"},
		{0.0625, 3, "0.062"}, {0.5625, 3, "0.562"}, {2.0 / 3, 2, "0.67"}, {1, 3, "1.000"},
		{0.005, 2, "0.01"}, // 0.005 is slightly above the tie in binary
	}
	for _, tt := range tests {
		if got := fixed(tt.in, tt.prec); got != tt.want {
			t.Errorf("fixed(%v, %d) = %q, want %q", tt.in, tt.prec, got, tt.want)
		}
	}
}

func TestPyRepr(t *testing.T) {
	tests := []struct{ in, want string }{
		{"abc", `'abc'`}, {"it's", `"it's"`}, {`say "hi"`, `'say "hi"'`},
		{`both ' and "`, `'both \' and "'`}, {`back\slash`, `'back\\slash'`},
		{"nl\n", `'nl\n'`}, {"x\x1cy", `'x\x1cy'`}, {"rlm\u200f", `'rlm\u200f'`},
		{"nb\u00a0sp", `'nb\xa0sp'`}, {"مراكش", `'مراكش'`}, {"😀", `'😀'`},
		{"\ue000", `'\ue000'`}, {"\U0010fffd", `'\U0010fffd'`}, {"tab\t", `'tab\t'`},
		{"del\x7f", `'del\x7f'`}, {"ـ", `'ـ'`}, {"\u0301", "'\u0301'"},
	}
	for _, tt := range tests {
		if got := pyRepr(tt.in); got != tt.want {
			t.Errorf("pyRepr(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestPyStr(t *testing.T) {
	tests := []struct{ json, want string }{
		{`null`, "None"}, {`true`, "True"}, {`false`, "False"}, {`"x"`, "x"},
		{`2014`, "2014"}, {`-0`, "0"}, {`2014.0`, "2014.0"}, {`1e2`, "100.0"},
		{`1e400`, "inf"}, {`["a", 1, null]`, "['a', 1, None]"},
	}
	for _, tt := range tests {
		v, err := decodeValue(json.RawMessage(tt.json))
		if err != nil {
			t.Fatal(err)
		}
		if got := pyStr(v); got != tt.want {
			t.Errorf("pyStr(%s) = %q, want %q", tt.json, got, tt.want)
		}
	}
}
