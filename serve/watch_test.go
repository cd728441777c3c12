package serve

import (
	"context"
	"io"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/log"
)

// stillModel draws one line and waits.
type stillModel struct{}

func (stillModel) Init() tea.Cmd                       { return nil }
func (stillModel) Update(tea.Msg) (tea.Model, tea.Cmd) { return stillModel{}, nil }
func (stillModel) View() string                        { return "a lab nobody reads" }

// TestStuckSessionIsCut: a session whose client stopped reading cannot
// draw, so its program cannot end when the time limit asks it to; after
// the grace period its connection is cut, and the lab ends.
func TestStuckSessionIsCut(t *testing.T) {
	s := &Server{cfg: Config{MaxSessionTime: 20 * time.Millisecond}, log: log.New(io.Discard),
		quit: make(chan struct{}), quitGrace: 50 * time.Millisecond}
	unread, stuck := io.Pipe() // writes block: nobody reads
	program := tea.NewProgram(stillModel{}, tea.WithInput(nil), tea.WithOutput(stuck),
		tea.WithoutSignalHandler())

	var cuts atomic.Int32
	finished := make(chan struct{})
	ended := make(chan endReason, 1)
	go s.watch(labWatch{conn: context.Background(), finished: finished, program: program,
		cut: func() { cuts.Add(1); stuck.CloseWithError(io.ErrClosedPipe) }}, ended)
	_, _ = program.Run()
	close(finished)

	if reason := <-ended; reason != endTimeLimit {
		t.Errorf("ended for %q, want %q", reason, endTimeLimit)
	}
	if cuts.Load() != 1 {
		t.Errorf("connection cut %d times, want once", cuts.Load())
	}
	unread.Close()
}
