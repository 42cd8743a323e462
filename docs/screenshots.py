"""Take the README's screenshots of a run's report with headless Chromium (docs only; tests never need it).

    python docs/screenshots.py RUN_DIR [--out docs]

Writes index.png (the report's front page), notebook-04.png (notebook 04 rendered for readers) and
interactive-map.png (the map with the popup of its best-sourced event open), each a palette PNG of
at most ~200 KB. Chromium is started with networking features off and a throw-away profile; the pages
themselves need no network. It is driven over the DevTools protocol (websocket-client, already pinned)
so the map's popup can be opened with a real mouse move.
"""
from __future__ import annotations

import argparse
import base64
import io
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

WIDTH = 1280
MAX_BYTES = 200_000
# Screen position of the event circle with the longest popup (the most sources), found through BokehJS's views.
RICHEST_CIRCLE_JS = """(() => {
  const figure = Bokeh.index.roots[0].child_views.find(view => view.model.type === 'Figure');
  const circles = [...figure.renderer_views.values()].find(view => view.model.glyph?.type === 'Scatter');
  if (!circles) return null;
  const data = circles.model.data_source.data, box = figure.canvas_view.el.getBoundingClientRect();
  const lines = Array.from(data.popup, text => text.split('\\n').length);
  const i = lines.indexOf(Math.max(...lines));
  return [box.x + figure.frame.x_scale.compute(data.x[i]), box.y + figure.frame.y_scale.compute(data.y[i])];
})()"""
# Scroll so that the first figure's section heading is at the top of the window.
FIRST_FIGURE_JS = "document.getElementById('Timeline')?.scrollIntoView(); window.scrollY"


class Browser:
    """A headless Chromium with one page, driven over the DevTools protocol."""

    def __init__(self, height: int):
        import websocket

        chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        if not chromium:
            sys.exit("Chromium is needed for screenshots: apt-get install -y chromium")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.profile = tempfile.mkdtemp()
        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--hide-scrollbars", f"--user-data-dir={self.profile}", f"--window-size={WIDTH},{height}",
             f"--remote-debugging-port={port}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json"))
                page = next(t for t in targets if t["type"] == "page")
                break
            except (OSError, StopIteration):
                time.sleep(0.1)
        else:
            sys.exit("Chromium did not start")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], suppress_origin=True)
        self.next_id = 0

    def call(self, method: str, **params) -> dict:
        """Send one DevTools command and return its result."""
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                return message.get("result", {})

    def open(self, path: Path, settle: float = 2.0) -> None:
        """Load a local file and give its scripts time to draw."""
        self.call("Page.navigate", url=path.resolve().as_uri())
        time.sleep(settle)

    def evaluate(self, expression: str):
        """Evaluate JavaScript in the page and return its value."""
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    def screenshot(self, height: int) -> bytes:
        """`height` pixels of the page from where it is scrolled to, as PNG."""
        top = self.evaluate("window.scrollY") or 0
        clip = {"x": 0, "y": top, "width": WIDTH, "height": height, "scale": 1}
        return base64.b64decode(self.call("Page.captureScreenshot", format="png", clip=clip)["data"])

    def close(self) -> None:
        """Stop Chromium and remove its profile."""
        self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


def save_small(png: bytes, path: Path, width: int = 1000) -> int:
    """Scale to `width` pixels and store as a 256-colour PNG, shrinking further until under MAX_BYTES."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    while True:
        scaled = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        scaled.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(buffer, format="PNG", optimize=True)
        if buffer.tell() <= MAX_BYTES or width <= 600:
            path.write_bytes(buffer.getvalue())
            return buffer.tell()
        width -= 100


def main(argv: list[str] | None = None) -> int:
    """Screenshot the index, notebook 04 and the interactive map of a run folder into docs/."""
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("run_dir", type=Path, help="a run's output folder (holds index.html)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent, help="folder for the PNGs")
    args = parser.parse_args(argv)
    browser = Browser(height=1100)
    try:
        shots = {}
        browser.open(args.run_dir / "index.html")
        shots["index.png"] = browser.screenshot(1100)
        browser.open(args.run_dir / "html" / "04-visualise-reader.html")
        browser.evaluate(FIRST_FIGURE_JS)
        time.sleep(0.3)
        shots["notebook-04.png"] = browser.screenshot(1100)
        browser.open(args.run_dir / "figures" / "events_map_interactive.html", settle=3.0)
        position = browser.evaluate(RICHEST_CIRCLE_JS)
        if position:
            for dx in (-3, -1, 0):  # a few moves, as a hand would make, so the hover tool fires
                browser.call("Input.dispatchMouseEvent", type="mouseMoved", x=position[0] + dx, y=position[1])
                time.sleep(0.3)
            time.sleep(0.8)
        shots["interactive-map.png"] = browser.screenshot(800)
    finally:
        browser.close()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, png in shots.items():
        size = save_small(png, args.out / name)
        print(f"{args.out / name}: {size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
