"""Display names for the codes rule-set parameters use (the rules package is
language-free; these are the user's words for its codes)."""

from django.utils.translation import gettext_lazy as _

from kompetansemidler.registry.models import OrganisationKind

TARGET_GROUP_LABELS = {
    "teachers": _("Teachers"),
    "leaders": _("Leaders"),
    "other_staff": _("Other staff in kindergartens and schools"),
    "others_around_children": _("Others in the organisation around the children"),
    "ppt": _("The educational-psychological service (PPT)"),
    "other_services": _("Other interdisciplinary services"),
    "owners": _("Kindergarten and school owners"),
}

RECIPIENT_KIND_LABELS = {
    **{kind.value: kind.label for kind in OrganisationKind},
    "network": _("Competence network"),
}

# Earmarked categories are data; the seeded ones have translated names, a new
# one shows the name the national administrator gave it.
CATEGORY_LABELS = {
    "basic_competence": _("Kindergarten basic competence"),
    "craft_certificate": _(
        "Craft certificate as child and youth worker (experience-based or on the job)"
    ),
    "facilitation": _("Facilitation funds for local priorities"),
}


def category_label(category) -> str:
    return str(CATEGORY_LABELS.get(category.code, category.label))
