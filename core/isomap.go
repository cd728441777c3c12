package core

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// ErrDisconnectedGraph is wrapped by Isomap's error when the neighbour
// graph falls apart into pieces: geodesic distances between the pieces do
// not exist. More neighbours usually join them.
var ErrDisconnectedGraph = errors.New("neighbour graph is disconnected")

// isomapSourcesPerTask is how many Dijkstra sources one parallel task runs,
// so that scheduling costs little next to the searches.
const isomapSourcesPerTask = 16

// isomapEigenSeed seeds the eigensolver's start block, so Isomap is a
// deterministic function of its input.
const isomapEigenSeed = 0x150

// IsomapOptions configure IsomapWithOptions.
type IsomapOptions struct {
	Neighbours int // k of the k-nearest-neighbour graph, in [1, n−1]
	Dims       int // output dimensions, in [1, n−1]
	// BridgeComponents joins a neighbour graph that falls apart by adding,
	// between every two pieces, the shortest edge from one to the other,
	// instead of failing with ErrDisconnectedGraph. Distances across a
	// bridge are then straight jumps, not walks along the data.
	BridgeComponents bool
}

// Isomap embeds the rows of x, (n, d) → (n, dims), so that Euclidean
// distances in the embedding follow geodesic distances along the data's
// manifold: it joins each point to its nearest neighbours (the union of
// the k-nearest-neighbour relation, so the graph is undirected), measures
// shortest paths through that graph by Dijkstra from every point (in
// parallel on core's worker budget, stopping when ctx is done; inside a
// RunJobs job, pass the job's context), and places
// the points by classical multidimensional scaling of those distances.
// Each output column's sign is fixed so that its largest-magnitude entry is
// positive. It returns an error wrapping ErrDisconnectedGraph when the
// graph has more than one component, ErrBadData for bad data or arguments
// (neighbours outside [1, n−1], dims outside [1, n−1]), or ctx.Err().
//
// Limits: time is O(n²·d) for the neighbours plus O(n·E·log n) for the
// searches (E edges) and memory peaks at two n×n float64 matrices (27 MB at
// 1,300 points), so it suits the few thousand points a scene draws. A
// neighbour count large for the data's density lets edges jump between
// folds of the manifold ("short circuits"), which no later step undoes.
func Isomap(ctx context.Context, x *mat.Dense, neighbours, dims int) (*mat.Dense, error) {
	return IsomapWithOptions(ctx, x, IsomapOptions{Neighbours: neighbours, Dims: dims})
}

// IsomapWithOptions is Isomap with the choices of IsomapOptions, such as
// bridging a disconnected neighbour graph.
func IsomapWithOptions(ctx context.Context, x *mat.Dense, opts IsomapOptions) (*mat.Dense, error) {
	if err := checkData("isomap", x, 2); err != nil {
		return nil, err
	}
	n, _ := x.Dims()
	if opts.Neighbours < 1 || opts.Neighbours >= n || opts.Dims < 1 || opts.Dims >= n {
		return nil, fmt.Errorf("core: isomap: %d neighbours and %d dimensions for %d points, "+
			"need each in [1, %d]: %w", opts.Neighbours, opts.Dims, n, n-1, ErrBadData)
	}

	distances := pairwiseSquaredDistances(x)
	graph := neighbourGraph(distances, opts.Neighbours)
	labels, pieces := componentLabels(graph)
	if pieces > 1 && !opts.BridgeComponents {
		return nil, fmt.Errorf("core: isomap: %d neighbours split %d points into %d pieces: %w",
			opts.Neighbours, n, pieces, ErrDisconnectedGraph)
	}
	if pieces > 1 {
		bridgeComponents(graph, distances, labels, pieces)
	}
	geodesics := distances // reuse the n×n storage: the graph holds the edge lengths now
	if err := shortestPaths(ctx, graph, geodesics); err != nil {
		return nil, err
	}
	return classicalMDS(geodesics, opts.Dims)
}

