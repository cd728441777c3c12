// Package assets holds replab's real data, embedded in the binary so that
// nothing outside the repository is read at run time.
//
// The sets are the 8×8 handwritten digits, iris, wine, breast cancer and
// diabetes tables shipped with Debian's python3-sklearn; chemistry tasks on
// molecules shipped with Debian's rdkit-data (Morgan fingerprints as inputs,
// descriptors and a PAINS substructure alert as targets, computed once by the
// scripts under assets/scripts and committed); a hand-written table of visual
// attributes of the ten digit classes and their printed 5×7 dot-matrix
// forms, both for zero-shot learning.
// assets/README.md names each set's source, licence and how it was made.
//
// Every set is a [Dataset]: a row-major float32 input matrix and one target
// per row. Loaders decode on first use and cache the result, so the datasets
// they return are shared by all callers and must be treated as read-only;
// [Dataset.Clone] gives a private copy. [LoadCSV] reads a user's own task.
//
// Limits: the chemistry targets are descriptors computed from the molecule
// itself, not measured activities, so they are easier than real QSAR end
// points; the digit attributes describe the usual shapes of each digit and
// are not checked against individual images.
package assets
