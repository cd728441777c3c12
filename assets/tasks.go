package assets

import "slices"

var tasksCache cached[[]*Dataset]

// Tasks returns every embedded task for sweeps across data sets, in a fixed
// order: digits, iris, wine, breast_cancer, diabetes, then ChemTasks (eight
// NCI descriptor regressions and wehi_pains) — 14 tasks, 9 of them chemistry.
// The datasets are shared and read-only; the slice is the caller's own.
func Tasks() ([]*Dataset, error) {
	tasks, err := tasksCache.get(loadTasks)
	return slices.Clone(tasks), err
}

func loadTasks() ([]*Dataset, error) {
	var tasks []*Dataset
	for _, load := range []func() (*Dataset, error){Digits, Iris, Wine, BreastCancer, Diabetes} {
		d, err := load()
		if err != nil {
			return nil, err
		}
		tasks = append(tasks, d)
	}
	chem, err := ChemTasks()
	if err != nil {
		return nil, err
	}
	return append(tasks, chem...), nil
}

// TaskByName returns the embedded task with the given Name, or false.
func TaskByName(name string) (*Dataset, bool, error) {
	tasks, err := Tasks()
	if err != nil {
		return nil, false, err
	}
	for _, d := range tasks {
		if d.Name == name {
			return d, true, nil
		}
	}
	return nil, false, nil
}
