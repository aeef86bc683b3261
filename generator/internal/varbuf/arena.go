package varbuf

import "encoding/binary"

// An Arena holds byte streams (Chain) that grow for as long as an index is built, a term's
// postings or a bigram's positions each, in blocks of blockSize bytes, each block's last four
// the number of the block that follows it, the blocks in pages of pageBlocks: nothing in it
// is a pointer for the collector to mark or to pass through its write barrier, and no
// stream is copied as it grows. Grown as slices (Put), the streams of common terms and
// bigrams, which grow with the corpus, were copied on the way and the copies cost more than
// the corpus grew (the index's positions took 8.0x the CPU for 4x the plans, issue 16).
type Arena struct {
	pages [][]byte
	n     uint32 // blocks given out; block 0 is none
}

const (
	blockSize  = 64
	blockData  = blockSize - 4
	pageBlocks = 1 << 14 // 1 MiB pages
)

// Chain is a stream of bytes in an Arena: its first and last block (0: none yet) and its
// length. The zero Chain is empty.
type Chain struct{ head, tail, n uint32 }

// Len returns the number of bytes in c.
func (c Chain) Len() uint32 { return c.n }

func (a *Arena) block(i uint32) []byte {
	o := i % pageBlocks * blockSize
	return a.pages[i/pageBlocks][o : o+blockSize : o+blockSize]
}

// Put appends p to c.
func (a *Arena) Put(c *Chain, p []byte) {
	for len(p) > 0 {
		at := c.n % blockData
		if at == 0 { // no block yet, or the last is full
			if a.n == 0 {
				a.n = 1
			}
			if int(a.n/pageBlocks) == len(a.pages) {
				a.pages = append(a.pages, make([]byte, pageBlocks*blockSize))
			}
			if c.head == 0 {
				c.head = a.n
			} else {
				binary.LittleEndian.PutUint32(a.block(c.tail)[blockData:], a.n)
			}
			c.tail = a.n
			a.n++
		}
		k := copy(a.block(c.tail)[at:blockData], p)
		p = p[k:]
		c.n += uint32(k)
	}
}

// Uvarint appends v to c as a uvarint (binary.AppendUvarint).
func (a *Arena) Uvarint(c *Chain, v uint64) {
	if at := c.n % blockData; v < 0x80 && at != 0 { // most values: one byte, in the last block
		a.pages[c.tail/pageBlocks][c.tail%pageBlocks*blockSize+at] = byte(v)
		c.n++
		return
	}
	var tmp [binary.MaxVarintLen64]byte
	a.Put(c, tmp[:binary.PutUvarint(tmp[:], v)])
}

// Write passes the bytes of c to w in order, a block's at a time.
func (a *Arena) Write(c Chain, w func([]byte)) {
	for b, left := c.head, c.n; left > 0; {
		blk := a.block(b)
		k := min(left, blockData)
		w(blk[:k])
		left -= k
		b = binary.LittleEndian.Uint32(blk[blockData:])
	}
}

// Append appends the bytes of c to b.
func (a *Arena) Append(b []byte, c Chain) []byte {
	a.Write(c, func(p []byte) { b = append(b, p...) })
	return b
}

// Reset empties the arena for chains to come, keeping its pages: every chain made before
// is let go (the caller's to set to the zero Chain).
func (a *Arena) Reset() { a.n = 0 }
