"""How much memory a process holds, as the bench reports it (no Qt: the
bench's parent measures its children with it, and the session itself)."""

from __future__ import annotations

from pathlib import Path


def memory_of(pid: int | str) -> dict[str, float]:
    """PSS, RSS and USS (private pages) of a process in MB, from /proc/PID/smaps_rollup.

    The growth is judged on USS: a process's share of the Qt libraries (in
    its PSS) changes whenever other processes map or unmap them, as they do
    all the time on a shared machine."""
    kib = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("Pss", "Rss", "Private_Clean", "Private_Dirty"):
            kib[name] = int(rest.split()[0])  # kB here are KiB
    return {
        "pss_mb": kib["Pss"] / 1024,
        "rss_mb": kib["Rss"] / 1024,
        "uss_mb": (kib["Private_Clean"] + kib["Private_Dirty"]) / 1024,
    }
