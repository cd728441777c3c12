// Package widgets draws the pieces every scene's view is made of: a
// half-block raster for images and region maps, line charts with axes, and
// small text panels. It imports neither the shell nor any scene, so scenes'
// views can use it without an import cycle.
package widgets

import (
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Theme carries what drawing depends on beyond the snapshot and the size:
// the terminal's colour profile, its background, and a renderer to build
// lipgloss styles from (a session's own renderer when served over SSH).
type Theme struct {
	Profile  termenv.Profile // TrueColor, ANSI256, ANSI or Ascii (no colour)
	Dark     bool            // dark background
	Renderer *lipgloss.Renderer
}

// Plain is a theme without colour, for golden files and NO_COLOR.
func Plain() *Theme {
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	return &Theme{Profile: termenv.Ascii, Dark: true, Renderer: r}
}
