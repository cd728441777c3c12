package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"time"

	"replab/core"
)

const benchUsage = "replab bench [--json] [--time 2s]"

// cmdBench measures the core's training throughput on the workloads of the
// PyTorch anchor (shared/anchors/torch_mlp.py) and Gemm's speed, one line
// per workload, or one JSON object per line with --json.
func cmdBench(args []string) int {
	fs := newFlagSet("replab bench")
	asJSON := fs.Bool("json", false, "one JSON object per line")
	duration := fs.Duration("time", 2*time.Second, "timed duration of each workload")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return usageError("replab bench: unexpected argument %q (usage: %s)", fs.Arg(0), benchUsage)
	}
	if *duration <= 0 || *duration > 10*time.Minute {
		return usageError("replab bench: --time %v outside (0, 10m] (usage: %s)", *duration, benchUsage)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	for _, measure := range benchMeasures(*duration) {
		result, err := measure(ctx)
		if err != nil {
			fmt.Fprintln(os.Stderr, "replab bench:", err)
			return 1
		}
		printBenchResult(result, *asJSON)
	}
	return 0
}

// benchMeasures lists the measurements of `replab bench`, in order.
func benchMeasures(d time.Duration) []func(context.Context) (core.BenchResult, error) {
	var list []func(context.Context) (core.BenchResult, error)
	for _, w := range core.BenchWorkloads {
		list = append(list, func(ctx context.Context) (core.BenchResult, error) {
			return core.MeasureWorkload(ctx, w, d, core.TrainerOptions{})
		})
	}
	// The gan scene's adversarial step (owner: the gan scene).
	list = append(list, func(ctx context.Context) (core.BenchResult, error) {
		return core.MeasureGANStep(ctx, d)
	})
	for _, n := range []int{256, 1024} {
		list = append(list, func(ctx context.Context) (core.BenchResult, error) {
			return core.MeasureGemm(ctx, n, d)
		})
	}
	return list
}

func printBenchResult(r core.BenchResult, asJSON bool) {
	if asJSON {
		line, _ := json.Marshal(struct {
			Workload    string  `json:"workload"`
			SamplesPerS int64   `json:"samples_per_s,omitempty"` // none for a bare GEMM
			GFLOPS      float64 `json:"gflops"`
			Workers     int     `json:"workers"`
		}{r.Workload, int64(r.SamplesPerS + 0.5), float64(int64(r.GFLOPS*100+0.5)) / 100, r.Workers})
		fmt.Println(string(line))
		return
	}
	if r.SamplesPerS == 0 {
		fmt.Printf("%-18s workers=%d %22s GFLOP/s=%7.2f\n", r.Workload, r.Workers, "", r.GFLOPS)
		return
	}
	fmt.Printf("%-18s workers=%d samples/s=%12.0f GFLOP/s=%7.2f\n",
		r.Workload, r.Workers, r.SamplesPerS, r.GFLOPS)
}
