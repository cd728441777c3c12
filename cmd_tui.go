package main

import (
	"fmt"
	"io"
	"os"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/log"

	"replab/scenes/catalog"
	"replab/tui"
	"replab/tui/widgets"
)

// cmdTUI runs the interactive lab on this terminal.
func cmdTUI(args []string) int {
	fs := newFlagSet("replab")
	sceneName := fs.String("scene", "", "scene shown first")
	var seed uint64
	seedVar(fs, &seed, "seed of every scene's first run")
	logPath := fs.String("log", "", "write a log to this file (default: no log)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return usageError("replab: unexpected argument %q (the lab takes only --scene, --seed, --log)",
			fs.Arg(0))
	}
	all := catalog.All()
	if *sceneName != "" {
		if _, ok := catalog.Find(*sceneName); !ok {
			return usageError("replab: unknown scene %q (allowed: %s)", *sceneName, sceneNames())
		}
	}
	logger, closeLog, err := openLog(*logPath)
	if err != nil {
		return usageError("replab: --log: %v", err)
	}
	defer closeLog()

	theme := widgets.NewTheme(lipgloss.NewRenderer(os.Stdout))
	app, err := tui.New(tui.Options{Scenes: all, Initial: *sceneName, Seed: seed,
		Theme: theme, Logger: logger})
	if err != nil {
		fmt.Fprintln(os.Stderr, "replab:", err)
		return 1
	}
	if err := tui.Run(app); err != nil {
		fmt.Fprintf(os.Stderr, "replab: %v (the lab needs a terminal; "+
			"`replab run SCENE` works without one)\n", err)
		return 1
	}
	return 0
}

// openLog returns a logger writing to path, or one that discards
// everything when path is empty: the TUI owns the screen.
func openLog(path string) (*log.Logger, func(), error) {
	if path == "" {
		return log.New(io.Discard), func() {}, nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, nil, err
	}
	logger := log.NewWithOptions(f, log.Options{ReportTimestamp: true})
	return logger, func() { f.Close() }, nil
}
