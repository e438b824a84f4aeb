/* The C reference of the image demos for bench/demos.py: the 2011 algorithms as plain C loops,
 * single-threaded, compiled by the benchmark with gcc -O3 -march=native -ffp-contract=off
 * -fno-math-errno (no FMA contraction, so the float64 results are bit for bit those of the 2011
 * Python code; no errno branch around sqrt, so the Sobel loop vectorises).
 *
 *   demos_ref MODE IN.y4m OUT.y4m PASSES
 *
 * MODE: sobel | magnify | magnify-b (the lens math per pixel per frame, as the 2011 loop) |
 * magnify-map | magnify-b-map (the map computed once, then a gather per frame: the same
 * algorithm as the numrt binaries). Every frame of IN (a C420jpeg or Cmono y4m) is processed
 * PASSES times; the first pass is written to OUT, and "N frames, mean F fps" goes to stdout. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int W, H;

static void sobel(const unsigned char *restrict a, unsigned char *restrict b) {
    const int w = W, h = H; /* locals: the byte stores could alias the globals */
    memset(b, 0, (size_t)w * h);
    for (int y = 1; y < h - 1; y++)
        for (int x = 1; x < w - 1; x++) {
#define P(i, j) ((double)a[(j) * w + (i)])
            double dx = -1.0 * P(x - 1, y - 1) + 1.0 * P(x + 1, y - 1) - 2.0 * P(x - 1, y) + 2.0 * P(x + 1, y)
                        - 1.0 * P(x - 1, y + 1) + 1.0 * P(x + 1, y + 1);
            double dy = -1.0 * P(x - 1, y - 1) - 2.0 * P(x, y - 1) - 1.0 * P(x + 1, y - 1) + 1.0 * P(x - 1, y + 1)
                        + 2.0 * P(x, y + 1) + 1.0 * P(x + 1, y + 1);
            double m = sqrt(dx * dx + dy * dy) / 4.0; /* min(int(m), 255) == int(min(m, 255.0)) */
            b[y * w + x] = (unsigned char)(int)(m < 255.0 ? m : 255.0);
        }
}

static int clampi(int v, int hi) { return v < 0 ? 0 : v > hi ? hi : v; }

static double px(const unsigned char *a, double x, double y) {
    return a[clampi((int)y, H - 1) * W + clampi((int)x, W - 1)];
}

static double sample(const unsigned char *a, double sx, double sy, int bilinear) {
    if (!bilinear) return px(a, floor(sx + 0.5), floor(sy + 0.5));
    double x0 = floor(sx), y0 = floor(sy), xo = sx - x0, yo = sy - y0;
    return (1.0 - xo) * (1.0 - yo) * px(a, x0, y0) + (1.0 - xo) * yo * px(a, x0, y0 + 1.0)
           + xo * (1.0 - yo) * px(a, x0 + 1.0, y0) + xo * yo * px(a, x0 + 1.0, y0 + 1.0);
}

/* The lens square: rows [cy-maxr, cy+maxr), columns [cx-maxr, cx+maxr) clipped. */
static int CX, CY, MAXR, X0, X1;

static int lens_source(int x, int y, double *sx, double *sy) {
    double dx = x - CX, dy = y - CY, r = sqrt(dx * dx + dy * dy);
    if (r >= MAXR) return 0;
    double a = atan2(dy, dx), nr = r * r / MAXR;
    *sx = nr * cos(a) + CX;
    *sy = nr * sin(a) + CY;
    return 1;
}

static void magnify(const unsigned char *a, unsigned char *b, int bilinear) {
    memcpy(b, a, (size_t)W * H);
    for (int y = CY - MAXR; y < CY + MAXR; y++)
        for (int x = X0; x < X1; x++) {
            double sx, sy;
            if (!lens_source(x, y, &sx, &sy)) continue;
            long v = (long)sample(a, sx, sy, bilinear);
            b[y * W + x] = v < 255 ? (unsigned char)v : 255;
        }
}

/* The map once: per lens pixel, output index, 4 source indices and 4 weights. */
static int NMAP, *OUTI, *SRC;
static double *WGT;

