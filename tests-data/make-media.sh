#!/usr/bin/env bash
# Regenerates the media test files (audio, video, images) with ffmpeg's lavfi sources and
# Python's standard library. Tiny on purpose (32x24 pixels, 8 kHz mono, a couple of seconds):
# each file is a few KB. Bit-exact flags keep the output stable for a given ffmpeg version.
set -euo pipefail
cd "$(dirname "$0")"

video="testsrc=size=32x24:rate=10:duration=2"
audio="sine=frequency=440:sample_rate=8000:duration=2"
ff() { ffmpeg -hide_banner -loglevel error -nostdin -y "$@"; }
exact=(-fflags +bitexact -flags:v +bitexact -flags:a +bitexact -map_metadata -1)
# clip.mp4 keeps ffmpeg's encoder tag (Lavf...), which the metadata tests read as Encoder.
tagged=(-flags:v +bitexact -flags:a +bitexact -map_metadata -1)

# Video with sound, tagged: the metadata tests read these tags back.
ff -f lavfi -i "$video" -f lavfi -i "$audio" "${exact[@]}" -metadata title="Cloudooo Clip" \
  -c:v libtheora -q:v 5 -c:a libvorbis -ac 1 clip.ogv
ff -f lavfi -i "$video" -f lavfi -i "$audio" "${tagged[@]}" -metadata title="Cloudooo Clip" \
  -metadata comment="made by make-media.sh" \
  -c:v libx264 -preset ultrafast -crf 35 -pix_fmt yuv420p -c:a aac -b:a 16k -ac 1 clip.mp4
# One second of a 440 Hz tone.
ff -f lavfi -i "sine=frequency=440:sample_rate=8000:duration=1" "${exact[@]}" -c:a pcm_s16le tone.wav
# The first 40 % of clip.mp4: its index (moov, written last) is missing.
head -c "$(( $(stat -c %s clip.mp4) * 4 / 10 ))" clip.mp4 > truncated.mp4
# Two frames 30 hours apart: a constant-frame-rate output (mpeg, 25 fps) must make 2.7 million
# frames of it (below ffmpeg's cap of 3.24 million duplicates, past which it skips the gap),
# which keeps ffmpeg busy for minutes; the timeout test uses it.
ff -f lavfi -i "testsrc=size=32x24:rate=1" -frames:v 2 -vf "setpts=N*108000/TB" -fps_mode passthrough \
  "${exact[@]}" -c:v libx264 -preset ultrafast -pix_fmt yuv420p stall.mkv

# Images: one test-pattern frame, and three frames as an animated GIF.
ff -f lavfi -i "testsrc=size=32x24:rate=1" -frames:v 1 "${exact[@]}" picture.png
ff -f lavfi -i "testsrc=size=32x24:rate=1" -frames:v 1 "${exact[@]}" -q:v 3 picture.jpg
ff -f lavfi -i "testsrc=size=32x24:rate=5" -frames:v 3 "${exact[@]}" -loop 0 animation.gif

# A pixel flood: a PNG whose header declares 30000x30000 pixels (2.7 GB of RGB once decoded)
# with the data of four rows only.
python3 - <<'PY'
import struct, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
side = 30000
rows = zlib.compress(b"\0" * (1 + side * 3) * 4, 9)
with open("flood.png", "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", rows) + chunk(b"IEND", b""))
PY
ls -l clip.ogv clip.mp4 tone.wav truncated.mp4 stall.mkv picture.png picture.jpg animation.gif flood.png
