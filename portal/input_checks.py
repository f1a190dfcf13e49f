"""Bad input refused in one place, before any view reads it: a 400 that says what was wrong, never a 500.

Every page and API endpoint reads its parameters from the query string. A NUL byte there reached
PostgreSQL ("text fields cannot contain NUL") from half a dozen views, so ``RefuseControlCharacters``
answers 400 for any query-string name or value holding a control character (tab, newline and carriage
return excepted, as pasted text may carry them), before sessions, routing or any view run. Form posts
are checked by their forms: Django's ``CharField`` already refuses NUL with a message beside the field.

``handler400`` (``portal.views.bad_request``) renders the answer: the site's 400 page, or JSON with a
``message`` under the API (as Wagtail's API answers its own 400s) and to a script that asks for JSON.
"""

import re

from django.core.exceptions import BadRequest

# C0 control characters and DEL, except tab, newline and carriage return.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The largest id or offset both databases can compare (a signed 64-bit integer).
MAX_DATABASE_INTEGER = 2**63 - 1


class RefusedInput(BadRequest):
    """A request parameter the site will not read; its message is shown to the visitor."""


def has_control_character(text):
    return CONTROL_CHARACTER.search(text) is not None


class RefuseControlCharacters:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name, values in request.GET.lists():
            if has_control_character(name) or any(has_control_character(value) for value in values):
                raise RefusedInput(
                    "The address contains a control character (such as a NUL byte) that no page here "
                    "accepts. Check the link, or search again from the page."
                )
        return self.get_response(request)
