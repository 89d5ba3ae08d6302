from pathlib import Path

import pytest

from kompetansemidler.registry import samples
from kompetansemidler.registry.loading import ensure_structure

SAMPLES = Path(samples.__file__).resolve().parent
FILES = Path(__file__).resolve().parent / "files"


@pytest.fixture
def structure(db):
    """Offices, counties and municipalities, without the cast."""
    ensure_structure()


@pytest.fixture
def sample():
    def read(name: str) -> bytes:
        return (SAMPLES / name).read_bytes()

    return read


@pytest.fixture
def broken():
    def read(name: str) -> bytes:
        return (FILES / name).read_bytes()

    return read
