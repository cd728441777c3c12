package serve

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	gossh "golang.org/x/crypto/ssh"
)

// hostKeyName is the file name of the host key under the config directory.
const hostKeyName = "ssh_host_ed25519_key"

// DefaultHostKeyPath is where the host key lives unless --host-key says
// otherwise: replab/ssh_host_ed25519_key under the user's config
// directory ($XDG_CONFIG_HOME, or ~/.config on Linux), or under ./.replab
// when there is no config directory.
func DefaultHostKeyPath() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return filepath.Join(".replab", hostKeyName)
	}
	return filepath.Join(dir, "replab", hostKeyName)
}

// LoadOrCreateHostKey returns the host key stored at path. When there is
// none it makes an ed25519 key and writes it there (mode 0600, through a
// temporary file renamed into place, so a crash never leaves half a key),
// and reports created. A file that exists but is not a private key is an
// error: it is never overwritten.
func LoadOrCreateHostKey(path string) (signer gossh.Signer, created bool, err error) {
	data, err := os.ReadFile(path)
	if err == nil {
		signer, err := gossh.ParsePrivateKey(data)
		if err != nil {
			return nil, false, fmt.Errorf("serve: host key %s: %w", path, err)
		}
		return signer, false, nil
	}
	if !os.IsNotExist(err) {
		return nil, false, fmt.Errorf("serve: host key: %w", err)
	}
	signer, err = createHostKey(path)
	if err != nil {
		return nil, false, fmt.Errorf("serve: creating host key %s: %w", path, err)
	}
	return signer, true, nil
}

// createHostKey makes a fresh ed25519 key and writes it to path.
func createHostKey(path string) (gossh.Signer, error) {
	_, private, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(private, "replab serve host key")
	if err != nil {
		return nil, err
	}
	if err := writeFileAtomic(path, pem.EncodeToMemory(block)); err != nil {
		return nil, err
	}
	return gossh.NewSignerFromKey(private)
}

// writeFileAtomic writes data to a temporary file of mode 0600 beside path
// and renames it into place, creating the directory (mode 0700) if needed.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// Fingerprint is the SHA256 fingerprint of a public key, as ssh-keygen -l
// shows it, so that the start-up log can be checked against a client's
// "host key fingerprint is" line.
func Fingerprint(key gossh.PublicKey) string { return gossh.FingerprintSHA256(key) }

// LoadAuthorizedKeys reads an OpenSSH authorized_keys file: one public key
// per line, with blank lines and # comments skipped. A line that is not a
// key is an error naming the file and the line, and so is a file without
// any key (it would lock everyone out).
func LoadAuthorizedKeys(path string) ([]gossh.PublicKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("serve: authorized keys: %w", err)
	}
	keys, err := ParseAuthorizedKeys(data)
	if err != nil {
		return nil, fmt.Errorf("serve: authorized keys %s: %w", path, err)
	}
	return keys, nil
}

// ParseAuthorizedKeys parses the text of an authorized_keys file; see
// LoadAuthorizedKeys.
func ParseAuthorizedKeys(data []byte) ([]gossh.PublicKey, error) {
	var keys []gossh.PublicKey
	for i, line := range bytes.Split(data, []byte("\n")) {
		text := strings.TrimSpace(string(line))
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		key, _, _, _, err := gossh.ParseAuthorizedKey([]byte(text))
		if err != nil {
			return nil, fmt.Errorf("line %d is not a public key: %w", i+1, err)
		}
		keys = append(keys, key)
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("no public key in the file (it would let nobody in)")
	}
	return keys, nil
}
