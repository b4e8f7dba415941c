"""The data of the dashboard's kecamatan coverage map: the coverage table's figures by code."""

import json

from .figures import Figures


def coverage_map_json(figures: Figures) -> str:
    """Each listed kecamatan's active BLKK and missing kejuruan (the coverage table's figures),
    by Kemendagri code, as JSON for ``static/js/dashboard_map.js``:
    ``{"36.03.01": {"name": "Balaraja", "institutions": 2, "missing": ["Tata Boga"]}, ...}``.

    It goes into a ``data-`` attribute (escaped by the template): a script block would be
    inline code to the CSP.
    """
    missing = {entry.district.key: entry.missing for entry in figures.missing_fields}
    return json.dumps(
        {
            row.key: {
                "name": row.label,
                "institutions": row["institutions"],
                "missing": missing.get(row.key, []),
            }
            for row in figures.coverage.by_district
        }
    )
