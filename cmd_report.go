package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"replab/scenes"
	"replab/scenes/catalog"
)

const reportUsage = "replab report [--json] [--seed N] [--budget D]"

// cmdReport runs every scene headless and prints one row per figure.
func cmdReport(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return report(ctx, cli{scenes: catalog.All(), stdout: os.Stdout, stderr: os.Stderr}, args)
}

func report(ctx context.Context, c cli, args []string) int {
	fs := newFlagSet("replab report")
	asJSON := fs.Bool("json", false, "one JSON line per scene")
	var seed uint64
	seedVar(fs, &seed, "seed of every run")
	budget := fs.Duration("budget", 0, "stop each scene after this long (default: its own budget)")
	positional, err := parseInterleaved(fs, args, reportUsage)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(c.stdout, "usage: "+reportUsage)
		return 0
	}
	switch {
	case err != nil:
		return c.fail(err)
	case len(positional) > 0:
		return c.fail(usagef("replab report: unexpected argument %q (usage: %s)", positional[0],
			reportUsage))
	case *budget < 0:
		return c.fail(usagef("replab report: --budget %v: want a positive duration", *budget))
	}
	rows, failures := c.reportRows(ctx, seed, *budget, *asJSON)
	if !*asJSON {
		printReport(c, rows)
	}
	if failures > 0 {
		fmt.Fprintf(c.stderr, "replab report: %d of %d runs did not run to the end\n",
			failures, len(rows))
		return 1
	}
	return 0
}

// reportRows runs the scenes one after another; with JSON each row is
// printed as soon as it is known.
func (c cli) reportRows(ctx context.Context, seed uint64, budget time.Duration,
	asJSON bool) ([]resultLine, int) {
	var rows []resultLine
	failures := 0
	out := json.NewEncoder(c.stdout)
	for _, sc := range c.scenes {
		for _, rep := range reportsOf(sc) {
			row, err := reportRow(ctx, sc, rep, seed, budget)
			if err != nil {
				failures++
				row.Verdict.Detail = err.Error()
			}
			rows = append(rows, row)
			if asJSON {
				_ = out.Encode(row)
			} else {
				fmt.Fprintf(c.stderr, "%s%s: %s in %.1fs\n", sc.Name, row.setting(), row.Status,
					row.Elapsed)
			}
		}
	}
	return rows, failures
}

// reportsOf lists a scene's report runs: its own, or one on the defaults.
func reportsOf(sc scenes.Scene) []scenes.Report {
	if len(sc.Reports) > 0 {
		return sc.Reports
	}
	return []scenes.Report{{Figure: sc.Figure}}
}

// reportRow runs one report run of a scene headless. A report run whose
// parameters do not parse is the scene's own mistake and panics.
func reportRow(ctx context.Context, sc scenes.Scene, rep scenes.Report, seed uint64,
	budget time.Duration) (resultLine, error) {
	opts := scenes.HeadlessOptions{Budget: budget}
	opts.Seed, opts.Values = seed, scenes.Defaults(sc.Params)
	for name, text := range rep.Set {
		if err := opts.Values.Set(sc.Params, name, text); err != nil {
			panic(fmt.Sprintf("replab: %s's report run: %v", sc.Name, err))
		}
	}
	res, err := scenes.RunHeadless(ctx, sc, opts)
	row := newResultLine(sc, seed, res)
	row.Figure, row.keys, row.Set = rep.Figure, sc.KeyMetrics, rep.Set
	if row.Verdict.Claim == "" {
		row.Verdict.Claim = sc.Claim
	}
	return row, err
}

// printReport is the readable table: figure, scene, reproduced, claim and
// the first metrics, each cut to a readable width.
func printReport(c cli, rows []resultLine) {
	w := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "FIGURE\tSCENE\tREPRODUCED\tCLAIM\tKEY METRICS")
	for _, r := range rows {
		mark := "no"
		if r.Verdict.Reproduced {
			mark = "yes"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", r.Figure, r.Scene+r.setting(), mark,
			cut(r.Verdict.Claim, 60), keyMetrics(r.Metrics, r.keys, 80))
	}
	_ = w.Flush()
}

// keyMetrics lists the scene's key metrics as name=value, or, when it
// names none, the scalar metrics first, in name order.
func keyMetrics(m map[string]any, named []string, limit int) string {
	if len(named) > 0 {
		parts := make([]string, 0, len(named))
		for _, k := range named {
			if v, ok := m[k]; ok {
				parts = append(parts, k+"="+compactJSON(v, 40))
			}
		}
		return cut(strings.Join(parts, " "), limit)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.SliceStable(keys, func(i, j int) bool {
		si, sj := isScalar(m[keys[i]]), isScalar(m[keys[j]])
		if si != sj {
			return si
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + compactJSON(m[k], 24)
	}
	return cut(strings.Join(parts, " "), limit)
}

func isScalar(v any) bool {
	switch v.(type) {
	case float64, float32, int, int64, bool, string, nil:
		return true
	}
	return false
}

func cut(s string, limit int) string {
	r := []rune(s)
	if len(r) > limit {
		return string(r[:limit-1]) + "…"
	}
	return s
}
