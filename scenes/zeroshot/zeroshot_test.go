package zeroshot

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"replab/core"
	"replab/scenes"
	"replab/tui/scenetest"
	"replab/tui/widgets"
)

func TestShapeDescriptionsAreOneHotPerGroup(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range shapeClasses() {
		d := c.description()
		sum := float32(0)
		for _, v := range d {
			sum += v
		}
		if sum != 4 {
			t.Fatalf("%s: description %v has %v ones, want one per group", c.name(), d, sum)
		}
		if seen[c.short()] {
			t.Fatalf("short name %q names two classes", c.short())
		}
		seen[c.short()] = true
	}
	if len(seen) != 64 {
		t.Fatalf("%d classes, want 64", len(seen))
	}
}

// The ink of a drawn shape is its class's colour, and a large shape covers
// more pixels than a small one.
func TestDrawnShapesMatchTheirLabels(t *testing.T) {
	rng := core.NewRNG(3)
	pix := make([]float32, shapeSide*shapeSide*3)
	for _, c := range shapeClasses() {
		drawShape(rng, c, pix)
		var ink [3]float32
		inked := 0
		for i := 0; i < len(pix); i += 3 {
			if pix[i]+pix[i+1]+pix[i+2] > 0.6 {
				inked++
				for ch := range 3 {
					ink[ch] += pix[i+ch]
				}
			}
		}
		if inked == 0 {
			t.Fatalf("%s: nothing drawn", c.name())
		}
		want := colourRGB[c.colour]
		for ch := range 3 {
			if got := ink[ch] / float32(inked); got < want[ch]-0.15 || got > want[ch]+0.15 {
				t.Fatalf("%s: mean ink %v, want colour %v", c.name(), ink, want)
			}
		}
	}
}

func TestSplitsKeepEveryAttributeVarying(t *testing.T) {
	rng := core.NewRNG(1)
	task := shapeTask(rng)
	for range 20 {
		s := drawSplit(rng, task, 16)
		if len(s.unseen) != 16 || len(s.seen) != 48 || !task.attributesVary(s.seen) {
			t.Fatalf("bad split %+v", s)
		}
	}
}

func run(t *testing.T, set map[string]string) scenes.Snapshot {
	t.Helper()
	return scenetest.Finish(t, Scene, 5, set)
}

// A short run on shapes already names unseen combinations far above chance,
// in both forms of the shared space; a single split is not enough for the
// verdict.
func TestUnseenShapesAreRecognised(t *testing.T) {
	for _, space := range []string{"learned", "attributes"} {
		snap := run(t, map[string]string{"space": space, "splits": "1", "steps": "200"})
		unseen, chance := snap.Metrics["unseen_accuracy"].(float64), snap.Metrics["chance"].(float64)
		if unseen < 4*chance {
			t.Errorf("%s: unseen accuracy %.3f, chance %.3f", space, unseen, chance)
		}
		if snap.Verdict.Reproduced {
			t.Errorf("%s: one split reproduced the figure: %s", space, snap.Verdict.Detail)
		}
	}
}

