package serve

import (
	"net"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/ssh"
)

// defaultHandshakeTimeout is how long a connection may take to
// authenticate and open its session unless Config says otherwise.
const defaultHandshakeTimeout = 30 * time.Second

// guardKey finds a connection's guard in its SSH context.
type guardKey struct{}

// guardedConn cuts a connection that has not opened a session by its
// deadline, so that connections which never authenticate cannot pile up.
// The SSH server sets a deadline before every read and write (none, when
// it has no timeouts of its own); until the session opens, the guard's
// deadline stands in for any later one.
type guardedConn struct {
	net.Conn
	deadline time.Time
	opened   atomic.Bool
}

// guardConn wraps every new connection; it is the server's ConnCallback.
func (s *Server) guardConn(ctx ssh.Context, conn net.Conn) net.Conn {
	g := &guardedConn{Conn: conn, deadline: time.Now().Add(s.handshakeTimeout())}
	ctx.SetValue(guardKey{}, g)
	_ = conn.SetDeadline(g.deadline)
	return g
}

func (s *Server) handshakeTimeout() time.Duration {
	if s.cfg.HandshakeTimeout > 0 {
		return s.cfg.HandshakeTimeout
	}
	return defaultHandshakeTimeout
}

// SetDeadline sets t, or the guard's deadline while no session is open
// and t is later or none.
func (g *guardedConn) SetDeadline(t time.Time) error {
	if !g.opened.Load() && (t.IsZero() || t.After(g.deadline)) {
		t = g.deadline
	}
	return g.Conn.SetDeadline(t)
}

// sessionOpened lifts the guard of the session's connection.
func sessionOpened(ctx ssh.Context) {
	if g, ok := ctx.Value(guardKey{}).(*guardedConn); ok && !g.opened.Swap(true) {
		_ = g.Conn.SetDeadline(time.Time{})
	}
}
