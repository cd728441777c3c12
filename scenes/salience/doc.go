// Package salience is the scene of Figures 15.5 and 15.6 of Deep Learning:
// what a loss keeps decides what a representation keeps.
//
// Figure 15.5: an autoencoder trained with mean squared error on frames of
// a robot arm over a table drops the small ping-pong ball. The ball covers
// a few pixels, so leaving it out costs MSE almost nothing, while the large
// arm is drawn. A large ball survives. The scene trains the same
// autoencoder twice, at the chosen ball radius and at a large one.
//
// Figure 15.6: a network trained with MSE to predict the next frame of a
// turning head loses the ear; adding an adversarial loss keeps it. Here the
// input is the head at yaw θ and the target is the head at θ + Δ or θ - Δ,
// the direction drawn at random and invisible in the input. The future ear
// has two possible places; MSE is minimised by their average, two faint
// ghost ears. A discriminator that sees (input, next frame) pairs tells
// such a head from a real one at once, so a predictor trained with
// MSE + λ·adversarial commits to one future and draws one sharp ear, at
// the price of a larger MSE. Both predictors share architecture, bottleneck
// and step budget, and are trained side by side.
//
// # Data
//
// Both data sets are drawn in Go from a seed: 32×32 colour frames. Ping-pong
// frames show a wall, a table, an arm of three thick segments from a fixed
// base at random joint angles, and a ball of radius 1–6 px on the table,
// clear of the arm. Head frames show an ellipsoidal head: hair on the crown
// and the back, eyes and mouth on the front, and one ear in a colour found
// nowhere else, each feature placed by its azimuth around the head, so the
// ear's place follows the yaw. Every frame comes with its labels: the
// ball's disc, the arm's pixels, the ear's pixels for both possible
// futures, and the futures drawn without the ear.
//
// # Feature measures
//
// Ball kept: over the ball's true disc, a reconstructed pixel looks like
// ball when it is closer (in RGB) to the ball's colour than to the empty
// table's colour at that pixel; the ball is kept when more than half of
// the disc looks like ball. Arm IoU: the reconstructed arm is the set of
// pixels whose nearest colour among table, arm and ball is the arm's.
//
// Ear share: each output pixel over a future's ear is fitted as the closest
// mix s·ear + a·back₀ + (1-s-a)·back₁ (non-negative weights), where back₀
// and back₁ are that pixel in the two futures drawn without the ear; the
// share of that place is the mean s. Hair, skin or eyes that either future
// has there fit with s = 0, which a plain "fraction of the way from skin to
// ear colour" would not do (dark hair lies most of that way). The true
// future scores 1 at its place and 0 at the other, the average of both
// futures 0.5 at each, an ear-less head 0. An output has a sharp ear when
// one place holds a share of at least 0.6 and the other less; it has
// ghost ears when both places hold shares in [0.25, 0.6).
//
// # Models and budgets
//
// Autoencoders and predictors are multilayer perceptrons
// 3072 → h → bottleneck → h → 3072 (ReLU inside, sigmoid out), trained with
// Adam on fresh minibatches of 32 frames through core's data-parallel
// Trainer. Ping-pong uses h = 256 and 2500 steps at a learning rate of
// 1e-3 for each of its two autoencoders; the head uses h = 128 and 2000
// steps at 5e-4 for each predictor, the adversarial one starting from the
// very weights of the MSE one. The
// discriminator is 6144 → 128 → 128 → 1 (leaky ReLU) on the concatenated
// (input, next frame) pair, trained with binary cross-entropy on logits;
// the predictor's adversarial term is the non-saturating −log D, its
// gradient taken through the discriminator's Backward (∂L/∂input) and added
// to the MSE gradient with weight λ. The verdicts use the measurement on
// 64 held-out frames after the last step.
//
// # Limits
//
// The figure is usually shown with a deeper autoencoder
// (3072-512-512-16-512-512-3072); ours has one hidden layer a side so that
// each data set runs in a few minutes on two shared cores. It needs its
// 2500 steps: at 1200, one seed of three still drew the arm poorly (IoU
// 0.56–0.68). Adversarial training is not monotone:
// the share of sharp ears moves by ±0.1 between measurements, and at a
// learning rate of 1e-3 the predictor was seen flipping between committed
// and ghostly outputs, so the default rate is 5e-4. A larger λ (0.05) or a
// faster discriminator (lr 1e-3) let the discriminator collapse to chance
// in our trials. Only the final measurement is judged.
package salience
