"""Staff accounts: a member of one of the portal's groups who is not an administrator (the groups
themselves are made by ``load_portal_content``, see ``home.staff_setup``)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password


class UnknownGroup(LookupError):
    pass


def staff_group(name):
    """The group called ``name``; an unknown name is refused with the names there are."""
    if found := Group.objects.filter(name=name).first():
        return found
    names = ", ".join(repr(name) for name in Group.objects.order_by("name").values_list("name", flat=True))
    raise UnknownGroup(f"No group named {name!r}. Groups: {names or 'none; run load_portal_content'}.")


def staff_member_create(*, username, password, group, email=""):
    """A staff member who is not an administrator: the account, in ``group`` and no other.

    Raises ``ValidationError`` for a taken or invalid username or a password that fails Django's
    validators (``AUTH_PASSWORD_VALIDATORS``); nothing is saved then.
    """
    user = get_user_model()(username=username, email=email)
    user.full_clean(exclude=["password"])
    validate_password(password, user)
    user.set_password(password)
    user.save()
    user.groups.add(group)
    return user
