#!/usr/bin/python3
"""Converts the published robot models into MJCF that MuJoCo 2.2.2 loads.

Reads the pinned commits of the source repositories (git clones, bare or not) and writes the
robot MJCF, meshes, LICENSE and NOTICE of each scene under scenes/. The scene.xml files that
include these robots are written by hand and are not touched. See README.md next to this file.

    convert_models.py [--so101 REPO] [--menagerie REPO] [--trossen REPO] [--out ROOT] [--check]
    convert_models.py --self-test
"""
import argparse
import copy
import math
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
SCRIPT = "scripts/models/convert_models.py"


@dataclass(frozen=True)
class Source:
    """A pinned source repository."""
    option: str
    repo: str
    commit: str
    license: str  # SPDX id of the files we take
    fetched_as: str = ""  # the repository our snapshot came from, when not the upstream one

    @property
    def url(self):
        return f"https://github.com/{self.repo}"

    def default_path(self):
        # Where the project's fetch tool puts a snapshot; any clone works (pass --<option>).
        return f"/work/.mirror/{(self.fetched_as or self.repo).replace('/', '+')}/repo"


SO101 = Source("so101", "TheRobotStudio/SO-ARM100", "fda892cba81032c46c40976a48c9ceadbf40a9ca", "Apache-2.0")
# Upstream google-deepmind/mujoco_menagerie commit a88bc45, read from the fork tlpss/mujoco_menagerie
# (the full upstream repository is too large to fetch here; the fork's later commits change the UR5e).
MENAGERIE = Source("menagerie", "google-deepmind/mujoco_menagerie", "a88bc450470d97ebc1f282e5969675fb4d1f0ed7",
                   "BSD-3-Clause (UR5e), BSD-2-Clause (2F-85)", fetched_as="tlpss/mujoco_menagerie")
TROSSEN = Source("trossen", "TrossenRobotics/trossen_arm_mujoco", "77aba5d32654f17945f139e63310e7a3ac2cd4ab", "BSD-3-Clause")
SOURCES = [SO101, MENAGERIE, TROSSEN]


class ConversionError(Exception):
    pass


class GitTree:
    """Files of one commit of a git repository, read blob by blob (a snapshot may lack big blobs)."""

    def __init__(self, source, path):
        self.source = source
        self.path = path
        if not os.path.isdir(path):
            raise ConversionError(
                f"expected a git clone of {source.url} at {path}, found nothing there; "
                f"clone it (git clone {source.url}) and pass --{source.option} PATH")
        ok = subprocess.run(["git", "-C", path, "cat-file", "-e", source.commit + "^{commit}"],
                            capture_output=True).returncode == 0
        if not ok:
            raise ConversionError(
                f"{path} does not contain commit {source.commit} of {source.url}; "
                f"fetch it (git -C {path} fetch origin {source.commit}) or pass another clone with --{source.option}")

    def read(self, rel):
        r = subprocess.run(["git", "-C", self.path, "cat-file", "-p", f"{self.source.commit}:{rel}"], capture_output=True)
        if r.returncode != 0:
            raise ConversionError(
                f"{self.source.repo}@{self.source.commit[:7]} has no readable file {rel} in {self.path}: "
                f"{r.stderr.decode().strip()}")
        return r.stdout


# ---------------------------------------------------------------------------------------------
# XML helpers

def parse(data):
    parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True))
    parser.feed(data)
    return parser.close()


def serialise(root, header):
    root = copy.deepcopy(root)
    root.insert(0, ET.Comment(header))
    ET.indent(root, space="  ")
    return (ET.tostring(root, encoding="unicode") + "\n").encode()


def fmt(x):
    """A number as MJCF text: short, exact enough, no '-0'."""
    if abs(x) < 1e-12:
        return "0"
    s = f"{x:.9g}"
    return s


def fmt_list(xs):
    return " ".join(fmt(x) for x in xs)


def floats(s):
    return [float(v) for v in s.split()]


def parent_map(root):
    return {c: p for p in root.iter() for c in p}


def find_named(root, tag, name):
    for e in root.iter(tag):
        if e.get("name") == name:
            return e
    raise ConversionError(f"no <{tag} name=\"{name}\"> in the source model")


def default_classes(root):
    """class name -> (default element, parent class name or None). The top level is 'main'."""
    out = {}

    def walk(d, parent):
        name = d.get("class", "main")
        out[name] = (d, parent)
        for c in d.findall("default"):
            walk(c, name)

    for d in root.findall("default"):
        if d.get("class") is None:
            for c in d.findall("default"):
                walk(c, "main")
            out.setdefault("main", (d, None))
        else:
            walk(d, "main")
    return out


# ---------------------------------------------------------------------------------------------
# Edits that MuJoCo 2.2.2 needs (each is a rule named in README.md)

ACTUATOR_SHORTCUT_DROPPED = ("kp", "kv")


