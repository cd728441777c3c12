package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"

	"replab/scenes"
	"replab/scenes/catalog"
)

// newFlagSet returns a flag set that reports errors to us instead of
// printing its own usage, so bad input gets exactly one line.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseInterleaved parses flags that may come before or after the
// positional arguments, which it returns in order. A "--" ends the flags.
func parseInterleaved(fs *flag.FlagSet, args []string, usage string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef("%s: %v (usage: %s)", fs.Name(), err, usage)
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// parseFlags parses a command without positional arguments; it returns
// the exit code to use when parsing ended the command.
func parseFlags(fs *flag.FlagSet, args []string) (int, bool) {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Print(usage)
		return 0, false
	case err != nil:
		fmt.Fprintf(os.Stderr, "%s: %v (see replab --help)\n", fs.Name(), err)
		return 2, false
	}
	return 0, true
}

// usageError prints one line on stderr and returns exit code 2.
func usageError(format string, args ...any) int {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	return 2
}

func sceneNames() string {
	var names []string
	for _, s := range catalog.All() {
		names = append(names, s.Name)
	}
	return strings.Join(names, ", ")
}

// seedVar defines --seed into p, a whole number from 0 up that defaults to
// 1; a bad value is told what is wanted rather than strconv's "parse error".
func seedVar(fs *flag.FlagSet, p *uint64, usage string) {
	*p = 1
	fs.Var((*seedValue)(p), "seed", usage)
}

type seedValue uint64

func (s *seedValue) String() string { return strconv.FormatUint(uint64(*s), 10) }

func (s *seedValue) Set(text string) error {
	n, err := strconv.ParseUint(text, 10, 64)
	if err != nil {
		return errors.New("want a whole number from 0 up")
	}
	*s = seedValue(n)
	return nil
}

// setFlags collects repeated --set key=value flags.
type setFlags []string

func (s *setFlags) String() string { return strings.Join(*s, " ") }

func (s *setFlags) Set(v string) error {
	if !strings.Contains(v, "=") {
		return fmt.Errorf("want key=value, got %q", v)
	}
	*s = append(*s, v)
	return nil
}

// apply returns the scene's defaults with every --set applied, or a usage
// error naming the parameter and what it allows.
func (s setFlags) apply(scene scenes.Scene) (scenes.Values, error) {
	values := scenes.Defaults(scene.Params)
	for _, kv := range s {
		key, value, _ := strings.Cut(kv, "=")
		if err := values.Set(scene.Params, strings.TrimSpace(key), value); err != nil {
			return values, usagef("replab run: %s: bad --set: %v", scene.Name, err)
		}
	}
	return values, nil
}

// progressLine is one JSON progress line of `replab run --json`.
type progressLine struct {
	Scene    string  `json:"scene"`
	Step     int     `json:"step"`
	Progress float64 `json:"progress"`
	Elapsed  float64 `json:"elapsed_s"`
}

// resultLine is the final JSON line of `replab run --json`, and one row of
// `replab report --json` (which adds the figure).
type resultLine struct {
	Scene    string            `json:"scene"`
	Figure   string            `json:"figure,omitempty"`
	Set      map[string]string `json:"set,omitempty"` // a report run's parameters
	Seed     uint64            `json:"seed"`
	Elapsed  float64           `json:"elapsed_s"`
	Metrics  map[string]any    `json:"metrics"`
	Verdict  scenes.Verdict    `json:"verdict"`
	Steps    int               `json:"-"`
	Status   string            `json:"-"`
	Finished bool              `json:"-"`
	keys     []string          // the scene's key metrics, for the report's table
}

// setting names a report run's parameters, e.g. " data=head", or "".
func (r resultLine) setting() string {
	names := make([]string, 0, len(r.Set))
	for name := range r.Set {
		names = append(names, name)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, name := range names {
		fmt.Fprintf(&b, " %s=%s", name, r.Set[name])
	}
	return b.String()
}

func newResultLine(scene scenes.Scene, seed uint64, res scenes.HeadlessResult) resultLine {
	metrics := sanitizeMap(res.Snapshot.Metrics)
	if metrics == nil {
		metrics = map[string]any{}
	}
	return resultLine{Scene: scene.Name, Seed: seed, Elapsed: res.Elapsed.Seconds(),
		Metrics: metrics, Verdict: res.Snapshot.Verdict, Steps: res.Steps,
		Status: endWord(res.Status), Finished: res.Snapshot.Finished}
}

// endWord says how a headless run ended, in the user's terms.
func endWord(s scenes.Status) string {
	if s == scenes.Paused {
		return "stopped by --steps or --budget"
	}
	return s.String()
}

// sanitize makes a metric JSON-safe: NaN and infinities (which encoding/json
// refuses) become null, inside slices and maps too.
func sanitize(v any) any {
	switch x := v.(type) {
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
	case float32:
		return sanitize(float64(x))
	case []float64:
		out := make([]any, len(x))
		for i, f := range x {
			out[i] = sanitize(f)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = sanitize(e)
		}
		return out
	case map[string]any:
		return sanitizeMap(x)
	}
	return v
}

// roundForDisplay rounds the floats in a metric to four significant
// digits, inside slices and maps too.
func roundForDisplay(v any) any {
	switch x := v.(type) {
	case float64:
		r, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 4, 64), 64)
		if err != nil {
			return x
		}
		return r
	case []float64:
		out := make([]any, len(x))
		for i, f := range x {
			out[i] = roundForDisplay(f)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = roundForDisplay(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = roundForDisplay(e)
		}
		return out
	}
	return v
}

func sanitizeMap(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = sanitize(v)
	}
	return out
}

// printSummary is the readable form of a run's result.
func printSummary(w io.Writer, scene scenes.Scene, r resultLine) {
	fmt.Fprintf(w, "%s (Fig. %s), seed %d: %d steps in %.1fs, %s\n", scene.Name, scene.Figure,
		r.Seed, r.Steps, r.Elapsed, r.Status)
	verdict := "not reproduced"
	if r.Verdict.Reproduced {
		verdict = "reproduced"
	}
	fmt.Fprintf(w, "claim:   %s\nverdict: %s — %s\n", r.Verdict.Claim, verdict, r.Verdict.Detail)
	keys := make([]string, 0, len(r.Metrics))
	for k := range r.Metrics {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	width := 0
	for _, k := range keys {
		width = max(width, len(k))
	}
	for _, k := range keys {
		fmt.Fprintf(w, "  %-*s  %s\n", width, k, compactJSON(r.Metrics[k], 100))
	}
}

// compactJSON renders a metric for people in at most limit characters,
// with numbers cut to four significant digits (the JSON output keeps all).
func compactJSON(v any, limit int) string {
	b, err := json.Marshal(roundForDisplay(v))
	if err != nil {
		return fmt.Sprint(v)
	}
	r := []rune(string(b))
	if len(r) > limit {
		return string(r[:limit-1]) + "…"
	}
	return string(r)
}