// shortestPaths fills out, (n, n), with the graph's shortest-path lengths,
// running Dijkstra from every source on the worker budget. Rounding can make
// the two directions of a path differ in the last bits; they are averaged
// so out is exactly symmetric.
func shortestPaths(ctx context.Context, graph [][]graphEdge, out *mat.Dense) error {
	n := len(graph)
	tasks := (n + isomapSourcesPerTask - 1) / isomapSourcesPerTask
	err := Parallel(ctx, tasks, func(task int) error {
		var queue distanceHeap
		first := task * isomapSourcesPerTask
		for source := first; source < min(n, first+isomapSourcesPerTask); source++ {
			dijkstra(graph, source, out.RawRowView(source), &queue)
		}
		return ctx.Err()
	})
	if err != nil {
		return fmt.Errorf("core: isomap: %w", err)
	}
	symmetrise(out)
	return nil
}

// dijkstra writes the shortest-path length from source to every node into
// dist, using queue (emptied first) as its priority queue. Stale queue
// entries are skipped rather than decreased in place.
func dijkstra(graph [][]graphEdge, source int, dist []float64, queue *distanceHeap) {
	for i := range dist {
		dist[i] = math.Inf(1)
	}
	dist[source] = 0
	queue.items = queue.items[:0]
	queue.push(0, source)
	for len(queue.items) > 0 {
		d, node := queue.pop()
		if d > dist[node] {
			continue
		}
		for _, e := range graph[node] {
			if candidate := d + e.length; candidate < dist[e.to] {
				dist[e.to] = candidate
				queue.push(candidate, e.to)
			}
		}
	}
}

// distanceHeap is a binary min-heap of (distance, node) pairs.
type distanceHeap struct {
	items []heapItem
}

type heapItem struct {
	dist float64
	node int
}

func (h *distanceHeap) push(dist float64, node int) {
	h.items = append(h.items, heapItem{dist, node})
	i := len(h.items) - 1
	for i > 0 {
		parent := (i - 1) / 2
		if h.items[parent].dist <= h.items[i].dist {
			break
		}
		h.items[parent], h.items[i] = h.items[i], h.items[parent]
		i = parent
	}
}

func (h *distanceHeap) pop() (float64, int) {
	top := h.items[0]
	last := len(h.items) - 1
	h.items[0] = h.items[last]
	h.items = h.items[:last]
	i := 0
	for {
		smallest, left, right := i, 2*i+1, 2*i+2
		if left < last && h.items[left].dist < h.items[smallest].dist {
			smallest = left
		}
		if right < last && h.items[right].dist < h.items[smallest].dist {
			smallest = right
		}
		if smallest == i {
			return top.dist, top.node
		}
		h.items[i], h.items[smallest] = h.items[smallest], h.items[i]
		i = smallest
	}
}

// classicalMDS places n points in dims dimensions from their distances,
// (n, n) → (n, dims): the top eigenvectors of the double-centred matrix
// B = −½·J·D²·J, scaled by the square roots of their eigenvalues (a
// negative eigenvalue, which non-Euclidean distances can give, yields a
// zero coordinate). It overwrites distances with B.
func classicalMDS(distances *mat.Dense, dims int) (*mat.Dense, error) {
	n, _ := distances.Dims()
	rowMeans := make([]float64, n)
	grandMean := 0.0
	for i := range n {
		row := distances.RawRowView(i)
		for j, d := range row {
			row[j] = d * d
			rowMeans[i] += row[j] / float64(n)
		}
		grandMean += rowMeans[i] / float64(n)
	}
	for i := range n {
		row := distances.RawRowView(i)
		for j := range row {
			row[j] = -0.5 * (row[j] - rowMeans[i] - rowMeans[j] + grandMean)
		}
	}
	centred := mat.NewSymDense(n, distances.RawMatrix().Data)

	rng := rand.New(rand.NewPCG(isomapEigenSeed, isomapEigenSeed))
	values, vectors, err := TopEigenSym(rng, centred, dims)
	if err != nil {
		return nil, fmt.Errorf("core: mds: %w", err)
	}
	embedding := mat.NewDense(n, dims, nil)
	for c, value := range values {
		column := mat.Col(nil, c, vectors)
		orientAxis(column)
		scale := math.Sqrt(max(value, 0))
		for i := range n {
			embedding.Set(i, c, scale*column[i])
		}
	}
	return embedding, nil
}
