"""A staff user edits a role through the real Wagtail admin: draft, preview, publish, revert."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from careers.models import CareersIndexPage, RolePage


def _edit_form(role, **changes):
    fields = {
        "title": role.title,
        "slug": role.slug,
        "summary": role.summary,
        "body": rich_text(role.body),
        "tools": streamfield([("item", tool.value) for tool in role.tools]),
        "work_settings": streamfield([("item", setting.value) for setting in role.work_settings]),
        "also_known_as": streamfield([("item", name.value) for name in role.also_known_as]),
        "how_to_get_in": role.how_to_get_in,
        "title_note": role.title_note,
        "occupation": role.occupation_id or "",
        "occupation_note": role.occupation_note,
        "last_reviewed": role.last_reviewed.isoformat() if role.last_reviewed else "",
        "sector": role.sector,
        "career_stage": role.career_stage,
        "tags": ", ".join(f'"{tag.name}"' for tag in role.tags.all()),
        "related_role_links": inline_formset([{"role": link.role_id} for link in role.related_role_links.all()]),
        "path_links": inline_formset([{"destination": link.destination_id} for link in role.path_links.all()]),
        "comments": inline_formset([]),
    }
    fields.update(changes)
    return nested_form_data(fields)


def test_admin_requires_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_editor_saves_a_draft_previews_it_publishes_it_and_reverts(staff_client, client):
    role = RolePage.objects.get(slug="mastering-engineer")
    original_summary = role.summary
    edit_url = f"/admin/pages/{role.pk}/edit/"
    assert staff_client.get(edit_url).status_code == 200

    # Save a draft: the live page is untouched.
    response = staff_client.post(edit_url, _edit_form(role, summary="Draft summary for the mastering engineer."))
    assert response.status_code == 302, response.content.decode()[:2000]
    role.refresh_from_db()
    assert role.has_unpublished_changes
    assert "Draft summary" not in client.get(role.url).content.decode()

    # Preview renders the draft through the real template.
    preview_url = f"/admin/pages/{role.pk}/edit/preview/"
    data = _edit_form(role, summary="Previewed summary for the mastering engineer.")
    assert staff_client.post(preview_url, data).json()["is_valid"]
    preview = staff_client.get(preview_url)
    assert preview.status_code == 200
    assert "Previewed summary for the mastering engineer." in preview.content.decode()

    # Publish: the public page changes, including the skills.
    data = _edit_form(role, summary="Published summary.", tags='"Mastering", "Equalization", "Loudness"')
    data["action-publish"] = "action-publish"
    assert staff_client.post(edit_url, data).status_code == 302
    html = client.get(role.url).content.decode()
    assert "Published summary." in html
    assert 'href="/careers/skills/loudness/"' in html
    # Search sees the new skill at once, with no manual update_index.
    found = client.get("/search/", {"q": "loudness", "type": "role"}).content.decode()
    assert f'href="{role.url}"' in found.split('class="results"')[1]

    # Revert: the revisions screen offers the original content back, and publishing it restores it.
    first_revision = role.revisions.order_by("created_at", "pk").first()
    revert = staff_client.get(f"/admin/pages/{role.pk}/revisions/{first_revision.pk}/revert/")
    assert revert.status_code == 200
    old = first_revision.as_object()
    data = _edit_form(old)
    data["action-publish"] = "action-publish"
    data["revision"] = first_revision.pk
    assert staff_client.post(edit_url, data).status_code == 302
    assert original_summary.replace("'", "&#x27;") in client.get(role.url).content.decode()


def test_invalid_edit_is_refused_with_a_message_and_nothing_published(staff_client, client):
    role = RolePage.objects.get(slug="music-editor")
    data = _edit_form(role, summary="")
    data["action-publish"] = "action-publish"
    response = staff_client.post(f"/admin/pages/{role.pk}/edit/", data)
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    role.refresh_from_db()
    assert role.summary


def test_revisions_can_be_compared(staff_client, published_role):
    role = published_role
    role.summary = "Wholly new words, compared."
    role.save_revision().publish()
    first, latest = role.revisions.order_by("created_at", "pk")[0], role.revisions.order_by("-created_at", "-pk")[0]
    response = staff_client.get(f"/admin/pages/{role.pk}/revisions/compare/{first.pk}...{latest.pk}/")
    assert response.status_code == 200
    assert "Wholly new words, compared." in response.content.decode()


def test_publishing_can_be_scheduled(staff_client, client):
    role = RolePage.objects.get(slug="studio-designer")
    data = _edit_form(role, summary="Scheduled summary for a future date.", go_live_at="2099-01-01 10:00")
    data["action-publish"] = "action-publish"
    assert staff_client.post(f"/admin/pages/{role.pk}/edit/", data).status_code == 302
    role.refresh_from_db()
    assert role.live
    assert role.scheduled_revision is not None
    assert "Scheduled summary" not in client.get(role.url).content.decode()


def test_editor_previews_a_role_not_saved_yet(staff_client):
    """A new role has no id until it is saved: its preview shows the draft with its skills."""
    parent = CareersIndexPage.objects.get()
    model = RolePage(title="Foley Mixer", slug="foley-mixer", summary="Mixes the footsteps of a film.")
    data = _edit_form(model, body=rich_text("<p>Footsteps, doors and cloth.</p>"), tags='"Foley", "Mixing"')
    data.update(sector="media", career_stage="entry")
    preview_url = f"/admin/pages/add/careers/rolepage/{parent.pk}/preview/"
    assert staff_client.post(preview_url, data).json()["is_valid"]
    preview = staff_client.get(preview_url)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Mixes the footsteps of a film." in html
    assert ">Foley</a>" in html
