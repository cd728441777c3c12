package serve

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"replab/core"
	"replab/scenes"
	"replab/scenes/catalog"
	"replab/tui/scenetest"
)

// latencySessions is how many busy sessions BenchmarkKeyLatency keeps open.
const latencySessions = 32

// BenchmarkKeyLatency measures keypress-to-screen time while 32 sessions
// train: each session toggles its help screen (? then esc) and times each
// key from the write until the text it brings arrives. The clients run in
// this process too, so they take their share of the same cores; the
// figures are an upper bound for what remote students would see. Training
// gets all cores but one (serve's default) or all of them.
//
//	go test ./serve -run '^$' -bench KeyLatency -benchtime 5x
func BenchmarkKeyLatency(b *testing.B) {
	sets := map[string][]scenes.Scene{
		"idle":      scenetest.All(), // the wave finishes in under a second
		"busy-wave": {busyScene(), scenetest.Grid},
		"gan":       ganFirst(b),
	}
	cores := runtime.GOMAXPROCS(0)
	defer core.SetWorkerBudget(core.WorkerBudget())
	for _, name := range []string{"idle", "busy-wave", "gan"} {
		for _, workers := range slices.Compact([]int{max(1, cores-1), cores}) {
			b.Run(fmt.Sprintf("%s/workers=%d", name, workers), func(b *testing.B) {
				core.SetWorkerBudget(workers)
				benchmarkKeyLatency(b, sets[name])
			})
		}
	}
}

// benchmarkKeyLatency serves list to 32 sessions and has each toggle its
// help b.N times.
func benchmarkKeyLatency(b *testing.B, list []scenes.Scene) {
	ts := startServer(b, Config{Open: true, Scenes: list})
	terms := openSessions(b, ts.addr, latencySessions)
	b.ResetTimer()
	latencies := pressAll(b, terms, b.N)
	b.StopTimer()
	reportLatencies(b, latencies)
	for _, tt := range terms {
		tt.close()
	}
}

// ganFirst is the catalog with the GAN scene (a training loop that runs
// for minutes) as the first tab.
func ganFirst(b testing.TB) []scenes.Scene {
	all := catalog.All()
	i := slices.IndexFunc(all, func(s scenes.Scene) bool { return s.Name == "gan" })
	if i < 0 {
		b.Skip("no gan scene in the catalog")
	}
	return append([]scenes.Scene{all[i]}, slices.Delete(all, i, i+1)...)
}

// openSessions connects n terminals and waits until each shows its lab.
func openSessions(b testing.TB, addr string, n int) []*testTerm {
	terms := make([]*testTerm, n)
	var wg sync.WaitGroup
	for i := range terms {
		wg.Go(func() {
			tt, err := dialTerm(addr, termOptions{})
			if err == nil {
				_, err = tt.waitFor(0, `─parameters─`)
			}
			if err != nil {
				b.Errorf("session %d: %v", i, err)
				return
			}
			terms[i] = tt
		})
	}
	wg.Wait()
	if b.Failed() {
		b.FailNow()
	}
	return terms
}

// pressAll has every session toggle its help rounds times, all at once,
// and returns every key's latency.
func pressAll(b testing.TB, terms []*testTerm, rounds int) []time.Duration {
	var mu sync.Mutex
	var all []time.Duration
	var wg sync.WaitGroup
	for i, tt := range terms {
		wg.Go(func() {
			mine, err := toggleHelp(tt, rounds)
			if err != nil {
				b.Errorf("session %d: %v", i, err)
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	return all
}

// toggleHelp opens and closes the help rounds times, timing each key.
func toggleHelp(tt *testTerm, rounds int) ([]time.Duration, error) {
	var out []time.Duration
	for range rounds {
		for _, step := range []struct{ key, shows string }{
			{"?", `help: `}, {"\x1b", `─parameters─`},
		} {
			m := tt.mark()
			start := time.Now()
			if err := tt.press(step.key); err != nil {
				return out, err
			}
			if _, err := tt.waitFor(m, step.shows); err != nil {
				return out, err
			}
			out = append(out, time.Since(start))
		}
	}
	return out, nil
}

func reportLatencies(b *testing.B, d []time.Duration) {
	if len(d) == 0 {
		return
	}
	slices.Sort(d)
	ms := func(q float64) float64 {
		return float64(d[int(q*float64(len(d)-1))]) / float64(time.Millisecond)
	}
	b.ReportMetric(ms(0.5), "p50-ms")
	b.ReportMetric(ms(0.95), "p95-ms")
	b.ReportMetric(ms(1), "max-ms")
	b.ReportMetric(0, "ns/op") // the loop's time says nothing here
}

// BenchmarkSessionMemory measures what a session costs: Go heap in use
// (after a collection) and the process's resident set, per session, with
// 8 sessions idle (the first scene finished) or training (the GAN scene
// running), against the server before any session. The resident set is
// only meaningful in a fresh process (freed pages stay with it), so run
// one sub-benchmark once:
//
//	go test ./serve -run '^$' -bench SessionMemory/training -benchtime 1x
func BenchmarkSessionMemory(b *testing.B) {
	const sessions = 8
	for _, mode := range []struct {
		name   string
		scenes func(testing.TB) []scenes.Scene
		ready  string        // text on screen once the session is in that state
		settle time.Duration // then how long to let it run
	}{
		{"idle", func(testing.TB) []scenes.Scene { return catalog.All() }, `finished`, 0},
		{"training", ganFirst, `running`, 2 * time.Second},
	} {
		b.Run(mode.name, func(b *testing.B) {
			for range b.N {
				ts := startServer(b, Config{Open: true, Scenes: mode.scenes(b)})
				heap0, rss0 := memoryNow()
				terms := openSessions(b, ts.addr, sessions)
				for i, tt := range terms {
					if _, err := tt.waitFor(0, mode.ready); err != nil {
						b.Fatalf("session %d: %v", i, err)
					}
				}
				time.Sleep(mode.settle)
				heap1, rss1 := memoryNow()
				heap1 -= clientBuffers(terms) // the test's own clients keep all output
				b.ReportMetric(float64(heap1-heap0)/sessions/(1<<20), "heapMiB/session")
				b.ReportMetric(float64(rss1-rss0)/sessions/(1<<20), "rssMiB/session")
				for _, tt := range terms {
					tt.close()
				}
				ts.stop(b)
			}
			b.ReportMetric(0, "ns/op")
		})
	}
}

// clientBuffers is the memory the test clients hold for the output they
// received.
func clientBuffers(terms []*testTerm) int64 {
	total := 0
	for _, tt := range terms {
		tt.mu.Lock()
		total += cap(tt.raw)
		tt.mu.Unlock()
	}
	return int64(total)
}

// memoryNow returns the heap in use after a collection and the resident
// set size (0 where /proc is missing).
func memoryNow() (heap, rss int64) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapInuse), residentBytes()
}

// residentBytes reads VmRSS from /proc/self/status.
func residentBytes() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kib, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err == nil {
				return kib << 10
			}
		}
	}
	return 0
}
