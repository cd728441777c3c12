#!/usr/bin/env python3
"""An independent PyTorch run of the trajectories experiment, as a cross-check.

It follows the scene's defaults, written again from the experiment's
description rather than from the Go code: tanh 64-100-100-10 networks, 20
with greedy denoising-autoencoder pretraining (10 epochs a layer, 25% of the
inputs masked, Adam; the first layer reconstructs the pixels through a
sigmoid with cross-entropy, the second its tanh codes with squared error)
and 20 from PyTorch's default initialisation, then 30 epochs of SGD at 0.1,
batch 20, on 1,200 digits. The separation is the mean distance between the
groups' final class probabilities on 300 fixed test digits over the mean
distance within the groups, in function space, as the scene measures it.

Not part of the build or the tests; it needs Debian's python3-torch and
python3-sklearn:

    /usr/bin/python3 scenes/trajectories/crosscheck.py --split 0
"""

import argparse

import numpy as np
import torch
import torch.nn.functional as F
from sklearn.datasets import load_digits

TRAIN, PROBE, BATCH = 1200, 300, 20


def digits(split):
    d = load_digits()
    x = torch.tensor(d.data / 16.0, dtype=torch.float32)
    y = torch.tensor(d.target)
    order = np.random.default_rng(split).permutation(len(y))
    train, probe = order[:TRAIN], order[TRAIN:TRAIN + PROBE]
    return x[train], y[train], x[probe], y[probe]


def forward(layers, x):
    for layer in layers[:-1]:
        x = torch.tanh(layer(x))
    return layers[-1](x)


def pretrain(layers, x, seed, epochs, masked, rate):
    torch.manual_seed(seed)
    codes = x
    for k, encoder in enumerate(layers[:-1]):
        decoder = torch.nn.Linear(encoder.out_features, encoder.in_features)
        opt = torch.optim.Adam([*encoder.parameters(), *decoder.parameters()], lr=rate)
        for _ in range(epochs):
            order = torch.randperm(len(codes))
            for i in range(0, len(codes), BATCH):
                clean = codes[order[i:i + BATCH]]
                noisy = clean * (torch.rand_like(clean) >= masked)
                out = decoder(torch.tanh(encoder(noisy)))
                if k == 0:
                    loss = F.binary_cross_entropy_with_logits(out, clean)
                else:
                    loss = F.mse_loss(torch.tanh(out), clean)
                opt.zero_grad()
                loss.backward()
                opt.step()
        with torch.no_grad():
            codes = torch.tanh(encoder(codes))


def finetune(layers, data, seed, epochs, rate):
    x, y, probe_x, probe_y = data
    torch.manual_seed(seed)
    opt = torch.optim.SGD([p for layer in layers for p in layer.parameters()], lr=rate)
    for _ in range(epochs):
        order = torch.randperm(len(x))
        for i in range(0, len(x), BATCH):
            rows = order[i:i + BATCH]
            loss = F.cross_entropy(forward(layers, x[rows]), y[rows])
            opt.zero_grad()
            loss.backward()
            opt.step()
    with torch.no_grad():
        logits = forward(layers, probe_x)
        error = (logits.argmax(1) != probe_y).float().mean().item()
        return torch.softmax(logits, 1).flatten().numpy(), error


def separation(points, groups):
    dist = np.sqrt(((points[:, None] - points[None]) ** 2).sum(-1))
    lower = np.tril_indices(len(points), -1)
    same = (groups[:, None] == groups[None])[lower]
    pairs = dist[lower]
    spread = []
    for g in (0, 1):
        inside = dist[np.ix_(groups == g, groups == g)]
        spread.append(inside[np.tril_indices(len(inside), -1)].mean())
    return pairs[~same].mean() / pairs[same].mean(), spread


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", type=int, default=0, help="seed of the train/probe split")
    ap.add_argument("--nets", type=int, default=20, help="networks in each group")
    ap.add_argument("--ae-rate", type=float, default=1e-3, help="Adam step of the autoencoders")
    args = ap.parse_args()
    torch.set_num_threads(1)
    data = digits(args.split)
    finals, groups, errors = [], [], ([], [])
    for group in (0, 1):  # 0 pretrained, 1 random
        for n in range(args.nets):
            torch.manual_seed(1000 * group + n)
            layers = [torch.nn.Linear(64, 100), torch.nn.Linear(100, 100), torch.nn.Linear(100, 10)]
            if group == 0:
                pretrain(layers, data[0], 5000 + n, epochs=10, masked=0.25, rate=args.ae_rate)
            probs, error = finetune(layers, data, 9000 + 1000 * group + n, epochs=30, rate=0.1)
            finals.append(probs)
            groups.append(group)
            errors[group].append(error)
    ratio, spread = separation(np.array(finals), np.array(groups))
    print(f"split {args.split}: separation {ratio:.2f}, spread {spread[0]:.2f} pretrained "
          f"vs {spread[1]:.2f} random, test error {100 * np.mean(errors[0]):.1f}% vs "
          f"{100 * np.mean(errors[1]):.1f}%")


if __name__ == "__main__":
    main()
