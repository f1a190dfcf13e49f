"""The site with one more page, whose query fails on a database that answers (``test_production``): a
bug, not an outage."""

from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import path

from portal import urls as site_urls


def failing_query(request):
    with transaction.atomic(), connection.cursor() as cursor:  # PostgreSQL: only this savepoint fails
        if connection.vendor == "postgresql":  # a timeout: PostgreSQL's OperationalError for a live server
            cursor.execute("SET LOCAL statement_timeout = 1")
            cursor.execute("SELECT pg_sleep(1)")
        else:  # SQLite's OperationalError for a query against a missing table
            cursor.execute("SELECT * FROM no_such_table")
    return HttpResponse("unreachable")


urlpatterns = [path("failing-query/", failing_query), *site_urls.urlpatterns]
handler400 = site_urls.handler400
