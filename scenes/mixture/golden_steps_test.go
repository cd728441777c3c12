package mixture

// goldenSteps takes the fit to convergence and part of the BIC sweep.
const goldenSteps = 8
