"""The portal's staff set-up, made by ``load_portal_content``: its two groups ("Career editors",
"Alumni moderators", created by ``careers.editors`` and ``alumni.moderation``), and nothing left of
Wagtail's defaults that would lead an editor nowhere.

A new Wagtail site starts with the groups "Moderators" and "Editors" and a "Moderators approval"
workflow on the whole site, whose task goes to "Moderators": a career editor would be offered
"Submit to Moderators approval", a dead end. Career editors publish role pages themselves; alumni
stories go through "Alumni story moderation" to the "Alumni moderators".
"""

from django.contrib.auth.models import Group

from wagtail.models import Task, TaskState, Workflow, WorkflowState

WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
WAGTAIL_DEFAULT_TASK = "Moderators approval"


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
