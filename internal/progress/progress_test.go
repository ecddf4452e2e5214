package progress

import (
	"bytes"
	"strings"
	"testing"
)

func TestDisabledBarIsSilent(t *testing.T) {
	var out bytes.Buffer
	b := New(&out, false, "extract", -1)
	b.Add(3)
	b.Finish()
	if w := b.Writer(&out); w != &out {
		t.Error("disabled bar wraps the writer")
	}
	if out.Len() != 0 {
		t.Errorf("disabled bar wrote %q", out.String())
	}
	if IsTerminal(&out) {
		t.Error("a buffer is not a terminal")
	}
}

func TestEnabledBarCountsAndClearsForLogs(t *testing.T) {
	var out bytes.Buffer
	b := New(&out, true, "extract", 10)
	b.Add(4)
	if !strings.Contains(out.String(), "4/10") {
		t.Errorf("bar output %q lacks 4/10", out.String())
	}
	out.Reset()
	if _, err := b.Writer(&out).Write([]byte("log line\n")); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(out.String(), "log line\n") || !strings.HasPrefix(out.String(), "\r") {
		t.Errorf("log write %q: want the bar cleared, then the line", out.String())
	}
	b.Finish()
}
