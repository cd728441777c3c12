package serve

import (
	"context"
	"io"
	"net"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"go.uber.org/goleak"
	gossh "golang.org/x/crypto/ssh"

	"replab/scenes"
	"replab/scenes/catalog"
	"replab/tui/scenetest"
)

// Escape sequences that give a terminal back: leave the alternate screen,
// show the cursor.
const (
	leaveAltScreen = "\x1b[?1049l"
	showCursor     = "\x1b[?25h"
)

// TestLabOverSSH: a client with a terminal gets the lab, switches scenes
// with keys, is redrawn when its window changes, and quits with q, which
// restores its terminal and frees the session.
func TestLabOverSSH(t *testing.T) {
	ts := startServer(t, Config{Open: true})
	tt := dial(t, ts.addr, termOptions{})
	tt.expect(t, 0, `1 wave T\.1 │ 2 grid`)
	tt.expect(t, 0, `Fig\. T\.1  a wave drawn`)

	m := tt.mark()
	check(t, tt.press("2"))
	tt.expect(t, m, `Fig\. T\.2  a raster that brightens`)

	m = tt.mark()
	check(t, tt.sess.WindowChange(10, 40))
	tt.expect(t, m, `terminal too small`)
	m = tt.mark()
	check(t, tt.sess.WindowChange(30, 100))
	tt.expect(t, m, `Fig\. T\.2`)

	m = tt.mark()
	check(t, tt.press("q"))
	if code := tt.expectExit(t); code != 0 {
		t.Fatalf("exit status %d after q, want 0", code)
	}
	tt.mu.Lock()
	after := string(tt.raw[m:])
	tt.mu.Unlock()
	if !strings.Contains(after, leaveAltScreen) || !strings.Contains(after, showCursor) {
		t.Fatalf("quitting did not restore the terminal: %q", tail(after, 200))
	}
	waitActive(t, ts, 0)
}

// TestCatalogScenesOverSSH runs the real lab: its tab bar shows and 2
// switches to the mixture scene of Fig. 15.4.
func TestCatalogScenesOverSSH(t *testing.T) {
	ts := startServer(t, Config{Open: true, Scenes: catalog.All()})
	tt := dial(t, ts.addr, termOptions{width: 120, height: 40})
	tt.expect(t, 0, `1 partitions .*│ 2 mixture`)
	m := tt.mark()
	check(t, tt.press("2"))
	tt.expect(t, m, `Fig\. 15\.4 `)
	check(t, tt.press("q"))
	tt.expectExit(t)
}

