"""Two-factor sign-in for staff (TOTP): enrolled at the first sign-in, asked at every later one, reset
by an administrator; off, sign-in is as before. django-axes still locks out wrong passwords."""

from io import StringIO

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from careers.models import RolePage

from .test_staff_roles import PASSWORD, staff

ENROL, VERIFY = "/admin/two-factor/enrol/", "/admin/two-factor/verify/"


@pytest.fixture
def required(settings):
    settings.STAFF_2FA_REQUIRED = True


@pytest.fixture(params=["editor", "moderator", "administrator"])
def member(request):
    if request.param == "administrator":
        return get_user_model().objects.create_superuser("administrator", "a@example.com", PASSWORD)
    return staff(request.param, {"editor": "Career editors", "moderator": "Alumni moderators"}[request.param])


def sign_in(client, username, password=PASSWORD):
    response = client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})
    return response


def unthrottle(device):
    """django-otp makes each retry after a wrong code wait longer (1 s after the first): skip the wait."""
    device.refresh_from_db()
    device.throttle_reset()


def code(device):
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def test_first_sign_in_enrols_and_nothing_opens_before_the_code(client, required, member):
    assert sign_in(client, member.username).status_code == 302
    role = RolePage.objects.get(slug="producer")
    for url in ["/admin/", f"/admin/pages/{role.pk}/edit/", "/admin/users/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(ENROL + "?next=")

    page = client.get(ENROL + "?next=/admin/").content.decode()
    assert "Set up two-factor sign-in" in page and "data:image/svg+xml;base64," in page
    device = TOTPDevice.objects.get(user=member, confirmed=False)
    assert client.post(ENROL, {"otp_token": "000000", "next": "/admin/"}).status_code == 200
    assert client.get("/admin/").status_code == 302
    unthrottle(device)
    response = client.post(ENROL, {"otp_token": code(device), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert TOTPDevice.objects.get(user=member).confirmed


def test_later_sign_ins_ask_for_the_code_from_the_enrolled_app(client, required, editor):
    device = TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)
    sign_in(client, "editor")
    response = client.get("/admin/")
    assert response["Location"] == VERIFY + "?next=%2Fadmin%2F"
    assert client.get(ENROL)["Location"].startswith(VERIFY)  # no second device without the first one's code
    wrong = client.post(VERIFY, {"otp_token": "000000", "next": "/admin/"})
    assert "That code did not work" in wrong.content.decode()
    unthrottle(device)
    assert client.post(VERIFY, {"otp_token": code(device), "next": "/admin/"})["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.fixture
def editor():
    return staff("editor", "Career editors")


def test_wrong_passwords_still_lock_out_with_two_factor_on(client, required, editor):
    for _ in range(5):
        client.post("/admin/login/", {"username": "editor", "password": "wrong-password"})
    response = sign_in(client, "editor")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_reset_2fa_removes_the_devices_and_the_user_enrols_again(client, required, editor):
    TOTPDevice.objects.create(user=editor, name="Lost phone", confirmed=True)
    out = StringIO()
    call_command("reset_2fa", "editor", stdout=out)
    assert "Removed 1 two-factor device(s) of editor" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=editor).exists()
    sign_in(client, "editor")
    assert client.get("/admin/")["Location"].startswith(ENROL)
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        call_command("reset_2fa", "nobody")


def test_with_two_factor_off_the_password_opens_the_admin(client, settings, editor):
    settings.STAFF_2FA_REQUIRED = False
    assert sign_in(client, "editor")["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_visitors_and_the_public_site_are_untouched(client, required, editor):
    assert client.get("/careers/").status_code == 200
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    sign_in(client, "editor")
    assert client.get("/careers/").status_code == 200


def test_required_in_production_unless_turned_off_optional_elsewhere():
    from .test_production import A_REDIS, run_manage

    show = ("shell", "--no-imports", "-c", "from django.conf import settings; print(settings.STAFF_2FA_REQUIRED)")
    env = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "careers.example.org", "REDIS_URL": A_REDIS}
    assert run_manage(*show, **env).stdout.strip() == "True"
    assert run_manage(*show, **env, STAFF_2FA_REQUIRED="0").stdout.strip() == "False"
    assert run_manage(*show, DJANGO_SETTINGS_MODULE="portal.settings.dev").stdout.strip() == "False"
