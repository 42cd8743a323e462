"""Lines of an article's page furniture that say nothing of where its attack was: a byline ("By Jane Doe and Ali
Hassan in Cairo", "- Jane Doe, in Nairobi": where the reporters sit) and a photo caption (a wire photo's caption
ends with its place and full date, "... in Lagos, Nigeria, Sunday, Oct. 25, 2015."; an image's file name opens a
caption line; a photo credit closes one). A place named there casts no vote for an attack's province
(place_context.province_mentions).
"""
from __future__ import annotations

import functools
import re

_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|al|el|bin))*"
# "By Jane Doe", "- Jane Doe and Ali Hassan, in Cairo", "By Jane Doe in Kabul": names, then where they report from
_BYLINE = re.compile(rf"^[ \t]*(?:By|[-–—])[ \t]+{_NAME}(?:(?:,[ \t]*|[ \t]+and[ \t]+){_NAME})*"
                     rf"(?:,?[ \t]+in[ \t]+{_NAME})?[ \t]*$", re.M)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = r"(?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
# a wire photo's caption: "<what it shows> in <place>, <weekday>, <Month> <day>, <year>."
_CAPTION_DATE = re.compile(rf",[ \t]+{_WEEKDAY},[ \t]+{_MONTH}[ \t]+\d{{1,2}},[ \t]+(?:19|20)\d\d\b")
_IMAGE_FILE = re.compile(r"^[ \t]*\S+\.(?:jpe?g|png|gif|webp)\b", re.I | re.M)
_PHOTO_CREDIT = re.compile(r"\((?:[A-Z]+ )?Photo\b[^)\n]*\)|\b(?:Photo|Image|Picture)(?: credit)?:", re.I)


@functools.lru_cache(maxsize=8)
def furniture_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Return the (start, end) char spans of the lines of `text` that are a byline or a photo caption."""
    spans = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if (_BYLINE.match(line) or _CAPTION_DATE.search(line) or _IMAGE_FILE.match(line)
                or _PHOTO_CREDIT.search(line)):
            spans.append((start, end))
        start = end + 1
    return tuple(spans)


def is_furniture(text: str, position: int) -> bool:
    """Tell whether the character at `position` lies in a byline or photo caption line of `text`."""
    return any(start <= position < end for start, end in furniture_spans(text))
