package jsonl

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/kgraph/kgraph/graph"
)

// Index is where each article's records are in an exchange file, so that
// the batches can be rebuilt a group of articles at a time without holding
// the file.
//
// A first pass over the file notes the offset of every article, relation
// and attribute line. Entity lines span articles (kgraph extract writes
// them last, with the mentions of every article), so the first pass cuts
// each into one record per article it names and spills those to a
// temporary file; a busy entity is then read once, not once per group.
// Memory grows with the number of lines and (article, entity) pairs, not
// with the records, and the time is linear in the file.
type Index struct {
	articles []*articleIndex
	byID     map[string]int   // article id -> index in articles
	entityNo map[string]int32 // entity id -> index in entityID and bareAt
	entityID []string
	bareAt   []int64 // spill offset of the entity with no mentions, -1 if it has no line
	spill    *os.File
}

type articleIndex struct {
	id      string
	article int64   // offset of the article line, -1 if none
	facts   []int64 // offsets of its relation and attribute lines
	needs   []int32 // entities its facts name
	cutNo   []int32 // entities whose lines name it ...
	cutAt   []int64 // ... and the spill offsets of their cuts to it
}

// entity returns the number of entity id, adding it if new.
func (ix *Index) entity(id string) int32 {
	n, ok := ix.entityNo[id]
	if !ok {
		n = int32(len(ix.entityID))
		ix.entityNo[id] = n
		ix.entityID = append(ix.entityID, id)
		ix.bareAt = append(ix.bareAt, -1)
	}
	return n
}

// NewIndex reads r once, reporting bad lines to onError as *LineError. The
// Index holds a temporary file until Close.
func NewIndex(r io.Reader, onError func(error)) (*Index, error) {
	if onError == nil {
		onError = func(error) {}
	}
	spill, err := os.CreateTemp("", "kgraph-entities-*.jsonl")
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	// Unlinked at once: the file lives as long as it is open.
	os.Remove(spill.Name())
	ix := &Index{byID: map[string]int{}, entityNo: map[string]int32{}, spill: spill}
	sw := &spillWriter{w: bufio.NewWriterSize(spill, 256*1024)}
	br := bufio.NewReaderSize(r, 64*1024)
	var off int64
	// line counts every line, blank ones too, for messages.
	for line := 1; ; line++ {
		b, err := readLine(br)
		if len(b) > 0 {
			at := off
			off += int64(len(b))
			rec, ok, perr := parseLine(b)
			switch {
			case perr != nil:
				onError(&LineError{line, perr})
			case !ok:
			case rec.Article != nil:
				ix.get(rec.Article.ID).article = at
			case rec.Relation != nil:
				a := ix.get(rec.Relation.Article)
				a.facts = append(a.facts, at)
				a.needs = append(a.needs, ix.entity(rec.Relation.Subject), ix.entity(rec.Relation.Object))
			case rec.Attribute != nil:
				a := ix.get(rec.Attribute.Article)
				a.facts = append(a.facts, at)
				a.needs = append(a.needs, ix.entity(rec.Attribute.Subject))
			case rec.Entity != nil:
				if err := ix.cut(sw, rec.Entity); err != nil {
					ix.Close()
					return nil, err
				}
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			ix.Close()
			return nil, err
		}
	}
	if err := sw.w.Flush(); err != nil {
		ix.Close()
		return nil, fmt.Errorf("index: %w", err)
	}
	return ix, nil
}

type spillWriter struct {
	w   *bufio.Writer
	off int64
}

func (s *spillWriter) write(e graph.Entity) (int64, error) {
	b, err := json.Marshal(e)
	if err != nil {
		return 0, err
	}
	at := s.off
	b = append(b, '\n')
	if _, err := s.w.Write(b); err != nil {
		return 0, fmt.Errorf("index: %w", err)
	}
	s.off += int64(len(b))
	return at, nil
}

// cut spills e without mentions, and e cut to each article it names.
func (ix *Index) cut(sw *spillWriter, e *graph.Entity) error {
	n := ix.entity(e.ID)
	bare := *e
	bare.Mentions, bare.Articles = nil, nil
	at, err := sw.write(bare)
	if err != nil {
		return err
	}
	ix.bareAt[n] = at
	byArticle := map[string][]graph.Mention{}
	for _, m := range e.Mentions {
		byArticle[m.Article] = append(byArticle[m.Article], m)
	}
	for _, id := range articlesOf(e) {
		c := bare
		c.Mentions = byArticle[id]
		c.Articles = []string{id}
		at, err := sw.write(c)
		if err != nil {
			return err
		}
		a := ix.get(id)
		a.cutNo = append(a.cutNo, n)
		a.cutAt = append(a.cutAt, at)
	}
	return nil
}

// readLine returns the next line including its newline, of any length.
func readLine(br *bufio.Reader) ([]byte, error) {
	var long []byte
	for {
		b, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			long = append(long, b...)
			continue
		}
		if long != nil {
			b = append(long, b...)
		} else {
			b = append([]byte(nil), b...)
		}
		return b, err
	}
}

