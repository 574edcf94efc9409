"""Turns a safetensors checkpoint into a TorchScript state-dict container (.pt).

The container's forward() takes no input and returns Dict[str, Tensor] with the checkpoint's names: the form
in which avqa reads a TorchScript checkpoint with BatchNorm buffers (DJL exposes a scripted network's
parameters but not its buffers). Usage: python3 state_dict_container.py IN.safetensors OUT.pt
"""
import importlib.util
import json
import os
import struct
import sys
import tempfile

import numpy as np
import torch

DTYPES = {"F32": np.float32, "F16": np.float16, "F64": np.float64, "I64": np.int64}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (header_length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + header_length])
    body = data[8 + header_length:]
    tensors = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        start, end = spec["data_offsets"]
        array = np.frombuffer(body[start:end], dtype=DTYPES[spec["dtype"]]).reshape(spec["shape"])
        tensors[name] = torch.from_numpy(array.copy())
    return tensors


def container_source(names):
    # TorchScript compiles from source files, so the class is written out with one buffer per tensor.
    lines = ["import torch", "from typing import Dict", "", "class Container(torch.nn.Module):",
             "    def __init__(self, tensors):", "        super().__init__()"]
    for i, name in enumerate(names):
        lines.append(f"        self.register_buffer('t{i}', tensors[{name!r}])")
    lines += ["", "    def forward(self) -> Dict[str, torch.Tensor]:", "        return {"]
    lines += [f"            {name!r}: self.t{i}," for i, name in enumerate(names)]
    lines.append("        }")
    return "\n".join(lines) + "\n"


def main(source, target):
    tensors = read_safetensors(source)
    with tempfile.TemporaryDirectory() as tmp:
        module_file = os.path.join(tmp, "container_module.py")
        with open(module_file, "w") as f:
            f.write(container_source(list(tensors)))
        spec = importlib.util.spec_from_file_location("container_module", module_file)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        torch.jit.script(module.Container(tensors)).save(target)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
