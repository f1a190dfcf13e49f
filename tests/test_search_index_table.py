"""Search reads Wagtail's index table directly (search/index_table.py): these fail, on whichever
database runs them, when an upgrade changes the columns that module relies on."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from careers.models import RolePage
from search import index_table


def test_the_index_table_has_the_columns_search_reads():
    for table, expected in index_table.LAYOUT[connection.vendor].items():
        found = index_table.columns(table)
        if table == index_table.FTS_TABLE:
            assert found == expected, f"{table}: bm25() weights columns by position"
        else:
            assert set(expected) <= set(found), f"{table} lost {set(expected) - set(found)}"


def test_the_index_table_finds_a_role_by_title_and_by_body():
    role_type = ContentType.objects.get_for_model(RolePage).pk
    by_title = index_table.matching_entries(["remastering"], [role_type], 5, {"title": 100})["title"]
    by_body = index_table.matching_entries(["audiocassette"], [role_type], 5, {"body": 100})["body"]
    remastering = RolePage.objects.get(slug="digital-remastering-engineer").pk
    assert (role_type, str(remastering)) in [(t, str(o)) for t, o in by_title]
    assert (role_type, str(remastering)) in [(t, str(o)) for t, o in by_body]
