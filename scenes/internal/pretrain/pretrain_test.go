package pretrain

import (
	"context"
	"fmt"
	"math"
	"testing"

	"replab/assets"
	"replab/core"
)

// scoreTolerance compares R² values computed two ways; uniformSlack and
// uniformSigmas bound how far a uniform draw may look from uniform (see
// checkUniform).
const (
	scoreTolerance = 1e-6
	uniformSlack   = 5
	uniformSigmas  = 4
)

// digitRows returns the first n digits scaled to [0, 1] with their labels.
func digitRows(t *testing.T, n int) (*core.Mat, *core.Mat) {
	t.Helper()
	d, err := assets.Digits()
	if err != nil {
		t.Fatal(err)
	}
	x, y := core.NewMat(n, d.Cols), core.NewMat(n, 1)
	for i := range n {
		for j, v := range d.Row(i) {
			x.Set(i, j, v/16)
		}
		y.Set(i, 0, float32(d.Label(i)))
	}
	return x, y
}

func TestGreedyReconstructionFallsLayerByLayer(t *testing.T) {
	x, _ := digitRows(t, 300)
	for _, act := range []core.Activation{core.ActTanh, core.ActReLU, core.ActSigmoid} {
		net := NewNet(core.NewRNG(1), []int{64, 32, 24, 10}, act)
		before := append([]float32(nil), net.Net.Params()...)
		g, err := NewGreedy(core.NewRNG(2), net, x, GreedyConfig{StepsPerLayer: 150, Batch: 20,
			LearningRate: 3e-3, Corruption: 0.25, InputOutput: core.ActSigmoid})
		if err != nil {
			t.Fatal(err)
		}
		for !g.Done() {
			remaining := g.Remaining()
			if err := g.Advance(context.Background(), 40); err != nil {
				t.Fatal(err)
			}
			if g.Remaining() != max(remaining-40, 0) {
				t.Fatalf("%v: %d steps left after 40 of %d", act, g.Remaining(), remaining)
			}
		}
		if len(g.Layers) != 2 || g.Progress() != 1 {
			t.Fatalf("%v: %d layers reported, progress %v", act, len(g.Layers), g.Progress())
		}
		for _, l := range g.Layers {
			if !(l.After < l.Before) {
				t.Errorf("%v layer %d: reconstruction error %v → %v, want a fall",
					act, l.Layer, l.Before, l.After)
			}
		}
		changedOutput := false
		out := net.Net.LayerParams(net.DenseLayer(2))
		for i, v := range out {
			changedOutput = changedOutput || v != before[len(before)-len(out)+i]
		}
		if changedOutput {
			t.Errorf("%v: pretraining changed the output layer", act)
		}
	}
}

func TestGreedyRejectsBadConfig(t *testing.T) {
	x, _ := digitRows(t, 50)
	net := NewNet(core.NewRNG(1), []int{64, 8, 10}, core.ActTanh)
	for _, cfg := range []GreedyConfig{{StepsPerLayer: 10, Batch: 0},
		{StepsPerLayer: 10, Batch: 5, Corruption: 1}, {StepsPerLayer: -1, Batch: 5}} {
		if _, err := NewGreedy(core.NewRNG(1), net, x, cfg); err == nil {
			t.Errorf("%+v accepted", cfg)
		}
	}
}

