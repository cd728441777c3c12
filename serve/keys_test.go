package serve

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"replab/tui/scenetest"
)

// TestHostKeyCreatedOnceThenReused: the first start writes an ed25519
// key of mode 0600 (creating its directory), later starts read the same
// key, and a file that is not a key is reported and left alone.
func TestHostKeyCreatedOnceThenReused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config", "replab", hostKeyName)
	first, created, err := LoadOrCreateHostKey(path)
	if err != nil || !created {
		t.Fatalf("first start: created %v, err %v", created, err)
	}
	if got := first.PublicKey().Type(); got != gossh.KeyAlgoED25519 {
		t.Fatalf("key type %s, want %s", got, gossh.KeyAlgoED25519)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, mode %v, want 0600", err, info.Mode().Perm())
	}
	again, created, err := LoadOrCreateHostKey(path)
	if err != nil || created {
		t.Fatalf("second start: created %v, err %v", created, err)
	}
	if !bytes.Equal(first.PublicKey().Marshal(), again.PublicKey().Marshal()) {
		t.Fatal("the second start has another key")
	}
	leftovers, _ := filepath.Glob(path + ".tmp*")
	if len(leftovers) > 0 {
		t.Fatalf("temporary files left: %v", leftovers)
	}

	garbage := filepath.Join(t.TempDir(), "not-a-key")
	check(t, os.WriteFile(garbage, []byte("hello\n"), 0o600))
	if _, _, err := LoadOrCreateHostKey(garbage); err == nil ||
		!strings.Contains(err.Error(), "not-a-key") {
		t.Fatalf("garbage key: err %v, want one naming the file", err)
	}
	if data, _ := os.ReadFile(garbage); string(data) != "hello\n" {
		t.Fatalf("garbage key file was rewritten: %q", data)
	}
}

func TestParseAuthorizedKeys(t *testing.T) {
	a := string(gossh.MarshalAuthorizedKey(newSigner(t).PublicKey()))
	b := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(newSigner(t).PublicKey())))
	tests := []struct {
		name    string
		text    string
		keys    int
		wantErr string
	}{
		{"one key", a, 1, ""},
		{"comments, blank lines, options", "# class of 2026\n\n" + a +
			`no-pty,from="127.0.0.1" ` + b + " student@lab\n", 2, ""},
		{"a bad line", a + "ssh-ed25519 AAAAnotbase64!\n", 0, "line 2 is not a public key"},
		{"no key", "# nobody yet\n\n", 0, "no public key"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			keys, err := ParseAuthorizedKeys([]byte(tc.text))
			switch {
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("err %v, want %q", err, tc.wantErr)
			case tc.wantErr == "" && err != nil:
				t.Fatal(err)
			case len(keys) != tc.keys:
				t.Fatalf("%d keys, want %d", len(keys), tc.keys)
			}
		})
	}
	if _, err := LoadAuthorizedKeys(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Fatal("a missing authorized_keys file was accepted")
	}
}

// TestNewChecksAccess: a server is either open or restricted to keys,
// never both and never neither.
func TestNewChecksAccess(t *testing.T) {
	key := newSigner(t)
	tests := []struct {
		name    string
		cfg     Config
		wantErr string
	}{
		{"open", Config{Open: true}, ""},
		{"keys", Config{AuthorizedKeys: []gossh.PublicKey{key.PublicKey()}}, ""},
		{"neither", Config{}, "refusing to serve"},
		{"both", Config{Open: true, AuthorizedKeys: []gossh.PublicKey{key.PublicKey()}},
			"exclude each other"},
		{"negative cap", Config{Open: true, MaxSessions: -1}, "cannot be negative"},
		{"no scenes", Config{Open: true, Scenes: nil}, "no scenes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.cfg.HostKey = key
			if tc.name != "no scenes" {
				tc.cfg.Scenes = scenetest.All()
			}
			_, err := New(tc.cfg)
			if (err == nil) != (tc.wantErr == "") ||
				(err != nil && !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("err %v, want %q", err, tc.wantErr)
			}
		})
	}
}
