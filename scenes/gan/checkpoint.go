package gan

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"

	"replab/core"
)

// shippedCheckpoint is the generator and discriminator trained for longer by
// `replab run gan` itself; checkpoint/README.md says how.
//
//go:embed checkpoint/gen.bin
var shippedCheckpoint []byte

// checkpointMagic opens every checkpoint file (format version 1).
const checkpointMagic = "replab-gan-1\n"

// checkpoint is a trained adversarial pair and what it was trained with.
type checkpoint struct {
	base, iterations int
	gen, disc        []float32
}

// encode writes the checkpoint: magic, then little-endian uint32 base width,
// latent size, iterations, generator parameter count, discriminator
// parameter count, then the float32 parameters of both.
func (c checkpoint) encode(w io.Writer) error {
	header := []uint32{uint32(c.base), latentDim, uint32(c.iterations),
		uint32(len(c.gen)), uint32(len(c.disc))}
	if _, err := io.WriteString(w, checkpointMagic); err != nil {
		return err
	}
	for _, v := range [][]any{{header}, {c.gen}, {c.disc}} {
		if err := binary.Write(w, binary.LittleEndian, v[0]); err != nil {
			return err
		}
	}
	return nil
}

// decodeCheckpoint reads a checkpoint and checks it fits this scene's
// networks.
func decodeCheckpoint(data []byte) (checkpoint, error) {
	r := bytes.NewReader(data)
	magic := make([]byte, len(checkpointMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != checkpointMagic {
		return checkpoint{}, errors.New("gan: not a replab gan checkpoint")
	}
	var header [5]uint32
	if err := binary.Read(r, binary.LittleEndian, &header); err != nil {
		return checkpoint{}, fmt.Errorf("gan: checkpoint header: %w", err)
	}
	c := checkpoint{base: int(header[0]), iterations: int(header[2])}
	if header[1] != latentDim || c.base < 1 || c.base > 256 {
		return checkpoint{}, fmt.Errorf("gan: checkpoint of width %d and %d latent dims, want %d dims",
			c.base, header[1], latentDim)
	}
	rng := rand.New(rand.NewPCG(0, 0))
	wantGen := newGenerator(rng, c.base).NumParams()
	wantDisc := newDiscriminator(rng, c.base).NumParams()
	if int(header[3]) != wantGen || int(header[4]) != wantDisc {
		return checkpoint{}, fmt.Errorf("gan: checkpoint holds %d+%d parameters, want %d+%d",
			header[3], header[4], wantGen, wantDisc)
	}
	c.gen, c.disc = make([]float32, wantGen), make([]float32, wantDisc)
	for _, dst := range [][]float32{c.gen, c.disc} {
		if err := binary.Read(r, binary.LittleEndian, dst); err != nil {
			return checkpoint{}, fmt.Errorf("gan: checkpoint parameters: %w", err)
		}
	}
	return c, nil
}

// loadCheckpoint reads the checkpoint at path, or the shipped one when path
// is empty.
func loadCheckpoint(path string) (checkpoint, error) {
	if path == "" {
		return decodeCheckpoint(shippedCheckpoint)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return checkpoint{}, fmt.Errorf("gan: load=%q: %w", path, err)
	}
	c, err := decodeCheckpoint(data)
	if err != nil {
		return checkpoint{}, fmt.Errorf("load=%q: %w", path, err)
	}
	return c, nil
}

// saveCheckpoint writes c to path through a temporary file in the same
// directory and a rename, so that path never holds half a checkpoint.
func saveCheckpoint(path string, c checkpoint) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".gan-checkpoint-*")
	if err != nil {
		return fmt.Errorf("gan: save checkpoint: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("gan: save checkpoint: %w", err)
	}
	if err := c.encode(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("gan: save checkpoint: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("gan: save checkpoint: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("gan: save checkpoint: %w", err)
	}
	return nil
}

// checkSavePath reports a save path whose directory does not exist, before
// a long run rather than after it.
func checkSavePath(path string) error {
	if path == "" {
		return nil
	}
	info, err := os.Stat(filepath.Dir(path))
	if err != nil || !info.IsDir() {
		return fmt.Errorf("gan: save=%q: directory %q does not exist", path, filepath.Dir(path))
	}
	return nil
}

// restore copies a checkpoint's parameters into the pair.
func (c checkpoint) restore(t *core.GANTrainer) {
	copy(t.Gen.Params(), c.gen)
	copy(t.Disc.Params(), c.disc)
}
