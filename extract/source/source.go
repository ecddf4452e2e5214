// Package source reads news articles from files, directories and stdin and
// yields them one at a time as extract.Articles.
//
// # Formats
//
//   - .txt: the whole file is the text.
//   - .md, .markdown: optional YAML front matter between "---" lines, then
//     the text.
//   - .json: one article object, or an array of them (streamed element by
//     element, never the whole array in memory).
//   - .jsonl, .ndjson: one article object a line; a bad line is reported and
//     the next line read.
//   - "-" reads stdin: JSON (an array, one object or JSON Lines) when the
//     first non-blank byte is '[' or '{', plain text otherwise.
//
// Metadata fields are id, title, url, source, published, lang and (for JSON)
// text. Directories are walked recursively in lexical order; names starting
// with "." are skipped, as are files of other extensions (with a debug log).
//
// # Identity
//
// An article's id comes from its metadata, else the file name without
// extension; a .json/.jsonl record without id gets "<file stem>-<index>"
// (index from 0, counting records). Stdin's stem is "stdin".
//
// Source comes from the article's metadata, else Walker.Source (the
// configured source), else the name of the root given on the command line
// (the directory itself, or a file's parent directory); see RootSource.
//
// SHA256 is the hex sha256 of the normalised text (see Normalize), so that
// re-encoding a file as NFD or CRLF does not count as a change.
//
// # Limits
//
// An article whose text is longer than Walker.MaxArticleBytes (default
// DefaultMaxArticleBytes) is reported as a bad file or record, and the walk
// goes on; a .txt or .md file is refused from its size before it is read, a
// JSON Lines line long enough that its text must be too long is skipped
// without decoding. A text with NUL bytes, or in which control characters
// other than tab, newline, carriage return, form feed and vertical tab make
// up 1% or more of the characters, is refused as binary.
package source

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/kgraph/kgraph/extract"
)

// Stdin is the path that stands for standard input.
const Stdin = "-"

// DefaultMaxArticleBytes is the longest article text read when
// Walker.MaxArticleBytes is 0: far above any news article, and far below
// what would make extraction slow or its output huge.
const DefaultMaxArticleBytes = 2 << 20

// Walker reads articles from Paths. The zero value reads nothing.
type Walker struct {
	Paths  []string
	Stdin  io.Reader    // read when a path is "-"
	Source string       // default Article.Source; "" means RootSource of each path
	Logger *slog.Logger // nil discards
	// MaxArticleBytes bounds an article's text in bytes;
	// DefaultMaxArticleBytes if 0, no bound if negative.
	MaxArticleBytes int64
}

// ErrTooLarge and ErrBinary mark articles refused by the limits, for
// errors.Is.
var (
	ErrTooLarge = errors.New("article too large")
	ErrBinary   = errors.New("binary data, not text")
)

// TooLargeError is an article over the size limit.
type TooLargeError struct {
	Size  int64 // bytes; at least Limit+1 when only a prefix was read
	Limit int64
	Exact bool // Size is the whole size, not a lower bound
}

func (e *TooLargeError) Error() string {
	size := ""
	if e.Exact {
		size = fmt.Sprintf("%d bytes, ", e.Size)
	}
	return fmt.Sprintf("%v: %sover the limit of %d bytes (--max-article-bytes); split it or raise the limit", ErrTooLarge, size, e.Limit)
}
func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

// Walk reads every article under paths, calling fn for each in a stable
// order. A bad file or record goes to onError (which may be nil) and the walk
// continues. A path that does not exist stops the walk before anything is
// read, so that a caller mirroring the set of files (sync --prune) never
// mistakes a typo for deleted articles. An error from fn stops the walk and
// is returned.
func Walk(ctx context.Context, paths []string, stdin io.Reader, fn func(extract.Article) error, onError func(path string, err error)) error {
	return Walker{Paths: paths, Stdin: stdin}.Walk(ctx, fn, onError)
}

