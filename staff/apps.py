from django.apps import AppConfig


class StaffConfig(AppConfig):
    """Staff accounts from the command line, an operator's concern: ``create_staff`` (a member of one
    of the portal's groups, not an administrator), ``add_to_group`` and ``reset_2fa`` (a lost phone)."""

    name = "staff"
    verbose_name = "Staff accounts"
