package mixture

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"replab/core"
	"replab/scenes"
)

const (
	maxK          = 8    // the largest mixture the scene fits
	maxIterations = 300  // EM iterations before the fit is called done
	converged     = 1e-7 // relative change of the log-likelihood that ends a fit
	bicIterations = 200  // EM iterations for each mixture of the BIC sweep
	goodScore     = 0.9  // ARI and one-label accuracy that reproduce the figure
)

// experiment fits one mixture by EM, one iteration a step, then fits
// mixtures of 1…maxK components, one a step, to draw BIC against k.
type experiment struct {
	seed    uint64
	rng     *rand.Rand
	values  scenes.Values
	data    sample
	classes int
	kind    core.CovarianceKind
	model   *core.GMM
	picks   []int

	step       int
	iterations int
	fitDone    bool
	logLik     []float64 // per point, one per EM iteration
	bic        []float64 // index k-1; NaN until measured
	nextBIC    int       // the k the sweep fits next
	resp       []float64 // (n, k) responsibilities of the current model
	ari        float64
	oneLabel   float64
	names      []int // class given to each component by the labelled points
}

func newExperiment(cfg scenes.Config) (scenes.Experiment, error) {
	v := cfg.Values
	rng := core.NewRNG(cfg.Seed)
	e := &experiment{seed: cfg.Seed, rng: rng, values: v.Clone(), classes: v.Int("classes")}
	if v.Index("data") == dataDigits {
		s, err := digits(e.classes)
		if err != nil {
			return nil, err
		}
		e.data = s
	} else {
		e.data = blobs(rng, e.classes, v.Float("separation"))
	}
	e.kind = core.FullCovariance
	if v.Index("cov") == covDiagonal {
		e.kind = core.DiagonalCovariance
	}
	model, err := e.newModel(rng, v.Int("k"), v.Index("init") == initRandom)
	if err != nil {
		return nil, err
	}
	e.model = model
	e.pickLabels(v.Int("pick"))
	e.bic = make([]float64, maxK)
	for i := range e.bic {
		e.bic[i] = math.NaN()
	}
	e.nextBIC = 1
	e.measure()
	return e, nil
}

// newModel builds a k-component mixture initialised from k-means or from
// random points.
func (e *experiment) newModel(rng *rand.Rand, k int, random bool) (*core.GMM, error) {
	g, err := core.NewGMM(k, 2, e.kind)
	if err != nil {
		return nil, fmt.Errorf("mixture: %w", err)
	}
	if random {
		err = g.InitRandom(rng, e.data.x)
	} else {
		err = g.InitKMeans(rng, e.data.x)
	}
	if err != nil {
		return nil, fmt.Errorf("mixture: k=%d: %w", k, err)
	}
	return g, nil
}

// Step runs one EM iteration while the fit is on, then one mixture of the
// BIC sweep; the run is finished when the sweep has reached maxK.
func (e *experiment) Step(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if e.nextBIC > maxK {
		return scenes.ErrFinished
	}
	e.step++
	if !e.fitDone {
		return e.emIteration()
	}
	return e.bicStep()
}

func (e *experiment) emIteration() error {
	n, _ := e.data.x.Dims()
	ll, err := e.model.EMStep(e.data.x)
	if err != nil {
		return fmt.Errorf("mixture: EM iteration %d: %w", e.iterations+1, err)
	}
	if math.IsNaN(ll) || math.IsInf(ll, 0) {
		return fmt.Errorf("mixture: EM iteration %d: log-likelihood %v: %w",
			e.iterations+1, ll, core.ErrDiverged)
	}
	e.iterations++
	perPoint := ll / float64(n)
	if last := len(e.logLik) - 1; last >= 0 {
		change := math.Abs(perPoint - e.logLik[last])
		e.fitDone = change <= converged*math.Max(1, math.Abs(perPoint))
	}
	e.logLik = append(e.logLik, perPoint)
	e.fitDone = e.fitDone || e.iterations >= maxIterations
	e.measure()
	return nil
}

// bicStep fits a mixture with the next number of components from k-means
// to convergence and records its BIC.
func (e *experiment) bicStep() error {
	k := e.nextBIC
	e.nextBIC++
	rng := core.NewRNG(e.seed ^ uint64(k)*0x9e3779b97f4a7c15)
	g, err := e.newModel(rng, k, false)
	if err != nil {
		return err
	}
	prev := math.Inf(-1)
	for range bicIterations {
		ll, err := g.EMStep(e.data.x)
		if err != nil {
			return fmt.Errorf("mixture: BIC fit k=%d: %w", k, err)
		}
		if math.Abs(ll-prev) <= converged*math.Max(1, math.Abs(ll)) {
			break
		}
		prev = ll
	}
	e.bic[k-1] = g.BIC(e.data.x)
	return nil
}

