package core

import (
	"context"

	"gonum.org/v1/gonum/mat"
)

// tsneRowsPerBlock sets how finely the pairs are tiled: rows are cut into
// blocks of about this many (at most tsneMaxBlocks blocks), and each pair
// of blocks is one tile of work.
const (
	tsneRowsPerBlock = 128
	tsneMaxBlocks    = 8
)

// pairTile is the work on the pairs between two blocks of rows, a ≤ b
// (the pairs inside one block when a = b), and what it gathered.
type pairTile struct {
	a, b int
	// sums holds, for each row of block a then (if b ≠ a) of block b, the
	// attractive sum Σ pᵢⱼwᵢⱼ(yᵢ−yⱼ) and then the repulsive sum
	// Σ wᵢⱼ²(yᵢ−yⱼ) over this tile's pairs: 2·dims values per row.
	sums       []float64
	normaliser float64 // Σ wᵢⱼ over this tile's ordered pairs
}

// blockRows returns the rows [lo, hi) of block b of blocks over n rows.
func blockRows(b, blocks, n int) (lo, hi int) {
	return b * n / blocks, (b + 1) * n / blocks
}

// pairTiles returns the tiles of t's pairs, made on first use. Their number
// depends only on n, never on the worker count.
func (t *TSNE) pairTiles() []pairTile {
	if t.tiles != nil {
		return t.tiles
	}
	blocks := min(tsneMaxBlocks, max(1, t.n/tsneRowsPerBlock))
	for a := range blocks {
		for b := a; b < blocks; b++ {
			aLo, aHi := blockRows(a, blocks, t.n)
			rows := aHi - aLo
			if b != a {
				bLo, bHi := blockRows(b, blocks, t.n)
				rows += bHi - bLo
			}
			t.tiles = append(t.tiles, pairTile{a: a, b: b, sums: make([]float64, rows*2*t.dims)})
		}
	}
	t.blocks = blocks
	return t.tiles
}

// computeGradient fills grad, (n, dims), with the gradient of
// KL(exaggeration·P ‖ Q) in the embedding: 4·Σⱼ (e·pᵢⱼ − qᵢⱼ)·wᵢⱼ·(yᵢ − yⱼ),
// with wᵢⱼ = 1/(1 + ‖yᵢ − yⱼ‖²) and qᵢⱼ = wᵢⱼ/Z. One pass over the pairs
// gathers the attractive part Σ pᵢⱼwᵢⱼ(yᵢ−yⱼ), the repulsive part
// Σ wᵢⱼ²(yᵢ−yⱼ) and Z, tile by tile (on the worker budget, stopping when
// ctx is done, if parallel); the tiles are then combined in a fixed order.
func (t *TSNE) computeGradient(ctx context.Context, parallel bool, exaggeration float64,
	grad *mat.Dense) error {
	// TODO: beyond a few thousand points this exact O(n²) pass is too slow;
	// a Barnes–Hut or FFT-interpolated repulsion would be needed there.
	tiles := t.pairTiles()
	if !parallel {
		for i := range tiles {
			t.gatherTile(&tiles[i])
		}
	} else if err := Parallel(ctx, len(tiles), func(i int) error {
		t.gatherTile(&tiles[i])
		return nil
	}); err != nil {
		return err
	}

	attract, repel := grad.RawMatrix().Data, t.repulsive.RawMatrix().Data
	clear(attract)
	clear(repel)
	normaliser := 0.0
	for i := range tiles {
		t.addTile(&tiles[i], attract, repel)
		normaliser += tiles[i].normaliser
	}
	for e := range attract {
		attract[e] = 4 * (exaggeration*attract[e] - repel[e]/normaliser)
	}
	return nil
}

