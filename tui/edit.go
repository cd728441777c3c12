package tui

import (
	"unicode"

	tea "github.com/charmbracelet/bubbletea"

	"replab/scenes"
)

// Text parameters (a data file's path, the classes to hold out) are typed
// in the panel: enter, ← or → on one opens its value, enter applies it,
// which restarts the run, and esc leaves it as it was. While a value is
// open every printable key types into it; ctrl+c still quits.

// maxDraft is the longest value the panel accepts, in runes.
const maxDraft = 256

// startEdit opens the chosen parameter for typing, if it is a text one.
func (a *App) startEdit() bool {
	slot := a.slots[a.active]
	p, ok := slot.param()
	if !ok || p.Kind != scenes.Text || slot.runner == nil {
		return false
	}
	slot.editing, slot.draft = true, slot.values.String(p.Name)
	slot.version++
	return true
}

// editing reports whether the active scene has a text parameter open.
func (a *App) editing() bool { return a.slots[a.active].editing }

// onEditKey handles a key while a text parameter is open.
func (a *App) onEditKey(msg tea.KeyMsg) tea.Cmd {
	slot := a.slots[a.active]
	switch msg.Type {
	case tea.KeyCtrlC:
		a.Close()
		return tea.Quit
	case tea.KeyEsc:
		slot.editing = false
	case tea.KeyEnter:
		slot.editing = false
		if slot.setText(slot.draft) {
			p, _ := slot.param()
			a.log.Info("set", "scene", slot.scene.Name, "param", p.Name, "value", slot.draft)
			slot.idleSeen = false
			slot.version++
			return a.ensureTick()
		}
	case tea.KeyBackspace:
		if r := []rune(slot.draft); len(r) > 0 {
			slot.draft = string(r[:len(r)-1])
		}
	case tea.KeyCtrlU:
		slot.draft = ""
	case tea.KeyRunes, tea.KeySpace:
		for _, r := range msg.Runes {
			if unicode.IsPrint(r) && len([]rune(slot.draft)) < maxDraft {
				slot.draft += string(r)
			}
		}
	default:
		return nil
	}
	slot.version++
	return nil
}
