package tui

import (
	"github.com/charmbracelet/lipgloss"

	"replab/tui/widgets"
)

// styles are the shell's lipgloss styles, built once from the theme's own
// renderer (an SSH session's, when served), never from the global one.
type styles struct {
	tabActive, tab, tabNumber lipgloss.Style
	title, muted, text        lipgloss.Style
	selected, live, restart   lipgloss.Style
	good, bad, accent         lipgloss.Style
	helpKey, helpDesc         lipgloss.Style
}

func newStyles(t *widgets.Theme) styles {
	fg := func(c widgets.Color) lipgloss.Style { return t.Style().Foreground(widgets.Lip(c)) }
	return styles{
		tabActive: fg(t.Accent()).Bold(true).Underline(true),
		tab:       fg(t.Muted()),
		tabNumber: fg(t.Muted()),
		title:     fg(t.Text()).Bold(true),
		muted:     fg(t.Muted()),
		text:      fg(t.Text()),
		selected:  fg(t.Accent()).Bold(true),
		live:      fg(t.Good()),
		restart:   fg(t.Accent()),
		good:      fg(t.Good()).Bold(true),
		bad:       fg(t.Bad()).Bold(true),
		accent:    fg(t.Accent()),
		helpKey:   fg(t.Text()).Bold(true),
		helpDesc:  fg(t.Muted()),
	}
}
