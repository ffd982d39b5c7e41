#!/usr/bin/python3
"""Serve a LeRobot policy checkpoint over the openpi WebSocket protocol, for `harness sweep --serve-cmd`.

    /usr/bin/python3 scripts/serve_lerobot.py CHECKPOINT --port PORT [--device cuda] [--rename POLICY_KEY=REQUEST_KEY ...]
    /usr/bin/python3 scripts/serve_lerobot.py --dummy CHECKPOINT --port PORT      # protocol only: holds the current state

CHECKPOINT is a LeRobot `pretrained_model/` folder (config.json, model.safetensors and the saved
pre/post-processor pipelines). The policy is loaded with LeRobot's own classes and its own pre- and
post-processors (normalisation, device placement, un-normalisation), so the numbers are LeRobot's.

Protocol (openpi's, as in shared/protocols.md section 1): GET /healthz answers 200 "OK\\n"; a WebSocket
connection first receives one binary msgpack frame of metadata, then strict request/response: an
observation map in, {"actions": float32 [H, A], "policy_timing": {...}, "server_timing": {...}} out.
Arrays travel as openpi's msgpack_numpy maps with bin keys (__ndarray__, data, dtype, shape). An error
is sent as a text frame holding the traceback, then the connection closes with code 1011.
Requests use Harness's lerobot layout: our feature names (observation.state as <f8, images as uint8
HWC), "prompt", and "harness/episode_start" on the first request of an episode (policy.reset()).

Needs Debian's python3-websockets and python3-msgpack (+ python3-numpy); the LeRobot mode also needs
LeRobot and a PyTorch it supports (Debian 12's python3-torch 1.13 is too old for current LeRobot).
"""
import argparse
import asyncio
import http
import sys
import time
import traceback

import msgpack
import numpy as np
import websockets

# ---- openpi's msgpack_numpy wire format ------------------------------------------------------------

_REFUSED_KINDS = ("V", "O", "c")  # void, object, complex: refused like openpi does


def _pack_default(obj):
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind in _REFUSED_KINDS:
            raise ValueError(f"unsupported dtype {obj.dtype}")
        return {b"__ndarray__": True, b"data": np.ascontiguousarray(obj).tobytes(), b"dtype": obj.dtype.str, b"shape": list(obj.shape)}
    if isinstance(obj, np.generic):
        if obj.dtype.kind in _REFUSED_KINDS:
            raise ValueError(f"unsupported dtype {obj.dtype}")
        return {b"__npgeneric__": True, b"data": obj.item(), b"dtype": obj.dtype.str}
    raise TypeError(f"cannot pack {type(obj).__name__}")


def _unpack_hook(d):
    if b"__ndarray__" in d:
        dtype = np.dtype(d[b"dtype"])
        if dtype.kind in _REFUSED_KINDS:
            raise ValueError(f"unsupported dtype {dtype}")
        return np.ndarray(buffer=d[b"data"], dtype=dtype, shape=tuple(d[b"shape"]))
    if b"__npgeneric__" in d:
        return np.dtype(d[b"dtype"]).type(d[b"data"])
    return d


def packb(obj):
    return msgpack.packb(obj, default=_pack_default, use_bin_type=True)


def unpackb(data):
    return msgpack.unpackb(data, object_hook=_unpack_hook, raw=False, strict_map_key=False)


# ---- policies ---------------------------------------------------------------------------------------

class DummyPolicy:
    """Holds the current joint state for a whole chunk: exercises the protocol without any model."""

    def __init__(self, horizon):
        self.horizon = horizon
        self.metadata = {"harness/inputs": ["observation.state"], "policy": "serve_lerobot.py --dummy (hold)"}

    def reset(self):
        pass

    def infer(self, obs):
        state = np.asarray(obs["observation.state"], dtype=np.float32)
        return np.tile(state, (self.horizon, 1))


