package serve

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/log"
	gossh "golang.org/x/crypto/ssh"

	"replab/scenes"
	"replab/tui/scenetest"
)

// testServer is a server listening on a free loopback port.
type testServer struct {
	*Server
	addr     string
	served   chan error
	stopOnce sync.Once
}

// startServer serves cfg (with a fresh host key and the test scenes unless
// cfg says otherwise) on 127.0.0.1:0 and shuts it down when the test ends.
func startServer(t testing.TB, cfg Config) *testServer {
	t.Helper()
	if cfg.HostKey == nil {
		cfg.HostKey = newSigner(t)
	}
	if cfg.Scenes == nil {
		cfg.Scenes = scenetest.All()
	}
	if cfg.Logger == nil {
		cfg.Logger = log.New(testLogWriter{t})
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{Server: srv, addr: ln.Addr().String(), served: make(chan error, 1)}
	go func() { ts.served <- srv.Serve(ln) }()
	t.Cleanup(func() { ts.stop(t) })
	return ts
}

// stop shuts the server down, once, and checks that Serve returned
// cleanly.
func (ts *testServer) stop(t testing.TB) {
	ts.stopOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := ts.Shutdown(ctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
		if err := <-ts.served; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
}

// testLogWriter sends the server's log to the test's log.
type testLogWriter struct{ t testing.TB }

func (w testLogWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func newSigner(t testing.TB) gossh.Signer {
	t.Helper()
	_, private, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(private)
	if err != nil {
		t.Fatal(err)
	}
	return signer
}

// dial connects a terminal or fails the test; the client is closed when
// the test ends.
func dial(t testing.TB, addr string, opts termOptions) *testTerm {
	t.Helper()
	tt, err := dialTerm(addr, opts)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	t.Cleanup(tt.close)
	return tt
}

// check fails the test on err.
func check(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// expect is waitFor that fails the test.
func (tt *testTerm) expect(t testing.TB, mark int, pattern string) []string {
	t.Helper()
	match, err := tt.waitFor(mark, pattern)
	check(t, err)
	return match
}

// expectExit is waitExit that fails the test.
func (tt *testTerm) expectExit(t testing.TB) int {
	t.Helper()
	code, err := tt.waitExit()
	check(t, err)
	return code
}

// busyScene is the wave scene with a budget that outlasts any test and a
// step that computes for about burnPerStep, like a small training step.
func busyScene() scenes.Scene {
	sc := scenetest.Wave
	sc.Name, sc.Title = "busy", "a wave that keeps computing"
	sc.Params = slices.Clone(sc.Params)
	for i := range sc.Params {
		switch sc.Params[i].Name {
		case "budget":
			sc.Params[i].Default = "100000"
		case "delay":
			sc.Params[i].Default = "0"
		}
	}
	build := sc.New
	sc.New = func(cfg scenes.Config) (scenes.Experiment, error) {
		exp, err := build(cfg)
		return burningExperiment{exp}, err
	}
	return sc
}

// burnPerStep is the CPU time a busy step spends.
const burnPerStep = time.Millisecond

// burningExperiment spends burnPerStep of CPU in each step.
type burningExperiment struct{ scenes.Experiment }

func (e burningExperiment) Step(ctx context.Context) error {
	sum := 0.0
	for start := time.Now(); time.Since(start) < burnPerStep; {
		for i := range 1000 {
			sum += float64(i) * 1e-9
		}
	}
	if sum < 0 {
		return nil // never: keeps the loop from being optimised away
	}
	return e.Experiment.Step(ctx)
}

// stepOf parses a "step N" match.
func stepOf(t testing.TB, match []string) int {
	t.Helper()
	n, err := strconv.Atoi(match[1])
	check(t, err)
	return n
}
