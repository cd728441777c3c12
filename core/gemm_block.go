package core

import "sync"

// gemmKernel is a register-blocked micro-kernel and the cache blocking that
// feeds it. tile computes one output tile from packed panels:
//
//	c[i*ldc+j] = alpha·Σ_p a[p*mr+i]·b[p*stride+j] + beta·c[i*ldc+j]
//
// for i < rows ≤ mr and j < cols ≤ panel stride, where stride is
// panelStride(cols); beta = 0 must not read c. Packed panels are zero-padded
// to full width, so a kernel may compute the padding and drop it.
type gemmKernel struct {
	name   string
	mr, nr int // register tile: rows of A, columns of B per micro-panel
	narrow int // if > 0, B panels of ≤ narrow columns are packed at this stride
	mc, kc int // cache blocks: rows of A packed at once, depth of one pass
	nc     int // columns of B packed at once (a multiple of nr)
	tile   func(kc int, a, b, c []float32, ldc, rows, cols int, alpha, beta float32)
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

// grow returns buf resized to n values, reallocating only when too small.
func grow(buf []float32, n int) []float32 {
	if cap(buf) < n {
		return make([]float32, n)
	}
	return buf[:n]
}

// gemmBlocked is the packed, cache-blocked product (Goto/BLIS loop order):
// a kc×nc block of op(b) is packed once per pass and reused from L2 by every
// mc×kc block of op(a); inside, an nr-wide micro-panel of b stays in L1
// while the micro-kernel sweeps the mr-row panels of a.
func gemmBlocked(g *gemmKernel, transA, transB bool, m, n, k int,
	alpha float32, a, b *Mat, beta float32, c *Mat) {
	bufs := gemmPool.Get().(*gemmBuffers)
	defer gemmPool.Put(bufs)
	bufs.a = grow(bufs.a, roundUp(min(g.mc, m), g.mr)*min(g.kc, k))
	bufs.b = grow(bufs.b, roundUp(min(g.nc, n), g.nr)*min(g.kc, k))

	for jc := 0; jc < n; jc += g.nc {
		nCur := min(g.nc, n-jc)
		for pc := 0; pc < k; pc += g.kc {
			kCur := min(g.kc, k-pc)
			passBeta := beta
			if pc > 0 {
				passBeta = 1
			}
			packB(g, bufs.b, b, transB, pc, kCur, jc, nCur)
			for ic := 0; ic < m; ic += g.mc {
				mCur := min(g.mc, m-ic)
				packA(g, bufs.a, a, transA, ic, mCur, pc, kCur)
				out := c.Data[ic*c.Stride+jc:]
				macroKernel(g, bufs.a, bufs.b, out, c.Stride, mCur, nCur, kCur, alpha, passBeta)
			}
		}
	}
}

// macroKernel runs the micro-kernel over every tile of one packed mc×nc
// block; out starts at the block's top-left element of c.
func macroKernel(g *gemmKernel, ap, bp, out []float32, ldc, mCur, nCur, kCur int,
	alpha, beta float32) {
	for jr := 0; jr < nCur; jr += g.nr {
		cols := min(g.nr, nCur-jr)
		bPanel := bp[jr*kCur : jr*kCur+kCur*g.panelStride(cols)]
		for ir := 0; ir < mCur; ir += g.mr {
			rows := min(g.mr, mCur-ir)
			aPanel := ap[ir*kCur : (ir+g.mr)*kCur]
			g.tile(kCur, aPanel, bPanel, out[ir*ldc+jr:], ldc, rows, cols, alpha, beta)
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
		if transA {
			// op(a)[i, p] = a[p, i]: each p is a contiguous run of rows values.
			for p := range kCur {
				src := a.Data[(pc+p)*a.Stride+ic+ir:]
				copy(panel[p*mr:p*mr+rows], src[:rows])
			}
			continue
		}
		for i := range rows {
			src := a.Data[(ic+ir+i)*a.Stride+pc:]
			src = src[:kCur]
			for p, v := range src {
				panel[p*mr+i] = v
			}
		}
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
		for j := range cols {
			src := b.Data[(jc+jr+j)*b.Stride+pc:]
			src = src[:kCur]
			for p, v := range src {
				panel[p*stride+j] = v
			}
		}
	}
}

// roundUp rounds n up to a multiple of step.
func roundUp(n, step int) int { return (n + step - 1) / step * step }
