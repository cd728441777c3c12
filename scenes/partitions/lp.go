package partitions

import (
	"errors"
	"math"
)

// feasibleMargin is the smallest margin (a distance to the nearest bounding
// hyperplane, since normals are unit length) for which a region counts as
// existing. Regions thinner than this are below what float64 geometry of
// the drawn arrangements can tell apart from empty.
const feasibleMargin = 1e-9

// pivotTol is the size below which a tableau entry is treated as zero.
const pivotTol = 1e-12

// errSimplex reports a linear program that did not terminate or turned out
// unbounded, which the margin program can only do through rounding.
var errSimplex = errors.New("partitions: margin program failed")

// sideConstraint asks for Normal·x + Offset to have the sign Sign (±1).
// Normal must be unit length so that margins are distances.
type sideConstraint struct {
	normal []float64
	offset float64
	sign   float64
}

// marginSolver solves the margin program
//
//	maximise t  subject to  sign_i (normal_i·x + offset_i) ≥ t,  t ≤ 1,  x free
//
// with a dense tableau simplex and Bland's rule (which cannot cycle). The
// program is tiny (d+1 unknowns, one row per hyperplane), so a hand-written
// tableau is much faster than a general solver; the tests check it against
// gonum's simplex. The buffers are reused between calls: not safe for
// concurrent use.
type marginSolver struct {
	tab   []float64 // rows × cols tableau, last row the objective, last column the right side
	basis []int     // basic variable of each constraint row
	rows  int
	cols  int
}

// solve returns the best margin t* and a point x reaching it. Constraints
// with a zero normal are fine: they hold with margin sign·offset.
func (s *marginSolver) solve(dim int, cons []sideConstraint) (float64, []float64, error) {
	shift := s.build(dim, cons)
	if err := s.iterate(); err != nil {
		return 0, nil, err
	}
	x := make([]float64, dim)
	for r, v := range s.basis {
		switch {
		case v < dim:
			x[v] += s.at(r, s.cols-1)
		case v < 2*dim:
			x[v-dim] -= s.at(r, s.cols-1)
		}
	}
	return shift + s.at(s.rows-1, s.cols-1), x, nil
}

// build writes the tableau. Columns: x⁺ (dim), x⁻ (dim), τ, one slack per
// row, right side. The margin is t = τ + shift with shift the margin of the
// origin (capped at 1), so x = 0, τ = 0 is a feasible start and every right
// side is non-negative: no first phase is needed.
func (s *marginSolver) build(dim int, cons []sideConstraint) float64 {
	shift := 1.0
	for _, c := range cons {
		shift = math.Min(shift, c.sign*c.offset)
	}
	s.rows = len(cons) + 2 // constraints, the cap τ ≤ 1 − shift, the objective
	s.cols = 2*dim + 1 + len(cons) + 1 + 1
	s.tab = resize(s.tab, s.rows*s.cols)
	s.basis = s.basis[:0]
	tau := 2 * dim
	for r, c := range cons {
		row := s.tab[r*s.cols : (r+1)*s.cols]
		for j := range dim {
			row[j] = -c.sign * c.normal[j]
			row[dim+j] = c.sign * c.normal[j]
		}
		row[tau] = 1
		row[tau+1+r] = 1
		row[s.cols-1] = c.sign*c.offset - shift
		s.basis = append(s.basis, tau+1+r)
	}
	capRow := s.tab[len(cons)*s.cols : (len(cons)+1)*s.cols]
	capRow[tau] = 1
	capRow[tau+1+len(cons)] = 1
	capRow[s.cols-1] = 1 - shift
	s.basis = append(s.basis, tau+1+len(cons))
	s.tab[(s.rows-1)*s.cols+tau] = -1 // objective row: z − τ = 0
	return shift
}

// iterate pivots until no column improves the objective.
func (s *marginSolver) iterate() error {
	limit := 50 * (s.rows + s.cols)
	for range limit {
		enter := -1
		obj := s.tab[(s.rows-1)*s.cols:]
		for j := 0; j < s.cols-1; j++ {
			if obj[j] < -pivotTol {
				enter = j
				break
			}
		}
		if enter < 0 {
			return nil
		}
		leave := s.ratioTest(enter)
		if leave < 0 {
			return errSimplex
		}
		s.pivot(leave, enter)
	}
	return errSimplex
}

// ratioTest picks the leaving row for an entering column: the smallest ratio
// of right side to a positive entry, ties to the lowest basic index (Bland).
func (s *marginSolver) ratioTest(enter int) int {
	leave, best := -1, math.Inf(1)
	for r := 0; r < s.rows-1; r++ {
		a := s.at(r, enter)
		if a <= pivotTol {
			continue
		}
		// A right side a rounding error below zero is a zero: the step must
		// not move the point out of the feasible set.
		ratio := math.Max(0, s.at(r, s.cols-1)) / a
		if ratio < best-pivotTol || (ratio <= best+pivotTol && leave >= 0 &&
			s.basis[r] < s.basis[leave]) {
			leave, best = r, ratio
		}
	}
	return leave
}

// pivot makes column enter basic in row leave.
func (s *marginSolver) pivot(leave, enter int) {
	prow := s.tab[leave*s.cols : (leave+1)*s.cols]
	inv := 1 / prow[enter]
	for j := range prow {
		prow[j] *= inv
	}
	prow[enter] = 1
	for r := 0; r < s.rows; r++ {
		if r == leave {
			continue
		}
		row := s.tab[r*s.cols : (r+1)*s.cols]
		f := row[enter]
		if f == 0 {
			continue
		}
		for j := range row {
			row[j] -= f * prow[j]
		}
		row[enter] = 0
	}
	s.basis[leave] = enter
}

func (s *marginSolver) at(r, c int) float64 { return s.tab[r*s.cols+c] }

// resize returns a zeroed slice of length n, reusing buf when it is big enough.
func resize(buf []float64, n int) []float64 {
	if cap(buf) < n {
		return make([]float64, n)
	}
	buf = buf[:n]
	clear(buf)
	return buf
}
