package tui

import (
	"bytes"
	"io"
	"regexp"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"go.uber.org/goleak"

	"replab/tui/scenetest"
	"replab/tui/widgets"
)

// leakOptions ignore the goroutine teatest leaves waiting for an interrupt
// (and the signal loop it starts); any other goroutine left behind, such as
// a runner's, fails the test.
var leakOptions = []goleak.Option{
	goleak.IgnoreTopFunction("github.com/charmbracelet/x/exp/teatest.NewTestModel.func2"),
	goleak.IgnoreTopFunction("os/signal.signal_recv"),
}

// waitOutput waits until the program's output matches pattern. teatest's
// WaitFor consumes what it reads, so each wait looks at new output only.
func waitOutput(t *testing.T, tm *teatest.TestModel, pattern string) {
	t.Helper()
	re := regexp.MustCompile(pattern)
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return re.Match(b) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
}

// TestProgramEndToEnd drives the real program the way a user would: it
// steps, tunes, plays, pauses, restarts, switches scenes and quits, and
// checks that quitting leaves no goroutine behind.
func TestProgramEndToEnd(t *testing.T) {
	defer goleak.VerifyNone(t, leakOptions...)
	app, err := New(Options{Scenes: scenetest.All(), Seed: 1, Paused: true, Theme: widgets.Plain()})
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(100, 30))
	waitOutput(t, tm, `paused.*step 0 `)

	tm.Send(press("n"))
	waitOutput(t, tm, `step 1 `)

	tm.Send(press("right")) // speed is live: the experiment is tuned, not rebuilt
	waitOutput(t, tm, `speed 0\.4\s+tunes 1`)

	tm.Send(press("space"))
	waitOutput(t, tm, `running`)
	tm.Send(press("space"))
	waitOutput(t, tm, `paused`)

	tm.Send(press("r"))
	waitOutput(t, tm, `step 0 `)
	tm.Send(press("s"))
	waitOutput(t, tm, `seed 2`)

	tm.Send(press("tab"))
	waitOutput(t, tm, `grid at step 0`)
	tm.Send(press("?"))
	waitOutput(t, tm, `help: grid`)
	tm.Send(press("esc"))
	tm.Send(press("1"))
	waitOutput(t, tm, `speed 0\.4`)

	tm.Send(press("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	final := tm.FinalModel(t).(*App)
	wave := final.slots[0]
	if !final.closed.Load() || wave.seed != 2 || wave.values.Float("speed") != 0.4 {
		t.Fatalf("final model: closed %v seed %d speed %v", final.closed.Load(), wave.seed,
			wave.values.Float("speed"))
	}
}

// TestProgramSurvivesNonsense feeds random keys, mouse events and sizes,
// including tiny ones, then quits with ctrl+c.
func TestProgramSurvivesNonsense(t *testing.T) {
	defer goleak.VerifyNone(t, leakOptions...)
	app, err := New(Options{Scenes: scenetest.All(), Seed: 1, Theme: widgets.Plain()})
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(80, 24))
	inputs := []tea.Msg{
		tea.WindowSizeMsg{Width: 1, Height: 1}, press("x"), press("right"),
		tea.WindowSizeMsg{Width: 0, Height: 0}, press("tab"), press("n"),
		tea.MouseMsg{X: -5, Y: 900, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft},
		tea.WindowSizeMsg{Width: 300, Height: 90}, press("€"), press("9"), press("left"),
		tea.MouseMsg{X: 3, Y: 0, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft},
		tea.MouseMsg{X: 90, Y: 5, Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown},
		tea.WindowSizeMsg{Width: 80, Height: 24}, press("?"), press("?"),
	}
	for _, msg := range inputs {
		tm.Send(msg)
	}
	waitOutput(t, tm, `steps/s|step \d+`)
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	out, err := io.ReadAll(tm.FinalOutput(t))
	if err != nil || bytes.Contains(out, []byte("panic")) {
		t.Fatalf("final output: err %v, panic in %q", err, out)
	}
}