// Walk is the method form of the package function Walk.
func (w Walker) Walk(ctx context.Context, fn func(extract.Article) error, onError func(path string, err error)) error {
	if onError == nil {
		onError = func(string, error) {}
	}
	log := w.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	type root struct {
		path string
		info fs.FileInfo
	}
	roots := make([]root, 0, len(w.Paths))
	for _, p := range w.Paths {
		if p == Stdin {
			roots = append(roots, root{path: p})
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			return fmt.Errorf("source: %w", err)
		}
		roots = append(roots, root{p, info})
	}
	r := &reader{
		ctx:     ctx,
		fn:      fn,
		onError: onError,
		log:     log,
		seen:    map[string]string{},
		max:     w.MaxArticleBytes,
	}
	if r.max == 0 {
		r.max = DefaultMaxArticleBytes
	}
	for _, rt := range roots {
		r.source = w.Source
		if r.source == "" {
			r.source = RootSource(rt.path)
		}
		var err error
		switch {
		case rt.path == Stdin:
			if w.Stdin == nil {
				onError(Stdin, errors.New("no standard input"))
				continue
			}
			err = r.stdin(w.Stdin)
		case rt.info.IsDir():
			err = r.dir(rt.path)
		default:
			if formatOf(rt.path) == "" {
				onError(rt.path, fmt.Errorf("unsupported file type %q (want .txt, .md, .json or .jsonl)", filepath.Ext(rt.path)))
				continue
			}
			err = r.file(rt.path)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// RootSource is the default source name of the articles under a path given
// on the command line: the directory's own name, or a file's parent
// directory name, or "stdin".
func RootSource(path string) string {
	if path == Stdin {
		return "stdin"
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = filepath.Clean(path)
	}
	if info, err := os.Stat(abs); err != nil || !info.IsDir() {
		abs = filepath.Dir(abs)
	}
	return filepath.Base(abs)
}

type reader struct {
	ctx     context.Context
	fn      func(extract.Article) error
	onError func(string, error)
	log     *slog.Logger
	source  string
	seen    map[string]string // article id -> where it was read, to catch clashes
	max     int64             // longest text in bytes; < 0 means no limit
}

// fatal marks an error from fn or the context, which ends the walk; every
// other error is a bad file, reported and skipped.
type fatal struct{ err error }

func (f fatal) Error() string { return f.err.Error() }
func (f fatal) Unwrap() error { return f.err }

func (r *reader) dir(root string) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if cerr := r.ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			// An unreadable directory or file: report it and go on.
			r.onError(path, err)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		if formatOf(path) == "" {
			r.log.Debug("skipping file of unknown type", "path", path)
			return nil
		}
		return r.file(path)
	})
}

// file reads one file; only a fatal error is returned.
func (r *reader) file(path string) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		r.onError(path, err)
		return nil
	}
	defer f.Close()
	stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	format := formatOf(path)
	if format == "txt" || format == "md" {
		// One file, one article: refuse it from its size, unread. Front
		// matter counts, which errs on the side of the limit.
		if fi, err := f.Stat(); err == nil && r.max >= 0 && fi.Mode().IsRegular() && fi.Size() > r.max {
			r.onError(path, &TooLargeError{Size: fi.Size(), Limit: r.max, Exact: true})
			return nil
		}
	}
	switch format {
	case "txt":
		err = r.text(path, stem, f, false)
	case "md":
		err = r.text(path, stem, f, true)
	case "json":
		err = r.json(path, stem, bufio.NewReader(f))
	case "jsonl":
		err = r.jsonl(path, stem, f)
	}
	return r.check(path, err)
}

// check reports a non-fatal error and passes a fatal one up.
func (r *reader) check(path string, err error) error {
	var fe fatal
	if errors.As(err, &fe) {
		return fe.err
	}
	if err != nil {
		r.onError(path, err)
	}
	return nil
}

func (r *reader) stdin(in io.Reader) error {
	br := bufio.NewReader(in)
	first, err := firstByte(br)
	if err != nil && err != io.EOF {
		return r.check(Stdin, err)
	}
	switch first {
	case '[', '{':
		return r.check(Stdin, r.jsonStream(Stdin, "stdin", br))
	default:
		return r.check(Stdin, r.text(Stdin, "stdin", br, false))
	}
}

func formatOf(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt":
		return "txt"
	case ".md", ".markdown":
		return "md"
	case ".json":
		return "json"
	case ".jsonl", ".ndjson":
		return "jsonl"
	}
	return ""
}

// firstByte peeks at the first byte that is not white space (or a BOM).
func firstByte(br *bufio.Reader) (byte, error) {
	for {
		b, err := br.Peek(1)
		if err != nil {
			return 0, err
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			br.ReadByte()
			continue
		case 0xEF: // UTF-8 BOM
			if bom, err := br.Peek(3); err == nil && bytes.Equal(bom, []byte("\uFEFF")) {
				br.Discard(3)
				continue
			}
		}
		return b[0], nil
	}
}

