package tui

import (
	"fmt"
	"strings"

	"replab/scenes"
	"replab/tui/widgets"
)

// tooSmallMessage is all a terminal below MinWidth×MinHeight shows.
var tooSmallMessage = fmt.Sprintf("terminal too small (need %d×%d)", MinWidth, MinHeight)

// View draws the whole screen: exactly height lines of width columns.
func (a *App) View() string {
	if a.width <= 0 || a.height <= 0 {
		return ""
	}
	if a.tooSmall() {
		return widgets.Fit(tooSmallMessage, a.width, 1)
	}
	lay := a.layout()
	chrome := a.chrome(lay)
	parts := []string{
		chrome.tabs,
		chrome.title,
		a.viewBody(lay),
		a.viewStatus(),
		chrome.helpBar,
	}
	return strings.Join(parts, "\n")
}

// chromeCache holds the lines that change only with the size, the active
// scene or typing, so that a frame redraws just the scene and the status.
type chromeCache struct {
	width, active int
	editing       bool // the help bar lists the typing keys
	valid         bool
	tabs, title   string
	helpBar       string
}

func (a *App) chrome(lay layout) chromeCache {
	c := a.chromeLines
	if c.valid && c.width == a.width && c.active == a.active && c.editing == a.editing() {
		return c
	}
	c = chromeCache{width: a.width, active: a.active, editing: a.editing(), valid: true,
		tabs: a.viewTabs(lay), title: a.viewTitle(), helpBar: a.viewHelpBar()}
	a.chromeLines = c
	return c
}

func (a *App) viewTabs(lay layout) string {
	var b strings.Builder
	b.WriteString(" ")
	for i, t := range lay.tabs {
		if i > 0 {
			b.WriteString(a.styles.muted.Render("│"))
		}
		label := " " + t.label + " "
		if i == a.active {
			b.WriteString(a.styles.tabActive.Render(label))
		} else {
			b.WriteString(a.styles.tab.Render(label))
		}
	}
	return widgets.Fit(b.String(), a.width, 1)
}

func (a *App) viewTitle() string {
	sc := a.slots[a.active].scene
	line := a.styles.title.Render(" Fig. "+sc.Figure+"  ") + a.styles.text.Render(sc.Title)
	return widgets.Fit(line, a.width, 1)
}

// viewBody is the scene beside its parameter panel, or the help screen.
func (a *App) viewBody(lay layout) string {
	if a.helpOpen {
		return a.viewFullHelp(lay.width, lay.bodyH)
	}
	scene := a.viewScene(lay.sceneW, lay.bodyH)
	panel := a.viewPanel(lay)
	sceneLines := strings.Split(scene, "\n")
	panelLines := strings.Split(panel, "\n")
	var b strings.Builder
	for i := 0; i < lay.bodyH; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(sceneLines[i])
		b.WriteString(panelLines[i])
	}
	return b.String()
}

// sceneCacheKey identifies a drawing of the scene's area: the same state
// at the same size draws the same, so keys and mouse moves reuse it.
type sceneCacheKey struct {
	state         *scenes.RunState
	width, height int
}

// viewScene draws the active scene's latest snapshot in exactly w×h.
func (a *App) viewScene(w, h int) string {
	slot := a.slots[a.active]
	key := sceneCacheKey{slot.state, w, h}
	if slot.cacheKey == key && slot.cacheView != "" {
		return slot.cacheView
	}
	out := a.drawScene(slot, w, h)
	slot.cacheKey, slot.cacheView = key, out
	return out
}

func (a *App) drawScene(slot *sceneSlot, w, h int) string {
	st := slot.state
	switch {
	case st == nil || (!st.HasSnapshot && st.Status == scenes.Starting):
		return widgets.Fit("\n  building the experiment…", w, h)
	case !st.HasSnapshot:
		lines := []string{""}
		for _, line := range widgets.Wrap(fmt.Sprintf("could not start: %v", st.Err), w-4) {
			lines = append(lines, "  "+line)
		}
		lines = append(lines, "", "  change a parameter, or press r")
		return widgets.Fit(strings.Join(lines, "\n"), w, h)
	}
	return widgets.Fit(safeView(slot.scene, st.Snapshot, w, h, a.theme), w, h)
}

// safeView calls a scene's view, turning a panic (a bug in that scene)
// into a message instead of taking the whole lab down.
func safeView(sc scenes.Scene, snap scenes.Snapshot, w, h int, t *widgets.Theme) (out string) {
	defer func() {
		if r := recover(); r != nil {
			out = fmt.Sprintf("\n  the %s view failed: %v", sc.Name, r)
		}
	}()
	if sc.View == nil {
		return "\n  this scene has no view"
	}
	return sc.View(snap, w, h, t)
}
