// Package widgets draws the pieces every scene's view is made of: a
// half-block raster for images and region maps, line charts with axes, and
// small text panels. It imports neither the shell nor any scene, so scenes'
// views can use it without an import cycle.
//
// Everything renders through a Canvas, whose colour escapes are built by
// hand and emitted only where a colour changes; lipgloss styles (built
// from the Theme's renderer, never the global one) are kept for the few
// strings of chrome, such as a panel's border.
package widgets

import (
	"math"
	"sync"

	"github.com/charmbracelet/lipgloss"
	"github.com/lucasb-eyer/go-colorful"
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

// NewTheme reads the colour profile and the background from a renderer
// (which honours NO_COLOR and the terminal's capabilities).
func NewTheme(r *lipgloss.Renderer) *Theme {
	return &Theme{Profile: r.ColorProfile(), Dark: r.HasDarkBackground(), Renderer: r}
}

// Fixed returns a theme with a chosen profile and background, on a
// renderer of its own: for tests and golden files.
func Fixed(p termenv.Profile, dark bool) *Theme {
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(p)
	r.SetHasDarkBackground(dark)
	return &Theme{Profile: p, Dark: dark, Renderer: r}
}

// orPlain lets every widget accept a nil theme.
func (t *Theme) orPlain() *Theme {
	if t == nil || t.Renderer == nil {
		return Plain()
	}
	return t
}

// Colour reports whether the theme draws in colour.
func (t *Theme) Colour() bool { return t != nil && t.Profile != termenv.Ascii }

// Style returns a fresh lipgloss style bound to the theme's renderer.
func (t *Theme) Style() lipgloss.Style { return t.orPlain().Renderer.NewStyle() }

// Lip converts a colour for lipgloss; Default becomes no colour.
func Lip(c Color) lipgloss.TerminalColor {
	if c == Default {
		return lipgloss.NoColor{}
	}
	return lipgloss.Color(c.Hex())
}

// Text is the colour of ordinary text on the theme's background.
func (t *Theme) Text() Color { return t.pick(0xd8d8d8, 0x202020) }

// Muted is the colour of axes, borders and secondary text.
func (t *Theme) Muted() Color { return t.pick(0x7a7a7a, 0x8a8a8a) }

// Accent is the colour of what is selected or active.
func (t *Theme) Accent() Color { return t.pick(0xffaf5f, 0xb35900) }

// Good and Bad colour a reproduced and a failed verdict, or a divergence.
func (t *Theme) Good() Color { return t.pick(0x87d787, 0x1f7a1f) }

// Bad is the colour of failures and divergence.
func (t *Theme) Bad() Color { return t.pick(0xff6b6b, 0xb00020) }

func (t *Theme) pick(dark, light Color) Color {
	if t == nil || t.Dark {
		return dark
	}
	return light
}

// seriesHues are well-separated hues for the lines of a chart, in order.
var seriesHues = []float64{210, 30, 120, 300, 0, 60, 180, 270}

// Series returns the colour of a chart's i-th line, readable on the
// theme's background.
func (t *Theme) Series(i int) Color {
	h := seriesHues[((i%len(seriesHues))+len(seriesHues))%len(seriesHues)]
	if t == nil || t.Dark {
		return fromColorful(colorful.Hsl(h, 0.75, 0.65))
	}
	return fromColorful(colorful.Hsl(h, 0.85, 0.35))
}

// Palette returns n distinct colours for the regions of a map: hues spaced
// by the golden angle, lightness alternating so neighbours in label order
// differ even when hues are close.
func (t *Theme) Palette(n int) []Color {
	out := make([]Color, max(0, n))
	if t != nil && t.Profile == termenv.ANSI {
		// Sixteen colours cannot keep golden-angle hues apart: use the
		// twelve chromatic basic colours themselves, bright ones first.
		for i := range out {
			out[i] = basic16[ansiRegionColours[i%len(ansiRegionColours)]]
		}
		return out
	}
	copy(out, paletteColours(n, t == nil || t.Dark))
	return out
}

// regionColours keeps the palette's colours once worked out, one list per
// background: finding a readable lightness costs about a microsecond a
// colour, and views ask for the palette, hundreds of colours for a map of
// many regions, on every frame (from every session of a server at once).
var regionColours struct {
	sync.Mutex
	dark, light []Color
}

// paletteColours returns the first n palette colours for a dark or light
// background, shared: callers copy them.
func paletteColours(n int, dark bool) []Color {
	regionColours.Lock()
	defer regionColours.Unlock()
	cache := &regionColours.light
	if dark {
		cache = &regionColours.dark
	}
	for i := len(*cache); i < n; i++ {
		hue := math.Mod(float64(i)*137.508, 360)
		light := []float64{0.55, 0.40, 0.68}[i%3]
		if !dark {
			light = []float64{0.62, 0.50, 0.75}[i%3]
		}
		*cache = append(*cache, fromColorful(readable(hue, light, dark)))
	}
	return (*cache)[:max(0, n)]
}

// minLightOnDark is the perceived lightness (CIE L*, 0…1) a palette colour
// keeps on a dark background: HSL's lightness is not what the eye sees,
// and a blue at HSL 0.40 is nearly black on a dark terminal. (On a light
// one, darkening the lightest colours the same way made two of sixteen
// hard to tell apart, so they are left as they are.)
const minLightOnDark = 0.45

// readable returns the HSL colour of the given hue and lightness, made
// lighter on a dark background until it is perceived as light enough.
func readable(hue, light float64, dark bool) colorful.Color {
	c := colorful.Hsl(hue, 0.6, light).Clamped()
	for _, _, l := c.Hcl(); dark && l < minLightOnDark && light < 1; _, _, l = c.Hcl() {
		light += 0.01
		c = colorful.Hsl(hue, 0.6, light).Clamped()
	}
	return c
}

// ansiRegionColours are the basic colours that are neither black, white
// nor grey, in an order that keeps neighbouring labels apart.
var ansiRegionColours = []int{9, 12, 10, 13, 11, 14, 1, 4, 2, 5, 3, 6}

func fromColorful(c colorful.Color) Color {
	r, g, b := c.Clamped().RGB255()
	return RGB(r, g, b)
}
