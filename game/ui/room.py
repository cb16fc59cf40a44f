"""The room mode on the projector: the join screen (F10), the join corner and the room's
board of team statuses. The server and the rules of the room live in `game.room`; this
module only starts it beside the game and draws it.

The join screen shows, for each people's team, a QR code of its link, its short code and
the address to type. The facilitator's code is never on the projector: it is printed on
standard output with the teams' links. While the teams decide (deliberation and
allocation) the projector shows the board, not a team's sliders: a draft stays private
until the turn is resolved, unless the facilitator opens the tables.
"""

from __future__ import annotations

import functools
import sys

import pygame

from game.ui.theme import draw_check, draw_marker, mix
from game.ui.views import View


def draw_status(surf: pygame.Surface, app, rect: pygame.Rect, status: str, color) -> None:
    """A team's status as a mark (shapes, not colours, carry it): a check (decided), a
    ring with a dot (deciding), a ring (joined), a dash (not joined).
    """
    r = max(3, min(rect.width, rect.height) // 2)
    c = rect.center
    if status == "decided":
        draw_check(surf, rect, color, max(2, app.px(3)))
    elif status == "deciding":
        draw_marker(surf, "ring", c, r, color)
        pygame.draw.circle(surf, color, c, max(2, r // 2))
    elif status == "joined":
        draw_marker(surf, "ring", c, r, color)
    else:
        pygame.draw.line(surf, color, (rect.x, c[1]), (rect.right, c[1]), max(2, app.px(3)))


def start_room(app) -> None:
    """Start the room of the app's session (`--room`, the title's Room switch) and show
    the join screen; on a machine without a network say so, and how to play on this one.
    """
    from game.room.host import NoNetwork, RoomHost

    args = app.args
    host = RoomHost(
        app,
        bind=getattr(args, "room_bind", None),
        port=getattr(args, "room_port", None),
    )
    try:
        host.start()
    except NoNetwork:
        msg = app.tr("room.no_network")
        print(f"suunta play: {msg}", file=sys.stderr)
        app.notify(msg, "error", 20)
        return
    except OSError as err:
        msg = app.tr("room.cannot", reason=err.strerror or str(err))
        print(f"suunta play: {msg}", file=sys.stderr)
        app.notify(msg, "error", 20)
        return
    app.room = host
    app.overlay = JoinView(app)
    app.version += 1


@functools.lru_cache(maxsize=32)
def qr_surface(text: str, size: int, dark: tuple, light: tuple) -> pygame.Surface:
    """A QR code of `text` about `size` pixels square (segno), with its quiet zone."""
    import segno

    qr = segno.make(text, error="m")
    rows = [list(r) for r in qr.matrix]
    n = len(rows)
    quiet = 4
    cell = max(1, size // (n + 2 * quiet))
    side = cell * (n + 2 * quiet)
    surf = pygame.Surface((side, side))
    surf.fill(light)
    for y, row in enumerate(rows):
        for x, v in enumerate(row):
            if v & 1:
                surf.fill(dark, ((x + quiet) * cell, (y + quiet) * cell, cell, cell))
    return surf


def address_lines(app) -> list[str]:
    """The address to type, and what the projector must say about it (every interface,
    a port other than the one asked for).
    """
    room, tr = app.room, app.tr
    out = [tr("room.address", url=room.base)]
    if room.everywhere:
        out.append(tr("room.everywhere"))
    if room.moved_port is not None:
        out.append(tr("room.port_moved", asked=room.moved_port, port=room.server.port))
    return out


class JoinView(View):
    """The join screen: a card per team with its QR code, its code and the address."""

    name = "room"
    key = "F10"
    title_key = "room.join_title"

    def draw(self, surf: pygame.Surface, body: pygame.Rect) -> None:
        """Cards in a grid that fits the body."""
        app = self.app
        room = app.room
        if room is None:
            return
        p, tp, tr = app.pal, app.tp, app.tr
        inner = self.frame(surf, body)
        lh = tp.line_height("body")
        for line in address_lines(app):
            tp.line(surf, line, pygame.Rect(inner.x, inner.y, inner.width, lh), "bodyb", p.ink)
            inner.y += lh
            inner.height -= lh
        tp.line(surf, tr("room.join_how"), pygame.Rect(inner.x, inner.y, inner.width, lh),
                "body", p.muted)  # fmt: skip
        inner.y += lh + app.px(10)
        inner.height -= lh + app.px(10)
        teams = room.codes.teams()
        if not teams:
            tp.line(surf, tr("room.no_teams"), inner, "body", p.muted)
            return
        n = len(teams)
        gap = app.px(14)
        code_w = tp.width("WWW WWW", "number") + app.px(40)

        def grid(cols: int) -> tuple[int, int, int]:  # (QR side, card width, card height)
            rows = -(-n // cols)
            cw = (inner.width - gap * (cols - 1)) // cols
            ch = (inner.height - gap * (rows - 1)) // rows
            return min(ch - tp.line_height("h2") - app.px(24), cw - code_w), cw, ch

        cols = max(range(1, n + 1), key=lambda k: grid(k)[0])  # the largest QR codes
        _, cw, ch = grid(cols)
        status = {r["id"]: r for r in room.statuses()}
        for i, tid in enumerate(teams):
            c = pygame.Rect(inner.x + (i % cols) * (cw + gap), inner.y + (i // cols) * (ch + gap),
                            cw, ch)  # fmt: skip
            self._card(surf, c, tid, status.get(tid, {}))

    def _card(self, surf, c: pygame.Rect, tid: str, st: dict) -> None:
        """Team name on top; its QR code on the left, as large as the card allows; its
        code and status on the right (under the QR code when the card is narrow).
        """
        app = self.app
        p, tp, tr = app.pal, app.tp, app.tr
        room = app.room
        j = app.model.team_ids.index(tid)
        pygame.draw.rect(surf, p.panel, c, border_radius=app.px(10))
        pygame.draw.rect(surf, p.teams[j % len(p.teams)], c, max(2, app.px(3)),
                         border_radius=app.px(10))  # fmt: skip
        pad = app.px(10)
        hh = tp.line_height("h2")
        tp.line(surf, f"{app.labels.team_letter(j)}  {app.labels.team(j)}",
                pygame.Rect(c.x + pad, c.y + pad, c.width - 2 * pad, hh), "h2", p.ink)  # fmt: skip
        code = room.codes.creds[tid].code
        spaced = f"{code[:3]} {code[3:]}"
        nh, sh = tp.line_height("number"), tp.line_height("small")
        body = pygame.Rect(c.x + pad, c.y + pad + hh + app.px(4), c.width - 2 * pad,
                           c.height - 2 * pad - hh - app.px(4))  # fmt: skip
        code_w = tp.width(spaced, "number") + app.px(12)
        side = min(body.height, body.width - code_w)
        if side >= app.px(110):  # beside: the QR code left, the code right
            text = pygame.Rect(body.x + side + app.px(8), body.y, body.width - side - app.px(8),
                               body.height)  # fmt: skip
        else:  # under: the QR code above the code
            side = min(body.width, body.height - nh - sh)
            text = pygame.Rect(body.x, body.bottom - nh - sh, body.width, nh + sh)
        if side >= app.px(60):
            img = qr_surface(room.url(tid), side, (0, 0, 0), (255, 255, 255))
            surf.blit(img, (body.x, body.y))
        y = text.centery - (nh + sh) // 2
        tp.line(surf, spaced, pygame.Rect(text.x, y, text.width, nh), "number", p.ink, "center")
        status = st.get("status", "away")
        said = tr("room.devices", status=tr(f"room.status.{status}"), n=st.get("devices", 0))
        tw = min(text.width - sh - app.px(6), tp.width(said, "small"))
        x0 = text.centerx - (tw + sh + app.px(6)) // 2
        draw_status(surf, app, pygame.Rect(x0, y + nh + app.px(3), sh - app.px(6), sh - app.px(6)),
                    status, p.ink)  # fmt: skip
        tp.line(surf, said, pygame.Rect(x0 + sh + app.px(6), y + nh, tw + 2, sh), "small", p.muted)

    def hints(self) -> list[tuple[str, str]]:
        """Esc or F10 closes the join screen."""
        return [("Esc", self.app.tr("key.close"))]


def board_wanted(app) -> bool:
    """True when the projector shows the board instead of the allocation screen: in the
    room mode, while the tables are private.
    """
    room, s = app.room, app.session
    return (
        room is not None and s is not None and not room.open_tables
        and s.phase == "allocation" and not s.finished
    )  # fmt: skip


_BOARD: dict = {}  # the board's last drawing: (what it shows, surface)


def draw_board(app, surf: pygame.Surface, body: pygame.Rect) -> None:
    """The room's board instead of the allocation screen: each team's status, what it
    still has to decide, and the devices it has in the room; no team's draft split. Drawn
    again only when what it shows changes (the projector's frame stays short while the
    devices are busy).
    """
    rows = app.room.statuses()
    missing = tuple((app.model.team_ids[j], k) for j, k in app.session.undecided())
    if _BOARD.get("version") != app.version:  # what the pledges fund: the room's shared state
        from game.ui.readmodel import packages

        funded = [app.labels.package_title(p.index) for p in packages(app.session) if p.funded]
        _BOARD.update(version=app.version, funded=tuple(funded))
    key = (tuple(tuple(sorted(r.items())) for r in rows), missing, _BOARD["funded"], body.size,
           app.lang, app.pal.name, app.font_scale)  # fmt: skip
    if _BOARD.get("key") != key:
        img = pygame.Surface(body.size)
        _board(app, img, pygame.Rect(0, 0, *body.size), rows, dict(missing), _BOARD["funded"])
        _BOARD.update(key=key, img=img)
    surf.blit(_BOARD["img"], body.topleft)


def _board(app, surf: pygame.Surface, body: pygame.Rect, rows: list, missing: dict,
           funded: tuple) -> None:  # fmt: skip
    p, tp, tr = app.pal, app.tp, app.tr
    pygame.draw.rect(surf, p.bg, body)
    inner = body.inflate(-app.px(24), -app.px(16))
    h1 = tp.line_height("h1")
    tp.line(surf, tr("room.board_title"), pygame.Rect(inner.x, inner.y, inner.width, h1), "h1",
            p.ink)  # fmt: skip
    y = inner.y + h1 + app.px(4)
    lh = tp.line_height("body")
    tp.line(surf, tr("room.board_private"), pygame.Rect(inner.x, y, inner.width, lh), "body",
            p.muted)  # fmt: skip
    y += lh + app.px(4)
    said = tr("room.board_funded", names=", ".join(funded)) if funded else tr("room.board_none")
    box = pygame.Rect(inner.x, y, inner.width, 2 * lh)
    y = tp.draw(surf, said, box, "body", p.ink, wrap=True, max_lines=2).bottom + app.px(12)
    rh = max(app.px(56), tp.line_height("h2") + tp.line_height("small") + app.px(16))
    rh = min(rh, max(app.px(40), (inner.bottom - y) // max(1, len(rows)) - app.px(8)))
    for r in rows:
        j = app.model.team_ids.index(r["id"])
        box = pygame.Rect(inner.x, y, inner.width, rh)
        if box.bottom > inner.bottom:
            break
        pygame.draw.rect(surf, p.panel, box, border_radius=app.px(8))
        pygame.draw.rect(surf, p.teams[j % len(p.teams)], (box.x, box.y, app.px(8), box.height),
                         border_radius=app.px(4))  # fmt: skip
        good = r["status"] == "decided"
        m = app.px(22)
        draw_status(surf, app, pygame.Rect(box.x + app.px(22), box.centery - m // 2, m, m),
                    r["status"], p.good if good else p.ink)  # fmt: skip
        left = pygame.Rect(box.x + app.px(56), box.y, box.width // 2, box.height)
        tp.line(surf, f"{app.labels.team_letter(j)}  {r['name']}", left, "h2", p.ink)
        kinds = ", ".join(tr(f"status.kind.{k}") for k in missing.get(r["id"], ()))
        said = tr(f"room.status.{r['status']}")
        text = tr("room.board_row", status=said, n=r["devices"])
        if kinds and not good:
            text += " · " + tr("room.board_missing", kinds=kinds)
        right = pygame.Rect(box.centerx, box.y, box.width // 2 - app.px(16), box.height)
        tp.line(surf, text, right, "body", p.good if good else p.ink, "right")
        y += rh + app.px(8)


def draw_corner(app, surf: pygame.Surface, above: int) -> None:
    """The join corner: the address and each team's letter and mark, at the bottom right."""
    room = app.room
    p, tp, tr = app.pal, app.tp, app.tr
    rows = room.statuses()
    text = tr("room.corner", url=room.base)
    th, sh = tp.line_height("tinyb"), tp.line_height("smallb")
    chip = sh + app.px(16) + app.px(8)
    w = max(tp.width(text, "tinyb"), chip * len(rows)) + app.px(20)
    h = th + sh + app.px(12)
    box = pygame.Rect(app.size[0] - w - app.px(8), above - h - app.px(8), w, h)
    pygame.draw.rect(surf, p.panel, box, border_radius=app.px(8))
    pygame.draw.rect(surf, p.accent, box, max(1, app.px(2)), border_radius=app.px(8))
    inner = box.inflate(-app.px(20), -app.px(10))
    tp.line(surf, text, pygame.Rect(inner.x, inner.y, inner.width, th), "tinyb", p.ink)
    x, y = inner.x, inner.y + th + app.px(2)
    for r in rows:
        j = app.model.team_ids.index(r["id"])
        tag = pygame.Rect(x, y, sh, sh)
        pygame.draw.rect(surf, p.teams[j % len(p.teams)], tag, border_radius=app.px(4))
        tp.glyph(surf, app.labels.team_letter(j), tag, "smallb", p.on_accent)
        m = app.px(14)
        draw_status(surf, app, pygame.Rect(tag.right + app.px(3), tag.centery - m // 2, m, m),
                    r["status"], mix(p.ink, p.panel, 0.1))  # fmt: skip
        x += chip