// The recognition comes from the descriptions: given the unseen classes'
// descriptions in a shifted order, the same trained model names the images
// wrongly — near or below chance.
func TestShuffledDescriptionsDefeatRecognition(t *testing.T) {
	e := scenetest.New(t, Scene, 5, map[string]string{"splits": "1", "steps": "200"}).(*experiment)
	for e.model.steps() < 200 {
		if err := e.Step(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	unseen := e.splits[0].unseen
	x, y := rowsOf(e.task.test, e.task.testY, unseen)
	rotated := append(append([]int(nil), unseen[1:]...), unseen[0])
	// score names image i as unseen[j] when the description given under
	// that name, that of class descs[j], scores highest.
	score := func(descs []int) float64 {
		pred := e.model.classify(x, e.task.descriptionMat(descs))
		right := 0
		for i, c := range y {
			if unseen[pred[i]] == c {
				right++
			}
		}
		return float64(right) / float64(len(y))
	}
	chance := 1 / float64(len(unseen))
	if right, shifted := score(unseen), score(rotated); right < 4*chance || shifted > 2*chance {
		t.Fatalf("accuracy %.3f with true descriptions, %.3f shifted (chance %.3f)",
			right, shifted, chance)
	}
}

func TestDigitsRunAndView(t *testing.T) {
	snap := run(t, map[string]string{"data": "digits", "splits": "1", "steps": "50"})
	for _, size := range [][2]int{{0, 0}, {1, 1}, {23, 7}, {80, 18}, {120, 34}, {200, 54}} {
		for _, theme := range []*widgets.Theme{widgets.Plain(), widgets.Fixed(0, true)} {
			scenetest.RequireSize(t, view(snap, size[0], size[1], theme), size[0], size[1])
		}
	}
}

func TestLearningRateIsLive(t *testing.T) {
	exp := scenetest.New(t, Scene, 1, nil)
	exp.Tune(scenetest.Values(t, Scene, map[string]string{"lr": "1e-4"}))
	if got := exp.(*experiment).model.(*model).imageOpt.LearningRate(); got != 1e-4 {
		t.Fatalf("learning rate %v after Tune, want 1e-4", got)
	}
}

// Digit descriptions keep the table's meaning: a present attribute is 1, an
// ambiguous one ½, and two loops (the most any digit has) 1.
func TestDigitDescriptionsSpanZeroToOne(t *testing.T) {
	task, err := digitTask(core.NewRNG(1))
	if err != nil {
		t.Fatal(err)
	}
	loops := indexOfName(task.attributes, "loops")
	if got := task.descriptions[8][loops]; got != 1 {
		t.Errorf("8's two loops scaled to %v, want 1", got)
	}
	if got := task.descriptions[0][loops]; got != 0.5 {
		t.Errorf("0's one loop scaled to %v, want 0.5", got)
	}
	vertical := indexOfName(task.attributes, "vertical_stroke")
	if got := task.descriptions[1][vertical]; got != 1 {
		t.Errorf("1's vertical stroke scaled to %v, want 1", got)
	}
}

func indexOfName(names []string, name string) int {
	for i, n := range names {
		if n == name {
			return i
		}
	}
	return -1
}

// digitsReport is the report's row for the digits.
func digitsReport(t *testing.T) map[string]string {
	t.Helper()
	for _, r := range Scene.Reports {
		if r.Set["data"] == "digits" {
			return r.Set
		}
	}
	t.Fatal("no report row for the digits")
	return nil
}

// On the digits, the report's settings (three splits of three held-out
// digits, the full step budget) reproduce the figure on every seed tried:
// unseen digits are named from their descriptions at 1.5× chance or better.
func TestUnseenDigitsAreRecognised(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		snap := scenetest.Finish(t, Scene, seed, digitsReport(t))
		if !snap.Verdict.Reproduced {
			t.Errorf("seed %d: %s", seed, snap.Verdict.Detail)
		}
	}
}

// Named held-out classes: every split holds out exactly those, and a bad
// name, a repeat, too few on either side or a choice that freezes an
// attribute among the seen classes is refused with a message naming it.
func TestNamedUnseenClasses(t *testing.T) {
	digits, err := digitTask(core.NewRNG(1))
	if err != nil {
		t.Fatal(err)
	}
	s, err := namedSplit(digits, " 9,3, 7")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.unseen, []int{3, 7, 9}) || !slices.Equal(s.seen, []int{0, 1, 2, 4, 5, 6, 8}) {
		t.Fatalf("split %+v", s)
	}
	for text, want := range map[string]string{
		"3,x":   `no class "x"`,
		"3,3":   `"3" named twice`,
		"3":     "1 held out and 9 seen",
		"1,4":   "attribute narrow never changes",
		"3,,7":  `no class ""`,
		"3,7,9": "",
	} {
		_, err := namedSplit(digits, text)
		switch {
		case want == "" && err != nil:
			t.Errorf("%q: %v", text, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%q: error %v, want one saying %s", text, err, want)
		}
	}
	if _, err := namedSplit(shapeTask(core.NewRNG(1)), "lrft,zzzz"); err == nil ||
		!strings.Contains(err.Error(), "lrft is a large red solid triangle") {
		t.Errorf("shapes: error %v does not explain the names", err)
	}

	snap := run(t, map[string]string{"data": "digits", "unseen": "3,7,9", "steps": "50"})
	for _, r := range snap.Metrics["splits"].([]splitResult) {
		if !slices.Equal(r.Unseen, []int{3, 7, 9}) {
			t.Fatalf("a run held out %v", r.Unseen)
		}
	}
	if !strings.Contains(snap.Verdict.Detail, "holding out 3,7,9") {
		t.Errorf("verdict %q does not say what was held out", snap.Verdict.Detail)
	}
}

// A finished run on the digits that falls short points at the model that
// does best there; that model, and a run that reproduces, get no hint.
func TestDigitsVerdictNamesTheModelThatDoesBest(t *testing.T) {
	const hint = "space=attributes, hidden=0"
	for _, c := range []struct {
		space, hidden string
		unseen        float64
		want          bool
	}{
		{"learned", "128", 0.40, true},
		{"attributes", "128", 0.40, true},
		{"learned", "0", 0.40, true},
		{"attributes", "0", 0.40, false},
		{"learned", "128", 0.60, false},
	} {
		set := map[string]string{"data": "digits", "space": c.space, "hidden": c.hidden}
		e := scenetest.New(t, Scene, 1, set).(*experiment)
		e.results = make([]splitResult, len(e.splits))
		detail := e.verdict(c.unseen).Detail
		if got := strings.Contains(detail, hint); got != c.want {
			t.Errorf("%s, hidden %s, unseen %.2f: hint %v in %q", c.space, c.hidden, c.unseen, got, detail)
		}
	}
}

// The view says what to try once a digits run of another model has fallen
// short (50 steps of the default model fall far short), and says nothing
// of it when the run reproduced the claim (the report's digits row).
func TestShortDigitsRunShowsWhatToTry(t *testing.T) {
	for _, c := range []struct {
		set        map[string]string
		reproduced bool
	}{
		{map[string]string{"data": "digits", "steps": "50"}, false},
		{digitsReport(t), true},
	} {
		snap := run(t, c.set)
		view := ansi.Strip(Scene.View(snap, 54, 20, widgets.Plain()))
		shown := strings.Contains(view, "digits: try")
		if snap.Verdict.Reproduced != c.reproduced || shown == c.reproduced {
			t.Errorf("%v: reproduced %v, advice shown %v:\n%s", c.set, snap.Verdict.Reproduced,
				shown, view)
		}
	}
}
