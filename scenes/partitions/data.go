package partitions

import (
	"math"
	"math/rand/v2"
)

// Dataset is a labelled sample of the plane, scaled to about [-1.2, 1.2]².
type Dataset struct {
	Name    string
	Points  [][2]float64
	Labels  []int
	Classes int
}

// datasetNames are the choices of the data parameter.
var datasetNames = []string{"moons", "spirals"}

// samplePoints is the size of every generated dataset: enough for k-means
// with 32 centroids and for a visible shape, small enough to train live.
const samplePoints = 240

// dataNoise is the standard deviation of the Gaussian jitter on each point.
const dataNoise = 0.09

// makeDataset generates the named dataset from rng: "moons" is two
// interleaved half circles (two classes), "spirals" three arms (three).
func makeDataset(rng *rand.Rand, name string) Dataset {
	ds := Dataset{Name: name}
	if name == "spirals" {
		ds.Classes = 3
		for i := range samplePoints {
			class := i % 3
			r := float64(i/3) / float64(samplePoints/3)
			angle := 2*math.Pi*float64(class)/3 + 3.5*r
			ds.add(1.2*r*math.Cos(angle), 1.2*r*math.Sin(angle), class, rng)
		}
		return ds
	}
	ds.Classes = 2
	for i := range samplePoints {
		class := i % 2
		angle := math.Pi * rng.Float64()
		x, y := math.Cos(angle), math.Sin(angle)
		if class == 1 {
			x, y = 1-x, 0.5-y
		}
		ds.add(0.7*(x-0.5), 0.9*(y-0.25), class, rng)
	}
	return ds
}

func (ds *Dataset) add(x, y float64, class int, rng *rand.Rand) {
	ds.Points = append(ds.Points, [2]float64{
		x + dataNoise*rng.NormFloat64(), y + dataNoise*rng.NormFloat64(),
	})
	ds.Labels = append(ds.Labels, class)
}
