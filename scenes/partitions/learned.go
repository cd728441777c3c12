package partitions

import (
	"math"
	"math/rand/v2"
)

// tinyNet is the network of learned mode, 2 → hidden (tanh) → classes
// (softmax), trained full-batch by gradient descent with momentum. Its
// hidden units are the binary features the plane shows: unit i is on where
// w_i·x + b_i > 0, which is where tanh is positive.
//
// It is written out here in float64, forward and backward side by side,
// because it is two tiny layers whose weights the view reads as lines; the
// core's float32 trainer would add nothing but conversions.
type tinyNet struct {
	hidden, classes int
	w1              []float64 // (hidden, 2) row-major
	b1              []float64 // (hidden)
	w2              []float64 // (classes, hidden)
	b2              []float64 // (classes)
	velocity        []float64 // momentum of every parameter, in the order above
	epochs          int
}

// Learning settings of the tiny network: small enough to watch the lines
// move, large enough that a few hundred epochs separate the data.
const (
	netLearningRate = 0.3
	netMomentum     = 0.9
)

func newTinyNet(rng *rand.Rand, hidden, classes int) *tinyNet {
	net := &tinyNet{hidden: hidden, classes: classes,
		w1: make([]float64, 2*hidden), b1: make([]float64, hidden),
		w2: make([]float64, classes*hidden), b2: make([]float64, classes)}
	for i := range net.w1 {
		net.w1[i] = rng.NormFloat64() * 1.5
	}
	for i := range net.b1 {
		net.b1[i] = rng.NormFloat64() * 0.5
	}
	scale := 1 / math.Sqrt(float64(hidden))
	for i := range net.w2 {
		net.w2[i] = rng.NormFloat64() * scale
	}
	net.velocity = make([]float64, len(net.w1)+len(net.b1)+len(net.w2)+len(net.b2))
	return net
}

// planes returns the hidden units as hyperplanes with unit normals.
func (net *tinyNet) planes() []Hyperplane {
	out := make([]Hyperplane, net.hidden)
	for i := range out {
		out[i] = normalised([]float64{net.w1[2*i], net.w1[2*i+1]}, net.b1[i])
	}
	return out
}

// epoch runs one full-batch step of gradient descent on the mean softmax
// cross-entropy and returns the loss and accuracy before the step.
func (net *tinyNet) epoch(ds Dataset) (loss, accuracy float64) {
	grad := make([]float64, len(net.velocity))
	gw1, gb1 := grad[:len(net.w1)], grad[len(net.w1):len(net.w1)+len(net.b1)]
	gw2 := grad[len(net.w1)+len(net.b1) : len(grad)-len(net.b2)]
	gb2 := grad[len(grad)-len(net.b2):]
	hidden := make([]float64, net.hidden)
	probs := make([]float64, net.classes)
	dHidden := make([]float64, net.hidden)
	correct := 0
	inv := 1 / float64(len(ds.Points))

	for p, x := range ds.Points {
		label := ds.Labels[p]
		net.forward(x, hidden, probs)
		loss -= math.Log(math.Max(probs[label], 1e-300)) * inv
		if argmax(probs) == label {
			correct++
		}
		clear(dHidden)
		for c := range net.classes {
			dLogit := (probs[c] - b2f(c == label)) * inv
			gb2[c] += dLogit
			for h := range net.hidden {
				gw2[c*net.hidden+h] += dLogit * hidden[h]
				dHidden[h] += dLogit * net.w2[c*net.hidden+h]
			}
		}
		for h := range net.hidden {
			dPre := dHidden[h] * (1 - hidden[h]*hidden[h])
			gb1[h] += dPre
			gw1[2*h] += dPre * x[0]
			gw1[2*h+1] += dPre * x[1]
		}
	}
	net.apply(grad)
	net.epochs++
	return loss, float64(correct) * inv
}

// forward fills hidden (tanh activations, len hidden) and probs (softmax,
// len classes) for one point.
func (net *tinyNet) forward(x [2]float64, hidden, probs []float64) {
	for h := range net.hidden {
		hidden[h] = math.Tanh(net.w1[2*h]*x[0] + net.w1[2*h+1]*x[1] + net.b1[h])
	}
	top := math.Inf(-1)
	for c := range net.classes {
		logit := net.b2[c]
		for h := range net.hidden {
			logit += net.w2[c*net.hidden+h] * hidden[h]
		}
		probs[c] = logit
		top = math.Max(top, logit)
	}
	sum := 0.0
	for c := range probs {
		probs[c] = math.Exp(probs[c] - top)
		sum += probs[c]
	}
	for c := range probs {
		probs[c] /= sum
	}
}

// apply takes one momentum step along −grad.
func (net *tinyNet) apply(grad []float64) {
	params := [][]float64{net.w1, net.b1, net.w2, net.b2}
	i := 0
	for _, block := range params {
		for j := range block {
			net.velocity[i] = netMomentum*net.velocity[i] - netLearningRate*grad[i]
			block[j] += net.velocity[i]
			i++
		}
	}
}

func argmax(v []float64) int {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return best
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