// measure scores the current mixture against the true classes.
func (e *experiment) measure() {
	resp := e.model.Responsibilities(e.data.x)
	e.resp = append(e.resp[:0], resp.RawMatrix().Data...)
	e.ari = adjustedRand(e.model.Assign(e.data.x), e.data.labels)
	e.oneLabel, e.names = oneLabelAccuracy(e.resp, e.model.Components(), e.data.labels, e.picks)
}

// Tune applies the labelled pick, the one live parameter: the same fit is
// named by other labelled points and scored again.
func (e *experiment) Tune(v scenes.Values) {
	if pick := v.Int("pick"); pick != e.values.Int("pick") {
		e.values.Num["pick"] = v.Num["pick"]
		e.pickLabels(pick)
		e.measure()
	}
}

// pickLabels draws the labelled points of the given pick, from a stream of
// its own so that a new pick leaves the data and the fit as they are.
func (e *experiment) pickLabels(pick int) {
	rng := core.NewRNG(e.seed ^ uint64(pick)*0xbf58476d1ce4e5b9)
	e.picks = pickOnePerClass(rng, e.data.labels, e.classes)
}

// Snapshot copies what the view and the metrics need.
func (e *experiment) Snapshot() scenes.Snapshot {
	total := float64(maxIterations + maxK)
	progress := float64(e.iterations) / total
	if e.fitDone {
		progress = float64(maxIterations+e.nextBIC-1) / total
	}
	return scenes.Snapshot{
		Step:     e.step,
		Progress: math.Min(1, progress),
		Finished: e.nextBIC > maxK,
		Metrics:  e.metrics(),
		Verdict:  e.verdict(),
		Data:     e.picture(),
	}
}

func (e *experiment) metrics() map[string]any {
	ll := math.NaN()
	if len(e.logLik) > 0 {
		ll = e.logLik[len(e.logLik)-1]
	}
	bic := make([]any, maxK)
	for i, b := range e.bic {
		bic[i] = jsonNumber(b)
	}
	return map[string]any{
		"log_likelihood":     jsonNumber(ll),
		"ari":                e.ari,
		"one_label_accuracy": e.oneLabel,
		"bic_by_k":           bic,
		"k":                  e.model.Components(),
		"em_iterations":      e.iterations,
	}
}

// jsonNumber turns a not-yet-measured NaN into null for JSON.
func jsonNumber(x float64) any {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return x
}

func (e *experiment) verdict() scenes.Verdict {
	ok := e.ari >= goodScore && e.oneLabel >= goodScore
	detail := fmt.Sprintf("ARI %.3f and one-label accuracy %.3f (need ≥ %.1f both) "+
		"with k=%d on %s", e.ari, e.oneLabel, goodScore, e.model.Components(), e.dataName())
	if !e.fitDone {
		detail += "; EM still running"
	}
	return scenes.Verdict{Claim: claim, Reproduced: ok && e.fitDone, Detail: detail}
}

func (e *experiment) dataName() string {
	if e.values.Index("data") == dataDigits {
		return fmt.Sprintf("%d digit classes, 2-D PCA", e.classes)
	}
	return fmt.Sprintf("%d classes %.3gσ apart", e.classes, e.values.Float("separation"))
}

// picture is the snapshot's payload for the view; nothing in it is
// changed after it is handed out.
type picture struct {
	x        *mat.Dense // (n, 2) points; never modified after the data is made
	labels   []int
	classes  []string
	model    *core.GMM
	resp     []float64
	names    []int
	picks    []int
	logLik   []float64
	bic      []float64
	fitDone  bool
	dataName string
}

func (e *experiment) picture() *picture {
	return &picture{
		x: e.data.x, labels: e.data.labels, classes: e.data.names,
		model:    e.model.Clone(),
		resp:     append([]float64(nil), e.resp...),
		names:    append([]int(nil), e.names...),
		picks:    e.picks,
		logLik:   append([]float64(nil), e.logLik...),
		bic:      append([]float64(nil), e.bic...),
		fitDone:  e.fitDone,
		dataName: e.dataName(),
	}
}
