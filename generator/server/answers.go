package server

import (
	"container/list"
	"sync"

	"github.com/planportal/planportal/generator/search"
)

// Versioned is a search.Searcher that can name the version of the index it answers from. Its
// answers to one request are the same for as long as the version is: the server keeps them,
// so that a repeated search costs a map lookup and gets the same bytes and strong ETag.
type Versioned interface {
	search.Searcher
	// Version names the index that answers now, or "" when that cannot be said (a reload is
	// due), in which case nothing is kept.
	Version() string
}

// answer is one search answered: the response and its JSON, which is what /api/search sends
// and what the strong ETag is of. It is shared between requests: never modified.
type answer struct {
	key  string
	resp *search.Response
	json []byte
	etag string
}

func newAnswer(resp *search.Response) *answer {
	b := encodeJSON(resp)
	return &answer{resp: resp, json: b, etag: BodyETag(b)}
}

// answers keeps the latest answers of one index version, least recently used out first,
// within a byte budget. took_ms in a kept answer is the time it took when it was computed.
type answers struct {
	mu       sync.Mutex
	version  string
	byKey    map[string]*list.Element
	lru      list.List // of *answer, most recent first
	size     int
	maxBytes int
}

// answerBudget bounds the memory kept answers take: a typical answer is 5–20 KB of JSON and
// about as much again as a Response, so a few thousand searches are kept.
const answerBudget = 32 << 20

func (c *answers) get(version, key string) *answer {
	if version == "" {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version {
		return nil
	}
	if e, ok := c.byKey[key]; ok {
		c.lru.MoveToFront(e)
		return e.Value.(*answer)
	}
	return nil
}

// put keeps a for version; answers of another version are dropped first.
func (c *answers) put(version string, a *answer) {
	if version == "" {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version || c.byKey == nil {
		c.version, c.byKey, c.size = version, map[string]*list.Element{}, 0
		c.lru.Init()
	}
	if _, ok := c.byKey[a.key]; ok {
		return
	}
	budget := c.maxBytes
	if budget == 0 {
		budget = answerBudget
	}
	cost := 2 * len(a.json) // the JSON and the Response it was made from
	if cost > budget/8 {
		return // one huge answer would push out many ordinary ones
	}
	c.byKey[a.key] = c.lru.PushFront(a)
	c.size += cost
	for c.size > budget {
		old := c.lru.Back()
		oa := old.Value.(*answer)
		c.lru.Remove(old)
		delete(c.byKey, oa.key)
		c.size -= 2 * len(oa.json)
	}
}

// requestKey is a normalised request as a key: two requests with one key get one answer.
func requestKey(req search.Request) string {
	return string(encodeJSON(req)) // encoding/json writes map keys in order
}
