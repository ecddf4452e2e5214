// Command train trains the extract/ner models for English and Arabic and
// scores them on the dev sets; with -eval it scores the embedded models
// without training.
//
//	go run ./extract/ner/train -data ../shared/data/ner -out extract/ner/model
//	go run ./extract/ner/train -data ../shared/data/ner -eval
//
// English trains on conll2003-train.tsv and is scored on conll2003-dev.tsv.
// Arabic trains on the first 90% of the sentences of anercorp-train.tsv;
// the last 10% are the dev set and are never trained on. ANERcorp has no
// document boundaries, so its documents are windows of -ar-window
// sentences. With -silver testdata/real, Arabic also trains on the real
// Moroccan articles of that directory's dev, fresh and fresh2 gold, tagged
// from the gold names (silver.go; off by default, see model/README.md).
// Half of the Arabic training tokens do not see the tagger's person-word
// list (-list-dropout 0.5), so that the model still reads names it lacks.
// Scores are entity-level (exact span and type, as conlleval).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/kgraph/kgraph/extract/ner"
	"github.com/kgraph/kgraph/extract/ner/internal/tagger"
	"github.com/kgraph/kgraph/extract/text"
)

type options struct {
	data, out string
	eval      bool
	langs     string
	bits      int
	epochs    int
	folds     int
	seed      uint64
	arWindow  int
	minCount  int
	margin    float64
	dropout   float64
	shuffles  int
	dump      string
	corpus    string
	clusters  bool
	silver    string
	silverArt string
}