static void build_map(int bilinear) {
    int n = 2 * MAXR * (X1 > X0 ? X1 - X0 : 0);
    OUTI = malloc(sizeof(int) * (n + 1));
    SRC = malloc(sizeof(int) * 4 * (n + 1));
    WGT = malloc(sizeof(double) * 4 * (n + 1));
    for (int y = CY - MAXR; y < CY + MAXR; y++)
        for (int x = X0; x < X1; x++) {
            double sx, sy;
            if (!lens_source(x, y, &sx, &sy)) continue;
            int k = NMAP++;
            OUTI[k] = y * W + x;
            if (!bilinear) {
                SRC[4 * k] = clampi((int)floor(sy + 0.5), H - 1) * W + clampi((int)floor(sx + 0.5), W - 1);
                continue;
            }
            double x0 = floor(sx), y0 = floor(sy), xo = sx - x0, yo = sy - y0;
            int c0 = clampi((int)x0, W - 1), c1 = clampi((int)x0 + 1, W - 1);
            int r0 = clampi((int)y0, H - 1) * W, r1 = clampi((int)y0 + 1, H - 1) * W;
            SRC[4 * k] = r0 + c0, SRC[4 * k + 1] = r1 + c0, SRC[4 * k + 2] = r0 + c1, SRC[4 * k + 3] = r1 + c1;
            WGT[4 * k] = (1.0 - xo) * (1.0 - yo), WGT[4 * k + 1] = (1.0 - xo) * yo;
            WGT[4 * k + 2] = xo * (1.0 - yo), WGT[4 * k + 3] = xo * yo;
        }
}

static void magnify_map(const unsigned char *restrict a, unsigned char *restrict b, int bilinear) {
    const int NMAP_ = NMAP; /* a local: the byte stores could alias the global */
#define NMAP NMAP_
    memcpy(b, a, (size_t)W * H);
    if (!bilinear) {
        for (int k = 0; k < NMAP; k++) b[OUTI[k]] = a[SRC[4 * k]];
        return;
    }
    for (int k = 0; k < NMAP; k++) {
        const int *s = SRC + 4 * k;
        const double *w = WGT + 4 * k;
        long v = (long)(w[0] * a[s[0]] + w[1] * a[s[1]] + w[2] * a[s[2]] + w[3] * a[s[3]]);
        b[OUTI[k]] = v < 255 ? (unsigned char)v : 255;
    }
#undef NMAP
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: demos_ref sobel|magnify|magnify-b|magnify-map|magnify-b-map IN.y4m OUT.y4m PASSES\n");
        return 2;
    }
    const char *mode = argv[1];
    FILE *in = fopen(argv[2], "rb"), *out = fopen(argv[3], "wb");
    if (!in || !out) { perror("demos_ref"); return 1; }
    char header[512];
    if (!fgets(header, sizeof header, in) || sscanf(header, "YUV4MPEG2 W%d H%d", &W, &H) != 2) {
        fprintf(stderr, "demos_ref: not a y4m file\n");
        return 1;
    }
    int mono = strstr(header, "Cmono") != NULL;
    size_t n = (size_t)W * H, chroma = mono ? 0 : 2 * (size_t)((W + 1) / 2) * ((H + 1) / 2);
    int nframes = 0;
    unsigned char *frames = NULL, *skip = malloc(chroma + 1);
    char line[256];
    while (fgets(line, sizeof line, in)) {
        frames = realloc(frames, n * (nframes + 1));
        if (fread(frames + n * nframes, 1, n, in) != n || fread(skip, 1, chroma, in) != chroma) break;
        nframes++;
    }
    unsigned char *res = malloc(n * (nframes ? nframes : 1)), *grey = malloc(chroma + 1);
    memset(grey, 128, chroma);
    CX = W / 2, CY = H / 2, MAXR = H / 3;
    X0 = CX - MAXR < 0 ? 0 : CX - MAXR, X1 = CX + MAXR > W ? W : CX + MAXR;
    int bil = strstr(mode, "-b") != NULL, map = strstr(mode, "-map") != NULL;
    if (map) build_map(bil);
    int passes = atoi(argv[4]);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int p = 0; p < passes; p++)
        for (int f = 0; f < nframes; f++) {
            const unsigned char *a = frames + n * f;
            unsigned char *b = res + n * f;
            if (!strcmp(mode, "sobel")) sobel(a, b);
            else if (map) magnify_map(a, b, bil);
            else magnify(a, b, bil);
        }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
    fprintf(out, "YUV4MPEG2 W%d H%d F30:1 Ip A1:1 C420jpeg\n", W, H);
    for (int f = 0; f < nframes; f++) {
        fputs("FRAME\n", out);
        fwrite(res + n * f, 1, n, out);
        fwrite(grey, 1, chroma, out);
    }
    fclose(out);
    int total = passes * nframes;
    printf("%d frames, mean %.3f fps, %.3f ms/frame\n", total, total / secs, 1e3 * secs / total);
    return 0;
}
