package partitions

// Region is one cell of an arrangement: its code (bit i set when the cell is
// on the positive side of hyperplane i) and a point strictly inside it.
type Region struct {
	Code    uint32
	Witness []float64
}

// regionCounter enumerates the regions of an arrangement one hyperplane at a
// time and records how many the first m hyperplanes make, for every m.
//
// Adding hyperplane m to the regions of the first m−1: a region's witness
// lies strictly on one side of it, so that half is a region with the same
// witness; the other half is a region exactly when the margin program over
// the region's m−1 sides and the flipped new side has a positive optimum.
// Only sign vectors next to known regions are ever tested, one program per
// region, instead of all 2^m sign vectors. Work is resumable in small
// slices, so a Step stays short.
type regionCounter struct {
	planes  []Hyperplane
	dim     int
	current []Region // regions of the first added hyperplanes
	next    []Region // regions of the first added+1, being built
	added   int      // hyperplanes fully added
	pos     int      // next region of current to split by hyperplane added
	counts  []int    // counts[m-1]: regions of the first m hyperplanes
	lps     int      // margin programs solved
	failed  int      // margin programs that did not converge (treated as empty)
	solver  marginSolver
	cons    []sideConstraint
}

// newRegionCounter starts with no hyperplane: the whole space, one region.
func newRegionCounter(planes []Hyperplane, dim int) *regionCounter {
	return &regionCounter{
		planes:  planes,
		dim:     dim,
		current: []Region{{Witness: make([]float64, dim)}},
	}
}

// done reports whether every hyperplane has been added.
func (c *regionCounter) done() bool { return c.added == len(c.planes) }

// advance solves at most budget margin programs and returns how many it
// solved.
func (c *regionCounter) advance(budget int) int {
	spent := 0
	for !c.done() && spent < budget {
		if c.pos == len(c.current) {
			c.current, c.next = c.next, c.current[:0]
			c.added++
			c.pos = 0
			c.counts = append(c.counts, len(c.current))
			continue
		}
		spent += c.split(c.current[c.pos])
		c.pos++
	}
	return spent
}

// split adds the halves of region r cut by hyperplane c.added to next and
// returns the number of margin programs it solved.
func (c *regionCounter) split(r Region) int {
	plane := c.planes[c.added]
	bit := uint32(1) << c.added
	side := plane.eval(r.Witness)
	programs := 0
	for _, positive := range []bool{true, false} {
		code := r.Code
		if positive {
			code |= bit
		}
		if (positive && side > 0) || (!positive && side < 0) {
			c.next = append(c.next, Region{Code: code, Witness: r.Witness})
			continue
		}
		programs++
		if w, ok := c.witness(code, c.added+1); ok {
			c.next = append(c.next, Region{Code: code, Witness: w})
		}
	}
	return programs
}

// witness solves the margin program of the sign vector code over the first
// m hyperplanes and returns an interior point when the region exists.
func (c *regionCounter) witness(code uint32, m int) ([]float64, bool) {
	c.lps++
	c.cons = c.cons[:0]
	for i := range m {
		sign := -1.0
		if code&(1<<i) != 0 {
			sign = 1
		}
		c.cons = append(c.cons, sideConstraint{
			normal: c.planes[i].Normal, offset: c.planes[i].Offset, sign: sign,
		})
	}
	margin, x, err := c.solver.solve(c.dim, c.cons)
	if err != nil {
		c.failed++
		return nil, false
	}
	return x, margin > feasibleMargin
}

// countRegions enumerates the regions of an arrangement in one go: the
// regions of all its hyperplanes, and the counts for every prefix.
func countRegions(planes []Hyperplane, dim int) ([]Region, []int) {
	c := newRegionCounter(planes, dim)
	for !c.done() {
		c.advance(1 << 30)
	}
	return c.current, c.counts
}
