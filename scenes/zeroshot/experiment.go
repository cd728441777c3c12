package zeroshot

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"replab/core"
	"replab/scenes"
)

const (
	batchSize     = 64
	stepsPerCall  = 10  // minibatch steps in one Step of the experiment
	shownPerClass = 30  // test images per class the picture holds for the map
	shapesFactor  = 2.0 // unseen accuracy over chance that reproduces on shapes
	digitsFactor  = 1.5 // … and on digits
	minSplits     = 3   // splits the verdict averages over, at least
)

// splitResult is what one finished split measured.
type splitResult struct {
	Unseen    []int   `json:"unseen"`
	UnseenAcc float64 `json:"unseen_accuracy"`
	SeenAcc   float64 `json:"seen_accuracy"`
}

// experiment trains one model per split of the classes into seen and
// unseen, one split after the other, and scores each on its unseen classes
// from their descriptions alone.
type experiment struct {
	values scenes.Values
	seed   uint64
	task   *task
	splits []split

	current   int // the split being trained
	stepCount int
	model     mapper
	batcher   *core.Batcher
	descSeen  *core.Mat
	losses    []float64
	results   []splitResult
	live      liveScores
	picture   *picture
}

func newExperiment(cfg scenes.Config) (scenes.Experiment, error) {
	v := cfg.Values
	rng := core.NewRNG(cfg.Seed)
	var t *task
	if v.Index("data") == dataDigits {
		var err error
		if t, err = digitTask(rng); err != nil {
			return nil, err
		}
	} else {
		t = shapeTask(rng)
	}
	e := &experiment{values: v.Clone(), seed: cfg.Seed, task: t}
	if names := v.String("unseen"); names != "" {
		s, err := namedSplit(t, names)
		if err != nil {
			return nil, err
		}
		for range v.Int("splits") {
			e.splits = append(e.splits, s) // repeats that differ in their starting weights
		}
	} else {
		unseen := max(2, int(math.Round(v.Float("holdout")*float64(len(t.classNames)))))
		for s := range v.Int("splits") {
			splitRNG := core.NewRNG(cfg.Seed ^ uint64(v.Int("split")+s)*0x9e3779b97f4a7c15)
			e.splits = append(e.splits, drawSplit(splitRNG, t, unseen))
		}
	}
	if err := e.startSplit(); err != nil {
		return nil, err
	}
	return e, nil
}

// startSplit builds a fresh model and the training stream of the current
// split's seen classes.
func (e *experiment) startSplit() error {
	s := e.splits[e.current]
	rng := core.NewRNG(e.seed + uint64(e.current)*7919)
	x, y := rowsOf(e.task.train, e.task.trainY, s.seen)
	targets := core.NewMat(len(y), 1)
	for i, c := range y {
		targets.Data[i] = float32(slices.Index(s.seen, c))
	}
	b, err := core.NewBatcher(rng, x, targets, batchSize)
	if err != nil {
		return fmt.Errorf("zeroshot: %w", err)
	}
	e.batcher = b
	e.descSeen = e.task.descriptionMat(s.seen)
	if e.values.Index("space") == spaceAttributes {
		e.model = newAttributeModel(rng, x.Cols, len(e.task.attributes), e.values.Int("hidden"),
			e.values.Float("lr"))
	} else {
		e.model = newModel(rng, x.Cols, len(e.task.attributes), e.values.Int("hidden"),
			e.values.Float("lr"))
	}
	e.losses = e.losses[:0]
	e.measure()
	return nil
}

// Step trains stepsPerCall minibatches of the current split; when the split
// has had its budget it is scored and the next one starts.
func (e *experiment) Step(ctx context.Context) error {
	if e.current >= len(e.splits) {
		return scenes.ErrFinished
	}
	e.stepCount++
	for range stepsPerCall {
		x, targets := e.batcher.Next()
		labels := make([]int, targets.Rows)
		for i := range labels {
			labels[i] = int(targets.Data[i])
		}
		loss, err := e.model.step(ctx, x, labels, e.descSeen)
		if err != nil {
			return err
		}
		e.losses = append(e.losses, loss)
	}
	e.measure()
	if e.model.steps() >= e.values.Int("steps") {
		e.finishSplit()
		if e.current < len(e.splits) {
			return e.startSplit()
		}
	}
	return nil
}

