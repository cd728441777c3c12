package partitions

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"replab/core"
	"replab/scenes"
)

// maxFeatures is the largest n of the count chart and of the n parameter;
// region codes are uint32 bit sets, so it must stay below 32.
const maxFeatures = 16

// maxCentroids is the largest k of the nearest-neighbour sweep.
const maxCentroids = 32

// Work per Step, so that a step takes milliseconds.
const (
	programsPerStep = 300 // margin programs of the count
	epochsPerStep   = 5   // full-batch epochs of learned mode: `n` shows the lines move
	learnedEpochs   = 1500
)

// Random streams, one per consumer, so that changing one part (the layout,
// say) never shifts the numbers another part draws.
const (
	streamPlane uint64 = iota + 1
	streamSpace
	streamData
	streamKMeans
	streamSweep
	streamNet
)

// Mode is what the left plane shows.
type Mode int

const (
	// Random shows the first n of the random lines the count uses.
	Random Mode = iota
	// Learned shows the n hidden units of a network trained on the data.
	Learned
)

var modeNames = []string{"random", "learned"}

// experiment is the partitions scene's Experiment.
type experiment struct {
	seed   uint64
	n, k   int
	dim    int
	mode   Mode
	layout Layout
	draw   int // which draw of the random hyperplanes
	cursor [2]float64

	data   Dataset
	points *mat.Dense

	lines2, linesD    []Hyperplane // maxFeatures random hyperplanes in R² and R^dim
	count2, countD    *regionCounter
	position2, posDim Position
	nnRegions         []int // nnRegions[k-1]: Voronoi cells of k-means with k centroids
	kmeans            *core.KMeansRun
	kmeansK           int
	centroids         [][2]float64 // of the k-means run, after its last iteration
	cells             int          // their Voronoi cells, counted by the margin program
	net               *learner
	loss, accuracy    float64
	firstLoss         float64
	shown             []Hyperplane // the lines of the left plane
	shownRegions      []Region
	shownGeneral      bool // the shown lines are in general position
	shownDirty        bool
	steps             int
	tuneErr           error // a divergence met while Tune finished the work
}

// newExperiment builds the experiment for a seed and full parameter values.
func newExperiment(cfg scenes.Config) (scenes.Experiment, error) {
	v := cfg.Values
	e := &experiment{seed: cfg.Seed, dim: v.Int("d")}
	if e.dim < 2 || e.dim > 6 {
		return nil, fmt.Errorf("partitions: d=%d, want 2…6", e.dim)
	}
	e.mode = Mode(clampIndex(v.Index("mode"), len(modeNames)))
	e.layout = Layout(clampIndex(v.Index("layout"), len(layoutNames)))
	e.draw = v.Int("draw")
	name := datasetNames[clampIndex(v.Index("data"), len(datasetNames))]
	e.data = makeDataset(e.rng(streamData), name)
	e.points = pointsMatrix(e.data.Points)
	e.drawLines()
	e.applyValues(v)
	e.refreshShown()
	return e, nil
}

func (e *experiment) rng(stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(e.seed, stream))
}

// applyValues reads the live parameters: n, k and the cursor.
func (e *experiment) applyValues(v scenes.Values) {
	n := min(max(v.Int("n"), 1), maxFeatures)
	if n != e.n {
		e.shownDirty = true
	}
	if e.mode == Learned && (e.net == nil || e.net.hidden != n) {
		e.net = newLearner(e.rng(streamNet+uint64(n)<<8), n, e.data)
		e.firstLoss, e.loss, e.accuracy = math.NaN(), math.NaN(), math.NaN()
	}
	e.n = n
	e.k = min(max(v.Int("k"), 1), maxCentroids)
	e.cursor = [2]float64{v.Float("x"), v.Float("y")}
}

// drawLines draws both random arrangements for the layout and the draw.
func (e *experiment) drawLines() {
	salt := uint64(e.draw) << 16
	e.lines2 = drawArrangement(e.rng(streamPlane+salt), maxFeatures, 2, e.layout)
	e.count2 = newRegionCounter(e.lines2, 2)
	e.position2 = checkPosition(e.lines2, 2)
	if e.dim == 2 {
		e.linesD, e.countD, e.posDim = e.lines2, e.count2, e.position2
	} else {
		e.linesD = drawArrangement(e.rng(streamSpace+salt), maxFeatures, e.dim, e.layout)
		e.countD = newRegionCounter(e.linesD, e.dim)
		e.posDim = checkPosition(e.linesD, e.dim)
	}
	e.shownDirty = true
}

