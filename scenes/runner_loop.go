package scenes

import "time"

// run is the runner goroutine: build, then alternate between commands and
// steps. It blocks on the command channel whenever there is nothing to
// step, so a paused runner costs nothing.
func (l *loop) run() {
	defer close(l.runner.done)
	l.rebuild(l.cfg)
	for {
		if wait := time.Until(l.nextStep); l.canStep() && wait > 0 {
			l.waitToStep(wait)
			continue
		}
		if l.canStep() {
			select {
			case <-l.ctx.Done():
				return
			case cmd := <-l.runner.cmds:
				l.handle(cmd)
			default:
				l.step()
				if l.runner.wanted.Swap(false) {
					l.publish()
				}
			}
			continue
		}
		select {
		case <-l.ctx.Done():
			return
		case cmd := <-l.runner.cmds:
			l.handle(cmd)
		}
	}
}

// waitToStep sleeps until a paced scene may step again, still answering
// commands and cancellation.
func (l *loop) waitToStep(wait time.Duration) {
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case <-l.ctx.Done():
	case cmd := <-l.runner.cmds:
		l.handle(cmd)
	case <-timer.C:
	}
}

func (l *loop) canStep() bool {
	return l.running && l.exp != nil && !l.status.Stopped()
}

// handle runs a command and publishes the state it leaves, so that a
// paused runner's published state is always current.
func (l *loop) handle(cmd func(*loop)) {
	wasRunning := l.canStep()
	cmd(l)
	if l.canStep() && !wasRunning {
		l.rateSteps, l.rateStart, l.rate = 0, time.Now(), 0
	}
	if !l.canStep() {
		l.rate = 0
	}
	l.publish()
}

// rebuild replaces the experiment with a new one built for cfg.
func (l *loop) rebuild(cfg Config) {
	l.cfg = cfg
	l.gen++
	l.exp, l.err = nil, nil
	l.status = Paused
	exp, err := l.runner.scene.New(Config{Seed: cfg.Seed, Values: cfg.Values.Clone()})
	if err != nil {
		l.status, l.err = Failed, err
	} else {
		l.exp = exp
	}
	l.rateSteps, l.rateStart, l.rate = 0, time.Now(), 0
	l.publish()
}

// step advances the experiment once and records what happened.
func (l *loop) step() {
	if l.exp == nil || l.status.Stopped() {
		return
	}
	if pace := l.runner.scene.Pace; pace > 0 {
		l.nextStep = time.Now().Add(time.Duration(float64(time.Second) / pace))
	}
	err := l.exp.Step(l.ctx)
	if err != nil && l.ctx.Err() != nil {
		return // closing: the state no longer matters
	}
	if err != nil {
		l.status, l.err = errStatus(err), err
		if l.status == Finished {
			l.err = nil
		}
		l.rate = 0
		l.publish()
		return
	}
	l.countStep()
}

// countStep updates the steps/s figure once per quiet period, and once
// early so that a fresh run does not show zero for a whole second.
func (l *loop) countStep() {
	l.rateSteps++
	elapsed := time.Since(l.rateStart)
	if elapsed >= quietPeriod || (l.rate == 0 && elapsed >= quietPeriod/5) {
		l.rate = float64(l.rateSteps) / elapsed.Seconds()
		l.rateSteps, l.rateStart = 0, time.Now()
	}
}

// publish stores an immutable state for the UI.
func (l *loop) publish() {
	status := l.status
	if !status.Stopped() {
		status = Paused
		if l.running {
			status = Running
		}
	}
	st := &RunState{
		Status:      status,
		Err:         l.err,
		StepsPerSec: l.rate,
		Seed:        l.cfg.Seed,
		Values:      l.cfg.Values.Clone(),
		Generation:  l.gen,
	}
	if l.exp != nil {
		st.Snapshot, st.HasSnapshot = l.exp.Snapshot(), true
	}
	l.runner.state.Store(st)
}
