package trajectories

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"replab/core"
	"replab/scenes"
	"replab/scenes/internal/pretrain"
)

// picture is the snapshot's payload for the view; nothing in it changes
// after it is handed out.
type picture struct {
	coords   *mat.Dense // (epochs × networks, 2), epoch-major; nil before the first fit
	epochs   int        // recorded epochs the coordinates cover
	groups   []int      // per network
	history  history
	method   string
	problem  string
	note     string
	setup    string
	phase    string
	total    int // epochs of the run
	pretrain float64
}

// done reports whether training and the embedding are finished.
func (e *experiment) done() bool {
	return e.started && e.epoch == e.settings.epochs && e.embed.settled()
}

// Snapshot copies what the view and the metrics need.
func (e *experiment) Snapshot() scenes.Snapshot {
	return scenes.Snapshot{
		Step:     e.step,
		Progress: e.progress(),
		Finished: e.done(),
		Metrics:  e.measured.metrics(e.settings.epochs),
		Verdict:  e.measured.verdict(e.done(), e.settings.epochs),
		Data:     e.picture(),
	}
}

// progress counts pretraining as a fifth of the run.
func (e *experiment) progress() float64 {
	return 0.2*e.pretrainProgress() + 0.8*float64(e.epoch)/float64(e.settings.epochs)
}

func (e *experiment) pretrainProgress() float64 {
	var sum float64
	var n int
	for _, m := range e.members {
		if m.greedy != nil {
			sum += m.greedy.Progress()
			n++
		}
	}
	return sum / float64(max(n, 1))
}

func (e *experiment) picture() *picture {
	s := e.settings
	p := &picture{epochs: e.embed.epochs, history: append(history(nil), e.measured...),
		method: []string{"Isomap", "t-SNE"}[e.embed.method], problem: e.embed.problem,
		note:  e.embed.note,
		total: s.epochs, pretrain: e.pretrainProgress()}
	if e.embed.coords != nil {
		p.coords = mat.DenseCopyOf(e.embed.coords)
	}
	for _, m := range e.members {
		p.groups = append(p.groups, m.group)
	}
	p.setup = fmt.Sprintf("2×%d %s nets 64-%d-%d-10 · %s init · SGD %.3g · DAE %d "+
		"epochs/layer, %.0f%% masked, Adam %.3g", s.nets, s.act, s.width, s.width,
		s.initName(), s.rate, s.pretrainEpochs, 100*s.corruption, s.aeRate)
	switch {
	case !e.started:
		p.phase = fmt.Sprintf("pretraining %.0f%%", 100*p.pretrain)
	case e.epoch < s.epochs:
		p.phase = fmt.Sprintf("epoch %d of %d", e.epoch, s.epochs)
	case !e.embed.settled():
		p.phase = fmt.Sprintf("t-SNE iteration %d", e.embed.tsneIters)
	default:
		p.phase = "done"
	}
	return p
}

// initName names the starting weights in the set-up line: core's scale is
// Glorot's, or He's before rectifiers.
func (s settings) initName() string {
	if s.init == pretrain.InitCore && s.act == core.ActReLU {
		return "He"
	}
	return initNames[s.init]
}
