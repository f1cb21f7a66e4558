"""The PyTorch reference for TaxoNN's float32 training path on the LeNet-5 example (examples/lenet5-mnist.taxo).

Reads the initial weights (a state_dict as .npz) and the samples (x: N x 1 x 28 x 28 float32, y: N int64), runs one
plain SGD step per sample (batch 1, softmax cross-entropy, the given learning rate) with autograd, and writes the
weights after the last step as .npz with the same names. Uses Debian's python3-torch (PyTorch 1.13).
Usage: python3 pytorch_lenet5_reference.py INIT.npz SAMPLES.npz LEARNING_RATE OUT.npz
"""
import sys

import numpy as np
import torch
import torch.nn.functional as F


class LeNet5(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = torch.nn.Conv2d(1, 6, 5, padding=2)
        self.c3 = torch.nn.Conv2d(6, 16, 5)
        self.f5 = torch.nn.Linear(400, 120)
        self.f6 = torch.nn.Linear(120, 84)
        self.f7 = torch.nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.c1(x)), 2, 2)
        x = F.max_pool2d(F.relu(self.c3(x)), 2, 2)
        x = torch.flatten(x, 1)  # channel, height, width order, as the .taxo flatten
        x = F.relu(self.f5(x))
        x = F.relu(self.f6(x))
        return self.f7(x)


def main(init_path, samples_path, learning_rate, out_path):
    torch.set_num_threads(1)
    model = LeNet5()
    init = np.load(init_path)
    model.load_state_dict({name: torch.from_numpy(init[name]) for name in init.files})
    samples = np.load(samples_path)
    x = torch.from_numpy(samples["x"])
    y = torch.from_numpy(samples["y"])
    optimiser = torch.optim.SGD(model.parameters(), lr=float(learning_rate))
    for i in range(x.shape[0]):
        optimiser.zero_grad()
        loss = F.cross_entropy(model(x[i:i + 1]), y[i:i + 1])
        loss.backward()
        optimiser.step()
    np.savez(out_path, **{name: tensor.detach().numpy() for name, tensor in model.state_dict().items()})


if __name__ == "__main__":
    main(*sys.argv[1:5])
