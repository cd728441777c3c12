package core

import (
	"fmt"
	"math/rand/v2"
)

// Batcher draws minibatches from a dataset without replacement, reshuffling
// at the start of every epoch, into buffers it reuses. It is deterministic
// for its random source.
type Batcher struct {
	x, y   *Mat
	size   int
	rng    *rand.Rand
	order  []int
	next   int
	epochs int
	xb, yb Mat
	xbuf   []float32
	ybuf   []float32
}

// NewBatcher returns a Batcher over the rows of x and, unless y is nil, the
// matching rows of y, giving batches of size rows (the last batch of an
// epoch is never short: a new epoch begins instead). It returns an error if
// the sizes do not fit.
func NewBatcher(rng *rand.Rand, x, y *Mat, size int) (*Batcher, error) {
	if x.Rows == 0 || size <= 0 || size > x.Rows || (y != nil && y.Rows != x.Rows) {
		rowsY := -1
		if y != nil {
			rowsY = y.Rows
		}
		return nil, fmt.Errorf("core: batches of %d from %d rows (targets: %d rows)",
			size, x.Rows, rowsY)
	}
	b := &Batcher{x: x, y: y, size: size, rng: rng, order: make([]int, x.Rows)}
	for i := range b.order {
		b.order[i] = i
	}
	b.next = len(b.order) // shuffle on the first call
	return b, nil
}

// Epochs returns the number of epochs begun so far.
func (b *Batcher) Epochs() int { return b.epochs }

// Next returns the next minibatch of inputs and targets (nil without
// targets). Both belong to the Batcher and are overwritten by the next call.
func (b *Batcher) Next() (x, y *Mat) {
	if b.next+b.size > len(b.order) {
		b.rng.Shuffle(len(b.order), func(i, j int) { b.order[i], b.order[j] = b.order[j], b.order[i] })
		b.next = 0
		b.epochs++
	}
	rows := b.order[b.next : b.next+b.size]
	b.next += b.size
	b.xb = gatherRows(&b.xbuf, b.x, rows)
	if b.y == nil {
		return &b.xb, nil
	}
	b.yb = gatherRows(&b.ybuf, b.y, rows)
	return &b.xb, &b.yb
}

// gatherRows copies rows of m, in order, into a matrix over *buf.
func gatherRows(buf *[]float32, m *Mat, rows []int) Mat {
	out := reshapeBuffer(buf, len(rows), m.Cols)
	for i, r := range rows {
		copy(out.Row(i), m.Row(r))
	}
	return out
}
