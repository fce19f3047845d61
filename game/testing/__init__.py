"""YAML rule tests for levels: format (schema), reader, runner, CLI command, pytest plugin."""
