"""Plain Python functions for the JIT differential tests (``test_jit.py``): each runs under
CPython as written and under ``numpypy.jit``, and the two must agree on results, exceptions and
side effects. ``CASES`` lists each function with argument tuples to call it with.
"""

import math

import numpypy as np

SCALE = 3
OFFSET = 0.5
LIMIT = 10 ** 20
PAIR = (2, 5)


def helper_add(a, b):
    return a + b * SCALE


def helper_clamp(x, lo, hi):
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


# --- scalar loops and arithmetic -------------------------------------------------------------

def sum_squares(n):
    s = 0
    for i in range(n):
        s += i * i
    return s


def float_loop(n):
    x = 0.0
    for i in range(n):
        x = x * 0.5 + i / 3
    return x


def while_countdown(n):
    steps = 0
    while n > 1:
        if n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


def negative_step(n):
    out = 0
    for i in range(n, -n, -3):
        out = out * 7 + i
    return out


def range_forms(a, b, c):
    t = 0
    for i in range(a):
        t += i
    for i in range(a, b):
        t -= i
    for i in range(b, a, c):
        t += 2 * i
    return t


def int_overflow_to_big(n):
    x = 1
    for i in range(n):
        x = x * 1000003 + i
    return x


def big_int_mixed(n):
    x = LIMIT
    y = 0
    for i in range(n):
        x = x // 3 + i
        y ^= x
        y = y << 2 if i % 2 else y >> 1
    return x, y, x % 97, -x // 7


def float_semantics(a, b):
    return (a // b, a % b, divmod(a, b), a / b, -a // b, a ** 2, round(a), round(a * 2.5),
            int(a), float(b))


def int_semantics(a, b):
    return a // b, a % b, divmod(a, b), a / b, a ** 3, a << 3, a >> 1, a & b, a | b, a ^ b, ~a, -a


def true_division_exact(a, b):
    return a / b


def comparisons(a, b):
    return (a < b, a <= b, a == b, a != b, a > b, a >= b, a < b < 10, min(a, b), max(a, b),
            a is None, a is not None)


def nan_compare(x):
    nan = float("nan")
    return (x == nan, x != nan, x < nan, nan > x, max(nan, x), max(x, nan), min(x, nan))


def bool_ops(a, b):
    t = a and b
    u = a or b
    v = not a
    return t, u, v, (a and b) or 7, bool(a), True + True, True & False, a if b else -1


def complex_math(z, w):
    return z + w, z * w, z - w, z / w, abs(z), z == w, z.real, z.imag, -z, complex(2, 3) * z


def builtins_mix(x, n):
    return (abs(x), abs(-n), int(x), float(n), round(x), round(n), len((1, 2, n)),
            min(x, n, 3), max((x, n, 3)), bool(n), bool(0.0), divmod(n, 4), round(x, 2))


def math_functions(x):
    return (math.sqrt(x), math.exp(-x), math.log(x), math.log(x, 2), math.log10(x),
            math.sin(x), math.cos(x), math.atan2(x, 1.5), math.floor(x), math.ceil(-x),
            math.trunc(x * 3.7), math.hypot(x, 2), math.fabs(-x), math.isnan(x), math.pi * x,
            math.pow(x, 1.5), math.degrees(x), math.fmod(x, 0.7))


def tuple_ops(n):
    t = (1, n, 3.5)
    a, b, c = t
    u = t + (n,)
    return u, len(u), u[-1], u[1:], t == (1, n, 3.5), n in t, (a, b) < (a, c), t[0] + t[2]


def nested_tuple_unpack(n):
    (a, b), c = (n, n + 1), n * 2
    for x, y in ((1, 2), (3, 4)):
        c += x * y
    a, b = b, a
    return a, b, c


def globals_and_helpers(x):
    return helper_add(x, 2) + OFFSET, helper_clamp(x, 0, 10), PAIR[1] * SCALE


def recursion_fib(n):
    if n < 2:
        return n
    return recursion_fib(n - 1) + recursion_fib(n - 2)


def recursion_ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return recursion_ackermann(m - 1, 1)
    return recursion_ackermann(m - 1, recursion_ackermann(m, n - 1))


def defaults_and_keywords(a, b=2, c=3.0):
    return helper_clamp(hi=b * 10, lo=-b, x=a) + c


def break_continue_else(n):
    found = -1
    for i in range(n):
        if i % 3 == 0:
            continue
        if i * i > 50:
            found = i
            break
    else:
        found = -2
    k = 0
    while k < n:
        k += 1
        if k == 100:
            break
    else:
        k = -k
    return found, k


def branch_flips_mid_loop(n):
    acc = 0
    for i in range(n):
        if i < n // 2:
            acc += i
        elif i % 5 == 0:
            acc -= 3 * i
        else:
            acc ^= i
    return acc


def nested_loops(n, m):
    total = 0
    for i in range(n):
        for j in range(m):
            if (i + j) % 3 == 0:
                total += i * j
            else:
                total -= 1
    return total


def unbound_local(flag):
    if flag:
        x = 1
    return x


def zero_division_mid_loop(n, d):
    s = 0
    for i in range(n):
        s += 10 // (d - i)
    return s


def float_zero_division(x):
    return 1.0 / (x - x)


def assert_and_raise(x):
    assert x > 0, "x must be positive"
    if x > 100:
        raise ValueError("too big")
    return x


