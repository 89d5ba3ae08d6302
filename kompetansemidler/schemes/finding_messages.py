"""Translations of the findings this app shows: the rule-set parameter checks
and the money rules. The English text is the catalogue's template, verbatim,
so a test can check that the two agree."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "PARAM_NOT_A_MAPPING": _("The parameters must be a set of named values."),
    "PARAM_REQUIRED": _("This parameter is required."),
    "PARAM_UNKNOWN": _("“%(name)s” is not a known parameter."),
    "PARAM_NOT_A_NUMBER": _("“%(value)s” is not a number."),
    "PARAM_SHARE_RANGE": _(
        "A share must be between 0 and 100 per cent; %(percent)s per cent was given."
    ),
    "PARAM_NOT_A_WHOLE_NUMBER": _("“%(value)s” is not a whole number."),
    "PARAM_DURATION_RANGE": _(
        "The longest duration must be between 1 and %(limit)s years; %(value)s was given."
    ),
    "PARAM_NOT_YES_NO": _("This parameter must be yes or no."),
    "PARAM_NOT_A_LIST": _("This parameter must be a list."),
    "PARAM_EMPTY": _("Choose at least one."),
    "PARAM_UNKNOWN_CODE": _("“%(value)s” is not a known choice here."),
    "PARAM_DUPLICATE": _("“%(value)s” is listed more than once."),
    "PARAM_CATEGORY_CODE": _(
        "“%(value)s” is not a valid category code: use lower-case letters a–z, digits and "
        "underscores, starting with a letter."
    ),
    "PARAM_CATEGORY_LABEL": _("The category “%(code)s” needs a name."),
    "PARAM_CAP_WITHOUT_CATEGORIES": _("An earmark cap needs at least one earmarked category."),
    "PARAM_CATEGORIES_WITHOUT_CAP": _("Earmarked categories need an earmark cap."),
    "PARAM_NOT_EARMARKED": _("“%(value)s” is not one of this rule set's earmarked categories."),
    "FRAME_EXCEEDED": _(
        "The total of %(total)s kroner is %(excess)s kroner more than the %(available)s kroner "
        "available (the allocation of %(frame)s kroner less %(set_aside)s kroner set aside and "
        "%(committed)s kroner already committed)."
    ),
    "EARMARK_CAP_EXCEEDED": _(
        "%(earmarked)s kroner go to earmarked categories; at most %(cap_percent)s per cent of "
        "the allocation of %(funds)s kroner, that is %(cap)s kroner, may."
    ),
    "CO_FINANCING_TOO_LOW": _(
        "The owner's own financing of %(co_financing)s kroner is less than %(share_percent)s "
        "per cent of the grant of %(grant)s kroner: at least %(required)s kroner is needed."
    ),
    "ALLOCATION_OVERBOUND": _(
        "The allocation of %(allocation)s kroner is %(shortfall)s kroner less than what is "
        "already bound: %(set_aside)s kroner set aside, %(committed)s kroner committed by "
        "earlier decisions and %(decided)s kroner decided. No new lines or decisions can be "
        "made until the allocation or the set-asides are corrected."
    ),
    "CO_FINANCING_TOO_LOW_IN_YEAR": _(
        "In %(year)s the owner's own financing of %(co_financing)s kroner is less than "
        "%(share_percent)s per cent of that year's grant of %(grant)s kroner: at least "
        "%(required)s kroner is needed."
    ),
    "PAYMENT_EXCEEDS_YEAR": _(
        "The payment of %(amount)s kroner is %(excess)s kroner more than the %(remaining)s "
        "kroner left of the amount decided for %(year)s."
    ),
    "PAYMENT_TOO_EARLY": _(
        "The money for %(year)s cannot be paid in %(paying_year)s: a later year's money is not "
        "paid early."
    ),
    "PAYMENT_NOT_POSITIVE": _("A payment must be at least 1 krone."),
    "PAYMENT_LATE_WITHOUT_REASON": _(
        "The money for %(year)s is paid late, in %(paying_year)s: give the reason."
    ),
}
