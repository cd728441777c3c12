package zeroshot

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"

	"replab/core"
)

// liveScores are the current model's accuracies on held-out images.
type liveScores struct {
	unseenAcc float64 // unseen classes, chosen among unseen descriptions only
	seenAcc   float64 // seen classes' test images, among seen descriptions
	confusion [][]int // unseen classes: confusion[true][predicted]
}

// picture is the snapshot's payload for the view; it is rebuilt, never
// changed, after every step.
type picture struct {
	taskName   string
	split      int // 1-based number of the split being trained
	splits     int
	classNames []string
	shortNames []string
	unseen     []int // classes held out in the current split
	points     []point
	anchors    []anchor
	confusion  [][]int
	unseenAcc  float64
	seenAcc    float64
	chance     float64
	losses     []float64
	results    []splitResult
	steps      int // training steps of the current split so far
	budget     int
	advice     string // what to try after a finished run fell short
}

// point is a test image placed in the shared space's 2-D projection.
type point struct {
	x, y   float64
	class  int
	unseen bool
	right  bool // classified correctly
}

// anchor is a class description placed in the same projection.
type anchor struct {
	x, y   float64
	class  int
	unseen bool
}

// measure scores the current model and rebuilds the picture.
func (e *experiment) measure() {
	s := e.splits[e.current]
	unseenX, unseenY := rowsOf(e.task.test, e.task.testY, s.unseen)
	seenX, seenY := rowsOf(e.task.test, e.task.testY, s.seen)
	unseenPred := e.model.classify(unseenX, e.task.descriptionMat(s.unseen))
	seenPred := e.model.classify(seenX, e.descSeen)

	e.live = liveScores{confusion: make([][]int, len(s.unseen))}
	for i := range e.live.confusion {
		e.live.confusion[i] = make([]int, len(s.unseen))
	}
	correct := 0
	for i, c := range unseenY {
		truth := slices.Index(s.unseen, c)
		e.live.confusion[truth][unseenPred[i]]++
		if unseenPred[i] == truth {
			correct++
		}
	}
	e.live.unseenAcc = float64(correct) / float64(max(1, len(unseenY)))
	correct = 0
	for i, c := range seenY {
		if s.seen[seenPred[i]] == c {
			correct++
		}
	}
	e.live.seenAcc = float64(correct) / float64(max(1, len(seenY)))
	e.picture = e.draw(unseenX, unseenY, unseenPred)
}

// draw projects some unseen test images and every class description onto
// the two leading principal axes of the description embeddings.
func (e *experiment) draw(unseenX *core.Mat, unseenY, unseenPred []int) *picture {
	s := e.splits[e.current]
	shown, shownY, shownPred := firstPerClass(unseenX, unseenY, unseenPred, shownPerClass)
	all := make([]int, len(e.task.classNames))
	for c := range all {
		all[c] = c
	}
	images, classes := e.model.embed(shown, e.task.descriptionMat(all))
	normaliseRows(images)
	normaliseRows(classes)
	project := projection(classes)
	p := &picture{
		taskName: e.task.name, split: e.current + 1, splits: len(e.splits),
		classNames: e.task.classNames, shortNames: e.task.shortNames, unseen: s.unseen,
		confusion: e.live.confusion, unseenAcc: e.live.unseenAcc, seenAcc: e.live.seenAcc,
		chance: e.chance(), losses: append([]float64(nil), e.losses...),
		results: append([]splitResult(nil), e.results...),
		steps:   e.model.steps(), budget: e.values.Int("steps"),
	}
	for c := range all {
		x, y := project(classes.Row(c))
		p.anchors = append(p.anchors, anchor{x: x, y: y, class: c,
			unseen: slices.Index(s.unseen, c) >= 0})
	}
	for i, c := range shownY {
		x, y := project(images.Row(i))
		p.points = append(p.points, point{x: x, y: y, class: c, unseen: true,
			right: s.unseen[shownPred[i]] == c})
	}
	return p
}

// normaliseRows scales every row to unit length: the map shows directions
// in the shared space, which is what the scores compare.
func normaliseRows(m *core.Mat) {
	for i := range m.Rows {
		row := m.Row(i)
		var norm float64
		for _, v := range row {
			norm += float64(v) * float64(v)
		}
		if norm = math.Sqrt(norm); norm > 0 {
			for j := range row {
				row[j] = float32(float64(row[j]) / norm)
			}
		}
	}
}

// firstPerClass keeps at most n rows of each class.
func firstPerClass(x *core.Mat, labels, pred []int, n int) (*core.Mat, []int, []int) {
	count := map[int]int{}
	var keep []int
	for i, c := range labels {
		if count[c] < n {
			count[c]++
			keep = append(keep, i)
		}
	}
	out := core.NewMat(len(keep), x.Cols)
	y, p := make([]int, len(keep)), make([]int, len(keep))
	for r, i := range keep {
		copy(out.Row(r), x.Row(i))
		y[r], p[r] = labels[i], pred[i]
	}
	return out, y, p
}

// projection returns a map onto the two principal axes of the rows of m
// (falling back to the first two coordinates if PCA cannot be fitted).
func projection(m *core.Mat) func([]float32) (float64, float64) {
	data := mat.NewDense(m.Rows, m.Cols, nil)
	for i := range m.Rows {
		for j, v := range m.Row(i) {
			data.Set(i, j, float64(v))
		}
	}
	pca, err := core.FitPCA(data, 2)
	if err != nil {
		return func(v []float32) (float64, float64) { return float64(v[0]), float64(v[1]) }
	}
	return func(v []float32) (float64, float64) {
		var x, y float64
		for j, value := range v {
			centred := float64(value) - pca.Mean[j]
			x += centred * pca.Components.At(0, j)
			y += centred * pca.Components.At(1, j)
		}
		return x, y
	}
}
