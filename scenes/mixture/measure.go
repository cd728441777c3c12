package mixture

import "gonum.org/v1/gonum/floats"

// adjustedRand is the adjusted Rand index between two labellings of the
// same points: 1 when they partition the points identically (whatever the
// label names), about 0 for independent labellings.
func adjustedRand(a, b []int) float64 {
	table := map[[2]int]int{}
	rows, cols := map[int]int{}, map[int]int{}
	for i := range a {
		table[[2]int{a[i], b[i]}]++
		rows[a[i]]++
		cols[b[i]]++
	}
	pairs := func(n int) float64 { return float64(n) * float64(n-1) / 2 }
	var index, sumRows, sumCols float64
	for _, n := range table {
		index += pairs(n)
	}
	for _, n := range rows {
		sumRows += pairs(n)
	}
	for _, n := range cols {
		sumCols += pairs(n)
	}
	expected := sumRows * sumCols / pairs(len(a))
	maximum := (sumRows + sumCols) / 2
	if maximum == expected {
		return 1 // both labellings are trivial (one cluster, or all singletons)
	}
	return (index - expected) / (maximum - expected)
}

// oneLabelAccuracy names each mixture component after the labelled example
// it is most responsible for, then classifies every other point by its
// most responsible named component. resp is (n, k) row-major; picks are
// the labelled points. It returns the accuracy on the points not picked
// and the class name given to each component (-1: no labelled example
// fell in it).
func oneLabelAccuracy(resp []float64, k int, labels, picks []int) (float64, []int) {
	names := make([]int, k)
	best := make([]float64, k)
	for c := range names {
		names[c] = -1
	}
	for _, i := range picks {
		c := floats.MaxIdx(resp[i*k : (i+1)*k])
		if r := resp[i*k+c]; names[c] < 0 || r > best[c] {
			names[c], best[c] = labels[i], r
		}
	}
	picked := map[int]bool{}
	for _, i := range picks {
		picked[i] = true
	}
	correct, total := 0, 0
	for i, truth := range labels {
		if picked[i] {
			continue
		}
		total++
		if predictByNamed(resp[i*k:(i+1)*k], names) == truth {
			correct++
		}
	}
	if total == 0 {
		return 0, names
	}
	return float64(correct) / float64(total), names
}

// predictByNamed returns the name of the most responsible component that
// has one, or -1 when no component is named.
func predictByNamed(resp []float64, names []int) int {
	best, class := -1.0, -1
	for c, r := range resp {
		if names[c] >= 0 && r > best {
			best, class = r, names[c]
		}
	}
	return class
}
