// Package serve serves the lab over SSH (`replab serve`): every SSH
// session with a terminal gets its own tui.App, with its own scenes and
// training, drawn with a renderer made for that session so that colours
// follow the client's terminal, and resized with the client's window.
//
// Access is by an authorized_keys allow-list, or open to anyone only when
// the operator says so. Limits cap the number of sessions and their
// length; a client over the cap, or without a terminal, is told so in one
// line. All sessions' training shares core's process-wide worker budget,
// and a step gate (see stepGate) admits only as many steps at once as
// there are workers, so many busy sessions keep every screen responsive.
// Shutdown tells each session in a line, restores its terminal and ends
// within the caller's deadline. Connections that have not opened a
// session within HandshakeTimeout are cut.
//
// Limits: PTYs are emulated (no kernel PTY per session), so the lab's
// programs read the session's bytes directly, and terminal modes the
// client asks for are ignored. The background colour is asked of the
// client's terminal when a session starts; one that does not answer waits
// half a second and is taken to be dark. A client that stops reading
// (a suspended ssh) stalls its own session's drawing, not the others';
// its place is freed only when the connection drops, the time limit
// passes or the server shuts down (then it is cut after quitGrace).
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	gossh "golang.org/x/crypto/ssh"

	"replab/core"
	"replab/scenes"
)

// Config says how to serve.
type Config struct {
	// HostKey is the server's identity (see LoadOrCreateHostKey).
	HostKey gossh.Signer

	// AuthorizedKeys lets in only clients holding one of these keys.
	// Without any, Open must be set: then anyone who reaches the address
	// gets in.
	AuthorizedKeys []gossh.PublicKey
	Open           bool

	// MaxSessions caps the sessions open at once (0: no cap).
	MaxSessions int
	// MaxSessionTime ends a session after this long (0: no limit).
	MaxSessionTime time.Duration
	// HandshakeTimeout cuts connections that have not authenticated and
	// opened a session by then (0: 30 seconds).
	HandshakeTimeout time.Duration

	Scenes []scenes.Scene // the tabs of every session's lab, in order
	Seed   uint64         // seed of every scene's first run

	// Logger receives start, connect, disconnect and error lines; nil
	// discards them.
	Logger *log.Logger
}

// quitGrace is how long a session's lab may take to end when asked
// before its connection is cut.
const quitGrace = 2 * time.Second

// Server serves the lab over SSH. Serve it on a listener; Shutdown ends it.
type Server struct {
	cfg    Config
	ssh    *ssh.Server
	log    *log.Logger
	scenes []scenes.Scene // cfg.Scenes, stepping through gate

	quit      chan struct{} // closed when shutdown begins
	quitOnce  sync.Once
	quitGrace time.Duration // how long a lab may take to end when asked

	mu        sync.Mutex
	active    int            // sessions running a lab
	listeners []net.Listener // closed by Shutdown
	nextID    atomic.Int64
}

// New checks cfg and builds a server. It returns an error when there is
// no host key or no scene, or when access is neither restricted to keys
// nor explicitly open.
func New(cfg Config) (*Server, error) {
	switch {
	case cfg.HostKey == nil:
		return nil, errors.New("serve: no host key")
	case len(cfg.Scenes) == 0:
		return nil, errors.New("serve: no scenes to serve")
	case cfg.Open && len(cfg.AuthorizedKeys) > 0:
		return nil, errors.New("serve: open access and an authorized-keys list exclude each other")
	case !cfg.Open && len(cfg.AuthorizedKeys) == 0:
		return nil, errors.New("serve: refusing to serve without authorized keys unless open")
	case cfg.MaxSessions < 0 || cfg.MaxSessionTime < 0 || cfg.HandshakeTimeout < 0:
		return nil, errors.New("serve: limits and timeouts cannot be negative")
	}
	s := &Server{cfg: cfg, log: cfg.Logger, quit: make(chan struct{}), quitGrace: quitGrace}
	if s.log == nil {
		s.log = log.New(io.Discard)
	}
	s.scenes = newStepGate(core.WorkerBudget()).wrap(cfg.Scenes)
	srv, err := wish.NewServer(s.options()...)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	s.ssh = srv
	return s, nil
}

