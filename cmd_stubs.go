package main

// Subcommands not built yet. Each moves to its own cmd_NAME.go file when
// it is built, and its line here goes.
var (
	cmdScenes = notYet("scenes")
	cmdRun    = notYet("run")
	cmdReport = notYet("report")
	cmdBench  = notYet("bench")
	cmdServe  = notYet("serve")
	cmdTUI    = notYet("the interactive lab")
)
