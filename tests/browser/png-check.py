#!/usr/bin/python3
"""png-check.py FILE.png [--min-ink N]

Decodes a PNG with the standard library only (zlib + the five row filters)
and fails unless the picture is "not blank": at least N pixels (default 20)
differ from the picture's most common colour.  A fully transparent picture
is blank too (all its pixels are the same colour).

Prints: FILE: WxH, K colours, INK pixels not the background (#rrggbbaa).
Exit 0 not blank, 1 blank, 2 not a PNG we can read.
"""
import struct
import sys
import zlib
from collections import Counter

SIG = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def die(msg, code=2):
    print(msg, file=sys.stderr)
    sys.exit(code)


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(SIG):
        raise ValueError("not a PNG (bad signature)")
    pos, idat, ihdr, plte, trns = 8, [], None, None, None
    while pos + 8 <= len(data):
        length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if len(body) != length:
            raise ValueError("truncated chunk %r" % ctype)
        if ctype == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif ctype == b"PLTE":
            plte = body
        elif ctype == b"tRNS":
            trns = body
        elif ctype == b"IDAT":
            idat.append(body)
        elif ctype == b"IEND":
            break
        pos += 12 + length
    if ihdr is None or not idat:
        raise ValueError("no IHDR or no IDAT")
    w, h, depth, ctype, _comp, _filt, interlace = ihdr
    if w == 0 or h == 0:
        raise ValueError("empty picture %dx%d" % (w, h))
    if interlace:
        raise ValueError("interlaced PNG not supported")
    if ctype not in CHANNELS or depth not in (1, 2, 4, 8, 16):
        raise ValueError("colour type %d depth %d not supported" % (ctype, depth))
    raw = zlib.decompress(b"".join(idat))
    bits = CHANNELS[ctype] * depth
    bpp = max(1, bits // 8)
    stride = (w * bits + 7) // 8
    if len(raw) < h * (stride + 1):
        raise ValueError("image data too short")
    rows, prev = [], bytearray(stride)
    for y in range(h):
        off = y * (stride + 1)
        ftype = raw[off]
        cur = bytearray(raw[off + 1:off + 1 + stride])
        if ftype == 1:
            for i in range(bpp, stride):
                cur[i] = (cur[i] + cur[i - bpp]) & 255
        elif ftype == 2:
            cur = bytearray((a + b) & 255 for a, b in zip(cur, prev))
        elif ftype == 3:
            for i in range(stride):
                left = cur[i - bpp] if i >= bpp else 0
                cur[i] = (cur[i] + ((left + prev[i]) >> 1)) & 255
        elif ftype == 4:
            for i in range(stride):
                a = cur[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                cur[i] = (cur[i] + pr) & 255
        elif ftype != 0:
            raise ValueError("bad filter type %d in row %d" % (ftype, y))
        rows.append(bytes(cur))
        prev = cur
    return w, h, depth, ctype, rows, plte, trns


def pixels(w, depth, ctype, rows, plte, trns):
    """Yields each pixel as an (r, g, b, a) tuple of 0..255."""
    nch = CHANNELS[ctype]
    for row in rows:
        if depth == 8:
            vals = row
        elif depth == 16:
            vals = row[0::2]
        else:  # packed 1/2/4-bit samples (grey or palette)
            per = 8 // depth
            mask = (1 << depth) - 1
            vals = [(row[i // per] >> (8 - depth * (i % per + 1))) & mask
                    for i in range(w * nch)]
        for x in range(w):
            s = vals[x * nch:(x + 1) * nch]
            if ctype == 3:
                i = s[0]
                r, g, b = plte[3 * i:3 * i + 3] if plte else (i, i, i)
                a = trns[i] if trns and i < len(trns) else 255
                yield (r, g, b, a)
                continue
            if depth < 8:
                s = [v * 255 // ((1 << depth) - 1) for v in s]
            if ctype == 0:
                yield (s[0], s[0], s[0], 255)
            elif ctype == 4:
                yield (s[0], s[0], s[0], s[1])
            elif ctype == 2:
                yield (s[0], s[1], s[2], 255)
            else:
                yield (s[0], s[1], s[2], s[3])


def main(argv):
    args = list(argv)
    min_ink = 20
    if "--min-ink" in args:
        i = args.index("--min-ink")
        min_ink = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 1:
        die(__doc__.strip())
    path = args[0]
    try:
        w, h, depth, ctype, rows, plte, trns = read_png(path)
    except (OSError, ValueError, zlib.error, struct.error) as e:
        die("%s: %s" % (path, e))
    counts = Counter()
    for px in pixels(w, depth, ctype, rows, plte, trns):
        # all fully transparent pixels are one colour, whatever their RGB
        counts[px if px[3] else (0, 0, 0, 0)] += 1
    bg, nbg = counts.most_common(1)[0]
    ink = w * h - nbg
    print("%s: %dx%d, %d colours, %d pixels not the background (#%02x%02x%02x%02x)"
          % (path, w, h, len(counts), ink, *bg))
    if ink < min_ink:
        print("%s: blank picture (fewer than %d pixels differ from the background)"
              % (path, min_ink), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