def position_to_general(root):
    """<position kp kv> (actuators and class defaults) -> <general> with explicit affine gains.

    MuJoCo 2.2.2 has no 'kv' on <position> (an error on an actuator, silently dropped in a
    default class), so kp and kv are resolved through the class chain and written as
    gainprm="kp" biasprm="0 -kp -kv".
    """
    classes = default_classes(root)

    def class_value(cls, attr):
        while cls is not None:
            d, parent = classes[cls]
            for p in d.findall("position"):
                if p.get(attr) is not None:
                    return float(p.get(attr))
            cls = parent
        return None

    def convert(e, kp, kv):
        e.tag = "general"
        for a in ACTUATOR_SHORTCUT_DROPPED:
            e.attrib.pop(a, None)
        e.set("gaintype", "fixed")
        e.set("biastype", "affine")
        e.set("gainprm", fmt(kp))
        e.set("biasprm", fmt_list([0, -kp, -kv]))

    # Resolve every value first: converting a default changes what later look-ups see.
    todo = []
    for name, (d, parent) in classes.items():
        for p in d.findall("position"):
            todo.append((p, class_value(name, "kp"), class_value(name, "kv")))
    for act in root.findall("actuator"):
        for p in act.findall("position"):
            cls = p.get("class", "main")
            if cls not in classes:
                raise ConversionError(f"actuator {p.get('name')} uses unknown class {cls}")
            kp = float(p.get("kp")) if p.get("kp") is not None else class_value(cls, "kp")
            kv = float(p.get("kv")) if p.get("kv") is not None else class_value(cls, "kv")
            todo.append((p, kp, kv))
    for p, kp, kv in todo:
        # MuJoCo's own defaults for <position>: kp = 1, kv = 0.
        convert(p, 1.0 if kp is None else kp, 0.0 if kv is None else kv)
    count = len(todo)
    return count


def integrator_implicit(root):
    """'implicitfast' (MuJoCo >= 2.3.3) -> 'implicit', its 2.2.2 ancestor."""
    n = 0
    for o in root.iter("option"):
        if o.get("integrator") == "implicitfast":
            o.set("integrator", "implicit")
            n += 1
    return n


def remove_gravcomp(root):
    """2.2.2 has neither body gravcomp nor joint actuatorgravcomp; see the xfrc_applied note."""
    n = 0
    for b in root.iter("body"):
        if b.attrib.pop("gravcomp", None) is not None:
            n += 1
    for j in root.iter("joint"):
        if j.attrib.pop("actuatorgravcomp", None) is not None:
            n += 1
    return n


def drop_keyframes(root):
    """Keyframes must be as long as nq, which changes once the scene adds objects: the scene
    file defines its own. Returns the dropped keys as (name, qpos, ctrl) for the NOTICE."""
    dropped = []
    for k in root.findall("keyframe"):
        for key in k.findall("key"):
            dropped.append((key.get("name"), key.get("qpos"), key.get("ctrl")))
        root.remove(k)
    return dropped


def camera_fovy(root):
    """focal/sensorsize (MuJoCo >= 2.3.?) -> fovy in degrees, as MuJoCo derives it."""
    n = 0
    for c in root.iter("camera"):
        if c.get("focal") is not None or c.get("sensorsize") is not None:
            if c.get("focal") is None or c.get("sensorsize") is None:
                raise ConversionError(f"camera {c.get('name')}: focal and sensorsize come together")
            fy = floats(c.get("focal"))[1]
            sy = floats(c.get("sensorsize"))[1]
            for a in ("focal", "sensorsize", "resolution", "principal"):
                c.attrib.pop(a, None)
            c.set("fovy", fmt(math.degrees(2 * math.atan(sy / (2 * fy)))))
            n += 1
    return n


def explicit_autolimits(root):
    """2.2.2 defaults autolimits to false; our sources rely on it being true."""
    comp = root.find("compiler")
    if comp is None:
        comp = ET.Element("compiler")
        root.insert(0, comp)
    comp.set("autolimits", "true")


def omit_meshes(root, files):
    """Leaves out meshes that are unavailable (over 4 MiB in our snapshots); only visual geoms may use them."""
    names = set()
    for asset in root.findall("asset"):
        for m in list(asset.findall("mesh")):
            f = m.get("file")
            if f in files:
                names.add(m.get("name") or os.path.splitext(f)[0])
                asset.remove(m)
    parents = parent_map(root)
    for g in list(root.iter("geom")):
        if g.get("mesh") in names:
            if g.get("contype") not in ("0",) and "visual" not in (g.get("class") or ""):
                raise ConversionError(f"mesh {g.get('mesh')} is left out but geom {g.get('name')} is not visual")
            parents[g].remove(g)
    return sorted(names)


def set_asset_dirs(root, meshdir="assets", texturedir="assets"):
    comp = root.find("compiler")
    comp.set("meshdir", meshdir)
    if comp.get("texturedir") is not None:
        comp.set("texturedir", texturedir)


def mesh_files(root):
    return [m.get("file") for a in root.findall("asset") for m in a.findall("mesh")]


def texture_files(root):
    return [t.get("file") for a in root.findall("asset") for t in a.findall("texture") if t.get("file")]


# ---------------------------------------------------------------------------------------------
# Quaternions (w x y z) for composing frames when the gripper is mounted on the arm

