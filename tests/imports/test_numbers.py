"""The importer's fast organisation-number check agrees with python-stdnum."""

from hypothesis import given
from hypothesis import strategies as st
from stdnum.no import orgnr

from kompetansemidler.imports.format import is_organisation_number


@given(st.text(alphabet="0123456789", min_size=8, max_size=10))
def test_the_check_agrees_with_stdnum(value):
    assert is_organisation_number(value) == (len(value) == 9 and orgnr.is_valid(value))


def test_known_numbers():
    assert is_organisation_number("964338531")  # Bergen kommune
    assert not is_organisation_number("964338532")
    assert not is_organisation_number("96433853")
    assert not is_organisation_number(964338531)
    assert not is_organisation_number("９６４３３８５３１")  # full-width digits