// meta is an article as stored in JSON or front matter.
type meta struct {
	ID        flexString `json:"id" yaml:"id"`
	Title     string     `json:"title" yaml:"title"`
	URL       string     `json:"url" yaml:"url"`
	Source    string     `json:"source" yaml:"source"`
	Published string     `json:"published" yaml:"published"`
	Lang      string     `json:"lang" yaml:"lang"`
	Text      *string    `json:"text" yaml:"-"`
}

// flexString accepts a JSON string or number, since feeds give numeric ids.
type flexString string

func (s *flexString) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = flexString(v)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("id must be a string or number")
	}
	*s = flexString(n.String())
	return nil
}

// emit turns metadata and text into an Article and hands it to fn.
// defaultID is used when the metadata has none.
func (r *reader) emit(path, defaultID string, m meta, text string) error {
	if r.max >= 0 && int64(len(text)) > r.max {
		return &TooLargeError{Size: int64(len(text)), Limit: r.max, Exact: true}
	}
	if !utf8.ValidString(text) {
		if bytes.IndexByte([]byte(text), 0) >= 0 {
			return fmt.Errorf("%w (NUL bytes)", ErrBinary)
		}
		return errors.New("text is not valid UTF-8")
	}
	if err := checkText(text); err != nil {
		return err
	}
	text = strings.TrimPrefix(text, "\uFEFF")
	norm := Normalize(text)
	if norm == "" {
		return errors.New("empty text")
	}
	id := strings.TrimSpace(string(m.ID))
	if id == "" {
		id = defaultID
	}
	published, err := NormalizeDate(m.Published)
	if err != nil {
		return fmt.Errorf("article %s: published %q: %w", id, m.Published, err)
	}
	if prev, ok := r.seen[id]; ok {
		return fmt.Errorf("article id %q already read from %s; ids must be unique", id, prev)
	}
	r.seen[id] = path
	a := extract.Article{Text: text}
	a.ID = id
	a.Title = strings.TrimSpace(m.Title)
	a.URL = strings.TrimSpace(m.URL)
	a.Source = strings.TrimSpace(m.Source)
	if a.Source == "" {
		a.Source = r.source
	}
	a.Published = published
	a.Lang = strings.ToLower(strings.TrimSpace(m.Lang))
	if a.Lang == "" {
		a.Lang = DetectLanguage(norm)
	}
	sum := sha256.Sum256([]byte(norm))
	a.SHA256 = hex.EncodeToString(sum[:])
	a.Path = path
	if err := r.fn(a); err != nil {
		return fatal{err}
	}
	if err := r.ctx.Err(); err != nil {
		return fatal{err}
	}
	return nil
}

// checkText refuses binary data that happens to be valid UTF-8: NUL bytes,
// or control characters (other than the usual white space) making up 1% or
// more of the characters.
func checkText(text string) error {
	if strings.IndexByte(text, 0) >= 0 {
		return fmt.Errorf("%w (NUL bytes)", ErrBinary)
	}
	controls, runes := 0, 0
	for _, c := range text {
		runes++
		switch {
		case c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
		case c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0:
			controls++
		}
	}
	if controls > 0 && controls*100 >= runes {
		return fmt.Errorf("%w (%d control characters in %d)", ErrBinary, controls, runes)
	}
	return nil
}

