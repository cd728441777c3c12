package serve

import (
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/muesli/termenv"
)

// Asking the client's terminal for its background colour: OSC 11 asks for
// the colour, and the primary device attributes query (DA1), which every
// terminal answers, marks the end of the replies. A terminal that answers
// neither is given up on after queryTimeout and taken to be dark.
const (
	queryBackground = "\x1b]11;?\x07\x1b[c"
	queryTimeout    = 500 * time.Millisecond
)

var (
	backgroundReply = regexp.MustCompile(
		`\x1b\]11;rgb:([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})(?:\x07|\x1b\\)`)
	attributesReply = regexp.MustCompile(`\x1b\[\?[0-9;]*c`)
)

// sessionInput owns a session's input: one goroutine reads it, so that
// the background query can wait with a deadline and hand every byte that
// is not a reply on to the lab, and so that the end of the input is seen.
// (wish's renderer reads the reply straight from the session, which holds
// the session until a key when the terminal does not answer, and drops
// that key.)
type sessionInput struct {
	chunks  chan []byte   // read by the pump; closed when the input ends
	closed  chan struct{} // closed when the input has ended and been drained
	once    sync.Once
	pending []byte // bytes received but not yet read by the lab
}

// newSessionInput starts the goroutine that reads r until it fails; it
// ends when the session's channel or connection closes.
func newSessionInput(r io.Reader) *sessionInput {
	in := &sessionInput{chunks: make(chan []byte, 16), closed: make(chan struct{})}
	go func() {
		defer close(in.chunks)
		for {
			buf := make([]byte, 4096)
			n, err := r.Read(buf)
			if n > 0 {
				in.chunks <- buf[:n]
			}
			if err != nil {
				return
			}
		}
	}()
	return in
}

// Read hands on the session's bytes; io.EOF once the input has ended.
func (in *sessionInput) Read(p []byte) (int, error) {
	if len(in.pending) == 0 {
		chunk, ok := <-in.chunks
		if !ok {
			in.once.Do(func() { close(in.closed) })
			return 0, io.EOF
		}
		in.pending = chunk
	}
	n := copy(p, in.pending)
	in.pending = in.pending[n:]
	return n, nil
}

// askBackground writes the query to w and reads replies until the device
// attributes arrive or queryTimeout passes. It reports whether the
// background is dark (true when the terminal does not say), and keeps
// every other byte for the lab to read.
func (in *sessionInput) askBackground(w io.Writer) (dark bool) {
	if _, err := io.WriteString(w, queryBackground); err != nil {
		return true
	}
	var got []byte
	timeout := time.NewTimer(queryTimeout)
	defer timeout.Stop()
	for !attributesReply.Match(got) {
		select {
		case chunk, ok := <-in.chunks:
			if !ok {
				in.pending = got
				return true
			}
			got = append(got, chunk...)
			continue
		case <-timeout.C:
		}
		break
	}
	dark = true
	if m := backgroundReply.FindSubmatch(got); m != nil {
		dark = lightness(m[1], m[2], m[3]) < 0.5
	}
	got = backgroundReply.ReplaceAll(got, nil)
	in.pending = attributesReply.ReplaceAll(got, nil)
	return dark
}

// lightness is the HSL lightness of an X11 rgb: colour whose channels are
// hex numbers of one to four digits.
func lightness(channels ...[]byte) float64 {
	lo, hi := 1.0, 0.0
	for _, c := range channels {
		v, err := strconv.ParseUint(string(c), 16, 16)
		if err != nil {
			return 0
		}
		f := float64(v) / float64(uint64(1)<<(4*len(c))-1)
		lo, hi = min(lo, f), max(hi, f)
	}
	return (lo + hi) / 2
}

// sessionRenderer is a lipgloss renderer for a session's terminal: the
// colour profile from the client's TERM and environment (NO_COLOR and
// COLORTERM count when the client sends them), the background as asked.
func sessionRenderer(sess ssh.Session, pty ssh.Pty, in *sessionInput) *lipgloss.Renderer {
	env := clientEnv(append(sess.Environ(), "TERM="+pty.Term))
	r := lipgloss.NewRenderer(sess, termenv.WithEnvironment(env), termenv.WithUnsafe(),
		termenv.WithColorCache(true))
	if pty.Term == "" || pty.Term == "dumb" {
		r.SetColorProfile(termenv.Ascii)
		r.SetHasDarkBackground(true)
		return r
	}
	r.SetHasDarkBackground(in.askBackground(sess))
	return r
}

// clientEnv is the environment a client sent, as termenv reads it.
type clientEnv []string

// Environ returns the variables as KEY=value lines.
func (e clientEnv) Environ() []string { return e }

// Getenv returns the last value the client gave key, or "".
func (e clientEnv) Getenv(key string) string {
	value := ""
	for _, kv := range e {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			value = v
		}
	}
	return value
}
