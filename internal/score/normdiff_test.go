package score

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// trickyRunes mixes what norm() treats specially: Arabic letters and the
// folded forms, diacritics and tatweel, the article, punctuation, Python-only
// whitespace, compatibility forms, and letters whose lowercase is special.
var trickyRunes = []rune("ابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "أإآٱىةؤئء" + "\u064b\u064e\u0650\u0651\u0652\u0670\u0640\u0615\u06e1" +
	"ال" + "\"'“”«»„‘’()[]{}،,.;:؛!?؟-–—_/" + " \t\n\x1c\x1f\u00a0\u2003\u200f\u200b" +
	"ﻻﷺﬁＡ١٢ΣΑσİIiDžǄ" + "abcXYZ09")

// TestNormAgreesWithPython compares Norm with score.py's norm() on generated
// strings, when python3 and score.py are available.
func TestNormAgreesWithPython(t *testing.T) {
	scorePy := filepath.Join(repoRoot(t), "..", "shared", "eval", "score.py")
	if _, err := os.Stat(scorePy); err != nil {
		t.Skipf("no score.py beside the repository: %v", err)
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	inputs := make([]string, 0, 3000)
	for range cap(inputs) {
		var b strings.Builder
		for range 1 + rng.IntN(14) {
			if rng.IntN(5) == 0 {
				b.WriteString("ال")
			}
			b.WriteRune(trickyRunes[rng.IntN(len(trickyRunes))])
		}
		inputs = append(inputs, b.String())
	}
	in, err := json.Marshal(inputs)
	if err != nil {
		t.Fatal(err)
	}
	const driver = `
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("score", sys.argv[1])
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)
json.dump([score.norm(s) for s in json.load(sys.stdin)], sys.stdout)
`
	cmd := exec.Command(python, "-c", driver, scorePy)
	cmd.Stdin = bytes.NewReader(in)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python: %v", err)
	}
	var want []string
	if err := json.Unmarshal(out, &want); err != nil || len(want) != len(inputs) {
		t.Fatalf("python gave %d results for %d inputs (%v)", len(want), len(inputs), err)
	}
	bad := 0
	for i, s := range inputs {
		if got := Norm(s); got != want[i] {
			t.Errorf("Norm(%q) = %q, norm() = %q", s, got, want[i])
			if bad++; bad > 10 {
				t.FailNow()
			}
		}
	}
}