class LeRobotPolicy:
    """A LeRobot checkpoint run with its own pre- and post-processors."""

    def __init__(self, checkpoint, device, rename):
        import torch
        from lerobot.configs.policies import PreTrainedConfig
        from lerobot.policies.factory import get_policy_class, make_pre_post_processors

        self.torch = torch
        config = PreTrainedConfig.from_pretrained(checkpoint)
        config.device = device
        self.policy = get_policy_class(config.type).from_pretrained(checkpoint, config=config)
        self.policy.to(device).eval()
        self.pre, self.post = make_pre_post_processors(
            config, pretrained_path=checkpoint, preprocessor_overrides={"device_processor": {"device": device}})
        self.rename = rename  # policy feature -> request feature
        features = list(getattr(config, "input_features", {}).keys())
        self.metadata = {"harness/inputs": [rename.get(f, f) for f in features], "policy": f"lerobot:{config.type}"}

    def reset(self):
        self.policy.reset()

    def infer(self, obs):
        torch = self.torch
        batch = {}
        for key in self.policy.config.input_features:
            value = obs[self.rename.get(key, key)]
            t = torch.from_numpy(np.array(value))
            if t.dtype == torch.uint8 and t.ndim == 3:  # HWC uint8 image -> CHW float in [0, 1], as LeRobot's env wrappers do
                t = t.permute(2, 0, 1).float() / 255.0
            else:
                t = t.float()
            batch[key] = t.unsqueeze(0)
        batch["task"] = [obs.get("prompt", "")]
        batch = self.pre(batch)
        with torch.inference_mode():
            chunk = self.policy.predict_action_chunk(batch)
        chunk = self.post(chunk)
        return chunk[0].detach().to("cpu").float().numpy()


# ---- server -----------------------------------------------------------------------------------------

def serve(policy, host, port):
    async def health(path, headers):
        if path == "/healthz":
            return http.HTTPStatus.OK, [], b"OK\n"
        return None

    async def handler(ws, path=None):
        await ws.send(packb(policy.metadata))
        prev_total_ms = None
        while True:
            try:
                message = await ws.recv()
            except websockets.ConnectionClosed:
                return
            start = time.monotonic()
            try:
                if isinstance(message, str):
                    raise ValueError("expected a binary msgpack frame, got a text frame")
                obs = unpackb(message)
                if obs.get("harness/episode_start"):
                    policy.reset()
                infer_start = time.monotonic()
                actions = np.asarray(policy.infer(obs), dtype=np.float32)
                infer_ms = (time.monotonic() - infer_start) * 1000
                reply = {"actions": actions, "policy_timing": {"infer_ms": infer_ms}, "server_timing": {"infer_ms": infer_ms}}
                if prev_total_ms is not None:
                    reply["server_timing"]["prev_total_ms"] = prev_total_ms
                await ws.send(packb(reply))
                prev_total_ms = (time.monotonic() - start) * 1000
            except websockets.ConnectionClosed:
                return
            except Exception:
                await ws.send(traceback.format_exc())
                await ws.close(code=1011, reason="Internal server error. Traceback included in previous frame.")
                return

    async def main():
        async with websockets.serve(handler, host, port, process_request=health, compression=None, max_size=None):
            print(f"serving {policy.metadata.get('policy')} on ws://{host}:{port} (health: http://{host}:{port}/healthz)", flush=True)
            await asyncio.Future()

    asyncio.run(main())


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("checkpoint", help="LeRobot pretrained_model folder")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--device", default="cpu")
    p.add_argument("--rename", action="append", default=[], metavar="POLICY_KEY=REQUEST_KEY",
                   help="read a policy input from another request key, e.g. observation.images.front=observation.images.overhead_cam")
    p.add_argument("--dummy", action="store_true", help="serve a hold-still policy instead of loading the checkpoint (protocol tests)")
    p.add_argument("--dummy-horizon", type=int, default=10)
    a = p.parse_args(argv)
    rename = dict(r.split("=", 1) for r in a.rename)
    if a.dummy:
        policy = DummyPolicy(a.dummy_horizon)
    else:
        try:
            policy = LeRobotPolicy(a.checkpoint, a.device, rename)
        except ImportError as e:
            sys.exit(f"serve_lerobot.py: cannot import LeRobot/PyTorch ({e}). Install LeRobot with a PyTorch it supports "
                     f"(Debian 12's python3-torch 1.13 is too old), or use --dummy to test the protocol only.")
    serve(policy, a.host, a.port)


if __name__ == "__main__":
    main()
