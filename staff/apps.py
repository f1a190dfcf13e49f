from django.apps import AppConfig


class StaffConfig(AppConfig):
    """Staff accounts and how they sign in: the second factor every admin request checks
    (``staff.two_factor``), and the operator's commands ``create_staff`` (a member of one of the
    portal's groups, not an administrator), ``add_to_group`` and ``reset_2fa`` (a lost phone)."""

    name = "staff"
    verbose_name = "Staff accounts"
