// Package gan is the scene of Figure 15.9 of Deep Learning: a generative
// adversarial network trained live on procedural faces, and arithmetic on
// its latent codes (glasses man − man + woman) set against the same
// arithmetic on pixels. Two judges score the results: an attribute
// classifier, and a realness judge trained to tell a single face from a
// superposition of faces, which an attribute classifier alone cannot.
package gan
