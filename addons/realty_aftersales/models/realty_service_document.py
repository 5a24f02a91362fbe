from odoo import fields, models


class RealtyServiceDocument(models.Model):
    """A document of a service's checklist (身份证, 收入证明, 贷款审批通知书 …): a case
    has it received before it enters the document's stage."""

    _name = "realty.service.document"
    _description = "After-Sales Required Document"
    _order = "stage_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    stage_id = fields.Many2one(
        "realty.service.stage",
        required=True,
        index=True,
        ondelete="cascade",
        help="The stage a case enters only with this document received.",
    )
    type_id = fields.Many2one(
        related="stage_id.type_id", store=True, index=True, string="Service Type"
    )
    required = fields.Boolean(
        default=True,
        help="Unticked: listed on the checklist, but the stage does not wait for it.",
    )
    description = fields.Text(translate=True)
