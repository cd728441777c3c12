package tui

import "github.com/charmbracelet/bubbles/key"

// keyMap holds the keys every scene shares; the help bar and the `?`
// screen are drawn from the same bindings, so they cannot drift apart.
type keyMap struct {
	Next, Prev, Jump key.Binding
	Play, Step       key.Binding
	Restart, Seed    key.Binding
	Up, Down         key.Binding
	Less, More       key.Binding
	Edit             key.Binding
	Apply, Cancel    key.Binding // while a text parameter is open
	Clear            key.Binding
	Help, Close      key.Binding
	Quit             key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Next: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "scene")),
		Prev: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous scene")),
		Jump: key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"),
			key.WithHelp("1…9", "scene")),
		Play:    key.NewBinding(key.WithKeys(" ", "space"), key.WithHelp("space", "play/pause")),
		Step:    key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "step")),
		Restart: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "restart")),
		Seed:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "seed")),
		Up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/↓", "param")),
		Down:    key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓", "next parameter")),
		Less:    key.NewBinding(key.WithKeys("left", "-", "h"), key.WithHelp("←/→", "change")),
		More:    key.NewBinding(key.WithKeys("right", "+", "=", "l"), key.WithHelp("→", "increase")),
		Edit:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "type text")),
		Apply:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply")),
		Cancel:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Clear:   key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "clear")),
		Help:    key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Close:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close help")),
		Quit:    key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
	}
}

// short is the one-line help bar, most useful first: what does not fit
// is dropped from the end, except help and quit, which always show.
func (k keyMap) short() (body, tail []key.Binding) {
	return []key.Binding{k.Play, k.Step, k.Up, k.Less, k.Restart, k.Seed, k.Next},
		[]key.Binding{k.Help, k.Quit}
}

// editing is the help bar while a text parameter is open.
func (k keyMap) editing() []key.Binding { return []key.Binding{k.Apply, k.Cancel, k.Clear} }

// full is the `?` screen's list, with every key spelled out.
func (k keyMap) full() [][2]string {
	return [][2]string{
		{"tab / shift+tab", "next / previous scene"},
		{"1 … 9", "go to scene by number"},
		{"space", "play / pause the experiment"},
		{"n", "pause and take one step"},
		{"r", "restart with the current values"},
		{"s", "restart with a new seed"},
		{"↑ / ↓  (k / j)", "choose a parameter"},
		{"← / →  (- / +)", "change it: live ones apply at once, ↻ ones restart"},
		{"enter", "type a text parameter: enter applies it, esc cancels"},
		{"mouse", "click a tab or a parameter"},
		{"?  /  esc", "open / close this help"},
		{"q / ctrl+c", "quit"},
	}
}
