// Package trajectories is the scene of Figure 15.1 of Deep Learning (after
// Erhan et al. 2010): networks that start from greedy unsupervised
// pretraining follow different learning trajectories from networks that
// start from random weights, and end in a separate, smaller region of
// function space.
//
// Two groups of networks (tanh 64-100-100-10 by default) learn 1,200
// handwritten digits by SGD, each from a seed of its own; one group's
// hidden layers are first pretrained greedily as denoising autoencoders
// (masking noise, Adam, cross-entropy reconstruction of the pixels).
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
// Limits: the embedding is refitted only when the records have grown by a
// quarter since the last fit (and at the end), since a fit's cost grows
// with the square of the points; when Isomap's neighbour graph falls
// apart (the pretrained starting points can lie far from the rest) the
// fit uses more neighbours and says so.
package trajectories
