"""The room mode (`suunta play --room`): every team decides on its own phone or laptop.

A small web server (aiohttp, in a background thread) serves a plain HTML page to the
devices of the room's local network. Their messages are checked (`protocol`), queued, and
applied by the game's own loop through the same journaled command path as the keyboard
(`host`); the state each device sees is built from the session (`views`). Join codes and
tokens live beside the session (`codes`), so a resumed game keeps them. No pygame here.
"""
