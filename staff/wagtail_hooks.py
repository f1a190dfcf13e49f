from django.urls import path

from wagtail import hooks

from staff import two_factor


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-factor/enrol/", two_factor.enrol, name="two_factor_enrol"),
        path("two-factor/verify/", two_factor.verify, name="two_factor_verify"),
    ]
