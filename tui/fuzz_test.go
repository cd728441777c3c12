package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"replab/scenes"
	"replab/tui/scenetest"
	"replab/tui/widgets"
)

// FuzzKeys feeds arbitrary key sequences and window sizes to the shell:
// nothing may panic and every frame of a full layout keeps its exact size.
func FuzzKeys(f *testing.F) {
	f.Add("n n r s ? tab 2 right right down left q", 80, 24)
	f.Add("\x00\x1b[A€ 9 0 -+=?", 1, 1)
	f.Add("tab shift+tab up up up down", 200, 60)
	f.Add("down down down down down enter fail enter", 80, 24)
	f.Fuzz(func(t *testing.T, keys string, w, h int) {
		w, h = w%400, h%200
		a := newTestApp(t, w, h, widgets.Plain())
		defer a.Close()
		for _, r := range keys {
			a.Update(press(string(r)))
			a.Update(press(namedKey(r)))
			if w >= MinWidth && h >= MinHeight {
				requireScreen(t, a.View(), w, h)
			} else {
				_ = a.View()
			}
		}
	})
}

// namedKey maps some runes to named keys, so the fuzzer reaches them too.
func namedKey(r rune) string {
	names := []string{"tab", "shift+tab", "up", "down", "left", "right", "space", "esc",
		"enter", "backspace"}
	return names[int(r)%len(names)]
}

func TestFuzzKeysSkipsQuit(t *testing.T) {
	// "q" quits: Update returns tea.Quit and closes the runners; later
	// keys must still be harmless.
	a := newTestApp(t, 80, 24, widgets.Plain())
	_, cmd := a.Update(press("q"))
	if cmd == nil {
		t.Fatal("q must quit")
	}
	a.Update(press("n"))
	a.Update(press("r"))
	a.Update(tea.WindowSizeMsg{Width: 90, Height: 30})
	requireScreen(t, a.View(), 90, 30)
}

func TestKeysAfterCloseBeforeInit(t *testing.T) {
	a, err := New(Options{Scenes: []scenes.Scene{scenetest.Wave}, Theme: widgets.Plain()})
	if err != nil {
		t.Fatal(err)
	}
	a.Update(press("q"))
	for _, k := range []string{"n", "space", "r", "s", "right", "tab"} {
		a.Update(press(k))
	}
}
