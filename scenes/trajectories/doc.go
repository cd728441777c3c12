// Package trajectories is the scene of Figure 15.1 of Deep Learning (after
// Erhan et al. 2010): networks that start from greedy unsupervised
// pretraining follow different learning trajectories from networks that
// start from random weights, and end in a separate, smaller region of
// function space.
//
// Two groups of networks (tanh 64-100-100-10 by default) learn 1,200
// handwritten digits by SGD, each from a seed of its own; one group's
// hidden layers are first pretrained greedily as denoising autoencoders
// (masking noise, cross-entropy reconstruction of the pixels, Adam or,
// as a parameter, the classic SGD).
// After every epoch each network's class probabilities on 300 fixed test
// digits are concatenated into one point of function space. All points of
// all networks and epochs are embedded together, in one fit, by Isomap (or
// t-SNE, a live parameter), refitted as training proceeds, and each
// network is drawn as a path from dim (early) to bright (late).
//
// The metrics are measured in function space itself, never in the
// embedding: the separation is the mean distance between the two groups'
// final points over the mean distance within a group, and each group's
// spread is its mean within-group distance. Separation means something
// only when both groups learned, so the verdict also asks for a test
// error of at most 10% in each.
//
// Measured at the defaults (2 × 20 nets, 30 epochs, seed 1): both groups
// learned (test error 2.9% pretrained, 3.0% random) and the pretrained
// region was slightly smaller (spread 1.34 against 1.36), but the groups
// were not apart: separation 1.13, between 1.05 and 1.18 at every epoch,
// so the verdict is not reproduced. A stronger pretraining (aelr 0.01)
// gave 1.44, its group then wider (1.55 against 1.36). The classic
// denoising autoencoder (dae=sgd: SGD at the fine-tuning rate on the
// reconstruction loss summed over the columns) gave 1.17, spread 1.31
// against 1.36, after a peak of 1.57 at the first epoch. Variants tried on
// the way, all weaker: mean-squared reconstruction of the pixels (1.11),
// SGD at 0.1 on the column-averaged loss (0.99).
//
// Limits: the embedding is fitted to the records randomly projected from
// 3,000 to 512 dimensions (distances kept within a few per cent): a whole
// Isomap fit of 1,240 projected records took 0.8 s of CPU where the exact
// records' pairwise distances alone took 2 s. The embedding is refitted
// only when the records have grown by a quarter since the last fit (and at
// the end), since a fit's cost grows with the square of the points, and
// the last fit is still the longest step of a run. When Isomap's
// neighbour graph falls apart (the pretrained starting points can lie far
// from the rest) the fit uses more neighbours and says so.
package trajectories
