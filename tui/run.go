package tui

import tea "github.com/charmbracelet/bubbletea"

// ProgramOptions are the bubbletea options the lab wants: the alternate
// screen, mouse clicks, and a renderer at 30 frames per second (snapshots
// come at 12, so more frames would only wake an idle lab more often). A
// host adds its own input and output.
func ProgramOptions() []tea.ProgramOption {
	return []tea.ProgramOption{tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithFPS(30)}
}

// Run shows the app in a bubbletea program until the user quits, then
// stops every goroutine the app started, whichever way the program ended.
func Run(a *App, extra ...tea.ProgramOption) error {
	defer a.Close()
	opts := append(ProgramOptions(), extra...)
	_, err := tea.NewProgram(a, opts...).Run()
	return err
}
