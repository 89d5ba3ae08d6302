"""The fixed cast of people: the demo logins and the personas of every test.

Vestland is the cast's home office; Rogaland is "another office". Each person
has exactly one role, scoped as its comment says. ``make_cast`` is idempotent.
"""

from dataclasses import dataclass, fields

from kompetansemidler.accounts.models import Representation, Role, RoleGrant, User
from kompetansemidler.registry.models import (
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

DEMO_PASSWORD = "demo-passord-2026"

PEOPLE = [
    # username, first name, last name, role, scope attribute, representation
    ("nora", "Nora", "Nasjonal", Role.NATIONAL_ADMIN, None, ""),
    ("siri", "Siri", "Saksbehandler", Role.CASEWORKER, "vestland", ""),
    ("rolf", "Rolf", "Rogaland", Role.CASEWORKER, "rogaland", ""),
    ("frida", "Frida", "Forum", Role.FORUM_MEMBER, "forum", Representation.PUBLIC_OWNER),
    ("eirik", "Eirik", "Eier", Role.OWNER_REPRESENTATIVE, "owner", ""),
    ("petra", "Petra", "Privat", Role.OWNER_REPRESENTATIVE, "other_owner", ""),
    ("nils", "Nils", "Nettverk", Role.NETWORK_COORDINATOR, "network", ""),
    ("ulla", "Ulla", "Universitet", Role.UH_REPRESENTATIVE, "uh", ""),
    ("linn", "Linn", "Leiar", Role.UNIT_LEADER, "unit", ""),
    ("oscar", "Oscar", "Utanfor", None, None, ""),
]
PERSONA_OF_USERNAME = {
    "nora": "udir",
    "siri": "caseworker",
    "rolf": "other_caseworker",
    "frida": "forum_member",
    "eirik": "owner_rep",
    "petra": "other_owner_rep",
    "nils": "network_coordinator",
    "ulla": "uh_rep",
    "linn": "unit_leader",
    "oscar": "outsider",
}


@dataclass
class Cast:
    udir: User  # national administrator (Udir)
    caseworker: User  # Statsforvalteren i Vestland
    other_caseworker: User  # Statsforvalteren i Rogaland
    forum_member: User  # Samarbeidsforum Vestland, public owner
    owner_rep: User  # Bergen kommune
    other_owner_rep: User  # Fjordbarnehagar AS, a private owner in Vestland
    network_coordinator: User  # Nordhordland kompetansenettverk
    uh_rep: User  # Høgskulen på Vestlandet
    unit_leader: User  # Solsikken barnehage (Bergen kommune)
    outsider: User  # logged in, no role at all
    vestland: GovernorOffice
    rogaland: GovernorOffice
    forum: Forum
    other_forum: Forum
    network: Network
    owner: Organisation
    other_owner: Organisation
    rogaland_owner: Organisation
    uh: Organisation
    unit: Unit

    def users(self) -> dict[str, User]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.type is User}


def _organisation(number, name, kind, municipality_number):
    municipality = Municipality.objects.select_related("county").get(number=municipality_number)
    organisation, _ = Organisation.objects.get_or_create(
        organisation_number=number,
        defaults={
            "name": name,
            "kind": kind,
            "municipality": municipality,
            "county": municipality.county,
        },
    )
    return organisation


def make_cast() -> Cast:
    vestland = GovernorOffice.objects.get(slug="vestland")
    rogaland = GovernorOffice.objects.get(slug="rogaland")
    owner = _organisation("964338531", "Bergen kommune", OrganisationKind.MUNICIPALITY, "4601")
    other_owner = _organisation(
        "930000019", "Fjordbarnehagar AS", OrganisationKind.PRIVATE_OWNER, "4631"
    )
    rogaland_owner = _organisation(
        "964965137", "Stavanger kommune", OrganisationKind.MUNICIPALITY, "1103"
    )
    uh = _organisation("917641404", "Høgskulen på Vestlandet", OrganisationKind.UH, "4601")
    unit, _ = Unit.objects.get_or_create(
        organisation_number="930000035",
        defaults={
            "name": "Solsikken barnehage",
            "kind": UnitKind.KINDERGARTEN,
            "owner": owner,
            "municipality": owner.municipality,
            "is_public": True,
            "children": 72,
            "staff": 18,
        },
    )
    forum, _ = Forum.objects.get_or_create(name="Samarbeidsforum Vestland", office=vestland)
    forum.counties.add(vestland.counties.get())
    other_forum, _ = Forum.objects.get_or_create(name="Samarbeidsforum Rogaland", office=rogaland)
    other_forum.counties.add(rogaland.counties.get())
    network, _ = Network.objects.get_or_create(
        name="Nordhordland kompetansenettverk",
        office=vestland,
        defaults={"kind": NetworkKind.REGIONAL, "coordinator": owner},
    )
    network.members.add(owner, other_owner)

    scopes = {
        "vestland": {"office": vestland},
        "rogaland": {"office": rogaland},
        "forum": {"forum": forum},
        "owner": {"organisation": owner},
        "other_owner": {"organisation": other_owner},
        "network": {"network": network},
        "uh": {"organisation": uh},
        "unit": {"unit": unit},
        None: {},
    }
    people = {}
    for username, first, last, role, scope, representation in PEOPLE:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.no"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if role and not user.role_grants.active().filter(role=role).exists():
            RoleGrant.objects.create(
                user=user, role=role, representation=representation, **scopes[scope]
            )
        people[PERSONA_OF_USERNAME[username]] = user

    return Cast(
        **people,
        vestland=vestland,
        rogaland=rogaland,
        forum=forum,
        other_forum=other_forum,
        network=network,
        owner=owner,
        other_owner=other_owner,
        rogaland_owner=rogaland_owner,
        uh=uh,
        unit=unit,
    )


def make_approver() -> User:
    """Anna, a second caseworker at Vestland with budget authority: she approves
    (issues) the decisions Siri prepares. Not a persona of the access matrix, whose
    caseworker is Siri. Idempotent."""
    vestland = GovernorOffice.objects.get(slug="vestland")
    user, created = User.objects.get_or_create(
        username="anna",
        defaults={"first_name": "Anna", "last_name": "Attestant", "email": "anna@example.no"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    if not user.role_grants.active().filter(role=Role.CASEWORKER, office=vestland).exists():
        RoleGrant.objects.create(user=user, role=Role.CASEWORKER, office=vestland, is_approver=True)
    return user
