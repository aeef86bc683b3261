package server

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkCompression compresses the largest bundled plan page as an answer is sent, in each
// encoding; outbytes is the compressed size. It needs a built site (make build).
func BenchmarkCompression(b *testing.B) {
	page, err := os.ReadFile(filepath.Join("..", "..", "public", "plans", "haian-2025", "index.html"))
	if err != nil {
		b.Skipf("no built page to compress (run make build first): %v", err)
	}
	for i := range encodings {
		e := &encodings[i]
		b.Run(e.name, func(b *testing.B) {
			var out bytes.Buffer
			b.SetBytes(int64(len(page)))
			for n := 0; n < b.N; n++ {
				out.Reset()
				w := e.pool.Get().(compressor)
				w.Reset(&out)
				_, _ = w.Write(page)
				_ = w.Close()
				e.pool.Put(w)
			}
			b.ReportMetric(float64(out.Len()), "outbytes")
		})
	}
}
