package pretraining

import (
	"fmt"
	"math"

	"replab/core"
	"replab/scenes"
)

// tieTolerance is the mean harm (in R² or accuracy) within which a task
// counts as neither hurt nor helped: half a percentage point, about one
// test example of the smallest sets averaged over ten seeds.
const tieTolerance = 0.005

const claim = "greedy unsupervised pretraining usually hurts, but sometimes helps"

// column is one task's results so far.
type column struct {
	name          string
	chem          bool
	regression    bool
	harms         []float64 // score without − score with, one per finished pair
	with, without []float64 // the scores themselves
	planned       int
	failed        int
	mean          float64 // mean harm, NaN before the first pair
}

// measurement is the sweep's state reduced to what the figure and the
// verdict need.
type measurement struct {
	columns               []column
	meanHarm              float64 // mean over tasks of each task's mean harm
	hurt, helped, tied    int
	done, total, failures int
}

func (e *experiment) measure() measurement {
	m := measurement{total: len(e.queue), meanHarm: math.NaN()}
	var sum float64
	var measured int
	for i, t := range e.tasks {
		c := column{name: t.name, chem: t.chem, regression: t.classes == 0,
			planned: t.seeds, mean: math.NaN()}
		for _, p := range e.finished[i] {
			m.done++
			if p.failure != nil {
				c.failed++
				m.failures++
				continue
			}
			c.harms = append(c.harms, p.harm())
			c.with, c.without = append(c.with, p.scoreWith), append(c.without, p.scoreWithout)
		}
		if len(c.harms) > 0 {
			c.mean = mean(c.harms)
			sum += c.mean
			measured++
			m.count(c.mean)
		}
		m.columns = append(m.columns, c)
	}
	if measured > 0 {
		m.meanHarm = sum / float64(measured)
	}
	return m
}

// count files a task's mean harm as hurt, helped or tied.
func (m *measurement) count(harm float64) {
	switch {
	case harm > tieTolerance:
		m.hurt++
	case harm < -tieTolerance:
		m.helped++
	default:
		m.tied++
	}
}

func mean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func (m measurement) metrics() map[string]any {
	byTask := map[string]any{}
	for _, c := range m.columns {
		byTask[c.name] = append([]float64{}, c.harms...)
	}
	return map[string]any{
		"harm_by_task": byTask,
		"mean_harm":    jsonNumber(m.meanHarm),
		"tasks_hurt":   m.hurt,
		"tasks_helped": m.helped,
		"tasks_tied":   m.tied,
		"pairs_done":   m.done,
		"pairs_total":  m.total,
		"pairs_failed": m.failures,
	}
}

// jsonNumber turns a not-yet-measured NaN into null for JSON.
func jsonNumber(x float64) any {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return x
}

// verdict checks the claim on the finished sweep: pretraining costs score
// on average over the tasks, and at least one task gains from it.
func (m measurement) verdict(finished bool, act core.Activation) scenes.Verdict {
	v := scenes.Verdict{Claim: claim}
	if math.IsNaN(m.meanHarm) {
		v.Detail = fmt.Sprintf("no pair finished yet (0 of %d)", m.total)
		return v
	}
	v.Detail = fmt.Sprintf("%s: mean harm %+.3f over %d tasks; pretraining hurt %d, "+
		"helped %d, tied %d (±%.3g)", act, m.meanHarm, m.hurt+m.helped+m.tied,
		m.hurt, m.helped, m.tied, tieTolerance)
	switch {
	case m.meanHarm <= 0:
		v.Detail += "; on average pretraining did not hurt"
	case m.helped == 0:
		v.Detail += "; it helped on no task"
	}
	if m.failures > 0 {
		v.Detail += fmt.Sprintf("; %d pairs diverged and are left out", m.failures)
	}
	if !finished {
		v.Detail += fmt.Sprintf("; sweep running (%d of %d pairs)", m.done, m.total)
	}
	v.Reproduced = finished && m.meanHarm > 0 && m.helped > 0
	return v
}

// picture is the snapshot's payload for the view; nothing in it changes
// after it is handed out.
type picture struct {
	columns  []column
	meanHarm float64
	live     []string // one line per pair being trained
	setup    string
	done     int
	total    int
}

func (e *experiment) picture(m measurement) *picture {
	p := &picture{columns: m.columns, meanHarm: m.meanHarm, done: m.done, total: m.total}
	s := e.settings
	p.setup = fmt.Sprintf("%s %d×%d · DAE %d epochs/layer, %.0f%% masked · %d fine-tune steps",
		s.act, s.width, s.depth, s.pretrainEpochs, 100*s.corruption, s.budget)
	for _, a := range e.active {
		p.live = append(p.live, fmt.Sprintf("%s seed %d: %s (%.0f%%)",
			a.task.name, a.seed+1, a.phase(), 100*a.progress()))
	}
	return p
}
