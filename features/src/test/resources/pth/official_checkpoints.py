"""Writes checkpoints in the form of the official files `avqa features weights import` reads, with real PyTorch.

    python3 official_checkpoints.py OUT_DIR

OUT_DIR/resnet18.pth  torchvision.models.resnet18().state_dict(), zip format (as resnet18-f37072fd.pth)
OUT_DIR/resnet34.pth  torchvision.models.resnet34().state_dict(): the wrong architecture
OUT_DIR/resnet18-model.pth  the whole pickled module instead of its state dict: a common mistake
OUT_DIR/vggish.pth    torchvggish's VGG state dict, legacy format (as vggish-10086976.pth, saved in 2019)
OUT_DIR/pca.pth       {'pca_eigen_vectors': float64 [128, 128], 'pca_means': float64 [128]} numpy arrays,
                      legacy format (as vggish_pca_params-970ea276.pth)
OUT_DIR/reference/    the same values as float32 safetensors with the names the loader expects
                      (pproc.pca_means as the [128, 1] column torchvggish makes of it), written here with numpy

Weights are random (seeded) and every BatchNorm gets non-trivial running statistics, so a value that reached
the wrong parameter changes the features.
"""
import json
import os
import struct
import sys

import numpy as np
import torch
import torchvision


def vggish():
    # torchvggish's VGG: make_layers() of [64, M, 128, M, 256, 256, M, 512, 512, M], then three Linear layers
    layers, channels = [], 1
    for v in [64, "M", 128, "M", 256, 256, "M", 512, 512, "M"]:
        if v == "M":
            layers.append(torch.nn.MaxPool2d(2, 2))
        else:
            layers += [torch.nn.Conv2d(channels, v, 3, padding=1), torch.nn.ReLU(True)]
            channels = v
    model = torch.nn.Module()
    model.features = torch.nn.Sequential(*layers)
    model.embeddings = torch.nn.Sequential(
        torch.nn.Linear(512 * 4 * 6, 4096), torch.nn.ReLU(True), torch.nn.Linear(4096, 4096), torch.nn.ReLU(True),
        torch.nn.Linear(4096, 128), torch.nn.ReLU(True))
    return model


def with_running_stats(model):
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 2.0)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.2, 0.2)
    return model


def write_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, array in tensors.items():
        data = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def main(out):
    torch.manual_seed(27)
    os.makedirs(os.path.join(out, "reference"), exist_ok=True)
    resnet = with_running_stats(torchvision.models.resnet18()).state_dict()
    torch.save(resnet, os.path.join(out, "resnet18.pth"))
    torch.save(torchvision.models.resnet34().state_dict(), os.path.join(out, "resnet34.pth"))
    torch.save(torchvision.models.resnet18(), os.path.join(out, "resnet18-model.pth"))
    vgg = vggish().state_dict()
    torch.save(vgg, os.path.join(out, "vggish.pth"), _use_new_zipfile_serialization=False)
    rng = np.random.default_rng(27)
    pca = {"pca_eigen_vectors": rng.normal(0, 0.1, (128, 128)), "pca_means": rng.normal(0, 0.5, 128)}
    torch.save(pca, os.path.join(out, "pca.pth"), _use_new_zipfile_serialization=False)

    write_safetensors(os.path.join(out, "reference", "resnet18.safetensors"),
                      {k: v.numpy() for k, v in resnet.items() if not k.endswith("num_batches_tracked")})
    reference = {k: v.numpy() for k, v in vgg.items()}
    reference["pproc.pca_eigen_vectors"] = pca["pca_eigen_vectors"]
    reference["pproc.pca_means"] = pca["pca_means"].reshape(-1, 1)
    write_safetensors(os.path.join(out, "reference", "vggish.safetensors"), reference)
    with open(os.path.join(out, "reference", "backbone.properties"), "w") as f:
        f.write("vggish.finalRelu=true\nvggish.pca=true\n")


if __name__ == "__main__":
    main(sys.argv[1])