func main() {
	var o options
	flag.StringVar(&o.data, "data", "../shared/data/ner", "directory with anercorp-train.tsv, conll2003-train.tsv and conll2003-dev.tsv")
	flag.StringVar(&o.out, "out", "extract/ner/model", "directory to write en.gz and ar.gz to")
	flag.BoolVar(&o.eval, "eval", false, "score the embedded models on the dev sets; do not train")
	flag.StringVar(&o.langs, "lang", "en,ar", "languages: en, ar or en,ar")
	flag.IntVar(&o.bits, "bits", 18, "log2 of the number of hashed feature rows")
	flag.IntVar(&o.epochs, "epochs", 12, "perceptron epochs per pass")
	flag.IntVar(&o.folds, "folds", 0, "jackknife folds for the second pass's document features (0: the language's default, 4 for en, 16 for ar)")
	flag.Uint64Var(&o.seed, "seed", 1, "shuffling seed")
	flag.IntVar(&o.shuffles, "shuffles", 1, "perceptrons per pass, each on its own order of the data, averaged")
	flag.Float64Var(&o.margin, "margin", 0, "loss-augmented training: added to wrong tags' scores")
	flag.Float64Var(&o.dropout, "list-dropout", -1, "share of training tokens that do not see the person-word list (-1: the language's default, 0 for en, 0.5 for ar)")
	flag.IntVar(&o.minCount, "min-count", 0, "occurrences a feature needs in training to be learnt (0: the language's default, 1 for en, 2 for ar)")
	flag.IntVar(&o.arWindow, "ar-window", 40, "ANERcorp sentences per pseudo-document")
	flag.StringVar(&o.dump, "dump", "", "write the dev sentences as token, gold, predicted to this file (for error analysis)")
	flag.StringVar(&o.corpus, "corpus", "../shared/corpus/bulk", "directory of unlabelled news articles (*.jsonl with lang and text fields) for word clusters")
	flag.BoolVar(&o.clusters, "clusters", true, "induce word clusters from the training text and -corpus")
	flag.StringVar(&o.silver, "silver", "", "Arabic only: directory with dev-ar, fresh-ar and fresh2-ar .gold.json (testdata/real); adds their articles, tagged from the gold names, to the training data (silver; off when empty)")
	flag.StringVar(&o.silverArt, "silver-articles", "../shared/corpus/dev-ar", "directory of the articles that the -silver gold files name")
	flag.Parse()
	if err := run(o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run(o options, w io.Writer) error {
	for _, lang := range splitLangs(o.langs) {
		train, dev, header, err := load(o, lang)
		if err != nil {
			return err
		}
		for _, h := range header {
			fmt.Fprintf(w, "%s data: %s\n", lang, h)
		}
		if o.eval {
			t, err := ner.Load(lang)
			if err != nil {
				return err
			}
			score(t, dev).Write(w, fmt.Sprintf("%s dev (embedded model), %d sentences", lang, countSents(dev)))
			continue
		}
		start := time.Now()
		arts, err := articles(o.corpus, lang)
		if err != nil {
			return err
		}
		var clusters map[string][3]uint16
		if o.clusters {
			var sents [][]string
			for _, d := range train {
				sents = append(sents, d.Tokens()...)
			}
			for _, a := range arts {
				sents = append(sents, a...)
			}
			un := tagger.UnlabelledSentences(sents, text.Fold)
			clusters = tagger.InduceClusters(un, tagger.ClusterOptions{MinCount: 3, Contexts: 1000, Iters: 8, Seed: o.seed})
			fmt.Fprintf(w, "  %s: %d word clusters from %d sentences in %s\n", lang, len(clusters), len(un), time.Since(start).Round(time.Second))
		}
		folds, minCount := langDefault(o.folds, 4, 16, lang), langDefault(o.minCount, 1, 2, lang)
		dropout := o.dropout
		if dropout < 0 {
			// The list holds Arabic words only; without dropout the Arabic
			// model leans on it and misses names it lacks.
			dropout = map[string]float64{"ar": 0.5}[lang]
		}
		topt := tagger.Options{
			Clusters: clusters,
			Bits:     uint8(o.bits), Epochs: o.epochs, Seed: o.seed, Folds: folds, MinCount: minCount, Margin: float32(o.margin), Shuffles: o.shuffles, ListDropout: dropout,
			Logf: func(f string, a ...any) { fmt.Fprintf(w, "  "+f+"\n", a...) },
		}
		m, err := tagger.Train(lang, train, topt)
		if err != nil {
			return fmt.Errorf("train %s: %w", lang, err)
		}
		took := time.Since(start)
		var buf bytes.Buffer
		if _, err := m.WriteTo(&buf); err != nil {
			return fmt.Errorf("encode %s model: %w", lang, err)
		}
		path := filepath.Join(o.out, lang+".gz")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("write model: %w", err)
		}
		// Score the model as it was written, quantised.
		m2, err := tagger.Read(bytes.NewReader(buf.Bytes()))
		if err != nil {
			return fmt.Errorf("re-read %s: %w", path, err)
		}
		fmt.Fprintf(w, "%s: trained on %d sentences in %s; wrote %s (%d bytes)\n", lang, countSents(train), took.Round(time.Second), path, buf.Len())
		tagger.Evaluate(m2, dev).Write(w, fmt.Sprintf("%s dev, %d sentences", lang, countSents(dev)))
		if o.dump != "" {
			if err := dump(o.dump+"."+lang, m2, dev); err != nil {
				return err
			}
		}
	}
	return nil
}

// langDefault returns v, or where v is 0 the default for lang: en or ar.
// Arabic, with a tenth of the training text, learns more from features
// seen at least twice and from second-pass features on 16 folds.
func langDefault(v, en, ar int, lang string) int {
	switch {
	case v != 0:
		return v
	case lang == "ar":
		return ar
	}
	return en
}

func splitLangs(s string) []string {
	var out []string
	for _, l := range bytes.Split([]byte(s), []byte(",")) {
		if len(l) > 0 {
			out = append(out, string(l))
		}
	}
	return out
}

// load returns the training and dev documents of lang.
func load(o options, lang string) (train, dev []tagger.Doc, header []string, err error) {
	switch lang {
	case "en":
		tr, err := readFile(filepath.Join(o.data, "conll2003-train.tsv"))
		if err != nil {
			return nil, nil, nil, err
		}
		dv, err := readFile(filepath.Join(o.data, "conll2003-dev.tsv"))
		if err != nil {
			return nil, nil, nil, err
		}
		return tagger.MergePossessives(tr.Docs), dv.Docs, tr.Header, nil
	case "ar":
		c, err := readFile(filepath.Join(o.data, "anercorp-train.tsv"))
		if err != nil {
			return nil, nil, nil, err
		}
		sents := c.Sentences()
		cut := len(sents) - len(sents)/10
		if o.arWindow < 1 {
			return nil, nil, nil, errors.New("-ar-window must be at least 1")
		}
		train, dev := tagger.Windows(sents[:cut], o.arWindow), tagger.Windows(sents[cut:], o.arWindow)
		header := c.Header
		if o.silver != "" {
			sd, h, err := silver(o.silver, o.silverArt, oLeaders(sents[:cut]))
			if err != nil {
				return nil, nil, nil, fmt.Errorf("silver: %w", err)
			}
			train = append(train, sd...)
			header = append(header, h)
		}
		return train, dev, header, nil
	}
	return nil, nil, nil, fmt.Errorf("language %q: want en or ar", lang)
}

func readFile(path string) (*tagger.Corpus, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	c, err := tagger.ReadTSV(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return c, nil
}

// score tags dev through the public API.
func score(t *ner.Tagger, dev []tagger.Doc) tagger.Score {
	sc := tagger.Score{}
	for _, d := range dev {
		tags := t.Tag(d.Tokens())
		for s, sent := range d {
			sc.Add(sent.Tags, tags[s])
		}
	}
	return sc
}

func countSents(docs []tagger.Doc) int {
	n := 0
	for _, d := range docs {
		n += len(d)
	}
	return n
}

// dump writes token, gold and predicted tag per line, for error analysis.
func dump(path string, m *tagger.Model, dev []tagger.Doc) error {
	var b bytes.Buffer
	for _, d := range dev {
		tags := m.Tag(d.Tokens())
		for s, sent := range d {
			for i, tok := range sent.Tokens {
				mark := ""
				if tagger.Tags[tags[s][i]] != sent.Tags[i] {
					mark = "\t***"
				}
				fmt.Fprintf(&b, "%s\t%s\t%s%s\n", tok, sent.Tags[i], tagger.Tags[tags[s][i]], mark)
			}
			b.WriteByte('\n')
		}
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// articles returns the articles in lang under dir, each as its sentences
// of raw tokens, tokenised the way the extractor tokenises.
func articles(dir, lang string) ([][][]string, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		fmt.Fprintf(os.Stderr, "train: no *.jsonl under %s; clusters from the training text only\n", dir)
	}
	var docs [][][]string
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		for sc.Scan() {
			var a struct {
				Lang string `json:"lang"`
				Text string `json:"text"`
			}
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				f.Close()
				return nil, fmt.Errorf("read %s: %w", p, err)
			}
			if a.Lang != lang {
				continue
			}
			var doc [][]string
			for _, s := range text.Sentences(a.Text) {
				var toks []string
				for _, tk := range text.Tokenize(s.Text) {
					toks = append(toks, tk.Text)
				}
				if len(toks) > 0 {
					doc = append(doc, toks)
				}
			}
			docs = append(docs, doc)
		}
		err = sc.Err()
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", p, err)
		}
	}
	return docs, nil
}
