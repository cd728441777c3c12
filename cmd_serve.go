package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/charmbracelet/log"

	"replab/core"
	"replab/scenes"
	"replab/scenes/catalog"
	"replab/serve"
)

// shutdownTimeout is how long a stopping server waits for its sessions to
// restore their terminals before it cuts the connections left.
const shutdownTimeout = 3 * time.Second

// serveUsage is the one-line synopsis quoted in serve's flag errors.
const serveUsage = "replab serve [--addr HOST:PORT] [--host-key PATH] " +
	"[--authorized-keys PATH | --open] [--max-sessions N] [--max-session-time D] " +
	"[--workers N] [--seed N]"

// serveFlags are the settings of `replab serve`.
type serveFlags struct {
	addr, hostKey, authorizedKeys string
	open                          bool
	maxSessions                   int
	maxSessionTime                time.Duration
	seed                          uint64
	workers                       int
}

// cmdServe serves the lab over SSH until SIGINT, SIGTERM or SIGHUP (the
// terminal it was started from closing).
func cmdServe(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM,
		syscall.SIGHUP)
	defer stop()
	return runServe(ctx, cli{scenes: catalog.All(), stdout: os.Stdout, stderr: os.Stderr}, args)
}

// runServe is serve with its scenes, its output and its end given: it
// serves c.scenes until ctx ends, logging to c.stderr, and returns the exit
// code (2 with one line on c.stderr for bad input).
func runServe(ctx context.Context, c cli, args []string) int {
	flags, err := parseServeFlags(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(c.stdout, "usage: %s\n\n", serveUsage)
		fs := serveFlagSet(new(serveFlags))
		fs.SetOutput(c.stdout)
		fs.PrintDefaults()
		return 0
	}
	if err != nil {
		return c.fail(err)
	}
	logger := log.NewWithOptions(c.stderr, log.Options{ReportTimestamp: true,
		Prefix: "replab serve"})
	cfg, err := flags.config(c.scenes, logger)
	if err != nil {
		return c.fail(err)
	}
	defer core.SetWorkerBudget(core.WorkerBudget())
	core.SetWorkerBudget(flags.workers)
	return serveUntil(ctx, c, cfg, flags.addr, logger)
}

// defaultServeWorkers leaves one core for drawing screens and for SSH:
// with every core training, the goroutines that answer keys wait behind
// the steps, and keypress-to-screen times with 32 busy sessions on two
// cores were two to three times longer in BenchmarkKeyLatency.
func defaultServeWorkers() int { return max(1, runtime.GOMAXPROCS(0)-1) }

// serveFlagSet defines serve's flags on f.
func serveFlagSet(f *serveFlags) *flag.FlagSet {
	fs := newFlagSet("replab serve")
	fs.StringVar(&f.addr, "addr", "127.0.0.1:2222", "address to listen on")
	fs.StringVar(&f.hostKey, "host-key", serve.DefaultHostKeyPath(),
		"host key file, created on first start")
	fs.StringVar(&f.authorizedKeys, "authorized-keys", "", "let in only these public keys")
	fs.BoolVar(&f.open, "open", false, "let in anyone who can reach the address")
	fs.IntVar(&f.maxSessions, "max-sessions", 32, "sessions open at once (0: no cap)")
	fs.DurationVar(&f.maxSessionTime, "max-session-time", 0,
		"end sessions after this long (0: no limit)")
	seedVar(fs, &f.seed, "seed of every scene's first run")
	fs.IntVar(&f.workers, "workers", defaultServeWorkers(),
		"cores all sessions' training shares; the default leaves one for the screens")
	return fs
}

// parseServeFlags reads serve's flags, returning a usage error for bad
// ones.
func parseServeFlags(args []string) (serveFlags, error) {
	var f serveFlags
	fs := serveFlagSet(&f)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return f, err
		}
		return f, usagef("replab serve: %v (usage: %s)", err, serveUsage)
	}
	switch {
	case fs.NArg() > 0:
		return f, usagef("replab serve: unexpected argument %q (usage: %s)", fs.Arg(0), serveUsage)
	case f.open && f.authorizedKeys != "":
		return f, usagef("replab serve: --open and --authorized-keys exclude each other: give one")
	case !f.open && f.authorizedKeys == "":
		return f, usagef("replab serve: refusing to start without access control: give " +
			"--authorized-keys PATH (only those keys get in) or --open (anyone who can reach " +
			"the address gets in)")
	case f.maxSessions < 0:
		return f, usagef("replab serve: --max-sessions must be 0 (no cap) or more, got %d",
			f.maxSessions)
	case f.workers < 1:
		return f, usagef("replab serve: --workers must be 1 or more, got %d", f.workers)
	case f.maxSessionTime < 0:
		return f, usagef("replab serve: --max-session-time must be 0 (no limit) or more, got %s",
			f.maxSessionTime)
	}
	return f, nil
}

// config loads the keys the flags name and builds the server's settings.
func (f serveFlags) config(list []scenes.Scene, logger *log.Logger) (serve.Config, error) {
	cfg := serve.Config{Open: f.open, MaxSessions: f.maxSessions,
		MaxSessionTime: f.maxSessionTime, Scenes: list, Seed: f.seed, Logger: logger}
	if f.authorizedKeys != "" {
		keys, err := serve.LoadAuthorizedKeys(f.authorizedKeys)
		if err != nil {
			return cfg, usagef("replab serve: --authorized-keys: %v", err)
		}
		cfg.AuthorizedKeys = keys
	}
	signer, created, err := serve.LoadOrCreateHostKey(f.hostKey)
	if err != nil {
		return cfg, usagef("replab serve: --host-key: %v", err)
	}
	verb := "host key"
	if created {
		verb = "created host key"
	}
	logger.Info(verb, "path", f.hostKey)
	if info, err := os.Stat(f.hostKey); err == nil && info.Mode().Perm()&0o077 != 0 {
		logger.Warn("host key is readable by other users: chmod 600 it", "path", f.hostKey,
			"mode", info.Mode().Perm().String())
	}
	cfg.HostKey = signer
	return cfg, nil
}

// serveUntil listens on addr and serves until ctx ends, then shuts down
// within shutdownTimeout. It returns the process's exit code.
func serveUntil(ctx context.Context, c cli, cfg serve.Config, addr string,
	logger *log.Logger) int {
	srv, err := serve.New(cfg)
	if err != nil {
		return c.fail(usagef("replab serve: %v", err))
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return c.fail(fmt.Errorf("replab serve: cannot listen on %s: %w", addr, err))
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
