"""Keep freed memory in the process (glibc only).

A projection or a batch allocates and frees arrays of a few hundred kB to a few MB on
every turn. With glibc's defaults the top of the heap is trimmed back to the system as
soon as they are freed, so the next turn faults the same pages in again: about 700 page
faults and 1.5–2 ms of system time in each 100-seed projection (docs/performance.md).
A top pad makes the heap grow and shrink in steps of `TOP_PAD` instead.
"""

from __future__ import annotations

import ctypes

TOP_PAD = 16 * 1024 * 1024  # bytes kept at the top of the heap when it grows or shrinks
_M_TOP_PAD = -2  # glibc's <malloc.h> parameter number

_done = False


def keep_freed_memory() -> bool:
    """Set glibc's top pad once per process. Returns whether it is set: False elsewhere
    (macOS, Windows, musl), where nothing changes.
    """
    global _done
    if _done:
        return True
    try:  # the C library the interpreter itself is linked with
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    _done = bool(mallopt(_M_TOP_PAD, TOP_PAD))
    return _done