// addTile adds a tile's per-row sums into attract and repel, each (n·dims).
func (t *TSNE) addTile(tile *pairTile, attract, repel []float64) {
	width := 2 * t.dims
	offset := 0
	for _, block := range []int{tile.a, tile.b} {
		lo, hi := blockRows(block, t.blocks, t.n)
		for i := lo; i < hi; i++ {
			row := tile.sums[offset : offset+width]
			for c := range t.dims {
				attract[i*t.dims+c] += row[c]
				repel[i*t.dims+c] += row[t.dims+c]
			}
			offset += width
		}
		if tile.a == tile.b {
			break
		}
	}
}

// gatherTile computes a tile's sums over its pairs.
func (t *TSNE) gatherTile(tile *pairTile) {
	clear(tile.sums)
	aLo, aHi := blockRows(tile.a, t.blocks, t.n)
	bLo, bHi := blockRows(tile.b, t.blocks, t.n)
	// Row j of block b sits after block a's rows in sums, unless a = b.
	bOffset := aHi - aLo - bLo
	if tile.a == tile.b {
		bOffset = -aLo
	}
	if t.dims == 2 {
		tile.normaliser = t.gatherPlanar(tile.sums, aLo, aHi, bLo, bHi, bOffset, tile.a == tile.b)
	} else {
		tile.normaliser = t.gatherGeneral(tile.sums, aLo, aHi, bLo, bHi, bOffset, tile.a == tile.b)
	}
}

// gatherGeneral sums the pairs (i, j), i in [aLo, aHi), j in [bLo, bHi)
// (j > i when same), into sums; sums row i−aLo belongs to i and row
// j+bOffset to j. It returns Σ wᵢⱼ over both orders of each pair.
func (t *TSNE) gatherGeneral(sums []float64, aLo, aHi, bLo, bHi, bOffset int,
	same bool) float64 {
	dims, width := t.dims, 2*t.dims
	y := t.embedding.RawMatrix().Data
	diff := make([]float64, dims)
	normaliser := 0.0
	for i := aLo; i < aHi; i++ {
		p := t.affinity.RawRowView(i)
		rowI := sums[(i-aLo)*width : (i-aLo+1)*width]
		first := bLo
		if same {
			first = i + 1
		}
		for j := first; j < bHi; j++ {
			for c := range diff {
				diff[c] = y[i*dims+c] - y[j*dims+c]
			}
			w := 1 / (1 + squaredNorm(diff, nil))
			normaliser += 2 * w
			pull, push := p[j]*w, w*w
			rowJ := sums[(j+bOffset)*width : (j+bOffset+1)*width]
			for c, d := range diff {
				rowI[c] += pull * d
				rowI[dims+c] += push * d
				rowJ[c] -= pull * d
				rowJ[dims+c] -= push * d
			}
		}
	}
	return normaliser
}

// gatherPlanar is gatherGeneral for a 2-D embedding, the common case, with
// the coordinate loops written out; each sums row is (ax, ay, rx, ry).
func (t *TSNE) gatherPlanar(sums []float64, aLo, aHi, bLo, bHi, bOffset int,
	same bool) float64 {
	y := t.embedding.RawMatrix().Data
	normaliser := 0.0
	for i := aLo; i < aHi; i++ {
		xi, yi := y[2*i], y[2*i+1]
		p := t.affinity.RawRowView(i)
		first := bLo
		if same {
			first = i + 1
		}
		var ax, ay, rx, ry, z float64
		for j := first; j < bHi; j++ {
			dx, dy := xi-y[2*j], yi-y[2*j+1]
			w := 1 / (1 + dx*dx + dy*dy)
			z += w
			pull, push := p[j]*w, w*w
			ax += pull * dx
			ay += pull * dy
			rx += push * dx
			ry += push * dy
			rowJ := sums[4*(j+bOffset) : 4*(j+bOffset)+4]
			rowJ[0] -= pull * dx
			rowJ[1] -= pull * dy
			rowJ[2] -= push * dx
			rowJ[3] -= push * dy
		}
		rowI := sums[4*(i-aLo) : 4*(i-aLo)+4]
		rowI[0] += ax
		rowI[1] += ay
		rowI[2] += rx
		rowI[3] += ry
		normaliser += 2 * z
	}
	return normaliser
}
