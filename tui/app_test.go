package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"go.uber.org/goleak"

	"replab/scenes"
	"replab/tui/scenetest"
	"replab/tui/widgets"
)

// newTestApp builds an app on the test scenes, paused, sized and started.
func newTestApp(t testing.TB, w, h int, theme *widgets.Theme) *App {
	t.Helper()
	a, err := New(Options{Scenes: scenetest.All(), Seed: 1, Paused: true, Theme: theme})
	if err != nil {
		t.Fatal(err)
	}
	a.Init()
	a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return a
}

// settle pulls the active runner's state until it stops changing.
func settle(t testing.TB, a *App, cond func(*scenes.RunState) bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		a.onTick()
		if st := a.slots[a.active].state; st != nil && cond(st) {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatalf("state never settled: %+v", a.slots[a.active].state)
}

func requireScreen(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Fatalf("%d×%d: view has %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if got := ansi.StringWidth(l); got != w {
			t.Fatalf("%d×%d: line %d is %d wide: %q", w, h, i, got, l)
		}
	}
}

func TestViewAtEverySize(t *testing.T) {
	defer goleak.VerifyNone(t, leakOptions...)
	for _, p := range []termenv.Profile{termenv.Ascii, termenv.TrueColor} {
		a := newTestApp(t, 80, 24, widgets.Fixed(p, p == termenv.Ascii))
		settle(t, a, func(s *scenes.RunState) bool { return s.HasSnapshot })
		sizes := [][2]int{{80, 24}, {81, 25}, {120, 40}, {200, 60}, {600, 300}, {2000, 1000}}
		for _, sz := range sizes {
			a.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			requireScreen(t, a.View(), sz[0], sz[1])
			a.helpOpen = true
			requireScreen(t, a.View(), sz[0], sz[1])
			a.helpOpen = false
		}
		a.Close()
	}
}

func TestTooSmallTerminal(t *testing.T) {
	defer goleak.VerifyNone(t, leakOptions...)
	a := newTestApp(t, 80, 24, widgets.Plain())
	defer a.Close()
	tests := []struct {
		w, h int
		want string
	}{
		{0, 0, ""}, {1, 1, "t"}, {-3, 5, ""}, {79, 24, "terminal too small (need 80×24)"},
		{80, 23, "terminal too small (need 80×24)"}, {10, 100, "terminal t"},
	}
	for _, tt := range tests {
		a.Update(tea.WindowSizeMsg{Width: tt.w, Height: tt.h})
		got := strings.TrimRight(a.View(), " ")
		if got != strings.TrimRight(tt.want, " ") {
			t.Errorf("%d×%d: got %q, want %q", tt.w, tt.h, got, tt.want)
		}
		a.Update(tea.MouseMsg{X: 1, Y: 0, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
		a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("?")})
	}
}

