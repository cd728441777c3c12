package core

import (
	"fmt"
	"math/rand/v2"
	"sync"
)

// InputWidther is implemented by layers that know their input width (Dense,
// convolutions). The first layer of a Network must implement it.
type InputWidther interface {
	InputWidth() int
}

// InputWidth returns the width Dense was built for.
func (d denseLayer) InputWidth() int { return d.in }

// Network is a sequential stack of layers, (batch, In()) → (batch, Out()).
// All its parameters live in one contiguous buffer (Params) of which every
// layer holds a view, so optimisers and reductions are single loops. A Dense
// layer followed by an elementwise activation is run as one fused stage.
type Network struct {
	layers  []Layer
	widths  []int // widths[i] is layer i's input width; the last is Out()
	offsets []int // layer i's parameters are params[offsets[i]:offsets[i+1]]
	stages  []stage
	params  []float32
	pool    sync.Pool // inference workspaces for Predict
}

// stage is one unit of Forward/Backward: a single layer, or a Dense layer
// fused with the pointwise activation after it.
type stage struct {
	first, last int // layer indices covered, inclusive
	fused       bool
	act         pointwise // the activation, when fused
}

// NewNetwork builds a network of layers and initialises its parameters from
// rng. It panics if there are no layers, if the first layer does not
// implement InputWidther, or if consecutive widths do not match.
func NewNetwork(rng *rand.Rand, layers ...Layer) *Network {
	if len(layers) == 0 {
		panic("core: NewNetwork without layers")
	}
	first, ok := layers[0].(InputWidther)
	if !ok {
		panic(fmt.Sprintf("core: first layer %T does not declare its input width", layers[0]))
	}
	n := &Network{layers: layers, widths: []int{first.InputWidth()}, offsets: []int{0}}
	for _, l := range layers {
		out, np := l.Shape(n.widths[len(n.widths)-1])
		n.widths = append(n.widths, out)
		n.offsets = append(n.offsets, n.offsets[len(n.offsets)-1]+np)
	}
	n.params = make([]float32, n.offsets[len(layers)])
	n.stages = planStages(layers)
	for i, l := range layers {
		l.Init(rng, n.widths[i], n.LayerParams(i), nextForInit(layers[i+1:]))
	}
	return n
}

// nextForInit returns the first of rest that is not transparent to
// initialisation (dropout), or nil.
func nextForInit(rest []Layer) Layer {
	for _, l := range rest {
		if _, skip := l.(interface{ initTransparent() }); !skip {
			return l
		}
	}
	return nil
}

// planStages fuses each Dense layer with a pointwise activation after it.
func planStages(layers []Layer) []stage {
	var stages []stage
	for i := 0; i < len(layers); i++ {
		_, isDense := layers[i].(denseLayer)
		if i+1 < len(layers) && isDense {
			if act, ok := layers[i+1].(pointwise); ok {
				stages = append(stages, stage{first: i, last: i + 1, fused: true, act: act})
				i++
				continue
			}
		}
		stages = append(stages, stage{first: i, last: i})
	}
	return stages
}

// NewMLP builds Dense layers of the given widths (sizes[0] inputs,
// sizes[len-1] outputs) with hidden after every layer but the last and
// output after the last; ActIdentity adds no layer. It panics with fewer
// than two sizes.
func NewMLP(rng *rand.Rand, sizes []int, hidden, output Activation) *Network {
	if len(sizes) < 2 {
		panic(fmt.Sprintf("core: NewMLP needs at least two sizes, got %v", sizes))
	}
	var layers []Layer
	for i := 0; i+1 < len(sizes); i++ {
		layers = append(layers, Dense(sizes[i], sizes[i+1]))
		act := hidden
		if i+2 == len(sizes) {
			act = output
		}
		if act != ActIdentity {
			layers = append(layers, act.Layer())
		}
	}
	return NewNetwork(rng, layers...)
}

// In returns the input width.
func (n *Network) In() int { return n.widths[0] }

// Out returns the output width.
func (n *Network) Out() int { return n.widths[len(n.widths)-1] }

// NumParams returns the number of parameters.
func (n *Network) NumParams() int { return len(n.params) }

// Params returns the contiguous parameter buffer itself (not a copy):
// writing to it changes the network.
func (n *Network) Params() []float32 { return n.params }

// Layers returns the layers, in order. The slice must not be modified.
func (n *Network) Layers() []Layer { return n.layers }

// Width returns the input width of layer i; Width(len(Layers())) is Out().
func (n *Network) Width(i int) int { return n.widths[i] }

// LayerParams returns layer i's view of Params.
func (n *Network) LayerParams(i int) []float32 {
	return n.params[n.offsets[i]:n.offsets[i+1]]
}

// LayerGrads returns layer i's view of a gradient buffer laid out like
// Params (len NumParams).
func (n *Network) LayerGrads(grads []float32, i int) []float32 {
	return grads[n.offsets[i]:n.offsets[i+1]]
}

// DenseWeights returns views of the weights W (in, out) and bias b (out) of
// layer i. It panics if layer i is not Dense.
func (n *Network) DenseWeights(i int) (w *Mat, b []float32) {
	d, ok := n.layers[i].(denseLayer)
	if !ok {
		panic(fmt.Sprintf("core: layer %d is %T, not Dense", i, n.layers[i]))
	}
	wv, b := d.split(n.LayerParams(i))
	return &wv, b
}

// Clone returns a network with the same layers and a copy of the
// parameters.
func (n *Network) Clone() *Network {
	c := &Network{layers: n.layers, widths: n.widths, offsets: n.offsets, stages: n.stages}
	c.params = append([]float32(nil), n.params...)
	return c
}

// Predict returns the network's output for x (batch, In()) → (batch, Out())
// in inference mode (no dropout), as a new matrix. It is safe to call from
// many goroutines at once, but not while the parameters are being trained.
func (n *Network) Predict(x *Mat) *Mat {
	return n.PredictPrefix(x, len(n.layers))
}

// PredictPrefix is Predict through the first numLayers layers only: the
// representation after layer numLayers−1, (batch, In()) → (batch,
// Width(numLayers)). It panics unless 0 < numLayers ≤ len(Layers()).
func (n *Network) PredictPrefix(x *Mat, numLayers int) *Mat {
	if numLayers <= 0 || numLayers > len(n.layers) {
		panic(fmt.Sprintf("core: PredictPrefix %d of %d layers", numLayers, len(n.layers)))
	}
	ws, _ := n.pool.Get().(*Workspace)
	if ws == nil {
		ws = n.NewWorkspace()
	}
	out := ws.forward(n, x, false, numLayers).Clone()
	n.pool.Put(ws)
	return out
}

// clearNonDenseGrads zeroes the gradient ranges of every layer but the
// Dense ones, which a workspace with overwriteDenseGrads overwrites.
func (n *Network) clearNonDenseGrads(grads []float32) {
	for i, l := range n.layers {
		if _, dense := l.(denseLayer); !dense {
			clear(n.LayerGrads(grads, i))
		}
	}
}
