"""Measures PyTorch's training speed on LeNet-5 (examples/lenet5-mnist.taxo's network) at batch 1, float32, on the CPU.

Plain SGD steps (forward, softmax cross-entropy, autograd backward, update) on the first N images of an MNIST folder
(the IDX files, gzipped or not, that `taxo train --data` reads), one thread by default; prints one line,
"pytorch samples_per_second S threads T samples N". Uses Debian's python3-torch.
Usage: python3 pytorch_lenet5_speed.py DATA_FOLDER [SAMPLES] [THREADS]
"""
import gzip
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_lenet5_reference import LeNet5  # noqa: E402  (the same network the equivalence test uses)


def read_idx(folder, name):
    for candidate in (name, name + ".gz"):
        path = os.path.join(folder, candidate)
        if os.path.exists(path):
            opener = gzip.open if path.endswith(".gz") else open
            with opener(path, "rb") as stream:
                data = stream.read()
            dims = data[3]
            shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
            return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)
    raise SystemExit(f"error: {os.path.join(folder, name)} not found (plain or .gz)")


def main(folder, samples=10000, threads=1):
    torch.set_num_threads(int(threads))
    torch.manual_seed(42)
    images = read_idx(folder, "train-images-idx3-ubyte")
    labels = read_idx(folder, "train-labels-idx1-ubyte")
    count = int(samples)
    x = torch.from_numpy(images.astype(np.float32) / 255.0).reshape(-1, 1, 28, 28)
    y = torch.from_numpy(labels.astype(np.int64))
    model = LeNet5()
    optimiser = torch.optim.SGD(model.parameters(), lr=0.01)
    start = time.perf_counter()
    for step in range(count):
        i = step % x.shape[0]
        optimiser.zero_grad()
        loss = F.cross_entropy(model(x[i:i + 1]), y[i:i + 1])
        loss.backward()
        optimiser.step()
    seconds = time.perf_counter() - start
    print(f"pytorch samples_per_second {count / seconds:.0f} threads {threads} samples {count}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
