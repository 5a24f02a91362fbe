from odoo import fields, models
from odoo.tools import SQL


class RealtyReconciliationReport(models.Model):
    """对账 (§9.5): per project and day, what sales recorded (the deal payments,
    and the queue numbers' sincerity deposits, by the date the money was taken),
    what the cashiers issued (the receipts counted), what the bank confirmed (the
    part of that money no longer in transit) and the differences. Internal
    transfers move no money and are left out; a voided receipt and the money it
    took back count zero."""

    _name = "realty.reconciliation.report"
    _description = "Collections Reconciliation"
    _auto = False
    _order = "date desc, project_id"
    _rec_name = "date"

    date = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    project_id = fields.Many2one("realty.project", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_recorded = fields.Monetary(
        string="Recorded by Sales",
        readonly=True,
        aggregator="sum",
        help="The money recorded on deals and queue numbers that day (refunds "
        "negative), POS payments at their gross amount.",
    )
    amount_receipted = fields.Monetary(
        string="Receipted",
        readonly=True,
        aggregator="sum",
        help="The receipts the cashiers issued that day (void receipts count zero).",
    )
    amount_confirmed = fields.Monetary(
        string="Confirmed by the Bank",
        readonly=True,
        aggregator="sum",
        help="The part of the money recorded that day that the bank confirmed "
        "(matched with a statement line, or arrived as recorded).",
    )
    amount_in_transit = fields.Monetary(
        string="In Transit",
        readonly=True,
        aggregator="sum",
        help="Recorded, not yet confirmed by the bank (在途).",
    )
    amount_not_receipted = fields.Monetary(
        string="Recorded without Receipt",
        readonly=True,
        aggregator="sum",
        help="Recorded minus receipted: money without a receipt (a bank's "
        "disbursement) or receipts without money.",
    )
    pos_fee = fields.Monetary(
        string="POS Fees",
        readonly=True,
        aggregator="sum",
        help="Fees the acquirer keeps: the bank confirms POS money net of them.",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT ROW_NUMBER() OVER (ORDER BY money.date, money.project_id) AS id,
                   money.date,
                   money.company_id,
                   money.project_id,
                   SUM(money.recorded) AS amount_recorded,
                   SUM(money.receipted) AS amount_receipted,
                   SUM(money.confirmed) AS amount_confirmed,
                   SUM(money.recorded - money.confirmed) AS amount_in_transit,
                   SUM(money.recorded - money.receipted) AS amount_not_receipted,
                   SUM(money.pos_fee) AS pos_fee
              FROM (%s) AS money
          GROUP BY money.date, money.company_id, money.project_id
            """,
            SQL(" UNION ALL ").join(
                [
                    self._query_deal_money(),
                    self._query_queue_money(),
                    self._query_receipts(),
                ]
            ),
        )

    def _query_deal_money(self):
        return SQL(
            """
            SELECT payment.date, deal.company_id, deal.project_id,
                   payment.amount AS recorded,
                   0.0 AS receipted,
                   CASE WHEN payment.in_transit THEN 0.0 ELSE payment.amount END
                       AS confirmed,
                   COALESCE(payment.pos_fee, 0.0) AS pos_fee
              FROM realty_deal_payment payment
              JOIN realty_deal deal ON deal.id = payment.deal_id
             WHERE payment.state = 'posted' AND payment.method != 'internal'
            """
        )

    def _query_queue_money(self):
        return SQL(
            """
            SELECT payment.date, payment.company_id, number.project_id,
                   signed.amount AS recorded,
                   0.0 AS receipted,
                   CASE WHEN payment.is_matched THEN signed.amount ELSE 0.0 END
                       AS confirmed,
                   0.0 AS pos_fee
              FROM account_payment payment
              JOIN realty_queue_number number
                ON number.id = payment.realty_queue_number_id
             CROSS JOIN LATERAL (
                   SELECT CASE WHEN payment.payment_type = 'inbound'
                               THEN payment.amount ELSE -payment.amount END AS amount
                   ) signed
             WHERE payment.realty_deal_id IS NULL
               AND payment.state IN ('in_process', 'paid')
            """
        )

    def _query_receipts(self):
        return SQL(
            """
            SELECT receipt.date, receipt.company_id, receipt.project_id,
                   0.0 AS recorded,
                   line.amount AS receipted,
                   0.0 AS confirmed,
                   0.0 AS pos_fee
              FROM realty_receipt_line line
              JOIN realty_receipt receipt ON receipt.id = line.receipt_id
             WHERE receipt.state = 'posted' AND line.method != 'internal'
            """
        )
