package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"replab/tui/scenetest"
)

// lockedBuffer is a bytes.Buffer that a server's goroutines may write to
// while a test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestServeRejectsBadInput(t *testing.T) {
	dir := t.TempDir()
	badKeys := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(badKeys, []byte("ssh-ed25519 nonsense\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	hostKey := []string{"--host-key", filepath.Join(dir, "host_key")}
	tests := []struct {
		name string
		args []string
		want string // in the one line on stderr
	}{
		{"no access rule", nil, "refusing to start without access control"},
		{"both access rules", []string{"--open", "--authorized-keys", badKeys},
			"--open and --authorized-keys exclude each other"},
		{"missing keys file", []string{"--authorized-keys", filepath.Join(dir, "none")},
			"--authorized-keys: serve: authorized keys: open"},
		{"bad keys file", []string{"--authorized-keys", badKeys}, "line 1 is not a public key"},
		{"negative cap", []string{"--open", "--max-sessions", "-2"}, "got -2"},
		{"negative time", []string{"--open", "--max-session-time", "-1s"}, "got -1s"},
		{"malformed time", []string{"--open", "--max-session-time", "soon"},
			`invalid value "soon" for flag -max-session-time`},
		{"no workers", []string{"--open", "--workers", "0"}, "--workers must be 1 or more"},
		{"unknown flag", []string{"--open", "--port", "22"}, "flag provided but not defined"},
		{"extra argument", []string{"--open", "now"}, `unexpected argument "now"`},
		{"host key not a key", []string{"--open", "--host-key", badKeys}, "--host-key: serve"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name != "host key not a key" {
				tt.args = append(tt.args, hostKey...)
			}
			requireUsageError(t, tt.want, runServe, tt.args...)
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "host_key")); err == nil {
		t.Fatal("a refused start wrote a host key")
	}
}

// TestServeStartsAndStops: serve logs its start (address, access, limits),
// creates its host key, and exits 0 when its context ends.
func TestServeStartsAndStops(t *testing.T) {
	var stderr lockedBuffer
	c := cli{scenes: scenetest.All(), stdout: &stderr, stderr: &stderr}
	hostKey := filepath.Join(t.TempDir(), "host_key")
	ctx, cancel := context.WithCancel(context.Background())
	code := make(chan int, 1)
	go func() {
		code <- runServe(ctx, c, []string{"--open", "--addr", "127.0.0.1:0",
			"--host-key", hostKey, "--max-sessions", "5", "--max-session-time", "10m",
			"--workers", "1"})
	}()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(stderr.String(), "serving") && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if got := <-code; got != 0 {
		t.Fatalf("exit %d, want 0; log:\n%s", got, stderr.String())
	}
	log := stderr.String()
	for _, want := range []string{"created host key", "addr=127.0.0.1:", "auth=open",
		"max_sessions=5", "max_session_time=10m0s", "workers=1", "open access", "shut down"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
	if _, err := os.Stat(hostKey); err != nil {
		t.Fatalf("host key: %v", err)
	}
}

// TestServeWarnsOfLooseHostKey: a host key others can read is used, with
// a warning in the log.
func TestServeWarnsOfLooseHostKey(t *testing.T) {
	hostKey := filepath.Join(t.TempDir(), "host_key")
	var log lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // serve starts, then stops at once
	c := cli{scenes: scenetest.All(), stdout: &log, stderr: &log}
	args := []string{"--open", "--addr", "127.0.0.1:0", "--host-key", hostKey}
	if code := runServe(ctx, c, args); code != 0 {
		t.Fatalf("first start: exit %d\n%s", code, log.String())
	}
	if err := os.Chmod(hostKey, 0o644); err != nil {
		t.Fatal(err)
	}
	if code := runServe(ctx, c, args); code != 0 {
		t.Fatalf("second start: exit %d\n%s", code, log.String())
	}
	if !strings.Contains(log.String(), "host key is readable by other users") {
		t.Fatalf("no warning of a loose host key in:\n%s", log.String())
	}
}

func TestServeHelp(t *testing.T) {
	code, stdout, stderr := runCLI(runServe, "--help")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, flag := range []string{"-addr", "-authorized-keys", "-open", "-max-sessions",
		"-max-session-time", "-host-key", "-workers"} {
		if !strings.Contains(stdout, flag) {
			t.Errorf("help lacks %s:\n%s", flag, stdout)
		}
	}
}
