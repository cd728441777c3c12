package core_test

import (
	"context"
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"replab/core"
)

// ring returns n points evenly spaced on a circle of the given radius
// around (cx, cy), with a small deterministic wobble.
func ring(n int, cx, cy, radius float64) [][]float64 {
	points := make([][]float64, n)
	for i := range n {
		angle := 2 * math.Pi * float64(i) / float64(n)
		r := radius * (1 + 0.1*math.Sin(7*angle))
		points[i] = []float64{cx + r*math.Cos(angle), cy + r*math.Sin(angle)}
	}
	return points
}

// twoGroups returns 40 points: 20 around (0, 0) and 20 around (10, 0).
func twoGroups() *mat.Dense {
	rows := append(ring(20, 0, 0, 1), ring(20, 10, 0, 1)...)
	x := mat.NewDense(len(rows), 2, nil)
	for i, row := range rows {
		x.SetRow(i, row)
	}
	return x
}

// splitsInHalves reports whether every point of the first and of the
// second half of y's rows is closer to its own half's mean than to the
// other's.
func splitsInHalves(y *mat.Dense) bool {
	n, dims := y.Dims()
	means := mat.NewDense(2, dims, nil)
	for i := range n {
		for c := range dims {
			means.Set(2*i/n, c, means.At(2*i/n, c)+y.At(i, c)*2/float64(n))
		}
	}
	for i := range n {
		own, other := 2*i/n, 1-2*i/n
		var toOwn, toOther float64
		for c := range dims {
			toOwn += math.Pow(y.At(i, c)-means.At(own, c), 2)
			toOther += math.Pow(y.At(i, c)-means.At(other, c), 2)
		}
		if toOwn >= toOther {
			return false
		}
	}
	return true
}

// A scene runs k-means one Lloyd iteration per tick and draws the
// partition in between.
func ExampleKMeansRun() {
	x := twoGroups()
	run, err := core.NewKMeansRun(core.NewRNG(1), x, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	for !run.Converged() {
		run.Step()
	}
	result := run.Result()
	fmt.Println("same cluster within a group:", result.Labels[0] == result.Labels[19])
	fmt.Println("different clusters across:", result.Labels[0] != result.Labels[20])
	// Output:
	// same cluster within a group: true
	// different clusters across: true
}

// The mixture scene runs EM one step per tick, plotting the log-likelihood
// each step returns and drawing the density from a clone.
func ExampleGMM() {
	x := twoGroups()
	g, err := core.NewGMM(2, 2, core.FullCovariance)
	if err == nil {
		err = g.InitKMeans(core.NewRNG(1), x)
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	previous := math.Inf(-1)
	for range 20 {
		logLik, err := g.EMStep(x)
		if err != nil {
			fmt.Println(err)
			return
		}
		previous = logLik
	}
	snapshot := g.Clone()
	inside := snapshot.LogDensity([]float64{10, 0.9})
	between := snapshot.LogDensity([]float64{5, 0})
	fmt.Printf("denser on a ring than between them: %v\n", inside > between)
	fmt.Printf("log-likelihood per point: %.2f\n", previous/40)
	fmt.Printf("free parameters: %d\n", g.NumParams())
	// Output:
	// denser on a ring than between them: true
	// log-likelihood per point: -2.84
	// free parameters: 11
}

// Isomap and t-SNE both map points to 2-D; t-SNE advances in steps so a
// scene can draw it as it settles.
func ExampleNewTSNE() {
	x := twoGroups()
	tsne, err := core.NewTSNE(core.NewRNG(1), x, 2, 5)
	if err != nil {
		fmt.Println(err)
		return
	}
	for tsne.Iteration() < 300 {
		if err := tsne.Step(25); err != nil {
			fmt.Println(err)
			return
		}
	}
	fmt.Println("t-SNE keeps the groups apart:", splitsInHalves(tsne.Embedding()))

	_, err = core.Isomap(context.Background(), x, 4, 2)
	fmt.Println("Isomap refuses two far groups:", errors.Is(err, core.ErrDisconnectedGraph))
	opts := core.IsomapOptions{Neighbours: 4, Dims: 2, BridgeComponents: true}
	y, err := core.IsomapWithOptions(context.Background(), x, opts)
	fmt.Println("bridged, it keeps them apart:", err == nil && splitsInHalves(y))
	// Output:
	// t-SNE keeps the groups apart: true
	// Isomap refuses two far groups: true
	// bridged, it keeps them apart: true
}
