#!/usr/bin/python3
"""Trains a small convolutional policy from camera images and joint state, the way LeRobot users
train: from a recorded dataset, with PyTorch, exported with torch.onnx.export as a harness policy
package (model.onnx, policy.json, stats.json, reference.json, training.json).

Input: frames exported by the harness from a LeRobot dataset (Debian has no parquet reader for
Python, so the harness decodes parquet and videos):

    ./harness eval --scene so101-pick-place --policy scripted --episodes 200 --seed 1000 --workers 2 \\
        --image-size 96x96 --out /tmp/rec --record /tmp/ds --record-only success --record-cameras overhead_cam,wrist_cam
    ./harness dataset export /tmp/ds --format npz --out /tmp/ds.npz
    /usr/bin/python3 scripts/train_vision_policy.py --data /tmp/ds.npz --out policies/so101_vision_cnn \\
        --checkpoint-every 1500

The model reads `observation.state` and the camera images only (never
`observation.environment_state`, which a real arm cannot provide). Per camera: four convolutions
and a spatial softmax (each feature map becomes the expected image position of its activation,
a keypoint); the keypoints of both cameras and the normalised state go through an MLP that
predicts a chunk of normalised actions. Normalisation is LeRobot's mean_std:
(x - mean) / (std + 1e-8), images per channel on the [0, 1] scale; the statistics are computed
from the training data and shipped in stats.json, and the harness applies them (the ONNX graph
takes normalised inputs and returns normalised actions). Training: L1 loss on the chunk (as ACT),
Adam with cosine decay, random-shift image augmentation, seeded, CPU, `--threads` threads.

Runs with Debian's packages only: python3-torch (1.13), python3-numpy, python3-onnx.
"""
import argparse
import json
import math
import os
import shutil
import sys
import tempfile
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

EPS = 1e-8  # LeRobot's epsilon in mean_std normalisation
OPSET = 17
STATE, ACTION = "observation.state", "action"
IMAGE_PREFIX = "observation.images."
PRIVILEGED = "observation.environment_state"


# ----------------------------------------------------------------------------- data

def load_frames(path, cameras):
    d = np.load(path)
    names = set(d.files)
    for need in [STATE, ACTION, "episode_index", "frame_index"] + [IMAGE_PREFIX + c for c in cameras]:
        if need not in names:
            sys.exit(f"{path} has no array '{need}'; it has {sorted(names)}. Export the dataset with "
                     f"`./harness dataset export DIR --format npz` from a recording with these cameras "
                     f"(--record-cameras {','.join(cameras)}).")
    frames = {
        STATE: d[STATE].astype(np.float32),
        ACTION: d[ACTION].astype(np.float32),
        "episode_index": d["episode_index"].astype(np.int64),
        "frame_index": d["frame_index"].astype(np.int64),
    }
    for c in cameras:
        frames[IMAGE_PREFIX + c] = d[IMAGE_PREFIX + c]  # uint8 N x H x W x 3
    return frames


def chunk_targets(actions, episodes, horizon):
    """Index of the action at t+k for every frame t and k < horizon, clamped to the episode's last
    frame (the arm holds its final command after the end), as LeRobot's padded action chunks."""
    n = len(actions)
    last = np.empty(n, np.int64)
    for e in np.unique(episodes):
        idx = np.nonzero(episodes == e)[0]
        if np.any(np.diff(idx) != 1):
            sys.exit(f"episode {e}'s frames are not contiguous in the export; expected them in order.")
        last[idx] = idx[-1]
    k = np.arange(horizon)[None, :]
    return np.minimum(np.arange(n)[:, None] + k, last[:, None])


def vector_stats(x):
    x = np.asarray(x, np.float64)
    std = x.std(axis=0)
    return {
        "min": x.min(axis=0).tolist(), "max": x.max(axis=0).tolist(),
        "mean": x.mean(axis=0).tolist(), "std": std.tolist(),
        "q01": np.quantile(x, 0.01, axis=0).tolist(), "q99": np.quantile(x, 0.99, axis=0).tolist(),
        "count": [int(len(x))],
    }


def image_stats(images):
    """Per-channel statistics on the [0, 1] scale, shaped (3, 1, 1) as in LeRobot's stats.json.
    Exact over every pixel (in blocks, to keep memory flat)."""
    n = len(images)
    s = np.zeros(3); s2 = np.zeros(3); lo = np.full(3, np.inf); hi = np.full(3, -np.inf)
    hist = np.zeros((3, 256), np.int64)
    for i in range(0, n, 2048):
        block = images[i:i + 2048].reshape(-1, 3)
        s += block.sum(axis=0, dtype=np.float64)
        s2 += (block.astype(np.float64) ** 2).sum(axis=0)
        lo = np.minimum(lo, block.min(axis=0)); hi = np.maximum(hi, block.max(axis=0))
        for c in range(3):
            hist[c] += np.bincount(block[:, c], minlength=256)
    count = hist[0].sum()
    mean = s / count
    std = np.sqrt(np.maximum(s2 / count - mean ** 2, 0))

    def quantile(q):
        return [float(np.searchsorted(np.cumsum(hist[c]), q * count)) for c in range(3)]

    def c11(v):
        return [[[float(x) / 255.0]] for x in v]

    return {
        "min": c11(lo), "max": c11(hi), "mean": c11(mean), "std": c11(std),
        "q01": c11(quantile(0.01)), "q99": c11(quantile(0.99)), "count": [int(n)],
    }


