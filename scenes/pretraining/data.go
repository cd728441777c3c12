package pretraining

import (
	"fmt"
	"strings"

	"replab/assets"
	"replab/core"
)

// trainFraction is the share of each task's rows used for training (the
// rest is the test part the score is measured on), as in the 70/30 splits
// of the reference measurement.
const trainFraction = 0.7

// cheapCells bounds rows × columns of a task whose pairs cost so little
// that it gets more seeds: a small effect needs about ten pairs to stand
// out of the noise.
const (
	cheapCells = 50_000
	cheapSeeds = 10
)

// task is one data set prepared for the sweep.
type task struct {
	name     string
	chem     bool // fingerprints of molecules
	classes  int  // 0 for regression
	cols     int
	binary   bool // inputs are 0/1 (reconstructed through a sigmoid)
	seeds    int
	data     *assets.Dataset
	userFile bool
}

// split is one seed's train/test split of a task, as matrices: every
// training input (for pretraining), the labelled ones with their targets
// (for fine-tuning), and the test part.
type split struct {
	unlabelled   *core.Mat
	xLab, yLab   *core.Mat
	xTest, yTest *core.Mat
	labelsUsed   int
}

// loadTasks returns every embedded task, and the user's own when path is
// set, with the number of seed pairs each gets.
func loadTasks(path, target string, seeds int) ([]*task, error) {
	sets, err := assets.Tasks()
	if err != nil {
		return nil, fmt.Errorf("pretraining: %w", err)
	}
	embedded := len(sets)
	if path != "" {
		user, err := loadUserTask(path, target)
		if err != nil {
			return nil, err
		}
		for _, d := range sets {
			if d.Name == user.Name {
				user.Name = "user_" + user.Name // metrics are keyed by task name
			}
		}
		sets = append(sets, user)
	}
	tasks := make([]*task, len(sets))
	for i, d := range sets {
		t := &task{name: d.Name, classes: d.Classes, cols: d.Cols, data: d, seeds: seeds,
			chem: d.ActiveColumns != nil, binary: d.ActiveColumns != nil, userFile: i >= embedded}
		if d.Rows*d.Cols <= cheapCells {
			t.seeds = max(seeds, cheapSeeds)
		}
		tasks[i] = t
	}
	return tasks, nil
}

// loadUserTask reads --set data=path.csv with --set target=COLUMN.
func loadUserTask(path, target string) (*assets.Dataset, error) {
	if strings.TrimSpace(target) == "" {
		return nil, fmt.Errorf("pretraining: data=%s needs target=COLUMN "+
			"naming the column to predict", path)
	}
	d, err := assets.LoadCSVFile(path, target)
	if err != nil {
		return nil, fmt.Errorf("pretraining: %w", err)
	}
	d = d.Clone()
	d.Name = userTaskName(path)
	return d, nil
}

// userTaskName is the file's base name without its extension.
func userTaskName(path string) string {
	name := path[strings.LastIndexAny(path, `/\`)+1:]
	if dot := strings.LastIndexByte(name, '.'); dot > 0 {
		name = name[:dot]
	}
	return name
}

// makeSplit splits the task for seed, scales dense inputs by the training
// part's statistics (fingerprints stay 0/1), standardises a regression
// target and keeps the first labels training rows labelled.
func (t *task) makeSplit(seed uint64, labels int) (*split, error) {
	train, test, err := t.data.Split(trainFraction, seed)
	if err != nil {
		return nil, fmt.Errorf("pretraining: %w", err)
	}
	if !t.binary {
		scaler := assets.FitScaler(train)
		train, test = scaler.Apply(train), scaler.Apply(test)
	}
	mean, std := 0.0, 1.0
	if t.classes == 0 {
		mean, std = train.TargetMeanStd()
		if std == 0 {
			std = 1
		}
	}
	used := min(labels, train.Rows)
	return &split{
		unlabelled: core.MatFrom(train.Rows, train.Cols, train.X),
		xLab:       core.MatFrom(used, train.Cols, train.X[:used*train.Cols]),
		yLab:       targets(train.Y[:used], mean, std),
		xTest:      core.MatFrom(test.Rows, test.Cols, test.X),
		yTest:      targets(test.Y, mean, std),
		labelsUsed: used,
	}, nil
}

// targets returns (y − mean)/std as a column.
func targets(y []float64, mean, std float64) *core.Mat {
	m := core.NewMat(len(y), 1)
	for i, v := range y {
		m.Data[i] = float32((v - mean) / std)
	}
	return m
}
