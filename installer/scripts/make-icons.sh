#!/usr/bin/env bash
# Redraws the Parley icon (a speech bubble with a level meter) with ImageMagick 6 and writes the
# per-OS formats jpackage wants: parley.png (Linux), parley.ico (Windows), parley.icns (macOS).
# The outputs are committed; run this only to change the icon.
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/src/jpackage/icons"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
convert -size 256x256 xc:none \
    -fill '#3b5bdb' -draw 'roundrectangle 8,8 247,247 48,48' \
    -fill white -draw 'roundrectangle 48,60 208,168 30,30' -draw 'polygon 84,160 76,212 128,164' \
    -fill '#3b5bdb' -draw 'roundrectangle 76,98 92,130 8,8' -draw 'roundrectangle 104,86 120,142 8,8' \
    -draw 'roundrectangle 132,76 148,152 8,8' -draw 'roundrectangle 160,96 176,132 8,8' \
    -depth 8 "PNG32:$out/parley.png"
convert "$out/parley.png" -define icon:auto-resize=256,64,48,32,16 "$out/parley.ico"
convert "$out/parley.png" -resize 128x128 -depth 8 "PNG32:$tmp/128.png"
convert "$out/parley.png" -resize 512x512 -depth 8 "PNG32:$tmp/512.png"
# ImageMagick 6 cannot write .icns; the format is simple: a header and PNG chunks by size.
python3 - "$tmp" "$out" <<'PY'
import struct, sys
tmp, out = sys.argv[1], sys.argv[2]
def chunk(kind, path):
    data = open(path, 'rb').read()
    return kind + struct.pack('>I', len(data) + 8) + data
body = chunk(b'ic07', f'{tmp}/128.png') + chunk(b'ic08', f'{out}/parley.png') + chunk(b'ic09', f'{tmp}/512.png')
open(f'{out}/parley.icns', 'wb').write(b'icns' + struct.pack('>I', len(body) + 8) + body)
PY
echo "icons written to $out"
