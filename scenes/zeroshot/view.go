package zeroshot

import (
	"fmt"
	"math"
	"slices"

	"replab/scenes"
	"replab/tui/widgets"
)

// view draws the shared space on the left and, on the right, the scores,
// the confusion matrix of the unseen classes and the training loss.
func view(snap scenes.Snapshot, width, height int, t *widgets.Theme) string {
	p, ok := snap.Data.(*picture)
	if !ok || width < 24 || height < 8 {
		return widgets.Fit("", width, height)
	}
	c := widgets.NewCanvas(width, height)
	mapW := min(width/2, 2*height+4)
	c.Paste(0, 0, spaceMap(p, mapW, height, t))

	x0, panelW := mapW+1, width-mapW-1
	y := statusLines(c, p, x0, panelW, t)
	room := height - y - 6 // lines left above a loss chart worth drawing
	if table := confusionTable(p, t); table.H <= room && table.W <= panelW {
		c.Paste(x0, y, table)
		y += table.H
	} else if confH := min(room, (len(p.unseen)+1)/2+1); confH >= 2 {
		c.Paste(x0, y, confusion(p, panelW, confH, t))
		y += confH
	}
	loss := widgets.LineChart{Series: []widgets.Series{{Name: "training loss",
		Y: p.losses, Color: t.Series(0)}}}
	c.Paste(x0, y, loss.Canvas(panelW, height-y, t))
	return c.Render(t)
}

// statusLines writes the split, the scores so far and, once the run is
// over, each split's result, the mean it is judged on and any advice, in
// a column w wide; it returns the lines used.
func statusLines(c *widgets.Canvas, p *picture, x, w int, t *widgets.Theme) int {
	lines := []string{
		fmt.Sprintf("split %d/%d · step %d/%d", min(p.split, p.splits), p.splits, p.steps,
			p.budget),
		fmt.Sprintf("unseen %.2f · chance %.2f", p.unseenAcc, p.chance),
		fmt.Sprintf("seen %.2f", p.seenAcc),
	}
	var mean float64
	for i, r := range p.results {
		lines = append(lines, fmt.Sprintf(" split %d: unseen %.2f", i+1, r.UnseenAcc))
		mean += r.UnseenAcc / float64(len(p.results))
	}
	if len(p.results) == p.splits {
		lines = append(lines, fmt.Sprintf("mean %.2f: %.1f× chance", mean, mean/p.chance))
	}
	for i, line := range lines {
		c.Text(x, i, widgets.Clip(line, w), t.Text())
	}
	y := len(lines)
	for _, line := range widgets.Wrap(p.advice, w) {
		c.Text(x, y, line, t.Accent())
		y++
	}
	return y
}

// spaceMap places the unseen classes' test images (dots in their class's
// colour, dimmed when misnamed) and every class description (its short
// name in brackets for unseen classes; for seen ones a muted name, or a dot
// when there are many) in the plane of the descriptions' two principal axes.
func spaceMap(p *picture, cols, rows int, t *widgets.Theme) *widgets.Canvas {
	im := widgets.NewImage(cols, 2*rows)
	colours := t.Palette(len(p.unseen))
	f := fitFrame(p, cols, 2*rows)
	points := pointsFor(p, cols*2*rows)
	for _, pt := range points {
		colour := colours[slices.Index(p.unseen, pt.class)%len(colours)]
		if !pt.right {
			colour = widgets.Lerp(colour, t.Muted(), 0.6)
		}
		px, py := f.ToPixel(pt.x, pt.y)
		im.Set(px, py, colour)
	}
	canvas := im.Canvas()
	if !t.Colour() {
		for _, pt := range points {
			px, py := f.ToPixel(pt.x, pt.y)
			if cell := canvas.At(px, py/2); cell != nil {
				cell.Plain = '.'
			}
		}
	}
	// Seen descriptions first, so that the unseen ones' labels win where
	// they overlap; seen ones are named when there are few classes.
	named := len(p.anchors) <= maxNamedAnchors
	for _, a := range p.anchors {
		px, py := f.ToPixel(a.x, a.y)
		switch cell := canvas.At(px, py/2); {
		case a.unseen:
		case named:
			label := p.shortNames[a.class]
			canvas.Text(min(max(0, px-len(label)/2), cols-len(label)), py/2, label, t.Muted())
		case cell != nil && cell.Rune == ' ':
			cell.Rune, cell.FG, cell.Plain = '·', t.Muted(), '·'
		}
	}
	for _, a := range p.anchors {
		if !a.unseen {
			continue
		}
		px, py := f.ToPixel(a.x, a.y)
		colour := colours[slices.Index(p.unseen, a.class)%len(colours)]
		label := "[" + p.shortNames[a.class] + "]"
		canvas.Text(min(max(0, px-len(label)/2), cols-len(label)), py/2, label, colour)
	}
	return canvas
}

