package serve

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package if any test leaves a goroutine behind: a
// server shut down, its sessions ended and its clients closed leave
// nothing running.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
