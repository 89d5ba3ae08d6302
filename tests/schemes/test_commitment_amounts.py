"""A commitment is typed in whole kroner the Norwegian way; "1,000" was once stored
as 1 krone and 10^14 kroner accepted. Both are refused now, and nothing is stored."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kompetansemidler.schemes.models import Commitment

pytestmark = pytest.mark.django_db


def test_a_commitment_typed_1_000_with_a_comma_is_refused_not_stored_as_1_krone(
    cast, make_round, client_for
):
    round_ = make_round()
    client = client_for(cast.caseworker)
    url = reverse("schemes:commitment_create", args=[round_.pk])
    response = client.post(url, {"amount": "1,000", "source": "Vedtak 2025/31"})
    assert response.status_code == 400
    assert "kan leses som tusen eller som én krone" in response.text
    too_much = client.post(url, {"amount": str(10**14), "source": "Vedtak 2025/31"})
    assert too_much.status_code == 400
    assert "Beløpet kan ikke være mer enn 10\xa0000\xa0000\xa0000 kroner." in too_much.text
    assert not Commitment.objects.exists()
    assert client.post(url, {"amount": "1 000", "source": "Vedtak 2025/31"}).status_code == 302
    assert round_.commitments.get().amount == Decimal(1_000)
