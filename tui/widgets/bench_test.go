package widgets

import (
	"math"
	"replab/internal/threadcpu"
	"testing"

	"github.com/muesli/termenv"
)

// benchImage is a smooth field with a different colour in almost every
// pixel, the worst case for colour merging.
func benchImage(w, h int) *Image {
	im := NewImage(w, h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			im.Set(x, y, Heat(0.5+0.5*math.Sin(float64(x)/7)*math.Cos(float64(y)/5)))
		}
	}
	return im
}

func BenchmarkRaster120x40(b *testing.B) {
	im := benchImage(120, 80)
	for _, p := range allProfiles {
		theme := Fixed(p, true)
		b.Run(p.Name(), func(b *testing.B) {
			threadcpu.Report(b, func() {
				for b.Loop() {
					_ = Raster(im, theme)
				}
			})
		})
	}
}

func BenchmarkRegionMap120x40(b *testing.B) {
	m := NewRegionMap(120, 80)
	for i := range m.Labels {
		x, y := i%120, i/120
		m.Labels[i] = (x/15 + 3*(y/20)) % 12
	}
	for i := 0; i < 16; i++ {
		m.Lines = append(m.Lines, Line{X0: 0, Y0: float64(i * 5), X1: 120, Y1: float64(80 - i*5),
			Color: 0xffffff})
	}
	theme := Fixed(termenv.TrueColor, true)
	threadcpu.Report(b, func() {
		for b.Loop() {
			_ = m.Render(theme)
		}
	})
}

func BenchmarkLineChart60x20(b *testing.B) {
	chart := LineChart{}
	for s := 0; s < 3; s++ {
		y := make([]float64, 200)
		for i := range y {
			y[i] = math.Sin(float64(i)/20 + float64(s))
		}
		chart.Series = append(chart.Series, Series{Name: "s", Y: y})
	}
	theme := Fixed(termenv.TrueColor, true)
	threadcpu.Report(b, func() {
		for b.Loop() {
			_ = chart.Render(60, 20, theme)
		}
	})
}
