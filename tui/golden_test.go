package tui

import (
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"go.uber.org/goleak"

	"replab/scenes"
	"replab/tui/widgets"
)

// TestShellGolden keeps the whole screen, chrome and scene, at the
// smallest full layout and a larger one, without colour, after three
// single steps (so nothing depends on timing).
func TestShellGolden(t *testing.T) {
	defer goleak.VerifyNone(t, leakOptions...)
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			a := newTestApp(t, size[0], size[1], widgets.Plain())
			defer a.Close()
			for range 3 {
				a.Update(press("n"))
			}
			settle(t, a, func(s *scenes.RunState) bool { return s.Snapshot.Step == 3 })
			a.Update(press("down"))
			requireScreen(t, a.View(), size[0], size[1])
			golden.RequireEqual(t, []byte(a.View()))
			a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("?")})
		})
	}
}