// options are the SSH server's settings: host key, authentication, the
// session handler and a log line for failed connections.
func (s *Server) options() []ssh.Option {
	opts := []ssh.Option{
		func(srv *ssh.Server) error {
			srv.AddHostKey(s.cfg.HostKey)
			srv.Handler = s.handle
			srv.ConnectionFailedCallback = s.connectionFailed
			srv.ConnCallback = s.guardConn
			return nil
		},
	}
	if !s.cfg.Open {
		opts = append(opts, wish.WithPublicKeyAuth(s.authorized))
	}
	return opts
}

// authorized reports whether key is on the allow-list.
func (s *Server) authorized(ctx ssh.Context, key ssh.PublicKey) bool {
	for _, k := range s.cfg.AuthorizedKeys {
		if ssh.KeysEqual(k, key) {
			return true
		}
	}
	s.log.Warn("refused key", "user", ctx.User(), "remote", ctx.RemoteAddr(),
		"key", gossh.FingerprintSHA256(key))
	return false
}

func (s *Server) connectionFailed(conn net.Conn, err error) {
	if errors.Is(err, io.EOF) {
		return // a port scan, or a client that gave up before authenticating
	}
	s.log.Warn("connection failed", "remote", conn.RemoteAddr(), "err", err)
}

// AuthMode names the access rule for logs: "authorized-keys" or "open".
func (s *Server) AuthMode() string {
	if s.cfg.Open {
		return "open"
	}
	return "authorized-keys"
}

// Serve accepts connections on l until Shutdown, then returns nil; any
// other failure of the listener is returned. Serve after Shutdown closes
// l and returns nil at once.
func (s *Server) Serve(l net.Listener) error {
	if !s.track(l) {
		return nil
	}
	s.log.Info("serving", "addr", l.Addr().String(), "auth", s.AuthMode(),
		"keys", len(s.cfg.AuthorizedKeys), "max_sessions", limitText(s.cfg.MaxSessions),
		"max_session_time", durationText(s.cfg.MaxSessionTime),
		"workers", core.WorkerBudget(), "host_key", Fingerprint(s.cfg.HostKey.PublicKey()))
	if s.cfg.Open {
		s.log.Warn("open access: anyone who can reach this address gets a lab",
			"addr", l.Addr().String())
	}
	err := s.ssh.Serve(l)
	if s.closing() || errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// track records l for Shutdown to close, or closes it and reports false
// when shutdown has begun.
func (s *Server) track(l net.Listener) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing() {
		l.Close()
		return false
	}
	s.listeners = append(s.listeners, l)
	return true
}

// closing reports whether shutdown has begun.
func (s *Server) closing() bool {
	select {
	case <-s.quit:
		return true
	default:
		return false
	}
}

// Active returns the number of sessions running a lab.
func (s *Server) Active() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.active
}

// Shutdown stops accepting connections, tells every session that the lab
// is closing, lets their programs restore the terminals, and waits for
// them until ctx ends; connections still open then are cut. It returns
// ctx's error if it had to cut any.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.quitOnce.Do(func() { close(s.quit) })
	for _, l := range s.listeners {
		l.Close() // the SSH server closes those it has started on too
	}
	s.mu.Unlock()
	s.log.Info("shutting down", "sessions", s.Active())
	waitErr := s.waitSessions(ctx)
	err := s.ssh.Shutdown(ctx)
	if errors.Is(err, net.ErrClosed) {
		err = nil // a listener Shutdown had already closed above
	}
	if waitErr != nil || err != nil {
		s.log.Warn("shutdown deadline passed; cutting the connections left",
			"sessions", s.Active())
		s.ssh.Close()
		return errors.Join(waitErr, err)
	}
	s.log.Info("shut down")
	return nil
}

// waitSessions waits until no session runs a lab, or ctx ends.
func (s *Server) waitSessions(ctx context.Context) error {
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for s.Active() > 0 {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
	return nil
}

func limitText(n int) string {
	if n == 0 {
		return "none"
	}
	return fmt.Sprint(n)
}

func durationText(d time.Duration) string {
	if d == 0 {
		return "none"
	}
	return d.String()
}