// readLimited reads all of in, but not more than max+1 bytes (max < 0: no
// limit), so an endless or huge stream is refused without holding it.
func readLimited(in io.Reader, max int64) ([]byte, error) {
	if max < 0 {
		return io.ReadAll(in)
	}
	b, err := io.ReadAll(io.LimitReader(in, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, &TooLargeError{Size: int64(len(b)), Limit: max}
	}
	return b, nil
}

// text reads a .txt or .md article (or plain text on stdin).
func (r *reader) text(path, stem string, in io.Reader, frontMatter bool) error {
	limit := r.max
	if frontMatter && limit >= 0 {
		limit += 64 << 10 // room for the front matter; the text is checked again in emit
	}
	b, err := readLimited(in, limit)
	if err != nil {
		return err
	}
	var m meta
	if frontMatter {
		var body []byte
		m, body, err = splitFrontMatter(b)
		if err != nil {
			return err
		}
		b = body
	}
	return r.emit(path, stem, m, string(b))
}

// json reads a .json file: one object or an array of objects.
func (r *reader) json(path, stem string, br *bufio.Reader) error {
	first, err := firstByte(br)
	if err == io.EOF {
		return errors.New("empty file")
	}
	if err != nil {
		return err
	}
	dec := json.NewDecoder(br)
	switch first {
	case '{':
		var m meta
		if err := dec.Decode(&m); err != nil {
			return jsonError(dec, err)
		}
		if _, err := dec.Token(); err != io.EOF {
			return errors.New("more than one JSON value; use an array or a .jsonl file")
		}
		return r.record(path, stem, m, "")
	case '[':
		if _, err := dec.Token(); err != nil {
			return jsonError(dec, err)
		}
		for i := 0; dec.More(); i++ {
			var m meta
			if err := dec.Decode(&m); err != nil {
				return fmt.Errorf("record %d: %w", i, jsonError(dec, err))
			}
			if err := r.record(path, fmt.Sprintf("%s-%d", stem, i), m, fmt.Sprintf("record %d: ", i)); err != nil {
				var fe fatal
				if errors.As(err, &fe) {
					return err
				}
				r.onError(path, err)
			}
		}
		if _, err := dec.Token(); err != nil {
			return jsonError(dec, err)
		}
		return nil
	default:
		return fmt.Errorf("not JSON: starts with %q", first)
	}
}

// jsonStream reads stdin's JSON: an array, or a sequence of objects (one
// object, or JSON Lines).
func (r *reader) jsonStream(path, stem string, br *bufio.Reader) error {
	if first, _ := firstByte(br); first == '[' {
		return r.json(path, stem, br)
	}
	dec := json.NewDecoder(br)
	for i := 0; ; i++ {
		var m meta
		err := dec.Decode(&m)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("record %d: %w", i, jsonError(dec, err))
		}
		if err := r.record(path, fmt.Sprintf("%s-%d", stem, i), m, fmt.Sprintf("record %d: ", i)); err != nil {
			var fe fatal
			if errors.As(err, &fe) {
				return err
			}
			r.onError(path, err)
		}
	}
}

// jsonl reads one object a line; a bad line is reported and skipped.
func (r *reader) jsonl(path, stem string, in io.Reader) error {
	br := bufio.NewReader(in)
	index := 0
	for line := 1; ; line++ {
		b, long, err := r.readLine(br)
		if long > 0 {
			r.onError(path, fmt.Errorf("line %d: %w", line, &TooLargeError{Size: long, Limit: r.max}))
			index++
		} else if len(bytes.TrimSpace(b)) > 0 {
			var m meta
			if jerr := json.Unmarshal(b, &m); jerr != nil {
				r.onError(path, fmt.Errorf("line %d: %w", line, jerr))
			} else if rerr := r.record(path, fmt.Sprintf("%s-%d", stem, index), m, fmt.Sprintf("line %d: ", line)); rerr != nil {
				var fe fatal
				if errors.As(rerr, &fe) {
					return rerr
				}
				r.onError(path, rerr)
			}
			index++
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// maxLineBytes is the longest JSON Lines line that may still hold a text of
// at most max bytes: JSON escapes (\uXXXX for two UTF-8 bytes) can triple
// the text, plus room for the metadata.
func maxLineBytes(max int64) int64 { return 3*max + 64<<10 }

// readLine reads one line with its newline. A line longer than
// maxLineBytes is skipped to its end without being kept; long is then how
// many bytes were skipped.
func (r *reader) readLine(br *bufio.Reader) (line []byte, long int64, err error) {
	if r.max < 0 {
		line, err = br.ReadBytes('\n')
		return line, 0, err
	}
	limit := maxLineBytes(r.max)
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if long == 0 {
			buf = append(buf, chunk...)
			if int64(len(buf)) > limit {
				long, buf = int64(len(buf)), nil
			}
		} else {
			long += int64(len(chunk))
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return buf, long, err
	}
}

// record emits one JSON record; where prefixes its errors (e.g. "line 3: ").
func (r *reader) record(path, defaultID string, m meta, where string) error {
	if m.Text == nil {
		return fmt.Errorf("%sno \"text\" field", where)
	}
	if err := r.emit(path, defaultID, m, *m.Text); err != nil {
		var fe fatal
		if errors.As(err, &fe) {
			return err
		}
		return fmt.Errorf("%s%w", where, err)
	}
	return nil
}

// jsonError adds the byte offset to a syntax error.
func jsonError(dec *json.Decoder, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("bad JSON at byte %d: %w", se.Offset, err)
	}
	if err == io.ErrUnexpectedEOF {
		return fmt.Errorf("bad JSON: truncated at byte %d", dec.InputOffset())
	}
	return fmt.Errorf("bad JSON: %w", err)
}
