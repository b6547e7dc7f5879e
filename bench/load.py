"""Load from a second process (wrk, from Debian) and what it reports."""

import re
import subprocess

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(url, *, seconds, connections=8, threads=2, headers=()):
    """Requests per second, p50 and p99 latency (ms) and errors of one wrk run; `headers` are
    extra request headers ("Cookie: ..." for a signed-in page)."""
    extra = [arg for header in headers for arg in ("-H", header)]
    result = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
         "--timeout", "10s", "-H", "Accept-Encoding: gzip", *extra, url],
        capture_output=True, text=True, check=True, timeout=seconds + 30,
    )  # fmt: skip
    out = result.stdout
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.MULTILINE))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if set(percentiles) != {"50", "99"}:
        # No response came back in time, so wrk has no latencies to report.
        print(out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(percentiles.get("50", "0ms")) if percentiles else float("inf"),
        "p99": _ms(percentiles.get("99", "0ms")) if percentiles else float("inf"),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "errors": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(map(int, socket_errors.groups())) if socket_errors else 0),
    }
