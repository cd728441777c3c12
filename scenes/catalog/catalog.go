// Package catalog lists every scene of the lab in the order of the tabs.
package catalog

import (
	"replab/scenes"
	"replab/scenes/gan"
	"replab/scenes/mixture"
	"replab/scenes/multitask"
	"replab/scenes/partitions"
	"replab/scenes/pretraining"
	"replab/scenes/salience"
	"replab/scenes/trajectories"
	"replab/scenes/zeroshot"
)

// All returns the scenes in tab order. Each scene package adds itself here.
func All() []scenes.Scene {
	return []scenes.Scene{
		partitions.Scene,
		mixture.Scene,
		multitask.Scene,
		zeroshot.Scene,
		salience.Scene,
		gan.Scene,
		pretraining.Scene,
		trajectories.Scene,
	}
}

// Find returns the scene with the given name.
func Find(name string) (scenes.Scene, bool) {
	for _, s := range All() {
		if s.Name == name {
			return s, true
		}
	}
	return scenes.Scene{}, false
}
