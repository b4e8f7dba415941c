"""Import of a program's participants from an XLSX or CSV file, one module per step.

A manager uploads one file for one program. The upload is refused before any parser opens it
when it is too large, not what its name says, or a zip bomb (``uploads``), or when it says it
holds too many rows (``reading.check_row_count``). The job is stored and queued
(``jobs.participant_import_start``); the Celery task then runs ``jobs.participant_import_run``:
it reads the rows (``reading``), reads each cell (``cells``), checks every row by the trainee's
own rules and all of them against the program: NIK repeated in the file, a known NIK naming
another person, a person already in the program, the age limits and the seats left
(``checks``), and saves all of them or none. Every bad row is reported with its line in the
spreadsheet (the header is line 1), the column and the reason. Existing trainees are matched by
NIK and left as stored; new ones are created; each row becomes an accepted enrollment. The
template managers fill in is made by ``template``.
"""

from .columns import COLUMNS
from .jobs import participant_import_run, participant_import_start
from .reading import check_row_count, read_rows
from .template import example_row, template_file
from .uploads import CONTENT_TYPES, CSV, FORMATS, XLSX, ImportFileError, check_upload

__all__ = [
    "COLUMNS",
    "CONTENT_TYPES",
    "CSV",
    "FORMATS",
    "XLSX",
    "ImportFileError",
    "check_row_count",
    "check_upload",
    "example_row",
    "participant_import_run",
    "participant_import_start",
    "read_rows",
    "template_file",
]
