package core

import (
	"fmt"
	"math/rand/v2"
)

// Workspace holds the activations and gradients of one forward/backward
// pass of a Network, reused from pass to pass so that training allocates
// nothing once the batch size is steady. A Workspace is used by one
// goroutine at a time; run concurrent passes in separate workspaces.
type Workspace struct {
	net     *Network
	rng     *rand.Rand
	scratch []Scratch   // per layer
	outs    []Mat       // per stage: its output (batch, out)
	deltas  []Mat       // per stage: ∂L/∂(pre-activation) of a fused stage
	dxs     []Mat       // per stage: ∂L/∂(stage input)
	bufs    [][]float32 // storage behind outs, deltas and dxs
	input   *Mat        // x of the last Forward
	ran     int         // stages run by the last Forward

	// overwriteDenseGrads makes Dense layers store their gradients rather
	// than add them; a Trainer sets it and clears only the other layers'.
	overwriteDenseGrads bool
}

// NewWorkspace returns an empty workspace for n; its random source (for
// dropout) starts from seed 0, see Seed.
func (n *Network) NewWorkspace() *Workspace {
	ns := len(n.stages)
	ws := &Workspace{net: n, rng: NewRNG(0), scratch: make([]Scratch, len(n.layers)),
		outs: make([]Mat, ns), deltas: make([]Mat, ns), dxs: make([]Mat, ns),
		bufs: make([][]float32, 3*ns)}
	for i := range ws.scratch {
		ws.scratch[i].RNG = ws.rng
	}
	return ws
}

// Seed restarts the workspace's random source (dropout masks) at seed.
func (ws *Workspace) Seed(seed uint64) {
	*ws.rng = *NewRNG(seed)
}

// Forward runs x (batch, In()) through the network and returns the output
// (batch, Out()), which belongs to ws and is overwritten by its next pass.
// With train set, dropout is active. Backward may follow; x must not change
// in between. It panics if x has the wrong width.
func (n *Network) Forward(ws *Workspace, x *Mat, train bool) *Mat {
	ws.check(n)
	return ws.forward(n, x, train, len(n.layers))
}

// forward runs the stages covering the first numLayers layers.
func (ws *Workspace) forward(n *Network, x *Mat, train bool, numLayers int) *Mat {
	if x.Cols != n.In() {
		panic(fmt.Sprintf("core: network of %d inputs fed %d", n.In(), x.Cols))
	}
	ws.input, ws.ran = x, 0
	in := x
	for s, st := range n.stages {
		if st.first >= numLayers {
			break
		}
		out := ws.mat(ws.outs, s, 0, x.Rows, n.widths[st.last+1])
		ws.scratch[st.first].Train = train
		p := n.LayerParams(st.first)
		switch {
		case st.fused && st.last < numLayers:
			n.layers[st.first].(denseLayer).forwardFused(in, out, p, st.act)
		case st.fused: // the cut falls between the Dense layer and its activation
			out = ws.mat(ws.outs, s, 0, x.Rows, n.widths[st.first+1])
			n.layers[st.first].Forward(in, out, p, &ws.scratch[st.first])
		default:
			n.layers[st.first].Forward(in, out, p, &ws.scratch[st.first])
		}
		ws.ran, in = s+1, out
	}
	return in
}

// Backward takes dy = ∂L/∂output (batch, Out()) for the last Forward, adds
// ∂L/∂θ into grads (len NumParams, laid out like Params) and returns ∂L/∂x
// (batch, In()), which belongs to ws. dy is not modified. It panics if the
// last Forward on ws was not a full pass of n or if the shapes disagree.
func (n *Network) Backward(ws *Workspace, dy *Mat, grads []float32) *Mat {
	ws.check(n)
	return ws.backward(n, dy, grads, true)
}

// backward is Backward that can skip ∂L/∂x of the first stage, which
// parameter training does not need.
func (ws *Workspace) backward(n *Network, dy *Mat, grads []float32, wantInputGrad bool) *Mat {
	if ws.ran != len(n.stages) || len(grads) != len(n.params) {
		panic("core: Backward without a full Forward, or grads of the wrong length")
	}
	if dy.Rows != ws.input.Rows || dy.Cols != n.Out() {
		panic(fmt.Sprintf("core: Backward dy (%d,%d), want (%d,%d)",
			dy.Rows, dy.Cols, ws.input.Rows, n.Out()))
	}
	for s := len(n.stages) - 1; s >= 0; s-- {
		dy = ws.backwardStage(n, s, dy, grads, s > 0 || wantInputGrad)
	}
	return dy
}

// backwardStage runs stage s backwards and returns ∂L/∂(its input), or nil
// when wantDx is false.
func (ws *Workspace) backwardStage(n *Network, s int, dy *Mat, grads []float32,
	wantDx bool) *Mat {
	st := n.stages[s]
	in := ws.input
	if s > 0 {
		in = &ws.outs[s-1]
	}
	var dx *Mat
	if wantDx {
		dx = ws.mat(ws.dxs, s, 2, in.Rows, in.Cols)
	}
	out := &ws.outs[s]
	l, p, g := n.layers[st.first], n.LayerParams(st.first), n.LayerGrads(grads, st.first)
	if st.fused {
		delta := ws.mat(ws.deltas, s, 1, out.Rows, out.Cols)
		for i := range out.Rows {
			st.act.derivative(delta.Row(i), out.Row(i), dy.Row(i))
		}
		dy = delta
	}
	if d, ok := l.(denseLayer); ok && ws.overwriteDenseGrads {
		d.backward(in, dy, dx, p, g, true)
		return dx
	}
	l.Backward(in, out, dy, dx, p, g, &ws.scratch[st.first])
	return dx
}

// mat returns slot s of mats resized to rows×cols over buffer kind of stage
// s, reusing storage.
func (ws *Workspace) mat(mats []Mat, s, kind, rows, cols int) *Mat {
	mats[s] = reshapeBuffer(&ws.bufs[3*s+kind], rows, cols)
	return &mats[s]
}

// check panics unless ws was made for n or for a clone of n (same layers).
func (ws *Workspace) check(n *Network) {
	if &ws.net.layers[0] != &n.layers[0] || len(ws.net.layers) != len(n.layers) {
		panic("core: workspace used with a network it was not made for")
	}
}
