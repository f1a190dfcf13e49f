"""The "Alumni moderators" group and the "Alumni story moderation" workflow, created idempotently by
the content command. Moderators review, edit, approve, reject and publish interviews under /alumni/
and edit Alumnus records; they have no permission on role pages."""

from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupApprovalTask, GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

MODERATORS_GROUP = "Alumni moderators"
WORKFLOW_NAME = "Alumni story moderation"
TASK_NAME = "Moderator approval"


def ensure_moderation(index):
    """Create the "Alumni moderators" group and the "Alumni story moderation" workflow on ``index``."""
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="alumni", codename__in=["add_alumnus", "change_alumnus", "view_alumnus"]
        ),
    )
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=["add_page", "change_page", "publish_page"]
    ):
        GroupPagePermission.objects.get_or_create(group=group, page=index, permission=permission)

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(group)

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return group, workflow
