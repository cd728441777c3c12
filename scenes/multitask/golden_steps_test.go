package multitask

// goldenSteps is 600 iterations of the first run.
const goldenSteps = 30
