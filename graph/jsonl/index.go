package jsonl

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/kgraph/kgraph/graph"
)

// Index is where each article's records are in an exchange file: a first
// pass over the file notes the offset of every line and which entities each
// article needs, so that a second pass can rebuild the batches a group of
// articles at a time, reading only their lines. Memory grows with the
// number of lines and (article, entity) pairs, not with the records, which
// is what lets a loader stream a file of any size.
//
// Entity lines span articles and usually come after the facts that use
// them (kgraph extract writes them last), which is why one pass cannot do.
type Index struct {
	articles []*articleIndex
	byID     map[string]int   // article id -> index in articles
	entityNo map[string]int32 // entity id -> index in entityID and entityAt
	entityID []string
	entityAt []int64 // offset of the entity's (last) line, -1 if none
}

type articleIndex struct {
	id       string
	article  int64   // offset of the article line, -1 if none
	facts    []int64 // offsets of its relation and attribute lines
	entities []int32 // entity numbers, sorted by id once indexed
}

// entity returns the number of entity id, adding it if new.
func (ix *Index) entity(id string) int32 {
	n, ok := ix.entityNo[id]
	if !ok {
		n = int32(len(ix.entityID))
		ix.entityNo[id] = n
		ix.entityID = append(ix.entityID, id)
		ix.entityAt = append(ix.entityAt, -1)
	}
	return n
}

// NewIndex reads r once, reporting bad lines to onError as *LineError.
func NewIndex(r io.Reader, onError func(error)) (*Index, error) {
	if onError == nil {
		onError = func(error) {}
	}
	ix := &Index{byID: map[string]int{}, entityNo: map[string]int32{}}
	entityArticles := map[int32][]string{}
	br := bufio.NewReaderSize(r, 64*1024)
	var off int64
	for line := 1; ; line++ {
		// line counts every line, blank ones too, for messages.
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
				a.entities = append(a.entities, ix.entity(rec.Relation.Subject), ix.entity(rec.Relation.Object))
			case rec.Attribute != nil:
				a := ix.get(rec.Attribute.Article)
				a.facts = append(a.facts, at)
				a.entities = append(a.entities, ix.entity(rec.Attribute.Subject))
			case rec.Entity != nil:
				n := ix.entity(rec.Entity.ID)
				ix.entityAt[n] = at
				entityArticles[n] = articlesOf(rec.Entity)
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	// Entities that are mentioned in an article with no facts still belong
	// to that article's batch; articles known only that way come last, in
	// entity id order.
	nos := make([]int32, 0, len(entityArticles))
	for n := range entityArticles {
		nos = append(nos, n)
	}
	sort.Slice(nos, func(i, j int) bool { return ix.entityID[nos[i]] < ix.entityID[nos[j]] })
	for _, n := range nos {
		for _, id := range entityArticles[n] {
			a := ix.get(id)
			a.entities = append(a.entities, n)
		}
	}
	for _, a := range ix.articles {
		sort.Slice(a.entities, func(i, j int) bool { return ix.entityID[a.entities[i]] < ix.entityID[a.entities[j]] })
		a.entities = compact(a.entities)
	}
	return ix, nil
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

// Batches calls fn with the batches of groupSize articles at a time, in
// the order the articles first appear, reading their lines from ra (the
// same file). Each batch gets the entities its relations, attributes and
// mentions touch, with mentions cut to that article; facts naming an entity
// with no record are reported to onError and dropped.
func (ix *Index) Batches(ra io.ReaderAt, groupSize int, fn func([]graph.Batch) error, onError func(error)) error {
	if onError == nil {
		onError = func(error) {}
	}
	groupSize = max(groupSize, 1)
	for start := 0; start < len(ix.articles); start += groupSize {
		group := ix.articles[start:min(start+groupSize, len(ix.articles))]
		// Each entity line is read once per group, however many of its
		// articles the group holds.
		entities := map[int32]*graph.Entity{}
		out := make([]graph.Batch, 0, len(group))
		for _, a := range group {
			b := graph.Batch{Article: graph.Article{ID: a.id}}
			if a.article >= 0 {
				rec, err := ix.record(ra, a.article)
				if err != nil {
					return err
				}
				b.Article = *rec.Article
			}
			for _, at := range a.facts {
				rec, err := ix.record(ra, at)
				if err != nil {
					return err
				}
				switch {
				case rec.Relation != nil:
					b.Relations = append(b.Relations, *rec.Relation)
				case rec.Attribute != nil:
					b.Attributes = append(b.Attributes, *rec.Attribute)
				}
			}
			for _, n := range a.entities {
				e, ok := entities[n]
				if !ok {
					if at := ix.entityAt[n]; at >= 0 {
						rec, err := ix.record(ra, at)
						if err != nil {
							return err
						}
						e = rec.Entity
					}
					entities[n] = e
				}
				if e == nil {
					onError(fmt.Errorf("article %s: no entity record for id %q; its facts are skipped", a.id, ix.entityID[n]))
					continue
				}
				b.Entities = append(b.Entities, ForArticle(*e, a.id))
			}
			if len(b.Entities) < len(a.entities) {
				dropMissing(&b)
			}
			out = append(out, b)
		}
		if err := fn(out); err != nil {
			return err
		}
	}
	return nil
}

// record reads and decodes the line at off, which the first pass found good.
func (ix *Index) record(ra io.ReaderAt, off int64) (Record, error) {
	br := bufio.NewReaderSize(io.NewSectionReader(ra, off, 1<<62), 16*1024)
	b, err := readLine(br)
	if err != nil && !(err == io.EOF && len(b) > 0) {
		return Record{}, fmt.Errorf("reread the line at byte %d: %w", off, err)
	}
	rec, ok, err := parseLine(b)
	if err != nil || !ok {
		return Record{}, fmt.Errorf("the line at byte %d changed since it was indexed", off)
	}
	return rec, nil
}

func compact(xs []int32) []int32 {
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}