func TestFineTuneLearnsTheDigits(t *testing.T) {
	x, y := digitRows(t, 400)
	net := NewNet(core.NewRNG(3), []int{64, 32, 10}, core.ActTanh)
	chance, err := Score(net, x, y, 10)
	if err != nil {
		t.Fatal(err)
	}
	f, err := NewFineTune(core.NewRNG(4), net, x, y, 10, 20, 400, core.NewSGD(0.1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	for !f.Done() {
		if err := f.Advance(context.Background(), 64); err != nil {
			t.Fatal(err)
		}
	}
	acc, err := Score(net, x, y, 10)
	if err != nil {
		t.Fatal(err)
	}
	if acc < 0.9 || acc <= chance || f.Epochs() < 20 || math.IsNaN(f.Loss()) {
		t.Fatalf("accuracy %v (from %v) after %d epochs, loss %v", acc, chance, f.Epochs(),
			f.Loss())
	}
}

func TestRSquared(t *testing.T) {
	y := core.MatFrom(4, 1, []float32{1, 2, 3, 4})
	cases := []struct {
		name string
		pred []float32
		want float64
	}{
		{"perfect", []float32{1, 2, 3, 4}, 1},
		{"the mean", []float32{2.5, 2.5, 2.5, 2.5}, 0},
		// residuals 1, 0, 0, 1 over a total of 5.
		{"off by one twice", []float32{2, 2, 3, 3}, 1 - 2.0/5},
	}
	for _, c := range cases {
		if got := rSquared(core.MatFrom(4, 1, c.pred), y); math.Abs(got-c.want) > scoreTolerance {
			t.Errorf("%s: R² %v, want %v", c.name, got, c.want)
		}
	}
}

func TestReinitDrawsFromTheFanIn(t *testing.T) {
	sizes := []int{64, 100, 10}
	for _, c := range []struct {
		name string
		act  core.Activation
		init Init
	}{{"core keeps tanh", core.ActTanh, InitCore}, {"fan-in tanh", core.ActTanh, InitFanIn},
		{"fan-in relu", core.ActReLU, InitFanIn}} {
		net := NewNet(core.NewRNG(1), sizes, c.act)
		before := append([]float32(nil), net.Net.Params()...)
		Reinit(core.NewRNG(2), net.Net, c.init)
		if c.init == InitCore {
			for i, v := range net.Net.Params() {
				if v != before[i] {
					t.Fatalf("%s: parameter %d changed", c.name, i)
				}
			}
			continue
		}
		for k := range net.Hidden() + 1 {
			w, b := net.Net.DenseWeights(net.DenseLayer(k))
			bound := 1 / math.Sqrt(float64(w.Rows))
			checkUniform(t, fmt.Sprintf("%s layer %d weights", c.name, k), w.Data, bound)
			checkUniform(t, fmt.Sprintf("%s layer %d biases", c.name, k), b, bound)
		}
	}
}

// checkUniform fails unless every value lies within ±bound and the values
// fill the range as a uniform draw would: their largest magnitude falls
// short of bound by less than uniformSlack/n of it (a chance of about
// e^−uniformSlack), their mean square is bound²/3 within uniformSigmas
// standard errors (0.9·bound²/3/√n).
func checkUniform(t *testing.T, name string, values []float32, bound float64) {
	t.Helper()
	var peak, square float64
	for _, v := range values {
		peak = max(peak, math.Abs(float64(v)))
		square += float64(v) * float64(v)
	}
	n := float64(len(values))
	square /= n
	if peak > bound || peak < (1-uniformSlack/n)*bound ||
		math.Abs(square/(bound*bound/3)-1) > uniformSigmas*0.9/math.Sqrt(n) {
		t.Errorf("%s: largest |v| %v, mean square %v; want within ±%v, mean square %v",
			name, peak, square, bound, bound*bound/3)
	}
}

func TestGreedyInitDrawsTheDecoder(t *testing.T) {
	x, _ := digitRows(t, 100)
	for _, init := range []Init{InitCore, InitFanIn} {
		net := NewNet(core.NewRNG(1), []int{64, 16, 10}, core.ActTanh)
		g, err := NewGreedy(core.NewRNG(2), net, x, GreedyConfig{StepsPerLayer: 1, Batch: 10,
			InputOutput: core.ActSigmoid, Init: init})
		if err != nil {
			t.Fatal(err)
		}
		if err := g.startLayer(); err != nil {
			t.Fatal(err)
		}
		_, b := g.ae.Net.DenseWeights(len(g.ae.Net.Layers()) - 2) // the decoder, then sigmoid
		zero := true
		for _, v := range b {
			zero = zero && v == 0
		}
		if zero != (init == InitCore) {
			t.Errorf("init %d: decoder biases all zero %v", init, zero)
		}
	}
}