def quat_mul(a, b):
    aw, ax, ay, az = a
    bw, bx, by, bz = b
    return [aw * bw - ax * bx - ay * by - az * bz,
            aw * bx + ax * bw + ay * bz - az * by,
            aw * by - ax * bz + ay * bw + az * bx,
            aw * bz + ax * by - ay * bx + az * bw]


def quat_norm(q):
    n = math.sqrt(sum(v * v for v in q))
    return [v / n for v in q]


def quat_rotate(q, v):
    w, x, y, z = quat_norm(q)
    p = quat_mul(quat_mul([w, x, y, z], [0.0] + list(v)), [w, -x, -y, -z])
    return p[1:]


# ---------------------------------------------------------------------------------------------
# One converted robot: its MJCF, the files it needs and the NOTICE text

class Bundle:
    def __init__(self, folder, sources):
        self.folder = folder          # relative to the repository root
        self.sources = sources        # [(Source, [paths read])]
        self.files = {}               # relative to folder -> bytes
        self.edits = []               # human-readable lines for the NOTICE
        self.left_out = []

    def edit(self, text, count=1):
        if count:
            self.edits.append(text)

    def notice(self, title):
        lines = [f"{title}", "=" * len(title), "",
                 f"Generated by {SCRIPT} (do not edit by hand; re-run it instead).", ""]
        for src, paths in self.sources:
            lines += [f"Source: {src.url}", f"Commit: {src.commit}", f"Licence: {src.license}", "Files:"]
            lines += [f"  {p}" for p in paths]
            lines.append("")
        if self.left_out:
            lines.append("Left out (over 4 MiB, unavailable in our snapshot of the source; visual only):")
            lines += [f"  {p}" for p in self.left_out]
            lines.append("")
        lines.append("Changes made for MuJoCo 2.2.2 and for our scenes:")
        lines += [f"  - {e}" for e in self.edits]
        return ("\n".join(lines) + "\n").encode()


def copy_files(bundle, tree, src_dir, names, dst_dir="assets"):
    for n in names:
        bundle.files[f"{dst_dir}/{n}"] = tree.read(f"{src_dir}/{n}")


# ---------------------------------------------------------------------------------------------
# SO-101

SO101_DIR = "Simulation/SO101"


def so101(tree):
    b = Bundle("scenes/so101-pick-place", [(SO101, [f"{SO101_DIR}/so101_new_calib.xml", f"{SO101_DIR}/assets/*.stl", "LICENSE"])])
    root = parse(tree.read(f"{SO101_DIR}/so101_new_calib.xml"))
    explicit_autolimits(root)
    b.edit("<position kp kv> (actuators and class defaults) -> <general gaintype=\"fixed\" biastype=\"affine\" "
           "gainprm=\"kp\" biasprm=\"0 -kp -kv\">: 2.2.2 silently drops kv in a default class", position_to_general(root))
    set_asset_dirs(root)
    so101_edits(root, b, lambda mesh: tree.read(f"{SO101_DIR}/assets/{mesh}.stl"))
    before = after = 0
    for name in mesh_files(root):
        data, n_in, n_out = decimate_stl(tree.read(f"{SO101_DIR}/assets/{name}"), SO101_MESH_CELL)
        b.files[f"assets/{name}"] = data
        before, after = before + n_in, after + n_out
    b.edit(f"visual meshes simplified by vertex clustering on a {SO101_MESH_CELL * 1000:g} mm grid ({before:,} -> {after:,} "
           "triangles): the software rasteriser's time is proportional to triangles, the published meshes are "
           "CAD-dense (0.1 mm detail) and no camera resolves 1 mm; collision uses boxes, so physics is unchanged")
    b.files["so101_new_calib.xml"] = serialise(root, f" Converted from {SO101.url} {SO101_DIR}/so101_new_calib.xml "
                                               f"at {SO101.commit} by {SCRIPT}; see NOTICE. ")
    b.files["LICENSE"] = tree.read("LICENSE")
    b.files["NOTICE"] = b.notice("SO-101 follower arm (official model, new calibration)")
    return b


def element(tag, comment=None, **attrs):
    """An element with attributes in the given order ('class_' for 'class')."""
    e = ET.Element(tag)
    for k, v in attrs.items():
        e.set(k.rstrip("_"), v)
    return e


def insert_after_last(parent, tag, new):
    """Inserts new elements after the parent's last <tag> child (or at the end)."""
    kids = list(parent)
    idx = max((i for i, c in enumerate(kids) if c.tag == tag), default=len(kids) - 1) + 1
    for k, e in enumerate(new):
        parent.insert(idx + k, e)


