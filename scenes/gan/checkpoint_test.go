package gan

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"replab/scenes"
)

func TestCheckpointRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	pair := newAdversaries(rng, 4, 1e-3)
	c := checkpoint{base: 4, iterations: 123, gen: pair.Gen.Params(), disc: pair.Disc.Params()}
	path := filepath.Join(t.TempDir(), "gen.bin")
	if err := saveCheckpoint(path, c); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	back, err := decodeCheckpoint(data)
	if err != nil {
		t.Fatal(err)
	}
	if back.base != 4 || back.iterations != 123 || !slices.Equal(back.gen, c.gen) ||
		!slices.Equal(back.disc, c.disc) {
		t.Error("the checkpoint read back differs from the one written")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("saving left %d files, want only the checkpoint", len(entries))
	}
}

func TestCheckpointRejectsBadData(t *testing.T) {
	var good bytes.Buffer
	rng := rand.New(rand.NewPCG(5, 5))
	pair := newAdversaries(rng, 4, 1e-3)
	checkpoint{base: 4, gen: pair.Gen.Params(), disc: pair.Disc.Params()}.encode(&good)
	cases := map[string][]byte{
		"empty":     nil,
		"not ours":  []byte("hello world, this is not a checkpoint at all"),
		"truncated": good.Bytes()[:good.Len()-10],
	}
	for name, data := range cases {
		if _, err := decodeCheckpoint(data); err == nil || !strings.HasPrefix(err.Error(), "gan: ") {
			t.Errorf("%s: error %v, want a gan: error", name, err)
		}
	}
}

func TestSaveToMissingDirectoryIsRejectedAtStart(t *testing.T) {
	v := scenes.Defaults(params)
	missing := filepath.Join(t.TempDir(), "no", "such", "dir", "gen.bin")
	if err := v.Set(params, "save", missing); err != nil {
		t.Fatal(err)
	}
	if _, err := Scene.New(scenes.Config{Seed: 1, Values: v}); err == nil {
		t.Error("a save path in a missing directory was accepted")
	}
}

func TestLoadRejectsMissingAndForeignFiles(t *testing.T) {
	dir := t.TempDir()
	foreign := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(foreign, []byte("not a checkpoint"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{filepath.Join(dir, "missing.bin"), foreign} {
		v := scenes.Defaults(params)
		for k, val := range map[string]string{"start": "checkpoint", "load": path} {
			if err := v.Set(params, k, val); err != nil {
				t.Fatal(err)
			}
		}
		_, err := Scene.New(scenes.Config{Seed: 1, Values: v})
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("load=%s: error %v, want one naming the file", path, err)
		}
	}
}
