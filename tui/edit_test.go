package tui

import (
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"go.uber.org/goleak"

	"replab/scenes"
	"replab/tui/scenetest"
	"replab/tui/widgets"
)

// A text parameter is typed in the panel: every printable key, q included,
// goes into the value; esc leaves the value alone; enter applies it and
// restarts, and a value the scene refuses fails the run with its reason,
// which another value then mends.
func TestTypingATextParameter(t *testing.T) {
	defer goleak.VerifyNone(t, leakOptions...)
	a := newTestApp(t, 80, 24, widgets.Plain())
	defer a.Close()
	slot := chooseParam(a, "note")
	gen := slot.runner.State().Generation
	_ = a.View() // drawn once before typing, so a stale help bar would show

	a.Update(press("right")) // ← or → opens a text parameter, like enter
	for _, k := range []string{"q", "u", "i", "t", "x"} {
		a.Update(press(k))
	}
	a.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	if !slot.editing || slot.draft != "quit" {
		t.Fatalf("editing %v, draft %q; want an open %q", slot.editing, slot.draft, "quit")
	}
	if view := a.View(); !strings.Contains(view, "quit▏") || !strings.Contains(view, "esc cancel") {
		t.Fatalf("the panel or the help bar does not show the open value:\n%s", view)
	}
	a.Update(press("esc"))
	if slot.editing || slot.values.String("note") != "" {
		t.Fatalf("esc left editing %v, note %q", slot.editing, slot.values.String("note"))
	}

	a.Update(tea.KeyMsg{Type: tea.KeyEnter})
	a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("fa\nil"), Paste: true})
	a.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if got := slot.values.String("note"); got != "fail" {
		t.Fatalf("note %q after typing fail, want fail (control characters dropped)", got)
	}
	settle(t, a, func(s *scenes.RunState) bool { return s.Status == scenes.Failed })
	if status := a.viewStatus(); !strings.Contains(status, "asked to fail") {
		t.Fatalf("status %q does not say why the run failed", status)
	}

	a.Update(tea.KeyMsg{Type: tea.KeyEnter})
	a.Update(tea.KeyMsg{Type: tea.KeyCtrlU})
	a.Update(tea.KeyMsg{Type: tea.KeyEnter})
	settle(t, a, func(s *scenes.RunState) bool {
		return s.Status != scenes.Failed && s.Values.String("note") == "" && s.Generation > gen+1
	})
}

// A text value longer than the panel keeps its label and shows its end.
func TestLongTextValueFitsItsRow(t *testing.T) {
	defer goleak.VerifyNone(t, leakOptions...)
	a := newTestApp(t, 80, 24, widgets.Plain())
	defer a.Close()
	chooseParam(a, "note")
	a.Update(tea.KeyMsg{Type: tea.KeyEnter})
	a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(strings.Repeat("a/", 40) + "end.csv")})
	a.Update(tea.KeyMsg{Type: tea.KeyEnter})
	view := a.View()
	requireScreen(t, view, 80, 24)
	var row string
	for _, line := range strings.Split(view, "\n") {
		if strings.Contains(line, "▸") {
			row = line
		}
	}
	if !strings.Contains(row, "note") || !strings.Contains(row, "…") ||
		!strings.Contains(row, "end.csv") {
		t.Fatalf("the row of a long value lost its label or its end: %q", row)
	}
}

// chooseParam presses down until the active scene's named parameter is
// chosen, and returns the scene's slot.
func chooseParam(a *App, name string) *sceneSlot {
	slot := a.slots[a.active]
	for slot.scene.Params[slot.selected].Name != name {
		a.Update(press("down"))
	}
	return slot
}

func TestTailFitsCells(t *testing.T) {
	for _, tt := range []struct {
		s    string
		n    int
		want string
	}{
		{"data.csv", 10, "data.csv"},
		{"a/b/data.csv", 9, "…data.csv"},
		{"表表表表", 5, "…表表"},
	} {
		if got := tail(tt.s, tt.n); got != tt.want {
			t.Errorf("tail(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}

// A scene that could not be built says why in its area, the reason wrapped
// and indented under the same margin, whatever its length.
func TestFailedBuildIsExplainedInTheSceneArea(t *testing.T) {
	a := newTestApp(t, 80, 24, widgets.Plain())
	defer a.Close()
	reason := "pretraining: data=/a/long/path/to/somebody's/file.csv needs target=COLUMN " +
		"naming the column to predict"
	slot := &sceneSlot{scene: scenetest.Wave,
		state: &scenes.RunState{Status: scenes.Failed, Err: errors.New(reason)}}
	view := a.drawScene(slot, 40, 12)
	requireScreen(t, view, 40, 12)
	var text []string
	for _, line := range strings.Split(view, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		if !strings.HasPrefix(line, "  ") {
			t.Errorf("line %q leaves the margin", line)
		}
		text = append(text, strings.TrimSpace(line))
	}
	squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
	got := strings.Join(text, " ")
	if !strings.Contains(squeeze(got), squeeze("could not start: "+reason)) {
		t.Errorf("the reason is not all there: %q", got)
	}
}
