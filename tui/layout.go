package tui

import (
	"fmt"

	"github.com/charmbracelet/x/ansi"
)

// Rows of the full layout, from the top and from the bottom.
const (
	tabRow        = 0
	titleRow      = 1
	bodyTop       = 2
	chromeRows    = 4 // tabs, title, status and help bar
	panelHelpRows = 5 // lines under the parameter list for the chosen one's help
)

// layout is where everything goes at the current size; View draws from it
// and the mouse is hit-tested against it, so the two always agree.
type layout struct {
	width, height  int
	tabs           []tabSpan
	sceneW, bodyH  int // the scene's area, at (0, bodyTop)
	panelX, panelW int // the parameter panel, beside the scene
	paramTop       int // screen row of the first visible parameter
	paramOffset    int // index of the first visible parameter
	paramRows      int // how many parameters are visible
	paramCount     int
}

// tabSpan is the label of one tab and the columns it occupies.
type tabSpan struct {
	label    string
	from, to int // [from, to)
}

// SceneArea is the size a scene's View gets in a terminal of width×height
// (54×20 in the smallest full layout, 80×24), or 0×0 below that.
func SceneArea(width, height int) (int, int) {
	if width < MinWidth || height < MinHeight {
		return 0, 0
	}
	return width - panelWidth(width), height - chromeRows
}

func panelWidth(width int) int {
	if width >= 110 {
		return 32
	}
	return 26
}

func (a *App) tooSmall() bool { return a.width < MinWidth || a.height < MinHeight }

func (a *App) layout() layout {
	lay := layout{width: a.width, height: a.height, bodyH: a.height - chromeRows}
	lay.panelW = panelWidth(a.width)
	lay.sceneW = a.width - lay.panelW
	lay.panelX = lay.sceneW
	lay.tabs = a.tabSpans()

	slot := a.slots[a.active]
	lay.paramCount = len(slot.scene.Params)
	lay.paramTop = bodyTop + 1 // inside the panel's border
	lay.paramRows = max(1, min(lay.paramCount, lay.bodyH-2-panelHelpRows))
	if slot.selected >= lay.paramRows {
		lay.paramOffset = slot.selected - lay.paramRows + 1
	}
	return lay
}

// tabSpans lays the tabs out in one row. The active tab always shows its
// name and figure; the others shrink until the row fits: figure dropped,
// then names cut shorter and shorter, then numbers only.
func (a *App) tabSpans() []tabSpan {
	spans := a.tabSpansWith(-1)
	for nameLen := 12; nameLen >= 0 && !a.tabsFit(spans); nameLen-- {
		spans = a.tabSpansWith(nameLen)
	}
	return spans
}

func (a *App) tabsFit(spans []tabSpan) bool {
	return len(spans) == 0 || spans[len(spans)-1].to <= a.width
}

// tabSpansWith lays the tabs out with inactive names cut to nameLen runes
// (-1: name and figure in full; 0: the number only).
func (a *App) tabSpansWith(nameLen int) []tabSpan {
	spans, x := make([]tabSpan, len(a.slots)), 1
	for i, s := range a.slots {
		label := fmt.Sprintf("%d %s", i+1, s.scene.Name)
		switch {
		case i == a.active || nameLen < 0:
			label += " " + s.scene.Figure
		case nameLen == 0:
			label = fmt.Sprintf("%d", i+1)
		default:
			label = fmt.Sprintf("%d %s", i+1, ansi.Truncate(s.scene.Name, nameLen, "…"))
		}
		w := ansi.StringWidth(label)
		spans[i] = tabSpan{label: label, from: x, to: x + w + 2}
		x += w + 3 // one space each side and a separator
	}
	return spans
}

func (l layout) tabAt(x, y int) (int, bool) {
	if y != tabRow {
		return 0, false
	}
	for i, t := range l.tabs {
		if x >= t.from && x < t.to {
			return i, true
		}
	}
	return 0, false
}

func (l layout) inPanel(x, y int) bool {
	return x >= l.panelX && y >= bodyTop && y < bodyTop+l.bodyH
}

func (l layout) paramAt(x, y int) (int, bool) {
	if !l.inPanel(x, y) {
		return 0, false
	}
	row := y - l.paramTop
	if row < 0 || row >= l.paramRows {
		return 0, false
	}
	i := l.paramOffset + row
	return i, i < l.paramCount
}
