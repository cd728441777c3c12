package trajectories

import (
	"fmt"
	"math"

	"replab/core"
	"replab/scenes"
	"replab/scenes/internal/pretrain"
)

// Thresholds of the verdict, from the claim: both groups must have learned
// the digits before their regions mean anything, and the groups must end
// apart (between-group distance half as large again as within-group).
const (
	learnedError   = 0.10
	separatedRatio = 1.5
)

const claim = "pretrained networks end in a separate, smaller region of function space"

// probe returns the network's class probabilities on x, flattened (rows ×
// classes), and its error rate against the labels y.
func probe(net *pretrain.Net, x, y *core.Mat) ([]float32, float64) {
	logits := net.Net.Predict(x)
	wrong := 0
	for i := range logits.Rows {
		row := logits.Row(i)
		if core.Argmax(row) != int(y.At(i, 0)) {
			wrong++
		}
		softmaxInPlace(row)
	}
	return logits.Data[:logits.Rows*logits.Cols], float64(wrong) / float64(logits.Rows)
}

// softmaxInPlace turns logits into probabilities.
func softmaxInPlace(row []float32) {
	peak := row[0]
	for _, v := range row {
		peak = max(peak, v)
	}
	var sum float64
	for j, v := range row {
		e := math.Exp(float64(v - peak))
		row[j] = float32(e)
		sum += e
	}
	for j := range row {
		row[j] = float32(float64(row[j]) / sum)
	}
}

// groupGeometry is how the groups' points lie in function space at one
// epoch.
type groupGeometry struct {
	separation float64    // mean between-group distance / mean within-group distance
	shuffled   float64    // the same with the group labels shuffled: the no-separation level
	spread     [2]float64 // mean within-group distance, per group
	testError  [2]float64 // mean error rate on the probe inputs, per group
}

// history holds the geometry after every recorded epoch.
type history []groupGeometry

// add measures the latest records of every network.
func (h *history) add(members []*member) {
	last := len(members[0].outputs) - 1
	points := make([][]float32, len(members))
	groups := make([]int, len(members))
	var g groupGeometry
	var counts [2]int
	for i, m := range members {
		points[i], groups[i] = m.outputs[last], m.group
		g.testError[m.group] += m.errs[last]
		counts[m.group]++
	}
	for k := range 2 {
		g.testError[k] /= float64(max(counts[k], 1))
	}
	g.separation, g.spread, g.shuffled = separation(points, groups)
	*h = append(*h, g)
}

// separation returns the mean distance between points of different groups
// over the mean distance between points of the same group (both groups'
// pairs pooled), each group's mean within-group distance, and the same
// ratio averaged over shuffles of the group labels: the value that says
// "no separation" for these very points (about 1). Distances are
// Euclidean, in the space of concatenated outputs.
func separation(points [][]float32, groups []int) (float64, [2]float64, float64) {
	dist := make([][]float64, len(points))
	for i := range points {
		dist[i] = make([]float64, len(points))
		for j := range i {
			dist[i][j] = distance(points[i], points[j])
		}
	}
	ratio, spread := groupRatio(dist, groups)
	rng := core.NewRNG(shuffleSeed)
	shuffled := append([]int(nil), groups...)
	var control float64
	for range shuffles {
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		r, _ := groupRatio(dist, shuffled)
		control += r / shuffles
	}
	return ratio, spread, control
}

// shuffles is how many relabellings the control averages; shuffleSeed
// fixes them, so the control is the same for the same points.
const (
	shuffles    = 200
	shuffleSeed = 15
)

// groupRatio is separation's ratio and spreads for one labelling, from the
// lower triangle of the distance matrix.
func groupRatio(dist [][]float64, groups []int) (float64, [2]float64) {
	var within, between [2]float64 // sums; counts
	var spreadSum, spreadCount [2]float64
	for i := range dist {
		for j := range i {
			d := dist[i][j]
			if groups[i] == groups[j] {
				within[0] += d
				within[1]++
				spreadSum[groups[i]] += d
				spreadCount[groups[i]]++
			} else {
				between[0] += d
				between[1]++
			}
		}
	}
	var spread [2]float64
	for k := range 2 {
		spread[k] = spreadSum[k] / spreadCount[k]
	}
	return (between[0] / between[1]) / (within[0] / within[1]), spread
}

func distance(a, b []float32) float64 {
	var s float64
	for i, v := range a {
		d := float64(v - b[i])
		s += d * d
	}
	return math.Sqrt(s)
}

// last returns the geometry at the latest recorded epoch (NaNs before any).
func (h history) last() groupGeometry {
	if len(h) == 0 {
		nan := math.NaN()
		return groupGeometry{nan, nan, [2]float64{nan, nan}, [2]float64{nan, nan}}
	}
	return h[len(h)-1]
}

func (h history) metrics(epochs int) map[string]any {
	g := h.last()
	bySep := make([]float64, len(h))
	for i, x := range h {
		bySep[i] = x.separation
	}
	return map[string]any{
		"separation":            jsonNumber(g.separation),
		"separation_shuffled":   jsonNumber(g.shuffled),
		"spread_pretrained":     jsonNumber(g.spread[groupPre]),
		"spread_random":         jsonNumber(g.spread[groupRandom]),
		"test_error_pretrained": jsonNumber(g.testError[groupPre]),
		"test_error_random":     jsonNumber(g.testError[groupRandom]),
		"separation_by_epoch":   bySep,
		"epochs_trained":        max(len(h)-1, 0),
		"epochs":                epochs,
	}
}

// jsonNumber turns a not-yet-measured NaN into null for JSON.
func jsonNumber(x float64) any {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return x
}

// verdict checks the claim at the final epoch.
func (h history) verdict(finished bool, epochs int) scenes.Verdict {
	v := scenes.Verdict{Claim: claim}
	if len(h) == 0 {
		v.Detail = "pretraining the first group"
		return v
	}
	g := h.last()
	learned := g.testError[groupPre] <= learnedError && g.testError[groupRandom] <= learnedError
	apart := g.separation > separatedRatio
	smaller := g.spread[groupPre] < g.spread[groupRandom]
	v.Detail = fmt.Sprintf("epoch %d of %d: separation %.2f (need > %.1f; shuffled groups "+
		"%.2f), spread %.2f pretrained vs %.2f random, test error %.1f%% vs %.1f%% "+
		"(need ≤ %.0f%% each)",
		len(h)-1, epochs, g.separation, separatedRatio, g.shuffled, g.spread[groupPre],
		g.spread[groupRandom], 100*g.testError[groupPre], 100*g.testError[groupRandom],
		100*learnedError)
	if !learned {
		v.Detail += "; a group has not learned, so its region means little"
	}
	v.Reproduced = finished && learned && apart && smaller
	return v
}
