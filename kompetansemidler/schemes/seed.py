"""The three schemes and their rule sets for 2024–2027, from Udir's text
(“Tilskuddsordning for lokal kompetanseutvikling i barnehage og
grunnopplæring”, last changed 20.03.2023).

Used by the data migration and by ``ensure_seed()`` (tests that flush the
database, the demo). Later years are added as data through the pages, not here.
"""

import datetime

from .models import RuleSet, Scheme

SCHEMES = [
    # code, short name, Bokmål, Nynorsk, English
    (
        "rekom",
        "Rekom",
        "Regional ordning for kompetanseutvikling i barnehage",
        "Regional ordning for kompetanseutvikling i barnehage",
        "Regional scheme for competence development in kindergartens",
    ),
    (
        "dekom",
        "Dekom",
        "Desentralisert ordning for kompetanseutvikling i grunnskole og videregående skole",
        "Desentralisert ordning for kompetanseutvikling i grunnskule og vidaregåande skule",
        "Decentralised scheme for competence development in primary and secondary schools",
    ),
    (
        "kompetanseloftet",
        "Kompetanseløftet",
        "Kompetanseløft for spesialpedagogikk og inkluderende praksis",
        "Kompetanseløft for spesialpedagogikk og inkluderande praksis",
        "Competence boost for special needs education and inclusive practice",
    ),
]
SEED_YEARS = (2024, 2025, 2026, 2027)

OWNER_KINDS = ["municipality", "county_municipality", "private_owner", "state_owner"]
STAFF_GROUPS = ["teachers", "leaders", "other_staff", "others_around_children"]

PARAMETERS = {
    "rekom": {
        "earmark_cap_share": "0.30",
        "co_financing_share": None,
        "earmarked_categories": [
            {"code": "basic_competence", "label": "Barnehagefaglig grunnkompetanse"},
            {
                "code": "craft_certificate",
                "label": "Fagbrev som barne- og ungdomsarbeider "
                "(praksiskandidat eller fagbrev på jobb)",
            },
            {"code": "facilitation", "label": "Tilretteleggingsmidler for lokal prioritering"},
        ],
        "eligible_recipient_kinds": [*OWNER_KINDS, "uh", "network"],
        "eligible_partner_kinds": ["uh"],
        "target_groups": STAFF_GROUPS,
        "max_duration_years": 3,
        # The earmarked categories are individual qualifications by nature:
        # criterion C2 does not apply to them, and a craft certificate has no UH partner.
        "individual_further_education_categories": [
            "basic_competence",
            "craft_certificate",
            "facilitation",
        ],
        "partner_exempt_categories": ["craft_certificate"],
        "requires_kindergarten_authority": True,
        "coordinator_allowed": True,
    },
    "dekom": {
        "earmark_cap_share": None,
        "co_financing_share": "0.30",
        "earmarked_categories": [],
        "eligible_recipient_kinds": [*OWNER_KINDS, "uh", "network"],
        "eligible_partner_kinds": ["uh"],
        "target_groups": STAFF_GROUPS,
        "max_duration_years": 3,
        "individual_further_education_categories": [],
        "requires_kindergarten_authority": False,
        "coordinator_allowed": True,
    },
    "kompetanseloftet": {
        "earmark_cap_share": None,
        "co_financing_share": None,
        "earmarked_categories": [],
        "eligible_recipient_kinds": [*OWNER_KINDS, "uh", "network"],
        "eligible_partner_kinds": ["uh"],
        "target_groups": [*STAFF_GROUPS, "ppt", "other_services", "owners"],
        "max_duration_years": 3,
        "individual_further_education_categories": [],
        "requires_kindergarten_authority": False,
        "coordinator_allowed": True,
        "team_around_child": True,
    },
}
NOTES = "Etter Udirs tekst om tilskuddsordninga, sist endra 20.03.2023."


def load_seed(scheme_model, rule_set_model) -> None:
    """Create the schemes and any missing seeded rule set; never overwrite an edited one.

    Takes the model classes so the data migration can pass its historical models.
    """
    for code, short_name, name_nb, name_nn, name_en in SCHEMES:
        scheme, _ = scheme_model.objects.update_or_create(
            code=code,
            defaults={
                "short_name": short_name,
                "name_nb": name_nb,
                "name_nn": name_nn,
                "name_en": name_en,
            },
        )
        for year in SEED_YEARS:
            rule_set_model.objects.get_or_create(
                scheme=scheme,
                year=year,
                defaults={
                    "parameters": PARAMETERS[code],
                    "notes": NOTES,
                    "valid_from": datetime.date(year, 1, 1),
                },
            )


def ensure_seed() -> None:
    load_seed(Scheme, RuleSet)
