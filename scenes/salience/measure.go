package salience

// Thresholds of the feature measures (see the package doc).
const (
	ballKeptShare  = 0.5 // a ball is kept when more than this share of its disc looks like ball
	earSharpShare  = 0.6 // an ear is sharp at a place holding at least this share of ear
	earGhostShare  = 0.25
	fitEpsilon     = 1e-9 // determinant below which a colour triangle is degenerate
	verdictArmIoU  = 0.7  // 15.5: the arm survives at radius 1 …
	verdictLostMax = 0.3  // … while the small ball is lost …
	verdictKeptMin = 0.7  // … and a large ball is kept
	verdictSharp   = 0.6  // 15.6: the adversarial model draws a sharp ear this often …
	verdictRatio   = 2.0  // … and this many times as often as the MSE model
)

// BallShare returns the share of the ball's true disc where the output is
// closer to the ball's colour than to the empty table's colour there.
func BallShare(out Image, f PingpongFrame) float64 {
	table := PingpongBackground()
	inside, ballLike := 0, 0
	for p, on := range f.Ball {
		if !on {
			continue
		}
		inside++
		c := out.AtIndex(p)
		if dist2(c, ballColour) < dist2(c, table.AtIndex(p)) {
			ballLike++
		}
	}
	if inside == 0 {
		return 0
	}
	return float64(ballLike) / float64(inside)
}

// BallKept reports whether the output kept the ball: most of its disc is
// closer to the ball's colour than to the table's.
func BallKept(out Image, f PingpongFrame) bool { return BallShare(out, f) > ballKeptShare }

// ArmIoU returns the intersection over union of the true arm and the
// output's arm: the pixels whose nearest colour among the table there, the
// arm and the ball is the arm's.
func ArmIoU(out Image, f PingpongFrame) float64 {
	table := PingpongBackground()
	intersection, union := 0, 0
	for p, truth := range f.Arm {
		c := out.AtIndex(p)
		toArm := dist2(c, armColour)
		drawn := toArm < dist2(c, table.AtIndex(p)) && toArm < dist2(c, ballColour)
		if truth && drawn {
			intersection++
		}
		if truth || drawn {
			union++
		}
	}
	if union == 0 {
		return 1
	}
	return float64(intersection) / float64(union)
}

// EarShares returns, for each possible future of the sample, the mean
// share of ear in the output over that future's ear. Each pixel is fitted
// as the closest mix s·ear + a·back₀ + (1-s-a)·back₁ of the ear's colour
// and the two ear-less futures at that pixel (s, a ≥ 0, s + a ≤ 1); the
// share is s. Hair or skin that either future has there fits with s = 0,
// so dark hair cannot pass for a faint ear.
func EarShares(out Image, s HeadSample) [2]float64 {
	var shares [2]float64
	for k, future := range s.Futures {
		sum, n := 0.0, 0
		for p, on := range future.Ear {
			if !on {
				continue
			}
			back0, back1 := s.Backgrounds[0].AtIndex(p), s.Backgrounds[1].AtIndex(p)
			sum += earWeight(out.AtIndex(p), earColour, back0, back1)
			n++
		}
		if n > 0 {
			shares[k] = sum / float64(n)
		}
	}
	return shares
}

// EarSharp reports one sharp ear: one place holds at least 0.6 of ear and
// the other less (two full ears would not be the head of any future).
func EarSharp(shares [2]float64) bool {
	return (shares[0] >= earSharpShare) != (shares[1] >= earSharpShare)
}

// EarGhost reports two ghost ears: both places hold a share in
// [0.25, 0.6).
func EarGhost(shares [2]float64) bool {
	for _, s := range shares {
		if s < earGhostShare || s >= earSharpShare {
			return false
		}
	}
	return true
}

// earWeight returns the weight of a in the point of the triangle (a, b, c)
// closest to the colour x: the least-squares mix with non-negative
// weights summing to one.
func earWeight(x, a, b, c RGB) float64 {
	if w, ok := interiorWeight(x, a, b, c); ok {
		return w
	}
	best, bestDist := 0.0, float32(-1)
	for _, edge := range [3]struct {
		from, to RGB
		weightAt func(t float32) float64
	}{
		{c, a, func(t float32) float64 { return float64(t) }}, // b absent
		{b, a, func(t float32) float64 { return float64(t) }}, // c absent
		{c, b, func(t float32) float64 { return 0 }},          // a absent
	} {
		t := projectOnSegment(x, edge.from, edge.to)
		d := dist2(x, mix(edge.from, edge.to, t))
		if bestDist < 0 || d < bestDist {
			best, bestDist = edge.weightAt(t), d
		}
	}
	return best
}

// interiorWeight solves x - c = s·(a - c) + t·(b - c) in least squares and
// returns s when (s, t) lies inside the triangle.
func interiorWeight(x, a, b, c RGB) (float64, bool) {
	var ac, bc, xc [3]float64
	for i := range ac {
		ac[i] = float64(a[i] - c[i])
		bc[i] = float64(b[i] - c[i])
		xc[i] = float64(x[i] - c[i])
	}
	aa, ab, bb := dot3(ac, ac), dot3(ac, bc), dot3(bc, bc)
	ax, bx := dot3(ac, xc), dot3(bc, xc)
	det := aa*bb - ab*ab
	if det < fitEpsilon {
		return 0, false
	}
	s := (ax*bb - bx*ab) / det
	t := (aa*bx - ab*ax) / det
	return s, s >= 0 && t >= 0 && s+t <= 1
}

// projectOnSegment returns t in [0, 1] minimising |x - mix(from, to, t)|.
func projectOnSegment(x, from, to RGB) float32 {
	var num, den float32
	for i := range x {
		d := to[i] - from[i]
		num += (x[i] - from[i]) * d
		den += d * d
	}
	if den == 0 {
		return 0
	}
	return min(1, max(0, num/den))
}

func dot3(a, b [3]float64) float64 { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }
