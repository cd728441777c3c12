package tui

import (
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"replab/internal/threadcpu"
	"replab/scenes"
	"replab/scenes/catalog"
	"replab/tui/scenetest"
	"replab/tui/widgets"
)

// BenchmarkFrame measures a whole frame of the root model, View() of the
// shell and the active scene, while the scene trains: every iteration
// pulls the runner's newest state and draws it afresh (no cached scene).
func BenchmarkFrame(b *testing.B) {
	type bench struct {
		list    []scenes.Scene
		initial string
	}
	benches := map[string]bench{"wave": {scenetest.All(), "wave"}}
	for _, name := range []string{"partitions", "multitask"} {
		if _, ok := catalog.Find(name); ok {
			benches[name] = bench{catalog.All(), name}
		}
	}
	for name, bn := range benches {
		for _, size := range [][2]int{{120, 40}, {200, 60}} {
			b.Run(name+"/"+sizeName(size), func(b *testing.B) {
				benchFrame(b, bn.list, bn.initial, size[0], size[1])
			})
		}
	}
}

func benchFrame(b *testing.B, list []scenes.Scene, initial string, w, h int) {
	a, err := New(Options{Scenes: list, Initial: initial, Seed: 1,
		Theme: widgets.Fixed(termenv.TrueColor, true)})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	a.Init()
	a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	slot := a.slots[a.active]
	for slot.state == nil || !slot.state.HasSnapshot {
		a.onTick()
	}
	threadcpu.Report(b, func() {
		for b.Loop() {
			a.onTick()
			slot.cacheView = ""
			_ = a.View()
		}
	})
}

func sizeName(s [2]int) string { return fmt.Sprintf("%dx%d", s[0], s[1]) }
