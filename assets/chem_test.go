package assets

import (
	"math"
	"testing"
)

// targetRange bounds a descriptor over the NCI molecules; integer marks counts.
type targetRange struct {
	low, high float64
	integer   bool
}

func TestChemTasks(t *testing.T) {
	ranges := map[string]targetRange{
		"nci_tpsa":            {0, 1000, false},
		"nci_mol_logp":        {-30, 30, false},
		"nci_mol_wt":          {10, 5000, false},
		"nci_h_donors":        {0, 100, true},
		"nci_h_acceptors":     {0, 100, true},
		"nci_rotatable_bonds": {0, 200, true},
		"nci_ring_count":      {0, 50, true},
		"nci_fraction_csp3":   {0, 1, false},
	}
	tasks, err := ChemTasks()
	if err != nil {
		t.Fatal(err)
	}
	if len(tasks) != len(ranges)+1 {
		t.Fatalf("%d chemistry tasks, want %d", len(tasks), len(ranges)+1)
	}
	for _, d := range tasks {
		if err := d.Validate(); err != nil {
			t.Fatal(err)
		}
		if d.Rows != 2000 || d.Cols != FingerprintBits {
			t.Errorf("%s: %d×%d, want 2000×%d", d.Name, d.Rows, d.Cols, FingerprintBits)
		}
		if d.Name == "wehi_pains" {
			continue
		}
		r, ok := ranges[d.Name]
		if !ok {
			t.Errorf("unexpected task %q", d.Name)
			continue
		}
		checkTargets(t, d, r)
		if &d.X[0] != &tasks[0].X[0] {
			t.Errorf("%s: NCI tasks should share one fingerprint matrix", d.Name)
		}
	}
}

func checkTargets(t *testing.T, d *Dataset, r targetRange) {
	t.Helper()
	low, high := math.Inf(1), math.Inf(-1)
	for _, y := range d.Y {
		low, high = min(low, y), max(high, y)
		if r.integer && y != math.Trunc(y) {
			t.Fatalf("%s: target %v is not a count", d.Name, y)
		}
	}
	if low < r.low || high > r.high || low == high {
		t.Errorf("%s: targets span [%v, %v], want a non-empty range inside [%v, %v]",
			d.Name, low, high, r.low, r.high)
	}
}

func TestFingerprintsAreSparseAndDistinct(t *testing.T) {
	tasks, err := ChemTasks()
	if err != nil {
		t.Fatal(err)
	}
	// Typical drug-like molecules set tens of the 1,024 bits; a molecule with
	// none, or a file where most molecules share one fingerprint, is broken.
	const fewestBits, mostMeanBits = 1, 100
	for _, d := range []*Dataset{tasks[0], tasks[len(tasks)-1]} {
		total := 0
		seen := map[string]bool{}
		for i, bits := range d.ActiveColumns {
			if len(bits) < fewestBits {
				t.Fatalf("%s: molecule %d has no set bit", d.Name, i)
			}
			total += len(bits)
			seen[fingerprintKey(bits)] = true
		}
		mean := float64(total) / float64(d.Rows)
		if mean > mostMeanBits || len(seen) < d.Rows*9/10 {
			t.Errorf("%s: %.1f bits a molecule, %d distinct fingerprints of %d",
				d.Name, mean, len(seen), d.Rows)
		}
	}
	if counts := tasks[len(tasks)-1].ClassCounts(); counts[1] != 840 {
		t.Errorf("wehi_pains has %d PAINS alerts, want all 840 of the WEHI set", counts[1])
	}
}

func fingerprintKey(bits []int) string {
	key := make([]byte, 0, 2*len(bits))
	for _, b := range bits {
		key = append(key, byte(b>>8), byte(b))
	}
	return string(key)
}
