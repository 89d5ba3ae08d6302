"""The shipped sample files are what the generator makes, and look like Vestland."""

import json

from kompetansemidler.imports.format import is_organisation_number
from kompetansemidler.registry.samples.generate import (
    generate_register,
    read_municipalities,
    vestland_samples,
)

from .conftest import SAMPLES


def test_the_committed_samples_are_the_generators_output():
    for name, records in vestland_samples().items():
        assert json.loads((SAMPLES / name).read_text(encoding="utf-8")) == records, (
            f"{name} is stale: run python -m kompetansemidler.registry.samples.generate"
        )


def test_the_samples_cover_vestland_units_of_every_kind_with_valid_numbers():
    records = [r for records in vestland_samples().values() for r in records]
    units = [r for r in records if r.get("ErBarnehage") or r.get("ErSkole")]
    assert len(units) >= 60
    assert all(is_organisation_number(r["Organisasjonsnummer"]) for r in records)
    assert len({r["Kommune"]["Kommunenummer"] for r in units}) >= 5
    assert all(r["Kommune"]["Kommunenummer"].startswith("46") for r in records)
    assert any(r.get("ErPrivatBarnehage") for r in units)
    assert any(r.get("ErOffentligBarnehage") for r in units)
    assert any(r.get("ErGrunnskole") for r in units)
    assert any(r.get("ErVideregaaendeSkole") for r in units)
    assert any(r.get("ErPrivatskole") for r in units)


def test_the_generator_is_deterministic_and_scales():
    municipalities = read_municipalities()
    first = generate_register("nsr", municipalities, seed=7, units=400)
    assert first == generate_register("nsr", municipalities, seed=7, units=400)
    assert sum(1 for r in first if r.get("ErSkole")) == 400
    assert len({r["Organisasjonsnummer"] for r in first}) == len(first)
