//go:build race

package core

// raceEnabled reports a -race build, whose instrumentation allocates and so
// voids allocation counts.
const raceEnabled = true
