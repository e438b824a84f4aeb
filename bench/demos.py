"""Frames per second of the Sobel and magnify demos, side by side, outputs checked.

    bash scripts/setup_bench.sh          # once: pypy3 (Debian) and numba (.venv); optional
    .venv/bin/python bench/demos.py      # [--sizes 640x480,1920x1080] [--frames 6] [--seconds 1.5]

On the same frames of the built-in video at each size, for sobel, magnify and magnify -b:
- the numrt binaries (target/release/sobel, magnify), 1 thread and all threads, fed the frames
  again and again on stdin, their own processing-only fps;
- C: bench/demos_ref.c compiled here with gcc -O3 -march=native -ffp-contract=off
  -fno-math-errno, the 2011
  loop (lens math per pixel per frame) and, for magnify, the map computed once then gathered
  (the binaries' algorithm);
- Numba @njit of the 2011 loops (when installed), NumPy and numpypy running the vectorised
  variants of demos/sobel.py and demos/magnify.py, in this process;
- the 2011-style loops of demos/*.py on array.array: under PyPy (pypy3, when installed; steady
  state after warm-up frames) and under CPython (one frame).
Every output frame is compared with the C 2011 loop's: "exact", or the largest difference and
the share of pixels that differ.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "demos"))

import magnify as mag_demo  # noqa: E402
import sobel as sobel_demo  # noqa: E402
import video  # noqa: E402
from plain import BilImage, Image, NNImage  # noqa: E402

DEMOS = [("sobel", []), ("magnify", []), ("magnify", ["-b"])]
ORDER = ["C gcc -O3, 2011 loop (reference)", "C gcc -O3, map once + gather", "numrt binary, 1 thread"]
FPS = re.compile(r"mean ([0-9.]+) fps")


def render_np(w, h, t):
    """video.render, vectorised with NumPy (same integers), to make big inputs quickly."""
    y, x = np.mgrid[0:h, 0:w].astype(np.int64)
    tri = video._tri
    radius = max(min(w, h) // 5, 1)
    r2 = radius * radius
    bx, by = tri(3 * t + w // 4, w), tri(2 * t + h // 3, h)
    rx, ry = tri(5 * t, w), tri(t + h // 2, h)
    v = (x * 192 // w + y * 64 // h + 2 * t) % 256 * 3 // 4
    v = v + ((((x + t) * 2654435761) ^ (y * 2246822519)) >> 13 & 15)
    v = np.where((4 * y >= 3 * h) & (((x + t) // 8) % 2 == 1), v // 2, v)
    v = np.where((x >= rx) & (x < rx + w // 4) & (y >= ry) & (y < ry + h // 5), 30, v)
    d2 = (x - bx) ** 2 + (y - by) ** 2
    v = np.where(d2 < r2, 235 - 40 * d2 // r2, v)
    return v.astype(np.uint8).tobytes()


def write_y4m(path, w, h, frames):
    with open(path, "wb") as f:
        out = video.Y4MWriter(f, w, h)
        for fr in frames:
            out.write(fr)


def read_y4m(path):
    with open(path, "rb") as f:
        r = video.Y4MReader(f)
        frames = []
        while True:
            fr = r.read()
            if fr is None:
                return frames
            frames.append(fr)


def compare(got, want):
    """'exact', or the largest grey-level difference and the share of differing pixels."""
    if len(got) < 1:
        return "no output"
    a = np.frombuffer(b"".join(got), np.uint8).astype(np.int16)
    b = np.frombuffer(b"".join(want[: len(got)]), np.uint8).astype(np.int16)
    d = np.abs(a - b)
    if not d.any():
        return "exact"
    return "max diff %d on %.4f%% of pixels" % (d.max(), 100.0 * np.count_nonzero(d) / d.size)


def timed_loop(step, frames, seconds, warmup=2):
    """(fps, first-pass outputs) of step over the frames, cycled for at least `seconds`."""
    outs = [step(fr) for fr in frames]
    for k in range(warmup):
        step(frames[k % len(frames)])
    n, t0 = 0, time.perf_counter()
    while True:
        step(frames[n % len(frames)])
        n += 1
        el = time.perf_counter() - t0
        if el >= seconds and n >= len(frames):
            return n / el, outs


class Bench(object):
    def __init__(self, o, tmp):
        self.o, self.tmp = o, tmp
        self.bin = os.path.join(ROOT, "target", "release")
        self.cref = os.path.join(tmp, "demos_ref")
        self.pypy = shutil.which("pypy3")
        try:
            import numba  # noqa: F401
            self.numba = True
        except ImportError:
            self.numba = False
        import numpypy

        self.npp = numpypy

    def binary(self, name, flags, src, frames, threads):
        """numrt binary: check on the frames, then time on a repeated stream."""
        exe = os.path.join(self.bin, name)
        out = os.path.join(self.tmp, "bin.y4m")
        subprocess.run([exe, src, "--out", out, "-q", "--threads", str(threads)] + flags, check=True,
                       capture_output=True)
        w, h = self.size
        reps = max(2, int(self.o.seconds * 600 * 640 * 480 / (w * h) / len(frames)))
        p = subprocess.Popen([exe, "-", "-q", "--threads", str(threads)] + flags, stdin=subprocess.PIPE,
                             stderr=subprocess.PIPE)
        out_w = video.Y4MWriter(p.stdin, w, h)
        for _ in range(reps):
            for fr in frames:
                out_w.write(fr)
        p.stdin.close()
        err = p.stderr.read().decode()
        p.wait()
        return float(FPS.search(err).group(1)), read_y4m(out)

    def c(self, mode, src, frames):
        out = os.path.join(self.tmp, "c.y4m")
        passes = 1
        while True:
            r = subprocess.run([self.cref, mode, src, out, str(passes)], check=True, capture_output=True, text=True)
            fps = float(FPS.search(r.stdout).group(1))
            if passes * len(frames) / fps >= self.o.seconds or passes > 10000:
                return fps, read_y4m(out)
            passes = max(passes * 2, int(passes * 1.2 * self.o.seconds * fps / (passes * len(frames))))

    def pypy_loops(self, name, flags, src, frames):
        out = os.path.join(self.tmp, "pypy.y4m")
        w, h = self.size
        per = {"sobel": 265.0, "magnify": 300.0}[name] * 640 * 480 / (w * h)
        n = max(len(frames), int(per * self.o.seconds))
        stream = os.path.join(self.tmp, "pypy_in.y4m")
        write_y4m(stream, w, h, [frames[k % len(frames)] for k in range(n + 10)])
        r = subprocess.run([self.pypy, os.path.join(ROOT, "demos", name + ".py"), stream, "--backend", "array",
                            "--warmup", "10", "--out", out, "-q"] + flags, check=True, capture_output=True, text=True)
        return float(FPS.search(r.stderr).group(1)), read_y4m(out)[: len(frames)]

    def rows(self, name, flags, src, frames):
        """(label, fps, outputs) for every competitor of one demo."""
        w, h = self.size
        bil = "-b" in flags
        mode = name + ("-b" if bil else "")
        yield ("C gcc -O3, 2011 loop (reference)",) + self.c(mode, src, frames)
        if name == "magnify":
            yield ("C gcc -O3, map once + gather",) + self.c(mode + "-map", src, frames)
        yield ("numrt binary, 1 thread",) + self.binary(name, flags, src, frames, 1)
        yield ("numrt binary, %d threads" % os.cpu_count(),) + self.binary(name, flags, src, frames, os.cpu_count())
        if self.numba:
            import numba_loops

            fn = numba_loops.sobel if name == "sobel" else (numba_loops.magnify_b if bil else numba_loops.magnify)
            step = lambda fr: numba_loops.run(fn, fr, w, h)  # noqa: E731
            yield ("Numba @njit, 2011 loop",) + timed_loop(step, frames, self.o.seconds)
        for label, mod in (("NumPy", np), ("numpypy", self.npp)):
            yield ("%s vectorised (Python)" % label,) + timed_loop(self.vectorised(mod, name, bil), frames, self.o.seconds)
        if self.pypy:
            yield ("PyPy 2011 loop (array.array)",) + self.pypy_loops(name, flags, src, frames)
        yield ("CPython 2011 loop (array.array), 1 frame",) + self.cpython_loops(name, bil, frames[0])

    def vectorised(self, mod, name, bil):
        w, h = self.size
        if name == "sobel":
            return lambda fr: sobel_demo.sobel_vectorised(mod, mod.frombuffer(fr, dtype=mod.uint8).reshape(h, w))
        lens = mag_demo.Lens(mod, w, h, bil)
        return lambda fr: lens(mod.frombuffer(fr, dtype=mod.uint8).reshape(h, w))

    def cpython_loops(self, name, bil, frame):
        w, h = self.size
        t0 = time.perf_counter()
        if name == "sobel":
            out = sobel_demo.sobel_magnitude(Image(w, h, "B", frame, "array"))
        else:
            out = mag_demo.magnify((BilImage if bil else NNImage)(w, h, "B", frame, "array"))
        return 1.0 / (time.perf_counter() - t0), [out.tobytes()]

    def run_size(self, w, h):
        self.size = (w, h)
        frames = [render_np(w, h, 17 * t) for t in range(self.o.frames)]
        src = os.path.join(self.tmp, "in_%dx%d.y4m" % (w, h))
        write_y4m(src, w, h, frames)
        results = {label: {} for label in ORDER}
        for name, flags in DEMOS:
            col = " ".join([name] + flags)
            want = None
            for label, fps, outs in self.rows(name, flags, src, frames):
                outs = [bytes(o) if not isinstance(o, bytes) else o for o in outs]
                if want is None:
                    want = outs
                results.setdefault(label, {})[col] = (fps, compare(outs, want))
                print("  %dx%d %-14s %-42s %10.2f fps  %s" % (w, h, col, label, fps, results[label][col][1]),
                      file=sys.stderr, flush=True)
        return results


def table(w, h, results):
    cols = [" ".join([n] + f) for n, f in DEMOS]
    cref = results["C gcc -O3, 2011 loop (reference)"]
    print("\n%dx%d — fps (x C 2011 loop); outputs vs the C 2011 loop\n" % (w, h))
    print("| implementation | " + " | ".join(cols) + " | outputs |")
    print("|---|" + "---|" * len(cols) + "---|")
    for label, row in results.items():
        if not row:
            continue
        cells = []
        for c in cols:
            if c in row:
                cells.append("%.1f (%.2fx)" % (row[c][0], row[c][0] / cref[c][0]))
            else:
                cells.append("—")
        checks = sorted(set(v[1] for v in row.values()))
        print("| %s | %s | %s |" % (label, " | ".join(cells), "; ".join(checks)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", default="640x480,1920x1080")
    p.add_argument("--frames", type=int, default=6, help="distinct frames per size")
    p.add_argument("--seconds", type=float, default=1.5, help="timing per measurement, about")
    o = p.parse_args()
    assert render_np(37, 23, 5) == video.render(37, 23, 5), "bench generator differs from demos/video.py"
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "demos"], cwd=ROOT, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["gcc", "-O3", "-march=native", "-ffp-contract=off", "-fno-math-errno", "-o", os.path.join(tmp, "demos_ref"),
                        os.path.join(ROOT, "bench", "demos_ref.c"), "-lm"], check=True)
        b = Bench(o, tmp)
        skipped = [n for n, ok in (("PyPy (pypy3 not installed)", b.pypy), ("Numba (not installed)", b.numba)) if not ok]
        print("machine: %d cores; %s; NumPy %s; skipped: %s" % (os.cpu_count(), sys.version.split()[0], np.__version__,
                                                               ", ".join(skipped) or "nothing"))
        for size in o.sizes.split(","):
            w, h = (int(v) for v in size.split("x"))
            table(w, h, b.run_size(w, h))


if __name__ == "__main__":
    main()
