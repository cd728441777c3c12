// Package pretraining is the scene of Ma et al. (2015), the study the
// representation-learning chapter of Deep Learning (section 15.1) cites
// for "greedy unsupervised pretraining usually hurts, but sometimes
// helps": on many QSAR data sets, networks pretrained layer by layer
// scored on average slightly worse than the same networks trained from
// random weights, yet on some data sets clearly better.
//
// The experiment sweeps every embedded task (the digits, iris, wine,
// breast cancer and diabetes tables, eight descriptor regressions on NCI
// molecules and a PAINS alert classification on WEHI molecules, all as
// 1,024-bit Morgan fingerprints) and, when asked, a task from the user's
// CSV file. For each task and several seeds it trains one pair of networks
// from the same initial weights on the same minibatches for the same
// fine-tuning budget (Adam): one as is, one after greedy layer-wise
// pretraining by denoising autoencoders on every training input. The
// harm of a pair is the test score without pretraining minus the score
// with it (R² for regression, accuracy for classification). Pairs run in
// parallel on core's worker budget, one per worker, each for a time slice
// per Step, so the figure fills in as pairs finish and a paused scene
// computes nothing; a pair's numbers do not depend on the slicing or the
// worker count.
//
// Measured at the defaults (ReLU 128×2, seed 1): mean harm +0.031,
// pretraining hurt 10 of 14 tasks (every descriptor regression by +0.02 to
// +0.07 R², the PAINS alerts and diabetes), and helped none by more than the tie
// band (the digits, iris and breast cancer lay within it at −0.003 to
// −0.001, wine tied at its ceiling), so the "sometimes helps" half of the
// claim was not seen. With sigmoid units the picture flips: mean harm
// −0.017, pretraining helped 8 tasks and hurt 1.
//
// Cost: the molecules take most of a run's time. Profiled on nci_tpsa, it
// goes to Adam's update of the first layer's 131,000 weights (about a
// fifth), the first layer's products, the first autoencoder's dense
// decoder back to 1,024 bits, and drawing the masking noise. The
// fingerprints are used as dense 0/1 vectors. A first layer that adds one
// row of W per set bit (about 24 of 1,024) was tried and did not pay: on
// nci_tpsa's three pairs it took 4.5 s of CPU against 4.2 s for core's
// AVX-512 product, whose sixteen-wide fused multiply-adds outrun a scalar
// loop over 2% of the rows; the decoder and Adam are dense either way.
//
// Limits: the
// chemistry targets are descriptors computed from the molecules, which
// are easier than the measured activities of Ma et al.'s data sets.
package pretraining
