package server

import (
	"context"
	"errors"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/planportal/planportal/generator/publish"
	"github.com/planportal/planportal/generator/search"
)

// SiteIndex is the search index that goes with a published site: it answers only from an
// index of the same build as the site at its root (their publish.ID), follows rebuilds, and
// settles a publish that a killed build left half done. A build swaps the index first and the
// site second; SiteIndex switches to the new index when the site's ID changes, before it
// answers the next search, so it never answers from an index of another build than the site.
type SiteIndex struct {
	root, index string
	live        *search.Live
	log         func(format string, a ...any)

	mu       sync.Mutex // serialises Reload
	pending  string     // the ID Accept last agreed to
	mismatch string     // the pair of IDs last reported as not matching
	served   atomic.Pointer[string]
}

// OpenSiteIndex follows the index at index for the site at root, opening each version with
// open. log, if not nil, is told about reloads and mismatches.
func OpenSiteIndex(root, index string, open search.Opener, syn *search.Synonyms, log func(format string, a ...any)) *SiteIndex {
	si := &SiteIndex{root: root, index: index, log: log, live: search.NewLive(index, syn, open)}
	si.live.Log = log
	si.live.Accept = si.accept
	si.Reload()
	return si
}

// accept agrees to open the index at the path only if it is of the site's build.
func (si *SiteIndex) accept() bool {
	site, idx := publish.ID(si.root), publish.ID(si.index)
	if site != idx {
		if pair := site + " " + idx; pair != si.mismatch && si.log != nil {
			si.mismatch = pair
			si.log("search index %s is of build %q, the site %s of build %q: not opened until they match", si.index, idx, si.root, site)
		}
		return false
	}
	si.pending = idx
	return true
}

// Reload settles an interrupted publish, if the site and the index differ and no build is
// running, and opens the index again if it was rebuilt for the site; it reports whether it did.
func (si *SiteIndex) Reload() bool {
	si.mu.Lock()
	defer si.mu.Unlock()
	if publish.ID(si.root) != publish.ID(si.index) {
		if err := publish.Recover(si.index, si.root); err != nil && !errors.Is(err, publish.ErrBusy) && si.log != nil {
			si.log("%v", err)
		}
	}
	if !si.live.Reload() {
		return false
	}
	id := si.pending
	si.served.Store(&id)
	return true
}

// Search answers from the index of the site's build: if the site changed since the index was
// opened, it reloads first, and while no index of the site's build can be opened it answers
// search.ErrNoIndex.
func (si *SiteIndex) Search(ctx context.Context, r search.Request) (*search.Response, error) {
	if publish.ID(si.root) != si.servedID() {
		// Builds can follow each other faster than serve looks: the site is build B's, and
		// the next build C has already swapped its index in, so no index of B's is left. C is
		// about to swap its site in too: wait for it rather than answer from another build's
		// index, or not at all. (An index older than the site, of a site published without
		// it, is not waited for.)
		deadline := time.Now().Add(settleWait)
		matched := false // a reload failed with the site and the index of one build
		for si.Reload(); publish.ID(si.root) != si.servedID(); si.Reload() {
			// The site may have been swapped in since the reload: then the two match and
			// the next reload opens the index. If that one fails too, the index of the
			// site's own build cannot be opened (damaged), and no build is coming to swap.
			site, idx := publish.ID(si.root), publish.ID(si.index)
			if (site != idx && !publish.Later(idx, site)) || (site == idx && matched) || time.Now().After(deadline) || ctx.Err() != nil {
				if err := r.Normalize(); err != nil {
					return nil, err
				}
				return nil, search.ErrNoIndex
			}
			if site != idx {
				time.Sleep(10 * time.Millisecond)
			}
			matched = site == idx
		}
	}
	return si.live.Search(ctx, r)
}

// Follow reloads the index every interval (0: never) and whenever a signal arrives on
// reload (serve's SIGHUP), until ctx ends; unchanged, if not nil, is told when a reload asked
// for found nothing new.
func (si *SiteIndex) Follow(ctx context.Context, every time.Duration, reload <-chan os.Signal, unchanged func()) {
	var poll <-chan time.Time // nil: no polling
	if every > 0 {
		t := time.NewTicker(every)
		defer t.Stop()
		poll = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-poll:
			si.Reload()
		case <-reload:
			if !si.Reload() && unchanged != nil {
				unchanged()
			}
		}
	}
}

// settleWait is how long a search waits for a build between its two swaps to swap its site.
const settleWait = 5 * time.Second

func (si *SiteIndex) servedID() string {
	if p := si.served.Load(); p != nil {
		return *p
	}
	return ""
}

// Close closes the index.
func (si *SiteIndex) Close() error { return si.live.Close() }

// Version names the index that answers: the build ID of the site and of the index it opened,
// or "" when the site has moved on and the next search reloads (see Versioned).
func (si *SiteIndex) Version() string {
	id := si.servedID()
	if id == "" || publish.ID(si.root) != id {
		return ""
	}
	return id
}
