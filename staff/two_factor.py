"""Two-factor sign-in (TOTP) for staff, on django-otp.

When ``STAFF_2FA_REQUIRED`` is on (production's default), everyone who can open the admin (superusers,
"Career editors", "Alumni moderators") signs in with a password and then a six-digit code from an
authenticator app. At the first sign-in they enrol: scan a QR code, type the code it shows. Until the
code is checked, every admin page sends them to enrolment or to the code form; the password step is
Wagtail's login, so django-axes' lockout applies as before, and wrong codes are throttled by
django-otp. ``manage.py reset_2fa USERNAME`` removes a user's devices, and they enrol again.

wagtail-2fa would do this, but its 1.8.0 imports ``wagtail.users.widgets``, which Wagtail 8 removed:
with it installed the project does not start.
"""

from base64 import b32encode, b64encode
from urllib.parse import urlencode

import django_otp
import qrcode
import qrcode.image.svg
from django_otp.plugins.otp_totp.models import TOTPDevice

from django import forms
from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

ADMIN_PREFIX = "/admin/"
# What an unverified staff member may still open: signing in and out, the two steps, and what they load.
OPEN_URL_NAMES = (
    "wagtailadmin_login", "wagtailadmin_logout", "two_factor_enrol", "two_factor_verify",
    "wagtailadmin_javascript_catalog", "wagtailadmin_sprite",
)  # fmt: skip


def needs_second_factor(user):
    return user.is_authenticated and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return reverse("wagtailadmin_home")


def _step(view_name, next_url):
    """Redirect to a sign-in step (enrolment or the code form) that returns to ``next_url``."""
    return redirect(f"{reverse(view_name)}?{urlencode({'next': next_url})}")


class StaffSecondFactorMiddleware:
    """Sends a staff member who has not given their code yet to enrolment or to the code form."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.STAFF_2FA_REQUIRED
            and request.path_info.startswith(ADMIN_PREFIX)
            and needs_second_factor(user)
            and not user.is_verified()
            and request.path_info not in {reverse(name) for name in OPEN_URL_NAMES}
        ):
            step = "two_factor_verify" if django_otp.user_has_device(user) else "two_factor_enrol"
            return _step(step, request.get_full_path())
        return self.get_response(request)


class CodeForm(forms.Form):
    otp_token = forms.CharField(
        label="Six-digit code from your authenticator app",
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def __init__(self, *args, devices, **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = devices
        self.device = None

    def clean_otp_token(self):
        token = "".join(self.cleaned_data["otp_token"].split())
        # verify_token is throttled: after a wrong code, each next try must wait longer.
        self.device = next((device for device in self.devices if device.verify_token(token)), None)
        if self.device is None:
            raise forms.ValidationError(
                "That code did not work. Type the code your app shows now; after several wrong codes, wait a "
                "minute before trying again."
            )
        return token


def _qr_code(url):
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return "data:image/svg+xml;base64," + b64encode(image.to_string()).decode()


@sensitive_post_parameters("otp_token")
@never_cache
def enrol(request):
    """First sign-in: a new authenticator app for this account, confirmed by its first code."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if django_otp.user_has_device(user):  # a second device only after the first one's code
        return _step("two_factor_verify", _next_url(request))
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    form = CodeForm(request.POST or None, devices=[device])
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.devices_for_user(user, confirmed=False).delete()
        django_otp.login(request, device)
        return redirect(_next_url(request))
    context = {
        "title": "Set up two-factor sign-in",
        "form": form,
        "next": _next_url(request),
        "qr_code": _qr_code(device.config_url),
        "secret": b32encode(device.bin_key).decode(),
    }
    return TemplateResponse(request, "staff/two_factor.html", context)


@sensitive_post_parameters("otp_token")
@never_cache
def verify(request):
    """Every later sign-in: the code from the app enrolled before."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    devices = list(TOTPDevice.objects.devices_for_user(user, confirmed=True))
    if not devices:
        return _step("two_factor_enrol", _next_url(request))
    form = CodeForm(request.POST or None, devices=devices)
    if request.method == "POST" and form.is_valid():
        django_otp.login(request, form.device)
        return redirect(_next_url(request))
    context = {"title": "Enter your sign-in code", "form": form, "next": _next_url(request)}
    return TemplateResponse(request, "staff/two_factor.html", context)
