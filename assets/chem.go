package assets

import (
	"encoding/csv"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// FingerprintBits is the length of the Morgan fingerprints (radius 2) that
// are the inputs of every chemistry task.
const FingerprintBits = 1024

// nciTargets are the descriptor columns of nci_morgan.csv.gz, one regression
// task each. tpsa comes from the Daylight table shipped with the molecules;
// the others were computed with RDKit by assets/scripts/prepare_molecules.py.
var nciTargets = []string{
	"tpsa", "mol_logp", "mol_wt", "h_donors", "h_acceptors",
	"rotatable_bonds", "ring_count", "fraction_csp3",
}

var chemCache cached[[]*Dataset]

// ChemTasks returns the chemistry (QSAR-style) tasks: one regression task per
// descriptor of 2,000 NCI molecules ("nci_tpsa", "nci_mol_logp", "nci_mol_wt",
// "nci_h_donors", "nci_h_acceptors", "nci_rotatable_bonds", "nci_ring_count",
// "nci_fraction_csp3"), and one classification task on 2,000 WEHI molecules,
// "wehi_pains": does a PAINS substructure alert fire (classes "no_alert",
// "pains_alert")? Inputs are 1024-bit Morgan fingerprints (radius 2), with
// ActiveColumns listing the set bits. The NCI tasks share one X; all datasets
// are shared and read-only. The slice is the caller's own.
func ChemTasks() ([]*Dataset, error) {
	tasks, err := chemCache.get(loadChemTasks)
	return slices.Clone(tasks), err
}

func loadChemTasks() ([]*Dataset, error) {
	nci, err := readMolecules("data/nci_morgan.csv.gz")
	if err != nil {
		return nil, err
	}
	var tasks []*Dataset
	for _, column := range nciTargets {
		d, err := nci.regressionTask("nci_"+column, column)
		if err != nil {
			return nil, err
		}
		tasks = append(tasks, d)
	}
	wehi, err := readMolecules("data/wehi_pains.csv.gz")
	if err != nil {
		return nil, err
	}
	pains, err := wehi.painsTask()
	if err != nil {
		return nil, err
	}
	return append(tasks, pains), nil
}

// moleculeTable is a decoded molecule file: fingerprints plus raw columns.
type moleculeTable struct {
	path     string
	columns  map[string]int
	records  [][]string
	x        []float32
	active   [][]int
	features []string
}

// readMolecules decodes a gzipped molecule CSV whose last column,
// morgan_bits, lists the set bits of each molecule's fingerprint.
func readMolecules(path string) (*moleculeTable, error) {
	zr, err := openGzip(path)
	if err != nil {
		return nil, err
	}
	records, err := csv.NewReader(zr).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("assets: %s: %w", path, err)
	}
	if len(records) < 2 {
		return nil, fmt.Errorf("assets: %s: no molecules", path)
	}
	t := &moleculeTable{path: path, columns: map[string]int{}, records: records[1:]}
	for i, name := range records[0] {
		t.columns[name] = i
	}
	if err := t.decodeFingerprints(); err != nil {
		return nil, err
	}
	return t, nil
}

// decodeFingerprints fills the dense X and ActiveColumns from morgan_bits.
func (t *moleculeTable) decodeFingerprints() error {
	column, ok := t.columns["morgan_bits"]
	if !ok {
		return fmt.Errorf("assets: %s: no morgan_bits column", t.path)
	}
	t.x = make([]float32, len(t.records)*FingerprintBits)
	t.active = make([][]int, len(t.records))
	for i, record := range t.records {
		row := t.x[i*FingerprintBits : (i+1)*FingerprintBits]
		for _, field := range strings.Fields(record[column]) {
			bit, err := strconv.Atoi(field)
			if err != nil || bit < 0 || bit >= FingerprintBits || row[bit] != 0 {
				return fmt.Errorf("assets: %s: molecule %d: bad bit %q", t.path, i+1, field)
			}
			row[bit] = 1
			t.active[i] = append(t.active[i], bit)
		}
	}
	t.features = make([]string, FingerprintBits)
	for i := range t.features {
		t.features[i] = fmt.Sprintf("morgan_%d", i)
	}
	return nil
}

// base returns a dataset over the table's fingerprints with no targets yet.
func (t *moleculeTable) base(name, target, source string) *Dataset {
	return &Dataset{
		Name: name, X: t.x, Rows: len(t.records), Cols: FingerprintBits,
		Y: make([]float64, len(t.records)), FeatureNames: t.features,
		TargetName: target, ActiveColumns: t.active, Source: source,
	}
}

// regressionTask uses the numeric column as the target.
func (t *moleculeTable) regressionTask(name, column string) (*Dataset, error) {
	index, ok := t.columns[column]
	if !ok {
		return nil, fmt.Errorf("assets: %s: no column %q", t.path, column)
	}
	d := t.base(name, column, "NCI molecules from rdkit-data (first_5K.smi); "+column+
		" target, 1024-bit Morgan fingerprints")
	d.Task = Regression
	for i, record := range t.records {
		v, err := strconv.ParseFloat(record[index], 64)
		if err != nil {
			return nil, fmt.Errorf("assets: %s: molecule %d, %s: %w", t.path, i+1, column, err)
		}
		d.Y[i] = v
	}
	return d.checkTargets()
}

// painsTask uses the 0/1 pains column as a two-class target.
func (t *moleculeTable) painsTask() (*Dataset, error) {
	index, ok := t.columns["pains"]
	if !ok {
		return nil, fmt.Errorf("assets: %s: no column \"pains\"", t.path)
	}
	d := t.base("wehi_pains", "pains", "WEHI molecules from rdkit-data (wehi_mols.csv); "+
		"RDKit PAINS alert, 1024-bit Morgan fingerprints")
	d.Task = Classification
	d.Classes = 2
	d.ClassNames = []string{"no_alert", "pains_alert"}
	for i, record := range t.records {
		switch record[index] {
		case "0", "1":
			d.Y[i] = float64(record[index][0] - '0')
		default:
			return nil, fmt.Errorf("assets: %s: molecule %d: pains is %q, want 0 or 1",
				t.path, i+1, record[index])
		}
	}
	return d.checkTargets()
}

// checkTargets validates the targets only: decodeFingerprints built X and
// ActiveColumns together, so checking them again per task would only cost time.
func (d *Dataset) checkTargets() (*Dataset, error) {
	if err := d.validateTargets(); err != nil {
		return nil, fmt.Errorf("assets: %s: %w: %w", d.Name, ErrInvalid, err)
	}
	return d, nil
}
