"""The Python demos (demos/sobel.py, demos/magnify.py) produce the same frames as the Rust
binaries, byte for byte: the 2011-style loops on numpypy storage and on array.array, and the
vectorised variants on numpypy, on generated frames (which also checks video.py's port of the
built-in video) and on random frames, at small sizes (tiny and odd ones included).

Exact equality holds because both sides use the C library's atan2/cos/sin on the same float64
operations in the same order; see demos/tests/frames.rs for what may differ once the LLVM
tier brings its own vector math.
"""

import os
import random
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "demos"))

import magnify  # noqa: E402
import sobel  # noqa: E402
import video  # noqa: E402

SIZES = [(1, 1), (2, 3), (3, 3), (17, 13), (8, 30), (40, 31)]


@pytest.fixture(scope="session")
def binaries():
    """The demos binaries, built (debug profile, quick when up to date) from this checkout."""
    subprocess.run(["cargo", "build", "-q", "-p", "demos"], cwd=ROOT, check=True)
    return os.path.join(ROOT, "target", "debug")


def run_binary(binaries, name, args, out):
    r = subprocess.run([os.path.join(binaries, name)] + args + ["--out", str(out), "-q"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return out.read_bytes()


def run_python(module, args, out):
    module.main(args + ["--out", str(out), "-q"])
    return out.read_bytes()


def random_video(path, w, h, frames, seed):
    rng = random.Random(seed)
    with open(path, "wb") as f:
        writer = video.Y4MWriter(f, w, h)
        for _ in range(frames):
            writer.write(bytes(rng.randrange(256) for _ in range(w * h)))


VARIANTS = [
    ("sobel", sobel, []),
    ("magnify", magnify, []),
    ("magnify", magnify, ["-b"]),
]
STYLES = [["--backend", "numpypy"], ["--backend", "array"], ["--vectorised"]]


@pytest.mark.parametrize("w,h", SIZES)
@pytest.mark.parametrize("name,module,flags", VARIANTS, ids=["sobel", "magnify", "magnify-b"])
def test_generated_frames_equal_the_binary(binaries, tmp_path, w, h, name, module, flags):
    common = flags + ["--size", "%dx%d" % (w, h), "--frames", "3"]
    want = run_binary(binaries, name, common, tmp_path / "rs.y4m")
    for style in STYLES:
        got = run_python(module, common + style, tmp_path / "py.y4m")
        assert got == want, (name, flags, style)


@pytest.mark.parametrize("name,module,flags", VARIANTS, ids=["sobel", "magnify", "magnify-b"])
def test_random_frames_equal_the_binary(binaries, tmp_path, name, module, flags):
    src = tmp_path / "in.y4m"
    random_video(src, 23, 19, 2, seed=len(name) + len(flags))
    want = run_binary(binaries, name, [str(src)] + flags, tmp_path / "rs.y4m")
    for style in STYLES:
        got = run_python(module, [str(src)] + flags + style, tmp_path / "py.y4m")
        assert got == want, (name, flags, style)