func (ix *Index) get(id string) *articleIndex {
	i, ok := ix.byID[id]
	if !ok {
		i = len(ix.articles)
		ix.byID[id] = i
		ix.articles = append(ix.articles, &articleIndex{id: id, article: -1})
	}
	return ix.articles[i]
}

// Len is the number of articles.
func (ix *Index) Len() int { return len(ix.articles) }

// Close releases the temporary file.
func (ix *Index) Close() error { return ix.spill.Close() }

// Batches calls fn with the batches of groupSize articles at a time, in the
// order the articles first appear (those known only from an entity's
// mentions last), reading their lines from ra, the file NewIndex read. Each
// batch gets the entities its relations, attributes and mentions touch,
// sorted by id, with mentions cut to that article; facts naming an entity
// with no record are reported to onError and dropped.
func (ix *Index) Batches(ra io.ReaderAt, groupSize int, fn func([]graph.Batch) error, onError func(error)) error {
	if onError == nil {
		onError = func(error) {}
	}
	groupSize = max(groupSize, 1)
	for start := 0; start < len(ix.articles); start += groupSize {
		group := ix.articles[start:min(start+groupSize, len(ix.articles))]
		out := make([]graph.Batch, 0, len(group))
		for _, a := range group {
			b, err := ix.batch(ra, a, onError)
			if err != nil {
				return err
			}
			out = append(out, b)
		}
		if err := fn(out); err != nil {
			return err
		}
	}
	return nil
}

func (ix *Index) batch(ra io.ReaderAt, a *articleIndex, onError func(error)) (graph.Batch, error) {
	b := graph.Batch{Article: graph.Article{ID: a.id}}
	if a.article >= 0 {
		rec, err := readRecord(ra, a.article)
		if err != nil {
			return b, err
		}
		b.Article = *rec.Article
	}
	for _, at := range a.facts {
		rec, err := readRecord(ra, at)
		if err != nil {
			return b, err
		}
		switch {
		case rec.Relation != nil:
			b.Relations = append(b.Relations, *rec.Relation)
		case rec.Attribute != nil:
			b.Attributes = append(b.Attributes, *rec.Attribute)
		}
	}
	// Where each entity of the article is: its cut to the article, else
	// (named by a fact only) its bare record. A later line of the same
	// entity wins, as its bare record does.
	where := map[int32]int64{}
	for i, n := range a.cutNo {
		where[n] = a.cutAt[i]
	}
	missing := false
	for _, n := range a.needs {
		if _, ok := where[n]; ok {
			continue
		}
		if at := ix.bareAt[n]; at >= 0 {
			where[n] = at
			continue
		}
		where[n] = -1
		onError(fmt.Errorf("article %s: no entity record for id %q; its facts are skipped", a.id, ix.entityID[n]))
		missing = true
	}
	nos := make([]int32, 0, len(where))
	for n, at := range where {
		if at >= 0 {
			nos = append(nos, n)
		}
	}
	sort.Slice(nos, func(i, j int) bool { return ix.entityID[nos[i]] < ix.entityID[nos[j]] })
	for _, n := range nos {
		var e graph.Entity
		if err := readEntity(ix.spill, where[n], &e); err != nil {
			return b, err
		}
		e.Articles = []string{a.id}
		b.Entities = append(b.Entities, e)
	}
	if missing {
		dropMissing(&b)
	}
	return b, nil
}

// readRecord reads and decodes the line at off, which the first pass found good.
func readRecord(ra io.ReaderAt, off int64) (Record, error) {
	b, err := readLine(bufio.NewReaderSize(io.NewSectionReader(ra, off, 1<<62), 4096))
	if err != nil && !(err == io.EOF && len(b) > 0) {
		return Record{}, fmt.Errorf("reread the line at byte %d: %w", off, err)
	}
	rec, ok, err := parseLine(b)
	if err != nil || !ok {
		return Record{}, fmt.Errorf("the line at byte %d changed since it was indexed", off)
	}
	return rec, nil
}

func readEntity(ra io.ReaderAt, off int64, e *graph.Entity) error {
	b, err := readLine(bufio.NewReaderSize(io.NewSectionReader(ra, off, 1<<62), 4096))
	if err != nil && !(err == io.EOF && len(b) > 0) {
		return fmt.Errorf("index: read entity: %w", err)
	}
	if err := json.Unmarshal(b, e); err != nil {
		return fmt.Errorf("index: read entity: %w", err)
	}
	return nil
}
