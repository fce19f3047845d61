"""The screens of the game window, one per module, kept on a stack by `game.ui.app.App`."""
