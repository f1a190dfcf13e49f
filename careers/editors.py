"""The "Career editors" group: edits, publishes and unpublishes roles, manages skills, images and
documents; nothing under the alumni section. Created idempotently by the content command."""

from django.contrib.auth.models import Group, Permission

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

EDITORS_GROUP = "Career editors"
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}


def _permissions(app_label, codenames):
    return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)


def ensure_career_editors(careers_index):
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(
        *_permissions("wagtailadmin", ["access_admin"]),
        *_permissions("taggit", ["add_tag", "change_tag", "delete_tag", "view_tag"]),
    )
    for permission in _permissions("wagtailcore", PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(group=group, page=careers_index, permission=permission)
    root = Collection.get_first_root_node()
    for app_label, codenames in COLLECTION_PERMISSIONS.items():
        for permission in _permissions(app_label, codenames):
            GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)
    return group