// Tune applies the live parameters. A change that needs work (k-means for a
// new k, training for a new n in learned mode) is done by the next steps;
// if the run had already finished, no driver steps it again, so the work is
// done here: milliseconds, or a fraction of a second to train learned mode.
func (e *experiment) Tune(v scenes.Values) {
	wasFinished := e.finished()
	e.applyValues(v)
	if wasFinished {
		for e.tuneErr == nil {
			worked, err := e.work(context.Background())
			if err != nil {
				e.tuneErr = err
			}
			if !worked {
				break
			}
		}
	}
	e.refreshShown()
}

// Step does one slice of every unfinished job: the two counts, k-means for
// the shown k, one k of the nearest-neighbour sweep, and some epochs of
// learned mode. With nothing left to do it returns scenes.ErrFinished.
func (e *experiment) Step(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if e.tuneErr != nil {
		return e.tuneErr
	}
	worked, err := e.work(ctx)
	if err != nil {
		return err
	}
	e.refreshShown()
	if !worked {
		return scenes.ErrFinished
	}
	e.steps++
	return nil
}

// work does one slice of every unfinished job and reports whether there
// was any. The caller recounts the shown regions (refreshShown) when it
// wants them current.
func (e *experiment) work(ctx context.Context) (bool, error) {
	worked := e.advanceCounts()
	worked = e.advanceKMeans() || worked
	sweep, err := e.advanceSweep()
	if err != nil {
		return false, err
	}
	learned, err := e.advanceLearning(ctx)
	if err != nil {
		return false, err
	}
	if e.mode == Learned && learned {
		e.shownDirty = true
	}
	return worked || sweep || learned, nil
}

func (e *experiment) advanceCounts() bool {
	if e.count2.done() && e.countD.done() {
		return false
	}
	spent := e.count2.advance(programsPerStep)
	e.countD.advance(programsPerStep - spent)
	return true
}

// advanceKMeans runs one Lloyd iteration for the shown k, reseeding when k
// changed, and counts the Voronoi cells of the centroids it moved to.
func (e *experiment) advanceKMeans() bool {
	if e.kmeans == nil || e.kmeansK != e.k {
		run, err := core.NewKMeansRun(e.rng(streamKMeans+uint64(e.k)<<8), e.points, e.k)
		if err != nil {
			return false // k ≤ maxCentroids < samplePoints: cannot happen
		}
		e.kmeans, e.kmeansK = run, e.k
	} else if e.kmeans.Converged() {
		return false
	}
	e.kmeans.Step()
	e.centroids = centroidsOf(e.kmeans.Result().Centroids)
	e.cells = voronoiCells(e.centroids)
	return true
}

// advanceSweep measures the Voronoi cells of the next k of the sweep.
func (e *experiment) advanceSweep() (bool, error) {
	k := len(e.nnRegions) + 1
	if k > maxCentroids {
		return false, nil
	}
	cells, err := kmeansCells(e.rng(streamSweep+uint64(k)<<8), e.points, k)
	if err != nil {
		return false, fmt.Errorf("partitions: k-means with k=%d: %w", k, err)
	}
	e.nnRegions = append(e.nnRegions, cells)
	return true, nil
}

// advanceLearning trains the network of learned mode for a few epochs.
func (e *experiment) advanceLearning(ctx context.Context) (bool, error) {
	if e.mode != Learned || e.net.epochs >= learnedEpochs {
		return false, nil
	}
	for range epochsPerStep {
		loss, acc, err := e.net.epoch(ctx)
		if err != nil {
			return false, err
		}
		if math.IsNaN(e.firstLoss) {
			e.firstLoss = loss
		}
		e.loss, e.accuracy = loss, acc
	}
	return true, nil
}

// refreshShown recounts the regions of the left plane's lines when they
// changed.
func (e *experiment) refreshShown() {
	if !e.shownDirty {
		return
	}
	if e.mode == Learned {
		e.shown = e.net.planes()
	} else {
		e.shown = e.lines2[:e.n]
	}
	e.shownRegions, _ = countRegions(e.shown, 2)
	e.shownGeneral = checkPosition(e.shown, 2).General
	e.shownDirty = false
}

func clampIndex(i, n int) int { return min(max(i, 0), n-1) }
