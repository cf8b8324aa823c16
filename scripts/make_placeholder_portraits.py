"""Draw the placeholder portraits of the four Viasna members shown by the kiosk.

Until real photographs replace them (see assets/portraits/README.md), each
person is shown as a quiet portrait plate rather than a picture of a face:

* A head-and-shoulders bust built only from smooth curves, with no facial
  features at all. Inventing a face for a real person would be disrespectful;
  an anonymous silhouette says "a person stands here" and nothing more.
* The bust stands in shadow before a softly lit backdrop, its edges catching
  light from the upper left, like a sculpture in a dim gallery. That modelling
  keeps it from reading as a flat "missing image" icon, and the graphic
  rendering makes plain that it is not a photograph.
* The ground is near-black (the kiosk's dark theme) with a barely visible
  engraving of fine horizontal lines.
* One muted accent colour per person (petrol teal, ochre, plum, slate blue), so
  the four are told apart at a glance yet read as one set.
* The name, small and spaced out near the bottom (names are the same in every
  kiosk language), under a short white-red-white rule: a quiet nod to the
  Belarusian protest flag.

Only vector shapes and smooth gradients are drawn, no noise and no randomness:
the files stay small and every run gives the same images.

Usage:  .venv/bin/python scripts/make_placeholder_portraits.py [OUTPUT_DIR]
        (OUTPUT_DIR defaults to assets/portraits/)
"""

import os
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # must be set before Qt is loaded

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (QColor, QFont, QFontDatabase, QGuiApplication, QImage,
                           QLinearGradient, QPainter, QPainterPath, QRadialGradient)

ROOT = Path(__file__).resolve().parent.parent
W, H = 960, 1200                   # 4:5; the kiosk shows them at 560x700 and 300x375
# JPEG, not PNG: at the sizes shown Qt decodes a JPEG in a third of the time
# (it decodes a JPEG straight at a fraction of its size), and at this quality
# the smooth grounds keep no visible blocks.
JPEG_QUALITY = 94
GROUND = QColor("#101113")         # background of the kiosk's dark theme
TEXT = QColor("#f5f0e6")           # its warm off-white text
FLAG_RED = QColor("#b5453f")

# Accents stay clear of the theme's status colours (green "released", red
# "imprisoned"), so that no portrait seems to announce a status.
PEOPLE = [  # id (file name), name as the installation writes it, accent colour
    ("ales-bialiatski", "Ales Bialiatski", "#3a8488"),              # petrol teal
    ("valiantsin-stefanovic", "Valiantsin Stefanovic", "#ad823a"),  # ochre
    ("uladzimir-labkovich", "Uladzimir Labkovich", "#915d88"),      # muted plum
    ("marfa-rabkova", "Marfa Rabkova", "#5b6aa3"),                  # slate blue
]


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """The colour t of the way from a to b."""
    return QColor(round(a.red() + (b.red() - a.red()) * t),
                  round(a.green() + (b.green() - a.green()) * t),
                  round(a.blue() + (b.blue() - a.blue()) * t))


def faded(c: QColor, alpha: int) -> QColor:
    return QColor(c.red(), c.green(), c.blue(), alpha)


def bust() -> QPainterPath:
    """Head, neck and shoulders as one smooth outline, centred at x = W/2."""
    cx = W / 2
    head = QPainterPath()              # an egg: round crown, gently narrower jaw
    head.moveTo(cx, 300)
    head.cubicTo(cx + 100, 300, cx + 128, 380, cx + 126, 470)
    head.cubicTo(cx + 124, 560, cx + 70, 640, cx, 642)
    head.cubicTo(cx - 70, 640, cx - 124, 560, cx - 126, 470)
    head.cubicTo(cx - 128, 380, cx - 100, 300, cx, 300)

    body = QPainterPath()              # neck flowing into sloping shoulders
    body.moveTo(cx - 60, 560)
    body.cubicTo(cx - 58, 640, cx - 62, 700, cx - 96, 730)
    body.cubicTo(cx - 150, 770, cx - 290, 780, cx - 350, 830)
    body.cubicTo(cx - 410, 880, cx - 432, 990, cx - 440, H + 10)
    body.lineTo(cx + 440, H + 10)
    body.cubicTo(cx + 432, 990, cx + 410, 880, cx + 350, 830)
    body.cubicTo(cx + 290, 780, cx + 150, 770, cx + 96, 730)
    body.cubicTo(cx + 62, 700, cx + 58, 640, cx + 60, 560)
    body.closeSubpath()
    return head.united(body).simplified()


