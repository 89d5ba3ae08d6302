"""Factories for test data. Offices, counties and municipalities are the real
2024 structure loaded by migration; factories look them up, never invent them."""

import factory
from factory.django import DjangoModelFactory

from kompetansemidler.accounts.models import RoleGrant, User
from kompetansemidler.registry.models import (
    County,
    Forum,
    GovernorOffice,
    Municipality,
    Network,
    NetworkKind,
    Organisation,
    OrganisationKind,
    Unit,
    UnitKind,
)
from kompetansemidler.registry.numbers import organisation_number_from


def office(slug: str) -> GovernorOffice:
    return GovernorOffice.objects.get(slug=slug)


def municipality(number: str) -> Municipality:
    return Municipality.objects.get(number=number)


def county(number: str) -> County:
    return County.objects.get(number=number)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("organisation_number",)

    organisation_number = factory.Sequence(lambda n: organisation_number_from(93000000 + n * 13))
    name = factory.Sequence(lambda n: f"Organisasjon {n}")
    kind = OrganisationKind.PRIVATE_OWNER
    municipality = factory.LazyFunction(lambda: municipality("4601"))
    county = factory.LazyAttribute(lambda o: o.municipality.county if o.municipality else None)


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("organisation_number",)

    organisation_number = factory.Sequence(lambda n: organisation_number_from(94000000 + n * 13))
    name = factory.Sequence(lambda n: f"Eining {n} barnehage")
    kind = UnitKind.KINDERGARTEN
    owner = factory.SubFactory(OrganisationFactory)
    municipality = factory.LazyAttribute(lambda o: o.owner.municipality)
    is_public = factory.LazyAttribute(lambda o: o.owner.is_public)


class ForumFactory(DjangoModelFactory):
    class Meta:
        model = Forum

    name = factory.Sequence(lambda n: f"Samarbeidsforum {n}")
    office = factory.LazyFunction(lambda: office("vestland"))


class NetworkFactory(DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Kompetansenettverk {n}")
    kind = NetworkKind.REGIONAL
    office = factory.LazyFunction(lambda: office("vestland"))


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.no")
    password = factory.django.Password("correct horse battery staple")


class RoleGrantFactory(DjangoModelFactory):
    class Meta:
        model = RoleGrant

    user = factory.SubFactory(UserFactory)