# Primitive collision geometry of the SO-101 gripper, measured on the STL meshes (gripper frame:
# the fingers point along -z, the fixed jaw is on -x, the moving jaw on +x). The inner faces of
# the pads lie on the jaws' gripping faces (fixed: x = -0.0116 along the finger, -0.0079 at the
# tip; moving, at q = 0: x = +0.0119 and +0.0079).
SO101_GRIPPER_GEOMS = [
    ("gripper", "gripper_palm", "-0.0026 0 -0.0215", "0.0326 0.024 0.0225"),
    ("gripper", "fixed_jaw_pad", "-0.0208 0 -0.0665", "0.0092 0.0085 0.0215"),
    ("gripper", "fixed_jaw_tip", "-0.0119 0 -0.096", "0.004 0.006 0.008"),
    # moving jaw body frame: the finger points along -y, its gripping face is at x = -0.0083
    # (-0.0123 at the tip); z = 0.0188 is the finger's mid-plane.
    ("moving_jaw_so101_v1", "moving_jaw_pad", "-0.00075 -0.0431 0.0188", "0.00755 0.0215 0.0085"),
    ("moving_jaw_so101_v1", "moving_jaw_tip", "-0.0083 -0.0726 0.0188", "0.004 0.008 0.006"),
]
SO101_JAW_BODIES = ("gripper", "moving_jaw_so101_v1")


def stl_vertices(data):
    """Vertices of a binary or ASCII STL file."""
    if len(data) >= 84:
        n = struct.unpack_from("<I", data, 80)[0]
        if len(data) == 84 + 50 * n:
            out = []
            for i in range(n):
                v = struct.unpack_from("<9f", data, 84 + 50 * i + 12)
                out += [v[0:3], v[3:6], v[6:9]]
            return out
    text = data.decode("ascii", errors="strict")
    return [tuple(float(x) for x in line.split()[1:4]) for line in text.splitlines() if line.strip().startswith("vertex")]


# Grid cell for the SO-101's visual meshes (m): 1 mm keeps every edge and hole a 640x480 camera shows.
SO101_MESH_CELL = 0.001


def decimate_stl(data, cell):
    """Vertex clustering (Rossignac and Borrel 1993): vertices in one grid cell of size `cell` merge into
    their mean; triangles that lose a corner and duplicates are dropped; orientation is kept.
    Returns (binary STL, triangles in, triangles out); deterministic for the same input."""
    v = stl_vertices(data)
    index, sums, faces, seen = {}, [], [], set()

    def cluster(p):
        k = (math.floor(p[0] / cell), math.floor(p[1] / cell), math.floor(p[2] / cell))
        i = index.get(k)
        if i is None:
            i = index[k] = len(sums)
            sums.append([0.0, 0.0, 0.0, 0])
        s = sums[i]
        s[0] += p[0]; s[1] += p[1]; s[2] += p[2]; s[3] += 1
        return i

    for t in range(0, len(v) - 2, 3):
        a, b, c = cluster(v[t]), cluster(v[t + 1]), cluster(v[t + 2])
        if a == b or b == c or a == c:
            continue
        m = min(a, b, c)
        f = (a, b, c) if m == a else (b, c, a) if m == b else (c, a, b)
        if f not in seen:
            seen.add(f)
            faces.append(f)
    pts = [(s[0] / s[3], s[1] / s[3], s[2] / s[3]) for s in sums]
    out = bytearray(f"decimated by {SCRIPT}".encode()[:80].ljust(80, b" ")) + struct.pack("<I", len(faces))
    for a, b, c in faces:
        p, q, r = pts[a], pts[b], pts[c]
        u = [q[i] - p[i] for i in range(3)]
        w = [r[i] - p[i] for i in range(3)]
        n = [u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]]
        norm = math.sqrt(sum(x * x for x in n)) or 1.0
        out += struct.pack("<12fH", n[0] / norm, n[1] / norm, n[2] / norm, *p, *q, *r, 0)
    return bytes(out), len(v) // 3, len(faces)


def box_around(vertices, pos, quat):
    """Centre and half sizes of the axis-aligned box, in the body frame, around a mesh placed at pos/quat."""
    lo, hi = [math.inf] * 3, [-math.inf] * 3
    for v in vertices:
        p = [a + b for a, b in zip(quat_rotate(quat, v), pos)]
        lo = [min(a, b) for a, b in zip(lo, p)]
        hi = [max(a, b) for a, b in zip(hi, p)]
    return [(a + b) / 2 for a, b in zip(lo, hi)], [(b - a) / 2 for a, b in zip(lo, hi)]


