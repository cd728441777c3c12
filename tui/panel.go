package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"replab/scenes"
	"replab/tui/widgets"
)

// Markers of how a parameter applies, in the panel and its legend.
const (
	liveMark    = "●"
	restartMark = "↻"
	textMark    = "·"
)

// viewPanel draws the parameter panel: one row per visible parameter with
// the chosen one highlighted, then the chosen one's help and range.
func (a *App) viewPanel(lay layout) string {
	slot := a.slots[a.active]
	key := panelCacheKey{lay.panelW, lay.bodyH, slot.selected, slot.version}
	if slot.panelKey == key && slot.panelView != "" {
		return slot.panelView
	}
	slot.panelKey, slot.panelView = key, a.drawPanel(slot, lay)
	return slot.panelView
}

// panelCacheKey identifies a drawing of the parameter panel.
type panelCacheKey struct{ width, height, selected, version int }

func (a *App) drawPanel(slot *sceneSlot, lay layout) string {
	inner := lay.panelW - 2
	var lines []string
	if lay.paramCount == 0 {
		lines = append(lines, a.styles.muted.Render(" no parameters"))
	}
	end := min(lay.paramCount, lay.paramOffset+lay.paramRows)
	for i := lay.paramOffset; i < end; i++ {
		lines = append(lines, a.paramRow(slot, i, inner))
	}
	for len(lines) < lay.paramRows {
		lines = append(lines, "")
	}
	lines = append(lines, a.paramHelp(slot, inner)...)
	body := widgets.Fit(strings.Join(lines, "\n"), inner, lay.bodyH-3)
	legend := a.styles.live.Render(liveMark) + a.styles.muted.Render(" live  ") +
		a.styles.restart.Render(restartMark) + a.styles.muted.Render(" restarts")
	body += "\n" + widgets.Fit(" "+legend, inner, 1)
	return widgets.Box("parameters", body, lay.panelW, lay.bodyH, a.theme)
}

// paramRow is "▸ label      value ●", fitted to width.
func (a *App) paramRow(slot *sceneSlot, i, width int) string {
	p := slot.scene.Params[i]
	value := slot.values.Format(p)
	switch {
	case i == slot.selected && slot.editing:
		value = tail(slot.draft, max(1, width-8)) + "▏"
	case p.Kind == scenes.Text: // a long path keeps its end, the file's name
		value = tail(value, max(1, width/2))
	}
	mark := a.styles.live.Render(liveMark)
	switch {
	case p.Kind == scenes.Text:
		mark = a.styles.muted.Render(textMark)
	case !p.Live:
		mark = a.styles.restart.Render(restartMark)
	}
	label := p.Label
	if label == "" {
		label = p.Name
	}
	room := width - 4 - ansi.StringWidth(value)
	label = ansi.Truncate(label, max(0, room-1), "…")
	gap := strings.Repeat(" ", max(1, room-ansi.StringWidth(label)))
	if i == slot.selected {
		return a.styles.selected.Render("▸"+label+gap+value) + " " + mark
	}
	return " " + a.styles.text.Render(label) + gap + a.styles.text.Render(value) + " " + mark
}

// paramHelp describes the chosen parameter under the list.
func (a *App) paramHelp(slot *sceneSlot, width int) []string {
	p, ok := slot.param()
	if !ok {
		return nil
	}
	how := "live"
	switch {
	case p.Kind == scenes.Text && slot.editing:
		how = "typing: enter applies and restarts, esc cancels"
	case p.Kind == scenes.Text:
		how = "enter to type · restarts"
	case !p.Live:
		how = "restarts"
	}
	lines := []string{""}
	for _, l := range strings.Split(ansi.Wordwrap(how+" · "+p.Range(), width-1, " |"), "\n") {
		lines = append(lines, a.styles.muted.Render(" "+l))
	}
	for _, l := range strings.Split(ansi.Wordwrap(p.Help, width-1, " "), "\n") {
		lines = append(lines, a.styles.text.Render(" "+l))
	}
	return lines
}

// tail keeps the end of s that fits in n cells, marking a cut with "…".
func tail(s string, n int) string {
	if ansi.StringWidth(s) <= n {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && ansi.StringWidth(string(r)) > n-1 {
		r = r[1:]
	}
	return "…" + string(r)
}
