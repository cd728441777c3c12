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
// The networks start from small weights: every weight and bias of every
// Dense layer (the autoencoders' decoders too) uniform in ±1/√fan-in,
// PyTorch's default for a linear layer and most likely what the issue's
// reference run used (the issue does not name its framework), rather than
// core's Glorot scale, 1.5 to 1.7 times as large in the hidden layers and
// 2.3 times in the output layer (init=glorot keeps it). The figure's
// networks start together, near the function that predicts every class
// alike; the small initialisation puts the random group there.
//
// Measured at the defaults, seeds 1, 2, 3 (separation; spread pretrained /
// random; test error pretrained / random), with init=fanin: 1.26, 1.23,
// 1.25; 1.36/1.36, 1.36/1.60, 1.35/1.39; 3.2/3.5%, 3.0/3.6%, 3.2/3.6%.
// With init=glorot: 1.13, 1.14, 1.18; 1.34/1.36, 1.34/1.56, 1.30/1.35;
// 2.9/3.0%, 2.7/3.1%, 2.9/3.1%. Both groups learned and the pretrained
// region was the smaller on every run, but separation stayed below 1.5,
// so the verdict is not reproduced with either. At the start (epoch 0)
// the mean distance between two networks was 2.0 to 2.1 with fan-in
// against 5.3 to 5.7 with Glorot (1.5 to 1.7 and 1.4 to 1.6 at the end),
// the random group's spread 0.75 to 0.81 against 3.2 to 3.4; the
// pretrained group still starts wide (2.9 to 3.1 against 7.1 to 7.6),
// since its output layer, never pretrained, reads the large codes of the
// pretrained layers. Starting together is not what the separation
// lacks: with every output layer set to zero, so that all 40 networks
// start at exactly the same function, fan-in runs ended at 1.30, 1.24,
// 1.29. With the group labels shuffled (200 shuffles of the final points)
// the separation averaged 1.00 (at most 1.07) with either initialisation.
// With fan-in, separation peaks at 4.5 to 4.6 after the first epoch and
// falls to 1.3 by the fifth.
//
// The train/probe split is fixed (splitSeed); over other splits, at the
// defaults and seed 1, the separation was 1.39, 1.29, 1.35, 1.34, 1.47,
// 1.68, 1.39 (splits 1 to 7; 1.26 on the shipped one), reproduced on
// split 6 only. An independent PyTorch run of the same experiment
// (crosscheck.py beside this file, written from the description, not the
// Go code) gave 1.52, 1.41, 1.71, 1.26, 1.39, 1.50, 1.44, 1.50 on its
// splits 0 to 7, with the pretrained group the wider on two of them: the
// scene's separation is this experiment's, which at this size sits around
// the 1.5 the verdict asks for, and the shipped split is at its low end.
//
// Other set-ups, seed 1 with Glorot unless said: a stronger pretraining
// (aelr 0.01) gave 1.44, its group then wider (1.55 against 1.36); with
// fan-in it gave 1.58, 1.55, 1.55 on seeds 1 to 3, test error 2.3%
// against 3.5 to 3.6%, but the pretrained group was the wider on seeds 1
// and 3 (the verdict held on seed 2 only). The
// classic denoising autoencoder (dae=sgd: SGD at the fine-tuning rate on
// the reconstruction loss summed over the columns) gave 1.17, spread 1.31
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
// neighbour graph falls apart (the pretrained starting points lie far
// from the rest) the pieces are joined by their shortest edges and the
// view says so; raising the neighbour count instead (the full runs above
// needed 80 with fan-in, 40 with Glorot) flattened the geodesics and cost
// a failed fit per doubling. Measured in the 2-D embedding instead of
// function space (with the doubled neighbours), the final separation was
// 4.8 to 5.2 with fan-in and 2.5 to 3.8 with Glorot: the picture shows the
// groups further apart than the metric finds them.
package trajectories
