package tui

import "replab/scenes"

// sceneSlot is one tab: a scene, the values and seed the user chose for
// it, its runner once it has been shown, and the last state pulled.
type sceneSlot struct {
	scene    scenes.Scene
	values   scenes.Values
	seed     uint64
	selected int  // index of the chosen parameter
	playing  bool // the user wants it running while it is active
	runner   *scenes.Runner
	state    *scenes.RunState
	idleSeen bool   // the last pull found an idle runner with an unchanged state
	editing  bool   // the chosen text parameter is open for typing
	draft    string // what has been typed into it

	cacheKey  sceneCacheKey // what cacheView was drawn from
	cacheView string
	version   int // counts changes of values, for the panel's cache
	panelKey  panelCacheKey
	panelView string
}

func newSlot(sc scenes.Scene, seed uint64, playing bool) *sceneSlot {
	return &sceneSlot{scene: sc, values: scenes.LabValues(sc), seed: seed, playing: playing}
}

func (s *sceneSlot) config() scenes.Config {
	return scenes.Config{Seed: s.seed, Values: s.values.Clone()}
}

// activate starts the runner on first use and resumes it if the user had
// it playing.
func (s *sceneSlot) activate() {
	if s.runner == nil {
		s.runner = scenes.NewRunner(s.scene, s.config())
		s.state = s.runner.State()
	}
	if s.playing {
		s.runner.Play()
	}
	s.idleSeen = false
}

// deactivate pauses the runner, keeping its state and the user's wish.
func (s *sceneSlot) deactivate() {
	if s.runner != nil {
		s.runner.Pause()
	}
}

func (s *sceneSlot) close() {
	if s.runner != nil {
		s.runner.Close()
	}
}

// pull takes the runner's latest state and reports whether it is worth
// pulling again: while the runner works, or until an idle runner's state
// has been seen unchanged once (so the effect of the last command shows).
func (s *sceneSlot) pull() bool {
	if s.runner == nil {
		return false
	}
	st := s.runner.State()
	busy := st.Status == scenes.Running || st.Status == scenes.Starting
	changed := st != s.state
	s.state = st
	if busy || changed {
		s.idleSeen = false
		return true
	}
	if !s.idleSeen {
		s.idleSeen = true
		return true
	}
	return false
}

// param returns the chosen parameter, if the scene has any.
func (s *sceneSlot) param() (scenes.Param, bool) {
	if s.selected < 0 || s.selected >= len(s.scene.Params) {
		return scenes.Param{}, false
	}
	return s.scene.Params[s.selected], true
}

// togglePlay flips play and pause; on a run that has stopped (finished,
// diverged or failed) it plays a fresh run, which is what space means there.
func (s *sceneSlot) togglePlay() {
	if s.state != nil && s.state.Status.Stopped() {
		s.playing = true
		s.runner.Restart(s.config())
		s.runner.Play()
		return
	}
	s.playing = !s.playing
	if s.playing {
		s.runner.Play()
	} else {
		s.runner.Pause()
	}
}

// nudge changes the chosen parameter by dir steps: live values go to the
// experiment, the others restart it. It reports whether anything changed.
func (s *sceneSlot) nudge(dir int) bool {
	p, ok := s.param()
	if !ok || !s.values.Nudge(p, dir) {
		return false
	}
	s.version++
	if p.Live && !s.broken() {
		s.runner.Tune(s.values)
	} else {
		s.runner.Restart(s.config())
	}
	return true
}

// setText gives the chosen text parameter a new value and restarts the run
// with it; it reports whether the value changed. A value the scene cannot
// use fails the new run, whose status line says why.
func (s *sceneSlot) setText(text string) bool {
	p, ok := s.param()
	if !ok || p.Kind != scenes.Text || s.values.String(p.Name) == text {
		return false
	}
	if err := s.values.Set(s.scene.Params, p.Name, text); err != nil {
		return false
	}
	s.version++
	s.runner.Restart(s.config())
	return true
}

// stepOnce pauses a playing run and takes a single step: n means "step
// by step from here".
func (s *sceneSlot) stepOnce() {
	if s.playing {
		s.playing = false
		s.runner.Pause()
	}
	s.runner.StepOnce()
}

// broken reports a run that diverged or failed: its numbers cannot be
// tuned back to health, so any change of value starts it afresh.
func (s *sceneSlot) broken() bool {
	return s.state != nil && (s.state.Status == scenes.Diverged || s.state.Status == scenes.Failed)
}

// restart rebuilds the experiment with the current values and seed.
func (s *sceneSlot) restart() { s.runner.Restart(s.config()) }

// reseed restarts with the next seed.
func (s *sceneSlot) reseed() {
	s.seed++
	s.runner.Restart(s.config())
}
