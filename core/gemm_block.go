package core

import "sync"

// gemmKernel is a register-blocked micro-kernel and the cache blocking that
// feeds it. tile computes one output tile of rows ≤ mr by cols ≤ nr values:
//
//	c[i*ldc+j] = alpha·Σ_p A(i, p)·b[p*bStep+j] + beta·c[i*ldc+j]
//
// where A(i, p) is a[p*aStep+i], or a[i*aStep+p] if aRows is set, and must
// not read c when beta is 0. Packed panels have aStep = mr and
// bStep = panelStride(cols), zero-padded to that width, so a kernel may
// compute the padding and drop it. A kernel with directLimit > 0 also
// accepts unpacked views (any steps), reading only the rows×cols it
// computes; the driver passes them for products of m·n·k ≤ directLimit.
type gemmKernel struct {
	name        string
	mr, nr      int // register tile: rows of A, columns of B per micro-panel
	narrow      int // if > 0, B panels of ≤ narrow columns are packed at this stride
	mc, kc      int // cache blocks: rows of A packed at once, depth of one pass
	nc          int // columns of B packed at once (a multiple of nr)
	directLimit int
	maskedEdges bool // tile reads a direct B view only inside cols, even at an edge
	tile        func(kc int, a []float32, aStep int, aRows bool, b []float32, bStep int,
		c []float32, ldc, rows, cols int, alpha, beta float32)

	// packRows, if set, is a fast packA for op(a) = a: it packs rows ≤ mr
	// rows of src (row stride lda) over depth kc into one panel (packA has
	// already zeroed the padding of an edge panel).
	packRows func(dst, src []float32, lda, rows, mr, kc int)
	// packCols, if set, is a fast packB for op(b) = bᵀ: it packs cols rows
	// of src (row stride ldb) over depth kc into one panel of the given stride.
	packCols func(dst, src []float32, ldb, cols, stride, kc int)
}

// panelStride is the packed width of a B micro-panel holding cols columns.
func (g *gemmKernel) panelStride(cols int) int {
	if g.narrow > 0 && cols <= g.narrow {
		return g.narrow
	}
	return g.nr
}

// gemmBuffers are one call's packing buffers, recycled through gemmPool so
// concurrent calls never share one.
type gemmBuffers struct {
	a, b []float32
}

var gemmPool = sync.Pool{New: func() any { return new(gemmBuffers) }}

// growScratch returns buf resized to n values, reallocating only when too small.
func growScratch(buf []float32, n int) []float32 {
	if cap(buf) < n {
		return make([]float32, n)
	}
	return buf[:n]
}

// gemmBlocked is the packed, cache-blocked product (Goto/BLIS loop order):
// a kc×nc block of op(b) is packed once per pass and reused from L2 by every
// mc×kc block of op(a); inside, an nr-wide micro-panel of b stays in L1
// while the micro-kernel sweeps the mr-row panels of a. A direct kernel
// reads op(a) and, if op(b) = b, op(b) in place when the product is small
// enough for the views to stay in cache.
func gemmBlocked(g *gemmKernel, transA, transB bool, m, n, k int,
	alpha float32, a, b *Mat, beta float32, c *Mat, bufs *gemmBuffers) {
	bufs.a = growScratch(bufs.a, roundUpTo(min(g.mc, m), g.mr)*min(g.kc, k))
	bufs.b = growScratch(bufs.b, roundUpTo(min(g.nc, n), g.nr)*min(g.kc, k))
	direct := m*n*k <= g.directLimit

	for jc := 0; jc < n; jc += g.nc {
		nCur := min(g.nc, n-jc)
		for pc := 0; pc < k; pc += g.kc {
			kCur := min(g.kc, k-pc)
			passBeta := beta
			if pc > 0 {
				passBeta = 1
			}
			bBlock := blockOfB(g, bufs, b, transB, direct, pc, kCur, jc, nCur)
			for ic := 0; ic < m; ic += g.mc {
				mCur := min(g.mc, m-ic)
				aBlock := blockOfA(g, bufs, a, transA, direct, ic, mCur, pc, kCur)
				out := c.Data[ic*c.Stride+jc:]
				macroKernel(g, aBlock, bBlock, out, c.Stride, mCur, nCur, kCur, alpha, passBeta)
			}
		}
	}
}

// blockOfB returns op(b)[pc:pc+kCur, jc:jc+nCur] for the macro-kernel: the
// view itself if it can be read in place, else packed into bufs.b.
func blockOfB(g *gemmKernel, bufs *gemmBuffers, b *Mat, transB, direct bool,
	pc, kCur, jc, nCur int) gemmOperand {
	if direct && !transB {
		// bufs.b is free: a kernel without masked edges packs the edge panel there.
		return gemmOperand{data: b.Data[pc*b.Stride+jc:], step: b.Stride, spare: bufs.b}
	}
	packB(g, bufs.b, b, transB, pc, kCur, jc, nCur)
	return gemmOperand{data: bufs.b}
}

// blockOfA returns op(a)[ic:ic+mCur, pc:pc+kCur] for the macro-kernel: the
// view itself (read by columns or by rows) if direct, else packed into bufs.a.
func blockOfA(g *gemmKernel, bufs *gemmBuffers, a *Mat, transA, direct bool,
	ic, mCur, pc, kCur int) gemmOperand {
	switch {
	case direct && transA:
		return gemmOperand{data: a.Data[pc*a.Stride+ic:], step: a.Stride}
	case direct:
		return gemmOperand{data: a.Data[ic*a.Stride+pc:], step: a.Stride, rows: true}
	}
	packA(g, bufs.a, a, transA, ic, mCur, pc, kCur)
	return gemmOperand{data: bufs.a}
}

