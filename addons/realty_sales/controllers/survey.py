"""A questionnaire answered at a visit on the consultant's screen (问卷).

Odoo's survey refuses an answer whose customer is not the logged-in user (a cookie
mix-up, for it). An answer started from a visit or an opportunity is the
customer's, filled in on the consultant's session: a realty user who may read the
answer (the record rules of their projects) takes it without that check.
"""

from odoo.http import request

from odoo.addons.survey.controllers.main import Survey


class RealtySurvey(Survey):
    def _check_validity(
        self, survey_token, answer_token, ensure_token=True, check_partner=True
    ):
        if (
            check_partner
            and answer_token
            and self._realty_answer_of_user(survey_token, answer_token)
        ):
            check_partner = False
        return super()._check_validity(
            survey_token,
            answer_token,
            ensure_token=ensure_token,
            check_partner=check_partner,
        )

    def _realty_answer_of_user(self, survey_token, answer_token):
        """Whether the answer was started at a visit or from an opportunity and the
        user is a realty user allowed to read it."""
        user = request.env.user
        if user._is_public() or not user.has_group("realty_base.group_realty_user"):
            return False
        _survey_sudo, answer_sudo = self._fetch_from_access_token(
            survey_token, answer_token
        )
        if not answer_sudo or not (
            answer_sudo.realty_visit_id or answer_sudo.realty_opportunity_id
        ):
            return False
        return bool(
            request.env["survey.user_input"].search_count(
                [("id", "=", answer_sudo.id)], limit=1
            )
        )
