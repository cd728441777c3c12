package zeroshot

// goldenSteps is 200 training steps of the first split.
const goldenSteps = 20
