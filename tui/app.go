// Package tui is replab's app shell: a bubbletea program that shows one
// scene at a time under a row of tabs, with a parameter panel, a status
// line and a one-line help bar. Each scene's experiment runs in its own
// scenes.Runner while the scene is active and pauses when it is not; the
// shell pulls snapshots on a tick of about 12 per second rather than
// receiving a message per training step, because bubbletea redraws after
// every message.
//
// One App serves one terminal: `replab` builds one for the local terminal
// and `replab serve` one per SSH session, each with that session's
// renderer. Close stops every goroutine the App started.
package tui

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/log"

	"replab/scenes"
	"replab/tui/widgets"
)

// MinWidth and MinHeight are the smallest terminal that gets the full
// layout; a smaller one is told so in one line.
const (
	MinWidth  = 80
	MinHeight = 24
)

// tickEvery is how often the shell pulls a snapshot from the active runner.
const tickEvery = time.Second / 12

// Options configure an App.
type Options struct {
	Scenes  []scenes.Scene // in tab order
	Initial string         // name of the scene shown first; "" for the first
	Seed    uint64         // seed of every scene's first run

	// Theme gives the colour profile, background and lipgloss renderer;
	// nil means no colour.
	Theme *widgets.Theme

	// Paused starts the first scene paused instead of running.
	Paused bool

	// Logger receives a line per scene switch, restart and divergence;
	// nil discards them (the TUI owns the screen).
	Logger *log.Logger
}

// App is the root bubbletea model. Its methods are called by one
// bubbletea program; Close may be called from anywhere once.
type App struct {
	slots  []*sceneSlot
	active int
	width  int
	height int

	theme  *widgets.Theme
	styles styles
	keys   keyMap
	log    *log.Logger

	helpOpen    bool
	ticking     bool
	chromeLines chromeCache

	// mu orders Close against a runner being started, since a host may
	// close the app from its own goroutine (an SSH session ending).
	mu     sync.Mutex
	closed atomic.Bool
}

// New builds an App. It returns an error when there are no scenes or the
// initial scene is not one of them; nothing is started until Init.
func New(opts Options) (*App, error) {
	if len(opts.Scenes) == 0 {
		return nil, fmt.Errorf("tui: no scenes to show")
	}
	theme := opts.Theme
	if theme == nil {
		theme = widgets.Plain()
	}
	logger := opts.Logger
	if logger == nil {
		logger = log.New(io.Discard)
	}
	a := &App{theme: theme, styles: newStyles(theme), keys: newKeyMap(), log: logger}
	for _, sc := range opts.Scenes {
		a.slots = append(a.slots, newSlot(sc, opts.Seed, !opts.Paused))
	}
	if opts.Initial != "" {
		i := a.indexOf(opts.Initial)
		if i < 0 {
			return nil, fmt.Errorf("tui: unknown scene %q (allowed: %s)", opts.Initial, a.names())
		}
		a.active = i
	}
	return a, nil
}

func (a *App) indexOf(name string) int {
	for i, s := range a.slots {
		if s.scene.Name == name {
			return i
		}
	}
	return -1
}

func (a *App) names() string {
	out := ""
	for i, s := range a.slots {
		if i > 0 {
			out += ", "
		}
		out += s.scene.Name
	}
	return out
}

// tickMsg asks the shell to pull the active runner's latest state.
type tickMsg struct{}

// Init starts the initial scene and the tick.
func (a *App) Init() tea.Cmd {
	a.activate(a.active)
	return a.ensureTick()
}

// Update hands each message to the method for its kind.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		return a, nil
	case tickMsg:
		return a, a.onTick()
	case tea.KeyMsg:
		return a, a.onKey(msg)
	case tea.MouseMsg:
		return a, a.onMouse(msg)
	}
	return a, nil
}

// Close stops every scene's runner. The program calls it on quit; a host
// that ends the program another way (an SSH session dropping) calls it
// then, from any goroutine. It is safe to call more than once.
func (a *App) Close() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed.Swap(true) {
		return
	}
	for _, s := range a.slots {
		s.close()
	}
}

// ensureTick schedules the next tick unless one is pending.
func (a *App) ensureTick() tea.Cmd {
	if a.ticking || a.closed.Load() {
		return nil
	}
	a.ticking = true
	return tea.Tick(tickEvery, func(time.Time) tea.Msg { return tickMsg{} })
}

// onTick pulls the active runner's state. Ticking stops once the runner is
// idle and its state has stopped changing, so an idle lab costs nothing;
// any command restarts it.
func (a *App) onTick() tea.Cmd {
	a.ticking = false
	slot := a.slots[a.active]
	if !slot.pull() {
		return nil
	}
	return a.ensureTick()
}

func (a *App) activate(i int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed.Load() {
		return
	}
	if i != a.active {
		a.slots[a.active].deactivate()
	}
	a.active = i
	a.slots[i].activate()
	a.log.Info("scene", "name", a.slots[i].scene.Name)
}
