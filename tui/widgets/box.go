package widgets

import (
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Fit makes a block exactly w columns by h lines: longer lines are cut
// (escape sequences kept intact), shorter ones padded with spaces, extra
// lines dropped and missing ones added.
func Fit(s string, w, h int) string {
	w, h = max(0, w), max(0, h)
	if h == 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	out := make([]string, h)
	for i := range out {
		line := ""
		if i < len(lines) {
			line = lines[i]
		}
		out[i] = fitLine(line, w)
	}
	return strings.Join(out, "\n")
}

func fitLine(line string, w int) string {
	width := ansi.StringWidth(line)
	if width > w {
		line = ansi.Truncate(line, w, "")
		width = ansi.StringWidth(line)
	}
	if strings.Contains(line, "\x1b[") && !strings.HasSuffix(line, "\x1b[0m") {
		line += "\x1b[0m" // a cut may have removed the reset
	}
	return line + strings.Repeat(" ", w-width)
}

// Box draws body inside a rounded border of exactly w×h cells, with title
// set into the top edge. The body is fitted to (w-2)×(h-2). Boxes smaller
// than 2×2 are blank.
func Box(title, body string, w, h int, t *Theme) string {
	t = t.orPlain()
	if w < 2 || h < 2 {
		return Fit("", w, h)
	}
	border := t.Style().Foreground(Lip(t.Muted()))
	titleStyle := t.Style().Foreground(Lip(t.Text())).Bold(true)

	title = ansi.Truncate(title, max(0, w-4), "…")
	titleW := ansi.StringWidth(title)
	var top string
	if titleW > 0 {
		rest := w - 4 - titleW
		top = border.Render("╭─") + titleStyle.Render(title) +
			border.Render(strings.Repeat("─", rest)+"─╮")
	} else {
		top = border.Render("╭" + strings.Repeat("─", w-2) + "╮")
	}
	side := border.Render("│")
	lines := strings.Split(Fit(body, w-2, h-2), "\n")
	var b strings.Builder
	b.WriteString(top)
	for _, line := range lines[:h-2] {
		b.WriteString("\n" + side + line + side)
	}
	b.WriteString("\n" + border.Render("╰"+strings.Repeat("─", w-2)+"╯"))
	return b.String()
}

// barEighths are the left-aligned partial blocks, from one eighth to full.
var barEighths = []rune("▏▎▍▌▋▊▉█")

// Bar draws frac (0…1, clamped) of w cells as a horizontal bar with
// eighth-cell resolution, padded with a light track to exactly w cells.
// Without colour it is drawn with '#' and '.'.
func Bar(frac float64, w int, color Color, t *Theme) string {
	t = t.orPlain()
	c := NewCanvas(w, 1)
	if math.IsNaN(frac) {
		frac = 0
	}
	eighths := int(math.Round(math.Max(0, math.Min(1, frac)) * float64(8*max(0, w))))
	for x := 0; x < w; x++ {
		cell := &c.Cells[x]
		fill := min(8, max(0, eighths-8*x))
		switch {
		case fill == 0:
			*cell = Cell{Rune: '░', FG: t.Muted(), BG: Default, Plain: '.'}
		default:
			*cell = Cell{Rune: barEighths[fill-1], FG: color, BG: Default, Plain: '#'}
		}
	}
	return c.Render(t)
}

// sparkLevels are the eight heights of a sparkline.
var sparkLevels = []rune("▁▂▃▄▅▆▇█")

// Sparkline draws the last w values as one line of bars scaled between the
// smallest and largest of them, right-aligned in exactly w cells. NaN and
// infinite values show as blanks.
func Sparkline(values []float64, w int, color Color, t *Theme) string {
	c := NewCanvas(w, 1)
	if len(values) > w {
		values = values[len(values)-w:]
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range values {
		if finite(v) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	start := w - len(values)
	for i, v := range values {
		if !finite(v) {
			continue
		}
		level := len(sparkLevels) - 1
		if hi > lo {
			level = int((v - lo) / (hi - lo) * float64(len(sparkLevels)-1))
		}
		c.Set(start+i, 0, sparkLevels[level], color, Default)
	}
	return c.Render(t)
}
