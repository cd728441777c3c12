package scenes

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Kind is the type of a parameter's value.
type Kind int

const (
	Int    Kind = iota // whole numbers in [Min, Max], changed by Step
	Float              // real numbers in [Min, Max], changed by Step (or ×Step if Log)
	Choice             // one of Choices; the value is its index
	Text               // free text (a file path, a column name); set with --set only
)

// Param declares one tunable parameter of a scene, once, for the keyboard,
// the mouse, `--set` and the help screen alike.
type Param struct {
	Name  string // machine name used by --set, e.g. "n" or "lr"
	Label string // short human label for the parameter panel
	Help  string // one line: what it changes

	Kind     Kind
	Min, Max float64  // Int and Float
	Step     float64  // Int and Float: increment, or factor when Log
	Log      bool     // Float: ←/→ divide or multiply by Step
	Choices  []string // Choice
	Default  string   // parsed like a --set value

	// Live parameters apply at the next step through Experiment.Tune;
	// the others restart the experiment.
	Live bool
}

// Values holds one value per declared parameter. Numbers and choice
// indices live in Num, text in Text. The zero Values is empty; build full
// ones with Defaults.
type Values struct {
	Num  map[string]float64
	Text map[string]string
}

// Defaults returns every parameter at its declared default. A default that
// does not parse is a programmer error and panics.
func Defaults(params []Param) Values {
	v := Values{Num: map[string]float64{}, Text: map[string]string{}}
	for _, p := range params {
		if err := v.Set(params, p.Name, p.Default); err != nil {
			panic(fmt.Sprintf("scenes: default of %q: %v", p.Name, err))
		}
	}
	return v
}

// Clone returns a deep copy, so a driver can hand values to another
// goroutine.
func (v Values) Clone() Values {
	c := Values{Num: make(map[string]float64, len(v.Num)), Text: make(map[string]string, len(v.Text))}
	for k, x := range v.Num {
		c.Num[k] = x
	}
	for k, s := range v.Text {
		c.Text[k] = s
	}
	return c
}

// Float returns a numeric parameter.
func (v Values) Float(name string) float64 { return v.Num[name] }

// Int returns an integer parameter.
func (v Values) Int(name string) int { return int(math.Round(v.Num[name])) }

// Index returns the index of a choice parameter's value.
func (v Values) Index(name string) int { return int(v.Num[name]) }

// String returns a text parameter.
func (v Values) String(name string) string { return v.Text[name] }

// Lookup finds a declared parameter by name.
func Lookup(params []Param, name string) (Param, bool) {
	for _, p := range params {
		if p.Name == name {
			return p, true
		}
	}
	return Param{}, false
}

// Names lists the declared parameter names, for error messages.
func Names(params []Param) string {
	names := make([]string, len(params))
	for i, p := range params {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

// Set parses text as the value of the named parameter and stores it. The
// error says what was wrong and what is allowed, ready for a user.
func (v Values) Set(params []Param, name, text string) error {
	p, ok := Lookup(params, name)
	if !ok {
		return fmt.Errorf("unknown parameter %q (allowed: %s)", name, Names(params))
	}
	switch p.Kind {
	case Text:
		v.Text[name] = text
		return nil
	case Choice:
		for i, c := range p.Choices {
			if strings.EqualFold(c, text) {
				v.Num[name] = float64(i)
				return nil
			}
		}
		return fmt.Errorf("%s=%q: want one of %s", name, text, strings.Join(p.Choices, ", "))
	}
	x, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return fmt.Errorf("%s=%q: want a number in %s", name, text, p.Range())
	}
	if p.Kind == Int && x != math.Trunc(x) {
		return fmt.Errorf("%s=%q: want a whole number in %s", name, text, p.Range())
	}
	if x < p.Min || x > p.Max {
		return fmt.Errorf("%s=%s: out of range, want %s", name, text, p.Range())
	}
	v.Num[name] = x
	return nil
}

// Range describes the allowed values, e.g. "1…16" or "relu|sigmoid".
func (p Param) Range() string {
	switch p.Kind {
	case Choice:
		return strings.Join(p.Choices, "|")
	case Text:
		return "text"
	}
	return fmt.Sprintf("%s…%s", formatNum(p.Min), formatNum(p.Max))
}

// Nudge moves a numeric or choice parameter by dir steps (±1), clamped to
// its range (choices wrap around). Text parameters are left alone. It
// reports whether the value changed.
func (v Values) Nudge(p Param, dir int) bool {
	old := v.Num[p.Name]
	x := old
	switch p.Kind {
	case Text:
		return false
	case Choice:
		n := len(p.Choices)
		x = float64(((int(old)+dir)%n + n) % n)
	case Int:
		x = math.Round(old + float64(dir)*p.Step)
	case Float:
		if p.Log {
			x = old * math.Pow(p.Step, float64(dir))
		} else {
			x = old + float64(dir)*p.Step
		}
	}
	if p.Kind != Choice {
		x = math.Min(p.Max, math.Max(p.Min, x))
	}
	v.Num[p.Name] = x
	return x != old
}

// Format renders the parameter's current value for the parameter panel.
func (v Values) Format(p Param) string {
	switch p.Kind {
	case Text:
		if s := v.Text[p.Name]; s != "" {
			return s
		}
		return "—"
	case Choice:
		i := int(v.Num[p.Name])
		if i >= 0 && i < len(p.Choices) {
			return p.Choices[i]
		}
	}
	return formatNum(v.Num[p.Name])
}

// formatNum shows four significant digits, but whole numbers in full
// (a budget of 100000, not 1e+05).
func formatNum(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e9 {
		return strconv.FormatFloat(x, 'f', 0, 64)
	}
	return strconv.FormatFloat(x, 'g', 4, 64)
}
