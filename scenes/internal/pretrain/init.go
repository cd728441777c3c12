package pretrain

import (
	"math"
	"math/rand/v2"

	"replab/core"
)

// Init names a way of drawing a network's starting weights.
type Init int

const (
	// InitCore keeps core's initialisation: uniform weights at Glorot's
	// scale √(6/(in+out)) (He's √(6/in) before a rectifier), biases 0.
	InitCore Init = iota
	// InitFanIn draws every weight and bias of a Dense layer uniformly in
	// ±1/√in, in the fan-in of the layer: the default of several other
	// frameworks (PyTorch's nn.Linear), smaller than Glorot's scale for the
	// layers here, most of all for a narrow output layer.
	InitFanIn
)

// Reinit redraws the Dense layers of net from rng as init says; InitCore
// leaves net as core built it and draws nothing.
func Reinit(rng *rand.Rand, net *core.Network, init Init) {
	if init != InitFanIn {
		return
	}
	for i, layer := range net.Layers() {
		if layer != core.Dense(net.Width(i), net.Width(i+1)) {
			continue // not a Dense layer: Dense layers of equal shape compare equal
		}
		w, b := net.DenseWeights(i)
		bound := 1 / math.Sqrt(float64(w.Rows))
		for r := range w.Rows {
			row := w.Row(r)
			for j := range row {
				row[j] = float32((2*rng.Float64() - 1) * bound)
			}
		}
		for j := range b {
			b[j] = float32((2*rng.Float64() - 1) * bound)
		}
	}
}
