"""A process's peak memory, for the benchmarks' child processes.

Apart from ``scale`` so that a child importing it measures its own work:
importing ``scale`` (and through it part of factcheck) added 11 MiB to every
child's peak, bm25s's and factcheck's alike.
"""

from __future__ import annotations

import resource


def peak_mib() -> float:
    """The process's peak resident set so far, in MiB.

    /proc's VmHWM is this program's own; ``ru_maxrss`` would also count the
    parent a subprocess was forked from.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
