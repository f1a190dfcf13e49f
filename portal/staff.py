"""The portal's staff set-up: its two groups ("Career editors", "Alumni moderators", created by
``careers.editors`` and ``alumni.moderation``), and nothing left of Wagtail's defaults that would
lead an editor nowhere.

A new Wagtail site starts with the groups "Moderators" and "Editors" and a "Moderators approval"
workflow on the whole site, whose task goes to "Moderators": a career editor would be offered
"Submit to Moderators approval", a dead end. Career editors publish role pages themselves; alumni
stories go through "Alumni story moderation" to the "Alumni moderators".
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password

from wagtail.models import Task, TaskState, Workflow, WorkflowState

WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
WAGTAIL_DEFAULT_TASK = "Moderators approval"


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


def staff_setup_snapshot():
    """The names of every group and active workflow, to say afterwards what a load changed."""
    return {
        "group": set(Group.objects.values_list("name", flat=True)),
        "workflow": set(Workflow.objects.filter(active=True).values_list("name", flat=True)),
    }


def staff_setup_changes(before, after):
    return [
        f"{verb} {kind} {name}"
        for kind in before
        for verb, names in (("created", after[kind] - before[kind]), ("removed", before[kind] - after[kind]))
        for name in sorted(names)
    ]


def remove_wagtail_default_staff_setup():
    """Remove Wagtail's default workflow, task and groups; return what could not be removed, and why.

    What holds history is disabled rather than deleted (deleting a workflow deletes its states); a
    default group with members is kept, since removing it would take rights from people.
    """
    notes = []
    for model, name, states in (
        (Workflow, WAGTAIL_DEFAULT_WORKFLOW, WorkflowState.objects.filter(workflow__name=WAGTAIL_DEFAULT_WORKFLOW)),
        (Task, WAGTAIL_DEFAULT_TASK, TaskState.objects.filter(task__name=WAGTAIL_DEFAULT_TASK)),
    ):
        for found in model.objects.filter(name=name):
            if not states.exists():
                found.delete()
            elif found.active:
                found.deactivate()
    for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS):
        if members := group.user_set.count():
            notes.append(
                f"kept group {group.name}: it has {members} member(s); move them to the portal's groups, then delete it"
            )
        else:
            group.delete()
    return notes