// TestBusySessionsAllAnswer: 32 sessions, each training, all see their
// screens move on and answer a key. The waits are deadlock guards; how
// fast they answer is measured by BenchmarkKeyLatency.
func TestBusySessionsAllAnswer(t *testing.T) {
	const sessions = 32
	ts := startServer(t, Config{Open: true, Scenes: []scenes.Scene{busyScene(), scenetest.Grid}})
	var wg sync.WaitGroup
	for i := range sessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := useBusySession(t, ts.addr); err != nil {
				t.Errorf("session %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	waitActive(t, ts, 0)
}

// useBusySession connects, waits until the step count on screen rises,
// opens the help with ? and quits.
func useBusySession(t *testing.T, addr string) error {
	tt, err := dialTerm(addr, termOptions{})
	if err != nil {
		return err
	}
	defer tt.close()
	first, err := tt.waitFor(0, `step (\d+) `)
	if err != nil {
		return err
	}
	for step := stepOf(t, first); ; {
		m := tt.mark()
		next, err := tt.waitFor(m, `step (\d+) `)
		if err != nil {
			return err
		}
		if stepOf(t, next) > step {
			break
		}
	}
	m := tt.mark()
	if err := tt.press("?"); err != nil {
		return err
	}
	if _, err := tt.waitFor(m, `help: busy`); err != nil {
		return err
	}
	if err := tt.press("q"); err != nil {
		return err
	}
	_, err = tt.waitExit()
	return err
}

// TestCutSessionsLeaveNothing: clients that drop their connections in
// the middle of a session free it, the server keeps serving the others
// and new ones, and once it is shut down no goroutine is left.
func TestCutSessionsLeaveNothing(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	ts := startServer(t, Config{Open: true, Scenes: []scenes.Scene{busyScene()}})
	var terms []*testTerm
	for range 4 {
		tt := dial(t, ts.addr, termOptions{})
		tt.expect(t, 0, `step \d+ `)
		terms = append(terms, tt)
	}
	terms[0].cut()
	terms[2].cut()
	waitActive(t, ts, 2)

	late := dial(t, ts.addr, termOptions{})
	late.expect(t, 0, `1 busy`)
	m := terms[1].mark()
	check(t, terms[1].press("?"))
	terms[1].expect(t, m, `help: busy`)
	for _, tt := range []*testTerm{terms[1], terms[3], late} {
		check(t, tt.press("q"))
		tt.expectExit(t)
		tt.close()
	}
	ts.stop(t)
}

// TestRefusals: a client over the session cap, and one without a
// terminal, each get one line saying why and exit status 1; a place
// freed is taken by the next client.
func TestRefusals(t *testing.T) {
	ts := startServer(t, Config{Open: true, MaxSessions: 1})
	first := dial(t, ts.addr, termOptions{})
	first.expect(t, 0, `1 wave`)

	tests := []struct {
		name string
		opts termOptions
		want string
	}{
		{"over the cap", termOptions{}, `^replab: the lab is full \(it takes 1 at once\); try again`},
		{"no terminal", termOptions{noPTY: true}, `^replab: .* this session has no terminal; ` +
			`connect with ssh -t\s*$`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tt := dial(t, ts.addr, tc.opts)
			if code := tt.expectExit(t); code != 1 {
				t.Errorf("exit status %d, want 1", code)
			}
			text := tt.text(0)
			if strings.Count(strings.TrimSpace(text), "\n") != 0 {
				t.Errorf("want one line, got %q", text)
			}
			tt.expect(t, 0, tc.want)
		})
	}

	check(t, first.press("q"))
	first.expectExit(t)
	waitActive(t, ts, 0)
	next := dial(t, ts.addr, termOptions{})
	next.expect(t, 0, `1 wave`)
}

// TestAuthorizedKeysOnly: under an allow-list the listed key gets in; an
// unknown key and no key at all are refused.
func TestAuthorizedKeysOnly(t *testing.T) {
	known, stranger := newSigner(t), newSigner(t)
	ts := startServer(t, Config{AuthorizedKeys: []gossh.PublicKey{known.PublicKey()}})

	tt := dial(t, ts.addr, termOptions{signer: known})
	tt.expect(t, 0, `1 wave`)
	for name, signer := range map[string]gossh.Signer{"unknown key": stranger, "no key": nil} {
		if tt, err := dialTerm(ts.addr, termOptions{signer: signer}); err == nil {
			tt.close()
			t.Errorf("%s: got in", name)
		} else if !strings.Contains(err.Error(), "unable to authenticate") {
			t.Errorf("%s: %v, want an authentication failure", name, err)
		}
	}
}

// TestSessionTimeLimit: a session that reaches the limit is ended with a
// line saying so, after its terminal is restored.
func TestSessionTimeLimit(t *testing.T) {
	ts := startServer(t, Config{Open: true, MaxSessionTime: 300 * time.Millisecond})
	tt := dial(t, ts.addr, termOptions{})
	tt.expect(t, 0, `1 wave`)
	if code := tt.expectExit(t); code != 0 {
		t.Errorf("exit status %d, want 0", code)
	}
	requireGoodbye(t, tt, "your session reached its time limit of 300ms")
}

// TestShutdownTellsSessions: shutting down ends every session with a line
// after restoring its terminal, within the deadline.
func TestShutdownTellsSessions(t *testing.T) {
	ts := startServer(t, Config{Open: true})
	var terms []*testTerm
	for range 3 {
		tt := dial(t, ts.addr, termOptions{})
		tt.expect(t, 0, `1 wave`)
		go func() { _, _ = tt.waitExit(); tt.close() }() // as ssh does
		terms = append(terms, tt)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := ts.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	for _, tt := range terms {
		requireGoodbye(t, tt, "the lab is closing")
	}
}

// requireGoodbye checks that the session ended with line, written after
// the terminal left the alternate screen.
func requireGoodbye(t *testing.T, tt *testTerm, line string) {
	t.Helper()
	tt.mu.Lock()
	raw := string(tt.raw)
	tt.mu.Unlock()
	restored, said := strings.LastIndex(raw, leaveAltScreen), strings.LastIndex(raw, line)
	if restored < 0 || said < restored {
		t.Fatalf("want the terminal restored, then %q; output ends %q", line, tail(raw, 300))
	}
}

// waitActive waits until the server counts n sessions.
func waitActive(t testing.TB, ts *testServer, n int) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for ts.Active() != n {
		if time.Now().After(deadline) {
			t.Fatalf("%d sessions active, want %d", ts.Active(), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestSignalEndsSessionsThroughShutdown: on SIGTERM the host shuts the
// server down and every session is told so. The sessions' programs must
// not catch the signal themselves: if they did, they would quit on their
// own and say nothing.
func TestSignalEndsSessionsThroughShutdown(t *testing.T) {
	signalled, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	ts := startServer(t, Config{Open: true})
	tt := dial(t, ts.addr, termOptions{})
	tt.expect(t, 0, `1 wave`)
	go func() { _, _ = tt.waitExit(); tt.close() }()

	check(t, syscall.Kill(os.Getpid(), syscall.SIGTERM))
	<-signalled.Done()
	time.Sleep(50 * time.Millisecond) // time for a program that caught it to quit
	ts.stop(t)
	requireGoodbye(t, tt, "the lab is closing")
}

// TestSilentTerminalGetsLab: a terminal that answers no query still gets
// the lab without pressing anything, and its first key counts.
func TestSilentTerminalGetsLab(t *testing.T) {
	ts := startServer(t, Config{Open: true})
	tt := dial(t, ts.addr, termOptions{silent: true})
	tt.expect(t, 0, `Fig\. T\.1`)
	m := tt.mark()
	check(t, tt.press("2"))
	tt.expect(t, m, `Fig\. T\.2`)
}

// TestColoursFollowTerminal: each session draws in the colours its own
// terminal has: none for a dumb one, 256 for xterm-256color, 24-bit when
// the client says COLORTERM=truecolor, and a light background changes
// the colours chosen.
func TestColoursFollowTerminal(t *testing.T) {
	ts := startServer(t, Config{Open: true})
	sgr := regexp.MustCompile(`\x1b\[[0-9;]*m`)
	tests := []struct {
		name       string
		opts       termOptions
		want, deny string // in the colour escapes drawn
	}{
		{"dumb", termOptions{term: "dumb"}, "", "38;"},
		{"256 colours", termOptions{}, "38;5;", "38;2;"},
		{"truecolor", termOptions{env: map[string]string{"COLORTERM": "truecolor"}},
			"38;2;", "38;5;"},
		{"256 colours, light", termOptions{light: true}, "38;5;", "38;2;"},
	}
	drawn := map[string]string{}
	for _, tc := range tests {
		tt := dial(t, ts.addr, tc.opts)
		tt.expect(t, 0, `─parameters─`)
		tt.mu.Lock()
		codes := strings.Join(sgr.FindAllString(string(tt.raw), -1), "")
		tt.mu.Unlock()
		if !strings.Contains(codes, tc.want) || (tc.deny != "" && strings.Contains(codes,
			tc.deny)) {
			t.Errorf("%s: colour escapes %q, want %q and no %q", tc.name, tail(codes, 200),
				tc.want, tc.deny)
		}
		drawn[tc.name] = codes
	}
	if drawn["256 colours"] == drawn["256 colours, light"] {
		t.Error("a light background drew the same colours as a dark one")
	}
}

// TestHandshakeTimeout: a connection that never authenticates is cut at
// the handshake deadline, while a session that opened in time outlives it.
func TestHandshakeTimeout(t *testing.T) {
	const limit = 200 * time.Millisecond
	ts := startServer(t, Config{Open: true, HandshakeTimeout: limit})
	tt := dial(t, ts.addr, termOptions{})
	tt.expect(t, 0, `1 wave`)

	mute, err := net.Dial("tcp", ts.addr)
	check(t, err)
	defer mute.Close()
	check(t, mute.SetReadDeadline(time.Now().Add(waitLimit)))
	if _, err := io.Copy(io.Discard, mute); err != nil {
		t.Fatalf("a mute connection was not closed by the server: %v", err)
	}

	time.Sleep(2 * limit)
	m := tt.mark()
	check(t, tt.press("2"))
	tt.expect(t, m, `Fig\. T\.2`)
}

// TestShutdownBeforeServe: a server shut down before its Serve runs (a
// signal right at start) does not go on serving.
func TestShutdownBeforeServe(t *testing.T) {
	srv, err := New(Config{Open: true, HostKey: newSigner(t), Scenes: scenetest.All()})
	check(t, err)
	check(t, srv.Shutdown(context.Background()))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(t, err)
	if err := srv.Serve(ln); err != nil {
		t.Fatalf("serve after shutdown: %v", err)
	}
	if conn, err := net.Dial("tcp", ln.Addr().String()); err == nil {
		conn.Close()
		t.Fatal("the listener still accepts connections")
	}
}
