package resolve

import "github.com/kgraph/kgraph/graph"

// mentionLog keeps, with KeepMentions, every article's mentions of every
// entity until Entities is called. A corpus has a great many of them (about
// 40 per article), so they are held compactly: article ids and surface
// texts are interned and a mention is four integers, 16 bytes instead of
// about 70 for a graph.Mention in a growing slice.
type mentionLog struct {
	strs  []string
	index map[string]uint32
	ents  map[string]*keptEntity
}

type keptEntity struct {
	articles       []uint32
	mentions, refs []keptMention
}

type keptMention struct{ article, text, start, end uint32 }

func (m *mentionLog) intern(s string) uint32 {
	if i, ok := m.index[s]; ok {
		return i
	}
	if m.index == nil {
		m.index = map[string]uint32{}
		m.ents = map[string]*keptEntity{}
	}
	i := uint32(len(m.strs))
	m.strs = append(m.strs, s)
	m.index[s] = i
	return i
}

// add records one article's mentions and refs of entity id. Articles come
// one at a time, so an article already listed is the last one.
func (m *mentionLog) add(id, article string, mentions, refs []graph.Mention) {
	a := m.intern(article)
	k := m.ents[id]
	if k == nil {
		k = &keptEntity{}
		m.ents[id] = k
	}
	if n := len(k.articles); n == 0 || k.articles[n-1] != a {
		k.articles = append(k.articles, a)
	}
	k.mentions = m.appendKept(k.mentions, mentions)
	k.refs = m.appendKept(k.refs, refs)
}

func (m *mentionLog) appendKept(dst []keptMention, ms []graph.Mention) []keptMention {
	for _, x := range ms {
		dst = append(dst, keptMention{article: m.intern(x.Article), text: m.intern(x.Text), start: uint32(x.Start), end: uint32(x.End)})
	}
	return dst
}

// fill sets e's articles, mentions and refs from the log.
func (m *mentionLog) fill(e *graph.Entity) {
	k := m.ents[e.ID]
	if k == nil {
		return
	}
	e.Articles = make([]string, len(k.articles))
	for i, a := range k.articles {
		e.Articles[i] = m.strs[a]
	}
	e.Mentions = m.expand(k.mentions)
	e.Refs = m.expand(k.refs)
}

func (m *mentionLog) expand(ks []keptMention) []graph.Mention {
	if len(ks) == 0 {
		return nil
	}
	out := make([]graph.Mention, len(ks))
	for i, k := range ks {
		out[i] = graph.Mention{Article: m.strs[k.article], Text: m.strs[k.text], Start: int(k.start), End: int(k.end)}
	}
	return out
}
