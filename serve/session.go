package serve

import (
	"context"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"replab/tui"
	"replab/tui/widgets"
)

// endReason is why a session's lab ended.
type endReason string

const (
	endQuit      endReason = "quit"        // the user pressed q
	endGone      endReason = "client gone" // the connection or its input closed
	endTimeLimit endReason = "time limit"  // MaxSessionTime passed
	endShutdown  endReason = "shutdown"    // the server is closing
)

// Messages a client sees, one line each.
const (
	msgNoPTY = "replab: the lab is a full-screen terminal program, and this session has no " +
		"terminal; connect with ssh -t"
	msgFull     = "replab: the lab is full (it takes %d at once); try again in a while"
	msgClosing  = "replab: the lab is closing; thanks for visiting"
	msgTimeOver = "replab: your session reached its time limit of %s; thanks for visiting"
)

// handle serves one SSH session: it checks that the session has a
// terminal and that there is room, then runs a lab in it until the user
// quits, the client goes, the time limit passes or the server shuts down.
func (s *Server) handle(sess ssh.Session) {
	sessionOpened(sess.Context())
	pty, winch, ok := sess.Pty()
	if !ok {
		s.refuse(sess, "no terminal", msgNoPTY)
		return
	}
	id, admitted := s.admit()
	if !admitted {
		s.refuse(sess, "full", fmt.Sprintf(msgFull, s.cfg.MaxSessions))
		return
	}
	defer s.release()

	logger := s.log.With("session", id)
	start := time.Now()
	input := newSessionInput(sess)
	theme := widgets.NewTheme(sessionRenderer(sess, pty, input))
	logger.Info("connect", "user", sess.User(), "remote", sess.RemoteAddr().String(),
		"term", pty.Term, "width", pty.Window.Width, "height", pty.Window.Height,
		"colours", theme.Profile.Name(), "dark", theme.Dark)
	reason, err := s.runLab(sess, input, theme, winch, logger)
	if err != nil {
		logger.Error("lab ended with an error", "err", err)
	}
	switch reason {
	case endShutdown:
		fmt.Fprintln(sess, msgClosing)
	case endTimeLimit:
		fmt.Fprintf(sess, msgTimeOver+"\n", s.cfg.MaxSessionTime)
	}
	logger.Info("disconnect", "reason", string(reason),
		"duration", time.Since(start).Round(time.Millisecond).String())
	_ = sess.Exit(0)
}

// refuse tells the client why it gets no lab, in one line, and ends the
// session with exit status 1.
func (s *Server) refuse(sess ssh.Session, why, line string) {
	s.log.Info("refused", "why", why, "user", sess.User(), "remote", sess.RemoteAddr().String())
	fmt.Fprintln(sess.Stderr(), line)
	_ = sess.Exit(1)
}

// admit counts a new session in unless the server is full, and returns
// its id.
func (s *Server) admit() (int64, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cfg.MaxSessions > 0 && s.active >= s.cfg.MaxSessions {
		return 0, false
	}
	s.active++
	return s.nextID.Add(1), true
}

func (s *Server) release() {
	s.mu.Lock()
	s.active--
	s.mu.Unlock()
}

// runLab runs a fresh lab in the session, reading input and drawing with
// theme, and returns why it ended.
func (s *Server) runLab(sess ssh.Session, input *sessionInput, theme *widgets.Theme,
	winch <-chan ssh.Window, logger *log.Logger) (endReason, error) {
	select {
	case <-s.quit:
		return endShutdown, nil // closing already: no lab to start
	default:
	}
	app, err := tui.New(tui.Options{Scenes: s.scenes, Seed: s.cfg.Seed, Theme: theme,
		Logger: logger})
	if err != nil {
		return endQuit, err
	}
	defer app.Close()

	opts := append(tui.ProgramOptions(), tea.WithInput(input), tea.WithOutput(sess),
		tea.WithoutSignalHandler())
	program := tea.NewProgram(app, opts...)
	go forwardSizes(program, winch)

	finished := make(chan struct{})
	ended := make(chan endReason, 1)
	go s.watch(labWatch{conn: sess.Context(), finished: finished, program: program,
		inputClosed: input.closed, cut: func() { closeConnection(sess) }}, ended)
	_, err = program.Run()
	close(finished)
	return <-ended, err
}

// forwardSizes hands the client's window changes to the program until
// the session's requests end (after the lab, when the session closes).
func forwardSizes(program *tea.Program, winch <-chan ssh.Window) {
	for w := range winch {
		program.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
	}
}

// labWatch is what watch needs to know of one session's lab.
type labWatch struct {
	conn        context.Context // ends when the connection does
	finished    <-chan struct{} // closed once the program has returned
	program     *tea.Program
	inputClosed <-chan struct{} // closed when the client's input ends
	cut         func()          // closes the session's connection
}

// watch ends the lab when the client goes (connection or input closed),
// the time limit passes or the server shuts down, and sends why on ended
// (endQuit if the program ended by itself). A program that has not ended
// quitGrace after being asked, because its client stopped reading and its
// drawing is stuck in a write, gets its connection cut.
func (s *Server) watch(w labWatch, ended chan<- endReason) {
	var limit <-chan time.Time
	if s.cfg.MaxSessionTime > 0 {
		timer := time.NewTimer(s.cfg.MaxSessionTime)
		defer timer.Stop()
		limit = timer.C
	}
	reason := endQuit
	defer func() { ended <- reason }()
	select {
	case <-w.finished:
		return
	case <-w.conn.Done():
		reason = endGone
	case <-w.inputClosed:
		reason = endGone
	case <-limit:
		reason = endTimeLimit
	case <-s.quit:
		reason = endShutdown
	}
	go w.program.Quit() // Send waits while the program is stuck
	grace := time.NewTimer(s.quitGrace)
	defer grace.Stop()
	select {
	case <-w.finished:
	case <-grace.C:
		s.log.Warn("session did not end when asked; cutting its connection",
			"reason", string(reason))
		w.cut()
		<-w.finished
	}
}

// closeConnection closes the SSH connection a session runs on.
func closeConnection(sess ssh.Session) {
	if conn, ok := sess.Context().Value(ssh.ContextKeyConn).(gossh.Conn); ok {
		_ = conn.Close()
	}
}
