package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/charmbracelet/log"

	"replab/scenes/catalog"
	"replab/serve"
)

// shutdownTimeout is how long a stopping server waits for its sessions to
// restore their terminals before it cuts the connections left.
const shutdownTimeout = 3 * time.Second

// serveUsage is the one-line synopsis quoted in serve's flag errors.
const serveUsage = "replab serve [--addr HOST:PORT] [--host-key PATH] " +
	"[--authorized-keys PATH | --open] [--max-sessions N] [--max-session-time D]"

// serveFlags are the settings of `replab serve`.
type serveFlags struct {
	addr, hostKey, authorizedKeys string
	open                          bool
	maxSessions                   int
	maxSessionTime                time.Duration
	seed                          uint64
}

// cmdServe serves the lab over SSH until SIGINT or SIGTERM.
func cmdServe(args []string) int {
	flags, code, ok := parseServeFlags(args)
	if !ok {
		return code
	}
	logger := log.NewWithOptions(os.Stderr, log.Options{ReportTimestamp: true,
		Prefix: "replab serve"})
	cfg, code, ok := flags.config(logger)
	if !ok {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return runServer(ctx, cfg, flags.addr, logger)
}

// parseServeFlags reads serve's flags; it returns the exit code to use
// when parsing ended the command.
func parseServeFlags(args []string) (serveFlags, int, bool) {
	var f serveFlags
	fs := newFlagSet("replab serve")
	fs.StringVar(&f.addr, "addr", "127.0.0.1:2222", "address to listen on")
	fs.StringVar(&f.hostKey, "host-key", serve.DefaultHostKeyPath(),
		"host key file, created on first start")
	fs.StringVar(&f.authorizedKeys, "authorized-keys", "", "let in only these public keys")
	fs.BoolVar(&f.open, "open", false, "let in anyone who can reach the address")
	fs.IntVar(&f.maxSessions, "max-sessions", 32, "sessions open at once (0: no cap)")
	fs.DurationVar(&f.maxSessionTime, "max-session-time", 0, "end sessions after this long")
	fs.Uint64Var(&f.seed, "seed", 1, "seed of every scene's first run")
	if code, ok := parseFlags(fs, args); !ok {
		return f, code, false
	}
	switch {
	case fs.NArg() > 0:
		return f, usageError("replab serve: unexpected argument %q (usage: %s)",
			fs.Arg(0), serveUsage), false
	case f.open && f.authorizedKeys != "":
		return f, usageError("replab serve: --open and --authorized-keys exclude each other: " +
			"give one"), false
	case !f.open && f.authorizedKeys == "":
		return f, usageError("replab serve: refusing to start without access control: give " +
			"--authorized-keys PATH (only those keys get in) or --open (anyone who can reach " +
			"the address gets in)"), false
	case f.maxSessions < 0:
		return f, usageError("replab serve: --max-sessions must be 0 (no cap) or more, got %d",
			f.maxSessions), false
	case f.maxSessionTime < 0:
		return f, usageError("replab serve: --max-session-time must be 0 (no limit) or more, "+
			"got %s", f.maxSessionTime), false
	}
	return f, 0, true
}

// config loads the keys the flags name and builds the server's settings.
func (f serveFlags) config(logger *log.Logger) (serve.Config, int, bool) {
	cfg := serve.Config{Open: f.open, MaxSessions: f.maxSessions,
		MaxSessionTime: f.maxSessionTime, Scenes: catalog.All(), Seed: f.seed, Logger: logger}
	if f.authorizedKeys != "" {
		keys, err := serve.LoadAuthorizedKeys(f.authorizedKeys)
		if err != nil {
			return cfg, usageError("replab serve: --authorized-keys: %v", err), false
		}
		cfg.AuthorizedKeys = keys
	}
	signer, created, err := serve.LoadOrCreateHostKey(f.hostKey)
	if err != nil {
		return cfg, usageError("replab serve: --host-key: %v", err), false
	}
	if created {
		logger.Info("created host key", "path", f.hostKey)
	} else {
		logger.Info("host key", "path", f.hostKey)
	}
	cfg.HostKey = signer
	return cfg, 0, true
}

// runServer listens on addr and serves until ctx ends, then shuts down
// within shutdownTimeout. It returns the process's exit code.
func runServer(ctx context.Context, cfg serve.Config, addr string, logger *log.Logger) int {
	srv, err := serve.New(cfg)
	if err != nil {
		return usageError("replab serve: %v", err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "replab serve: cannot listen on %s: %v\n", addr, err)
		return 1
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err := <-served:
		logger.Error("server stopped", "err", err)
		return 1
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
	if serveErr := <-served; serveErr != nil && !errors.Is(serveErr, net.ErrClosed) {
		logger.Error("server stopped", "err", serveErr)
	}
	if err != nil {
		return 1
	}
	return 0
}