def so101_edits(root, b, read_mesh):
    removed, boxed = 0, 0
    parents = parent_map(root)
    for g in list(root.iter("geom")):
        if g.get("class") != "collision":
            continue
        body = parents[g]
        if body.get("name") in SO101_JAW_BODIES:
            body.remove(g)
            removed += 1
            continue
        centre, half = box_around(stl_vertices(read_mesh(g.get("mesh"))),
                                  floats(g.get("pos", "0 0 0")), floats(g.get("quat", "1 0 0 0")))
        for a in ("mesh", "quat", "material"):
            g.attrib.pop(a, None)
        g.set("type", "box")
        g.set("pos", fmt_list(round(c, 5) for c in centre))
        g.set("size", fmt_list(round(h, 5) for h in half))
        g.set("contype", "2")
        g.set("conaffinity", "1")
        boxed += 1
    b.edit(f"collision meshes of the gripper and moving jaw ({removed}) replaced by primitive boxes "
           "(gripper_palm, fixed_jaw_pad, fixed_jaw_tip, moving_jaw_pad, moving_jaw_tip) whose inner faces "
           "lie on the jaws' gripping faces (measured on the meshes): the convex hull of a whole jaw mesh "
           "fills the gap between the teeth and makes grasps depend on hull artefacts", removed)
    b.edit(f"other collision meshes ({boxed}) replaced by boxes: each mesh's axis-aligned bounding box in its "
           "body frame (the parts are modelled axis-aligned, so the boxes are tight); mesh-mesh collision "
           "costs time and buys nothing here", boxed)
    b.edit("robot collision geoms use contype=\"2\" conaffinity=\"1\": they touch the world and the "
           "objects but not each other (boxes of neighbouring links overlap at some poses)")
    b.edit("the jaw boxes are stiff, high-friction contacts (priority 1, solref 0.004 1, solimp 0.95 0.99 0.001, "
           "friction 1.5, condim 4), like Menagerie's 2F-85 pads: with MuJoCo's default contact softness the "
           "servo's 3.35 N m squeeze sinks the jaws 9 mm into a 30 g block")
    for body_name in SO101_JAW_BODIES:
        body = find_named(root, "body", body_name)
        pads = [element("geom", name=n, class_="collision", type="box", pos=p, size=sz,
                        contype="2", conaffinity="1", condim="4", friction="1.5 0.02 0.0002",
                        priority="1", solref="0.004 1", solimp="0.95 0.99 0.001",
                        rgba="0.9 0.2 0.2 0.5")
                for bn, n, p, sz in SO101_GRIPPER_GEOMS if bn == body_name]
        insert_after_last(body, "geom", pads)
    gripper = find_named(root, "body", "gripper")
    insert_after_last(gripper, "site", [
        # Tool frame: x along the fingers (approach), y towards the moving jaw (the jaw axis).
        element("site", name="tcp", pos="0 0 -0.085", xyaxes="0 0 -1 1 0 0", size="0.004", group="4", rgba="0 1 0 0.5"),
        # Like the SO-101 32x32 UVC wrist camera mount: on a plate of the wrist-roll part, 4.5 cm
        # off the jaws' plane, looking along the fingers, tilted 20 degrees towards them; the
        # jaws are at the bottom of the image, the moving jaw on the right.
        element("camera", name="wrist_cam", pos="-0.005 0.045 -0.02", xyaxes="1 0 0 0 0.93969 -0.34202", fovy="75"),
    ])
    b.edit("added site tcp (between the jaws' pads, 13 mm behind the tips; x along the fingers, y towards "
           "the moving jaw) and camera wrist_cam "
           "(where the SO-101 UVC wrist camera mount holds it, looking along the fingers; fovy 75) to the gripper body")


# ---------------------------------------------------------------------------------------------
# UR5e + Robotiq 2F-85 (MuJoCo Menagerie), merged into one file: 2.2.2 has no <attach>, so the
# gripper's body tree goes into the arm's last link at attachment_site, and its defaults,
# assets, contacts, tendon, equalities and actuator are appended to the arm's sections.

UR5E_DIR = "universal_robots_ur5e"
F85_DIR = "robotiq_2f85"
UR5E_OMITTED = ["upperarm_3.obj"]  # visual trim, 4.8 MB: unavailable in our snapshot

# Which attributes refer to a name of each kind (for renaming the gripper's clashing names).
REFERENCES = {
    "class": ("class", "childclass"),
    "material": ("material",),
    "mesh": ("mesh",),
    "body": ("body1", "body2", "body", "target"),
    "joint": ("joint", "joint1", "joint2"),
    "site": ("site",),
    "tendon": ("tendon",),
}


def names_of(root, kind):
    if kind == "class":
        return {d.get("class") for d in root.iter("default") if d.get("class")}
    if kind == "mesh":
        return {m.get("name") or os.path.splitext(m.get("file"))[0] for m in root.iter("mesh") if m.get("file")}
    return {e.get("name") for e in root.iter(kind) if e.get("name")}


def rename_clashes(root, other, prefix):
    """Prefixes the names of root that also exist in other; returns {kind: [old names]}."""
    renamed = {}
    for kind, attrs in REFERENCES.items():
        clash = sorted(names_of(root, kind) & names_of(other, kind))
        if not clash:
            continue
        renamed[kind] = clash
        for e in root.iter():
            if kind == "class" and e.tag == "default" and e.get("class") in clash:
                e.set("class", prefix + e.get("class"))
            elif kind != "class" and e.tag == kind and e.get("name") in clash:
                e.set("name", prefix + e.get("name"))
            for a in attrs:
                if e.get(a) in clash and not (kind == "class" and e.tag == "default"):
                    e.set(a, prefix + e.get(a))
    return renamed


def mount(arm, gripper, site_name):
    """Moves the gripper's bodies into the body that holds site_name, at the site's frame."""
    parents = parent_map(arm)
    site = find_named(arm, "site", site_name)
    holder = parents[site]
    spos, squat = floats(site.get("pos", "0 0 0")), quat_norm(floats(site.get("quat", "1 0 0 0")))
    for body in gripper.find("worldbody").findall("body"):
        bpos, bquat = floats(body.get("pos", "0 0 0")), floats(body.get("quat", "1 0 0 0"))
        body.set("pos", fmt_list(round(a + b, 9) for a, b in zip(spos, quat_rotate(squat, bpos))))
        body.set("quat", fmt_list(round(v, 9) for v in quat_norm(quat_mul(squat, bquat))))
        holder.append(body)


