"""Expected access to login, password reset and the role administration."""

from kompetansemidler.accounts.api_clients import api_client_register
from kompetansemidler.accounts.models import Role

from . import PERSONAS, Rule

ROLE_ADMINS = frozenset({"udir", "caseworker", "other_caseworker"})
# Bergen kommune's representative holds a role under Vestland only.
VESTLAND_ADMINS = frozenset({"udir", "caseworker"})


def _bergen_api_client(cast):
    """An API client acting for Bergen kommune, registered by Vestland's caseworker."""
    made = api_client_register(
        actor=cast.caseworker,
        name="Bergen sak/arkiv",
        role=Role.OWNER_REPRESENTATIVE,
        scope=cast.owner,
        scopes=["read"],
    )
    return {"pk": made.client.pk}


def _owner_rep_grant(cast):
    return {"pk": cast.owner_rep.role_grants.active().get().pk}


RULES = {
    "accounts:login": Rule(PERSONAS, public=True),
    "accounts:logout": Rule(PERSONAS, method="post", public=True),
    "accounts:password_reset": Rule(PERSONAS, public=True),
    "accounts:password_reset_done": Rule(PERSONAS, public=True),
    # An invalid link shows the page that says so.
    "accounts:password_reset_confirm": Rule(
        PERSONAS, public=True, kwargs=lambda cast: {"uidb64": "MQ", "token": "invalid-token"}
    ),
    "accounts:password_reset_complete": Rule(PERSONAS, public=True),
    "accounts:oidc_start": Rule(
        PERSONAS,
        public=True,
        skip="404 while OIDC is unconfigured; tested end to end in tests/accounts/test_oidc.py",
    ),
    "accounts:oidc_callback": Rule(
        PERSONAS,
        public=True,
        skip="needs a provider's code and state; tested end to end in tests/accounts/test_oidc.py",
    ),
    "accounts:user_list": Rule(ROLE_ADMINS),
    "accounts:user_create": Rule(ROLE_ADMINS),
    "accounts:user_detail": Rule(VESTLAND_ADMINS, kwargs=lambda cast: {"pk": cast.owner_rep.pk}),
    "accounts:grant_create": Rule(VESTLAND_ADMINS, kwargs=lambda cast: {"pk": cast.owner_rep.pk}),
    "accounts:grant_revoke": Rule(VESTLAND_ADMINS, method="post", kwargs=_owner_rep_grant),
    "accounts:invitation_new": Rule(
        VESTLAND_ADMINS, method="post", kwargs=lambda cast: {"pk": cast.owner_rep.pk}
    ),
    # Without an authenticator, verifying and recovery send the user on, and
    # the code and remove actions send them to set one up.
    "accounts:two_factor": Rule(PERSONAS),
    "accounts:two_factor_enrol": Rule(PERSONAS),
    "accounts:two_factor_verify": Rule(PERSONAS),
    "accounts:two_factor_recovery": Rule(PERSONAS),
    "accounts:two_factor_codes": Rule(PERSONAS, method="post"),
    "accounts:two_factor_remove": Rule(PERSONAS, method="post"),
    "accounts:user_two_factor_reset": Rule(
        VESTLAND_ADMINS, method="post", kwargs=lambda cast: {"pk": cast.owner_rep.pk}
    ),
    "accounts:api_client_list": Rule(ROLE_ADMINS),
    "accounts:api_client_create": Rule(ROLE_ADMINS),
    "accounts:api_client_detail": Rule(VESTLAND_ADMINS, kwargs=_bergen_api_client),
    "accounts:api_client_rotate": Rule(VESTLAND_ADMINS, method="post", kwargs=_bergen_api_client),
    "accounts:api_client_revoke": Rule(VESTLAND_ADMINS, method="post", kwargs=_bergen_api_client),
    # A forged or used link shows the page that says so.
    "accounts:invitation": Rule(PERSONAS, public=True, kwargs=lambda cast: {"token": "forged"}),
}
