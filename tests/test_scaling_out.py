"""Settings that take the portal beyond one machine: media on S3-compatible storage."""

from tests.test_production import run_manage


def test_a_bucket_name_puts_media_on_s3_compatible_storage():
    result = run_manage(
        "shell", "--no-imports", "-c",
        "from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__name__, s.bucket_name, s.endpoint_url)",
        AWS_STORAGE_BUCKET_NAME="portal-media", AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        SECRET_KEY="test-only-" + "x" * 50, ALLOWED_HOSTS="careers.example.org", REDIS_URL="redis://127.0.0.1:6379/9",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["S3Storage", "portal-media", "http://127.0.0.1:9000"]
