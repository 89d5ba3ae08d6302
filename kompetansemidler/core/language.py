"""Which language a request is answered in.

Pages are in Bokmål unless the user chose another language (the language
cookie that the language menu sets): a public service answers in Norwegian
whatever the browser happens to ask for. The JSON API is for other systems,
which say what they want in ``Accept-Language``; a choice made in the browser
(the cookie) still wins there too.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from .middleware import API_PREFIX


def chosen_language(request) -> str | None:
    """The language the user chose in the language menu, if it is one we have."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if code and code in dict(settings.LANGUAGES):
        return code
    return None


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a browser's Accept-Language does not
    pick the language of a page."""

    def process_request(self, request):
        if request.path.startswith(API_PREFIX):
            super().process_request(request)
            return
        language = chosen_language(request) or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
