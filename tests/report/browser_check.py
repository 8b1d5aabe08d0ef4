# SPDX-License-Identifier: MIT
"""Opens an HTML file in headless Chromium and reports how it rendered.

    /usr/bin/python3 tests/report/browser_check.py report.html --screenshot shot.png

Talks the DevTools protocol over --remote-debugging-pipe (JSON messages
separated by NUL bytes on file descriptors 3 and 4), so it needs nothing but
Chromium and the standard library. Collects console errors, uncaught
exceptions and failed loads, checks every <img> (complete, naturalWidth > 0,
and decode() succeeds), reads back the report's board summary as rendered
(label, values, met / not met, norm per headline KPI) and the per-region
tables, and captures a
full-page PNG screenshot. Exit status 0 when the page is
clean, 1 otherwise; the findings are printed as JSON.
"""
from __future__ import annotations

import argparse
import base64
import fcntl
import json
import os
import pathlib
import select
import shutil
import subprocess
import sys
import tempfile
import time
from typing import Any, Optional

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",  # as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # the closed network refuses its connections
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
]

# decode() rejects an image that cannot be decoded completely (e.g. a truncated PNG,
# which still has a naturalWidth from its header)
_IMAGES_JS = """(async () => Promise.all(Array.from(document.images).map(async i => {
    let decoded = true, error = "";
    try { await i.decode(); } catch (e) { decoded = false; error = String(e); }
    return {src: i.currentSrc.slice(0, 40), alt: i.alt, complete: i.complete, decoded: decoded, error: error,
            naturalWidth: i.naturalWidth, naturalHeight: i.naturalHeight};
})))()"""

_RESOURCES_JS = """(() => Array.from(document.querySelectorAll('[src], link[href], script[src]'))
    .map(e => e.getAttribute('src') || e.getAttribute('href'))
    .filter(u => u && !u.startsWith('data:')))()"""


# The board summary as the reader sees it (innerText, what the browser rendered):
# per headline KPI (a staffing study: per target node) its label, per variant the value
# shown and met / not met, the norm, the differences in words, and the extra columns
# (a staffing study's paid hours and cost, before -> after)
_SUMMARY_JS = """(() => Array.from(document.querySelectorAll('table.summary tbody tr[data-kpi]')).map(tr => ({
    kpi: tr.dataset.kpi,
    label: tr.querySelector('td.label').innerText.trim(),
    values: Array.from(tr.querySelectorAll('td.value')).map(td => ({
        variant: td.dataset.variant,
        shown: td.querySelector('.shown').innerText.trim(),
        text: td.innerText.trim(),
        met: (td.querySelector('.met, .notmet') || {innerText: ''}).innerText.trim()})),
    norm: (tr.querySelector('td.norm').innerText || '').trim(),
    differences: Array.from(tr.querySelectorAll('td.difference > div')).map(d => ({
        variant: d.dataset.variant, text: d.innerText.trim()})),
    extras: Array.from(tr.querySelectorAll('td.extra')).map(td => ({
        name: td.dataset.name, text: td.innerText.trim()}))})))()"""

# The summary section's paragraphs as rendered (a staffing study: the algorithm's line under the table)
_SUMMARY_NOTES_JS = """(() => Array.from(document.querySelectorAll('section.summary p'))
    .map(p => p.innerText.trim()))()"""


# The per-sub-region (national: per-region) tables as rendered: per table its variant, per row
# its sub-region (or the total), per cell the KPI, the value shown and met / not met
_REGIONS_JS = """(() => Array.from(document.querySelectorAll('table.regions')).map(t => ({
    variant: t.dataset.variant,
    rows: Array.from(t.querySelectorAll('tbody tr')).map(tr => ({
        subregion: tr.dataset.subregion || '', total: tr.dataset.total === '1',
        name: tr.querySelector('td.name').innerText.trim(),
        cells: Array.from(tr.querySelectorAll('td.value')).map(td => ({
            kpi: td.dataset.kpi, shown: td.querySelector('.shown').innerText.trim(),
            met: (td.querySelector('.met, .notmet') || {innerText: ''}).innerText.trim()}))}))})))()"""


def find_chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name) or (f"/usr/bin/{name}" if os.path.exists(f"/usr/bin/{name}") else None)
        if path:
            return path
    raise FileNotFoundError("no chromium (apt-get install chromium)")


