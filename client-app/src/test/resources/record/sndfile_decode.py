"""Decodes an Ogg Opus file with the system's libsndfile (libogg + libopus) into raw 16-bit mono.

An independent check of Parley's recordings: libogg verifies every page CRC and libopus decodes the
packets and applies the pre-skip. Usage: sndfile_decode.py IN.opus OUT.raw; prints
"frames=N rate=R channels=C format=0xF" or fails with libsndfile's error.
"""
import ctypes
import ctypes.util
import sys


class SfInfo(ctypes.Structure):
    _fields_ = [("frames", ctypes.c_int64), ("samplerate", ctypes.c_int), ("channels", ctypes.c_int),
                ("format", ctypes.c_int), ("sections", ctypes.c_int), ("seekable", ctypes.c_int)]


def main():
    lib = ctypes.CDLL(ctypes.util.find_library("sndfile") or "libsndfile.so.1")
    lib.sf_open.restype = ctypes.c_void_p
    lib.sf_open.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(SfInfo)]
    lib.sf_strerror.restype = ctypes.c_char_p
    lib.sf_strerror.argtypes = [ctypes.c_void_p]
    lib.sf_read_short.restype = ctypes.c_int64
    lib.sf_read_short.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_short), ctypes.c_int64]
    lib.sf_close.argtypes = [ctypes.c_void_p]
    info = SfInfo()
    handle = lib.sf_open(sys.argv[1].encode(), 0x10, ctypes.byref(info))  # SFM_READ
    if not handle:
        sys.exit("libsndfile: " + lib.sf_strerror(None).decode())
    print("frames=%d rate=%d channels=%d format=0x%x" % (info.frames, info.samplerate, info.channels, info.format))
    buffer = (ctypes.c_short * 4800)()
    with open(sys.argv[2], "wb") as out:
        while True:
            count = lib.sf_read_short(handle, buffer, 4800)
            if count <= 0:
                break
            out.write(bytes(buffer)[:count * 2])
    lib.sf_close(handle)


main()