def portrait(name: str, accent: QColor, family: str) -> QImage:
    img = QImage(W, H, QImage.Format_RGB32)
    img.fill(GROUND)
    p = QPainter(img)
    p.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)

    # Ground: a softly lit backdrop in the accent colour, engraved with lines.
    glow = QRadialGradient(QPointF(W * 0.42, 440), 600)
    glow.setColorAt(0.0, mix(GROUND, accent, 0.58))
    glow.setColorAt(0.5, mix(GROUND, accent, 0.24))
    glow.setColorAt(1.0, GROUND)
    p.fillRect(img.rect(), glow)
    lines = QPainterPath()
    for y in range(3, H, 6):
        lines.addRect(0, y, W, 1)
    p.fillPath(lines, QColor(0, 0, 0, 30))

    # The bust stands in shadow before it, modelled by a faint key light...
    shape = bust()
    body = QLinearGradient(QPointF(330, 320), QPointF(680, 1080))
    body.setColorAt(0.0, mix(GROUND, accent, 0.30))
    body.setColorAt(0.5, mix(GROUND, accent, 0.12))
    body.setColorAt(1.0, GROUND)
    p.fillPath(shape, body)
    # ...and the light from the upper left catches its edges: thin crescents
    # (the bust minus itself shifted down-right), stacked for a soft falloff.
    edge = mix(accent, TEXT, 0.5)
    for step in range(1, 25):
        crescent = shape.subtracted(shape.translated(step * 1.1, step * 0.8))
        p.fillPath(crescent, faded(edge, 130 if step == 1 else 7))

    # Fade the foot of the bust into the ground, a quiet base for the name.
    foot = QLinearGradient(QPointF(0, 900), QPointF(0, H))
    foot.setColorAt(0.0, faded(GROUND, 0))
    foot.setColorAt(0.75, GROUND)
    p.fillRect(0, 900, W, H - 900, foot)

    # A short white-red-white rule, then the name.
    for i, colour in enumerate((TEXT, FLAG_RED, TEXT)):
        p.fillRect(QRectF(W / 2 - 36 + i * 24, 1062, 24, 3), faded(colour, 170))
    font = QFont(family)
    font.setPixelSize(30)
    font.setWeight(QFont.Medium)
    font.setLetterSpacing(QFont.AbsoluteSpacing, 6)
    p.setFont(font)
    p.setPen(faded(TEXT, 215))
    p.drawText(QRectF(0, 1090, W, 50), Qt.AlignHCenter | Qt.AlignTop, name.upper())
    p.end()
    return img


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "assets" / "portraits"
    out.mkdir(parents=True, exist_ok=True)
    app = QGuiApplication([])  # noqa: F841  (fonts need a running application)
    font_id = QFontDatabase.addApplicationFont(str(ROOT / "kiosk/fonts/Inter-Medium.otf"))
    if font_id < 0:
        sys.exit("could not load kiosk/fonts/Inter-Medium.otf")
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    for pid, name, accent in PEOPLE:
        path = out / f"{pid}.jpg"
        if not portrait(name, QColor(accent), family).save(str(path), "JPG", JPEG_QUALITY):
            sys.exit(f"could not write {path}")
        print(f"{path}  {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
