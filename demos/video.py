"""Frames for the Python demos: the built-in generated video (the same bytes as the Rust
demos' ``synth::render``), YUV4MPEG2 reading (luma plane) and writing (4:2:0, neutral chroma,
byte for byte what the Rust binaries write), and the fps report.

Pure Python with no imports beyond the standard library, so it runs under PyPy too. A frame is
a ``bytes``-like object of ``width * height`` luma values, row by row.
"""

import sys
import time

DEFAULT_FRAMES = 1000


def _tri(p, n):
    """p bounced back and forth over 0..n."""
    if n <= 1:
        return 0
    q = p % (2 * (n - 1))
    return q if q < n else 2 * (n - 1) - q


def render(w, h, t):
    """Frame t of the built-in w x h video, as bytes (see demos/src/synth.rs for the recipe)."""
    radius = max(min(w, h) // 5, 1)
    r2 = radius * radius
    bx, by = _tri(3 * t + w // 4, w), _tri(2 * t + h // 3, h)
    rx, ry = _tri(5 * t, w), _tri(t + h // 2, h)
    rw, rh = w // 4, h // 5
    out = bytearray(w * h)
    i = 0
    for y in range(h):
        stripes = 4 * y >= 3 * h
        for x in range(w):
            v = (x * 192 // w + y * 64 // h + 2 * t) % 256 * 3 // 4
            v += (((x + t) * 2654435761) ^ (y * 2246822519)) >> 13 & 15
            if stripes and ((x + t) // 8) % 2 == 1:
                v //= 2
            if rx <= x < rx + rw and ry <= y < ry + rh:
                v = 30
            d2 = (x - bx) ** 2 + (y - by) ** 2
            if d2 < r2:
                v = 235 - 40 * d2 // r2
            out[i] = v
            i += 1
    return bytes(out)


class Generated(object):
    """The built-in video as a frame source."""

    def __init__(self, w, h):
        self.width, self.height, self.rate, self.t = w, h, "30:1", 0
        self.endless = True

    def read(self):
        frame = render(self.width, self.height, self.t)
        self.t += 1
        return frame


_CHROMA = {"420": 2, "420jpeg": 2, "420paldv": 2, "420mpeg2": 2, "mono": 0}


class Y4MReader(object):
    """The luma planes of an 8-bit YUV4MPEG2 stream (4:2:0 or mono)."""

    def __init__(self, stream):
        self.stream = stream
        fields = stream.readline().decode("ascii").split()
        if not fields or fields[0] != "YUV4MPEG2":
            raise ValueError("not a YUV4MPEG2 stream")
        params = {f[0]: f[1:] for f in fields[1:]}
        self.width, self.height = int(params["W"]), int(params["H"])
        self.rate = params.get("F", "30:1")
        colour = params.get("C", "420jpeg")
        if colour not in _CHROMA:
            raise ValueError("colour space C%s is not supported" % colour)
        cw, ch = (self.width + 1) // 2, (self.height + 1) // 2
        self.skip = _CHROMA[colour] * cw * ch
        self.endless = False

    def read(self):
        """The next frame's luma, or None at the end."""
        line = self.stream.readline()
        if not line:
            return None
        if not line.startswith(b"FRAME"):
            raise ValueError("expected a FRAME header")
        n = self.width * self.height
        luma = self.stream.read(n)
        chroma = self.stream.read(self.skip)
        if len(luma) != n or len(chroma) != self.skip:
            raise ValueError("truncated frame at the end of the video")
        return luma


class Y4MWriter(object):
    """Frames written as 4:2:0 with neutral chroma, like the Rust binaries."""

    def __init__(self, stream, w, h, rate="30:1"):
        self.stream = stream
        stream.write(("YUV4MPEG2 W%d H%d F%s Ip A1:1 C420jpeg\n" % (w, h, rate)).encode("ascii"))
        self.chroma = b"\x80" * (2 * ((w + 1) // 2) * ((h + 1) // 2))

    def write(self, luma):
        self.stream.write(b"FRAME\n")
        self.stream.write(bytes(luma))
        self.stream.write(self.chroma)


def parse_args(argv, name, extra=()):
    """The Python demos' options (a subset of the binaries')."""
    import argparse

    p = argparse.ArgumentParser(prog=name)
    p.add_argument("input", nargs="?", help="a .y4m video, or - for y4m on stdin (default: the built-in video)")
    p.add_argument("--out", help="write the output frames to this .y4m file (- for stdout)")
    p.add_argument("--frames", type=int, help="stop after this many frames (default: 1000 of the built-in "
                   "video for --vectorised, 1 for the loops, which are slow under CPython)")
    p.add_argument("--warmup", type=int, default=0, help="frames run before timing starts")
    p.add_argument("--size", default="640x480", help="size of the built-in video, WxH")
    p.add_argument("--vectorised", action="store_true", help="the array-expression variant")
    p.add_argument("--backend", default="numpypy", choices=["numpypy", "numpy", "array"],
                   help="array module (numpypy, or numpy for comparison); 'array': the loops on "
                        "the standard library's array.array (pure Python, runs under PyPy)")
    p.add_argument("-q", "--quiet", action="store_true")
    for args, kwargs in extra:
        p.add_argument(*args, **kwargs)
    o = p.parse_args(argv)
    if o.vectorised and o.backend == "array":
        p.error("--vectorised needs an array module (--backend numpypy or numpy)")
    return o


def open_source(o):
    if o.input is None:
        w, h = (int(v) for v in o.size.lower().split("x"))
        return Generated(w, h)
    if o.input == "-":
        return Y4MReader(sys.stdin.buffer)
    return Y4MReader(open(o.input, "rb"))


def run(name, o, step):
    """Read frames, apply step(luma bytes) -> output bytes, write, report fps on stderr."""
    src = open_source(o)
    frames = o.frames if o.frames is not None else (DEFAULT_FRAMES if src.endless else None)
    out = None
    if o.out:
        stream = sys.stdout.buffer if o.out == "-" else open(o.out, "wb")
        out = Y4MWriter(stream, src.width, src.height, src.rate)
    n, timed, busy, last = 0, 0, 0.0, time.time()
    while frames is None or n < frames:
        luma = src.read()
        if luma is None:
            break
        t0 = time.time()
        result = step(src.width, src.height, luma)
        dt = time.time() - t0
        if n >= o.warmup:
            timed += 1
            busy += dt
        n += 1
        if out is not None:
            out.write(result)
        if not o.quiet and time.time() - last >= 1.0:
            sys.stderr.write("%s: frame %d: %.3f s/frame\n" % (name, n, dt))
            last = time.time()
    if out is not None:
        out.stream.flush()
    fps = timed / busy if busy > 0 else float("inf")
    sys.stderr.write("%s %dx%d: %d frames, mean %.3f fps, %.3f ms/frame (%d warm-up frames not timed)\n"
                     % (name, src.width, src.height, timed, fps, 1e3 * busy / max(timed, 1), n - timed))