func press(s string) tea.KeyMsg {
	switch s {
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "space":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune(" ")}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

func TestKeysSwitchAndSelect(t *testing.T) {
	defer goleak.VerifyNone(t, leakOptions...)
	a := newTestApp(t, 80, 24, widgets.Plain())
	defer a.Close()
	steps := []struct {
		key         string
		active, sel int
	}{
		{"tab", 1, 0}, {"tab", 0, 0}, {"shift+tab", 1, 0}, {"1", 0, 0}, {"9", 0, 0},
		{"2", 1, 0}, {"down", 1, 1}, {"down", 1, 2}, {"up", 1, 1}, {"up", 1, 0}, {"up", 1, 0},
		{"1", 0, 0},
	}
	for i, s := range steps {
		a.Update(press(s.key))
		if a.active != s.active || a.slots[a.active].selected != s.sel {
			t.Fatalf("step %d (%s): active %d param %d, want %d %d", i, s.key, a.active,
				a.slots[a.active].selected, s.active, s.sel)
		}
	}
	for range 40 { // past the last parameter stays on it
		a.Update(press("down"))
	}
	if got, want := a.slots[0].selected, len(scenetest.Wave.Params)-1; got != want {
		t.Fatalf("selection ran to %d, want %d", got, want)
	}
}

func TestNudgeStaysInRangeAndTunesOrRestarts(t *testing.T) {
	defer goleak.VerifyNone(t, leakOptions...)
	a := newTestApp(t, 80, 24, widgets.Plain())
	defer a.Close()
	slot := a.slots[0]
	_ = a.View()   // draw once, so the panel below must not come from a stale cache
	for range 20 { // speed is live, 0.05…3.2, ×2 per step
		a.Update(press("right"))
	}
	if got := slot.values.Float("speed"); got != 3.2 {
		t.Fatalf("speed went to %v, want its maximum 3.2", got)
	}
	if row := strings.Split(a.View(), "\n")[3]; !strings.Contains(row, "speed            3.2") {
		t.Fatalf("the panel does not show the new value: %q", row)
	}
	settle(t, a, func(s *scenes.RunState) bool {
		d, _ := s.Snapshot.Data.(scenetest.WaveData)
		return d.Values.Float("speed") == 3.2 && s.Generation == 1
	})
	a.Update(press("down")) // budget: a restart parameter
	a.Update(press("-"))
	settle(t, a, func(s *scenes.RunState) bool {
		return s.Generation == 2 && s.Values.Int("budget") == 100
	})
}

func TestMouseClicksTabsAndParameters(t *testing.T) {
	defer goleak.VerifyNone(t, leakOptions...)
	a := newTestApp(t, 100, 30, widgets.Plain())
	defer a.Close()
	lay := a.layout()
	click := func(x, y int) {
		a.Update(tea.MouseMsg{X: x, Y: y, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	}
	click(lay.tabs[1].from+1, tabRow)
	if a.active != 1 {
		t.Fatalf("clicking tab 2 left scene %d active", a.active)
	}
	lay = a.layout()
	click(lay.panelX+3, lay.paramTop+2)
	if a.slots[1].selected != 2 {
		t.Fatalf("clicking the third parameter selected %d", a.slots[1].selected)
	}
	click(lay.panelX+3, lay.paramTop+lay.paramRows+3) // below the list: nothing
	click(0, 10)                                      // in the scene: nothing
	if a.active != 1 || a.slots[1].selected != 2 {
		t.Fatal("clicks outside tabs and parameters changed something")
	}
}

func TestSwitchingAwayPausesAndBackResumes(t *testing.T) {
	defer goleak.VerifyNone(t, leakOptions...)
	a := newTestApp(t, 80, 24, widgets.Plain())
	defer a.Close()
	a.Update(press("space"))
	settle(t, a, func(s *scenes.RunState) bool { return s.Status == scenes.Running })
	a.Update(press("tab"))
	wave := a.slots[0]
	deadline := time.Now().Add(10 * time.Second)
	for wave.runner.State().Status != scenes.Paused && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if st := wave.runner.State(); st.Status != scenes.Paused {
		t.Fatalf("the scene switched away from is %v, want paused", st.Status)
	}
	a.Update(press("shift+tab"))
	settle(t, a, func(s *scenes.RunState) bool { return s.Status == scenes.Running })
}

func TestDivergenceShowsRestartKey(t *testing.T) {
	defer goleak.VerifyNone(t, leakOptions...)
	a, err := New(Options{Scenes: scenetest.All(), Seed: 1, Theme: widgets.Plain()})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	a.slots[0].values.Num["diverge"] = 3
	a.Init()
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	settle(t, a, func(s *scenes.RunState) bool { return s.Status == scenes.Diverged })
	status := a.viewStatus()
	for _, want := range []string{"diverged", "press r to restart"} {
		if !strings.Contains(status, want) {
			t.Fatalf("status line %q lacks %q", status, want)
		}
	}
	a.Update(press("right")) // speed is live, but a diverged run starts afresh
	settle(t, a, func(s *scenes.RunState) bool {
		return s.Generation == 2 && s.Values.Float("speed") == 0.4
	})
}

func TestNewRejectsBadOptions(t *testing.T) {
	if _, err := New(Options{}); err == nil {
		t.Fatal("no scenes: want an error")
	}
	_, err := New(Options{Scenes: scenetest.All(), Initial: "nope"})
	if err == nil || !strings.Contains(err.Error(), "wave, grid") {
		t.Fatalf("unknown initial scene: got %v, want the allowed names", err)
	}
}

func TestTickingStopsWhenIdle(t *testing.T) {
	defer goleak.VerifyNone(t, leakOptions...)
	a := newTestApp(t, 80, 24, widgets.Plain())
	defer a.Close()
	settle(t, a, func(s *scenes.RunState) bool { return s.HasSnapshot })
	a.ticking = false
	stopped := false
	for range 5 { // an idle runner's state is pulled at most twice more
		if a.onTick() == nil {
			stopped = true
			break
		}
	}
	if !stopped {
		t.Fatal("the tick kept going for an idle, paused scene")
	}
	if cmd := a.onKey(press("n")); cmd == nil {
		t.Fatal("a key that acts on the experiment must restart the tick")
	}
}

func TestTabsShrinkToFit(t *testing.T) {
	defer goleak.VerifyNone(t, leakOptions...)
	names := []string{"partitions", "mixture", "multitask", "zeroshot", "salience", "gan",
		"pretraining", "trajectories"}
	var list []scenes.Scene
	for _, n := range names {
		sc := scenetest.Wave
		sc.Name, sc.Figure = n, "15.7, 15.8"
		list = append(list, sc)
	}
	a, err := New(Options{Scenes: list, Initial: "salience", Paused: true, Theme: widgets.Plain()})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	for _, w := range []int{80, 120, 250} {
		a.Update(tea.WindowSizeMsg{Width: w, Height: 24})
		spans := a.tabSpans()
		if last := spans[len(spans)-1]; last.to > w {
			t.Fatalf("width %d: tabs run to column %d", w, last.to)
		}
		if got := spans[a.active].label; got != "5 salience 15.7, 15.8" {
			t.Fatalf("width %d: active tab shows %q, want name and figure", w, got)
		}
		row := strings.Split(a.View(), "\n")[0]
		if !strings.Contains(row, "5 salience 15.7, 15.8") {
			t.Fatalf("width %d: header %q lacks the active tab", w, row)
		}
	}
}

func TestSceneAreaMatchesLayout(t *testing.T) {
	if w, h := SceneArea(80, 24); w != 54 || h != 20 {
		t.Fatalf("SceneArea(80, 24) = %d×%d, want 54×20 as documented", w, h)
	}
	a := newTestApp(t, 137, 51, widgets.Plain())
	defer a.Close()
	lay := a.layout()
	if w, h := SceneArea(137, 51); w != lay.sceneW || h != lay.bodyH {
		t.Fatalf("SceneArea %d×%d, layout %d×%d", w, h, lay.sceneW, lay.bodyH)
	}
}

// A host may close the app from its own goroutine while the program is
// still handling keys; with -race this checks they do not collide.
func TestCloseFromAnotherGoroutine(t *testing.T) {
	defer goleak.VerifyNone(t, leakOptions...)
	a := newTestApp(t, 80, 24, widgets.Plain())
	done := make(chan struct{})
	go func() {
		defer close(done)
		a.Close()
	}()
	for _, k := range []string{"tab", "n", "space", "tab", "r", "2", "1"} {
		a.Update(press(k))
	}
	<-done
	a.Close()
}

func TestSpaceOnAFinishedRunPlaysAFreshOne(t *testing.T) {
	defer goleak.VerifyNone(t, leakOptions...)
	a := newTestApp(t, 80, 24, widgets.Plain())
	defer a.Close()
	a.slots[0].values.Num["budget"] = 2
	a.Update(press("r"))
	a.Update(press("n"))
	a.Update(press("n"))
	a.Update(press("n")) // the third step finds the budget spent
	settle(t, a, func(s *scenes.RunState) bool { return s.Status == scenes.Finished })
	a.Update(press("space"))
	settle(t, a, func(s *scenes.RunState) bool { return s.Generation == 3 })
	if !a.slots[0].playing {
		t.Fatal("space on a finished run should play the fresh run")
	}
}

func TestBrokenViewAndNoParameters(t *testing.T) {
	defer goleak.VerifyNone(t, leakOptions...)
	broken := scenetest.Wave
	broken.Name, broken.Params = "broken", nil
	broken.View = func(scenes.Snapshot, int, int, *widgets.Theme) string { panic("oops") }
	a, err := New(Options{Scenes: []scenes.Scene{broken}, Paused: true, Theme: widgets.Plain()})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	a.Init()
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	settle(t, a, func(s *scenes.RunState) bool { return s.HasSnapshot })
	for _, k := range []string{"up", "down", "left", "right", "n"} {
		a.Update(press(k))
	}
	view := a.View()
	requireScreen(t, view, 80, 24)
	for _, want := range []string{"the broken view failed: oops", "no parameters"} {
		if !strings.Contains(view, want) {
			t.Fatalf("view lacks %q:\n%s", want, view)
		}
	}
}

func TestStepKeyPausesARunningScene(t *testing.T) {
	defer goleak.VerifyNone(t, leakOptions...)
	a := newTestApp(t, 80, 24, widgets.Plain())
	defer a.Close()
	a.Update(press("space"))
	settle(t, a, func(s *scenes.RunState) bool { return s.Status == scenes.Running })
	a.Update(press("n"))
	settle(t, a, func(s *scenes.RunState) bool { return s.Status == scenes.Paused })
	// n sent a pause and then a step: wait until both are carried out (no
	// new state for a while) before counting, or the step could land after
	// the count and look like the second n's.
	before := quiet(t, a).Snapshot.Step
	a.Update(press("n"))
	settle(t, a, func(s *scenes.RunState) bool { return s.Snapshot.Step == before+1 })
	if after := quiet(t, a).Snapshot.Step; after != before+1 {
		t.Fatalf("one n on a paused scene took %d steps", after-before)
	}
}

// quiet pulls the active runner's state until it has stayed the same for
// a tenth of a second, long after any command sent has been carried out,
// and returns it.
func quiet(t testing.TB, a *App) *scenes.RunState {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	a.onTick()
	last, since := a.slots[a.active].state, time.Now()
	for time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
		a.onTick()
		if st := a.slots[a.active].state; st != last {
			last, since = st, time.Now()
		} else if time.Since(since) >= 100*time.Millisecond {
			return last
		}
	}
	t.Fatalf("state never stayed still: %+v", last)
	return nil
}

// The help screen says what has been measured of the claim so far, in the
// scene's own words, next to the claim itself.
func TestHelpShowsTheMeasuredVerdict(t *testing.T) {
	defer goleak.VerifyNone(t, leakOptions...)
	a := newTestApp(t, 120, 40, widgets.Plain())
	defer a.Close()
	a.slots[0].values.Num["budget"] = 2
	a.Update(press("r"))
	a.Update(press("n"))
	settle(t, a, func(s *scenes.RunState) bool { return s.HasSnapshot && s.Snapshot.Step == 1 })
	a.Update(press("?"))
	view := a.View()
	if !strings.Contains(view, "Measured") || !strings.Contains(view, "1 of 2 points") {
		t.Fatalf("help lacks the measured verdict:\n%s", view)
	}
	a.Update(press("n"))
	a.Update(press("n"))
	settle(t, a, func(s *scenes.RunState) bool { return s.Status == scenes.Finished })
	view = a.View()
	if !strings.Contains(view, "2 of 2 points") || !strings.Contains(view, "✓ reproduced") {
		t.Fatalf("help lacks the final verdict:\n%s", view)
	}
}
