package engine

import "testing"

type countingCloser struct{ n int }

func (c *countingCloser) Close() error { c.n++; return nil }

// Segments shared by handles (Share) and patched indexes (Patch) close once, with the last
// index using them; closing a handle twice does nothing; an overlay closes with the index
// patched with it.
func TestSharedSegmentsCloseWithTheLastIndex(t *testing.T) {
	var baseSegs, overlaySegs countingCloser
	base, err := New(nil, nil, nil, &baseSegs)
	if err != nil {
		t.Fatal(err)
	}
	ov, err := New(nil, nil, nil, &overlaySegs)
	if err != nil {
		t.Fatal(err)
	}
	h := base.Share()
	p := base.Patch(ov, nil)
	base.Close()
	base.Close()
	h.Close()
	if baseSegs.n != 0 || overlaySegs.n != 0 {
		t.Fatalf("closed while the patched index is open: base %d, overlay %d times", baseSegs.n, overlaySegs.n)
	}
	p.Close()
	p.Close()
	if baseSegs.n != 1 || overlaySegs.n != 1 {
		t.Errorf("after the last index: base segments closed %d times, overlay %d, want once each", baseSegs.n, overlaySegs.n)
	}
}
