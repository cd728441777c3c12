package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"replab/scenes"
	"replab/tui/scenetest"
)

// runCLI runs a command in-process on the test scenes.
func runCLI(cmd func(context.Context, cli, []string) int, args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	c := cli{scenes: scenetest.All(), stdout: &stdout, stderr: &stderr}
	code := cmd(context.Background(), c, args)
	return code, stdout.String(), stderr.String()
}

// requireUsageError runs the command and wants bad input's answer: exit 2
// and one line on stderr containing want, nothing on stdout.
func requireUsageError(t *testing.T, want string, cmd func(context.Context, cli, []string) int,
	args ...string) {
	t.Helper()
	code, stdout, stderr := runCLI(cmd, args...)
	if code != 2 {
		t.Fatalf("exit %d, want 2 (stderr %q)", code, stderr)
	}
	if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, want) {
		t.Fatalf("stderr %q: want one line containing %q", stderr, want)
	}
	if stdout != "" {
		t.Fatalf("bad input printed to stdout: %q", stdout)
	}
}

func TestRunRejectsBadInput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // in the one line on stderr
	}{
		{"no scene", nil, "want exactly one scene, got 0"},
		{"two scenes", []string{"wave", "grid"}, "want exactly one scene, got 2"},
		{"unknown scene", []string{"nope"}, `unknown scene "nope" (allowed: wave, grid)`},
		{"unknown parameter", []string{"wave", "--set", "lr=1"},
			`unknown parameter "lr" (allowed: speed, budget, shape, diverge, delay, note)`},
		{"out of range", []string{"--set", "speed=99", "wave"}, "out of range, want 0.05…3.2"},
		{"wrong type", []string{"wave", "--set", "budget=lots"}, "want a number in 1…100000"},
		{"not whole", []string{"wave", "--set", "budget=2.5"}, "want a whole number"},
		{"bad choice", []string{"wave", "--set", "shape=circle"}, "want one of sine, square"},
		{"set without =", []string{"wave", "--set", "speed"}, `want key=value, got "speed"`},
		{"unknown flag", []string{"wave", "--fast"}, "flag provided but not defined: -fast"},
		{"malformed steps", []string{"wave", "--steps", "ten"}, `invalid value "ten" for flag -steps`},
		{"negative steps", []string{"wave", "--steps", "-3"}, "--steps -3: want a positive number"},
		{"steps and budget", []string{"wave", "--steps", "3", "--budget", "1s"}, "choose one"},
		{"values refused together", []string{"wave", "--set", "note=fail"}, "asked to fail"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			requireUsageError(t, tt.want, runScene, tt.args...)
		})
	}
}

func TestRunJSON(t *testing.T) {
	code, stdout, stderr := runCLI(runScene, "--seed", "7", "wave", "--steps", "5",
		"--set", "delay=0", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	var final map[string]json.RawMessage
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &final); err != nil {
		t.Fatalf("final line %q: %v", lines[len(lines)-1], err)
	}
	for _, k := range []string{"scene", "seed", "elapsed_s", "metrics", "verdict"} {
		if _, ok := final[k]; !ok {
			t.Errorf("final line lacks %q: %s", k, lines[len(lines)-1])
		}
	}
	if len(final) != 5 {
		t.Errorf("final line has %d keys, want exactly 5: %s", len(final), lines[len(lines)-1])
	}
	var verdict struct {
		Claim      string `json:"claim"`
		Reproduced *bool  `json:"reproduced"`
		Detail     string `json:"detail"`
	}
	if err := json.Unmarshal(final["verdict"], &verdict); err != nil || verdict.Reproduced == nil {
		t.Fatalf("verdict %s: %v", final["verdict"], err)
	}
	if string(final["seed"]) != "7" || !strings.Contains(string(final["metrics"]), `"points":5`) {
		t.Fatalf("final line %s: want seed 7 and 5 points", lines[len(lines)-1])
	}
}

func TestRunSummaryAndDivergence(t *testing.T) {
	code, stdout, _ := runCLI(runScene, "wave", "--set", "budget=4", "--set", "delay=0")
	if code != 0 || !strings.Contains(stdout, "verdict: reproduced") {
		t.Fatalf("exit %d, summary %q", code, stdout)
	}
	code, stdout, stderr := runCLI(runScene, "wave", "--set", "diverge=2", "--json")
	if code != 1 || !strings.Contains(stderr, "diverged") || strings.Count(stderr, "\n") != 1 {
		t.Fatalf("diverging run: exit %d, stderr %q", code, stderr)
	}
	if !strings.Contains(stdout, `"verdict"`) {
		t.Fatalf("a diverged run still prints its final line, got %q", stdout)
	}
}

func TestReport(t *testing.T) {
	code, stdout, stderr := runCLI(report, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(rows) != 2 || !strings.Contains(rows[1], `"figure":"T.2"`) {
		t.Fatalf("want one JSON row per scene, got %q", stdout)
	}
	code, stdout, _ = runCLI(report)
	if code != 0 || !strings.Contains(stdout, "T.1") || !strings.Contains(stdout, "REPRODUCED") {
		t.Fatalf("table: exit %d, %q", code, stdout)
	}
	for _, args := range [][]string{{"--budget", "soon"}, {"extra"}, {"--budget", "-1s"}} {
		code, _, stderr := runCLI(report, args...)
		if code != 2 || strings.Count(stderr, "\n") != 1 {
			t.Errorf("report %v: exit %d, stderr %q", args, code, stderr)
		}
	}
}

// A scene with report runs gets a row for each, with its parameters set
// and named.
func TestReportRunsEachDeclaredVariant(t *testing.T) {
	wave := scenetest.Wave
	wave.Reports = []scenes.Report{
		{Figure: "T.1a", Set: map[string]string{"budget": "3"}},
		{Figure: "T.1b", Set: map[string]string{"budget": "5", "shape": "square"}},
	}
	var stdout, stderr bytes.Buffer
	c := cli{scenes: []scenes.Scene{wave}, stdout: &stdout, stderr: &stderr}
	if code := report(context.Background(), c, []string{"--json"}); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	rows := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(rows) != 2 {
		t.Fatalf("want a row per report run, got %q", stdout.String())
	}
	for i, want := range []string{`"points":3`, `"points":5`} {
		if !strings.Contains(rows[i], want) || !strings.Contains(rows[i], `"set":{`) {
			t.Errorf("row %d = %s, want %s and its settings", i, rows[i], want)
		}
	}
	stdout.Reset()
	if code := report(context.Background(), c, nil); code != 0 {
		t.Fatalf("table: exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "wave budget=5 shape=square") {
		t.Errorf("the table does not name the run's settings: %q", stdout.String())
	}
}

// A seed that is not a whole number from 0 up is refused with one line
// that says what is wanted, by every command that takes one.
func TestBadSeedSaysWhatIsWanted(t *testing.T) {
	const want = `invalid value "-1" for flag -seed: want a whole number from 0 up`
	requireUsageError(t, want, runScene, "wave", "--seed", "-1")
	requireUsageError(t, want, report, "--seed", "-1")
	requireUsageError(t, want, runServe, "--open", "--seed", "-1")
}
