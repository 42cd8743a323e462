"""Writing figures (PNG without metadata, SVG with a fixed hash salt) with the CSV of the data behind them."""
from __future__ import annotations

from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from helpers import schemas
from helpers.visualise.style import DEFAULT_DPI, FIGURES, _RC


def save_figure(figure: Figure, data: pd.DataFrame, name: str, figures_dir: str | Path, *, dpi: int = DEFAULT_DPI,
                svg: bool = True) -> bytes:
    """Write NAME.png (and NAME.svg) with NAME.csv, the data behind it; return the PNG bytes for display.

    The SVG carries no date and fixed ids; the PNG has no timestamp. Both are identical run after run.
    """
    import io

    figures_dir = Path(figures_dir)
    figures_dir.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context(_RC):
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
        png = palette_png(buffer.getvalue())
        (figures_dir / f"{name}.png").write_bytes(png)
        if svg:
            figure.savefig(figures_dir / f"{name}.svg", format="svg", metadata={"Date": None, "Creator": None})
    write_data(data, name, figures_dir)
    return png


def palette_png(png: bytes) -> bytes:
    """The same picture with at most 256 colours: a figure's flat fills, lines and anti-aliased type need no
    more, and the file (shown inline in the notebooks) is about a third of the size. Deterministic."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    buffer = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        buffer, format="PNG")
    return buffer.getvalue()


def write_data(data: pd.DataFrame, name: str, figures_dir: str | Path) -> Path:
    """Write the data behind a figure as CSV (UTF-8, LF, no index) beside it."""
    path = Path(figures_dir) / f"{name}.csv"
    schemas.write_csv(data, path)
    return path


def save_page(page: str, data: pd.DataFrame, name: str, figures_dir: str | Path) -> Path:
    """Write an HTML figure page and its data CSV; return the page's path."""
    path = Path(figures_dir) / f"{name}.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    write_data(data, name, figures_dir)
    return path


def caption(name: str) -> str:
    """A figure's one-line caption in Markdown, for the notebook cell under it."""
    title, text = FIGURES[name]
    return f"**{title}.** {text}"


def shown(png: bytes, name: str) -> list:
    """What the notebook displays for a figure: the PNG (with its title as alternative text) and its caption."""
    from IPython.display import Image, Markdown

    return [Image(data=png, format="png", alt=FIGURES[name][0]), Markdown(caption(name))]


def summarise(data: pd.DataFrame, rows: int = 8) -> pd.DataFrame:
    """The head of a figure's data for the notebook's text output (what nbval compares instead of pixels)."""
    return data.head(rows).reset_index(drop=True)
