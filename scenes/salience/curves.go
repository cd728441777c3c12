package salience

import "math"

// curves records named measurements against the optimiser step at which
// they were taken. A name missing at a step is NaN there.
type curves struct {
	steps  []float64
	values map[string][]float64
}

// add records one point of every named curve.
func (c *curves) add(step int, point map[string]float64) {
	if c.values == nil {
		c.values = map[string][]float64{}
	}
	for name, v := range point {
		if _, ok := c.values[name]; !ok {
			c.values[name] = nanSlice(len(c.steps))
		}
		c.values[name] = append(c.values[name], v)
	}
	c.steps = append(c.steps, float64(step))
	for name, vs := range c.values {
		if len(vs) < len(c.steps) {
			c.values[name] = append(vs, nan)
		}
	}
}

// clone returns a copy that later adds do not change.
func (c curves) clone() curves {
	out := curves{steps: append([]float64(nil), c.steps...), values: map[string][]float64{}}
	for name, vs := range c.values {
		out.values[name] = append([]float64(nil), vs...)
	}
	return out
}

var nan = math.NaN()

func nanSlice(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = nan
	}
	return s
}
