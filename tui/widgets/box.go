package widgets

import (
	"strings"
	"unicode/utf8"

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
	width, ok := quickWidth(line)
	if !ok {
		width = ansi.StringWidth(line)
	}
	if width > w {
		line = ansi.Truncate(line, w, "")
		width = ansi.StringWidth(line)
	}
	if strings.Contains(line, "\x1b[") && !strings.HasSuffix(line, "\x1b[0m") {
		line += "\x1b[0m" // a cut may have removed the reset
	}
	return line + strings.Repeat(" ", w-width)
}

// quickWidth measures the common case fast: SGR escapes and runes known
// to be one column wide (ASCII, Latin, Greek, punctuation, arrows, maths,
// box drawing, blocks, shapes and braille). Anything else reports !ok, and
// the caller falls back to the full grapheme-aware measure.
func quickWidth(s string) (int, bool) {
	width := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			n, ok := skipCSI(s[i:])
			if !ok {
				return 0, false
			}
			i += n
			continue
		case c >= 0x20 && c < 0x7f:
			width++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !narrowRune(r) {
			return 0, false
		}
		width++
		i += size
	}
	return width, true
}

// skipCSI returns the length of a "\x1b[" … final-byte sequence.
func skipCSI(s string) (int, bool) {
	if len(s) < 2 || s[1] != '[' {
		return 0, false
	}
	for i := 2; i < len(s); i++ {
		if s[i] >= 0x40 && s[i] <= 0x7e {
			return i + 1, true
		}
	}
	return 0, false
}

func narrowRune(r rune) bool {
	switch {
	case r >= 0xa0 && r < 0x300, r >= 0x370 && r < 0x400:
		return true
	case r >= 0x2010 && r < 0x2028, r >= 0x2030 && r < 0x205f:
		return true
	case r >= 0x2190 && r < 0x2300, r >= 0x2500 && r < 0x2600, r >= 0x2800 && r < 0x2900:
		return true
	}
	return false
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

// Clip cuts s to at most w runes, for plain text (no escapes) going into a
// column narrower than the canvas; every rune is taken as one cell wide.
func Clip(s string, w int) string {
	r := []rune(s)
	if len(r) > max(0, w) {
		return string(r[:max(0, w)])
	}
	return s
}

// Wrap breaks plain text into lines of at most w runes at its spaces; a
// word longer than w (a path, say) is broken into pieces w long.
func Wrap(s string, w int) []string {
	w = max(1, w)
	var out []string
	line := ""
	for _, word := range strings.Fields(s) {
		if r := []rune(word); len(r) > w {
			if line != "" {
				out = append(out, line)
			}
			for ; len(r) > w; r = r[w:] {
				out = append(out, string(r[:w]))
			}
			line, word = "", string(r)
		}
		switch {
		case line == "":
			line = word
		case len([]rune(line))+1+len([]rune(word)) <= w:
			line += " " + word
		default:
			out = append(out, line)
			line = word
		}
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}
