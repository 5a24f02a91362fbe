import base64
import csv
import io

from odoo import fields, models

from ..exceptions import RealtyUserError
from ..tools import errors as codes


class RealtySheetImport(models.AbstractModel):
    """A sheet uploaded by a user: .xlsx, or .csv in UTF-8 or GBK (GB18030), as
    Chinese offices save them. Wizards read it with `_read_table` and check every
    row before writing anything."""

    _name = "realty.sheet.import"
    _description = "Realty Sheet Import"

    file = fields.Binary(required=True, attachment=False)
    filename = fields.Char()

    def _read_table(self):
        """The sheet's rows as lists of stripped strings."""
        data = base64.b64decode(self.file)
        if (self.filename or "").lower().endswith(".xlsx"):
            from openpyxl import load_workbook

            sheet = load_workbook(
                io.BytesIO(data), read_only=True, data_only=True
            ).active
            return [
                ["" if v is None else str(v).strip() for v in row]
                for row in sheet.iter_rows(values_only=True)
            ]
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "The file is neither an .xlsx sheet nor a UTF-8/GBK .csv file."
                ),
            )
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]

    def _find_columns(self, header, headers):
        """``{key: column index}`` for the `headers` names found in the first row."""
        found = {}
        for index, title in enumerate(header):
            for key, names in headers.items():
                if title.strip().lower() in names:
                    found[key] = index
        return found