// gemmOperand is one block of op(a) or op(b) as the macro-kernel sees it:
// packed panels (step 0) or a direct view whose consecutive k are step apart
// or, with rows set, whose consecutive rows of op(a) are step apart.
type gemmOperand struct {
	data  []float32
	step  int
	rows  bool
	spare []float32 // scratch for a packed edge panel of a direct view
}

// macroKernel runs the micro-kernel over every tile of one mc×nc block; out
// starts at the block's top-left element of c.
func macroKernel(g *gemmKernel, ab, bb gemmOperand, out []float32, ldc, mCur, nCur, kCur int,
	alpha, beta float32) {
	for jr := 0; jr < nCur; jr += g.nr {
		cols := min(g.nr, nCur-jr)
		bPanel, bStep := bb.data[jr:], bb.step
		switch {
		case bStep == 0:
			bStep = g.panelStride(cols)
			bPanel = bb.data[jr*kCur : jr*kCur+kCur*bStep]
		case cols < g.nr && !g.maskedEdges:
			bStep = g.panelStride(cols)
			bPanel = bb.spare[:kCur*bStep]
			packEdgePanel(bPanel, bStep, bb.data[jr:], bb.step, cols, kCur)
		}
		for ir := 0; ir < mCur; ir += g.mr {
			rows := min(g.mr, mCur-ir)
			aPanel, aStep := ab.data[ir:], ab.step
			switch {
			case aStep == 0:
				aStep = g.mr
				aPanel = ab.data[ir*kCur : (ir+g.mr)*kCur]
			case ab.rows:
				aPanel = ab.data[ir*aStep:]
			}
			g.tile(kCur, aPanel, aStep, ab.rows, bPanel, bStep, out[ir*ldc+jr:], ldc,
				rows, cols, alpha, beta)
		}
	}
}

// packA copies op(a)[ic:ic+mCur, pc:pc+kCur] into mr-row panels: panel r
// holds, for each p, the mr values op(a)[ic+r·mr+i, pc+p], zero-padded.
func packA(g *gemmKernel, dst []float32, a *Mat, transA bool, ic, mCur, pc, kCur int) {
	mr := g.mr
	for ir := 0; ir < mCur; ir += mr {
		rows := min(mr, mCur-ir)
		panel := dst[ir*kCur : (ir+mr)*kCur]
		if rows < mr {
			clear(panel)
		}
		if transA && rows == 8 && mr == 8 {
			// The common AVX-512 case as fixed-size copies, which compile to
			// vector moves instead of calls to memmove.
			for p := range kCur {
				at := (pc+p)*a.Stride + ic + ir
				*(*[8]float32)(panel[p*8 : p*8+8]) = [8]float32(a.Data[at : at+8])
			}
			continue
		}
		if transA {
			// op(a)[i, p] = a[p, i]: each p is a contiguous run of rows values.
			for p := range kCur {
				src := a.Data[(pc+p)*a.Stride+ic+ir:]
				copy(panel[p*mr:p*mr+rows], src[:rows])
			}
			continue
		}
		pack := packRowsGo
		if g.packRows != nil {
			pack = g.packRows
		}
		pack(panel, a.Data[(ic+ir)*a.Stride+pc:], a.Stride, rows, mr, kCur)
	}
}

// packB copies op(b)[pc:pc+kCur, jc:jc+nCur] into column panels: panel j
// holds, for each p, panelStride values op(b)[pc+p, jc+j·nr+col], zero-padded.
func packB(g *gemmKernel, dst []float32, b *Mat, transB bool, pc, kCur, jc, nCur int) {
	for jr := 0; jr < nCur; jr += g.nr {
		cols := min(g.nr, nCur-jr)
		stride := g.panelStride(cols)
		panel := dst[jr*kCur : jr*kCur+kCur*stride]
		if cols < stride {
			clear(panel)
		}
		if !transB {
			for p := range kCur {
				src := b.Data[(pc+p)*b.Stride+jc+jr:]
				copy(panel[p*stride:p*stride+cols], src[:cols])
			}
			continue
		}
		// op(b)[p, j] = b[j, p]: each column of the panel is a row of b.
		pack := packColsGo
		if g.packCols != nil {
			pack = g.packCols
		}
		pack(panel, b.Data[(jc+jr)*b.Stride+pc:], b.Stride, cols, stride, kCur)
	}
}

// packEdgePanel copies the cols columns of a direct B view (row step
// srcStep) over depth kc into a zero-padded panel of the given stride.
func packEdgePanel(dst []float32, stride int, src []float32, srcStep, cols, kc int) {
	clear(dst)
	for p := range kc {
		copy(dst[p*stride:p*stride+cols], src[p*srcStep:p*srcStep+cols])
	}
}

// packRowsGo packs rows rows of src (row stride lda) over depth kc into
// one panel of width mr: dst[p*mr+i] = src[i*lda+p]. Padding is left alone.
func packRowsGo(dst, src []float32, lda, rows, mr, kc int) {
	for i := range rows {
		row := src[i*lda : i*lda+kc]
		for p, v := range row {
			dst[p*mr+i] = v
		}
	}
}

// packColsGo packs cols rows of src (row stride ldb) over depth kc into one
// panel of the given stride: dst[p*stride+j] = src[j*ldb+p]. Padding is
// left alone.
func packColsGo(dst, src []float32, ldb, cols, stride, kc int) {
	for j := range cols {
		col := src[j*ldb : j*ldb+kc]
		for p, v := range col {
			dst[p*stride+j] = v
		}
	}
}

// roundUpTo rounds n up to a multiple of step.
func roundUpTo(n, step int) int { return (n + step - 1) / step * step }
