package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// onKey handles the keys every scene shares.
func (a *App) onKey(msg tea.KeyMsg) tea.Cmd {
	if a.editing() {
		return a.onEditKey(msg)
	}
	k := a.keys
	switch {
	case key.Matches(msg, k.Quit):
		a.Close()
		return tea.Quit
	case key.Matches(msg, k.Help):
		a.helpOpen = !a.helpOpen
		return nil
	case key.Matches(msg, k.Close):
		a.helpOpen = false
		return nil
	case key.Matches(msg, k.Next):
		return a.switchTo(a.active + 1)
	case key.Matches(msg, k.Prev):
		return a.switchTo(a.active - 1)
	case key.Matches(msg, k.Jump):
		return a.jump(msg.String())
	}
	return a.onSceneKey(msg)
}

// onSceneKey handles the keys that act on the active scene's experiment.
func (a *App) onSceneKey(msg tea.KeyMsg) tea.Cmd {
	k, slot := a.keys, a.slots[a.active]
	if slot.runner == nil {
		a.activate(a.active) // a key before Init: start the scene first
	}
	if slot.runner == nil {
		return nil // closed before it ever started
	}
	switch {
	case key.Matches(msg, k.Play):
		slot.togglePlay()
	case key.Matches(msg, k.Step):
		slot.stepOnce()
	case key.Matches(msg, k.Restart):
		slot.restart()
		a.log.Info("restart", "scene", slot.scene.Name, "seed", slot.seed)
	case key.Matches(msg, k.Seed):
		slot.reseed()
		a.log.Info("new seed", "scene", slot.scene.Name, "seed", slot.seed)
	case key.Matches(msg, k.Up):
		a.selectParam(slot.selected - 1)
		return nil
	case key.Matches(msg, k.Down):
		a.selectParam(slot.selected + 1)
		return nil
	case key.Matches(msg, k.Edit):
		a.startEdit()
		return nil
	case key.Matches(msg, k.Less), key.Matches(msg, k.More):
		dir := 1
		if key.Matches(msg, k.Less) {
			dir = -1
		}
		if !slot.nudge(dir) && a.startEdit() {
			return nil
		}
	default:
		return nil
	}
	slot.idleSeen = false
	return a.ensureTick()
}

// switchTo activates scene i, wrapping around at both ends.
func (a *App) switchTo(i int) tea.Cmd {
	n := len(a.slots)
	i = ((i % n) + n) % n
	if i == a.active {
		return nil
	}
	a.activate(i)
	return a.ensureTick()
}

// jump handles the digit keys; a digit past the last scene does nothing.
func (a *App) jump(digit string) tea.Cmd {
	if len(digit) != 1 {
		return nil
	}
	i := int(digit[0] - '1')
	if i < 0 || i >= len(a.slots) {
		return nil
	}
	return a.switchTo(i)
}

// selectParam chooses a parameter, clamped to the list.
func (a *App) selectParam(i int) {
	slot := a.slots[a.active]
	if n := len(slot.scene.Params); n > 0 {
		slot.selected = max(0, min(n-1, i))
	}
}

// onMouse handles a left click on a tab or on a parameter's row, and the
// wheel over the parameter panel.
func (a *App) onMouse(msg tea.MouseMsg) tea.Cmd {
	if a.tooSmall() || a.editing() {
		return nil
	}
	lay := a.layout()
	if msg.Action != tea.MouseActionPress {
		return nil
	}
	switch msg.Button {
	case tea.MouseButtonLeft:
		if i, ok := lay.tabAt(msg.X, msg.Y); ok {
			return a.switchTo(i)
		}
		if i, ok := lay.paramAt(msg.X, msg.Y); ok {
			a.selectParam(i)
		}
	case tea.MouseButtonWheelUp, tea.MouseButtonWheelDown:
		if lay.inPanel(msg.X, msg.Y) {
			dir := 1
			if msg.Button == tea.MouseButtonWheelUp {
				dir = -1
			}
			a.selectParam(a.slots[a.active].selected + dir)
		}
	}
	return nil
}
