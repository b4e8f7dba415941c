"""Helpers for tests that import files through the admin, as the secretariat does."""

import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.tmp_storages import TempFolderStorage

CSV, XLSX = "0", "1"  # indexes of the admin's import formats


def upload(header, rows, file_format=CSV):
    data = tablib.Dataset(*rows, headers=header)
    if file_format == XLSX:
        return SimpleUploadedFile("data.xlsx", data.export("xlsx"))
    return SimpleUploadedFile("data.csv", data.export("csv").encode())


def admin_url(model, action):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}")


def check_file(client, model, header, rows, file_format=CSV):
    """The import form's POST: the dry run."""
    return client.post(
        admin_url(model, "import"),
        {"import_file": upload(header, rows, file_format), "format": file_format, "resource": "0"},
    )


def confirm_file(client, model, header, rows):
    """The confirm step's POST, for a CSV file as the dry run would have stored it."""
    storage = TempFolderStorage(encoding="utf-8-sig", read_mode="r")
    storage.save(tablib.Dataset(*rows, headers=header).export("csv").encode())
    return client.post(
        admin_url(model, "process_import"),
        {
            "import_file_name": storage.name,
            "original_file_name": "data.csv",
            "format": CSV,
            "resource": "0",
        },
    )


def field_names(resource_class) -> list[str]:
    """The resource's columns as older files head them: by the fields' names."""
    return list(resource_class().get_import_order())


def headers(resource_class, names) -> list[str]:
    """The columns ``names`` (fields' names) as the resource heads them in a file."""
    fields = resource_class().fields
    return [fields[name].column_name for name in names]


def assert_reports(lines, expected):
    """``lines`` names exactly the lines of ``expected``, each with its expected reason."""
    assert set(lines) == set(expected)
    for line, reason in expected.items():
        assert reason in lines[line], (line, lines[line])


def reported_lines(response) -> dict:
    """{line in the file: ' '.join(reasons)} as the import page lists them."""
    assert response.status_code == 200
    return {
        problem.line: " ".join(problem.reasons) for problem in response.context["import_problems"]
    }