func (e *experiment) finishSplit() {
	e.results = append(e.results, splitResult{
		Unseen:    e.splits[e.current].unseen,
		UnseenAcc: e.live.unseenAcc,
		SeenAcc:   e.live.seenAcc,
	})
	e.current++
	// The last split's picture stays on screen; it gains that split's
	// result (a copy, since snapshots already handed out share the old).
	p := *e.picture
	p.results = slices.Clone(e.results)
	if unseen, _ := e.averages(); e.shortOnDigits(unseen) {
		p.advice = "digits: try " + digitsBest
	}
	e.picture = &p
}

// Tune applies the learning rate, the one live parameter.
func (e *experiment) Tune(v scenes.Values) {
	e.values.Num["lr"] = v.Float("lr")
	if e.model != nil {
		e.model.setLearningRate(v.Float("lr"))
	}
}

func (e *experiment) chance() float64 {
	return 1 / float64(len(e.splits[0].unseen))
}

func (e *experiment) factor() float64 {
	if e.task.name == "digits" {
		return digitsFactor
	}
	return shapesFactor
}

// averages returns the mean unseen and seen accuracy over finished splits.
func (e *experiment) averages() (unseen, seen float64) {
	if len(e.results) == 0 {
		return e.live.unseenAcc, e.live.seenAcc
	}
	for _, r := range e.results {
		unseen += r.UnseenAcc / float64(len(e.results))
		seen += r.SeenAcc / float64(len(e.results))
	}
	return unseen, seen
}

func (e *experiment) Snapshot() scenes.Snapshot {
	total := len(e.splits) * e.values.Int("steps")
	done := len(e.results)*e.values.Int("steps") + e.modelSteps()
	unseen, seen := e.averages()
	return scenes.Snapshot{
		Step:     e.stepCount,
		Progress: math.Min(1, float64(done)/float64(max(1, total))),
		Finished: e.current >= len(e.splits),
		Metrics: map[string]any{
			"unseen_accuracy": unseen,
			"seen_accuracy":   seen,
			"chance":          e.chance(),
			"splits":          append([]splitResult(nil), e.results...),
		},
		Verdict: e.verdict(unseen),
		Data:    e.picture,
	}
}

func (e *experiment) modelSteps() int {
	if e.current >= len(e.splits) {
		return 0
	}
	return e.model.steps()
}

func (e *experiment) verdict(unseen float64) scenes.Verdict {
	need := e.factor() * e.chance()
	over := fmt.Sprintf("%d of %d splits", len(e.results), len(e.splits))
	if e.values.String("unseen") != "" { // every split holds out the named classes
		var names []string
		for _, c := range e.splits[0].unseen {
			names = append(names, e.task.shortNames[c])
		}
		over = fmt.Sprintf("%d of %d runs holding out %s", len(e.results), len(e.splits),
			strings.Join(names, ","))
	}
	detail := fmt.Sprintf("unseen accuracy %.3f vs chance %.3f (need ≥ %.3g× = %.3f) "+
		"over %s on %s", unseen, e.chance(), e.factor(), need, over, e.task.name)
	ok := len(e.results) == len(e.splits) && len(e.results) >= minSplits && unseen >= need
	if len(e.splits) < minSplits {
		detail += fmt.Sprintf("; the claim is judged on at least %d splits", minSplits)
	}
	if e.shortOnDigits(unseen) {
		detail += "; on the digits a linear map onto the attributes does best (" + digitsBest + ")"
	}
	return scenes.Verdict{Claim: claim, Reproduced: ok, Detail: detail}
}

// digitsBest sets the model that does best on the digits: images mapped
// linearly straight onto the descriptions.
const digitsBest = "space=attributes, hidden=0"

// shortOnDigits reports whether a finished digits run of another model
// than digitsBest fell short of the claim, so that it is worth naming.
func (e *experiment) shortOnDigits(unseen float64) bool {
	best := e.values.Index("space") == spaceAttributes && e.values.Int("hidden") == 0
	return len(e.results) == len(e.splits) && e.task.name == "digits" && !best &&
		unseen < e.factor()*e.chance()
}