// pointsFor thins the picture's test images to as many per class as a map
// of the given pixels shows clearly: about one in twelve pixels inked, at
// least ten a class and at most all the picture holds.
func pointsFor(p *picture, pixels int) []point {
	perClass := min(shownPerClass, max(10, pixels/(12*max(1, len(p.unseen)))))
	count := map[int]int{}
	var out []point
	for _, pt := range p.points {
		if count[pt.class] < perClass {
			count[pt.class]++
			out = append(out, pt)
		}
	}
	return out
}

// maxNamedAnchors is the most classes whose seen descriptions are labelled
// on the map (the digits' ten); beyond it they are dots.
const maxNamedAnchors = 16

// confusionTable writes the unseen classes' confusion matrix in numbers:
// the per cent of each true class (a row) named as each unseen class (a
// column), on a background that brightens with it. It suits a few classes;
// confusion draws many as a heat map.
func confusionTable(p *picture, t *widgets.Theme) *widgets.Canvas {
	labelW := 0
	for _, cls := range p.unseen {
		labelW = max(labelW, len(p.shortNames[cls]))
	}
	cellW := max(4, labelW+1)
	title := "unseen: true ↓ named as →"
	c := widgets.NewCanvas(max(len([]rune(title)), labelW+len(p.unseen)*cellW), len(p.unseen)+2)
	c.Text(0, 0, title, t.Muted())
	for j, cls := range p.unseen {
		c.Text(labelW+j*cellW, 1, fmt.Sprintf("%*s", cellW, p.shortNames[cls]), t.Muted())
	}
	for i, row := range p.confusion {
		c.Text(0, 2+i, p.shortNames[p.unseen[i]], t.Text())
		total := 0
		for _, n := range row {
			total += n
		}
		for j, n := range row {
			share := float64(n) / float64(max(1, total))
			x := labelW + j*cellW
			ink, fill := t.Text(), widgets.Default
			if t.Colour() {
				fill = widgets.Heat(share)
				ink = widgets.RGB(0xf0, 0xf0, 0xf0)
				if share > 0.6 {
					ink = widgets.RGB(0x10, 0x10, 0x10)
				}
			}
			for dx := 1; dx < cellW; dx++ { // one blank column parts the cells
				c.Set(x+dx, 2+i, ' ', ink, fill)
			}
			c.Text(x+1, 2+i, fmt.Sprintf("%*d", cellW-1, int(math.Round(100*share))), ink)
		}
	}
	return c
}

// confusion draws the unseen classes' confusion matrix as a heat map, one
// row per true class, one column per predicted class. Rows are labelled;
// where a class gets a single pixel row, two classes share each line of
// text and its label names both, top first ("a/b").
func confusion(p *picture, w, h int, t *widgets.Theme) *widgets.Canvas {
	c := widgets.NewCanvas(w, h)
	k := len(p.unseen)
	name := func(i int) string { return p.shortNames[p.unseen[i]] }
	nameW := 0
	for i := range k {
		nameW = max(nameW, len(name(i)))
	}
	cellFor := func(labelW int) int { return max(1, min((w-labelW-1)/k, 2*(h-1)/k)) }
	labelW, cell := nameW, cellFor(nameW)
	paired := cell == 1 && k > 1
	if paired {
		labelW = 2*nameW + 1
		cell = cellFor(labelW)
	}
	im := widgets.NewImage(cell*k, cell*k)
	for i, row := range p.confusion {
		total := 0
		for _, n := range row {
			total += n
		}
		for j, n := range row {
			shade := widgets.Heat(float64(n) / float64(max(1, total)))
			for dy := range cell {
				for dx := range cell {
					im.Set(j*cell+dx, i*cell+dy, shade)
				}
			}
		}
	}
	c.Text(0, 0, "unseen: true ↓ named as →", t.Muted())
	c.Paste(labelW+1, 1, im.Canvas())
	for i := range k {
		switch {
		case paired && i%2 == 0 && i+1 < k:
			c.Text(0, 1+i/2, name(i)+"/"+name(i+1), t.Text())
		case paired && i%2 == 0:
			c.Text(0, 1+i/2, name(i), t.Text())
		case !paired && (i == 0 || (i*cell)/2 != ((i-1)*cell)/2):
			c.Text(0, 1+(i*cell+cell/2)/2, name(i), t.Text())
		}
	}
	return c
}

// fitFrame shows every point and anchor of the projection.
func fitFrame(p *picture, w, h int) widgets.Frame {
	b := widgets.EmptyBounds()
	for _, pt := range p.points {
		b.Add(pt.x, pt.y)
	}
	for _, a := range p.anchors {
		b.Add(a.x, a.y)
	}
	return widgets.FitFrame(b, w, h, 0.08)
}
