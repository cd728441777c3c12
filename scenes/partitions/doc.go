// Package partitions is the scene of Figures 15.7 and 15.8 of Deep Learning:
// distributed against non-distributed representations of the plane.
//
// Figure 15.7: n binary features, each a half-space h_i(x) = [w_i·x + b_i > 0],
// give every region of R^d its own code, and n hyperplanes in general position
// carve R^d into Σ_{j=0..d} C(n, j) regions (7 for three lines in the plane).
// Figure 15.8: nearest neighbour with k centroids carves the space into just
// k regions, one per centroid.
//
// The experiment measures both counts from the geometry itself, never from the
// formula. Regions of an arrangement are enumerated incrementally: the regions
// of the first m hyperplanes are known as sign vectors, each with an interior
// witness point; adding hyperplane m+1 keeps every region on the side its
// witness falls and asks a small linear program whether the region also
// reaches the other side (maximise a margin t with s_i(w_i·x + b_i) ≥ t for
// every hyperplane; the region exists iff t > 0). Voronoi cells of the
// k-means centroids are counted with the same linear program. General position
// is checked separately (every d normals independent, no d+1 hyperplanes
// through one point), and the verdict says whether it held. Distinct
// centroids always have k non-empty cells; the count says so by measuring
// it, not by assuming it.
//
// The verdict judges the random arrangements of the chart (16 lines in the
// plane, 16 hyperplanes in R^d). The lines of the left plane, random or
// learned, are counted the same way and reported (plane_regions,
// plane_general_position) but not judged: a trained layer owes the formula
// nothing.
//
// In learned mode the half-planes are the hidden units of a small tanh network
// trained by the core's trainer on a two-dimensional dataset, so the plane
// shows how a trained layer partitions its input.
//
// Limits: a region thinner than feasibleMargin (a distance, as normals are
// unit length) counts as empty; the count in d dimensions enumerates every
// region, so its cost grows like Σ C(n, j) and the chart stops at n = 16
// (d = 6: about 26,000 margin programs, a quarter of a second).
package partitions
