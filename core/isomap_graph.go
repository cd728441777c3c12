package core

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// graphEdge is one arc of the neighbour graph.
type graphEdge struct {
	to     int
	length float64
}

// neighbourGraph returns the adjacency lists of the undirected graph that
// joins each point to its k nearest neighbours, given squared distances.
func neighbourGraph(squared *mat.Dense, k int) [][]graphEdge {
	n, _ := squared.Dims()
	nearest := make([][]int, n)
	for i := range n {
		nearest[i] = nearestIndices(squared.RawRowView(i), i, k)
	}
	graph := make([][]graphEdge, n)
	for i := range n {
		for _, j := range nearest[i] {
			// A mutual pair is added once, by its smaller end.
			if j < i && containsIndex(nearest[j], i) {
				continue
			}
			length := math.Sqrt(squared.At(i, j))
			graph[i] = append(graph[i], graphEdge{to: j, length: length})
			graph[j] = append(graph[j], graphEdge{to: i, length: length})
		}
	}
	return graph
}

// nearestIndices returns the k indices of the smallest entries of row,
// leaving out self, by insertion into a sorted list of k.
func nearestIndices(row []float64, self, k int) []int {
	best := make([]int, 0, k+1)
	for j, d := range row {
		if j == self || len(best) == k && d >= row[best[k-1]] {
			continue
		}
		at := len(best)
		for at > 0 && row[best[at-1]] > d {
			at--
		}
		best = append(best, 0)
		copy(best[at+1:], best[at:])
		best[at] = j
		if len(best) > k {
			best = best[:k]
		}
	}
	return best
}

// containsIndex reports whether list holds v.
func containsIndex(list []int, v int) bool {
	for _, e := range list {
		if e == v {
			return true
		}
	}
	return false
}

// componentLabels labels each node with its connected component, in
// [0, pieces), and returns the labels and the number of pieces.
func componentLabels(graph [][]graphEdge) (labels []int, pieces int) {
	labels = make([]int, len(graph))
	for i := range labels {
		labels[i] = -1
	}
	stack := []int{}
	for start := range graph {
		if labels[start] >= 0 {
			continue
		}
		labels[start] = pieces
		stack = append(stack[:0], start)
		for len(stack) > 0 {
			node := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, e := range graph[node] {
				if labels[e.to] < 0 {
					labels[e.to] = pieces
					stack = append(stack, e.to)
				}
			}
		}
		pieces++
	}
	return labels, pieces
}

// bridgeComponents adds to graph, for every two of its pieces, the
// shortest edge between them, given squared distances and the pieces'
// labels, so that the graph becomes connected.
func bridgeComponents(graph [][]graphEdge, squared *mat.Dense, labels []int, pieces int) {
	type bridge struct {
		from, to int
		length   float64
	}
	best := make([]bridge, pieces*pieces) // [a*pieces+b] for a < b
	for i := range best {
		best[i].length = math.Inf(1)
	}
	n := len(graph)
	for i := range n {
		row := squared.RawRowView(i)
		for j := i + 1; j < n; j++ {
			a, b := labels[i], labels[j]
			if a == b {
				continue
			}
			slot := &best[min(a, b)*pieces+max(a, b)]
			if row[j] < slot.length {
				*slot = bridge{from: i, to: j, length: row[j]}
			}
		}
	}
	for a := range pieces {
		for b := a + 1; b < pieces; b++ {
			edge := best[a*pieces+b]
			length := math.Sqrt(edge.length)
			graph[edge.from] = append(graph[edge.from], graphEdge{to: edge.to, length: length})
			graph[edge.to] = append(graph[edge.to], graphEdge{to: edge.from, length: length})
		}
	}
}