class _Pipe:
    """The DevTools protocol over a pair of pipes."""

    def __init__(self, to_browser: int, from_browser: int) -> None:
        self.w, self.r = to_browser, from_browser
        self.buf = b""
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: Optional[dict[str, Any]] = None, session: Optional[str] = None) -> int:
        self.next_id += 1
        msg: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.w, json.dumps(msg).encode() + b"\0")
        return self.next_id

    def _read(self, deadline: float) -> Optional[dict[str, Any]]:
        while b"\0" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.r], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.r, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self.buf += chunk
        raw, self.buf = self.buf.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, params: Optional[dict[str, Any]] = None, session: Optional[str] = None,
             timeout: float = 60) -> dict[str, Any]:
        want = self.send(method, params, session)
        deadline = time.monotonic() + timeout
        while True:
            msg = self._read(deadline)
            if msg is None:
                raise TimeoutError(f"no answer to {method} within {timeout} s")
            if msg.get("id") == want:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)

    def wait_event(self, method: str, timeout: float) -> Optional[dict[str, Any]]:
        for i, e in enumerate(self.events):
            if e["method"] == method:
                return self.events.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            msg = self._read(deadline)
            if msg is None:
                return None
            if msg.get("method") == method:
                return msg
            if "method" in msg:
                self.events.append(msg)

    def drain(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while True:
            msg = self._read(deadline)
            if msg is None:
                return
            if "method" in msg:
                self.events.append(msg)


def check(html_path: str, screenshot: Optional[str] = None, width: int = 1280, timeout: float = 90) -> dict[str, Any]:
    """Loads the page; returns {images, console_errors, failed_requests, external,
    screenshot, screenshot_bytes, title, summary, summary_notes, regions, ok} (summary: the
    rows of the board summary as rendered, [] on a page without one; summary_notes: the
    summary section's paragraphs; regions: the per-sub-region tables as rendered, [] without
    sub-regions)."""
    url = pathlib.Path(html_path).resolve().as_uri()
    profile = tempfile.mkdtemp(prefix="zccsim-chromium-")
    to_r, to_w = os.pipe()  # we write to_w, chromium reads fd 3
    from_r, from_w = os.pipe()  # chromium writes fd 4, we read from_r
    cmd = [find_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},900", "about:blank"]

    # chromium reads commands on fd 3 and writes on fd 4: move our ends above
    # them first, so that the dup2 in the child cannot clobber one with the other
    high_r, high_w = fcntl.fcntl(to_r, fcntl.F_DUPFD, 10), fcntl.fcntl(from_w, fcntl.F_DUPFD, 10)
    os.close(to_r)
    os.close(from_w)

    def child_fds() -> None:
        os.dup2(high_r, 3)
        os.dup2(high_w, 4)

    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log, pass_fds=(3, 4),
                            preexec_fn=child_fds)
    os.close(high_r)
    os.close(high_w)
    pipe = _Pipe(to_w, from_r)
    result: dict[str, Any] = {"url": url}
    try:
        target = pipe.call("Target.createTarget", {"url": "about:blank"}, timeout=timeout)["targetId"]
        session = pipe.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            pipe.call(f"{domain}.enable", session=session)
        pipe.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session=session)
        nav = pipe.call("Page.navigate", {"url": url}, session=session, timeout=timeout)
        if nav.get("errorText"):
            raise RuntimeError(f"navigation failed: {nav['errorText']}")
        if pipe.wait_event("Page.loadEventFired", timeout) is None:
            raise TimeoutError(f"the page did not load within {timeout} s")
        pipe.drain(0.5)  # late console messages
        images = pipe.call("Runtime.evaluate", {"expression": _IMAGES_JS, "returnByValue": True, "awaitPromise": True},
                           session=session, timeout=timeout)["result"]["value"]
        external = pipe.call("Runtime.evaluate", {"expression": _RESOURCES_JS, "returnByValue": True},
                             session=session)["result"]["value"]
        title = pipe.call("Runtime.evaluate", {"expression": "document.title", "returnByValue": True},
                          session=session)["result"]["value"]
        summary = pipe.call("Runtime.evaluate", {"expression": _SUMMARY_JS, "returnByValue": True},
                            session=session)["result"]["value"]
        regions = pipe.call("Runtime.evaluate", {"expression": _REGIONS_JS, "returnByValue": True},
                            session=session)["result"]["value"]
        notes = pipe.call("Runtime.evaluate", {"expression": _SUMMARY_NOTES_JS, "returnByValue": True},
                          session=session)["result"]["value"]
        shot = pipe.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True},
                         session=session, timeout=timeout)["data"]
        png = base64.b64decode(shot)
        if screenshot:
            tmp = screenshot + ".tmp"
            pathlib.Path(tmp).write_bytes(png)
            os.replace(tmp, screenshot)
        errors, failed = [], []
        for e in pipe.events:
            m, p = e["method"], e.get("params", {})
            if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", [])))
            elif m == "Runtime.exceptionThrown":
                errors.append(p.get("exceptionDetails", {}).get("text", "exception"))
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                errors.append(p["entry"].get("text", ""))
            elif m == "Network.loadingFailed":
                failed.append(p.get("errorText", "") + " " + p.get("requestId", ""))
        result.update(images=images, console_errors=errors, failed_requests=failed, external=external, title=title,
                      summary=summary, summary_notes=notes, regions=regions,
                      screenshot=screenshot, screenshot_bytes=len(png), png_signature=png[:8] == b"\x89PNG\r\n\x1a\n")
        try:
            pipe.call("Browser.close", timeout=10)
        except (RuntimeError, TimeoutError):
            pass
    finally:
        os.close(to_w)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        os.close(from_r)
        shutil.rmtree(profile, ignore_errors=True)
    result["ok"] = bool(
        result.get("png_signature") and result["screenshot_bytes"] > 0 and not result["console_errors"]
        and not result["failed_requests"] and not result["external"]
        and all(i["complete"] and i["decoded"] and i["naturalWidth"] > 0 for i in result["images"]))
    return result


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("html")
    p.add_argument("--screenshot", help="write the full-page PNG here")
    p.add_argument("--min-images", type=int, default=0, help="fail with fewer <img> than this")
    a = p.parse_args()
    r = check(a.html, a.screenshot)
    ok = r["ok"] and len(r["images"]) >= a.min_images
    print(json.dumps({**r, "ok": ok}, indent=1))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
