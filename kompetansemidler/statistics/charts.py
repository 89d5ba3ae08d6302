"""Server-rendered SVG bar charts: readable without JavaScript, with a text
summary for screen readers; the page shows the same numbers as a table."""

from decimal import Decimal

WIDTH = 640
LABEL_WIDTH = 160
BAR_HEIGHT = 24
GAP = 8


def bar_chart(rows: list[dict], value: str) -> dict:
    """Bars for ``rows[i][value]``, scaled to the largest."""
    largest = max((row[value] for row in rows), default=Decimal(0)) or Decimal(1)
    space = WIDTH - LABEL_WIDTH - 120
    bars = []
    for index, row in enumerate(rows):
        y = index * (BAR_HEIGHT + GAP)
        bars.append(
            {
                "label": row["label"],
                "value": row[value],
                "y": y,
                "text_y": y + BAR_HEIGHT - 7,
                "width": max(int(space * row[value] / largest), 1 if row[value] else 0),
                "value_x": LABEL_WIDTH + int(space * row[value] / largest) + 6,
            }
        )
    return {
        "bars": bars,
        "width": WIDTH,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "height": max(len(rows) * (BAR_HEIGHT + GAP), BAR_HEIGHT),
    }
