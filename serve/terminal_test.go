package serve

import (
	"bytes"
	"io"
	"math"
	"testing"
	"time"
)

func TestAskBackground(t *testing.T) {
	tests := []struct {
		name     string
		input    []string // chunks the client sends
		wantDark bool
		wantKeys string // what the lab reads afterwards
	}{
		{"dark, BEL", []string{"\x1b]11;rgb:1c1c/1c1c/1c1c\x07\x1b[?62;22c"}, true, ""},
		{"light, ST, split", []string{"\x1b]11;rgb:ffff/ff", "ff/f0f0\x1b\\", "\x1b[?1;2c"},
			false, ""},
		{"two-digit channels", []string{"\x1b]11;rgb:ee/ee/ee\x07\x1b[?6c"}, false, ""},
		{"keys around the replies", []string{"q", "\x1b]11;rgb:0000/0000/0000\x07",
			"\x1b[?62c2"}, true, "q2"},
		{"only device attributes", []string{"\x1b[?62c", "?"}, true, "?"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, w := io.Pipe()
			go func() {
				for _, chunk := range tc.input {
					_, _ = io.WriteString(w, chunk)
					time.Sleep(time.Millisecond)
				}
				w.Close()
			}()
			in := newSessionInput(r)
			var asked bytes.Buffer
			if dark := in.askBackground(&asked); dark != tc.wantDark {
				t.Errorf("dark %v, want %v", dark, tc.wantDark)
			}
			if asked.String() != queryBackground {
				t.Errorf("asked %q, want %q", asked.String(), queryBackground)
			}
			rest, err := io.ReadAll(in)
			if err != nil || string(rest) != tc.wantKeys {
				t.Errorf("the lab read %q (err %v), want %q", rest, err, tc.wantKeys)
			}
			select {
			case <-in.closed:
			default:
				t.Error("input ended but closed is open")
			}
		})
	}
}

// TestAskBackgroundSilentTerminal: a terminal that answers nothing is
// taken to be dark after queryTimeout, and a key typed meanwhile reaches
// the lab.
func TestAskBackgroundSilentTerminal(t *testing.T) {
	r, w := io.Pipe()
	defer w.Close()
	in := newSessionInput(r)
	go func() { _, _ = io.WriteString(w, "2") }()
	if !in.askBackground(io.Discard) {
		t.Error("a silent terminal was taken to be light")
	}
	buf := make([]byte, 8)
	n, err := in.Read(buf)
	if err != nil || string(buf[:n]) != "2" {
		t.Fatalf("the lab read %q (err %v), want the key typed during the query", buf[:n], err)
	}
}

func TestLightness(t *testing.T) {
	const tolerance = 1e-9
	tests := []struct {
		r, g, b string
		want    float64
	}{
		{"0000", "0000", "0000", 0},
		{"ffff", "ffff", "ffff", 1},
		{"ff", "00", "00", 0.5},
		{"f", "8", "0", 0.5},
		{"zz", "00", "00", 0}, // not hex: taken as dark
	}
	for _, tc := range tests {
		got := lightness([]byte(tc.r), []byte(tc.g), []byte(tc.b))
		if math.Abs(got-tc.want) > tolerance {
			t.Errorf("lightness(%s/%s/%s) = %v, want %v", tc.r, tc.g, tc.b, got, tc.want)
		}
	}
}
