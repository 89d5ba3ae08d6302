"""The national-scale benchmark: a data generator and a measuring script (see README.md)."""