def merge_sections(arm, gripper):
    arm_default = arm.find("default")
    for d in gripper.find("default").findall("default"):
        arm_default.append(d)
    for tag in ("asset", "contact", "tendon", "equality", "actuator"):
        src = gripper.find(tag)
        if src is None:
            continue
        dst = arm.find(tag)
        if dst is None:
            dst = ET.SubElement(arm, tag)
        for e in list(src):
            dst.append(e)
    arm_option = arm.find("option")
    for k, v in gripper.find("option").attrib.items():
        if arm_option.get(k, v) != v:
            raise ConversionError(f"<option {k}> differs between the arm ({arm_option.get(k)}) and the gripper ({v})")
        arm_option.set(k, v)


def ur5e_2f85(tree):
    b = Bundle("scenes/ur5e-pick-place", [(MENAGERIE, [f"{UR5E_DIR}/ur5e.xml", f"{UR5E_DIR}/assets/*.obj", f"{UR5E_DIR}/LICENSE",
                                                       f"{F85_DIR}/2f85.xml", f"{F85_DIR}/assets/*.stl", f"{F85_DIR}/LICENSE"])])
    arm = parse(tree.read(f"{UR5E_DIR}/ur5e.xml"))
    grip = parse(tree.read(f"{F85_DIR}/2f85.xml"))
    for root in (arm, grip):
        explicit_autolimits(root)
    b.edit("option integrator implicitfast -> implicit (implicitfast needs MuJoCo >= 2.3.3)", integrator_implicit(arm))
    b.left_out = [f"{UR5E_DIR}/assets/{f}" for f in UR5E_OMITTED]
    omit_meshes(arm, UR5E_OMITTED)
    dropped = drop_keyframes(arm)
    b.edit("dropped keyframe(s) " + ", ".join(f"'{n}' (qpos {q})" for n, q, _ in dropped)
           + ": keyframes must be as long as nq, which the scene's objects change; scene.xml defines its own", len(dropped))
    renamed = rename_clashes(grip, arm, "gripper_")
    b.edit("2F-85 names that clash with the UR5e's got the prefix 'gripper_': "
           + "; ".join(f"{k} {', '.join(v)}" for k, v in renamed.items()), len(renamed))
    mount(arm, grip, "attachment_site")
    merge_sections(arm, grip)
    b.edit("2F-85 mounted on the UR5e: its base_mount body moved into wrist_3_link at attachment_site "
           "(2.2.2 has no <attach>); its defaults, assets, contact excludes, tendon, equalities, actuator "
           "and <option cone impratio> merged into this file")
    ur5e_edits(arm, b)
    set_asset_dirs(arm)
    arm.set("model", "ur5e_2f85")
    for f in mesh_files(arm):
        src = F85_DIR if f.endswith(".stl") else UR5E_DIR
        b.files[f"assets/{f}"] = tree.read(f"{src}/assets/{f}")
    b.files["ur5e_2f85.xml"] = serialise(arm, f" Converted from {MENAGERIE.url} {UR5E_DIR}/ur5e.xml and {F85_DIR}/2f85.xml "
                                         f"at {MENAGERIE.commit} by {SCRIPT}; see NOTICE. ")
    b.files["LICENSE.ur5e"] = tree.read(f"{UR5E_DIR}/LICENSE")
    b.files["LICENSE.2f85"] = tree.read(f"{F85_DIR}/LICENSE")
    b.files["NOTICE"] = b.notice("UR5e arm with Robotiq 2F-85 gripper (MuJoCo Menagerie)")
    return b


def ur5e_edits(root, b):
    gbase = find_named(root, "body", "gripper_base")
    insert_after_last(gbase, "site", [
        # Tool frame at Menagerie's pinch site: x along the fingers (approach), y the jaw axis.
        element("site", name="tcp", pos="0 0 0.145", xyaxes="0 0 1 0 1 0", size="0.004", group="4", rgba="0 1 0 0.5"),
        # A wrist camera as on GELLO UR5e rigs: beside the gripper, 6 cm off the fingers' plane,
        # looking at the fingertips; the fingers are at the bottom of the image.
        element("camera", name="wrist_rgb", pos="-0.06 0 0.04", xyaxes="0 -1 0 -0.90631 0 0.42262", fovy="60"),
    ])
    b.edit("added site tcp at the pinch site with x along the fingers and y along the jaw axis")
    b.edit("added camera wrist_rgb to the gripper (6 cm beside the fingers' plane, looking at the fingertips; fovy 60)")


# ---------------------------------------------------------------------------------------------
# Trossen AI Stationary kit (two WidowX AI follower arms on the kit's table and frame)

TROSSEN_DIR = "trossen_arm_mujoco/assets"
TROSSEN_OMITTED = ["frame_link.stl"]  # visual frame, over 4 MiB: unavailable in our snapshot


