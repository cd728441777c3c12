package main

import (
	"fmt"
	"os"
	"text/tabwriter"

	"replab/scenes/catalog"
)

// cmdScenes lists every scene: name, figure and title.
func cmdScenes(args []string) int {
	fs := newFlagSet("replab scenes")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return usageError("replab scenes: unexpected argument %q (it takes none)", fs.Arg(0))
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "NAME\tFIGURE\tTITLE")
	for _, s := range catalog.All() {
		fmt.Fprintf(w, "%s\t%s\t%s\n", s.Name, s.Figure, s.Title)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "replab scenes:", err)
		return 1
	}
	return 0
}
