"""Starting the room: no network, a taken port, every interface, the title's switch."""

import socket

import pytest

from tests.room.conftest import Rig
from tests.ui.conftest import MINI, args, scenario


def app_with(**kw):
    from game.ui.app import App

    app = App(args(MINI, room=True, **kw), (1280, 720))
    sc, model = scenario(MINI)
    app.open_scenario(sc, model)
    app.goto("title")
    return app


def test_without_a_network_it_says_so_and_offers_this_machine(monkeypatch, capsys):
    import game.room.host as host

    monkeypatch.setattr(host, "lan_address", lambda: None)
    app = app_with(room_bind=None, room_port=0)
    app.start_game(3, [0, 1], None)
    assert app.room is None  # the game goes on without the room
    err = capsys.readouterr().err
    assert "--room-bind 127.0.0.1" in err
    assert app.toast is not None and "--room-bind 127.0.0.1" in app.toast[0]


def test_a_taken_port_moves_to_the_next_and_the_screen_says_so():
    from game.ui.room import address_lines

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        app = app_with(room_bind="127.0.0.1", room_port=port)
        app.start_game(3, [0, 1], None)
        try:
            assert app.room.server.port != port and app.room.moved_port == port
            assert any(str(port) in line for line in address_lines(app))
            app.render()  # the join screen with its QR codes
            assert app.overlay is not None and app.overlay.name == "room"
        finally:
            app.room.stop()


def test_every_interface_is_said_on_screen():
    from game.ui.room import address_lines

    app = app_with(room_bind="0.0.0.0", room_port=0)
    app.start_game(3, [0, 1], None)
    try:
        assert app.room.everywhere
        assert app.tr("room.everywhere") in address_lines(app)
    finally:
        app.room.stop()


def test_the_title_screen_has_the_room_switch():
    app = app_with()
    app.room_wanted = False
    app.render()
    cycle = next(w for w in app.scene.ring.widgets if w.key == "room")
    cycle.on_change(1)
    assert app.room_wanted


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_join_screen_board_and_corner_draw_at_projector_sizes(size):
    rig = Rig(size=size)
    try:
        from game.ui.room import JoinView

        def draw():
            app = rig.app
            app.overlay = JoinView(app)
            app.render()
            app.overlay = None
            app.advance()
            app.advance()
            app.render()  # the board (private tables) and the corner
            return app.tp.overflows if hasattr(app.tp, "overflows") else []

        rig.do(draw)
    finally:
        rig.stop()


def test_the_command_line_checks_the_room_options(capsys):
    from game.cli import main

    assert main(["play", "--room-bind", "127.0.0.1"]) == 2
    assert "go with --room" in capsys.readouterr().err
    assert main(["play", "--room", "--room-port", "80"]) == 1
    assert "1024 to 65535" in capsys.readouterr().err
