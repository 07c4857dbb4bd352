# tests/probe