# ----------------------------------------------------------------------------- model

class SpatialSoftmax(nn.Module):
    """Each feature map -> the expected (x, y) of its softmax, in [-1, 1] image coordinates."""

    def __init__(self, height, width):
        super().__init__()
        ys, xs = torch.meshgrid(torch.linspace(-1, 1, height), torch.linspace(-1, 1, width), indexing="ij")
        self.register_buffer("grid", torch.stack([xs.reshape(-1), ys.reshape(-1)], dim=1))  # HW x 2

    def forward(self, x):
        b, c, h, w = x.shape
        attention = torch.softmax(x.reshape(b, c, h * w), dim=-1)
        return torch.matmul(attention, self.grid).reshape(b, c * 2)


class CameraEncoder(nn.Module):
    def __init__(self, size, width):
        super().__init__()
        w1, w2 = width // 2, width
        self.conv = nn.Sequential(
            nn.Conv2d(3, w1, 5, stride=2, padding=2), nn.ReLU(),
            nn.Conv2d(w1, w2, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(w2, w2, 3, padding=1), nn.ReLU(),
            nn.Conv2d(w2, w2, 3, padding=1),
        )
        self.keypoints = SpatialSoftmax(size // 4, size // 4)
        self.out_dim = 2 * w2

    def forward(self, image):
        return self.keypoints(self.conv(image))


class VisionPolicy(nn.Module):
    """Normalised state and images in (NCHW), a chunk of normalised actions out: [1, T, A]."""

    def __init__(self, cameras, size, state_dim, action_dim, horizon, width, hidden):
        super().__init__()
        self.cameras = list(cameras)
        self.encoders = nn.ModuleList([CameraEncoder(size, width) for _ in cameras])
        features = sum(e.out_dim for e in self.encoders) + state_dim
        self.head = nn.Sequential(
            nn.Linear(features, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, horizon * action_dim),
        )
        self.horizon, self.action_dim = horizon, action_dim

    def forward(self, state, *images):
        parts = [enc(img) for enc, img in zip(self.encoders, images)] + [state]
        return self.head(torch.cat(parts, dim=1)).reshape(-1, self.horizon, self.action_dim)


def random_shift(images, pad, generator):
    """DrQ-style augmentation: replicate-pad by `pad` pixels and crop back at a random offset."""
    b, c, h, w = images.shape
    padded = F.pad(images, (pad, pad, pad, pad), mode="replicate")
    dx = torch.randint(0, 2 * pad + 1, (b,), generator=generator)
    dy = torch.randint(0, 2 * pad + 1, (b,), generator=generator)
    out = torch.empty_like(images)
    for i in range(b):
        out[i] = padded[i, :, dy[i]:dy[i] + h, dx[i]:dx[i] + w]
    return out


# ----------------------------------------------------------------------------- package

def f32(values):
    return [float(v) for v in np.asarray(values, dtype=np.float32).reshape(-1)]


class Normaliser:
    def __init__(self, stats, cameras):
        self.state_mean = np.asarray(stats[STATE]["mean"], np.float32)
        self.state_std = np.asarray(stats[STATE]["std"], np.float32)
        self.action_mean = np.asarray(stats[ACTION]["mean"], np.float32)
        self.action_std = np.asarray(stats[ACTION]["std"], np.float32)
        self.image = {}
        for c in cameras:
            s = stats[IMAGE_PREFIX + c]
            mean = np.asarray(s["mean"], np.float32).reshape(1, 3, 1, 1)
            std = np.asarray(s["std"], np.float32).reshape(1, 3, 1, 1)
            self.image[c] = (torch.from_numpy(mean), torch.from_numpy(std))

    def state(self, x):
        return (x - self.state_mean) / (self.state_std + EPS)

    def action(self, x):
        return (x - self.action_mean) / (self.action_std + EPS)

    def unaction(self, x):
        return x * (self.action_std + EPS) + self.action_mean

    def images(self, camera, uint8_nhwc):
        """uint8 N x H x W x 3 -> normalised float N x 3 x H x W, as the harness feeds it."""
        mean, std = self.image[camera]
        x = torch.from_numpy(np.ascontiguousarray(uint8_nhwc)).permute(0, 3, 1, 2).float() / 255.0
        return (x - mean) / (std + EPS)


def manifest(args, cameras, size, name, step, run, spread):
    inputs = [{"tensor": "state", "feature": STATE, "kind": "state", "dtype": "float32"}]
    for c in cameras:
        inputs.append({"tensor": c, "feature": IMAGE_PREFIX + c, "kind": "image", "dtype": "float32",
                       "layout": "NCHW", "value_range": [0, 1], "resize": [size, size]})
    norm = {STATE: "mean_std", ACTION: "mean_std"}
    for c in cameras:
        norm[IMAGE_PREFIX + c] = "mean_std"
    checkpoint = {"name": name, "training_step": step,
                  "source": f"scripts/train_vision_policy.py on {os.path.basename(args.data)}"}
    if run:
        checkpoint["run"] = run
    return {
        "format": "harness.onnx-policy/1",
        "inputs": inputs,
        "output": {"tensor": "actions", "feature": ACTION, "shape": "[1,T,A]"},
        "normalization": norm,
        "n_action_steps": args.n_action_steps,
        "checkpoint": checkpoint,
        "fps": args.fps,
        "action_state_spread": f32(spread),
    }


def write_package(out_dir, model, norm, stats, man, reference_obs, cameras, extra_files):
    """model.onnx + policy.json + stats.json + reference.json, written into a temporary folder
    beside OUT and renamed, so a half-written package never looks complete."""
    parent = os.path.dirname(os.path.abspath(out_dir)) or "."
    os.makedirs(parent, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="." + os.path.basename(out_dir) + ".", dir=parent)
    model.eval()
    state_raw, image_raw = reference_obs
    with torch.no_grad():
        state = torch.from_numpy(norm.state(state_raw[None]).astype(np.float32))
        images = [norm.images(c, image_raw[c][None]) for c in cameras]
        chunk = model(state, *images)[0].numpy().astype(np.float64)
        torch.onnx.export(model, (state, *images), os.path.join(tmp, "model.onnx"),
                          input_names=["state"] + cameras, output_names=["actions"], opset_version=OPSET)
    actions = norm.unaction(chunk)
    obs = {STATE: [float(v) for v in state_raw]}
    for c in cameras:
        img = image_raw[c]
        obs[IMAGE_PREFIX + c] = {"height": int(img.shape[0]), "width": int(img.shape[1]), "channels": int(img.shape[2]),
                                 "pixels": [int(p) for p in img.reshape(-1)]}
    reference = {"format": "harness.policy-reference/1", "observation": obs,
                 "action": [[float(v) for v in row] for row in actions]}
    for name, content in [("policy.json", man), ("stats.json", stats), ("reference.json", reference)] + extra_files:
        with open(os.path.join(tmp, name), "w") as f:
            json.dump(content, f, indent=None if name == "reference.json" else 2)
            f.write("\n")
    if os.path.exists(out_dir):
        shutil.rmtree(out_dir)
    os.rename(tmp, out_dir)
    model.train()


# ----------------------------------------------------------------------------- training

def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, help="frames exported with `harness dataset export DIR --format npz`")
    p.add_argument("--out", required=True, help="policy package folder to write")
    p.add_argument("--cameras", default="overhead_cam,wrist_cam")
    p.add_argument("--horizon", type=int, default=20, help="actions predicted per query (chunk length)")
    p.add_argument("--n-action-steps", type=int, default=10, help="actions executed per query")
    p.add_argument("--width", type=int, default=32, help="channels of the convolutions")
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--steps", type=int, default=6000, help="optimizer steps")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--shift", type=int, default=4, help="random-shift augmentation, pixels (0: off)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--fps", type=int, default=30, help="the dataset's control rate (policy.json fps)")
    p.add_argument("--checkpoint-every", type=int, default=0,
                   help="also write a package every K steps into OUT/../NAME_run/step_NNNNNN (0: only the final one)")
    p.add_argument("--checkpoint-dir", default=None, help="folder for the intermediate packages (default OUT_run)")
    p.add_argument("--max-episodes", type=int, default=0, help="use only the first N episodes (0: all)")
    args = p.parse_args()

    started = time.time()
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(args.threads)
    cameras = [c for c in args.cameras.split(",") if c]
    if args.n_action_steps > args.horizon:
        sys.exit(f"--n-action-steps {args.n_action_steps} exceeds --horizon {args.horizon}; the policy cannot execute more actions than it predicts.")

    frames = load_frames(args.data, cameras)
    if args.max_episodes:
        keep = frames["episode_index"] < np.unique(frames["episode_index"])[:args.max_episodes].max() + 1
        frames = {k: v[keep] for k, v in frames.items()}
    n = len(frames[ACTION])
    episodes = frames["episode_index"]
    size = frames[IMAGE_PREFIX + cameras[0]].shape[1]
    for c in cameras:
        shape = frames[IMAGE_PREFIX + c].shape[1:]
        if shape != (size, size, 3):
            sys.exit(f"camera {c} has frames of {shape}; expected square RGB frames of one size ({size}x{size}x3). Record with --image-size {size}x{size}.")

    stats = {STATE: vector_stats(frames[STATE]), ACTION: vector_stats(frames[ACTION])}
    for c in cameras:
        stats[IMAGE_PREFIX + c] = image_stats(frames[IMAGE_PREFIX + c])
    norm = Normaliser(stats, cameras)
    spread = np.abs(frames[ACTION] - frames[STATE]).max(axis=0)
    targets = torch.from_numpy(norm.action(frames[ACTION]).astype(np.float32))[torch.from_numpy(chunk_targets(frames[ACTION], episodes, args.horizon))]
    states = torch.from_numpy(norm.state(frames[STATE]).astype(np.float32))
    raw_images = {c: frames[IMAGE_PREFIX + c] for c in cameras}
    n_episodes = len(np.unique(episodes))
    print(f"{n_episodes} episodes, {n} frames, cameras {cameras} at {size}x{size}, chunk {args.horizon}", flush=True)

    model = VisionPolicy(cameras, size, states.shape[1], targets.shape[2], args.horizon, args.width, args.hidden)
    params = sum(p.numel() for p in model.parameters())
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: 0.5 * (1 + math.cos(math.pi * min(s, args.steps) / args.steps)))
    gen = torch.Generator().manual_seed(args.seed)
    first = int(np.nonzero(episodes == episodes[0])[0][0])
    reference_obs = (frames[STATE][first], {c: raw_images[c][first] for c in cameras})
    name = os.path.basename(os.path.normpath(args.out))
    run = name + "_run"
    ckpt_dir = args.checkpoint_dir or os.path.join(os.path.dirname(os.path.abspath(args.out)), run)

    losses, checkpoints, log_every = [], [], 100
    running, t_train = 0.0, time.time()
    order = torch.randperm(n, generator=gen)
    cursor = 0
    for step in range(1, args.steps + 1):
        if cursor + args.batch > n:
            order, cursor = torch.randperm(n, generator=gen), 0
        idx = order[cursor:cursor + args.batch]
        cursor += args.batch
        idx_np = idx.numpy()
        images = []
        for c in cameras:
            x = norm.images(c, raw_images[c][idx_np])
            images.append(random_shift(x, args.shift, gen) if args.shift > 0 else x)
        pred = model(states[idx], *images)
        loss = F.l1_loss(pred, targets[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        running += loss.item()
        if step % log_every == 0:
            losses.append({"step": step, "l1": running / log_every, "elapsed_s": round(time.time() - t_train, 1)})
            print(f"step {step}/{args.steps}  l1 {running / log_every:.4f}  {time.time() - t_train:.0f} s", flush=True)
            running = 0.0
        if args.checkpoint_every and step % args.checkpoint_every == 0 and step < args.steps:
            path = os.path.join(ckpt_dir, f"step_{step:06d}")
            write_package(path, model, norm, stats, manifest(args, cameras, size, f"step_{step:06d}", step, run, spread),
                          reference_obs, cameras, [])
            checkpoints.append(os.path.relpath(path, os.path.dirname(os.path.abspath(args.out))))
            print(f"wrote checkpoint {path}", flush=True)

    train_s = time.time() - t_train
    report = {
        "script": "scripts/train_vision_policy.py",
        "command": " ".join(["scripts/train_vision_policy.py"] + sys.argv[1:]),
        "options": vars(args),
        "episodes": n_episodes, "frames": n, "cameras": cameras, "image_size": [size, size],
        "features": [STATE] + [IMAGE_PREFIX + c for c in cameras],
        "parameters": params, "optimizer_steps": args.steps,
        "torch": torch.__version__, "threads": torch.get_num_threads(),
        "train_seconds": round(train_s, 1), "total_seconds": round(time.time() - started, 1),
        "first_loss": losses[0]["l1"] if losses else None, "final_loss": losses[-1]["l1"] if losses else None,
        "losses": losses, "checkpoints": checkpoints,
    }
    man = manifest(args, cameras, size, name, args.steps, run if args.checkpoint_every else None, spread)
    write_package(args.out, model, norm, stats, man, reference_obs, cameras, [("training.json", report)])
    if args.checkpoint_every:
        # The final network also closes the curve of intermediate checkpoints.
        path = os.path.join(ckpt_dir, f"step_{args.steps:06d}")
        write_package(path, model, norm, stats, manifest(args, cameras, size, f"step_{args.steps:06d}", args.steps, run, spread),
                      reference_obs, cameras, [])
    print(f"wrote {args.out}: {params} parameters, {args.steps} steps, training {train_s:.0f} s, total {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
