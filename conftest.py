"""Root pytest configuration: collect the YAML rule tests of levels as pytest items."""

pytest_plugins = ["game.testing.plugin"]