def stationary_ai(tree):
    b = Bundle("scenes/trossen-transfer-cube", [(TROSSEN, [f"{TROSSEN_DIR}/stationary_ai/stationary_ai.xml",
                                                          f"{TROSSEN_DIR}/meshes/*.stl", f"{TROSSEN_DIR}/maple_tabletop.png", "LICENSE"])])
    root = parse(tree.read(f"{TROSSEN_DIR}/stationary_ai/stationary_ai.xml"))
    explicit_autolimits(root)
    b.edit("option integrator implicitfast -> implicit (implicitfast needs MuJoCo >= 2.3.3)", integrator_implicit(root))
    b.edit("removed body gravcomp and joint actuatorgravcomp (not in 2.2.2); the environment applies "
           "xfrc_applied = m*g to each arm body instead (MODEL_FACTS.md)", remove_gravcomp(root))
    b.edit("<position kp kv> -> <general gaintype=\"fixed\" biastype=\"affine\" gainprm=\"kp\" "
           "biasprm=\"0 -kp -kv\">: 2.2.2's <position> has no kv", position_to_general(root))
    dropped = drop_keyframes(root)
    b.edit("dropped the all-zero keyframe 'home': keyframes must be as long as nq, which the scene's cube "
           "changes; scene.xml defines its own", len(dropped))
    b.left_out = [f"{TROSSEN_DIR}/meshes/{f}" for f in TROSSEN_OMITTED]
    omit_meshes(root, TROSSEN_OMITTED)
    trossen_edits(root, b)
    set_asset_dirs(root)
    for f in mesh_files(root):
        b.files[f"assets/{f}"] = tree.read(f"{TROSSEN_DIR}/meshes/{f}")
    for f in texture_files(root):
        b.files[f"assets/{f}"] = tree.read(f"{TROSSEN_DIR}/{f}")
    b.files["stationary_ai.xml"] = serialise(root, f" Converted from {TROSSEN.url} {TROSSEN_DIR}/stationary_ai/stationary_ai.xml "
                                             f"at {TROSSEN.commit} by {SCRIPT}; see NOTICE. ")
    b.files["LICENSE"] = tree.read("LICENSE")
    b.files["NOTICE"] = b.notice("Trossen AI Stationary kit (two WidowX AI follower arms)")
    return b


def trossen_edits(root, b):
    # frame_link.stl is left out; draw the frame's collision boxes (posts, top bar, rails: every box
    # of the table body longer than 20 cm) so the cameras see a frame where it stands.
    body = find_named(root, "body", "tabletop_link")
    frame = [g for g in body.findall("geom") if g.get("class") == "collision" and g.get("type") == "box"
             and g.get("name") is None and max(floats(g.get("size"))) > 0.2]
    for g in frame:
        v = element("geom", class_="visual", type="box", size=g.get("size"), pos=g.get("pos"))
        if g.get("quat"):
            v.set("quat", g.get("quat"))
        insert_after_last(body, "geom", [v])
    b.edit(f"frame_link.stl is left out; its {len(frame)} collision boxes longer than 20 cm (posts, top bar, rails) are "
           "also drawn, so the cameras see the frame", len(frame))


RECIPES = [(SO101, so101), (MENAGERIE, ur5e_2f85), (TROSSEN, stationary_ai)]


def generate(paths):
    trees = {s.option: GitTree(s, paths[s.option]) for s in SOURCES if s.option in paths}
    out = {}
    for src, recipe in RECIPES:
        bundle = recipe(trees[src.option])
        for rel, data in bundle.files.items():
            out[f"{bundle.folder}/{rel}"] = data
    return out


