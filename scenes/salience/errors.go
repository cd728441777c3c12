package salience

import (
	"fmt"

	"replab/core"
)

// errNotFinite reports a loss or gradient of the adversarial pair that
// became NaN or infinite; it wraps core.ErrDiverged like core's trainers.
var errNotFinite = fmt.Errorf("salience: a loss or gradient is not finite: %w", core.ErrDiverged)
