package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"replab/scenes"
	"replab/scenes/catalog"
)

// cmdRun runs one scene headless: `replab run SCENE [flags]`.
func cmdRun(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return runScene(ctx, cli{scenes: catalog.All(), stdout: os.Stdout, stderr: os.Stderr}, args)
}

// cli is what a command works with, so tests can give it their own scenes
// and capture its output.
type cli struct {
	scenes         []scenes.Scene
	stdout, stderr io.Writer
}

// errUsage marks bad input from the user: exit code 2, one line on stderr.
type errUsage struct{ msg string }

func (e errUsage) Error() string { return e.msg }

func usagef(format string, args ...any) error { return errUsage{fmt.Sprintf(format, args...)} }

// fail prints err as one line and returns the exit code: 2 for bad input,
// 1 for anything else.
func (c cli) fail(err error) int {
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	fmt.Fprintln(c.stderr, msg)
	if errors.As(err, new(errUsage)) {
		return 2
	}
	return 1
}

func (c cli) find(name string) (scenes.Scene, error) {
	for _, s := range c.scenes {
		if s.Name == name {
			return s, nil
		}
	}
	names := make([]string, len(c.scenes))
	for i, s := range c.scenes {
		names[i] = s.Name
	}
	return scenes.Scene{}, usagef("replab run: unknown scene %q (allowed: %s)", name,
		strings.Join(names, ", "))
}

// runFlags are the flags of `replab run`.
type runFlags struct {
	seed   uint64
	steps  int
	budget time.Duration
	sets   setFlags
	json   bool
}

const runUsage = "replab run SCENE [--seed N] [--steps N | --budget 30s] " +
	"[--set key=value]... [--json]"

func runScene(ctx context.Context, c cli, args []string) int {
	var f runFlags
	fs := newFlagSet("replab run")
	seedVar(fs, &f.seed, "seed of the run")
	fs.IntVar(&f.steps, "steps", 0, "stop after N steps")
	fs.DurationVar(&f.budget, "budget", 0, "stop after this much time, e.g. 30s")
	fs.Var(&f.sets, "set", "set a parameter: key=value (repeatable)")
	fs.BoolVar(&f.json, "json", false, "print JSON lines")
	positional, err := parseInterleaved(fs, args, runUsage)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(c.stdout, "usage: "+runUsage)
		return 0
	}
	if err != nil {
		return c.fail(err)
	}
	opts, scene, err := c.runOptions(f, positional)
	if err != nil {
		return c.fail(err)
	}
	return c.execute(ctx, scene, opts, f.json)
}

// runOptions checks the scene and flags and builds the run's options.
func (c cli) runOptions(f runFlags,
	positional []string) (scenes.HeadlessOptions, scenes.Scene, error) {
	var opts scenes.HeadlessOptions
	if len(positional) != 1 {
		return opts, scenes.Scene{}, usagef("replab run: want exactly one scene, got %d "+
			"(usage: %s)", len(positional), runUsage)
	}
	scene, err := c.find(positional[0])
	if err != nil {
		return opts, scene, err
	}
	switch {
	case f.steps < 0:
		return opts, scene, usagef("replab run: --steps %d: want a positive number", f.steps)
	case f.budget < 0:
		return opts, scene, usagef("replab run: --budget %v: want a positive duration", f.budget)
	case f.steps > 0 && f.budget > 0:
		return opts, scene, usagef("replab run: --steps and --budget together: choose one")
	}
	values, err := f.sets.apply(scene)
	if err != nil {
		return opts, scene, err
	}
	opts.Seed, opts.Values, opts.Steps, opts.Budget = f.seed, values, f.steps, f.budget
	return opts, scene, nil
}

// execute runs the scene and prints progress and the result.
func (c cli) execute(ctx context.Context, scene scenes.Scene, opts scenes.HeadlessOptions,
	asJSON bool) int {
	out := json.NewEncoder(c.stdout)
	opts.ProgressEvery = time.Second
	opts.Progress = func(p scenes.HeadlessProgress) {
		if asJSON {
			_ = out.Encode(progressLine{scene.Name, p.Snapshot.Step, p.Snapshot.Progress,
				p.Elapsed.Seconds()})
		} else {
			fmt.Fprintf(c.stderr, "\r%s: step %d, %3.0f%%", scene.Name, p.Snapshot.Step,
				100*p.Snapshot.Progress)
		}
	}
	res, runErr := scenes.RunHeadless(ctx, scene, opts)
	if !asJSON && res.Elapsed >= opts.ProgressEvery {
		fmt.Fprint(c.stderr, "\r\x1b[K") // clear the progress line
	}
	if !res.Built {
		// Values valid one by one but not together, or unreadable data:
		// the user's input, so exit 2.
		return c.fail(usagef("replab run: %v", runErr))
	}
	final := newResultLine(scene, opts.Seed, res)
	if asJSON {
		_ = out.Encode(final)
	} else {
		printSummary(c.stdout, scene, final)
	}
	if runErr != nil {
		return c.fail(fmt.Errorf("replab run: %w", runErr))
	}
	return 0
}
