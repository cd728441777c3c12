package serve

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"net"
	"regexp"
	"sync"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// Terminal queries a session's renderer sends when it starts, and the
// answers a dark xterm gives.
const (
	queryAttributes       = "\x1b[c"
	answerBackground      = "\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\"
	answerLightBackground = "\x1b]11;rgb:fafa/fafa/fafa\x1b\\"
	answerAttributes      = "\x1b[?62;22c"
)

// waitLimit bounds every wait for the server: a guard against deadlocks,
// not a speed requirement.
const waitLimit = 60 * time.Second

// termOptions say how a test client connects.
type termOptions struct {
	noPTY  bool
	signer gossh.Signer // nil: no authentication (an open server)
	width  int
	height int
	term   string            // TERM; "" for xterm-256color
	env    map[string]string // variables sent before the shell starts
	silent bool              // answer no terminal query
	light  bool              // answer with a light background
}

// testTerm is an SSH client with a terminal that behaves like one as far
// as the lab needs: it answers the background-colour and device-attribute
// queries and keeps everything the server wrote, so tests can look for
// text with the escape sequences stripped.
type testTerm struct {
	conn   net.Conn // the raw connection, for cutting it off abruptly
	client *gossh.Client
	sess   *gossh.Session
	stdin  io.WriteCloser
	exited chan error // the session's exit (nil for status 0)

	mu       sync.Mutex
	raw      []byte
	answered bool          // or silent
	output   chan struct{} // signalled when output arrives

	background string // the answer to the background query
}

// dialTerm connects to addr, asks for a PTY (unless told not to) and
// starts a shell.
func dialTerm(addr string, opts termOptions) (*testTerm, error) {
	conn, err := net.DialTimeout("tcp", addr, waitLimit)
	if err != nil {
		return nil, err
	}
	cfg := &gossh.ClientConfig{User: "student", HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout: waitLimit}
	if opts.signer != nil {
		cfg.Auth = []gossh.AuthMethod{gossh.PublicKeys(opts.signer)}
	}
	c, chans, reqs, err := gossh.NewClientConn(conn, addr, cfg)
	if err != nil {
		conn.Close()
		return nil, err
	}
	tt := &testTerm{conn: conn, client: gossh.NewClient(c, chans, reqs),
		exited: make(chan error, 1), output: make(chan struct{}, 1), answered: opts.silent,
		background: answerBackground}
	if opts.light {
		tt.background = answerLightBackground
	}
	if err := tt.start(opts); err != nil {
		tt.close()
		return nil, err
	}
	return tt, nil
}

// start opens the session, its pipes and its shell.
func (tt *testTerm) start(opts termOptions) error {
	sess, err := tt.client.NewSession()
	if err != nil {
		return err
	}
	tt.sess = sess
	for k, v := range opts.env {
		if err := sess.Setenv(k, v); err != nil {
			return err
		}
	}
	if !opts.noPTY {
		w, h := max(opts.width, 80), max(opts.height, 24)
		term := cmp.Or(opts.term, "xterm-256color")
		if err := sess.RequestPty(term, h, w, gossh.TerminalModes{}); err != nil {
			return err
		}
	}
	return tt.attach()
}

// attach connects the session's pipes, starts its shell and the pumps
// that keep its output.
func (tt *testTerm) attach() error {
	sess := tt.sess
	var err error
	if tt.stdin, err = sess.StdinPipe(); err != nil {
		return err
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		return err
	}
	stderr, err := sess.StderrPipe()
	if err != nil {
		return err
	}
	if err := sess.Shell(); err != nil {
		return err
	}
	var pumps sync.WaitGroup
	pumps.Add(2)
	go tt.pump(stdout, &pumps)
	go tt.pump(stderr, &pumps)
	go func() {
		err := sess.Wait()
		pumps.Wait()
		tt.exited <- err
	}()
	return nil
}

// pump keeps what r yields and answers the terminal queries once.
func (tt *testTerm) pump(r io.Reader, done *sync.WaitGroup) {
	defer done.Done()
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		tt.mu.Lock()
		tt.raw = append(tt.raw, buf[:n]...)
		answer := !tt.answered && bytes.Contains(tt.raw, []byte(queryAttributes))
		tt.answered = tt.answered || answer
		tt.mu.Unlock()
		select {
		case tt.output <- struct{}{}:
		default:
		}
		if answer {
			_, _ = io.WriteString(tt.stdin, tt.background+answerAttributes)
		}
		if err != nil {
			return
		}
	}
}

// mark is a position in the output: waits from a mark see only what came
// after it.
func (tt *testTerm) mark() int {
	tt.mu.Lock()
	defer tt.mu.Unlock()
	return len(tt.raw)
}

// text returns the output after mark with escape sequences stripped.
func (tt *testTerm) text(mark int) string {
	tt.mu.Lock()
	raw := string(tt.raw[mark:])
	tt.mu.Unlock()
	return ansi.Strip(raw)
}

// waitFor waits until the output after mark matches pattern and returns
// the submatches of its last match.
func (tt *testTerm) waitFor(mark int, pattern string) ([]string, error) {
	re := regexp.MustCompile(pattern)
	deadline := time.Now().Add(waitLimit)
	for {
		if all := re.FindAllStringSubmatch(tt.text(mark), -1); len(all) > 0 {
			return all[len(all)-1], nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("no %q within %s; output ends %q", pattern, waitLimit,
				tail(tt.text(mark), 300))
		}
		select {
		case <-tt.output:
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// press sends keys as a terminal would.
func (tt *testTerm) press(keys string) error {
	_, err := io.WriteString(tt.stdin, keys)
	return err
}

// waitExit waits for the session to end and returns its exit status.
func (tt *testTerm) waitExit() (int, error) {
	select {
	case err := <-tt.exited:
		var exit *gossh.ExitError
		switch {
		case err == nil:
			return 0, nil
		case errors.As(err, &exit):
			return exit.ExitStatus(), nil
		default:
			return -1, err
		}
	case <-time.After(waitLimit):
		return -1, fmt.Errorf("session did not end within %s", waitLimit)
	}
}

// cut drops the TCP connection without any SSH goodbye.
func (tt *testTerm) cut() { tt.conn.Close() }

// close ends the client politely.
func (tt *testTerm) close() { tt.client.Close() }

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}