def self_test():
    """Each rule on a small hand-written input, with the expected output worked out by hand."""
    def xml(text):
        return parse(text.encode())

    m = xml('<mujoco><default><default class="s"><position kp="10" kv="2" forcerange="-1 1"/></default></default>'
            '<actuator><position class="s" name="a" joint="j"/><position class="s" name="b" joint="j" kp="5"/>'
            '<position name="c" joint="j"/></actuator></mujoco>')
    assert position_to_general(m) == 4
    d, a, bb, c = m.find("default/default/general"), *m.find("actuator").findall("general")
    assert (d.get("gainprm"), d.get("biasprm"), d.get("forcerange")) == ("10", "0 -10 -2", "-1 1"), d.attrib
    assert (a.get("gainprm"), a.get("biasprm")) == ("10", "0 -10 -2"), a.attrib
    assert (bb.get("gainprm"), bb.get("biasprm"), bb.get("kp")) == ("5", "0 -5 -2", None), bb.attrib
    assert (c.get("gainprm"), c.get("biasprm")) == ("1", "0 -1 0"), c.attrib  # MuJoCo's kp default 1, kv 0

    m = xml('<mujoco><option integrator="implicitfast"/><worldbody><body gravcomp="1"><joint actuatorgravcomp="true"/>'
            '<camera name="c" focal="0.004 0.004" sensorsize="0.004 0.003"/></body></worldbody>'
            '<keyframe><key name="home" qpos="0 0"/></keyframe></mujoco>')
    assert integrator_implicit(m) == 1 and m.find("option").get("integrator") == "implicit"
    assert remove_gravcomp(m) == 2 and "gravcomp" not in ET.tostring(m, encoding="unicode")
    assert camera_fovy(m) == 1
    assert abs(float(m.find(".//camera").get("fovy")) - 41.1120904) < 1e-6  # 2 atan(1.5 / 4) in degrees
    assert drop_keyframes(m) == [("home", "0 0", None)] and m.find("keyframe") is None

    arm = xml('<mujoco><default><default class="visual"/></default><worldbody><body name="base"><body name="w">'
              '<site name="att" pos="0 0.1 0" quat="-1 1 0 0"/></body></body></worldbody></mujoco>')
    grip = xml('<mujoco><default><default class="visual"/></default><worldbody><body name="base_mount" pos="0 0 0.007">'
               '<body name="base"><geom class="visual"/></body></body></worldbody>'
               '<contact><exclude body1="base" body2="base_mount"/></contact></mujoco>')
    assert rename_clashes(grip, arm, "g_") == {"class": ["visual"], "body": ["base"]}
    assert grip.find(".//geom").get("class") == "g_visual" and grip.find("contact/exclude").get("body1") == "g_base"
    mount(arm, grip, "att")
    moved = find_named(arm, "body", "base_mount")
    assert moved.get("pos") == "0 0.107 0", moved.get("pos")  # rotation about x by -90 deg takes +z to +y
    assert moved.get("quat") == "-0.707106781 0.707106781 0 0", moved.get("quat")

    tri = [(0, 0, 0), (0.01, 0, 0), (0, 0.02, 0.03)]
    stl = b"\0" * 80 + struct.pack("<I", 1) + struct.pack("<12fH", 0, 0, 1, *[c for v in tri for c in v], 0)
    assert all(abs(a - b) < 1e-7 for got, want in zip(stl_vertices(stl), tri) for a, b in zip(got, want))
    centre, half = box_around(stl_vertices(stl), [1, 0, 0], [0.7071068, 0, 0, 0.7071068])  # 90 deg about z
    assert all(abs(a - b) < 1e-6 for a, b in zip(centre + half, [0.99, 0.005, 0.015, 0.01, 0.005, 0.015])), (centre, half)
    # Decimation: a 1 m grid; (0,0,0),(0.2,0,0),(0,0.3,0) share a cell and vanish; the second triangle's
    # corners lie in three cells and survive, its first corner moved to the mean of the five vertices read in
    # cell (0,0,0): (0.6 / 5, 0.7 / 5, 0) = (0.12, 0.14, 0).
    tris = [[(0, 0, 0), (0.2, 0, 0), (0, 0.3, 0)], [(0.2, 0.2, 0), (1.5, 0, 0), (0, 1.5, 0)], [(1.5, 0, 0), (0, 1.5, 0), (0.2, 0.2, 0)]]
    stl = b"\0" * 80 + struct.pack("<I", 3) + b"".join(struct.pack("<12fH", 0, 0, 1, *[c for v in t for c in v], 0) for t in tris)
    out, n_in, n_out = decimate_stl(stl, 1.0)
    assert (n_in, n_out) == (3, 1), (n_in, n_out)  # the third is the second rotated: a duplicate
    got = stl_vertices(out)
    want = [(0.12, 0.14, 0), (1.5, 0, 0), (0, 1.5, 0)]
    assert all(abs(a - b) < 1e-6 for g, w in zip(got, want) for a, b in zip(g, w)), got
    assert struct.unpack_from("<3f", out, 84) == (0.0, 0.0, 1.0)  # counter-clockwise seen from +z: normal +z
    print("self-test: all conversion rules give the expected output")
    return 0


def main(argv):
    if argv == ["--self-test"]:
        return self_test()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for s in SOURCES:
        ap.add_argument(f"--{s.option}", default=s.default_path(), help=f"git clone of {s.url} (default {s.default_path()})")
    ap.add_argument("--out", default=REPO_ROOT, help="repository root to write into (default: this checkout)")
    ap.add_argument("--check", action="store_true", help="write nothing; fail if the committed files differ from a fresh conversion")
    args = ap.parse_args(argv)
    try:
        files = generate({s.option: getattr(args, s.option) for s in SOURCES})
    except ConversionError as e:
        print(f"convert_models: {e}", file=sys.stderr)
        return 2
    if args.check:
        return check(files, args.out)
    write(files, args.out)
    return 0


def write(files, root):
    for rel, data in sorted(files.items()):
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        print(f"wrote {rel} ({len(data)} bytes)")


def check(files, root):
    problems = []
    for rel, data in sorted(files.items()):
        path = os.path.join(root, rel)
        if not os.path.exists(path):
            problems.append(f"missing: {rel}")
        elif open(path, "rb").read() != data:
            problems.append(f"differs: {rel}")
    folders = {os.path.dirname(r) for r in files}
    for folder in sorted(folders):
        d = os.path.join(root, folder)
        for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            rel = f"{folder}/{name}"
            if os.path.isfile(os.path.join(d, name)) and rel not in files and folder.endswith("/assets"):
                problems.append(f"not produced by the conversion: {rel}")
    for p in problems:
        print(p)
    print(f"{len(files)} files checked, {len(problems)} problems"
          + ("" if not problems else f"; run {SCRIPT} to regenerate"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
