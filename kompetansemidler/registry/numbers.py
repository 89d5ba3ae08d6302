"""Making valid organisation numbers, for demo data, sample files and tests."""

from stdnum.no import orgnr


def organisation_number_from(base: int) -> str:
    """The first valid organisation number at or after the 8-digit ``base``.

    Some 8-digit stems have no valid MOD11 check digit; those are skipped.
    """
    stem = base
    while True:
        digits = f"{stem:08d}"
        for check in "0123456789":
            if orgnr.is_valid(digits + check):
                return digits + check
        stem += 1