def overflow_errors(x):
    return 10.0 ** x


def int_of_inf(x):
    return int(x * 1e308 * 10)


def changing_types(x):
    y = x + 1
    for i in range(3):
        y = y * 2 - x
    return y


def string_passthrough(s, n):
    return s, n


def early_return(n):
    for i in range(n):
        if i == 7:
            return i * 2
    return -1


def implicit_none(n):
    n + 1


# --- arrays ------------------------------------------------------------------------------------

def array_sum(a):
    t = 0.0
    for i in range(a.shape[0]):
        t += a[i]
    return t


def array_negative_index(a):
    return a[-1] + a[-2] * 2, a[0]


def array_set_loop(a):
    for i in range(len(a)):
        a[i] = a[i] * 2 + i
    return a


def array_2d_nested(a):
    h, w = a.shape
    out = np.zeros((h, w))
    for y in range(1, h - 1):
        for x in range(1, w - 1):
            out[y, x] = a[y - 1, x] + a[y + 1, x] - 2 * a[y, x - 1] + a[y, x + 1]
    return out


def sobel_like(img):
    h, w = img.shape
    res = np.zeros((h, w))
    for y in range(1, h - 1):
        for x in range(1, w - 1):
            dx = -1.0 * img[y - 1, x - 1] + 1.0 * img[y - 1, x + 1] + \
                 -2.0 * img[y, x - 1] + 2.0 * img[y, x + 1] + \
                 -1.0 * img[y + 1, x - 1] + 1.0 * img[y + 1, x + 1]
            dy = -1.0 * img[y - 1, x - 1] - 2.0 * img[y - 1, x] - 1.0 * img[y - 1, x + 1] + \
                 1.0 * img[y + 1, x - 1] + 2.0 * img[y + 1, x] + 1.0 * img[y + 1, x + 1]
            res[y, x] = math.sqrt(dx * dx + dy * dy)
    return res


def index_error_mid_loop(a, n):
    for i in range(n):
        a[i] = i * 10
    return a


def index_error_2d(a):
    return a[1, 5]


def array_attributes(a):
    return a.shape, a.ndim, a.size, a.dtype, len(a)


def array_methods_and_functions(a):
    b = np.sqrt(a) + 1
    c = a.sum() + np.max(b)
    d = (a * 2 - b).mean()
    return b, c, d, a.reshape(2, -1).shape


def mixed_array_scalar(a, n):
    s = 0.0
    for k in range(n):
        b = a * k + 1.0
        s += b[k % a.shape[0]] - float(k)
    return s, b


def iterate_array_rows(a):
    total = 0.0
    for row in a:
        for v in row:
            total = total + v * 0.5
    return total


def iterate_1d(a):
    m = a[0]
    for v in a:
        if v > m:
            m = v
    return m


def int_array_wrap(a):
    for i in range(a.shape[0]):
        a[i] = a[i] * 3 + 1
    return a, a[0] + a[1]


def uint8_image(a):
    out = 0
    for i in range(a.shape[0]):
        out += int(a[i]) * 2
        a[i] = (a[i] + 100) % 256
    return out, a


def scalar_types(a):
    x = a[0]
    y = x * 2
    z = x + 1.5
    return x, y, z, x > 1, float(x), int(x), -x, abs(x)


def float32_array(a):
    t = a[0]
    for i in range(1, a.shape[0]):
        t = t + a[i] * 0.1
    return t


def slices_and_views(a):
    b = a[1:4]
    b[0] = 99.0
    return a, b, a[::2]


def np_scalar_division(a):
    return a[0] / a[1], a[1] // a[0], a[0] % a[1]


def bool_array(a):
    c = 0
    for i in range(a.shape[0]):
        if a[i]:
            c += 1
    return c, a[0] and a[1]


def write_then_raise(a):
    for i in range(a.shape[0] + 2):
        a[i] = -a[i]
    return a


def dtype_checks(a):
    if a.dtype == np.float64:
        return 1
    return 2


def print_call(x):
    return str(x) + "!"


def mandelbrot_point(cr, ci, limit):
    zr, zi = 0.0, 0.0
    for i in range(limit):
        zr, zi = zr * zr - zi * zi + cr, 2 * zr * zi + ci
        if zr * zr + zi * zi > 4.0:
            return i
    return limit


def magnify_nearest(img, factor):
    h, w = img.shape
    out = np.zeros((h, w))
    cy, cx = h / 2, w / 2
    for y in range(h):
        for x in range(w):
            sy = int(cy + (y - cy) / factor)
            sx = int(cx + (x - cx) / factor)
            out[y, x] = img[sy, sx]
    return out


# --- unsupported constructs (fallback to plain Python) ---------------------------------------

def uses_dict(n):
    d = {"a": n}
    return d["a"] + 1


def uses_list_comp(n):
    return sum([i * i for i in range(n)])


def uses_generator(n):
    yield n


def uses_string_method(s):
    return s.upper()


def uses_try(n):
    try:
        return 10 // n
    except ZeroDivisionError:
        return -1


def uses_closure_maker(k):
    def inner(x):
        return x + k
    return inner(3)


def takes_list(xs):
    t = 0
    for x in xs:
        t += x
    return t


def uses_fstring(n):
    return f"{n}!"
