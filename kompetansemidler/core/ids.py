"""Telling a database id from anything else a user may post or type."""


def is_id(value) -> bool:
    """True for a positive whole number in ASCII digits that fits a bigint.

    ``str.isdigit`` alone accepts digits such as "²", which the database
    then refuses with an error instead of finding nothing.
    """
    text = str(value)
    return text.isascii() and text.isdigit() and 0 < len(text) <= 18 and int(text) > 0
