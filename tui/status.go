package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"

	"replab/scenes"
	"replab/tui/widgets"
)

// viewStatus is the line above the help bar: how the experiment stands,
// how fast it steps, and the verdict so far.
func (a *App) viewStatus() string {
	slot := a.slots[a.active]
	st := slot.state
	if st == nil {
		return widgets.Fit(" starting…", a.width, 1)
	}
	left := " " + a.statusWord(st)
	switch st.Status {
	case scenes.Diverged, scenes.Failed:
		left += a.styles.accent.Render("  press r to restart, or change a parameter:") +
			a.styles.text.Render(fmt.Sprintf(" %v", st.Err))
		return widgets.Fit(left, a.width, 1)
	}
	if st.Status == scenes.Running {
		left += a.styles.muted.Render(fmt.Sprintf("  %s steps/s", formatRate(st.StepsPerSec)))
	}
	left += a.styles.muted.Render(fmt.Sprintf("  step %d  %.0f%%  seed %d",
		st.Snapshot.Step, 100*st.Snapshot.Progress, st.Seed))
	if st.Status == scenes.Finished {
		left += a.styles.accent.Render("  r restart · s new seed")
	}
	right := a.verdictWord(st)
	gap := a.width - ansi.StringWidth(left) - ansi.StringWidth(right) - 1
	if gap < 1 || right == "" {
		return widgets.Fit(left, a.width, 1)
	}
	return widgets.Fit(left+strings.Repeat(" ", gap)+right, a.width, 1)
}

func (a *App) statusWord(st *scenes.RunState) string {
	switch st.Status {
	case scenes.Running:
		return a.styles.good.Render("▶ running")
	case scenes.Paused:
		return a.styles.accent.Render("⏸ paused")
	case scenes.Finished:
		return a.styles.title.Render("■ finished")
	case scenes.Diverged:
		return a.styles.bad.Render("✗ diverged")
	case scenes.Failed:
		return a.styles.bad.Render("✗ failed")
	}
	return a.styles.muted.Render("… starting")
}

// verdictWord is the claim's state as measured so far.
func (a *App) verdictWord(st *scenes.RunState) string {
	if !st.HasSnapshot || st.Snapshot.Verdict.Claim == "" {
		return ""
	}
	if st.Snapshot.Verdict.Reproduced {
		return a.styles.good.Render("✓ reproduced")
	}
	if st.Status == scenes.Finished {
		return a.styles.bad.Render("✗ not reproduced")
	}
	return a.styles.muted.Render("… not yet reproduced")
}

func formatRate(r float64) string {
	switch {
	case r <= 0:
		return "–"
	case r < 10:
		return fmt.Sprintf("%.1f", r)
	}
	return fmt.Sprintf("%.0f", r)
}

// viewHelpBar lists the most useful keys in one line, dropping from the
// end what does not fit but always keeping help and quit.
func (a *App) viewHelpBar() string {
	body, tail := a.keys.short()
	if a.editing() {
		body, tail = a.keys.editing(), nil
	}
	tailText, tailW := a.helpItems(tail, a.width)
	bodyText, _ := a.helpItems(body, a.width-tailW)
	return widgets.Fit(bodyText+tailText, a.width, 1)
}

// helpItems renders "key desc" pairs, each after two spaces, as many as
// fit in room columns, and returns their width.
func (a *App) helpItems(bindings []key.Binding, room int) (string, int) {
	line, width := "", 0
	for _, b := range bindings {
		h := b.Help()
		w := 2 + ansi.StringWidth(h.Key) + 1 + ansi.StringWidth(h.Desc)
		if width+w > room {
			break
		}
		line += "  " + a.styles.helpKey.Render(h.Key) + " " + a.styles.helpDesc.Render(h.Desc)
		width += w
	}
	return line, width
}

// viewFullHelp replaces the body with every key, the scene's claim and
// help, and what each parameter does.
func (a *App) viewFullHelp(w, h int) string {
	slot := a.slots[a.active]
	keyW := min(48, w*6/10)
	var keys []string
	for _, kd := range a.keys.full() {
		desc := ansi.Wordwrap(kd[1], max(1, keyW-20), " ")
		for j, d := range strings.Split(desc, "\n") {
			k := ""
			if j == 0 {
				k = kd[0]
			}
			keys = append(keys, " "+a.styles.helpKey.Render(fmt.Sprintf("%-16s", k))+
				" "+a.styles.helpDesc.Render(d))
		}
	}
	right := a.sceneHelp(slot, w-keyW-3)
	left := widgets.Fit(strings.Join(keys, "\n"), keyW, h-2)
	rightBlock := widgets.Fit(strings.Join(right, "\n"), w-keyW-2, h-2)
	ll, rl := strings.Split(left, "\n"), strings.Split(rightBlock, "\n")
	rows := make([]string, len(ll))
	for i := range ll {
		rows[i] = ll[i] + rl[i]
	}
	title := "help: " + slot.scene.Name + "  (? or esc closes)"
	return widgets.Box(title, strings.Join(rows, "\n"), w, h, a.theme)
}

func (a *App) sceneHelp(slot *sceneSlot, width int) []string {
	sc := slot.scene
	wrap := func(s string) []string {
		return strings.Split(ansi.Wordwrap(s, max(1, width), " "), "\n")
	}
	out := []string{a.styles.title.Render("Claim")}
	out = append(out, wrap(sc.Claim)...)
	if st := slot.state; st != nil && st.HasSnapshot && st.Snapshot.Verdict.Detail != "" {
		out = append(out, "", a.styles.title.Render("Measured")+"  "+a.verdictWord(st))
		out = append(out, wrap(st.Snapshot.Verdict.Detail)...)
	}
	out = append(out, "", a.styles.title.Render("What to try"))
	out = append(out, wrap(sc.Help)...)
	out = append(out, "", a.styles.title.Render("Parameters"))
	for _, p := range sc.Params {
		out = append(out, wrap(p.Name+" ("+p.Range()+"): "+p.Help)...)
	}
	return out
}
