// Package progress shows a progress bar on a terminal and nothing anywhere
// else. A nil or disabled *Bar is valid and does nothing, so callers never
// branch on whether output is interactive.
package progress

import (
	"io"
	"os"
	"sync"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
)

// IsTerminal reports whether w is a terminal (so a bar can redraw in place).
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

// Bar counts items (articles) as they are done.
type Bar struct {
	mu  sync.Mutex
	bar *progressbar.ProgressBar
}

// New returns a bar writing to w, or a no-op bar when enabled is false.
// total < 0 means unknown: the bar shows a spinner, the count and the rate.
func New(w io.Writer, enabled bool, description string, total int) *Bar {
	if !enabled {
		return nil
	}
	return &Bar{bar: progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(description),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionFullWidth(),
	)}
}

// Add counts n more items done.
func (b *Bar) Add(n int) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	_ = b.bar.Add(n)
}

// Finish removes the bar from the screen.
func (b *Bar) Finish() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	_ = b.bar.Finish()
	_ = b.bar.Clear()
}

// Writer returns w wrapped so that each write first clears the bar; log
// lines then never land in the middle of it. The bar redraws on the next Add.
func (b *Bar) Writer(w io.Writer) io.Writer {
	if b == nil {
		return w
	}
	return clearingWriter{b, w}
}

type clearingWriter struct {
	b *Bar
	w io.Writer
}

func (c clearingWriter) Write(p []byte) (int, error) {
	c.b.mu.Lock()
	defer c.b.mu.Unlock()
	_ = c.b.bar.Clear()
	return c.w.Write(p)
}
