"""Headroom for the C allocator between parses: `parse_page` asks for it before the first.

A parse builds lexbor's tree (a megabyte or two for a big page) and frees it at the end; glibc
then hands the top of its heap back to the system, and the next parse takes it back page
fault by page fault. On a 180 KB page that cost 0.3-0.4 ms of a 1.3 ms parse, in about half
of the ways a process's memory happened to be laid out (which depends even on the length of
the command line). Keeping 1 MB free at the top of each heap (M_TOP_PAD; glibc's default is
128 KB) stops it, at a cost of at most that much memory per heap. Where the C library is not
glibc, nothing is done.
"""

from __future__ import annotations

from functools import cache

TOP_PAD = 1 << 20
_M_TOP_PAD = -2  # glibc's <malloc.h>


@cache
def keep_parse_headroom() -> bool:
    """Once per process; True when the C library took the setting."""
    import ctypes  # here: ~1.5 ms, and only processes that parse need it

    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library the interpreter runs on
    except (OSError, AttributeError, TypeError):  # no mallopt (macOS); no CDLL(None) (Windows)
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_TOP_PAD, TOP_PAD))
