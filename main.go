// Command replab is a terminal lab that reproduces the figures of the
// "Representation Learning" chapter of Deep Learning as live experiments.
//
//	replab                  the TUI (--scene NAME, --seed N, --log FILE)
//	replab scenes           list scene names, figures and titles
//	replab run SCENE ...    one scene headless
//	replab report [--json]  every scene headless: the chapter's claims
//	replab bench [--json]   core throughput on named workloads
//	replab serve ...        the lab over SSH
package main

import (
	"fmt"
	"os"
)

// command is one subcommand: it parses its own flags from args and returns
// the process exit code.
type command func(args []string) int

var commands = map[string]command{
	"scenes": cmdScenes,
	"run":    cmdRun,
	"report": cmdReport,
	"bench":  cmdBench,
	"serve":  cmdServe,
}

func main() {
	args := os.Args[1:]
	if len(args) > 0 {
		if cmd, ok := commands[args[0]]; ok {
			os.Exit(cmd(args[1:]))
		}
		if args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
			fmt.Print(usage)
			return
		}
		if args[0][0] != '-' {
			fmt.Fprintf(os.Stderr, "replab: unknown command %q (want scenes, run, report, bench, serve, or flags for the TUI)\n", args[0])
			os.Exit(2)
		}
	}
	os.Exit(cmdTUI(args))
}

const usage = `replab: a terminal lab for representation learning (Deep Learning, ch. 15)

  replab [--scene NAME] [--seed N] [--log FILE]   the interactive lab
  replab scenes                         list scene names, figures and titles
  replab run SCENE [--seed N] [--steps N | --budget 30s] [--set key=value]... [--json]
  replab report [--json]                every scene headless: the chapter's claims as a table
  replab bench [--json]                 core throughput on named workloads
  replab serve [--addr 127.0.0.1:2222] [--host-key PATH] [--authorized-keys PATH | --open]
               [--max-sessions N] [--max-session-time D] [--workers N] [--seed N]
`
